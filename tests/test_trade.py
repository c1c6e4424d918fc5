"""Unit tests of the trade helpers and claims, and identities that hold across the trade tables."""

import numpy as np
import pandas as pd
import pytest

from camex import load
from camex.series import annual, cagr, rebase, yearly_mean
from camex.trade import (
    basis_gap,
    broken_trend,
    cad_per_usd,
    computed_ranks_of,
    explorer_series,
    first_published,
    flows_as_reported,
    goods_and_services,
    growth_change,
    growth_rates,
    growth_robustness,
    mean_growth_checks,
    mexico_mirror,
    mexico_record,
    mirror_gap,
    outward_positions,
    p_value,
    partner_ranks,
    positions_reported_by_others,
    price_change,
    published_ranks_of,
    services_share,
    share_to,
    trend_table,
    two_way,
)


def months(year_values: dict[int, list[float]], **labels) -> pd.DataFrame:
    rows = []
    for year, values in year_values.items():
        for month, value in enumerate(values, start=1):
            rows.append({"ref_month": pd.Period(f"{year}-{month:02d}", "M"), "value": value, **labels})
    return pd.DataFrame(rows)


def test_annual_sums_complete_years_and_drops_partial_ones():
    table = months({2020: [1.0] * 12, 2021: [2.0] * 9}, flow="exports")
    assert annual(table, "value", ["flow"]).to_dict("records") == [{"year": 2020, "flow": "exports", "value": 12.0}]


def test_cagr_of_a_doubling_over_ten_years():
    series = pd.Series({2000: 100.0, 2010: 200.0})
    assert cagr(series, 2000, 2010) == pytest.approx(2**0.1 - 1)


@pytest.mark.parametrize(("start", "end", "error"), [(2010, 2000, ValueError), (2000, 2011, KeyError)])
def test_cagr_refuses_bad_periods(start, end, error):
    with pytest.raises(error):
        cagr(pd.Series({2000: 1.0, 2010: 2.0}), start, end)


def test_broken_trend_recovers_known_growth_rates():
    years = np.arange(1980, 2020)
    log_values = np.where(years < 2000, 0.05 * (years - 1980), 0.05 * 20 + 0.02 * (years - 2000))
    noise = np.random.default_rng(2000).normal(0, 0.01, len(years))
    fit = broken_trend(pd.Series(np.exp(log_values + noise), index=years), [2000])
    assert fit.growth[0] == pytest.approx(np.expm1(0.05), abs=0.003)
    assert fit.growth[1] == pytest.approx(np.expm1(0.02), abs=0.003)
    low, high = fit.slope_change_ci[0]
    assert low < -0.03 < high
    assert fit.break_test_p < 0.001


def test_broken_trend_rarely_finds_a_break_in_a_straight_trend():
    """Over many simulated straight trends, the 5% test should reject rarely (HAC over-rejects a little
    in samples this small, hence the margin)."""
    years = np.arange(1980, 2020)
    rng = np.random.default_rng(7)
    p_values = [
        broken_trend(
            pd.Series(np.exp(0.03 * (years - 1980) + rng.normal(0, 0.02, len(years))), index=years), [2000]
        ).break_test_p
        for _ in range(100)
    ]
    assert np.mean(np.array(p_values) < 0.05) < 0.2


@pytest.mark.parametrize(
    ("values", "breaks", "message"),
    [([1, 2, -1, 4], [2001], "positive"), ([1, 2, 3, 4], [2003], "fewer than two years")],
)
def test_broken_trend_refuses_what_it_cannot_fit(values, breaks, message):
    with pytest.raises(ValueError, match=message):
        broken_trend(pd.Series(values, index=range(2000, 2004), dtype=float), breaks)


def test_basis_gap_in_millions_and_percent():
    table = pd.DataFrame(
        {
            "year": [2020, 2020],
            "flow": ["imports", "imports"],
            "basis": ["customs", "balance of payments"],
            "value_cad_millions": [150.0, 100.0],
        }
    )
    gap = basis_gap(table).iloc[0]
    assert (gap["gap"], gap["gap_pct"]) == (50.0, 50.0)


def test_mirror_gap_converts_with_the_year_rate_and_keeps_common_years():
    exports_usd = pd.Series({2019: 100.0, 2020: 100.0})
    imports_cad = pd.Series({2020: 130.0, 2021: 1.0})
    table = mirror_gap(exports_usd, imports_cad, pd.Series({2020: 1.3, 2021: 1.25}))
    assert list(table.index) == [2020]
    assert table.at[2020, "imports_reported_usd"] == pytest.approx(100.0)
    assert table.at[2020, "gap_pct"] == pytest.approx(0.0)
    with pytest.raises(ValueError, match="no year"):
        mirror_gap(exports_usd, pd.Series({2030: 1.0}), pd.Series({2030: 1.0}))


def test_partner_ranks_rank_countries_only():
    rows = [
        (2020, "All countries", "exports", 100),
        (2020, "All countries", "imports", 100),
        (2020, "European Union", "exports", 60),
        (2020, "European Union", "imports", 60),
        (2020, "Other countries not elsewhere classified", "exports", 50),
        (2020, "Other countries not elsewhere classified", "imports", 50),
        (2020, "Mexico", "exports", 5),
        (2020, "Mexico", "imports", 20),
        (2020, "Japan", "exports", 10),
        (2020, "Japan", "imports", 10),
    ]
    table = pd.DataFrame(rows, columns=["year", "partner", "flow", "value_cad_millions"])
    ranks = partner_ranks(table)
    assert list(ranks["partner"]) == ["Mexico", "Japan"] and list(ranks["rank"]) == [1, 2]


def test_share_to_a_partner():
    rows = [(2020, "All countries", "exports", 200.0), (2020, "United States", "exports", 150.0)]
    share = share_to(pd.DataFrame(rows, columns=["year", "partner", "flow", "value_cad_millions"]), "United States")
    assert share.to_dict() == {2020: 75.0}


def test_rebase_to_an_index():
    series = pd.Series({2000: 50.0, 2001: 75.0})
    assert rebase(series, "index").to_dict() == {2000: 100.0, 2001: 150.0}
    assert rebase(series, "level") is series
    with pytest.raises(ValueError, match="unknown mode"):
        rebase(series, "share")


def test_trend_table_reports_each_segment_and_break():
    years = np.arange(1980, 2000)
    series = pd.Series(np.exp(np.where(years < 1990, 0.05 * (years - 1980), 0.5 + 0.01 * (years - 1990))), index=years)
    row = trend_table({"leg": broken_trend(series, [1990])}).iloc[0]
    assert row["years"] == "1980–1999"
    assert row["growth 1980–1989 (%)"] == pytest.approx(5.1, abs=0.1)
    assert row["growth 1990–1999 (%)"] == pytest.approx(1.0, abs=0.1)
    assert row["break test p"] == "<0.001"


def test_two_way_sums_flows_in_billions():
    table = pd.DataFrame(
        {"year": [2020, 2020], "partner": ["Mexico"] * 2, "flow": ["exports", "imports"], "v": [1500.0, 500.0]}
    )
    assert two_way(table, "partner", "v").to_dict() == {"Mexico": {2020: 2.0}}


def test_explorer_series_name_reporter_basis_and_currency():
    us = pd.DataFrame(
        {
            "year": 2020,
            "partner": ["Canada", "Canada", "Mexico", "Mexico"],
            "flow": ["exports", "imports"] * 2,
            "value_usd_millions": [1.0, 2.0, 3.0, 4.0],
        }
    )
    cm = pd.DataFrame(
        {
            "year": 2020,
            "basis": ["customs", "customs", "balance of payments", "balance of payments"],
            "flow": ["exports", "imports"] * 2,
            "value_cad_millions": [5.0, 6.0, 7.0, 8.0],
        }
    )
    series, totals = explorer_series(us, cm)
    assert series["US exports to Mexico (Census, USD m)"].to_dict() == {2020: 3.0}
    assert totals["Canada imports from Mexico (balance of payments, CAD m)"].to_dict() == {2020: 15.0}
    assert len(series) == 8


def test_ranks_of_one_partner_keep_their_basis_and_source():
    published = pd.DataFrame(
        {
            "year": [2023, 2023, 2024],
            "partner": ["Mexico", "Mexico", "Mexico"],
            "rank": [3, 3, None],
            "basis": ["b"] * 3,
            "source_id": ["daily", "daily", "daily"],
            "flow": ["exports", "imports", "total"],
        }
    )
    assert published_ranks_of(published, "Mexico").to_dict("records") == [
        {"year": 2023, "rank": 3, "basis": "b", "source_id": "daily"}
    ]
    ranks = pd.DataFrame({"year": [2020, 2020], "partner": ["Mexico", "Japan"], "rank": [4, 5]})
    assert computed_ranks_of(ranks, "Mexico", "computed", "bop").to_dict("records") == [
        {"year": 2020, "rank": 4, "basis": "computed", "source_id": "bop"}
    ]


def geometric(rates: dict[tuple[int, int], float], start: int = 1980) -> pd.Series:
    """A series growing by 100*log-points ``rate`` in each year of each (first, last) span."""
    logs, level = {start: 0.0}, 0.0
    for (first, last), rate in rates.items():
        for year in range(first, last + 1):
            level += rate / 100
            logs[year] = level
    return np.exp(pd.Series(logs))


def test_growth_rates_are_log_differences_of_consecutive_years_only():
    growth = growth_rates(pd.Series({2000: 100.0, 2001: 110.0, 2003: 121.0}))
    assert list(growth.index) == [2001]
    assert growth[2001] == pytest.approx(100 * np.log(1.1))
    with pytest.raises(ValueError, match="positive"):
        growth_rates(pd.Series({2000: 1.0, 2001: 0.0}))


def test_growth_change_recovers_known_means_and_their_change():
    rng = np.random.default_rng(1994)
    noise = pd.Series(rng.normal(0, 0.5, 40), index=range(1981, 2021)).cumsum() / 100
    series = geometric({(1981, 1993): 8.0, (1994, 2020): 3.0}) * np.exp(noise.reindex(range(1980, 2021), fill_value=0))
    fit = growth_change(series, [1994])
    assert fit.means[0] == pytest.approx(8.0, abs=0.5) and fit.means[1] == pytest.approx(3.0, abs=0.5)
    assert fit.changes[0] == pytest.approx(-5.0, abs=0.7)
    low, high = fit.change_ci[0]
    assert low < -5.0 < high and high < 0 and fit.change_p[0] < 0.001
    assert fit.sizes == (13, 27) and fit.years[0] == 1981


def test_growth_change_drops_excluded_years_and_ends_where_told():
    series = geometric({(1981, 2000): 5.0})
    fit = growth_change(series * np.exp(np.where(series.index == 1990, -0.3, 0.0)), [], exclude=(1990, 1991), last=1999)
    assert 1990 not in fit.years and 1991 not in fit.years and fit.years[-1] == 1999
    assert fit.means[0] == pytest.approx(5.0)


def test_growth_change_needs_two_growth_years_in_every_period():
    with pytest.raises(ValueError, match="two growth years"):
        growth_change(geometric({(1981, 1990): 5.0}), [1990])


def test_a_trend_in_levels_is_far_more_confident_than_growth_rates_on_a_random_walk():
    """The reason the chapter models growth rates: on a random walk with drift and no break, the level
    trend with Newey–West errors finds 'breaks' far more often than 5% of the time; growth rates do not."""
    rng = np.random.default_rng(5)
    years = np.arange(1985, 2020)
    level_rejects, growth_rejects = 0, 0
    for _ in range(200):
        walk = pd.Series(np.exp(np.cumsum(rng.normal(0.05, 0.08, len(years)))), index=years)
        level_rejects += broken_trend(walk, [2000]).fit.pvalues["slope_2000"] < 0.05
        growth_rejects += growth_change(walk, [2000]).change_p[0] < 0.05
    assert level_rejects / 200 > 0.3 and growth_rejects / 200 < 0.1


def test_growth_robustness_reports_every_sample_and_the_earlier_model():
    legs = {"A": geometric({(1981, 1993): 8.0, (1994, 2022): 3.0}), "B": geometric({(1981, 2022): 4.0})}
    table = growth_robustness(legs, {"A": [1989, 1994], "B": [1989]}, 1994)
    assert set(table["leg"]) == {"A"}
    assert list(table["specification"])[-2:] == [
        "break at 1994 only",
        "log-level trend, Newey–West errors (earlier model)",
    ]
    assert table.iloc[0]["change"] == pytest.approx(-5.0) and table.iloc[0]["growth years"] == "1981–2019"
    checks = mean_growth_checks(legs["B"])
    assert len(checks) == 4 and checks["mean"].round(6).eq(4.0).all()


def test_mexico_record_converts_units_and_keeps_one_publication_per_year():
    reported = pd.DataFrame(
        {
            "period": ["2019", "2019", "2019", "2019-01"],
            "recorded_by": ["MX", "MX", "MX", "MX"],
            "flow": ["exports", "imports", "exports", "exports"],
            "value": [14319.0, 9843.0, 14.0, 1.0],
            "unit": ["millones de dólares", "millones de dólares", "mmdd", "mmdd"],
            "source_id": ["both", "both", "one", "month"],
        }
    )
    record = mexico_record(reported)
    assert record.to_dict("records") == [
        {"year": 2019, "flow": "exports", "value_usd_millions": 14319.0, "source_id": "both"},
        {"year": 2019, "flow": "imports", "value_usd_millions": 9843.0, "source_id": "both"},
    ]
    with pytest.raises(ValueError, match="unknown unit"):
        mexico_record(reported.assign(unit="pesos"))


def test_mexico_mirror_sets_each_flow_against_the_partner_record_in_usd():
    mexico = pd.DataFrame(
        {
            "year": [2019, 2019],
            "flow": ["exports", "imports"],
            "value_usd_millions": [14000.0, 9000.0],
            "source_id": "s",
        }
    )
    canada = pd.DataFrame(
        {
            "year": 2019,
            "flow": ["imports", "imports", "exports", "exports"],
            "basis": ["customs", "balance of payments"] * 2,
            "value_cad_millions": [26000.0, 13000.0, 6500.0, 7800.0],
        }
    )
    rows = mexico_mirror(mexico, canada, pd.Series({2019: 1.3})).set_index("flow")
    assert rows.loc["Mexico's exports / Canada's imports", "Canada's record, customs"] == pytest.approx(20.0)
    assert rows.loc["Mexico's imports / Canada's exports", "Canada's record, balance of payments"] == pytest.approx(6.0)
    assert rows.loc["Mexico's imports / Canada's exports", "Mexico's record"] == pytest.approx(9.0)


def test_services_share_of_goods_and_services():
    goods = pd.DataFrame(
        {
            "year": 2019,
            "basis": "balance of payments",
            "flow": ["exports", "imports"],
            "value_cad_millions": [60.0, 20.0],
        }
    )
    services = pd.DataFrame(
        {
            "year": 2019,
            "reporter": "CA",
            "partner": "MX",
            "currency": "CAD",
            "flow": ["exports", "imports"],
            "value": [15.0, 5.0],
        }
    )
    assert services_share(goods_and_services(goods, services)).to_dict() == {2019: 20.0}


def test_annual_rates_fill_only_unpublished_years_from_daily_rates():
    published = pd.DataFrame({"year": [2024], "cad_per_usd": [1.3698]})
    days = pd.date_range("2024-01-02", "2025-12-31", freq="B")
    daily = pd.DataFrame({"date": days, "cad_per_usd": np.where(days.year == 2025, 1.4, 1.0)})
    rates, computed = cad_per_usd(published, daily)
    assert rates.to_dict() == {2024: 1.3698, 2025: 1.4} and computed == [2025]


def test_prices_are_taken_as_first_published_and_changes_are_per_year():
    prices = pd.DataFrame(
        {
            "ref_month": pd.PeriodIndex(["2010-01", "2010-01", "2012-01", "2015-01"], freq="M"),
            "index": "All",
            "status": ["revised", "as published (no r flag)", "as published (no r flag)", "as published (no r flag)"],
            "value": [99.0, 100.0, 100.0 * np.e**0.02, 999.0],
        }
    )
    assert first_published(prices, "All").iloc[0] == 100.0
    change = price_change(prices, "All", pd.Period("2013-01", "M"))
    assert change["last"] == pd.Period("2012-01", "M") and change["per_year"] == pytest.approx(1.0)
    with pytest.raises(KeyError, match="no first-published values"):
        first_published(prices, "Other")


def test_outward_positions_use_the_publisher_own_rows_and_give_shares():
    positions = pd.DataFrame(
        {
            "year": [2014, 2014, 2014, 2014],
            "reporter_publisher": ["Statistics Canada"] * 3 + ["Someone quoting it"],
            "direction": ["outward (Canadian direct investment abroad)"] * 4,
            "investor_country": "Canada",
            "host_country": ["Mexico", "United States", "All countries", "Mexico"],
            "value": [10.0, 40.0, 100.0, 99.0],
            "unit": "billions",
            "currency": "CAD",
        }
    )
    table = outward_positions(positions)
    assert table.loc[2014, "Mexico"] == 10.0 and table.loc[2014, "Mexico (% of all)"] == 10.0
    others = positions_reported_by_others(positions, "Mexico", "Statistics Canada")
    assert list(others["Publisher"]) == ["Someone quoting it"] and "Investor" in others
    with pytest.raises(KeyError, match="total for all countries"):
        outward_positions(positions[positions["host_country"] != "All countries"])


# Identities across the bundled tables ---------------------------------------------------------------


def test_mexico_rows_agree_between_the_two_monthly_statcan_tables():
    mexico = load("canada_mexico_trade_monthly")
    partners = load("canada_trade_by_partner_monthly")
    partners = partners[partners["partner"] == "Mexico"].drop(columns="partner")
    merged = partners.merge(mexico, on=["ref_month", "basis", "flow"], suffixes=("_partners", "_mexico"))
    assert len(merged) == len(partners) > 0
    assert np.allclose(merged["value_cad_millions_partners"], merged["value_cad_millions_mexico"])


def test_annual_balance_of_payments_copy_agrees_with_the_monthly_sums():
    monthly = annual(load("canada_trade_by_partner_monthly"), "value_cad_millions", ["basis", "partner", "flow"])
    monthly = monthly[monthly["basis"] == "balance of payments"].drop(columns="basis")
    yearly = load("canada_trade_by_partner_annual_bop").replace(
        {"partner": {"Total of all countries": "All countries"}}
    )
    merged = yearly.merge(monthly, on=["year", "partner", "flow"], suffixes=("_annual", "_monthly"))
    assert len(merged) > 0
    relative = (merged["value_cad_millions_annual"] / merged["value_cad_millions_monthly"] - 1).abs()
    assert relative.max() < 0.005, "vintages differ, but by less than half a per cent"


def test_published_2021_values_match_the_balance_of_payments_basis_not_customs():
    glance = load("canada_principal_partners")
    glance = glance[(glance["year"] == 2021) & (glance["partner"] == "Mexico")].set_index("flow")["value_cad_millions"]
    sums = annual(load("canada_mexico_trade_monthly"), "value_cad_millions", ["basis", "flow"])
    sums = sums[sums["year"] == 2021].set_index(["basis", "flow"])["value_cad_millions"]
    for flow in ["exports", "imports"]:
        assert abs(glance[flow] / sums["balance of payments", flow] - 1) < 0.025
        assert abs(glance[flow] / sums["customs", flow] - 1) > 0.05


def test_yearly_mean_of_complete_years_only():
    days = pd.date_range("2024-01-02", "2025-03-31", freq="B")
    daily = pd.Series(np.where(days.year == 2024, 1.25, 2.0), index=days)
    assert yearly_mean(daily).to_dict() == {2024: 1.25}


def test_p_values_keep_their_first_significant_digit():
    assert [p_value(p) for p in (0.62, 0.004, 0.0004)] == ["0.62", "0.004", "<0.001"]


def test_flows_are_shown_as_published_for_the_host_only():
    flows = pd.DataFrame(
        {
            "period": ["2011", "1999/2022 (cumulative, as reported)", "2018"],
            "reporter_publisher": ["A paper", "A newspaper", "An embassy"],
            "investor_country": ["Canada", "Canada", "Mexico"],
            "host_country": ["Mexico", "Mexico", "Canada"],
            "measure": ["FDI flow", "cumulative FDI flows since 1999", "FDI flow"],
            "value": [5.0, 27.479, 1.0],
            "qualifier": ['rounded ("five billion")', pd.NA, pd.NA],
            "unit": ["billions"] * 3,
            "currency": ["USD"] * 3,
            "kind": ["secondary", "secondary", "official"],
        }
    )
    shown = flows_as_reported(flows, "Mexico")
    assert list(shown["Period"]) == ["2011", "1999/2022 (cumulative, as reported)"]
    assert list(shown["Value"]) == ['5 (as published: rounded ("five billion"))', "27.479"]
    assert list(shown["Unit"]) == ["billions, USD", "billions, USD"]
    assert "host_country" not in shown and "Kind of source" in shown
