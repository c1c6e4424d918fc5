"""People-to-people series: IRCC monthly counts and an interrupted time series around visa decisions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from camex.page import signed
from camex.segmented import segmented_ols

# Our modelling choice, stated in the chapter: the months when the pandemic disrupted travel and
# processing most, absorbed by an indicator so they do not bend the trend or the breaks.
PANDEMIC = (pd.Period("2020-03", "M"), pd.Period("2021-12", "M"))


def monthly(ircc: pd.DataFrame, measure: str) -> pd.Series:
    """One IRCC measure as a monthly series (suppressed months missing), indexed by month."""
    rows = ircc[ircc["measure"] == measure]
    if rows.empty:
        raise KeyError(f"no measure '{measure}'; the table has: {', '.join(sorted(ircc['measure'].unique()))}")
    return rows.set_index("ref_month")["value"].astype(float).sort_index().rename(measure)


@dataclass(frozen=True)
class Interruption:
    month: pd.Period
    months_after: int
    level_change: float  # proportional jump at the break (e^shift - 1)
    level_ci: tuple[float, float]
    trend_change: float  # change in growth per year after the break (e^(12 * slope) - 1)
    trend_ci: tuple[float, float]


@dataclass(frozen=True)
class InterruptedSeries:
    measure: str
    first: pd.Period
    last: pd.Period
    months: int
    interruptions: tuple[Interruption, ...]
    pandemic_level: float  # proportional difference during the pandemic months
    pandemic_ci: tuple[float, float]
    fit: object


def interrupted_series(
    series: pd.Series,
    breaks: list[pd.Period],
    pandemic: tuple[pd.Period, pd.Period] | None = PANDEMIC,
    hac_lags: int = 12,
) -> InterruptedSeries:
    """Segmented regression of log monthly counts with a level shift and trend change at each break.

    log y_t = a + b t + sum_k [c_k D_kt + d_k D_kt (t - k)] + month-of-year effects + p P_t + e_t,
    where D_kt = 1 from break month k on and P_t = 1 in the pandemic months. OLS with Newey–West
    standard errors (``hac_lags`` months). Effects are reported as proportions with 95% intervals.
    """
    values = series.dropna()
    if (values <= 0).any():
        raise ValueError("the model is on logarithms: every month needs a positive count")
    months = pd.PeriodIndex(values.index, freq="M")
    time = pd.Series([month.ordinal for month in months], index=values.index, dtype=float)
    for month in breaks:
        after = int((months >= month).sum())
        if after < 2 or after > len(months) - 12:
            raise ValueError(
                f"break {month} needs at least 12 months before it and 2 after it in {months.min()}–{months.max()}"
            )
    controls = pd.get_dummies(pd.Series(months.month, index=values.index), prefix="month", drop_first=True, dtype=float)
    if pandemic is not None:
        controls["pandemic"] = ((months >= pandemic[0]) & (months <= pandemic[1])).astype(float)
    fit = segmented_ols(np.log(values), time, [month.ordinal for month in breaks], controls, hac_lags)
    interval = fit.conf_int()

    def proportional(name: str, scale: int = 1) -> tuple[float, tuple[float, float]]:
        return float(np.expm1(scale * fit.params[name])), (
            float(np.expm1(scale * interval.loc[name, 0])),
            float(np.expm1(scale * interval.loc[name, 1])),
        )

    interruptions = []
    for month in breaks:
        level, level_ci = proportional(f"shift_{month.ordinal}")
        trend, trend_ci = proportional(f"slope_{month.ordinal}", 12)
        interruptions.append(Interruption(month, int((months >= month).sum()), level, level_ci, trend, trend_ci))
    pandemic_level, pandemic_ci = (
        proportional("pandemic") if pandemic is not None else (float("nan"), (float("nan"), float("nan")))
    )
    return InterruptedSeries(
        str(series.name),
        months.min(),
        months.max(),
        len(months),
        tuple(interruptions),
        pandemic_level,
        pandemic_ci,
        fit,
    )


def decision_months(events: pd.DataFrame, decisions: dict[str, str]) -> dict[str, pd.Period]:
    """The month of each decision, from the events table: ``decisions`` maps a label to an event id."""
    dated = events.set_index("event_id")["date"]
    missing = sorted(set(decisions.values()) - set(dated.index))
    if missing:
        raise KeyError(f"the events table has no event {', '.join(missing)}")
    return {label: pd.Period(dated[event_id][:7], "M") for label, event_id in decisions.items()}


def interruption_table(fits: dict[str, InterruptedSeries]) -> pd.DataFrame:
    """One row per series and decision: the months fitted, the months after the decision, and the
    level and trend changes in per cent with their 95% intervals."""

    def with_interval(value: float, bounds: tuple[float, float]) -> str:
        low, high = (signed(100 * bound, 0) for bound in bounds)
        return f"{signed(100 * value, 0)} [{low}, {high}]"

    rows = [
        {
            "series": measure,
            "months": f"{fit.first}–{fit.last}",
            "decision": str(cut.month),
            "months after": cut.months_after,
            "level change (%)": with_interval(cut.level_change, cut.level_ci),
            "trend change per year (%)": with_interval(cut.trend_change, cut.trend_ci),
        }
        for measure, fit in fits.items()
        for cut in fit.interruptions
    ]
    return pd.DataFrame(rows)


def one_value_a_year(table: pd.DataFrame, kinds: pd.Series) -> pd.DataFrame:
    """One row per year, preferring an official source where sources of several kinds give a value;
    ``kinds`` is each row's kind of source. Years without a value stay absent."""
    ranked = table.assign(kind=kinds).sort_values("kind", key=lambda kind: kind != "official", kind="stable")
    return ranked.drop_duplicates("year").sort_values("year").reset_index(drop=True)


def annual_claimants(asylum: pd.DataFrame, country: str) -> pd.Series:
    """Asylum claimants processed in each year, for one country of citizenship (or 'All countries')."""
    rows = asylum[asylum["measure"].str.startswith("asylum claimants processed") & (asylum["country"] == country)]
    if rows.empty:
        raise KeyError(f"no annual claimant counts for '{country}'")
    return rows.assign(year=rows["period"].astype(int)).set_index("year")["value"].rename(country)
