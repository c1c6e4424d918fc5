"""The events table as a timeline: filtering, counting, the "late start", and a rate model.

Events carry dates at the precision their source gives (a day, a month or only a year), so every
computation here works on calendar years, the one precision all events share.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

CATEGORIES = [
    "diplomatic",
    "trade agreement",
    "migration and visas",
    "security",
    "summits and visits",
    "tariffs and disputes",
    "people and culture",
]
HIGH_LEVEL_CONTACT = ["summits and visits", "trade agreement", "diplomatic"]
# The events that date the late start: when each pair opened relations, and Canada's steps to a foreign
# policy of its own.
RELATIONS_OPENED = {
    "United States–Mexico": "us-mexico-recognition",
    "Canada–United States": "canada-us-relations",
    "Canada–Mexico": "canada-mexico-relations",
}
STEPS_TO_A_FOREIGN_POLICY = {
    "Dominion formed": "dominion-of-canada",
    "Balfour Declaration": "balfour-declaration",
    "Statute of Westminster": "statute-of-westminster",
}


def with_years(events: pd.DataFrame) -> pd.DataFrame:
    """The events, in date order, with the calendar year of each as an integer column ``year``."""
    return events.assign(year=events["date"].str[:4].astype(int)).sort_values(["date", "event_id"], ignore_index=True)


def filter_events(events: pd.DataFrame, categories: list[str] | tuple[str, ...], start: int, end: int) -> pd.DataFrame:
    """Events of the given categories whose year lies between ``start`` and ``end`` inclusive."""
    unknown = set(categories) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"unknown categories: {', '.join(sorted(unknown))}; choose from: {', '.join(CATEGORIES)}")
    if start > end:
        raise ValueError(f"the period starts ({start}) after it ends ({end})")
    dated = with_years(events)
    return dated[dated["category"].isin(categories) & dated["year"].between(start, end)].reset_index(drop=True)


def involves(events: pd.DataFrame, *countries: str) -> pd.Series:
    """Which events involve every one of ``countries`` (ISO codes in the ``countries`` column)."""
    members = events["countries"].str.split(";")
    return members.map(lambda codes: set(countries) <= set(codes))


def year_of(events: pd.DataFrame, event_id: str) -> int:
    """The year of one event, named by its id; a clear error if the table lacks it."""
    match = events.loc[events["event_id"] == event_id, "date"]
    if match.empty:
        raise KeyError(f"the events table has no event '{event_id}'")
    return int(match.iloc[0][:4])


def years_of(events: pd.DataFrame, labelled: dict[str, str]) -> dict[str, int]:
    """The year of each event in ``labelled`` (a label for each event id), under its label."""
    return {label: year_of(events, event_id) for label, event_id in labelled.items()}


def late_start(events: pd.DataFrame, pairs: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """For each pair of countries, the years between a starting point and the opening of relations.

    ``pairs`` maps a label to (starting event id, relations event id); both must be in the table.
    """
    rows = [
        {"pair": label, "from_year": year_of(events, start), "relations_year": year_of(events, opened)}
        for label, (start, opened) in pairs.items()
    ]
    table = pd.DataFrame(rows)
    return table.assign(years_waited=table["relations_year"] - table["from_year"])


def yearly_counts(events: pd.DataFrame, categories: list[str], start: int, end: int) -> pd.Series:
    """Number of events of ``categories`` in every year from ``start`` to ``end``, zeros included."""
    chosen = filter_events(events, categories, start, end)
    return chosen.groupby("year").size().reindex(range(start, end + 1), fill_value=0).rename("events")


def per_decade(counts: pd.Series) -> pd.Series:
    """Sum yearly counts by decade (1990 stands for 1990–1999)."""
    return counts.groupby((counts.index // 10) * 10).sum().rename_axis("decade")


@dataclass(frozen=True)
class RateRatio:
    """A Poisson model's comparison of yearly event rates after a break year with those before it."""

    break_year: int
    years_before: int
    years_after: int
    rate_before: float
    rate_after: float
    ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    dispersion: float  # Pearson chi-squared / residual df; well above 1 means overdispersion


def rate_ratio(counts: pd.Series, break_year: int) -> RateRatio:
    """Fit log E[events in year t] = a + b * [t >= break_year] by Poisson GLM; report exp(b) with a 95% CI.

    With a single binary regressor, exp(b) equals the ratio of the mean yearly counts after and before
    the break; the model adds its standard error. Standard errors are robust (HC0) to overdispersion.
    """
    import statsmodels.api as sm  # imported here: it takes a second, and pages that fit no model need not wait

    after = (counts.index >= break_year).astype(int)
    if after.min() == after.max():
        raise ValueError(f"the break year {break_year} must fall inside the years counted")
    if counts[after == 0].sum() == 0:
        raise ValueError("no events before the break year: the rate ratio is not defined")
    design = sm.add_constant(pd.Series(after, index=counts.index, name="after"))
    fit = sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson()).fit(cov_type="HC0")
    low, high = np.exp(fit.conf_int().loc["after"])
    return RateRatio(
        break_year=break_year,
        years_before=int((after == 0).sum()),
        years_after=int(after.sum()),
        rate_before=float(counts[after == 0].mean()),
        rate_after=float(counts[after == 1].mean()),
        ratio=float(np.exp(fit.params["after"])),
        ci_low=float(low),
        ci_high=float(high),
        p_value=float(fit.pvalues["after"]),
        dispersion=float(fit.pearson_chi2 / fit.df_resid),
    )
