"""A comparative interrupted time series: a monthly series for one group against a comparison group.

The outcome is the log ratio of the two groups' counts, r_t = log(treated_t / comparison_t), and the
model is

    r_t = a + b t + c D_t [+ d D_t (t - k)] + sum_m s_m M_mt [+ p P_t] + e_t,

where D_t = 1 from the decision month k on, M_mt are month-of-year indicators and P_t marks the
pandemic months. Anything that moves both groups in the same proportion cancels in r_t, so e^c - 1 is
the proportional change in the treated group's count at the decision relative to the comparison group:
the difference-in-differences estimate of a regression in which the level, trend and seasonality may all
differ between the groups. OLS with Newey–West (HAC) standard errors. Without a comparison group the
same model on log(treated_t) is the single-series interrupted time series.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from camex.page import signed
from camex.people import PANDEMIC

MONTHS_BEFORE, MONTHS_AFTER = 12, 2  # the least a window must hold on each side of the decision


@dataclass(frozen=True)
class Specification:
    """What the model includes besides the level shift and the month-of-year effects."""

    label: str = "main specification"
    trend: bool = True  # a linear trend in the log ratio
    trend_change: bool = False  # a change of that trend from the decision on
    pandemic: tuple[pd.Period, pd.Period] | None = PANDEMIC  # used only when the window covers some of it
    hac_lags: int = 12


MAIN = Specification()
NO_TREND = Specification("no trend", trend=False)
TREND_CHANGE = Specification("trend change at the decision", trend_change=True)
NO_PANDEMIC = Specification("no pandemic indicator", pandemic=None)
SHORT_LAGS = Specification("Newey–West with 3 lags", hac_lags=3)


@dataclass(frozen=True)
class Estimate:
    decision: pd.Period
    first: pd.Period
    last: pd.Period
    months: int
    months_after: int
    change: float  # proportional change at the decision, e^c - 1
    low: float  # 95% interval of the change
    high: float
    p_value: float
    observed: pd.Series  # the modelled outcome (log ratio, or log count), by month
    counterfactual: pd.Series  # the fitted outcome with the shift at the decision taken out


def log_ratio(treated: pd.Series, comparison: pd.Series | None = None) -> pd.Series:
    """log(treated / comparison) for the months both have (or log(treated) without a comparison)."""
    values = treated.dropna() if comparison is None else pd.concat([treated, comparison], axis=1).dropna()
    bad = values[(values <= 0).any(axis=1)] if values.ndim == 2 else values[values <= 0]
    if len(bad):
        raise ValueError(f"the model is on logarithms: {bad.index[0]} has a count that is not positive")
    ratio = np.log(values) if comparison is None else np.log(values.iloc[:, 0] / values.iloc[:, 1])
    return ratio.astype(float).sort_index()


def others(total: pd.Series, part: pd.Series) -> pd.Series:
    """A comparison group: a total less the group it contains, month by month (months both have)."""
    common = total.dropna().index.intersection(part.dropna().index)
    rest = total.loc[common] - part.loc[common]
    if (rest < 0).any():
        raise ValueError(f"the part exceeds the total in {rest[rest < 0].index[0]}: are they the same measure?")
    return rest.astype(float)


def design_matrix(months: pd.PeriodIndex, breaks: list[pd.Period], spec: Specification) -> pd.DataFrame:
    """Constant, trend, a shift (and, if asked, a trend change) at each break, month-of-year effects and the
    pandemic indicator, one row per month."""
    time = np.array([month.ordinal for month in months], dtype=float)
    design = pd.DataFrame({"const": 1.0}, index=months)
    if spec.trend:
        design["trend"] = time - time.min()
    for month in breaks:
        design[f"shift_{month}"] = (months >= month).astype(float)
        if spec.trend_change:
            design[f"slope_{month}"] = np.where(months >= month, time - month.ordinal, 0.0)
    seasons = pd.get_dummies(pd.Series(months.month, index=months), prefix="month", drop_first=True, dtype=float)
    design = design.join(seasons)
    if spec.pandemic is not None:
        covered = (months >= spec.pandemic[0]) & (months <= spec.pandemic[1])
        if covered.any() and not covered.all():
            design["pandemic"] = covered.astype(float)
    return design


def comparative_break(
    treated: pd.Series,
    comparison: pd.Series | None,
    decision: pd.Period,
    start: pd.Period | None = None,
    end: pd.Period | None = None,
    spec: Specification = MAIN,
    other_breaks: tuple[pd.Period, ...] = (),
) -> Estimate:
    """Fit the model over ``start``–``end`` and return the change at ``decision``. Other decisions in the
    window (``other_breaks``) get their own shift (and trend change) so they do not bend the estimate."""
    import statsmodels.api as sm  # imported here: pages that fit no model need not wait for it

    outcome = log_ratio(treated, comparison).loc[start:end]
    months = pd.PeriodIndex(outcome.index, freq="M")
    before, after = int((months < decision).sum()), int((months >= decision).sum())
    if before < MONTHS_BEFORE or after < MONTHS_AFTER:
        raise ValueError(
            f"the decision of {decision} needs at least {MONTHS_BEFORE} months before it and {MONTHS_AFTER} after it "
            f"in the window; {months.min()}–{months.max()} has {before} before and {after} after"
        )
    breaks = [decision, *[month for month in other_breaks if months.min() < month <= months.max()]]
    design = design_matrix(months, breaks, spec)
    if len(months) <= design.shape[1] + 2:
        raise ValueError(f"{len(months)} months cannot fit {design.shape[1]} terms: widen the window")
    fit = sm.OLS(outcome.to_numpy(), design).fit(cov_type="HAC", cov_kwds={"maxlags": spec.hac_lags})
    shift = f"shift_{decision}"
    low, high = fit.conf_int().loc[shift]
    without = design.copy()
    without[shift] = 0.0
    if spec.trend_change:
        without[f"slope_{decision}"] = 0.0
    return Estimate(
        decision=decision,
        first=months.min(),
        last=months.max(),
        months=len(months),
        months_after=after,
        change=float(np.expm1(fit.params[shift])),
        low=float(np.expm1(low)),
        high=float(np.expm1(high)),
        p_value=float(fit.pvalues[shift]),
        observed=pd.Series(outcome.to_numpy(), index=months, name="observed"),
        counterfactual=pd.Series(without.to_numpy() @ fit.params.to_numpy(), index=months, name="counterfactual"),
    )


@dataclass(frozen=True)
class Design:
    """One estimate the chapter reports: which outcome, against which comparison, at which decision, over
    which window, with which specification. ``varied`` gives the same design with some choices changed."""

    outcome: str
    comparison_label: str
    treated: pd.Series
    comparison: pd.Series | None
    decision: pd.Period
    start: pd.Period | None = None
    end: pd.Period | None = None
    spec: Specification = MAIN
    other_breaks: tuple[pd.Period, ...] = ()

    def fit(self) -> Estimate:
        return comparative_break(
            self.treated, self.comparison, self.decision, self.start, self.end, self.spec, self.other_breaks
        )

    def varied(self, **changes) -> Design:
        return replace(self, **changes)


def in_time_placebos(design: Design, margin: int = MONTHS_BEFORE) -> pd.Series:
    """The estimate at every false decision month in the months before the real one, each fitted on a window
    that ends the month before the real decision (so the real change cannot enter), leaving at least
    ``margin`` months before and :data:`MONTHS_AFTER` after each false date."""
    window = log_ratio(design.treated, design.comparison).loc[design.start : design.decision - 1].index
    candidates = list(window[margin : len(window) - MONTHS_AFTER + 1])
    if not candidates:
        raise ValueError(f"too few months before {design.decision} for a placebo date")
    return pd.Series(
        [design.varied(decision=month, end=design.decision - 1, other_breaks=()).fit().change for month in candidates],
        index=pd.PeriodIndex(candidates, freq="M"),
        name="placebo change",
    )


def window_text(estimate: Estimate) -> str:
    return f"{estimate.first:%b %Y}–{estimate.last:%b %Y}"


def robustness_table(designs: list[tuple[str, Design]], estimates: list[Estimate] | None = None) -> pd.DataFrame:
    """One row per (check, design): the outcome, the decision month, the check, the window, the comparison
    group, the months after the decision, and the change in per cent with its 95% interval. ``estimates``
    are the designs' fits, if already made."""
    estimates = estimates or [design.fit() for _, design in designs]
    rows = [
        {
            "Outcome": design.outcome,
            "Decision": f"{estimate.decision:%b %Y}",
            "Check": check,
            "Window": window_text(estimate),
            "Comparison group": design.comparison_label,
            "Months after": estimate.months_after,
            "Change (%)": signed(100 * estimate.change, 0),
            "95% interval (%)": f"{signed(100 * estimate.low, 0)} to {signed(100 * estimate.high, 0)}",
        }
        for (check, design), estimate in zip(designs, estimates)
    ]
    return pd.DataFrame(rows)
