"""Unit tests of the people helpers and claims."""

import re

import numpy as np
import pandas as pd
import pytest

from camex.people import (
    annual_claimants,
    decision_months,
    interrupted_series,
    interruption_table,
    monthly,
    one_value_a_year,
)
from camex.series import share


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


def synthetic(level_jump=0.5, trend_jump=0.0, months=96, break_at=48, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    season = 0.3 * np.sin(2 * np.pi * t / 12)
    log_y = (
        5
        + 0.002 * t
        + season
        + np.where(t >= break_at, np.log1p(level_jump) + trend_jump / 12 * (t - break_at), 0)
        + rng.normal(0, 0.03, months)
    )
    return pd.Series(np.exp(log_y), index=pd.period_range("2010-01", periods=months, freq="M"), name="synthetic")


def test_interrupted_series_recovers_a_level_jump_despite_seasonality():
    series = synthetic(level_jump=0.5)
    fit = interrupted_series(series, [pd.Period("2014-01", "M")], pandemic=None)
    cut = fit.interruptions[0]
    assert cut.level_change == pytest.approx(0.5, abs=0.05)
    assert cut.level_ci[0] < 0.5 < cut.level_ci[1]
    assert cut.months_after == 48 and fit.months == 96


def test_interrupted_series_finds_no_jump_where_there_is_none():
    fit = interrupted_series(synthetic(level_jump=0.0), [pd.Period("2014-01", "M")], pandemic=None)
    low, high = fit.interruptions[0].level_ci
    assert low < 0 < high


def test_interrupted_series_absorbs_the_pandemic_months():
    series = synthetic(level_jump=0.0)
    window = (pd.Period("2012-03", "M"), pd.Period("2012-12", "M"))
    series[window[0] : window[1]] *= 0.5
    fit = interrupted_series(series, [pd.Period("2014-01", "M")], pandemic=window)
    assert fit.pandemic_level == pytest.approx(-0.5, abs=0.05)


@pytest.mark.parametrize("month", ["2010-06", "2017-12"])
def test_interrupted_series_needs_months_on_both_sides(month):
    with pytest.raises(ValueError, match="needs at least 12 months before it and 2 after it"):
        interrupted_series(synthetic(), [pd.Period(month, "M")], pandemic=None)


def test_share_uses_common_periods():
    assert share(pd.Series({2020: 5.0, 2021: 6.0}), pd.Series({2021: 60.0})).to_dict() == {2021: 10.0}


def test_decision_months_come_from_the_events_table():
    events = pd.DataFrame({"event_id": ["lift", "reimpose"], "date": ["2016-12-01", "2024-02-29"]})
    assert decision_months(events, {"lifted": "lift", "reimposed": "reimpose"}) == {
        "lifted": pd.Period("2016-12", "M"),
        "reimposed": pd.Period("2024-02", "M"),
    }
    with pytest.raises(KeyError, match="no event impose"):
        decision_months(events, {"imposed": "impose"})


def test_interruption_table_writes_changes_with_true_minus_signs():
    fit = interrupted_series(synthetic(level_jump=-0.3), [pd.Period("2014-01", "M")], pandemic=None)
    row = interruption_table({"synthetic": fit}).iloc[0]
    assert row["decision"] == "2014-01" and row["months after"] == 48
    assert re.fullmatch(r"\u22123\d \[\u22123\d, \u2212\d\d\]", row["level change (%)"]), row["level change (%)"]


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
