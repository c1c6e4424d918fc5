"""Public claims checked against the book's tables: one function per claim, each returning a verdict.

The chapters and the claims ledger call the same functions, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from camex.timeline import year_of

VERDICTS = ("supported", "partly supported", "not supported", "not verifiable from official data")


@dataclass(frozen=True)
class Verdict:
    claim: str
    verdict: str
    evidence: str

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict '{self.verdict}'; use one of: {', '.join(VERDICTS)}")


def verdicts_table(verdicts: list[Verdict]) -> pd.DataFrame:
    return pd.DataFrame([vars(verdict) for verdict in verdicts])


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
