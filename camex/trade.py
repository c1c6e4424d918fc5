"""Trade series: growth with breaks, the gap between bases, the mirror gap,
partner rankings and exposure to the United States.

Every function keeps the basis, the reporter and the currency of its input: a series is never joined
to one of another basis or currency, and conversions take a sourced exchange rate as an argument.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from camex.page import and_list
from camex.segmented import break_test, segmented_ols

AGGREGATES = ("All countries", "Total of all countries", "European Union")


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
    Newey–West (see :func:`camex.models.segmented_ols`). The break test is a Wald test that all c_k and
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


def partner_ranks(annual_by_partner: pd.DataFrame, value: str = "value_cad_millions") -> pd.DataFrame:
    """Rank individual partners by two-way trade (exports + imports) in each year.

    Totals, the European Union and residual groups ('not elsewhere classified', 'Other ...') are left
    out, so that countries are ranked against countries.
    """
    countries = annual_by_partner[
        ~annual_by_partner["partner"].isin(AGGREGATES)
        & ~annual_by_partner["partner"].str.contains("elsewhere|^Other|excluding", case=False, regex=True)
    ]
    two_way = countries.pivot_table(index=["year", "partner"], columns="flow", values=value).dropna()
    two_way["total"] = two_way["exports"] + two_way["imports"]
    two_way["rank"] = two_way.groupby("year")["total"].rank(ascending=False, method="min").astype(int)
    return two_way.reset_index().sort_values(["year", "rank"], ignore_index=True)


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
    "exports_reported_usd": "US-reported exports to Canada (USD bn)",
    "imports_reported_usd": "Canada-reported imports from US (USD bn)",
    "gap_pct": "gap (%)",
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
