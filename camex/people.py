"""People-to-people series: IRCC monthly counts, travellers by release, asylum claims, and the dates of the
visa decisions the chapter's models break at (the models themselves are in :mod:`camex.comparative`)."""

from __future__ import annotations

import pandas as pd

from camex.page import prose_date

# Our modelling choice, stated in the chapter: the months when the pandemic disrupted travel and
# processing most, absorbed by an indicator so they do not bend the trend or the breaks.
PANDEMIC = (pd.Period("2020-03", "M"), pd.Period("2021-12", "M"))


def monthly(ircc: pd.DataFrame, measure: str) -> pd.Series:
    """One IRCC measure as a monthly series (suppressed months missing), indexed by month."""
    rows = ircc[ircc["measure"] == measure]
    if rows.empty:
        raise KeyError(f"no measure '{measure}'; the table has: {', '.join(sorted(ircc['measure'].unique()))}")
    return rows.set_index("ref_month")["value"].astype(float).sort_index().rename(measure)


def first_full_month(day: str) -> pd.Period:
    """The first calendar month wholly under a rule that took effect on ``day`` (ISO date): that month if
    the rule applied from its first day, otherwise the next. A rule in force from 11:30 p.m. on
    29 February 2024 first governs a whole month in March 2024."""
    if len(day) != 10:
        raise ValueError(f"'{day}' is not a day: a break month needs the day the rule took effect")
    taken_effect = pd.Timestamp(day)
    month = taken_effect.to_period("M")
    return month if taken_effect.day == 1 else month + 1


def decision_months(events: pd.DataFrame, decisions: dict[str, str]) -> dict[str, pd.Period]:
    """The first month wholly under each decision (:func:`first_full_month`), from the events table:
    ``decisions`` maps a label to an event id."""
    dated = events.set_index("event_id")["date"]
    missing = sorted(set(decisions.values()) - set(dated.index))
    if missing:
        raise KeyError(f"the events table has no event {', '.join(missing)}")
    return {label: first_full_month(dated[event_id]) for label, event_id in decisions.items()}


def labelled_decisions(events: pd.DataFrame, decisions: dict[str, str]) -> dict[str, pd.Period]:
    """The decisions as a chart marks them: 'label (day it took effect)' to the first month wholly under it."""
    dated = events.set_index("event_id")["date"]
    months = decision_months(events, decisions)
    return {f"{label} ({prose_date(dated[event_id])})": months[label] for label, event_id in decisions.items()}


def first_january_after(month: pd.Period) -> pd.Period:
    """January of the year after ``month``: where a window of whole years after a decision starts."""
    return pd.Period(f"{month.year + 1}-01", "M")


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


def one_release(travellers: pd.DataFrame, source_id: str, country: str, measure_ending: str = "") -> pd.Series:
    """The monthly values one publication gives for one country of residence (or aggregate), for the
    measure whose label ends with ``measure_ending``. Refuses a selection that mixes measures, units or
    adjustments: such rows are never one series."""
    rows = travellers[
        (travellers["source_id"] == source_id)
        & (travellers["country_of_residence"] == country)
        & travellers["measure"].str.endswith(measure_ending)
    ]
    if rows.empty:
        raise KeyError(f"'{source_id}' has no rows for '{country}'")
    for column in ("measure", "unit", "adjustment"):
        if rows[column].nunique() > 1:
            raise ValueError(f"'{source_id}' gives '{country}' in more than one {column}: choose one before plotting")
    return rows.set_index("ref_month")["value"].astype(float).sort_index().rename(country)


def same_release_share(travellers: pd.DataFrame, part: tuple[str, str], whole: tuple[str, str]) -> pd.DataFrame:
    """The share (%) one row is of another in each month of each release, never across releases. ``part``
    and ``whole`` are (country of residence, the start of the measure's label). Columns: source_id,
    ref_month, share."""

    def chosen(country: str, measure: str) -> pd.DataFrame:
        rows = travellers[
            (travellers["country_of_residence"] == country) & travellers["measure"].str.startswith(measure)
        ]
        if rows.empty:
            raise KeyError(f"no rows for '{country}' with a measure starting '{measure}'")
        return rows[["source_id", "ref_month", "value"]]

    paired = chosen(*part).merge(chosen(*whole), on=["source_id", "ref_month"], suffixes=("_part", "_whole"))
    shares = paired.assign(share=100 * paired["value_part"].astype(float) / paired["value_whole"].astype(float))
    return shares[["source_id", "ref_month", "share"]].sort_values(["ref_month", "source_id"]).reset_index(drop=True)


def against_base_year(treated: pd.Series, comparison: pd.Series, base: int) -> pd.DataFrame:
    """Yearly counts of two groups from ``base`` on, each as a change (%) from ``base``, and the treated
    group's change relative to the comparison's (the ratio of the two ratios, minus one, in per cent): a
    descriptive difference in differences, with no model of the year-to-year noise."""
    both = pd.concat([treated.rename("treated"), comparison.rename("comparison")], axis=1).dropna().loc[base:]
    if base not in both.index:
        raise KeyError(f"no value for both groups in {base}")
    changes = 100 * (both / both.loc[base] - 1)
    relative = 100 * (
        (both["treated"] / both.loc[base, "treated"]) / (both["comparison"] / both.loc[base, "comparison"]) - 1
    )
    return both.join(changes.add_suffix(" change (%)")).assign(**{"relative change (%)": relative})


def complete_years(series: pd.Series) -> pd.Series:
    """The sum of a monthly series in each calendar year that has all twelve months, indexed by year."""
    months = series.dropna()
    by_year = months.groupby([month.year for month in months.index])
    return by_year.sum()[by_year.count() == 12].rename_axis("year").rename(series.name)


def rounding_bound(cells: int, base: int = 5) -> float:
    """The most a sum of ``cells`` values, each rounded to the nearest ``base``, can differ from the sum of
    the unrounded values."""
    return cells * base / 2


def twelve_month_change(series: pd.Series, start: pd.Period) -> float:
    """The change (%) of the sum over the twelve months from ``start`` against the twelve months before."""
    after = series.loc[start : start + 11].dropna()
    before = series.loc[start - 12 : start - 1].dropna()
    if len(after) != 12 or len(before) != 12:
        raise ValueError(f"{series.name} lacks some of the 24 months around {start}")
    return float(100 * (after.sum() / before.sum() - 1))
