"""Public claims checked against the book's tables: one function per claim, each returning a verdict.

The chapters and the claims ledger call the same functions, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from camex.data import SOURCES, load
from camex.series import annual, cagr
from camex.timeline import year_of

VERDICTS = ("supported", "partly supported", "not supported", "not verifiable from official data")


@dataclass(frozen=True)
class Verdict:
    claim: str
    verdict: str
    evidence: str
    circulated: str = ""

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict '{self.verdict}'; use one of: {', '.join(VERDICTS)}")


def verdicts_table(verdicts: list[Verdict]) -> pd.DataFrame:
    """One row per verdict: the claim, the verdict and its evidence (and where it circulated, if known)."""
    table = pd.DataFrame([vars(verdict) for verdict in verdicts])
    return table.drop(columns="circulated") if not table["circulated"].any() else table


def circulating(verdicts: list[Verdict], where: str) -> list[Verdict]:
    """The same verdicts, each noting where its claim circulated."""
    return [replace(verdict, circulated=where) for verdict in verdicts]


def dated_event_claim(events: pd.DataFrame, event_id: str, claimed_year: int, claim: str, evidence: str) -> Verdict:
    """A claim that an event happened in ``claimed_year``: supported exactly when the table agrees.

    ``evidence`` is a sentence with ``{year}`` where the table's year goes.
    """
    year = year_of(events, event_id)
    return Verdict(claim=claim, verdict="supported" if year == claimed_year else "not supported", evidence=evidence.format(year=year))


def canada_mexico_relations_since(events: pd.DataFrame, claimed_year: int = 1944) -> Verdict:
    """Claim: Canada and Mexico established diplomatic relations in ``claimed_year``."""
    return dated_event_claim(
        events,
        "canada-mexico-relations",
        claimed_year,
        f"Canada and Mexico established diplomatic relations in {claimed_year}.",
        "The events table dates the establishment of relations to {year}.",
    )


def canada_independent_from(events: pd.DataFrame, claimed_year: int = 1926) -> Verdict:
    """Claim: Canada was not independent of the British Empire until ``claimed_year``.

    Independence came in steps; the table records two of them. The claim is only partly right if it
    names either step, because neither alone made Canada independent in every respect.
    """
    balfour = year_of(events, "balfour-declaration")
    westminster = year_of(events, "statute-of-westminster")
    steps = {balfour, westminster}
    return Verdict(
        claim=f"Canada was not independent of the British Empire until {claimed_year}.",
        verdict="partly supported" if claimed_year in steps else "not supported",
        evidence=(
            f"In {balfour} the Balfour Declaration recognised the Dominions as equal and autonomous, "
            f"including in external affairs, but it was a declaration, not law; the Statute of Westminster "
            f"gave it legal effect in {westminster}. Independence was a process, not a single year."
        ),
    )


def us_mexico_relations_from(events: pd.DataFrame, claimed_year: int = 1822) -> Verdict:
    """Claim: relations between the United States and Mexico date from ``claimed_year``."""
    return dated_event_claim(
        events,
        "us-mexico-recognition",
        claimed_year,
        f"Relations between the United States and Mexico date from {claimed_year}.",
        "The United States recognised Mexico and established relations in {year}.",
    )


def within(value: float, claimed: float, tolerance: float) -> bool:
    """Whether ``value`` lies within ``tolerance`` (a fraction) of ``claimed``."""
    return abs(value - claimed) <= tolerance * abs(claimed)


def canada_mexico_trade_total(two_way_goods: dict[str, float], claimed_billions: float, year: int) -> Verdict:
    """Claim: Canada–Mexico trade in goods *and services* reached ``claimed_billions`` CAD in ``year``.

    ``two_way_goods`` maps each basis to goods exports plus imports in millions of CAD. Goods are only
    part of goods and services, so a claimed total below goods trade on every basis cannot be right;
    services are not in the book's tables, so a claimed total above it cannot be checked.
    """
    shown = "; ".join(f"{basis} basis {value / 1000:.1f} billion" for basis, value in two_way_goods.items())
    claim = f"Canada–Mexico trade in goods and services reached ${claimed_billions} billion in {year}."
    if claimed_billions * 1000 < min(two_way_goods.values()):
        verdict = "not supported"
        reason = "Goods trade alone was larger on every basis, so goods and services together cannot have been that small"
    else:
        verdict = "not verifiable from official data"
        reason = "The figure is not below goods trade, but services trade with Mexico is not in the book's tables"
    return Verdict(claim, verdict, f"Statistics Canada, goods only, {year}, CAD: {shown}. {reason}.")


def mexico_rank(published_ranks: pd.DataFrame, year: int, claimed_rank: int = 3) -> Verdict:
    """Claim: Mexico is Canada's ``claimed_rank``-th largest merchandise trading partner (in ``year``).

    ``published_ranks`` holds Statistics Canada's published ranking of partners by total trade.
    """
    ranked = published_ranks[(published_ranks["year"] == year) & published_ranks["rank"].notna()]
    if ranked.empty:
        return Verdict(f"Mexico is Canada's No. {claimed_rank} merchandise trading partner.", "not verifiable from official data", f"No published ranking for {year} is in the book's tables.")
    rank = int(ranked.loc[ranked["partner"] == "Mexico", "rank"].iloc[0])
    return Verdict(
        f"Mexico is Canada's No. {claimed_rank} merchandise trading partner.",
        "supported" if rank == claimed_rank else "not supported",
        f"Statistics Canada's ranking by total merchandise trade puts Mexico at No. {rank} in {year}.",
    )


def partner_value(claimed_billions: float, partner: str, year: int, official: dict[str, float], tolerance: float = 0.005) -> Verdict:
    """Claim: Canada's merchandise trade with ``partner`` was ``claimed_billions`` CAD in ``year``.

    ``official`` maps each basis available to two-way trade in millions of CAD. The claim is supported
    if it matches one basis to within ``tolerance`` (a fraction; rounding to the published tenth).
    """
    matches = [basis for basis, value in official.items() if within(value / 1000, claimed_billions, tolerance)]
    shown = "; ".join(f"{basis} basis {value / 1000:.1f} billion" for basis, value in official.items())
    return Verdict(
        f"Canada's merchandise trade with {partner} was ${claimed_billions} billion in {year}.",
        "supported" if matches else "not supported",
        f"Statistics Canada, exports plus imports, CAD: {shown}." + (f" Matches the {matches[0]} basis." if matches else " Matches no basis."),
    )


def about_ten_percent_growth(growth: dict[str, float], claimed: float = 0.10, band: float = 0.02) -> Verdict:
    """Claim: trade in both directions grew about ``claimed`` a year after NAFTA.

    ``growth`` maps each series (flow and basis) to its compound annual growth rate over the period
    measured. Our rule, a judgement: 'about' means within ``band`` of the claim; supported if every
    series is, partly supported if some are, not supported if none is.
    """
    close = {series: rate for series, rate in growth.items() if abs(rate - claimed) <= band}
    verdict = "supported" if len(close) == len(growth) else "partly supported" if close else "not supported"
    shown = "; ".join(f"{series} {100 * rate:.1f}%" for series, rate in growth.items())
    return Verdict(
        f"Canadian exports to Mexico and Mexican exports to Canada grew about {100 * claimed:.0f}% a year after NAFTA.",
        verdict,
        f"Compound annual growth: {shown} (within {100 * band:.0f} points of the claim counts as 'about').",
    )


def study_permit_holders(study_annual: pd.DataFrame, claimed_holders: int = 15_000, claimed_growth: float = 0.70, year: int = 2024, span: int = 5) -> Verdict:
    """Claim: about ``claimed_holders`` Mexicans held study permits at the end of ``year``, up
    ``claimed_growth`` in ``span`` years.

    The claim is about a stock (holders on 31 December). The book's IRCC table counts permits that
    became effective in a year (a flow), so it cannot confirm or refute the claim; the evidence shows
    what the flow says, to keep the two from being confused.
    """
    mexico = study_annual[(study_annual["country"] == "Mexico") & ~study_annual["partial_year"]].set_index("year")["value"]
    start = year - span
    evidence = (
        f"IRCC counts permits that became effective in a year, a flow, not holders on 31 December: for Mexico "
        f"{mexico[start]:,} in {start} and {mexico[year]:,} in {year} ({100 * (mexico[year] / mexico[start] - 1):+.0f}%). "
        "No official count of holders at the end of the year could be read."
    )
    return Verdict(
        f"Nearly {claimed_holders:,} Mexicans held Canadian study permits at the end of {year}, "
        f"a {100 * claimed_growth:.0f}% increase over {span} years.",
        "not verifiable from official data",
        evidence,
    )


def english_training_abroad(students_other: pd.DataFrame) -> Verdict:
    """Claim (ICEF Monitor): Mexicans travelling abroad for English-language training rose 35% from 2016 to 2020.

    The claim concerns Mexicans studying English in every destination; the only official figures the
    book holds are Languages Canada's, for Canada alone and without counts.
    """
    canada_only = students_other[students_other["source_id"].str.startswith("languages-canada")]
    shown = "; ".join(f"{row.period}: {row.measure} = {row.value:g} ({row.unit})" for row in canada_only.itertuples())
    return Verdict(
        "Between 2016 and 2020 the number of Mexicans travelling abroad for English-language training rose 35% (ICEF Monitor).",
        "not verifiable from official data",
        f"No official count of Mexicans studying languages abroad, in all destinations, could be read. Languages Canada reports for Canada only: {shown}.",
    )


def top_asylum_source(asylum: pd.DataFrame, year: int = 2023) -> Verdict:
    """Claim: asylum claims made Mexico the top source country in ``year``.

    Uses IRCC's own statement of Mexico's rank among source countries and its intake count for the year,
    from the rows whose period starts with ``year``.
    """
    rows = asylum[(asylum["country"] == "Mexico") & asylum["period"].str.startswith(str(year))]
    ranks = rows[rows["unit"] == "rank"]
    intake = rows[rows["measure"].str.contains("intake") & rows["source_id"].str.startswith("ircc")]
    if ranks.empty:
        return Verdict(f"Asylum claims made Mexico the top source country in {year}.", "not verifiable from official data", f"No official ranking for {year} is in the table.")
    rank = int(ranks["value"].iloc[0])
    detail = f" IRCC counted {int(intake['value'].iloc[0]):,} Mexican claimants over {intake['period'].iloc[0]}." if not intake.empty else ""
    return Verdict(
        f"Asylum claims made Mexico the top source country in {year}.",
        "supported" if rank == 1 else "not supported",
        f"IRCC's briefing to the Commons immigration committee ranks Mexico No. {rank} among source countries for {ranks['period'].iloc[0]}.{detail}",
    )


# Claims by chapter: what the chapters show and the ledger collects --------------------------------

OVERVIEWS = "overviews of the relationship"
COVERAGE_2025 = "2025 news coverage"


def history_claims(events: pd.DataFrame) -> list[Verdict]:
    return circulating(
        [canada_mexico_relations_since(events, 1944), canada_independent_from(events, 1926), us_mexico_relations_from(events, 1822)],
        OVERVIEWS,
    )


def series_of(table: pd.DataFrame, value: str, **match) -> pd.Series:
    """The rows of ``table`` matching every column=value pair, as a series indexed by year."""
    chosen = table
    for column, wanted in match.items():
        chosen = chosen[chosen[column] == wanted]
    return chosen.set_index("year")[value]


def trade_claims(canada_mexico: pd.DataFrame, partners: pd.DataFrame, published: pd.DataFrame, year: int = 2023) -> list[Verdict]:
    """The trade chapter's claims, from annual Canada–Mexico trade (both bases), annual trade by
    partner and Statistics Canada's published ranking."""
    two_way = canada_mexico[canada_mexico["year"] == year].groupby("basis")["value_cad_millions"].sum().to_dict()
    by_partner = partners[partners["year"] == year].groupby(["partner", "basis"])["value_cad_millions"].sum()
    first = int(canada_mexico["year"].min())
    decade = first + 10
    growth = {
        f"{flow} {'to' if flow == 'exports' else 'from'} Mexico, {basis}, {first}–{decade}": cagr(
            series_of(canada_mexico, "value_cad_millions", basis=basis, flow=flow), first, decade
        )
        for basis in ("customs", "balance of payments")
        for flow in ("exports", "imports")
    }
    verdicts = [
        canada_mexico_trade_total(two_way, 32.7, year),
        mexico_rank(published, year),
        *[partner_value(claimed, partner, year, by_partner[partner].to_dict()) for partner, claimed in [("United States", 804.4), ("China", 119.3), ("Mexico", 32.7)]],
        about_ten_percent_growth(growth),
    ]
    return circulating(verdicts, COVERAGE_2025)


def people_claims(study: pd.DataFrame, students_other: pd.DataFrame, asylum: pd.DataFrame) -> list[Verdict]:
    return [
        replace(study_permit_holders(study), circulated=COVERAGE_2025),
        replace(english_training_abroad(students_other), circulated="ICEF Monitor, quoted in 2025 news coverage"),
        replace(top_asylum_source(asylum), circulated=COVERAGE_2025),
    ]


def provision(provisions: pd.DataFrame, provision_id: str) -> pd.Series:
    """One treaty provision or official finding, by id; a clear error if the table lacks it."""
    match = provisions[provisions["provision_id"] == provision_id]
    if match.empty:
        raise KeyError(f"the treaty provisions table has no row '{provision_id}'")
    return match.iloc[0]


def renegotiation_needs_all_three(provisions: pd.DataFrame) -> Verdict:
    """Claim: a full renegotiation of the agreement requires the consent of all three countries."""
    extension = provision(provisions, "usmca-34-7-3-extension")
    withdrawal = provision(provisions, "usmca-34-6-withdrawal")
    return Verdict(
        "A full renegotiation of the USMCA requires the consent of all three countries.",
        "partly supported",
        f"{extension['article']}: extending the agreement needs every party's written confirmation. "
        f"{withdrawal['article']}: but any party may leave on its own, with effect six months after written notice, "
        "and the agreement continues between the others. The amendment article (34.3) could not be read.",
    )


def dispute_settlement_weakened(provisions: pd.DataFrame) -> Verdict:
    """Claim: the USMCA significantly weakened Canada's and Mexico's ability to challenge US trade practices."""
    panels = provision(provisions, "usmca-10-12-binational-panels")
    isds = provision(provisions, "usmca-ch14-isds-overview")
    exhaustion = provision(provisions, "usmca-annex-14d-us-mx")
    return Verdict(
        "The USMCA significantly weakened Canada's and Mexico's ability to challenge US trade practices.",
        "partly supported",
        f"Kept: binational panel review of antidumping and countervailing duty determinations, NAFTA's Chapter 19, "
        f"continues in {panels['article']}. Weakened: investor–state arbitration ({isds['article']}) is phased out "
        f"between Canada and the United States and narrowed for Mexico, where investors must first go to local courts "
        f"({exhaustion['article']}).",
    )


def section_232_leverage(actions: pd.DataFrame, sources: pd.DataFrame, facts: pd.DataFrame) -> Verdict:
    """Claim: Section 232 steel and aluminium tariffs could be used as leverage in the review."""
    metals = actions[actions["legal_basis"].str.startswith("Section 232") & actions["products"].str.contains("steel")]
    recent = metals[metals["date_in_force"].dt.year >= 2025]
    unshielded = recent["usmca_treatment"].fillna("").str.startswith("none")
    reports = facts[facts["fact_id"].str.startswith("s232-")]
    kinds = set(reports["source_id"].map(sources["kind"]))
    return Verdict(
        "Section 232 steel and aluminium tariffs could be used as leverage in the review.",
        "not verifiable from official data" if kinds <= {"secondary"} else "supported",
        f"{len(recent)} Section 232 measures on steel and aluminium took effect from 2025, {int(unshielded.sum())} of them "
        f"with no exception for USMCA goods; {len(reports)} reports link them to the review talks, all from "
        f"{', '.join(sorted(kinds))} sources. "
        "No official text that treats them as leverage could be read.",
    )


def auto_rules_raise_costs(provisions: pd.DataFrame, sources: pd.DataFrame) -> Verdict:
    """Claim: tighter automotive rules of origin raise costs for manufacturers (what the official reviews found)."""
    findings = [provision(provisions, key) for key in ("usitc-2023-production-cost", "usitc-2025-prices")]
    official = [finding for finding in findings if sources.at[finding["source_id"], "kind"] == "official"]
    return Verdict(
        "Tighter automotive rules of origin raise costs for manufacturers.",
        "supported" if official else "not verifiable from official data",
        " ".join(f"{finding['article']}: {finding['summary']}" for finding in findings),
    )


def usmca_claims(provisions: pd.DataFrame, actions: pd.DataFrame, sources: pd.DataFrame, facts: pd.DataFrame) -> list[Verdict]:
    return circulating(
        [
            renegotiation_needs_all_three(provisions),
            dispute_settlement_weakened(provisions),
            section_232_leverage(actions, sources, facts),
            auto_rules_raise_costs(provisions, sources),
        ],
        COVERAGE_2025,
    )


def ledger() -> pd.DataFrame:
    """Every claim the chapters examine, with its verdict, computed by the chapters' own functions from
    the bundled tables."""
    sources = load(SOURCES).set_index("source_id")
    canada_mexico = annual(load("canada_mexico_trade_monthly"), "value_cad_millions", ["basis", "flow"])
    partners = annual(load("canada_trade_by_partner_monthly"), "value_cad_millions", ["basis", "partner", "flow"])
    chapters = {
        "a-late-start": history_claims(load("events")),
        "trade-as-the-foundation": trade_claims(canada_mexico, partners, load("canada_principal_partners")),
        "people-to-people": people_claims(load("study_permits_annual"), load("students_other"), load("asylum_claims")),
        "usmca-under-review": usmca_claims(load("treaty_provisions"), load("tariff_actions"), sources, load("usmca_facts")),
    }
    return pd.concat([verdicts_table(verdicts).assign(chapter=chapter) for chapter, verdicts in chapters.items()], ignore_index=True)
