"""Unit tests of the people helpers and claims."""

import numpy as np
import pandas as pd
import pytest

from camex.claims import english_training_abroad, study_permit_holders, top_asylum_source
from camex.people import interrupted_series, monthly
from camex.series import share


def ircc_rows(measure, values, start="2015-01"):
    months = pd.period_range(start, periods=len(values), freq="M")
    return pd.DataFrame({"ref_month": months, "measure": measure, "value": pd.array(values, dtype="Int64"), "suppressed": [v is None for v in values]})


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
    log_y = 5 + 0.002 * t + season + np.where(t >= break_at, np.log1p(level_jump) + trend_jump / 12 * (t - break_at), 0) + rng.normal(0, 0.03, months)
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
    series[window[0]:window[1]] *= 0.5
    fit = interrupted_series(series, [pd.Period("2014-01", "M")], pandemic=window)
    assert fit.pandemic_level == pytest.approx(-0.5, abs=0.05)


@pytest.mark.parametrize("month", ["2010-06", "2017-12"])
def test_interrupted_series_needs_months_on_both_sides(month):
    with pytest.raises(ValueError, match="needs at least 12 months before it and 2 after it"):
        interrupted_series(synthetic(), [pd.Period(month, "M")], pandemic=None)


def test_share_uses_common_periods():
    assert share(pd.Series({2020: 5.0, 2021: 6.0}), pd.Series({2021: 60.0})).to_dict() == {2021: 10.0}


def test_study_permit_claim_is_not_verifiable_from_flows():
    study = pd.DataFrame({"year": [2019, 2024], "country": ["Mexico", "Mexico"], "value": [6255, 8365], "partial_year": [False, False]})
    verdict = study_permit_holders(study)
    assert verdict.verdict == "not verifiable from official data"
    assert "6,255 in 2019" in verdict.evidence and "8,365 in 2024" in verdict.evidence and "+34%" in verdict.evidence


def test_language_claim_is_not_verifiable():
    table = pd.DataFrame({"period": ["2023"], "measure": ["Mexico rank"], "value": [2.0], "unit": ["rank"], "source_id": ["languages-canada-2023-survey"]})
    verdict = english_training_abroad(table)
    assert verdict.verdict == "not verifiable from official data" and "Mexico rank = 2" in verdict.evidence


def test_asylum_claim_follows_the_official_rank():
    rows = [
        ("2023 (to date)", "Mexico", "rank among source countries", 1, "rank", "ircc-cimm-2023-12-05"),
        ("2023-01-01/2023-10-31", "Mexico", "IRCC/CBSA asylum claims intake", 20370, "persons", "ircc-cimm-2023-12-05"),
    ]
    table = pd.DataFrame(rows, columns=["period", "country", "measure", "value", "unit", "source_id"])
    verdict = top_asylum_source(table, 2023)
    assert verdict.verdict == "supported" and "20,370" in verdict.evidence
    assert top_asylum_source(table, 2019).verdict == "not verifiable from official data"
    table.loc[0, "value"] = 2
    assert top_asylum_source(table, 2023).verdict == "not supported"
