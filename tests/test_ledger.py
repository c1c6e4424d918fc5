"""The claims ledger gathers the chapters' own verdicts."""

from camex.claims import VERDICTS, history_claims, ledger
from camex.data import load
from conftest import ROOT


def test_ledger_holds_every_chapter_claim_with_a_known_verdict():
    table = ledger()
    assert set(table["verdict"]) <= set(VERDICTS)
    assert table["circulated"].str.len().gt(0).all() and table["evidence"].str.len().gt(0).all()
    for chapter in table["chapter"].unique():
        assert (ROOT / "notebooks" / f"{chapter}.ipynb").exists()


def test_ledger_and_chapter_give_the_same_verdicts():
    chapter = [(verdict.claim, verdict.verdict) for verdict in history_claims(load("events"))]
    table = ledger()
    assert list(zip(table.loc[table["chapter"] == "a-late-start", "claim"], table.loc[table["chapter"] == "a-late-start", "verdict"])) == chapter
