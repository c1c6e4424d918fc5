"""The automotive corridor: editions of the USITC series, the shares of each leg, our HS 87 shares and the
measures that reach vehicles; synthetic rows with known answers, the bundled table, and faults."""

import datetime

import pandas as pd
import pytest

from camex.autos import (
    auto_measures,
    content_only_rate,
    hs87_export_shares,
    leg_name,
    leg_shares,
    revisions,
    stated_shares,
    transport_by_edition,
)
from camex.data import load

COLUMNS = ["period", "reporter", "partner", "flow", "measure", "product", "product_class", "value", "unit"]
EXTRA = {"basis": "U.S. exports", "edition": "", "source_id": "ustr-canada-facts-2011"}


def trade(*rows, **extra):
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.assign(**(EXTRA | extra))


def usitc(period, partner, flow, value, edition, basis="U.S. exports of domestic merchandise (Census)"):
    row = trade((period, "US", partner, flow, "level", "Transportation equipment", "USITC", value, "Million $"))
    return row.assign(edition=f"Shifts in U.S. Merchandise Trade {edition}", basis=basis)


def test_editions_are_read_with_their_basis_in_billions():
    table = pd.concat(
        [
            usitc("2014", "CA", "exports_domestic", 69182, 2014),
            usitc("2014", "CA", "exports_domestic", 69846, 2015),
            usitc("2014", "CA", "exports_total", 78094, 2016, basis="U.S. total exports (Census)"),
            usitc("2018", "MX", "exports_total", 36747, 2018, basis="U.S. total exports (Census), as labelled"),
        ]
    )
    editions = transport_by_edition(table)
    assert list(editions["edition"]) == [2014, 2015, 2016, 2018]
    assert list(editions["basis"]) == ["domestic exports"] * 2 + ["total exports", "total exports (as labelled)"]
    assert editions["billions"].iloc[0] == pytest.approx(69.182)


def test_a_level_in_another_unit_is_refused():
    table = usitc("2014", "CA", "exports_domestic", 69.2, 2014).assign(unit="billion $")
    with pytest.raises(ValueError, match="million dollars"):
        transport_by_edition(table)


def test_revisions_compare_one_year_and_basis_across_editions_only():
    editions = pd.DataFrame(
        {
            "partner": ["Canada", "Canada", "Canada"],
            "year": [2014, 2014, 2014],
            "basis": ["domestic exports", "domestic exports", "total exports"],
            "edition": [2014, 2015, 2016],
            "billions": [69.182, 69.846, 78.094],
        }
    )
    gaps = revisions(editions)
    assert len(gaps) == 1 and gaps["percent"].iloc[0] == pytest.approx(100 * (69.846 / 69.182 - 1))


@pytest.mark.parametrize(
    ("reporter", "partner", "flow", "leg"),
    [
        ("US", "MX", "imports", "Mexico → United States"),
        ("MX", "CA", "exports", "Mexico → Canada"),
        ("CA", "US", "two_way", "Canada ↔ United States"),
    ],
)
def test_legs_are_named_in_the_direction_goods_travel(reporter, partner, flow, leg):
    assert leg_name(reporter, partner, flow) == leg


def test_only_shares_of_a_leg_s_own_trade_are_stated():
    table = trade(
        ("2023", "US", "MX", "imports", "share", "vehicles", "CRS", 19, "percent of U.S. imports from Mexico"),
        ("2023", "US", "CA", "imports", "share", "vehicles", "as reported", 17, "percent of U.S. vehicle imports"),
        (
            "2016",
            "CA",
            "US",
            "two_way",
            "share_lower_bound",
            "autos",
            "HS",
            None,
            "more than one-fifth of traded commodities",
        ),
        (
            "2025",
            "MX",
            "CA",
            "exports",
            "share_approx",
            "transport",
            "as reported",
            50,
            "percent of Mexico's exports to Canada",
        ),
    )
    shares = stated_shares(table)
    assert list(shares["Share of the leg's trade"]) == ["19%", "more than one-fifth of traded commodities", "about 50%"]


def test_hs87_shares_divide_by_the_year_s_total_exports_in_millions():
    table = trade(
        (
            "2011",
            "US",
            "CA",
            "exports",
            "level",
            "Vehicles",
            "HS chapter 87 (2-digit HS, as stated)",
            46.7,
            "billion $",
        ),
        (
            "2030",
            "US",
            "CA",
            "exports",
            "level",
            "Vehicles",
            "HS chapter 87 (2-digit HS, as stated)",
            50.0,
            "billion $",
        ),
    )
    totals = pd.DataFrame(
        {"partner": ["Canada"], "year": [2011], "flow": ["exports"], "value_usd_millions": [467000.0]}
    )
    shares = hs87_export_shares(table, totals)
    assert shares[["partner", "year"]].values.tolist() == [["Canada", 2011]]
    assert shares["share"].iloc[0] == pytest.approx(10.0)
    assert len(leg_shares(table, totals)) == 1


def test_the_measures_on_vehicles_leave_out_lists_named_for_vehicles_and_measures_on_others():
    measures = auto_measures(load("tariff_actions"), datetime.date(2026, 12, 1))
    assert measures["Measure"].str.contains("vehicle|automobile|buses").all()
    assert not measures["Measure"].str.startswith("Section 338").any()
    assert "countries without a trade agreement with Mexico" not in set(measures["On goods of"])


def test_a_tax_on_non_us_content_is_a_fraction_of_the_rate():
    assert content_only_rate(0.25, 0.2) == pytest.approx(0.2)
    with pytest.raises(ValueError, match="between 0 and 1"):
        content_only_rate(0.25, 18.3)


def test_the_bundled_editions_never_mix_units_and_each_edition_keeps_one_basis_per_partner():
    editions = transport_by_edition(load("vehicles_parts_trade"))
    assert editions.groupby(["partner", "edition"])["basis"].nunique().max() == 1
    assert set(editions["partner"]) == {"Canada", "Mexico"}


def test_the_editions_chart_draws_each_edition_and_basis_apart_on_one_scale():
    import matplotlib.pyplot as plt

    from camex.charts import transport_editions
    from camex.style import use

    use()
    editions = transport_by_edition(load("vehicles_parts_trade"))
    fig = transport_editions(editions)
    canada, mexico = fig.axes
    assert canada.get_ylim() == mexico.get_ylim() and canada.get_ylim()[0] == 0
    assert (
        len(canada.get_lines())
        == editions.query("partner == 'Canada'")[["edition", "basis"]].drop_duplicates().shape[0]
    )
    assert {line.get_linestyle() for line in canada.get_lines()} == {"-", "--"}  # two bases, two line styles
    fig.canvas.draw()
    texts = [text for ax in fig.axes for text in [*ax.get_legend().get_texts(), *ax.get_xticklabels(), ax.title]]
    assert min(text.get_fontsize() for text in texts) >= 8
    plt.close(fig)
