"""Unit tests of the people helpers, their charts and the monthly explorer."""

import matplotlib
import pandas as pd
import pytest
from ipywidgets import SelectMultiple

from camex import charts
from camex.explorers import monthly_explorer
from camex.people import (
    against_base_year,
    annual_claimants,
    complete_years,
    decision_months,
    first_full_month,
    first_january_after,
    labelled_decisions,
    monthly,
    one_release,
    one_value_a_year,
    rounding_bound,
    same_release_share,
    twelve_month_change,
)
from camex.series import share

matplotlib.use("Agg")


def ircc_rows(measure, values, start="2015-01"):
    months = pd.period_range(start, periods=len(values), freq="M")
    return pd.DataFrame(
        {
            "ref_month": months,
            "measure": measure,
            "value": pd.array(values, dtype="Int64"),
            "suppressed": [v is None for v in values],
        }
    )


def test_monthly_keeps_suppressed_months_missing():
    table = ircc_rows("permanent residents admitted", [100, None, 120])
    series = monthly(table, "permanent residents admitted")
    assert series.isna().tolist() == [False, True, False]
    with pytest.raises(KeyError, match="no measure 'visitors'"):
        monthly(table, "visitors")


def test_share_uses_common_periods():
    assert share(pd.Series({2020: 5.0, 2021: 6.0}), pd.Series({2021: 60.0})).to_dict() == {2021: 10.0}


def test_decision_months_are_the_first_months_wholly_under_each_rule():
    events = pd.DataFrame({"event_id": ["lift", "reimpose"], "date": ["2016-12-01", "2024-02-29"]})
    assert decision_months(events, {"lifted": "lift", "reimposed": "reimpose"}) == {
        "lifted": pd.Period("2016-12", "M"),
        "reimposed": pd.Period("2024-03", "M"),
    }
    assert labelled_decisions(events, {"lifted": "lift"}) == {"lifted (1 December 2016)": pd.Period("2016-12", "M")}
    with pytest.raises(KeyError, match="no event impose"):
        decision_months(events, {"imposed": "impose"})


@pytest.mark.parametrize(
    ("day", "month"), [("2009-07-14", "2009-08"), ("2016-12-01", "2016-12"), ("2024-02-29", "2024-03")]
)
def test_first_full_month(day, month):
    assert first_full_month(day) == pd.Period(month, "M")


def test_a_break_month_needs_the_day_the_rule_took_effect():
    with pytest.raises(ValueError, match="'2015-11' is not a day"):
        first_full_month("2015-11")


def test_first_january_after():
    assert first_january_after(pd.Period("2016-12", "M")) == pd.Period("2017-01", "M")


def test_one_value_a_year_prefers_the_official_source():
    table = pd.DataFrame({"year": [2019, 2019, 2020], "value": [10, 11, 12]})
    chosen = one_value_a_year(table, pd.Series(["secondary", "official", "secondary"]))
    assert chosen[["year", "value", "kind"]].values.tolist() == [[2019, 11, "official"], [2020, 12, "secondary"]]


def test_annual_claimants_by_country():
    asylum = pd.DataFrame(
        {
            "period": ["2022", "2023", "2023"],
            "country": ["Mexico", "Mexico", "All countries"],
            "measure": ["asylum claimants processed"] * 3,
            "value": [10.0, 20.0, 100.0],
        }
    )
    assert annual_claimants(asylum, "Mexico").to_dict() == {2022: 10.0, 2023: 20.0}
    with pytest.raises(KeyError, match="'India'"):
        annual_claimants(asylum, "India")


def travel_rows(rows):
    columns = ["ref_month", "country_of_residence", "measure", "value", "unit", "adjustment", "source_id"]
    table = pd.DataFrame(rows, columns=columns)
    return table.assign(ref_month=pd.PeriodIndex(table["ref_month"], freq="M"))


def test_one_release_gives_one_series_and_refuses_a_mix():
    table = travel_rows(
        [
            ("2020-01", "Mexico", "visitors: Tourists", 10, "persons", "nsa", "t55"),
            ("2020-01", "Mexico", "visitors: Visitors", 12, "persons", "nsa", "t55"),
            ("2020-02", "Mexico", "visitors: Visitors", 13, "persons", "nsa", "t55"),
        ]
    )
    assert one_release(table, "t55", "Mexico", ": Visitors").tolist() == [12.0, 13.0]
    with pytest.raises(ValueError, match="more than one measure"):
        one_release(table, "t55", "Mexico")
    with pytest.raises(KeyError, match="'t55' has no rows for 'Peru'"):
        one_release(table, "t55", "Peru")


def test_same_release_share_never_pairs_two_releases():
    table = travel_rows(
        [
            ("2016-12", "Mexico", "top markets", 31, "thousands", "sa", "release-a"),
            ("2016-12", "Others", "overnight trips", 538, "thousands", "sa", "release-a"),
            ("2017-01", "Mexico", "top markets", 28, "thousands", "sa", "release-b"),
            ("2017-01", "Others", "overnight trips", 544, "thousands", "sa", "release-c"),
        ]
    )
    shares = same_release_share(table, ("Mexico", "top"), ("Others", "overnight"))
    assert shares["source_id"].tolist() == ["release-a"]
    assert shares["share"].iloc[0] == pytest.approx(100 * 31 / 538)
    with pytest.raises(KeyError, match="no rows for 'Peru'"):
        same_release_share(table, ("Peru", "top"), ("Others", "overnight"))


def test_against_base_year_is_a_ratio_of_ratios():
    treated = pd.Series({2022: 50.0, 2023: 100.0, 2024: 40.0})
    comparison = pd.Series({2023: 1000.0, 2024: 1250.0})
    table = against_base_year(treated, comparison, 2023)
    assert table.index.tolist() == [2023, 2024]
    assert table.loc[2024, "treated change (%)"] == pytest.approx(-60)
    assert table.loc[2024, "comparison change (%)"] == pytest.approx(25)
    assert table.loc[2024, "relative change (%)"] == pytest.approx(100 * (0.4 / 1.25 - 1))
    with pytest.raises(KeyError, match="no value for both groups in 2022"):
        against_base_year(treated, comparison, 2022)


def test_complete_years_drop_a_year_with_a_missing_month():
    months = pd.period_range("2023-01", "2024-12", freq="M")
    series = pd.Series(1.0, index=months, name="permits")
    series[pd.Period("2024-05", "M")] = None
    assert complete_years(series).to_dict() == {2023: 12.0}


def test_rounding_bound():
    assert rounding_bound(12) == 30


def test_twelve_month_change_needs_both_years():
    months = pd.period_range("2023-01", "2024-12", freq="M")
    series = pd.Series([1.0] * 12 + [2.0] * 12, index=months, name="visitors")
    assert twelve_month_change(series, pd.Period("2024-01", "M")) == pytest.approx(100)
    with pytest.raises(ValueError, match="visitors lacks some of the 24 months around 2024-06"):
        twelve_month_change(series, pd.Period("2024-06", "M"))


def monthly_series(names):
    months = pd.period_range("2015-01", "2025-12", freq="M")
    ramp = pd.Series(range(1, len(months) + 1), index=months, dtype=float)
    return {name: ramp * (order + 1) for order, name in enumerate(names)}


def title(ax) -> str:
    """A panel's title wherever the style places it (the house style puts titles on the left)."""
    return next((ax.get_title(loc) for loc in ("left", "center", "right") if ax.get_title(loc)), "")


def test_monthly_chart_gives_each_series_its_own_panel_and_keeps_the_key_off_the_data():
    series = monthly_series(["a", "b", "c"])
    markers = {
        "lifted (1 December 2016)": pd.Period("2016-12", "M"),
        "early (1 January 2009)": pd.Period("2009-01", "M"),
    }
    fig = charts.monthly(series, list(series), pd.Period("2015-01", "M"), pd.Period("2025-12", "M"), markers)
    shown = [ax for ax in fig.axes if ax.get_visible()]
    assert [title(ax) for ax in shown] == ["a", "b", "c"]
    assert all(ax.get_legend() is None for ax in fig.axes)
    assert shown[0].get_ylim()[1] < shown[2].get_ylim()[1]  # each panel on its own scale
    labels = [text.get_text() for text in fig.legends[0].get_texts()]
    assert labels == ["pandemic months", "lifted (1 December 2016)"]  # a decision outside the period is left out
    fig.canvas.draw()  # tick labels exist once drawn
    ticks = [label for ax in shown for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]]
    texts = [*(ax.title for ax in shown), *ticks, *fig.legends[0].get_texts()]
    assert min(text.get_fontsize() for text in texts) >= 8


def test_monthly_explorer_shows_every_option():
    series = monthly_series(list("abcdefg"))
    explorer = monthly_explorer(series, {}, ["a", "b"]).widget
    select = next(child for child in explorer.children if isinstance(child, SelectMultiple))
    assert len(select.options) == 7 and select.rows == 7


def test_travellers_chart_keeps_publications_apart_and_its_key_off_the_data():
    months = pd.period_range("2020-01", "2025-10", freq="M")
    proxy = pd.Series(30_000.0, index=months)
    ratio = pd.Series(-2.0, index=months[24:])
    shares = pd.DataFrame({"ref_month": pd.PeriodIndex(["2011-12", "2016-12"], freq="M"), "share": [3.4, 5.8]})
    markers = {"lifted (1 December 2016)": pd.Period("2016-12", "M"), "reimposed": pd.Period("2024-03", "M")}
    fig = charts.travellers(shares, proxy, ratio, ratio - 0.3, markers, 2009)
    assert len(fig.axes) == 3 and all(ax.get_legend() is None for ax in fig.axes)
    daily = fig.axes[0]
    assert [line.get_linestyle() for line in daily.get_lines()][0] == "None"  # points, never joined
    labels = [text.get_text() for text in fig.legends[0].get_texts()]
    assert labels[:3] == ["pandemic months", "lifted (1 December 2016)", "reimposed"]


def test_yearly_bars_draw_only_the_decisions_within_their_years():
    counts = pd.Series([1.0, 2.0, 3.0], index=[2022, 2023, 2024])
    markers = {"early": pd.Period("2009-08", "M"), "reimposed": pd.Period("2024-03", "M")}
    fig = charts.yearly_bars({"Mexico": counts, "Others": 10 * counts}, markers, "Claimants")
    assert [title(ax) for ax in fig.axes] == ["Mexico", "Others"]
    assert [text.get_text() for text in fig.legends[0].get_texts()] == ["reimposed"]
