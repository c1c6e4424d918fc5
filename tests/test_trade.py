"""Unit tests of the trade helpers and claims, and identities that hold across the trade tables."""

import numpy as np
import pandas as pd
import pytest

from camex import load
from camex.claims import about_ten_percent_growth, canada_mexico_trade_total, mexico_rank, partner_value
from camex.series import annual, cagr, rebase
from camex.trade import basis_gap, broken_trend, mirror_gap, partner_ranks, share_to


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
    assert cagr(series, 2000, 2010) == pytest.approx(2 ** 0.1 - 1)


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
        broken_trend(pd.Series(np.exp(0.03 * (years - 1980) + rng.normal(0, 0.02, len(years))), index=years), [2000]).break_test_p
        for _ in range(100)
    ]
    assert np.mean(np.array(p_values) < 0.05) < 0.2


@pytest.mark.parametrize(("values", "breaks", "message"), [([1, 2, -1, 4], [2001], "positive"), ([1, 2, 3, 4], [2003], "fewer than two years")])
def test_broken_trend_refuses_what_it_cannot_fit(values, breaks, message):
    with pytest.raises(ValueError, match=message):
        broken_trend(pd.Series(values, index=range(2000, 2004), dtype=float), breaks)


def test_basis_gap_in_millions_and_percent():
    table = pd.DataFrame(
        {"year": [2020, 2020], "flow": ["imports", "imports"], "basis": ["customs", "balance of payments"], "value_cad_millions": [150.0, 100.0]}
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
        (2020, "All countries", "exports", 100), (2020, "All countries", "imports", 100),
        (2020, "European Union", "exports", 60), (2020, "European Union", "imports", 60),
        (2020, "Other countries not elsewhere classified", "exports", 50), (2020, "Other countries not elsewhere classified", "imports", 50),
        (2020, "Mexico", "exports", 5), (2020, "Mexico", "imports", 20),
        (2020, "Japan", "exports", 10), (2020, "Japan", "imports", 10),
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


def test_goods_and_services_claim_below_goods_alone_is_not_supported():
    verdict = canada_mexico_trade_total({"customs": 55_000.0, "balance of payments": 38_000.0}, 32.7, 2023)
    assert verdict.verdict == "not supported" and "38.0 billion" in verdict.evidence
    assert canada_mexico_trade_total({"customs": 30_000.0}, 32.7, 2023).verdict == "not verifiable from official data"


def test_rank_claim_uses_the_published_ranking():
    published = pd.DataFrame({"year": [2023, 2023], "partner": ["China", "Mexico"], "rank": [2, 3]})
    assert mexico_rank(published, 2023).verdict == "supported"
    assert mexico_rank(published, 2023, claimed_rank=2).verdict == "not supported"
    assert mexico_rank(published, 2019).verdict == "not verifiable from official data"


def test_partner_value_claim_matches_a_basis_within_rounding():
    verdict = partner_value(119.3, "China", 2023, {"customs": 119_359.0})
    assert verdict.verdict == "supported" and "customs basis" in verdict.evidence
    assert partner_value(804.4, "United States", 2023, {"customs": 969_873.0}).verdict == "not supported"


def test_growth_claim_verdict_follows_the_stated_band():
    assert about_ten_percent_growth({"a": 0.09, "b": 0.11}).verdict == "supported"
    assert about_ten_percent_growth({"a": 0.09, "b": 0.145}).verdict == "partly supported"
    assert about_ten_percent_growth({"a": 0.05, "b": 0.145}).verdict == "not supported"


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
    yearly = load("canada_trade_by_partner_annual_bop").replace({"partner": {"Total of all countries": "All countries"}})
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
