"""Trade series: growth rates before and after the agreements, the gap between bases, the two mirrors
(Canada–United States and Canada–Mexico), partner rankings, services, investment and prices.

Every function keeps the basis, the reporter and the currency of its input: a series is never joined
to one of another basis or currency, and conversions take a sourced exchange rate as an argument.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from camex.page import and_list, interval, number, recorded, signed
from camex.series import yearly_mean

# Partners that are not countries: totals, the European Union and residual groups ("not elsewhere classified").
NOT_COUNTRIES = r"^All countries$|^Total|European Union|elsewhere|^Other"
MEASURES = ("two-way trade", "exports", "imports")


def growth_rates(series: pd.Series) -> pd.Series:
    """Annual growth in per cent, as a difference of logs: 100 (log y_t − log y_{t−1}), for consecutive years."""
    values = series.dropna()
    if (values <= 0).any():
        raise ValueError("growth rates in logs need positive values")
    years = values.index.to_series()
    growth = 100 * np.log(values).diff()
    return growth[years.diff() == 1].rename("growth (%)")


@dataclass(frozen=True)
class GrowthChange:
    """Mean annual growth in each period between breaks, and the change in the mean at each break."""

    breaks: tuple[int, ...]
    years: tuple[int, ...]  # the growth years used (a year's growth runs from the year before to it)
    means: tuple[float, ...]  # mean growth in each period, per cent a year
    mean_ci: tuple[tuple[float, float], ...]
    sizes: tuple[int, ...]  # growth years in each period
    changes: tuple[float, ...]  # change in mean growth at each break, percentage points
    change_ci: tuple[tuple[float, float], ...]  # 95% intervals from the t distribution
    change_p: tuple[float, ...]
    residual_autocorrelation: float  # first-order, a check on the independence the t intervals assume


def growth_change(series: pd.Series, breaks: list[int], exclude: tuple[int, ...] = (), last: int | None = None):
    """Regress annual log growth on a constant and a step at each break, g_t = m + sum_k c_k 1[t >= k] + e_t.

    m is mean growth before the first break and c_k the change in mean growth at break k. Growth rates,
    unlike log levels, are close to independent from year to year, so ordinary least squares with
    t-distribution intervals is valid in small samples; the first-order autocorrelation of the residuals is
    returned as a check. ``exclude`` drops growth years (shocks), ``last`` ends the sample.
    """
    import statsmodels.api as sm  # imported here: it takes a second, and pages that fit no model need not wait

    growth = growth_rates(series)
    growth = growth[~growth.index.isin(exclude) & (growth.index <= (last or growth.index.max()))]
    years = growth.index.to_numpy()
    names = [f"after_{k}" for k in breaks]
    design = pd.DataFrame(
        {"const": 1.0, **{name: (years >= k).astype(float) for name, k in zip(names, breaks)}},
        index=growth.index,
    )
    sizes = np.bincount(np.searchsorted(np.array(breaks), years, side="right"), minlength=len(breaks) + 1)
    if (sizes < 2).any():
        raise ValueError(f"every period needs two growth years at least; the breaks {breaks} leave {list(sizes)}")
    fit = sm.OLS(growth.to_numpy(), design).fit()
    intervals = fit.conf_int()
    # The mean of period j is the constant plus the first j steps: a lower-triangular contrast.
    period_means = fit.t_test(np.tril(np.ones((len(breaks) + 1, len(breaks) + 1))))
    return GrowthChange(
        breaks=tuple(breaks),
        years=tuple(int(year) for year in years),
        means=tuple(float(value) for value in np.ravel(period_means.effect)),
        mean_ci=tuple((float(low), float(high)) for low, high in period_means.conf_int()),
        sizes=tuple(int(size) for size in sizes),
        changes=tuple(float(fit.params[name]) for name in names),
        change_ci=tuple((float(intervals.loc[name, 0]), float(intervals.loc[name, 1])) for name in names),
        change_p=tuple(float(fit.pvalues[name]) for name in names),
        residual_autocorrelation=float(pd.Series(fit.resid).autocorr()),
    )


# Growth years dropped in the robustness checks, our choice: each shock's fall and the rebound after it.
SHOCKS = {"recession": (2009, 2010), "pandemic": (2020, 2021)}


def samples() -> dict[str, tuple[tuple[int, ...], int | None]]:
    """The samples every growth statement is checked on, by name: growth years dropped, and the last year
    (None for the whole series). The first is the main sample, which stops before the pandemic."""
    before_pandemic = SHOCKS["pandemic"][0] - 1
    recession, pandemic = (" and ".join(map(str, years)) for years in SHOCKS.values())
    return {
        f"main sample, to {before_pandemic}": ((), before_pandemic),
        "with the pandemic years": ((), None),
        f"to {before_pandemic}, without {recession}": (SHOCKS["recession"], before_pandemic),
        f"with later years, without {pandemic}": (SHOCKS["pandemic"], None),
    }


def growth_robustness(legs: dict[str, pd.Series], breaks: dict[str, list[int]], focus: int) -> pd.DataFrame:
    """The change in mean growth at ``focus`` (a break year) for each leg whose breaks include it, in each of
    the :func:`samples`, with ``focus`` as the only break, and in the log-level trend with Newey–West errors
    that earlier editions fitted, for comparison. A leg that is the ratio of two series compares their
    growth year by year (a difference in differences of growth rates)."""
    rows = []
    for leg, series in legs.items():
        if focus not in breaks[leg]:
            continue
        variants = {name: (breaks[leg], *sample) for name, sample in samples().items()}
        main_exclude, main_last = next(iter(samples().values()))
        if breaks[leg] != [focus]:
            variants[f"break at {focus} only"] = ([focus], main_exclude, main_last)
        for specification, (chosen, exclude, last) in variants.items():
            fit = growth_change(series, chosen, exclude, last)
            at = chosen.index(focus)
            rows.append(
                {
                    "leg": leg,
                    "break": focus,
                    "specification": specification,
                    "growth years": f"{fit.years[0]}–{fit.years[-1]}",
                    "mean before": fit.means[at],
                    "mean after": fit.means[at + 1],
                    "change": fit.changes[at],
                    "low": fit.change_ci[at][0],
                    "high": fit.change_ci[at][1],
                    "p": fit.change_p[at],
                }
            )
        trend = broken_trend(series.loc[:main_last], breaks[leg])
        at = breaks[leg].index(focus)
        rows.append(
            {
                "leg": leg,
                "break": focus,
                "specification": "log-level trend, Newey–West errors (earlier model)",
                "growth years": f"{trend.first_year}–{trend.last_year}",
                "mean before": 100 * np.log1p(trend.growth[at]),
                "mean after": 100 * np.log1p(trend.growth[at + 1]),
                "change": 100 * trend.slope_change[at],
                "low": 100 * trend.slope_change_ci[at][0],
                "high": 100 * trend.slope_change_ci[at][1],
                "p": float(trend.fit.pvalues[f"slope_{focus}"]),
            }
        )
    return pd.DataFrame(rows)


def mean_growth_checks(series: pd.Series) -> pd.DataFrame:
    """Mean growth of ``series`` with its 95% interval in each of the :func:`samples`, with no break."""
    rows = []
    for name, (exclude, last) in samples().items():
        fit = growth_change(series, [], exclude, last)
        rows.append(
            {
                "sample": name,
                "growth years": f"{fit.years[0]}–{fit.years[-1]}",
                "mean": fit.means[0],
                "low": fit.mean_ci[0][0],
                "high": fit.mean_ci[0][1],
            }
        )
    return pd.DataFrame(rows)


def segmented_ols(
    log_values: pd.Series, time: pd.Series, breaks: list[float], controls: pd.DataFrame | None = None, hac_lags: int = 2
):
    """OLS of log values on a trend, a level shift and a slope change at each break, and any controls.

    The regressors are ``trend`` (time since the start), and for each break ``k``: ``shift_k`` (1 from
    the break on) and ``slope_k`` (time since the break, 0 before it). Standard errors are Newey–West
    (HAC) with ``hac_lags`` lags, because neighbouring observations of a time series are correlated.
    Returns the statsmodels results.
    """
    import statsmodels.api as sm  # imported here: it takes a second, and pages that fit no model need not wait

    design = pd.DataFrame({"trend": time - time.min()}, index=log_values.index)
    for k in breaks:
        design[f"shift_{k}"] = (time >= k).astype(float)
        design[f"slope_{k}"] = np.where(time >= k, time - k, 0.0)
    if controls is not None:
        design = design.join(controls)
    return sm.OLS(log_values.to_numpy(), sm.add_constant(design)).fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags})


def break_test(fit, breaks: list[float]) -> float:
    """p-value of the Wald test that every level shift and slope change is zero."""
    hypotheses = ", ".join(f"{kind}_{k} = 0" for k in breaks for kind in ("shift", "slope"))
    return float(fit.wald_test(hypotheses, scalar=True).pvalue)


@dataclass(frozen=True)
class BrokenTrend:
    """A log-linear trend whose slope may change at each break year."""

    breaks: tuple[int, ...]
    first_year: int
    last_year: int
    growth: tuple[float, ...]  # annual growth in each segment, as a fraction (e^slope - 1)
    slope_change: tuple[float, ...]  # change in the log slope at each break
    slope_change_ci: tuple[tuple[float, float], ...]
    break_test_p: float  # Wald test that every break term is zero (HAC covariance)
    r_squared: float
    fit: object


def broken_trend(series: pd.Series, breaks: list[int], hac_lags: int = 2) -> BrokenTrend:
    """Fit log(y_t) = a + b t + sum_k [c_k D_k + d_k D_k (t - k)] by OLS, D_k = 1 from break year k on.

    c_k is a shift in level and d_k a change in trend growth at break k; standard errors are
    Newey–West (see :func:`segmented_ols`). The break test is a Wald test that all c_k and
    d_k are zero.
    """
    values = series.dropna()
    if (values <= 0).any():
        raise ValueError("a log-linear trend needs positive values")
    years = pd.Series(values.index.to_numpy(), index=values.index)
    for year in breaks:
        if not (years.min() < year <= years.max() - 1):
            raise ValueError(f"break {year} leaves fewer than two years on one side of {years.min()}–{years.max()}")
    fit = segmented_ols(np.log(values), years, breaks, hac_lags=hac_lags)
    slopes = np.cumsum([fit.params["trend"], *[fit.params[f"slope_{year}"] for year in breaks]])
    intervals = fit.conf_int()
    return BrokenTrend(
        breaks=tuple(breaks),
        first_year=int(years.min()),
        last_year=int(years.max()),
        growth=tuple(float(np.expm1(slope)) for slope in slopes),
        slope_change=tuple(float(fit.params[f"slope_{year}"]) for year in breaks),
        slope_change_ci=tuple(
            (float(intervals.loc[f"slope_{year}", 0]), float(intervals.loc[f"slope_{year}", 1])) for year in breaks
        ),
        break_test_p=break_test(fit, breaks),
        r_squared=float(fit.rsquared),
        fit=fit,
    )


def basis_gap(canada_mexico_annual: pd.DataFrame) -> pd.DataFrame:
    """Customs minus balance-of-payments values of Canada's trade with Mexico, by year and flow,
    in millions of CAD and as a percentage of the balance-of-payments value."""
    table = canada_mexico_annual.pivot_table(
        index=["year", "flow"], columns="basis", values="value_cad_millions"
    ).dropna()
    gap = table["customs"] - table["balance of payments"]
    return pd.DataFrame(
        {
            "customs": table["customs"],
            "balance of payments": table["balance of payments"],
            "gap": gap,
            "gap_pct": 100 * gap / table["balance of payments"],
        }
    ).reset_index()


def mirror_gap(partner_exports_usd: pd.Series, reporter_imports_cad: pd.Series, cad_per_usd: pd.Series) -> pd.DataFrame:
    """Compare what one country records as exports to a partner with what the partner records as imports.

    Exports are in US dollars; imports in Canadian dollars are converted with the annual average rate.
    Only years present in all three series are compared.
    """
    years = partner_exports_usd.index.intersection(reporter_imports_cad.index).intersection(cad_per_usd.index)
    if years.empty:
        raise ValueError("the three series share no year: nothing to compare")
    exports = partner_exports_usd.loc[years]
    imports = reporter_imports_cad.loc[years] / cad_per_usd.loc[years]
    return pd.DataFrame(
        {
            "exports_reported_usd": exports,
            "imports_reported_usd": imports,
            "gap_pct": 100 * (imports - exports) / exports,
        }
    ).rename_axis("year")


def measure_ranks(annual_by_partner: pd.DataFrame, value: str = "value_cad_millions") -> pd.DataFrame:
    """Rank the countries of a table of annual trade by partner in each year, separately by exports, by
    imports and by two-way trade (exports plus imports, for countries with both flows); No. 1 is the
    largest. Totals, the European Union and residual groups are not countries and are left out, so that
    countries are ranked against countries."""
    countries = annual_by_partner[~annual_by_partner["partner"].str.contains(NOT_COUNTRIES, regex=True)]
    wide = countries.pivot_table(index=["year", "partner"], columns="flow", values=value)
    wide["two-way trade"] = wide["exports"] + wide["imports"]
    long = wide.reset_index().melt(["year", "partner"], list(MEASURES), var_name="measure").dropna(subset=["value"])
    long["rank"] = long.groupby(["year", "measure"])["value"].rank(ascending=False, method="min").astype(int)
    return long.reset_index(drop=True)


def partner_ranks(annual_by_partner: pd.DataFrame, value: str = "value_cad_millions") -> pd.DataFrame:
    """Each country's rank by two-way trade in each year (see :func:`measure_ranks`): year, partner, its
    two-way trade and rank."""
    ranks = measure_ranks(annual_by_partner, value)
    two_way = ranks[ranks["measure"] == "two-way trade"].rename(columns={"value": "two-way trade"})
    return two_way.drop(columns="measure").sort_values(["year", "rank"], ignore_index=True)


def share_to(
    annual_by_partner: pd.DataFrame, partner: str, flow: str = "exports", total: str = "All countries"
) -> pd.Series:
    """Percentage of a flow that goes to (or comes from) ``partner``, by year."""
    table = annual_by_partner[annual_by_partner["flow"] == flow].pivot_table(
        index="year", columns="partner", values="value_cad_millions"
    )
    return (100 * table[partner] / table[total]).dropna().rename(f"{flow} share, {partner} (%)")


def trend_table(fits: dict[str, BrokenTrend]) -> pd.DataFrame:
    """One row per fitted leg: its years, the growth in each segment, the interval for each change of
    slope and the p-value of the break test."""
    rows = []
    for label, fit in fits.items():
        row = {"leg": label, "years": f"{fit.first_year}–{fit.last_year}"}
        starts, ends = [fit.first_year, *fit.breaks], [*fit.breaks, fit.last_year + 1]
        for start, end, growth in zip(starts, ends, fit.growth):
            row[f"growth {start}–{end - 1} (%)"] = round(100 * growth, 1)
        for year, (low, high) in zip(fit.breaks, fit.slope_change_ci):
            row[f"slope change at {year}, 95% CI"] = f"{low:.3f} to {high:.3f}"
        row["break test p"] = "<0.001" if fit.break_test_p < 0.001 else f"{fit.break_test_p:.3f}"
        rows.append(row)
    return pd.DataFrame(rows)


def two_way(annual_trade: pd.DataFrame, by: str, value: str) -> pd.DataFrame:
    """Exports plus imports by year (rows) and ``by`` (columns), in billions of the table's currency."""
    return annual_trade.pivot_table(index="year", columns=by, values=value, aggfunc="sum") / 1000


def explorer_series(us: pd.DataFrame, canada_mexico: pd.DataFrame) -> tuple[dict[str, pd.Series], dict[str, pd.Series]]:
    """Each annual flow of each leg as a series named with its reporter, basis and currency, and the
    two-way trade of the same leg and basis (what a share is taken of)."""
    series, totals = {}, {}

    def add(leg: pd.DataFrame, reporter: str, partner: str, label: str, value: str) -> None:
        for flow in ["exports", "imports"]:
            name = f"{reporter} {flow} {'to' if flow == 'exports' else 'from'} {partner} ({label})"
            series[name] = leg[leg["flow"] == flow].set_index("year")[value]
            totals[name] = leg.groupby("year")[value].sum()

    for partner in ["Canada", "Mexico"]:
        add(us[us["partner"] == partner], "US", partner, "Census, USD m", "value_usd_millions")
    for basis in ["customs", "balance of payments"]:
        add(canada_mexico[canada_mexico["basis"] == basis], "Canada", "Mexico", f"{basis}, CAD m", "value_cad_millions")
    return series, totals


def published_ranks_of(published: pd.DataFrame, partner: str) -> pd.DataFrame:
    """A partner's rank in each ranking Statistics Canada published: year, rank, basis and source."""
    ranked = published[(published["partner"] == partner) & published["rank"].notna()]
    return ranked.drop_duplicates(["year", "source_id"])[["year", "rank", "basis", "source_id"]].reset_index(drop=True)


def computed_ranks_of(ranks: pd.DataFrame, partner: str, basis: str, source_id: str) -> pd.DataFrame:
    """A partner's rank in each year of :func:`partner_ranks`, labelled with the basis it was computed on."""
    chosen = ranks[ranks["partner"] == partner][["year", "rank"]]
    return chosen.assign(basis=basis, source_id=source_id).reset_index(drop=True)


MIRROR_HEADERS = {
    "year": "Year",
    "exports_reported_usd": "US-reported exports to Canada (USD bn)",
    "imports_reported_usd": "Canada-reported imports from US (USD bn)",
    "gap_pct": "Gap (%)",
}


def us_canada_mirror(us: pd.DataFrame, partners: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """US-reported exports to Canada beside Canada's customs-basis imports from the United States, the latter
    converted with the Bank of Canada's annual average rate (see :func:`mirror_gap`)."""
    exports = us[(us["partner"] == "Canada") & (us["flow"] == "exports")].set_index("year")["value_usd_millions"]
    chosen = (
        (partners["basis"] == "customs") & (partners["partner"] == "United States") & (partners["flow"] == "imports")
    )
    imports = partners[chosen].set_index("year")["value_cad_millions"]
    return mirror_gap(exports, imports, rates.set_index("year")["cad_per_usd"])


def ranks_in_words(ranks: pd.DataFrame) -> str:
    """A partner's ranks over the years, as prose: 'No. 3 in 2013, 2015 and 2023, and No. 4 in 2024'."""
    by_rank = (
        ranks.drop_duplicates("year")
        .groupby("rank")["year"]
        .apply(lambda years: and_list([str(y) for y in sorted(years)]))
    )
    parts = [f"No. {int(rank)} in {years}" for rank, years in by_rank.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]


def partner_ranked(published: pd.DataFrame, year: int, rank: int) -> str:
    """The partner a published ranking puts at ``rank`` in ``year``."""
    match = published[(published["year"] == year) & (published["rank"] == rank)]["partner"].unique()
    if len(match) != 1:
        raise KeyError(f"the published ranking for {year} has no single partner at No. {rank}")
    return str(match[0])


def larger_partner(annual_totals: pd.DataFrame) -> pd.DataFrame:
    """Two-way trade by year and partner (billions of USD) from the recommended rows of the annual Census
    totals, for the years that have both partners."""
    recommended = annual_totals[annual_totals["recommended"]]
    two_way = (
        recommended.pivot_table(index="year", columns="partner", values="value_usd_millions", aggfunc="sum") / 1000
    )
    return two_way.dropna()


# Units in which the press reports Mexico's figures, and the factor that turns each into millions.
MILLIONS = {"millones de dólares": 1, "mil millones de dólares (mmdd)": 1000, "mmdd": 1000}


def mexico_record(reported: pd.DataFrame) -> pd.DataFrame:
    """Mexico's own record of its goods trade with Canada, in millions of US dollars, one value a year and
    flow. Where two reports give a year, the one that reports both flows is taken, so that a year's exports
    and imports come from one publication (our rule)."""
    own = reported[
        (reported["recorded_by"] == "MX")
        & reported["flow"].isin(["exports", "imports"])
        & reported["period"].str.fullmatch(r"\d{4}")
    ]
    own = own.assign(year=own["period"].astype(int), value_usd_millions=own["value"] * own["unit"].map(MILLIONS))
    if own["value_usd_millions"].isna().any():
        raise ValueError(
            f"unknown unit in Mexico's record: {sorted(set(own.loc[own['value_usd_millions'].isna(), 'unit']))}"
        )
    both_flows = own.groupby(["year", "source_id"])["flow"].transform("nunique") == 2
    ranked = own.assign(complete=both_flows).sort_values(["year", "flow", "complete"], ascending=[True, True, False])
    return ranked.drop_duplicates(["year", "flow"])[["year", "flow", "value_usd_millions", "source_id"]].reset_index(
        drop=True
    )


def mexico_mirror(mexico: pd.DataFrame, canada_mexico_annual: pd.DataFrame, cad_per_usd: pd.Series) -> pd.DataFrame:
    """Each year both records hold: Mexico's exports to Canada beside Canada's imports from Mexico on both of
    its bases, and Mexico's imports from Canada beside Canada's exports to Mexico, all in billions of US
    dollars (Canada's figures converted with the annual rate). ``mexico`` is :func:`mexico_record`."""
    canada = canada_mexico_annual.pivot_table(index="year", columns=["flow", "basis"], values="value_cad_millions")
    rows = []
    sourced = mexico.pivot(index="year", columns="flow", values="source_id")
    for year, flows in mexico.pivot(index="year", columns="flow", values="value_usd_millions").iterrows():
        if year not in canada.index or year not in cad_per_usd.index:
            continue
        rate, sources = cad_per_usd[year], sourced.loc[year]
        for mexico_flow, canada_flow in [("exports", "imports"), ("imports", "exports")]:
            if pd.isna(flows.get(mexico_flow)):
                continue
            rows.append(
                {
                    "year": year,
                    "flow": f"Mexico's {mexico_flow} / Canada's {canada_flow}",
                    "Mexico's record": flows[mexico_flow] / 1000,
                    "Canada's record, customs": canada.at[year, (canada_flow, "customs")] / rate / 1000,
                    "Canada's record, balance of payments": canada.at[year, (canada_flow, "balance of payments")]
                    / rate
                    / 1000,
                    "source_id": sources[mexico_flow],
                }
            )
    return pd.DataFrame(rows)


def goods_and_services(goods_bop: pd.DataFrame, services: pd.DataFrame) -> pd.DataFrame:
    """Canada's goods (balance-of-payments basis) and services trade with Mexico by year and flow, in
    millions of CAD, for the years both are at hand; services are on the balance-of-payments basis too."""
    goods = goods_bop[goods_bop["basis"] == "balance of payments"].pivot_table(
        index="year", columns="flow", values="value_cad_millions"
    )
    statcan = services[(services["reporter"] == "CA") & (services["partner"] == "MX") & (services["currency"] == "CAD")]
    services_by_year = statcan.pivot_table(index="year", columns="flow", values="value")
    years = goods.index.intersection(services_by_year.index)
    table = pd.concat({"goods": goods.loc[years], "services": services_by_year.loc[years]}, axis=1)
    return table.rename_axis(columns=["kind", "flow"])


def services_share(table: pd.DataFrame) -> pd.Series:
    """Services as a percentage of two-way goods and services trade, by year, from :func:`goods_and_services`."""
    two_way = table.T.groupby(level="kind").sum().T
    return (100 * two_way["services"] / two_way.sum(axis=1)).rename("services share (%)")


def cad_per_usd(rates: pd.DataFrame, daily: pd.DataFrame) -> tuple[pd.Series, list[int]]:
    """Canadian dollars per US dollar by year: the Bank of Canada's published annual average where it exists,
    otherwise the mean of its daily rates over a complete year (:func:`camex.series.yearly_mean`). Returns the
    series and the years computed rather than published, which a page must label."""
    published = rates.set_index("year")["cad_per_usd"]
    computed = yearly_mean(daily.set_index("date")["cad_per_usd"])
    added = computed[~computed.index.isin(published.index)]
    return pd.concat([published, added]).sort_index(), [int(year) for year in added.index]


def first_published(prices: pd.DataFrame, index: str) -> pd.Series:
    """One value a month of a BLS import price index: the value as first published (later releases revise
    months, so values from different vintages are never mixed), indexed by month."""
    chosen = prices[(prices["index"] == index) & prices["status"].str.startswith("as published")]
    if chosen.empty:
        raise KeyError(f"no first-published values of the index '{index}'")
    return chosen.drop_duplicates("ref_month").set_index("ref_month")["value"].sort_index()


def price_change(prices: pd.DataFrame, index: str, until: pd.Period) -> dict[str, object]:
    """The change in a price index between the first month read and the last month read up to ``until``, in
    per cent a year (a difference of logs over the years between them)."""
    values = first_published(prices, index)
    values = values[values.index <= until]
    first, last = values.index.min(), values.index.max()
    years = (last - first).n / 12
    return {
        "first": first,
        "last": last,
        "first_value": float(values[first]),
        "last_value": float(values[last]),
        "per_year": 100 * float(np.log(values[last] / values[first])) / years,
    }


def outward_positions(positions: pd.DataFrame, publisher: str = "Statistics Canada") -> pd.DataFrame:
    """Canada's direct investment positions abroad at year end, by host country (columns) and year (rows), in
    the publisher's unit, with each host's percentage of the position in all countries. Only rows the
    publisher itself released are used (never another's quotation of them)."""
    own = positions[
        (positions["reporter_publisher"] == publisher)
        & (positions["investor_country"] == "Canada")
        & positions["direction"].str.startswith("outward")
    ]
    table = own.pivot_table(index="year", columns="host_country", values="value", aggfunc="first")
    if "All countries" not in table:
        raise KeyError("the positions need the total for all countries to give shares")
    hosts = [host for host in table.columns if host != "All countries"]
    shares = (100 * table[hosts].div(table["All countries"], axis=0)).add_suffix(" (% of all)")
    return table.join(shares).dropna()


def p_value(p: float) -> str:
    """A p-value as a table prints it: two decimals, three below 0.01, and '<0.001' below that."""
    return "<0.001" if p < 0.001 else f"{p:.3f}" if p < 0.01 else f"{p:.2f}"


def growth_table(robustness: pd.DataFrame) -> pd.DataFrame:
    """:func:`growth_robustness` as the page shows it: signed changes, intervals written out, rounded p-values."""
    return pd.DataFrame(
        {
            "Leg": robustness["leg"],
            "Break": robustness["break"].astype(str),
            "Specification": robustness["specification"],
            "Growth years": robustness["growth years"],
            "Mean growth before (% a year)": robustness["mean before"].map(number),
            "Mean growth after (% a year)": robustness["mean after"].map(number),
            "Change (points)": robustness["change"].map(signed),
            "95% interval": [interval(low, high) for low, high in zip(robustness["low"], robustness["high"])],
            "p-value": robustness["p"].map(p_value),
        }
    )


def relative_importance(prices: pd.DataFrame, index: str) -> pd.Series:
    """The weight of ``index`` in each origin's import price index (per cent), as printed in the release that
    holds the latest month read."""
    latest = prices.loc[prices["ref_month"].idxmax(), "release"]
    chosen = prices[(prices["release"] == latest) & (prices["index"] == index)]
    return chosen.drop_duplicates("origin").set_index("origin")["relative_importance_or_share"]


POSITION_HEADERS = {
    "year": "Year",
    "reporter_publisher": "Publisher",
    "direction": "Position",
    "investor_country": "Investor",
    "host_country": "Host",
    "value": "Value",
    "unit": "Unit",
    "currency": "Currency",
}


def positions_reported_by_others(positions: pd.DataFrame, country: str, publisher: str) -> pd.DataFrame:
    """The direct investment positions with ``country`` as investor or host that publishers other than
    ``publisher`` report, each row on its own basis, with the page's headers."""
    involved = positions["host_country"].eq(country) | positions["investor_country"].eq(country)
    chosen = positions[involved & (positions["reporter_publisher"] != publisher)]
    shown = chosen[list(POSITION_HEADERS)].assign(value=chosen["value"].map(recorded))
    return shown.rename(columns=POSITION_HEADERS).reset_index(drop=True)


FLOW_HEADERS = {
    "period": "Period",
    "reporter_publisher": "Reported by",
    "investor_country": "Investor",
    "measure": "Measure",
    "value": "Value",
    "unit": "Unit",
    "kind": "Kind of source",
}


def flows_as_reported(flows: pd.DataFrame, host: str) -> pd.DataFrame:
    """The direct investment flows into ``host`` as each publisher reports them, with the page's headers: the
    period as published, the value with the wording that qualifies it ("more than", "rounded"), the unit with
    its currency."""
    chosen = flows[flows["host_country"] == host]
    values = [
        recorded(value) if pd.isna(qualifier) else f"{recorded(value)} (as published: {qualifier})"
        for value, qualifier in zip(chosen["value"], chosen["qualifier"])
    ]
    units = [
        unit if pd.isna(currency) else f"{unit}, {currency}"
        for unit, currency in zip(chosen["unit"], chosen["currency"])
    ]
    shown = chosen[list(FLOW_HEADERS)].assign(value=values, unit=units)
    return shown.rename(columns=FLOW_HEADERS).reset_index(drop=True)


def mean_growth_table(checks: pd.DataFrame) -> pd.DataFrame:
    """:func:`mean_growth_checks` as the page shows it."""
    return pd.DataFrame(
        {
            "Sample": checks["sample"],
            "Growth years": checks["growth years"],
            "Mean (points a year)": checks["mean"].map(signed),
            "95% interval": [interval(low, high) for low, high in zip(checks["low"], checks["high"])],
        }
    )
