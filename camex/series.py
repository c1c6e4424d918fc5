"""Time-series helpers shared by the chapters: years from months, growth rates, indices."""

from __future__ import annotations

import pandas as pd


def annual(monthly: pd.DataFrame, value: str, by: list[str]) -> pd.DataFrame:
    """Sum months into calendar years, keeping only years with all twelve months present.

    Partial years, and years with a missing or suppressed month, are dropped rather than annualised:
    a sum of nine months is not a year.
    """
    months = monthly.assign(year=monthly["ref_month"].dt.year)
    grouped = months.groupby(["year", *by])[value].agg(["sum", "count"]).reset_index()
    complete = grouped[grouped["count"] == 12]
    return complete.drop(columns="count").rename(columns={"sum": value}).reset_index(drop=True)


def cagr(series: pd.Series, start: int, end: int) -> float:
    """Compound annual growth rate between two years of a series indexed by year."""
    if end <= start:
        raise ValueError(f"the end year ({end}) must come after the start year ({start})")
    missing = [year for year in (start, end) if year not in series.index or pd.isna(series.get(year))]
    if missing:
        raise KeyError(f"no value for {', '.join(map(str, missing))}")
    return float((series[end] / series[start]) ** (1 / (end - start)) - 1)


def rebase(series: pd.Series, mode: str) -> pd.Series:
    """A series as it is ('level') or as an index equal to 100 in its first year ('index')."""
    if mode == "level":
        return series
    if mode == "index":
        first = series.dropna()
        if first.empty or first.iloc[0] == 0:
            raise ValueError("an index needs a non-zero first value")
        return 100 * series / first.iloc[0]
    raise ValueError(f"unknown mode '{mode}': use 'level' or 'index'")


def share(part: pd.Series, whole: pd.Series) -> pd.Series:
    """Percentage that ``part`` is of ``whole``, for the periods both have."""
    common = part.index.intersection(whole.index)
    return (100 * part.loc[common] / whole.loc[common]).rename("share (%)")


def yearly_mean(daily: pd.Series, digits: int = 4) -> pd.Series:
    """The mean of daily observations (a series indexed by date) in each complete calendar year, rounded as
    the publisher rounds its own annual averages. A year is complete when its observations run from the
    first week of January to the last week of December."""
    dates = pd.DatetimeIndex(daily.index)
    grouped = pd.Series(daily.to_numpy(), index=dates).groupby(dates.year)
    first, last = grouped.apply(lambda days: days.index.min()), grouped.apply(lambda days: days.index.max())
    complete = (first.map(lambda day: day.day_of_year) <= 7) & (last.map(lambda day: day.month == 12 and day.day >= 24))
    return grouped.mean()[complete].round(digits).rename_axis("year")
