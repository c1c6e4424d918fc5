"""The events table as a timeline: filtering, counting, the "late start", the rule for what counts as
contact between Canada and Mexico, and the count models that ask whether that contact changed at NAFTA.

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
# The coding of each event for counting contact (column ``contact_coding``; the rule is in data/README.md).
CONTACT = "bilateral contact"
STAGE = "procedural stage"
CODINGS = [CONTACT, STAGE, "multilateral milestone", "domestic step", "other pair"]
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
# Canada's first diplomatic steps in Latin America, to set 1944 in context.
FIRST_MISSIONS = {
    "Argentina: diplomatic relations established": "canada-argentina-relations-1940",
    "Brazil: Canada agrees to open a legation in Rio de Janeiro": "brazil-legation-agreed-1940",
    "Brazil: Brazil opens a legation in Ottawa": "brazil-legation-ottawa-1941",
    "Brazil: Canada's legation in Rio de Janeiro opens": "canada-legation-rio-1941",
    "Argentina and Brazil: Canada's legations in both (a combined record)": "canada-latin-america-legations-1941",
    "Mexico: diplomatic relations established": "canada-mexico-relations",
    "Brazil: Canada's legation raised to an embassy": "canada-embassy-brazil-1944",
    "Argentina: Canada's first ambassador takes up his post": "canada-ambassador-argentina-1945",
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


# ---- the coding rule ---------------------------------------------------------------------------------


def bilateral_contact(events: pd.DataFrame, with_stages: bool = False, one_per_occasion: bool = False) -> pd.DataFrame:
    """The events that count as contact between the governments of Canada and Mexico.

    The rule: one row per meeting, visit, call or agreement between the two governments, coded
    ``bilateral contact``, with both countries in ``countries``. Procedural stages of an agreement counted
    elsewhere, multilateral milestones, one country's domestic steps and other pairs of countries do not
    count. ``with_stages`` adds the procedural stages of agreements involving both countries, NAFTA's and
    CUSMA's included (a robustness check);
    ``one_per_occasion`` drops agreements concluded during a visit that has its own row.
    """
    needed = {"countries", "contact_coding"} | ({"same_occasion_as"} if one_per_occasion else set())
    missing = needed - set(events.columns)
    if missing:
        raise KeyError(f"the events lack the column(s) {', '.join(sorted(missing))} that the coding rule reads")
    unknown = set(events["contact_coding"]) - set(CODINGS)
    if unknown:
        raise ValueError(
            f"unknown contact coding(s): {', '.join(sorted(map(str, unknown)))}; use one of: {', '.join(CODINGS)}"
        )
    counted = events["contact_coding"].isin([CONTACT, STAGE] if with_stages else [CONTACT])
    chosen = events[involves(events, "CA", "MX") & counted]
    return chosen[chosen["same_occasion_as"].isna()] if one_per_occasion else chosen


def coding_summary(events: pd.DataFrame) -> pd.DataFrame:
    """How many events carry each coding, in all and among those involving both Canada and Mexico."""
    pair = involves(events, "CA", "MX")
    return pd.DataFrame(
        {
            "Coding": CODINGS,
            "Events": [int((events["contact_coding"] == code).sum()) for code in CODINGS],
            "Involving both Canada and Mexico": [
                int((pair & (events["contact_coding"] == code)).sum()) for code in CODINGS
            ],
        }
    )


def longest_gap(counts: pd.Series) -> tuple[int, int] | None:
    """The first and last year of the longest run of years with no event (the earliest, if runs tie)."""
    empty = counts.eq(0).to_numpy()
    best, start = None, None
    for position, (year, is_empty) in enumerate(zip(counts.index, empty)):
        if is_empty and start is None:
            start = year
        if start is not None and (position == len(empty) - 1 or not empty[position + 1]):
            if best is None or year - start > best[1] - best[0]:
                best = (int(start), int(year))
            start = None
    return best


def coding_variants(events: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The samples the robustness table compares, under their labels: the rule and its variants."""
    pair = events[involves(events, "CA", "MX")]
    return {
        "Bilateral contact (the coding rule)": bilateral_contact(events),
        "All events involving both countries": pair,
        "Former count: summits, agreements and diplomatic steps": pair[pair["category"].isin(HIGH_LEVEL_CONTACT)],
        "Bilateral contact and procedural stages": bilateral_contact(events, with_stages=True),
        "Bilateral contact, one row per occasion": bilateral_contact(events, one_per_occasion=True),
        "Bilateral contact, first compilation only": bilateral_contact(events[events["compilation"] == "first"]),
    }


# ---- count models ------------------------------------------------------------------------------------

ESTIMATORS = ["Poisson", "quasi-Poisson", "negative binomial"]
# Our choices for the history chapter: the candidate break years of the profile (each leaves two decades or
# more of the record on either side) and the half-width of the shorter window around the break.
CANDIDATE_BREAKS = range(1970, 2016)
WINDOW_YEARS = 20


@dataclass(frozen=True)
class CountModel:
    """A log-linear model of yearly event counts: log E[y_t] = a + b 1[t >= break] + c (t - first) / 10.

    ``step`` is exp(b), the ratio of the yearly rate from the break year on to the rate the rest of the model
    predicts without it; ``trend`` is exp(c), the ratio of the rate in one year to the rate ten years
    earlier. Either is None when the model leaves it out.
    """

    estimator: str
    break_year: int | None
    first_year: int
    last_year: int
    events: int
    step: float | None
    step_ci: tuple[float, float] | None
    step_p: float | None
    trend: float | None
    trend_ci: tuple[float, float] | None
    trend_p: float | None
    deviance: float  # Poisson deviance of the same design (lower fits better); comparable across break years
    dispersion: float  # Pearson chi-squared / residual df of the Poisson fit; well above 1 means overdispersion
    fitted: tuple[float, ...]  # the expected count in each year


def design_matrix(years: pd.Index, break_year: int | None, trend: bool) -> pd.DataFrame:
    """A constant, a step at ``break_year`` (if any) and a linear trend in decades since the first year (if asked)."""
    columns = {"const": np.ones(len(years))}
    if break_year is not None:
        columns["step"] = (years >= break_year).astype(float)
    if trend:
        columns["decade"] = (years - years.min()) / 10
    return pd.DataFrame(columns, index=years)


def check_break(counts: pd.Series, break_year: int) -> None:
    """A step is defined only at a year inside the counted years with events on both sides of it."""
    after = counts.index >= break_year
    if after.all() or not after.any():
        raise ValueError(f"the break year {break_year} must fall inside the years counted")
    if counts[~after].sum() == 0 or counts[after].sum() == 0:
        raise ValueError(f"no events on one side of {break_year}: the step is not defined")


def fit_counts(
    counts: pd.Series, break_year: int | None = None, trend: bool = False, estimator: str = "Poisson"
) -> CountModel:
    """Fit a step at ``break_year``, a linear trend, or both, to yearly counts (zeros included).

    Poisson: a GLM with heteroskedasticity-robust (HC0) standard errors. Quasi-Poisson: the same GLM with
    its standard errors scaled by the Pearson dispersion. Negative binomial: the NB2 model, its dispersion
    estimated by maximum likelihood. All three estimate the same rate ratios when the counts are Poisson;
    they differ in how they allow for extra variance.
    """
    import statsmodels.api as sm  # imported here: it takes a second, and pages that fit no model need not wait

    if estimator not in ESTIMATORS:
        raise ValueError(f"unknown estimator '{estimator}'; choose from: {', '.join(ESTIMATORS)}")
    if break_year is None and not trend:
        raise ValueError("the model needs a break year, a trend or both")
    if break_year is not None:
        check_break(counts, break_year)
    design = design_matrix(counts.index, break_year, trend)
    values = counts.to_numpy()
    poisson = sm.GLM(values, design, family=sm.families.Poisson())
    base = poisson.fit()
    if estimator == "negative binomial":
        fit = sm.NegativeBinomial(values, design).fit(disp=0, maxiter=500)
        params, intervals, pvalues = fit.params, fit.conf_int(), fit.pvalues
        fitted = np.exp(design.to_numpy() @ params[design.columns].to_numpy())
    else:
        fit = poisson.fit(cov_type="HC0") if estimator == "Poisson" else poisson.fit(scale="X2")
        params, intervals, pvalues, fitted = fit.params, fit.conf_int(), fit.pvalues, fit.fittedvalues

    def ratio(name: str) -> tuple[float | None, tuple[float, float] | None, float | None]:
        if name not in design:
            return None, None, None
        low, high = np.exp(intervals.loc[name])
        return float(np.exp(params[name])), (float(low), float(high)), float(pvalues[name])

    step, step_ci, step_p = ratio("step")
    slope, slope_ci, slope_p = ratio("decade")
    return CountModel(
        estimator=estimator,
        break_year=break_year,
        first_year=int(counts.index.min()),
        last_year=int(counts.index.max()),
        events=int(values.sum()),
        step=step,
        step_ci=step_ci,
        step_p=step_p,
        trend=slope,
        trend_ci=slope_ci,
        trend_p=slope_p,
        deviance=float(base.deviance),
        dispersion=float(base.pearson_chi2 / base.df_resid),
        fitted=tuple(float(value) for value in np.asarray(fitted)),
    )


def break_profile(counts: pd.Series, candidates: range) -> pd.DataFrame:
    """For each candidate break year, the Poisson deviance of a step-only and of a step-and-trend model,
    with the step's rate ratio in the second. The best-fitting break is the year of least deviance."""
    import statsmodels.api as sm  # imported here: it takes a second, and pages that fit no model need not wait

    def fit(year: int, trend: bool):
        design = design_matrix(counts.index, year, trend)
        return sm.GLM(counts.to_numpy(), design, family=sm.families.Poisson()).fit()

    rows = []
    for year in candidates:
        check_break(counts, year)
        step_only, with_trend = fit(year, False), fit(year, True)
        rows.append(
            {
                "break_year": year,
                "step only": step_only.deviance,
                "step and trend": with_trend.deviance,
                "step ratio with trend": float(np.exp(with_trend.params["step"])),
            }
        )
    return pd.DataFrame(rows).set_index("break_year")


def robustness(events: pd.DataFrame, first: int, last: int, break_year: int, window: int) -> pd.DataFrame:
    """The step at ``break_year`` under each specification, estimator, coding and window: one row each.

    The main sample is bilateral contact (the coding rule) from ``first`` to ``last``; ``window`` years on
    either side of the break make the shorter window. The first row is the former model (step only, the
    former count); a trend-only row gives the trend without any step.
    """
    variants = coding_variants(events)
    main = list(variants)[0]
    former = list(variants)[2]

    def counts(label: str, start: int = first, end: int = last) -> pd.Series:
        return yearly_counts(variants[label], CATEGORIES, start, end)

    specifications = [
        ("Step only (the former model)", former, counts(former), break_year, False, "Poisson"),
        ("Step only", main, counts(main), break_year, False, "Poisson"),
        ("Trend only", main, counts(main), None, True, "Poisson"),
        ("Step and trend", main, counts(main), break_year, True, "Poisson"),
        ("Step and trend", main, counts(main), break_year, True, "quasi-Poisson"),
        ("Step and trend", main, counts(main), break_year, True, "negative binomial"),
        (
            f"Step and trend, {window} years either side",
            main,
            counts(main, break_year - window, break_year + window - 1),
            break_year,
            True,
            "Poisson",
        ),
        *[("Step and trend", label, counts(label), break_year, True, "Poisson") for label in list(variants)[1:]],
    ]
    rows = []
    for specification, sample, yearly, year, trend, estimator in specifications:
        fit = fit_counts(yearly, year, trend, estimator)
        rows.append({"specification": specification, "estimator": estimator, "sample": sample, "fit": fit})
    return pd.DataFrame(rows)


def robustness_table(results: pd.DataFrame) -> pd.DataFrame:
    """The robustness results as the page shows them: human headers, the book's number formats."""
    from camex.page import interval, number, year_span

    def p_value(value: float | None) -> str:
        return "" if value is None else ("< 0.001" if value < 0.001 else number(value, 3))

    def with_ci(value: float | None, bounds: tuple[float, float] | None) -> str:
        return "" if value is None else f"{number(value, 2)} ({interval(*bounds, digits=2)})"

    fits = results["fit"]
    return pd.DataFrame(
        {
            "Specification": results["specification"],
            "Estimator": results["estimator"],
            "Sample": results["sample"],
            "Years": [year_span(fit.first_year, fit.last_year) for fit in fits],
            "Events": [number(fit.events, 0) for fit in fits],
            "Step at the break (95% CI)": [with_ci(fit.step, fit.step_ci) for fit in fits],
            "Step p-value": [p_value(fit.step_p) for fit in fits],
            "Trend per decade (95% CI)": [with_ci(fit.trend, fit.trend_ci) for fit in fits],
            "Deviance": [number(fit.deviance, 1) for fit in fits],
        }
    )


def decade_table(events: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Bilateral contact by decade from ``first`` to ``last``: the count, how many rows the gap search added,
    the years of the decade inside the period, the yearly rate and the share of all events involving both
    countries that the rule counts as contact."""
    contact = yearly_counts(bilateral_contact(events), CATEGORIES, first, last)
    added = bilateral_contact(events[events["compilation"] == "gap search"])
    pair = events[involves(events, "CA", "MX")]
    table = pd.DataFrame(
        {
            "years": per_decade(pd.Series(1, index=contact.index)),
            "contact": per_decade(contact),
            "added by the gap search": per_decade(yearly_counts(added, CATEGORIES, first, last)),
            "all events involving both": per_decade(yearly_counts(pair, CATEGORIES, first, last)),
        }
    )
    return table.assign(
        per_year=table["contact"] / table["years"],
        share=100 * table["contact"] / table["all events involving both"].where(lambda total: total > 0),
    )


def dated_steps(events: pd.DataFrame, labelled: dict[str, str]) -> pd.DataFrame:
    """The events in ``labelled`` (a label for each event id) in date order, with their dates and sources."""
    chosen = events.set_index("event_id").loc[list(labelled.values())].reset_index()
    # a date known only to the year sorts as mid-year, one known to the month as mid-month (as the charts place them)
    order = chosen["date"].where(chosen["date"].str.len() != 4, chosen["date"] + "-07-01")
    order = order.where(order.str.len() != 7, order + "-15")
    table = chosen.assign(step=list(labelled), order=order).sort_values(["order", "event_id"], ignore_index=True)
    return table[["step", "event_id", "date", "precision", "source_id"]]
