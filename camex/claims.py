"""Public claims checked against the book's tables.

The claims are data: ``data/claims.csv`` holds each statement as it circulated, the value and year it
names and where it circulated. Each claim's check is a function registered here under the claim's id
and returning a :class:`Finding`; the chapters and the claims ledger run the same checks on the same
tables, so they cannot disagree. A check whose verdict is a reading of texts rather than a computation
is registered as a judgement, and its evidence says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from camex.data import PACKAGE_PATH, SOURCES, load
from camex.page import and_list, count, number, percent
from camex.series import annual, cagr
from camex.timeline import year_of

VERDICTS = ("supported", "partly supported", "not supported", "not verifiable from official data")
CLAIMS = "claims"
JUDGEMENT = "This verdict is the authors' reading of the texts quoted, not a computation."


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
    first use. Tests pass tables of their own by name."""

    DERIVED = {
        "canada_mexico_annual": lambda package: annual(
            load("canada_mexico_trade_monthly", package), "value_cad_millions", ["basis", "flow"]
        ),
        "partners_annual": lambda package: annual(
            load("canada_trade_by_partner_monthly", package), "value_cad_millions", ["basis", "partner", "flow"]
        ),
        "sources": lambda package: load(SOURCES, package).set_index("source_id"),
    }

    def __init__(self, package: Path = PACKAGE_PATH, **tables: pd.DataFrame):
        self.package = package
        self.tables = dict(tables)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.tables:
            self.tables[name] = self.DERIVED.get(name, lambda package: load(name, package))(self.package)
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
    return {
        "claim": claim["statement"],
        "circulated": claim["circulated"],
        "verdict": finding.verdict,
        "evidence": text,
    }


def claims_table(chapter: str | None = None, evidence: Evidence | None = None) -> pd.DataFrame:
    """The verdict on every claim, in the order of the claims table; for one chapter's claims, without
    the chapter column."""
    evidence = evidence or Evidence()
    claims = evidence[CLAIMS]
    if chapter is not None:
        claims = claims[claims["chapter"] == chapter]
    rows = [{"chapter": claim["chapter"], **judge(claim, evidence)} for _, claim in claims.iterrows()]
    table = pd.DataFrame(rows, columns=["chapter", "claim", "circulated", "verdict", "evidence"])
    return table if chapter is None else table.drop(columns="chapter")


def ledger() -> pd.DataFrame:
    """Every claim the chapters examine, with its verdict."""
    return claims_table()


# ---- the checks, as functions of explicit inputs (unit-tested) -------------------------------------


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


def published_rank(published_ranks: pd.DataFrame, partner: str, year: int, claimed_rank: int) -> Finding:
    """Checked against Statistics Canada's published ranking of partners by total trade."""
    ranked = published_ranks[(published_ranks["year"] == year) & published_ranks["rank"].notna()]
    if ranked.empty:
        return Finding("not verifiable from official data", f"No published ranking for {year} is in the book's tables.")
    rank = int(ranked.loc[ranked["partner"] == partner, "rank"].iloc[0])
    return Finding(
        "supported" if rank == claimed_rank else "not supported",
        f"Statistics Canada's ranking by total merchandise trade puts {partner} at No. {rank} in {year}.",
    )


def growth_about(growth: dict[str, float], claimed: float, band: float = 0.02) -> Finding:
    """``growth`` maps each series to its compound annual growth rate (a fraction). Our rule, a
    judgement: 'about' means within ``band`` of the claim; supported if every series is, partly
    supported if some are, not supported if none is."""
    close = [series for series, rate in growth.items() if abs(rate - claimed) <= band]
    verdict = "supported" if len(close) == len(growth) else "partly supported" if close else "not supported"
    shown = "; ".join(f"{series} {percent(100 * rate)}" for series, rate in growth.items())
    return Finding(
        verdict,
        f"Compound annual growth: {shown} (within {number(100 * band, 0)} points of the claim counts as 'about').",
    )


def asylum_rank(asylum: pd.DataFrame, year: int, claimed_rank: int) -> Finding:
    """IRCC's own statement of Mexico's rank among source countries, with its intake count for the
    year, from the rows whose period starts with ``year``."""
    rows = asylum[(asylum["country"] == "Mexico") & asylum["period"].str.startswith(str(year))]
    ranks = rows[rows["unit"] == "rank"]
    intake = rows[rows["measure"].str.contains("intake") & rows["source_id"].str.startswith("ircc")]
    if ranks.empty:
        return Finding("not verifiable from official data", f"No official ranking for {year} is in the table.")
    rank = int(ranks["value"].iloc[0])
    detail = (
        f" IRCC counted {count(intake['value'].iloc[0])} Mexican claimants over {intake['period'].iloc[0]}."
        if not intake.empty
        else ""
    )
    return Finding(
        "supported" if rank == claimed_rank else "not supported",
        f"IRCC's briefing to the Commons immigration committee ranks Mexico No. {rank} among source countries "
        f"for {ranks['period'].iloc[0]}.{detail}",
    )


def months(period: str) -> str:
    """A period written start/end (ISO days) as prose: 'March to September 2024'."""
    start, end = (pd.Timestamp(day) for day in period.split("/"))
    return f"{start:%B} to {end:%B %Y}" if start.year == end.year else f"{start:%B %Y} to {end:%B %Y}"


def stated_purpose(asylum: pd.DataFrame, year: int) -> Finding:
    """The government's own statement of why it acted, and what its count of the targeted claims did
    afterwards: claims at airports, from IRCC's briefing, over the same months before and after."""
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


def no_official_count(facts: pd.DataFrame, sources: pd.DataFrame) -> Finding:
    """No official source counts how often parts cross; what the sources read do say."""
    said = facts[facts["fact_id"].str.startswith("parts-crossings-")]
    stated = " ".join(
        f"{sources.at[row.source_id, 'publisher']} ({row.period}): {row.value}." for row in said.itertuples()
    )
    return Finding("not verifiable from official data", f"No official source read counts the crossings. {stated}")


def provision(provisions: pd.DataFrame, provision_id: str) -> pd.Series:
    """One treaty provision or official finding, by id; a clear error if the table lacks it."""
    match = provisions[provisions["provision_id"] == provision_id]
    if match.empty:
        raise KeyError(f"the treaty provisions table has no row '{provision_id}'")
    return match.iloc[0]


def consent_to_continue(provisions: pd.DataFrame) -> Finding:
    """Only extending the term needs all three; the agreement runs to the end of its term without any
    confirmation, and a party may leave alone."""
    extension = provision(provisions, "usmca-34-7-3-extension")
    withdrawal = provision(provisions, "usmca-34-6-withdrawal")
    return Finding(
        "partly supported",
        f"{extension['article']}: extending the agreement beyond its 16-year term needs every party's written "
        f"confirmation. But without it the agreement stays in force until the term ends, and under "
        f"{withdrawal['article']} any party may leave on its own, with effect six months after written notice, "
        "while the agreement continues between the others. The amendment article (34.3) could not be read.",
    )


def investor_state_weakened(provisions: pd.DataFrame) -> Finding:
    """Investor–state arbitration was phased out or narrowed; the panels on trade remedies survived."""
    panels = provision(provisions, "usmca-10-12-binational-panels")
    isds = provision(provisions, "usmca-ch14-isds-overview")
    exhaustion = provision(provisions, "usmca-annex-14d-us-mx")
    return Finding(
        "supported",
        f"Investor–state arbitration ({isds['article']}) is phased out between Canada and the United States and "
        f"narrowed for Mexico, where investors must first go to local courts ({exhaustion['article']}). What "
        f"survived is the binational panel review of antidumping and countervailing duty determinations, NAFTA's "
        f"Chapter 19, in {panels['article']}.",
    )


def leverage(actions: pd.DataFrame, sources: pd.DataFrame, facts: pd.DataFrame) -> Finding:
    """Whether the record links the Section 232 metals tariffs to the review, and on what sources."""
    metals = actions[actions["legal_basis"].str.startswith("Section 232") & actions["products"].str.contains("steel")]
    recent = metals[metals["date_in_force"].dt.year >= 2025]
    unshielded = recent["usmca_treatment"].fillna("").str.startswith("none")
    reports = facts[facts["fact_id"].str.startswith("s232-")]
    kinds = set(reports["source_id"].map(sources["kind"]))
    return Finding(
        "not verifiable from official data" if kinds <= {"secondary"} else "supported",
        f"{len(recent)} Section 232 measures on steel and aluminium took effect from 2025, "
        f"{int(unshielded.sum())} of them with no exception for USMCA goods; {len(reports)} reports link them "
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


# ---- the checks, registered by claim id ------------------------------------------------------------


def claimed_whole(claim: pd.Series) -> int:
    """The claim's value when it is a year or a rank."""
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


@check("mexico-rank-3")
def check_mexico_rank(claim, evidence):
    return published_rank(evidence["canada_principal_partners"], "Mexico", int(claim["year"]), claimed_whole(claim))


@check("growth-after-nafta")
def check_growth(claim, evidence):
    """Over the claim's period, from the first year the monthly table covers if the period starts
    earlier, on both bases and in both directions."""
    annual_trade = evidence["canada_mexico_annual"]
    last = int(claim["year"])
    first = max(last - int(claim["span_years"]), int(annual_trade["year"].min()))
    growth = {}
    for basis in ("customs", "balance of payments"):
        for flow in ("exports", "imports"):
            rows = annual_trade[(annual_trade["basis"] == basis) & (annual_trade["flow"] == flow)]
            label = f"{flow} {'to' if flow == 'exports' else 'from'} Mexico, {basis}, {first}–{last}"
            growth[label] = cagr(rows.set_index("year")["value_cad_millions"], first, last)
    return growth_about(growth, claim["claimed_value"] / 100)


@check("asylum-top-source-2023")
def check_asylum_rank(claim, evidence):
    return asylum_rank(evidence["asylum_claims"], int(claim["year"]), claimed_whole(claim))


@check("renegotiation-consent", judgement=True)
def check_consent(claim, evidence):
    return consent_to_continue(evidence["treaty_provisions"])


@check("dispute-settlement-weakened", judgement=True)
def check_dispute_settlement(claim, evidence):
    return investor_state_weakened(evidence["treaty_provisions"])


@check("section-232-leverage")
def check_leverage(claim, evidence):
    return leverage(evidence["tariff_actions"], evidence["sources"], evidence["usmca_facts"])


@check("auto-rules-costs")
def check_auto_rules(claim, evidence):
    return official_cost_findings(evidence["treaty_provisions"], evidence["sources"])


@check("visa-to-curb-asylum", judgement=True)
def check_visa_purpose(claim, evidence):
    return stated_purpose(evidence["asylum_claims"], int(claim["year"]))


@check("parts-cross-borders")
def check_parts(claim, evidence):
    return no_official_count(evidence["usmca_facts"], evidence["sources"])
