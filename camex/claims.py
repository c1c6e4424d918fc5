"""Public claims checked against the book's tables.

The claims are data: ``data/claims.csv`` holds each statement as it circulated, the value and year it
names and where it circulated. Each claim's check is a function registered here under the claim's id
and returning a :class:`Finding`; the chapters and the claims ledger run the same checks on the same
tables, so they cannot disagree. A check whose verdict is a reading of texts rather than a computation
is registered as a judgement, and its evidence says so. A statement that joins several acts or figures
is entered as several claims, each judged on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from camex.data import PACKAGE_PATH, SOURCES, load
from camex.page import and_list, billions, count, number, percent, prose_date, recorded, year_span
from camex.series import annual, cagr
from camex.timeline import year_of
from camex.trade import MEASURES, goods_and_services, measure_ranks

VERDICTS = ("supported", "partly supported", "not supported", "not verifiable from official data")
CLAIMS = "claims"
JUDGEMENT = "This verdict is the authors' reading of the texts quoted, not a computation."

# The headers of the claims tables the chapters and the ledger show.
CHAPTER, CLAIM, CIRCULATED, VERDICT, EVIDENCE = "Chapter", "Claim", "Where it circulated", "Verdict", "Evidence"


@dataclass(frozen=True)
class Finding:
    """What a check found: a verdict and the evidence for it."""

    verdict: str
    evidence: str

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict '{self.verdict}'; use one of: {', '.join(VERDICTS)}")


class Evidence:
    """The bundled tables the checks read, each loaded (and, for monthly trade, summed into years) on
    first use; ``read`` names the bundled tables loaded so far. Tests pass tables of their own by name."""

    # name: (the bundled table it comes from, how)
    DERIVED = {
        "canada_mexico_annual": (
            "canada_mexico_trade_monthly",
            lambda table: annual(table, "value_cad_millions", ["basis", "flow"]),
        ),
        "partners_annual": (
            "canada_trade_by_partner_monthly",
            lambda table: annual(table, "value_cad_millions", ["basis", "partner", "flow"]),
        ),
        "sources": (SOURCES, lambda table: table.set_index("source_id")),
    }

    def __init__(self, package: Path = PACKAGE_PATH, **tables: pd.DataFrame):
        self.package = package
        self.tables = dict(tables)
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.tables:
            bundled, derive = self.DERIVED.get(name, (name, lambda table: table))
            self.tables[name] = derive(load(bundled, self.package))
            self.read.add(bundled)
        return self.tables[name]


@dataclass(frozen=True)
class Check:
    function: Callable[[pd.Series, Evidence], Finding]
    judgement: bool


CHECKS: dict[str, Check] = {}


def check(claim_id: str, judgement: bool = False):
    """Register the decorated function as the check of claim ``claim_id``."""

    def register(function: Callable[[pd.Series, Evidence], Finding]):
        if claim_id in CHECKS:
            raise ValueError(f"claim '{claim_id}' already has a check")
        CHECKS[claim_id] = Check(function, judgement)
        return function

    return register


def judge(claim: pd.Series, evidence: Evidence) -> dict[str, str]:
    """Run the check registered for ``claim`` (a row of the claims table)."""
    if claim["claim_id"] not in CHECKS:
        raise KeyError(f"claim '{claim['claim_id']}' has no check: register one with @check('{claim['claim_id']}')")
    registered = CHECKS[claim["claim_id"]]
    finding = registered.function(claim, evidence)
    text = f"{finding.evidence} {JUDGEMENT}" if registered.judgement else finding.evidence
    return {CLAIM: claim["statement"], CIRCULATED: claim["circulated"], VERDICT: finding.verdict, EVIDENCE: text}


def claims_table(chapter: str | None = None, evidence: Evidence | None = None) -> pd.DataFrame:
    """The verdict on every claim, in the order of the claims table; for one chapter's claims, without
    the chapter column."""
    evidence = evidence or Evidence()
    claims = evidence[CLAIMS]
    if chapter is not None:
        claims = claims[claims["chapter"] == chapter]
    rows = [{CHAPTER: claim["chapter"], **judge(claim, evidence)} for _, claim in claims.iterrows()]
    table = pd.DataFrame(rows, columns=[CHAPTER, CLAIM, CIRCULATED, VERDICT, EVIDENCE])
    return table if chapter is None else table.drop(columns=CHAPTER)


def ledger() -> pd.DataFrame:
    """Every claim the chapters examine, with its verdict."""
    return claims_table()


@cache
def tables_judged(chapter: str | None = None, package: Path = PACKAGE_PATH) -> frozenset[str]:
    """The bundled tables that judging a chapter's claims (every claim, for None) reads, the claims table
    included: found by running the checks, so that a table a check reads through a helper is counted too."""
    evidence = Evidence(package)
    claims_table(chapter, evidence)
    return frozenset(evidence.read)


def tally(table: pd.DataFrame) -> pd.DataFrame:
    """How many claims of each chapter have each verdict (chapters in the table's order, verdicts in the
    ledger's vocabulary), with a total."""
    require(table, "claims ledger", CHAPTER, VERDICT)
    counts = pd.crosstab(table[CHAPTER], table[VERDICT]).reindex(index=table[CHAPTER].unique(), columns=VERDICTS)
    counts = counts.fillna(0).astype(int)
    counts.columns = [verdict.capitalize() for verdict in VERDICTS]
    return counts.assign(All=counts.sum(axis=1)).rename_axis(CHAPTER).reset_index()


# ---- helpers the checks share -------------------------------------------------------------------


def require(table: pd.DataFrame, name: str, *columns: str) -> pd.DataFrame:
    """``table`` itself, once it is known to have ``columns``; a clear error naming the table otherwise."""
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise KeyError(
            f"the {name} table has no column {', '.join(repr(column) for column in missing)}; "
            f"the check needs {', '.join(columns)}"
        )
    return table


def year_runs(years: Iterable[int]) -> str:
    """Years as prose, consecutive years joined into spans: [2016, 2017, 2018, 2020] gives
    '2016–2018 and 2020'."""
    years = sorted({int(year) for year in years})
    runs, start = [], years[0]
    for previous, following in zip(years, [*years[1:], None]):
        if following != previous + 1:
            runs.append(str(start) if start == previous else year_span(start, previous))
            start = following
    return and_list(runs)


def decimals(value: float) -> int:
    """The decimal places a stated figure was given with: 8.6 has one, 47 none."""
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def within_last_digit(value: float, stated: float) -> bool:
    """Our rule for a stated figure: it agrees with a value that lies within one unit of its last digit
    (rounding, truncation or a later revision can move that digit)."""
    return abs(value - stated) <= 10 ** -decimals(stated) + 1e-9


def named(partner: str) -> str:
    """A country's name as running text writes it: 'the United States', 'China'."""
    return f"the {partner}" if partner.startswith("United") or partner == "Netherlands" else partner


# ---- checks on dates --------------------------------------------------------------------------------


def dated_event(events: pd.DataFrame, event_id: str, claimed_year: int, evidence: str) -> Finding:
    """A claim that an event happened in ``claimed_year``: supported exactly when the table agrees.
    ``evidence`` is a sentence with ``{year}`` where the table's year goes."""
    year = year_of(events, event_id)
    return Finding("supported" if year == claimed_year else "not supported", evidence.format(year=year))


def independence_steps(events: pd.DataFrame, claimed_year: int) -> Finding:
    """Independence came in steps; the table records two. A claim naming either is only partly right,
    because neither alone made Canada independent in every respect."""
    balfour = year_of(events, "balfour-declaration")
    westminster = year_of(events, "statute-of-westminster")
    return Finding(
        "partly supported" if claimed_year in {balfour, westminster} else "not supported",
        f"In {balfour} the Balfour Declaration recognised the Dominions as equal and autonomous, "
        f"including in external affairs, but it was a declaration, not law; the Statute of Westminster "
        f"gave it legal effect in {westminster}. Independence was a process, not a single year.",
    )


# ---- checks on ranks ---------------------------------------------------------------------------------

RANKS = ("source", "measure", "year", "partner", "rank")


def ranks_on(annual_by_partner: pd.DataFrame, source: str, value: str = "value_cad_millions") -> pd.DataFrame:
    """:func:`camex.trade.measure_ranks` of a table of annual trade by partner, labelled with its ``source``."""
    require(annual_by_partner, "trade by partner", "year", "partner", "flow", value)
    return measure_ranks(annual_by_partner, value).assign(source=source)[list(RANKS)]


def published_ranking(published: pd.DataFrame, source: str) -> pd.DataFrame:
    """Statistics Canada's published rankings of partners by total merchandise trade, in the layout of
    :func:`ranks_on`."""
    require(published, "published ranking", "year", "partner", "rank")
    ranked = published[published["rank"].notna()].drop_duplicates(["year", "partner"])
    ranked = ranked.assign(source=source, measure="two-way trade", rank=ranked["rank"].astype(int))
    return ranked[list(RANKS)].reset_index(drop=True)


def rank_history(ranks: pd.DataFrame) -> str:
    """One partner's ranks over the years on one source and measure: 'No. 3 in 2016–2018, No. 4 in 2019'."""
    by_rank = ranks.groupby("rank")["year"].apply(year_runs)
    return ", ".join(f"No. {rank} in {years}" for rank, years in by_rank.items())


def ranked_claim(
    ranks: pd.DataFrame, partner: str, year: int, claimed_rank: int, measures: Iterable[str] = MEASURES
) -> Finding:
    """A claim that ``partner`` ranks ``claimed_rank`` in ``year`` on the ``measures`` it names (all of
    them when it names none), judged on every source and measure the ranks hold for that year: supported
    if all agree, partly supported if some do, not supported if none does. The evidence names the
    partners ahead in that year and, for the measures on which the claim holds, the ranks in every
    year held."""
    require(ranks, "ranks", *RANKS)
    chosen = ranks[ranks["measure"].isin(list(measures))]
    in_year = chosen[chosen["year"] == year]
    own = in_year[in_year["partner"] == partner]
    if own.empty:
        return Finding("not verifiable from official data", f"No ranking for {year} is in the book's tables.")
    holds = own[own["rank"] == claimed_rank]
    verdict = "supported" if len(holds) == len(own) else "partly supported" if len(holds) else "not supported"
    placed = []
    for row in own.itertuples():
        ahead = in_year[(in_year["source"] == row.source) & (in_year["measure"] == row.measure)]
        ahead = ahead[ahead["rank"] < row.rank].sort_values("rank")["partner"].map(named)
        behind = f" (behind {and_list(ahead)})" if len(ahead) else ""
        placed.append(f"No. {row.rank} by {row.measure} {row.source}{behind}")
    shown = chosen[
        chosen["measure"].isin(set(holds["measure"]) or set(own["measure"])) & (chosen["partner"] == partner)
    ]
    history = [
        f"{source}, {measure}: {rank_history(ranks_held)}"
        for (source, measure), ranks_held in shown.groupby(["source", "measure"], sort=False)
    ]
    return Finding(
        verdict,
        f"In {year} {partner} ranks {'; '.join(placed)}. Over the years the book holds: {'; '.join(history)}.",
    )


def asylum_rank(asylum: pd.DataFrame, year: int, claimed_rank: int) -> Finding:
    """IRCC's own statement of Mexico's rank among source countries, with its intake count for the
    year, from the rows whose period starts with ``year``."""
    require(asylum, "asylum claims", "period", "country", "measure", "value", "unit", "source_id")
    rows = asylum[(asylum["country"] == "Mexico") & asylum["period"].str.startswith(str(year))]
    ranks = rows[rows["unit"] == "rank"]
    intake = rows[rows["measure"].str.contains("intake") & rows["source_id"].str.startswith("ircc")]
    if ranks.empty:
        return Finding("not verifiable from official data", f"No official ranking for {year} is in the table.")
    rank = int(ranks["value"].iloc[0])
    detail = ""
    if not intake.empty:
        counted, period = count(intake["value"].iloc[0]), period_text(intake["period"].iloc[0])
        detail = f" IRCC counted {counted} Mexican claimants from {period}."
    return Finding(
        "supported" if rank == claimed_rank else "not supported",
        f"IRCC's briefing to the Commons immigration committee ranks Mexico No. {rank} among source countries "
        f"for {period_text(ranks['period'].iloc[0])}.{detail}",
    )


# ---- checks on stated values, shares and growth -------------------------------------------------------


def stated_value(values: dict[str, float], stated: float, what: str, at_least: bool = False) -> Finding:
    """A figure in billions checked against the official value on each basis (``values``: basis → value
    in millions). Supported when one basis agrees within one unit of the figure's last digit (our rule).
    For a lower bound ('exceeding'), supported when a value lies above the figure by at most that unit,
    partly supported when it lies further above (true, but it understates), not supported otherwise."""
    unit = 10 ** -decimals(stated)
    shown = "; ".join(f"{billions(value)} billion on the {basis}" for basis, value in values.items())
    text = f"Statistics Canada, {what}: {shown} (Canadian dollars)."
    if at_least:
        gaps = {basis: value / 1000 - stated for basis, value in values.items()}
        close = [basis for basis, gap in gaps.items() if 0 <= gap <= unit + 1e-9]
        above = {basis: gap for basis, gap in gaps.items() if gap > unit + 1e-9}
        if close:
            return Finding("supported", f"{text} 'More than {recorded(stated)} billion' fits the {and_list(close)}.")
        if above:
            over = and_list([f"the {basis}, by {billions(1000 * gap)} billion" for basis, gap in above.items()])
            return Finding(
                "partly supported",
                f"{text} The value exceeds {recorded(stated)} billion only on {over}, so the lower bound holds there "
                "but understates it (our rule: a lower bound fits when the value is above it by at most one unit of "
                "its last digit).",
            )
        return Finding("not supported", f"{text} No basis exceeds {recorded(stated)} billion.")
    agree = [basis for basis, value in values.items() if within_last_digit(value / 1000, stated)]
    if agree:
        return Finding(
            "supported",
            f"{text} The stated {recorded(stated)} billion agrees with the {and_list(agree)} to within "
            f"{recorded(unit)} billion, one unit of its last digit (our rule).",
        )
    return Finding("not supported", f"{text} The stated {recorded(stated)} billion agrees with neither.")


def partner_shares(annual_by_partner: pd.DataFrame, partner: str, total: str = "All countries") -> pd.DataFrame:
    """The percentage of exports, imports and two-way trade that is with ``partner``, by year, from a
    table that holds the partner and the total on one basis."""
    require(annual_by_partner, "trade by partner", "year", "partner", "flow", "value_cad_millions")
    wide = annual_by_partner.pivot_table(index="year", columns=["partner", "flow"], values="value_cad_millions")
    if partner not in wide.columns.get_level_values(0) or total not in wide.columns.get_level_values(0):
        raise KeyError(f"the trade table needs rows for both '{partner}' and '{total}'")
    own, whole = wide[partner], wide[total]
    shares = 100 * own / whole
    shares["two-way trade"] = 100 * (own["exports"] + own["imports"]) / (whole["exports"] + whole["imports"])
    return shares.dropna()


def stated_share(shares: pd.Series, stated: float, what: str) -> Finding:
    """A share (per cent) stated without a year or basis, against the balance-of-payments shares in
    every year held. Supported if a year agrees within one unit of the last digit (our rule); otherwise
    not verifiable, since the customs basis, which the book cannot turn into a share, may give another."""
    agree = shares[[within_last_digit(share, stated) for share in shares]]
    first, last = int(shares.index.min()), int(shares.index.max())
    text = (
        f"On the balance-of-payments basis Mexico took between {percent(shares.min())} and "
        f"{percent(shares.max())} of Canada's {what} in {year_span(first, last)} ({percent(shares[last])} in {last})."
    )
    if not agree.empty:
        return Finding("supported", f"{text} The stated {recorded(stated)}% agrees in {year_runs(agree.index)}.")
    return Finding(
        "not verifiable from official data",
        f"{text} The stated {recorded(stated)}% is not among them. The customs-basis table has no total for all "
        "countries, so the share on that basis, which may differ, cannot be computed.",
    )


def goods_and_services_bop(canada_mexico_annual: pd.DataFrame, services: pd.DataFrame) -> pd.DataFrame:
    """Canada's goods plus services trade with Mexico on the balance-of-payments basis, millions of CAD,
    by year (rows) and flow (columns), for the years both are at hand. Services are Statistics Canada's
    own figures in Canadian dollars."""
    require(canada_mexico_annual, "Canada–Mexico annual trade", "year", "basis", "flow", "value_cad_millions")
    require(services, "services trade", "year", "reporter", "partner", "flow", "value", "currency")
    table = goods_and_services(canada_mexico_annual, services)
    return (table["goods"] + table["services"]).rename_axis(columns="flow").dropna()


def growth_about(growth: dict[str, float], claimed: float, band: float = 0.02) -> Finding:
    """``growth`` maps each series to its compound annual growth rate (a fraction). Our rule, a
    judgement: a rate within ``band`` of the claim agrees with it; supported if every series does, partly
    supported if some do, not supported if none does."""
    close = [series for series, rate in growth.items() if abs(rate - claimed) <= band]
    verdict = "supported" if len(close) == len(growth) else "partly supported" if close else "not supported"
    shown = "; ".join(f"{series} {percent(100 * rate)}" for series, rate in growth.items())
    return Finding(
        verdict,
        f"Compound annual growth: {shown} (within {number(100 * band, 0)} points of the claim counts as agreeing).",
    )


def growth_claim(
    growth: dict[str, float], other_bases: dict[str, float], claimed: float, claimed_first: int, first: int, last: int
) -> Finding:
    """A growth rate claimed over ``claimed_first``–``last`` on the basis of ``growth``, whose series start
    in ``first``. If they start later the claim's period cannot be computed and the verdict is 'not
    verifiable'; the shorter period's rates, and those on ``other_bases``, are shown either way."""
    others = "; ".join(f"{series} {percent(100 * rate)}" for series, rate in other_bases.items())
    shown = " and ".join(f"{series} {percent(100 * rate)} a year" for series, rate in growth.items())
    if first > claimed_first:
        return Finding(
            "not verifiable from official data",
            f"On the claim's basis the book's series start in {first}, so {year_span(claimed_first, last)} cannot "
            f"be computed. Over {year_span(first, last)} on that basis: {shown}. Goods alone, a different basis: "
            f"{others}.",
        )
    finding = growth_about(growth, claimed)
    return Finding(finding.verdict, f"{finding.evidence} Goods alone, a different basis: {others}.")


# ---- checks on counts of people ----------------------------------------------------------------------

IRCC_ROUNDING = 5  # IRCC rounds every count to the nearest 5


def student_counts(
    permits: pd.DataFrame, monthly: pd.DataFrame, third_party: pd.DataFrame, other: pd.DataFrame, year: int
) -> dict[str, float]:
    """Every count of Mexican students the book holds for ``year``: IRCC's annual count of persons whose
    study permit took effect, the sum of its monthly counts, a third party's sum of them, and any count of
    Mexican students that Global Affairs Canada or Mexico's foreign ministry gave for the year."""
    require(permits, "study permits", "year", "country", "value", "partial_year")
    require(monthly, "IRCC monthly", "ref_month", "measure", "value")
    require(third_party, "IRCC annual sums", "year", "measure", "value")
    require(other, "other student figures", "period", "measure", "value", "unit")
    annual_count = permits[(permits["country"] == "Mexico") & ~permits["partial_year"].astype(bool)]
    summed = annual(monthly[monthly["measure"] == "study permits effective"], "value", ["measure"])
    third = third_party[third_party["measure"].str.startswith("study permits")]
    found = {
        "IRCC's annual count of persons whose permit took effect": annual_count,
        "the sum of IRCC's monthly counts": summed,
        "a third party's sum of those months": third,
    }
    counts = {
        label: float(rows.loc[rows["year"] == year, "value"].iloc[0])
        for label, rows in found.items()
        if (rows["year"] == year).any()
    }
    stated = other[
        (other["period"] == str(year))
        & other["measure"].str.startswith("Mexican")
        & other["unit"].str.startswith("persons")
    ]
    return counts | {row.measure: float(row.value) for row in stated.itertuples()}


def count_claim(stated: int, year: int, counts: dict[str, float], earlier: dict[str, float] | None = None) -> Finding:
    """A count of people checked against every official count for the year: supported when one agrees
    within IRCC's rounding. For a claimed fall (``earlier`` holds the year before), a figure that no count
    gives is partly supported if every count fell, not supported otherwise."""
    if not counts:
        return Finding("not verifiable from official data", f"No official count for {year} is in the book's tables.")
    shown = "; ".join(f"{count(value)} ({label})" for label, value in counts.items())
    agree = [label for label, value in counts.items() if abs(value - stated) <= IRCC_ROUNDING]
    text = f"Counts for {year}: {shown}."
    if agree:
        return Finding(
            "supported",
            f"{text} The stated {count(stated)} agrees with {and_list(agree)} to within {IRCC_ROUNDING}, the unit "
            "IRCC rounds to. It counts permits that took effect in the year, not students present on a date.",
        )
    text = f"{text} None is within {IRCC_ROUNDING} of the stated {count(stated)}."
    if earlier is None:
        return Finding("not supported", text)
    common = [label for label in counts if label in earlier]
    fell = bool(common) and all(counts[label] < earlier[label] for label in common)
    change = f" (the first by {percent(100 * (1 - counts[common[0]] / earlier[common[0]]), 0)})" if fell else ""
    return Finding(
        "partly supported" if fell else "not supported",
        f"{text} Every count {'fell' if fell else 'did not fall'} from {year - 1}{change}.",
    )


def months(period: str) -> str:
    """A period written start/end (ISO days) as prose: 'March to September 2024'."""
    start, end = (pd.Timestamp(day) for day in period.split("/"))
    return f"{start:%B} to {end:%B %Y}" if start.year == end.year else f"{start:%B %Y} to {end:%B %Y}"


def period_text(period: str) -> str:
    """A period as the tables write it, in prose: 'January to October 2023' for a start/end pair of days,
    and every ISO day in other wording as a prose date ('briefing of 5 December 2023')."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}", period):
        return months(period)
    return re.sub(r"\d{4}-\d{2}-\d{2}", lambda day: prose_date(day.group()), period)


def stated_purpose(asylum: pd.DataFrame, year: int) -> Finding:
    """The government's own statement of why it acted, and what its count of the targeted claims did
    afterwards: claims at airports, from IRCC's briefing, over the same months before and after."""
    require(asylum, "asylum claims", "period", "country", "measure", "value", "unit")
    airports = asylum[(asylum["country"] == "Mexico") & asylum["measure"].str.contains("at airports")]
    before = airports[airports["period"].str.startswith(str(year - 1))]
    after = airports[airports["period"].str.startswith(str(year))]
    if before.empty or after.empty:
        return Finding(
            "not verifiable from official data",
            "IRCC's counts of claims at airports before and after could not be read.",
        )
    return Finding(
        "supported",
        "IRCC's briefing of November 2024 gives a growing number of asylum claims by Mexican citizens, most refused, "
        "withdrawn or abandoned, as the reason for the change. Claims by Mexican nationals at airports fell from "
        f"{'more than ' if 'more than' in before['unit'].iloc[0] else ''}{count(before['value'].iloc[0])} "
        f"({months(before['period'].iloc[0])}) to {count(after['value'].iloc[0])} ({months(after['period'].iloc[0])}). "
        "The purpose is the government's statement; whether the visa caused the fall is examined in the chapter.",
    )


# ---- checks on the agreement's texts ---------------------------------------------------------------


def provision(provisions: pd.DataFrame, provision_id: str) -> pd.Series:
    """One treaty provision or official finding, by id; a clear error if the table lacks it."""
    require(provisions, "treaty provisions", "provision_id", "article", "summary", "source_id")
    match = provisions[provisions["provision_id"] == provision_id]
    if match.empty:
        raise KeyError(f"the treaty provisions table has no row '{provision_id}'")
    return match.iloc[0]


def amendment_rule(provisions: pd.DataFrame) -> Finding:
    """The USMCA's amendment article could not be read; NAFTA's, which it replaced, could."""
    nafta = provision(provisions, "nafta-2202-amendments")
    return Finding(
        "not verifiable from official data",
        "The USMCA's own article on amendments (34.3) could not be read, so the rule the claim states cannot be "
        f"checked. Under NAFTA's {nafta['article']}, which it replaced: {nafta['summary']} Which domestic "
        "approvals each country needs is a matter of its own law, which the book does not hold.",
    )


def extension_needs_all(provisions: pd.DataFrame, review: pd.DataFrame) -> Finding:
    """Only extending the term needs all three; the agreement runs to the end of its term without any
    confirmation. ``review`` is the joint-review table indexed by item."""
    extension = provision(provisions, "usmca-34-7-3-extension")
    yearly = provision(provisions, "usmca-34-7-4-annual-reviews")
    require(review, "joint review", "value")
    held, outcome = prose_date(review.at["joint_review_held", "value"]), review.at["outcome_extension", "value"]
    return Finding(
        "partly supported",
        f"Extending the agreement beyond its first term needs every party's written confirmation "
        f"({extension['article']}). Keeping it in force does not: without that confirmation it runs to the end of "
        f"its term, with a joint review every year ({yearly['article']}). At the joint review of "
        f"{held} the outcome was: {outcome}.",
    )


def unilateral_withdrawal(provisions: pd.DataFrame, sources: pd.DataFrame) -> Finding:
    """Any party may leave alone, with notice; how the article was read is said."""
    withdrawal = provision(provisions, "usmca-34-6-withdrawal")
    read = sources.at[withdrawal["source_id"], "kind"]
    how = " Its text was read only as quoted in a secondary source." if read == "secondary" else ""
    return Finding("supported", f"{withdrawal['article']}: {withdrawal['summary']}{how}")


def investor_state_weakened(provisions: pd.DataFrame) -> Finding:
    """Investor–state arbitration was phased out or narrowed: an investor's remedy, judged on its own."""
    isds = provision(provisions, "usmca-ch14-isds-overview")
    exhaustion = provision(provisions, "usmca-annex-14d-us-mx")
    legacy = provision(provisions, "usmca-annex-14c-legacy")
    return Finding(
        "supported",
        f"Investor–state arbitration under {isds['article']} is phased out between Canada and the United States and "
        f"narrowed for Mexico, where investors must first go to local courts ({exhaustion['article']}); "
        f"{legacy['article']}: {legacy['summary']} The states' own dispute mechanisms are judged separately.",
    )


def panels_survived(provisions: pd.DataFrame) -> Finding:
    """The binational panels on trade remedies, the states' means of challenging each other's duties."""
    panels = provision(provisions, "usmca-10-12-binational-panels")
    transition = provision(provisions, "usmca-34-1-4-ch19-transition")
    return Finding(
        "supported",
        f"{panels['article']}: {panels['summary']} {transition['article']}: {transition['summary']} Whether the "
        "changes were minor is not tested here.",
    )


def panel_formation(provisions: pd.DataFrame) -> Finding:
    """State-to-state panels: what the amended agreement provides, and NAFTA's record."""
    formation = provision(provisions, "usmca-ch31-panel-formation")
    blocking = provision(provisions, "nafta-ch20-panel-blocking")
    return Finding(
        "partly supported",
        f"USMCA Chapter 31: {formation['summary']} NAFTA {blocking['article']}: {blocking['summary']} "
        "'Automatically' goes further than the official analysis, which still asks whether a party can block a "
        "panel; that the United States did the blocking under NAFTA rests on secondary reports.",
    )


def leverage(actions: pd.DataFrame, sources: pd.DataFrame, facts: pd.DataFrame) -> Finding:
    """Whether the record links the Section 232 metals tariffs to the review, and on what sources."""
    require(actions, "tariff actions", "legal_basis", "products", "date_in_force", "usmca_treatment")
    metals = actions[actions["legal_basis"].str.startswith("Section 232") & actions["products"].str.contains("steel")]
    recent = metals[metals["date_in_force"].dt.year >= 2025]
    unshielded = recent["usmca_treatment"].fillna("").str.startswith("none")
    reports = facts[facts["fact_id"].str.startswith("s232-")]
    kinds = set(reports["source_id"].map(sources["kind"]))
    return Finding(
        "not verifiable from official data" if kinds <= {"secondary"} else "supported",
        f"Since 2025, {count(len(recent))} Section 232 measures on steel and aluminum have taken effect, "
        f"{count(unshielded.sum())} of them with no exception for USMCA goods; {count(len(reports))} reports link them "
        f"to the review talks, all from {and_list(sorted(kinds))} sources. "
        "No official text that treats them as leverage could be read.",
    )


def official_cost_findings(provisions: pd.DataFrame, sources: pd.DataFrame) -> Finding:
    findings = [provision(provisions, key) for key in ("usitc-2023-production-cost", "usitc-2025-prices")]
    official = [finding for finding in findings if sources.at[finding["source_id"], "kind"] == "official"]
    return Finding(
        "supported" if official else "not verifiable from official data",
        " ".join(f"{finding['article']}: {finding['summary']}" for finding in findings),
    )


def no_official_count(facts: pd.DataFrame, sources: pd.DataFrame) -> Finding:
    """No official source counts how often parts cross; what the sources read do say."""
    require(facts, "USMCA facts", "fact_id", "value", "period", "source_id")
    said = facts[facts["fact_id"].str.startswith("parts-crossings-")]
    stated = " ".join(
        f"{sources.at[row.source_id, 'publisher']} ({row.period}): {row.value}." for row in said.itertuples()
    )
    return Finding("not verifiable from official data", f"No official source read counts the crossings. {stated}")


# ---- the checks, registered by claim id ------------------------------------------------------------


def claimed_whole(claim: pd.Series) -> int:
    """The claim's value when it is a year, a rank or a count."""
    return int(claim["claimed_value"])


@check("relations-1944")
def check_relations(claim, evidence):
    return dated_event(
        evidence["events"],
        "canada-mexico-relations",
        claimed_whole(claim),
        "The events table dates the establishment of relations to {year}.",
    )


@check("independence-1926")
def check_independence(claim, evidence):
    return independence_steps(evidence["events"], claimed_whole(claim))


@check("us-mexico-1822")
def check_us_mexico(claim, evidence):
    return dated_event(
        evidence["events"],
        "us-mexico-recognition",
        claimed_whole(claim),
        "The United States recognised Mexico and established relations in {year}.",
    )


def trade_ranks(evidence: Evidence) -> pd.DataFrame:
    """Every ranking of Canada's partners the book holds: Statistics Canada's published ones, and those
    computed from the customs-basis monthly table and the annual balance-of-payments table."""
    partners = evidence["partners_annual"]
    return pd.concat(
        [
            published_ranking(evidence["canada_principal_partners"], "in Statistics Canada's published ranking"),
            ranks_on(partners[partners["basis"] == "customs"], "on the customs basis"),
            ranks_on(evidence["canada_trade_by_partner_annual_bop"], "in the annual balance-of-payments table"),
        ],
        ignore_index=True,
    )


CUSTOMS_PARTNERS = " Customs ranks count only the partners the monthly table holds."


@check("mexico-rank-3")
def check_mexico_rank(claim, evidence):
    finding = ranked_claim(trade_ranks(evidence), "Mexico", int(claim["year"]), claimed_whole(claim), ["two-way trade"])
    return Finding(finding.verdict, finding.evidence + CUSTOMS_PARTNERS)


@check("mexico-rank-5")
def check_mexico_rank_five(claim, evidence):
    finding = ranked_claim(trade_ranks(evidence), "Mexico", int(claim["year"]), claimed_whole(claim))
    return Finding(finding.verdict, finding.evidence + CUSTOMS_PARTNERS)


def canada_mexico_values(evidence: Evidence, year: int, flows: list[str]) -> dict[str, float]:
    """Canada's trade with Mexico in ``year`` on each basis, summed over ``flows``, in millions of CAD."""
    trade = evidence["canada_mexico_annual"]
    rows = trade[(trade["year"] == year) & trade["flow"].isin(flows)]
    summed = rows.groupby("basis")["value_cad_millions"].sum()
    return {f"{basis.replace(' ', '-')} basis": value for basis, value in summed.items()}


@check("cb-exports-2024")
def check_cb_exports(claim, evidence):
    year = int(claim["year"])
    values = canada_mexico_values(evidence, year, ["exports"])
    return stated_value(values, claim["claimed_value"], f"exports to Mexico in {year}")


@check("cb-imports-2024")
def check_cb_imports(claim, evidence):
    year = int(claim["year"])
    values = canada_mexico_values(evidence, year, ["imports"])
    return stated_value(values, claim["claimed_value"], f"imports from Mexico in {year}")


@check("indexbox-two-way-2023")
def check_indexbox(claim, evidence):
    year = int(claim["year"])
    values = canada_mexico_values(evidence, year, ["exports", "imports"])
    finding = stated_value(values, claim["claimed_value"], f"two-way trade with Mexico in {year}", at_least=True)
    return Finding(
        finding.verdict, f"{finding.evidence} The claim names no currency and rests on a commercial database."
    )


def bop_shares(evidence: Evidence) -> pd.DataFrame:
    partners = evidence["partners_annual"]
    return partner_shares(partners[partners["basis"] == "balance of payments"], "Mexico")


@check("globe-export-share")
def check_export_share(claim, evidence):
    return stated_share(bop_shares(evidence)["exports"], claim["claimed_value"], "exports")


@check("globe-two-way-share")
def check_two_way_share(claim, evidence):
    return stated_share(bop_shares(evidence)["two-way trade"], claim["claimed_value"], "two-way trade")


FLOW_WORDS = {"exports": "exports to Mexico", "imports": "imports from Mexico (Mexico's exports to Canada)"}


@check("growth-after-nafta")
def check_growth(claim, evidence):
    """On the claim's basis, goods and services (balance of payments), from the first year the book holds
    it; goods alone on each basis shown beside it."""
    last = int(claim["year"])
    claimed_first = last - int(claim["span_years"])
    both = goods_and_services_bop(evidence["canada_mexico_annual"], evidence["services_trade"])
    first = max(claimed_first, int(both.index.min()))
    growth = {FLOW_WORDS[flow]: cagr(both[flow], first, last) for flow in ("exports", "imports")}
    goods = evidence["canada_mexico_annual"]
    other_bases = {
        f"{flow} on the {basis.replace(' ', '-')} basis": cagr(
            rows.set_index("year")["value_cad_millions"], first, last
        )
        for (basis, flow), rows in goods.groupby(["basis", "flow"])
    }
    return growth_claim(growth, other_bases, claim["claimed_value"] / 100, claimed_first, first, last)


@check("asylum-top-source-2023")
def check_asylum_rank(claim, evidence):
    return asylum_rank(evidence["asylum_claims"], int(claim["year"]), claimed_whole(claim))


@check("visa-to-curb-asylum", judgement=True)
def check_visa_purpose(claim, evidence):
    return stated_purpose(evidence["asylum_claims"], int(claim["year"]))


def students_in(evidence: Evidence, year: int) -> dict[str, float]:
    return student_counts(
        evidence["study_permits_annual"],
        evidence["ircc_mexico_monthly"],
        evidence["ircc_mexico_annual_sums"],
        evidence["students_other"],
        year,
    )


@check("students-2023")
def check_students_2023(claim, evidence):
    year = int(claim["year"])
    return count_claim(claimed_whole(claim), year, students_in(evidence, year))


@check("students-2024")
def check_students_2024(claim, evidence):
    year = int(claim["year"])
    earlier = students_in(evidence, year - int(claim["span_years"]))
    return count_claim(claimed_whole(claim), year, students_in(evidence, year), earlier)


@check("amendment-consent", judgement=True)
def check_amendment(claim, evidence):
    return amendment_rule(evidence["treaty_provisions"])


@check("extension-consent", judgement=True)
def check_extension(claim, evidence):
    return extension_needs_all(evidence["treaty_provisions"], evidence["cusma_review"].set_index("item"))


@check("withdrawal-notice", judgement=True)
def check_withdrawal(claim, evidence):
    return unilateral_withdrawal(evidence["treaty_provisions"], evidence["sources"])


@check("investor-state-weakened", judgement=True)
def check_investor_state(claim, evidence):
    return investor_state_weakened(evidence["treaty_provisions"])


@check("binational-panels-survived", judgement=True)
def check_binational_panels(claim, evidence):
    return panels_survived(evidence["treaty_provisions"])


@check("state-to-state-panels", judgement=True)
def check_state_to_state(claim, evidence):
    return panel_formation(evidence["treaty_provisions"])


@check("section-232-leverage")
def check_leverage(claim, evidence):
    return leverage(evidence["tariff_actions"], evidence["sources"], evidence["usmca_facts"])


@check("auto-rules-costs")
def check_auto_rules(claim, evidence):
    return official_cost_findings(evidence["treaty_provisions"], evidence["sources"])


@check("parts-cross-borders")
def check_parts(claim, evidence):
    return no_official_count(evidence["usmca_facts"], evidence["sources"])
