"""Unit tests of the comparative interrupted time series, on synthetic series whose effect is known."""

import numpy as np
import pandas as pd
import pytest

from camex.comparative import (
    MAIN,
    NO_TREND,
    TREND_CHANGE,
    Design,
    comparative_break,
    design_matrix,
    in_time_placebos,
    log_ratio,
    others,
    robustness_table,
)

START = "2015-01"
DECISION = pd.Period("2020-01", "M")


def pair(effect=-0.4, months=96, shock=0.0, seed=1):
    """A treated and a comparison series with their own levels, trends and seasons, a common shock that
    halves (``shock=-0.5``) both from 2018 on, and a proportional ``effect`` on the treated from DECISION."""
    rng = np.random.default_rng(seed)
    index = pd.period_range(START, periods=months, freq="M")
    t = np.arange(months)
    common = np.log1p(shock) * (index >= pd.Period("2018-01", "M")) + 0.004 * t + rng.normal(0, 0.03, months)
    comparison = 9 + common + 0.4 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 0.02, months)
    treated = 6 + common + 0.002 * t + 0.6 * np.cos(2 * np.pi * t / 12) + rng.normal(0, 0.02, months)
    treated = treated + np.log1p(effect) * (index >= DECISION)
    return pd.Series(np.exp(treated), index=index), pd.Series(np.exp(comparison), index=index)


def test_recovers_a_known_effect_relative_to_the_comparison_group():
    treated, comparison = pair(effect=-0.4)
    estimate = comparative_break(treated, comparison, DECISION, spec=MAIN)
    assert estimate.change == pytest.approx(-0.4, abs=0.03)
    assert estimate.low < -0.4 < estimate.high
    assert estimate.months == 96 and estimate.months_after == 36
    assert estimate.p_value < 0.001


def test_finds_nothing_where_there_is_nothing():
    treated, comparison = pair(effect=0.0)
    estimate = comparative_break(treated, comparison, DECISION)
    assert estimate.low < 0 < estimate.high
    assert abs(estimate.change) < 0.03


def test_a_shock_common_to_both_groups_cancels_but_fools_the_single_series():
    treated, comparison = pair(effect=0.0, shock=-0.5)
    shock = pd.Period("2018-01", "M")
    assert abs(comparative_break(treated, comparison, shock).change) < 0.03
    assert comparative_break(treated, None, shock).change == pytest.approx(-0.5, abs=0.05)


def test_the_counterfactual_takes_out_only_the_change_at_the_decision():
    treated, comparison = pair(effect=-0.4)
    estimate = comparative_break(treated, comparison, DECISION)
    gap = (estimate.observed - estimate.counterfactual).loc[DECISION:]
    assert gap.mean() == pytest.approx(np.log(0.6), abs=0.02)
    before = (estimate.observed - estimate.counterfactual).loc[: DECISION - 1]
    assert abs(before.mean()) < 1e-9


def test_specifications_change_the_design_not_the_data():
    months = pd.period_range("2019-01", periods=36, freq="M")
    main = design_matrix(months, [DECISION], MAIN)
    assert {"const", "trend", f"shift_{DECISION}", "pandemic"} <= set(main.columns)
    assert "month_12" in main.columns and "month_1" not in main.columns
    assert "trend" not in design_matrix(months, [DECISION], NO_TREND).columns
    assert f"slope_{DECISION}" in design_matrix(months, [DECISION], TREND_CHANGE).columns
    outside = pd.period_range("2022-01", periods=36, freq="M")
    assert "pandemic" not in design_matrix(outside, [pd.Period("2023-01", "M")], MAIN).columns


def test_a_window_limits_the_months_fitted():
    treated, comparison = pair()
    estimate = comparative_break(treated, comparison, DECISION, start=pd.Period("2017-01", "M"))
    assert estimate.first == pd.Period("2017-01", "M") and estimate.months == 72


def test_other_decisions_in_the_window_get_their_own_shift():
    treated, comparison = pair(effect=-0.4)
    earlier = pd.Period("2016-06", "M")
    treated[earlier:] *= 1.5  # a second, earlier break that must not bend the estimate
    estimate = comparative_break(treated, comparison, DECISION, other_breaks=(earlier,))
    assert estimate.change == pytest.approx(-0.4, abs=0.03)


def test_placebo_dates_find_no_change_before_the_real_one():
    treated, comparison = pair(effect=-0.4)
    design = Design("treated", "comparison", treated, comparison, DECISION)
    placebos = in_time_placebos(design)
    assert placebos.index.max() < DECISION and placebos.index.min() == pd.Period("2016-01", "M")
    assert placebos.abs().max() < 0.1


def test_the_robustness_table_has_human_headers_and_true_minus_signs():
    treated, comparison = pair(effect=-0.4)
    design = Design("Synthetic", "the others", treated, comparison, DECISION)
    table = robustness_table([("main", design), ("no trend", design.varied(spec=NO_TREND))])
    assert list(table.columns) == [
        "Outcome",
        "Decision",
        "Check",
        "Window",
        "Comparison group",
        "Months after",
        "Change (%)",
        "95% interval (%)",
    ]
    row = table.iloc[0]
    assert row["Decision"] == "Jan 2020" and row["Window"] == "Jan 2015–Dec 2022"
    assert row["Change (%)"].startswith("\u2212") and " to " in row["95% interval (%)"]


def test_others_is_the_total_less_the_part():
    total = pd.Series([10.0, 20.0, 30.0], index=pd.period_range("2020-01", periods=3, freq="M"))
    part = pd.Series([1.0, 2.0], index=total.index[:2])
    assert others(total, part).tolist() == [9.0, 18.0]


# ---- faults: broken inputs fail with a message that says what is wrong ----------------------------


def test_a_count_that_is_not_positive_is_refused():
    treated, comparison = pair()
    treated.iloc[5] = 0
    with pytest.raises(ValueError, match="the model is on logarithms: 2015-06 has a count that is not positive"):
        log_ratio(treated, comparison)


def test_a_part_larger_than_its_total_is_refused():
    total = pd.Series([10.0], index=pd.period_range("2020-01", periods=1, freq="M"))
    with pytest.raises(ValueError, match="the part exceeds the total in 2020-01"):
        others(total, total * 2)


@pytest.mark.parametrize("decision", ["2015-06", "2022-12"])
def test_a_decision_too_near_the_edge_of_the_window_is_refused(decision):
    treated, comparison = pair()
    with pytest.raises(ValueError, match="needs at least 12 months before it and 2 after it"):
        comparative_break(treated, comparison, pd.Period(decision, "M"))


def test_a_window_too_short_for_its_terms_is_refused():
    treated, comparison = pair()
    with pytest.raises(ValueError, match="cannot fit .* terms: widen the window"):
        comparative_break(treated, comparison, DECISION, start=pd.Period("2018-11", "M"), end=pd.Period("2020-02", "M"))


def test_placebo_dates_need_months_before_the_decision():
    treated, comparison = pair()
    design = Design("treated", "comparison", treated, comparison, DECISION, start=pd.Period("2019-01", "M"))
    with pytest.raises(ValueError, match="too few months before 2020-01 for a placebo date"):
        in_time_placebos(design)
