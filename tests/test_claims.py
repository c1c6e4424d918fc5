"""The claims: a table of the data package, a registered check for each, and the same verdicts in the
chapters and the ledger."""

import pandas as pd
import pytest

from camex import claims
from camex.claims import (
    JUDGEMENT,
    VERDICTS,
    Evidence,
    Finding,
    asylum_rank,
    claims_table,
    consent_to_continue,
    dated_event,
    growth_about,
    independence_steps,
    investor_state_weakened,
    judge,
    ledger,
    leverage,
    no_official_count,
    official_cost_findings,
    published_rank,
    stated_purpose,
)
from camex.data import load


@pytest.fixture
def milestones():
    rows = [
        ("us-mexico-recognition", "1822-12-12"),
        ("balfour-declaration", "1926"),
        ("statute-of-westminster", "1931-12-11"),
        ("canada-mexico-relations", "1944-01-30"),
    ]
    return pd.DataFrame(rows, columns=["event_id", "date"])


def test_findings_use_the_ledger_vocabulary():
    with pytest.raises(ValueError, match="unknown verdict 'mostly true'"):
        Finding("mostly true", "evidence")


def test_dated_event_is_supported_only_for_the_recorded_year(milestones):
    sentence = "The table says {year}."
    assert dated_event(milestones, "canada-mexico-relations", 1944, sentence) == Finding(
        "supported", "The table says 1944."
    )
    assert dated_event(milestones, "canada-mexico-relations", 1946, sentence).verdict == "not supported"


def test_independence_is_partly_supported_for_either_step(milestones):
    assert independence_steps(milestones, 1926).verdict == "partly supported"
    assert independence_steps(milestones, 1931).verdict == "partly supported"
    finding = independence_steps(milestones, 1867)
    assert finding.verdict == "not supported" and "1926" in finding.evidence and "1931" in finding.evidence


def test_rank_claim_uses_the_published_ranking():
    published = pd.DataFrame({"year": [2023, 2023], "partner": ["China", "Mexico"], "rank": [2, 3]})
    assert published_rank(published, "Mexico", 2023, 3).verdict == "supported"
    assert published_rank(published, "Mexico", 2023, 2).verdict == "not supported"
    assert published_rank(published, "Mexico", 2019, 3).verdict == "not verifiable from official data"


def test_growth_verdict_follows_the_stated_band():
    assert growth_about({"a": 0.09, "b": 0.11}, 0.10).verdict == "supported"
    assert growth_about({"a": 0.09, "b": 0.145}, 0.10).verdict == "partly supported"
    finding = growth_about({"a": 0.05, "b": 0.145}, 0.10)
    assert finding.verdict == "not supported" and "a 5.0%" in finding.evidence


def test_asylum_claim_follows_the_official_rank():
    rows = [
        ("2023 (to date)", "Mexico", "rank among source countries", 1, "rank", "ircc-cimm-2023-12-05"),
        ("2023-01-01/2023-10-31", "Mexico", "IRCC/CBSA asylum claims intake", 20370, "persons", "ircc-cimm-2023-12-05"),
    ]
    table = pd.DataFrame(rows, columns=["period", "country", "measure", "value", "unit", "source_id"])
    finding = asylum_rank(table, 2023, 1)
    assert finding.verdict == "supported" and "20,370" in finding.evidence
    assert asylum_rank(table, 2019, 1).verdict == "not verifiable from official data"
    assert asylum_rank(table, 2023, 2).verdict == "not supported"


def provisions_table(**overrides):
    rows = {
        "usmca-34-7-3-extension": "Article 34.7(3)",
        "usmca-34-6-withdrawal": "Article 34.6",
        "usmca-10-12-binational-panels": "Article 10.12",
        "usmca-ch14-isds-overview": "Chapter 14",
        "usmca-annex-14d-us-mx": "Annex 14-D",
        "usitc-2023-production-cost": "USITC 2023",
        "usitc-2025-prices": "USITC 2025",
    }
    return pd.DataFrame(
        [
            {
                "provision_id": key,
                "article": article,
                "summary": f"summary of {article}",
                "source_id": overrides.get(key, "official-source"),
            }
            for key, article in rows.items()
        ]
    )


SOURCES = pd.DataFrame({"kind": ["official", "secondary"]}, index=["official-source", "news"])


def test_treaty_findings_cite_the_articles():
    table = provisions_table()
    consent = consent_to_continue(table)
    assert (
        consent.verdict == "partly supported"
        and "Article 34.6" in consent.evidence
        and "Article 34.7(3)" in consent.evidence
    )
    investor_state = investor_state_weakened(table)
    assert (
        "Chapter 14" in investor_state.evidence
        and "Annex 14-D" in investor_state.evidence
        and "Article 10.12" in investor_state.evidence
    )


def test_a_missing_provision_is_named():
    with pytest.raises(KeyError, match="no row 'usmca-34-7-3-extension'"):
        consent_to_continue(provisions_table().iloc[1:])


def test_cost_claim_needs_an_official_finding():
    assert official_cost_findings(provisions_table(), SOURCES).verdict == "supported"
    secondary_only = provisions_table(**{"usitc-2023-production-cost": "news", "usitc-2025-prices": "news"})
    assert official_cost_findings(secondary_only, SOURCES).verdict == "not verifiable from official data"


def test_leverage_is_unverifiable_on_secondary_reports_alone():
    actions = pd.DataFrame(
        {
            "legal_basis": ["Section 232 (Proc. 1)", "IEEPA"],
            "products": ["steel articles", "steel articles"],
            "date_in_force": pd.to_datetime(["2025-03-12", "2025-03-04"]),
            "usmca_treatment": ["none: no exception", "exempt"],
        }
    )
    facts = pd.DataFrame({"fact_id": ["s232-report"], "source_id": ["news"]})
    finding = leverage(actions, SOURCES, facts)
    assert finding.verdict == "not verifiable from official data"
    assert finding.evidence.startswith("1 Section 232 measures on steel and aluminium took effect from 2025, 1 of them")
    assert leverage(actions, SOURCES, facts.assign(source_id="official-source")).verdict == "supported"


# ---- the registry and the table ------------------------------------------------------------------


def test_every_claim_in_the_table_is_judged_with_a_known_verdict():
    table = ledger()
    assert len(table) == len(load("claims"))
    assert set(table["verdict"]) <= set(VERDICTS)
    assert table["circulated"].str.len().gt(0).all() and table["evidence"].str.len().gt(0).all()


def test_ledger_and_chapter_give_the_same_verdicts():
    everything = ledger()
    for chapter, rows in everything.groupby("chapter"):
        assert claims_table(chapter).to_dict("records") == rows.drop(columns="chapter").to_dict("records")


def test_a_judgement_says_so_in_its_evidence():
    evidence = Evidence(treaty_provisions=provisions_table())
    claim = pd.Series({"claim_id": "renegotiation-consent", "statement": "A statement.", "circulated": "somewhere"})
    row = judge(claim, evidence)
    assert row["evidence"].endswith(JUDGEMENT) and row["claim"] == "A statement."


def test_a_claim_without_a_check_is_refused():
    claim = pd.Series({"claim_id": "the-moon-is-cheese", "statement": "…", "circulated": "…"})
    with pytest.raises(KeyError, match=r"register one with @check\('the-moon-is-cheese'\)"):
        judge(claim, Evidence())


def test_a_claim_is_checked_only_once(monkeypatch):
    monkeypatch.setattr(claims, "CHECKS", {})
    claims.check("a")(lambda claim, evidence: None)
    with pytest.raises(ValueError, match="'a' already has a check"):
        claims.check("a")(lambda claim, evidence: None)


def test_checks_read_the_claimed_value_from_the_table():
    evidence = Evidence(
        events=pd.DataFrame({"event_id": ["canada-mexico-relations"], "date": ["1944-01-30"]}),
    )
    claim = pd.Series({"claim_id": "relations-1944", "statement": "…", "circulated": "…", "claimed_value": 1946.0})
    assert judge(claim, evidence)["verdict"] == "not supported"
    assert judge(claim.replace(1946.0, 1944.0), evidence)["verdict"] == "supported"


def test_the_stated_purpose_is_set_beside_the_count_it_targets():
    asylum = pd.DataFrame(
        {
            "period": ["2023-03-01/2023-09-30", "2024-03-01/2024-09-30"],
            "country": ["Mexico", "Mexico"],
            "measure": ["asylum claims made at airports (IRCC briefing)"] * 2,
            "value": [9000.0, 225.0],
            "unit": ["claims (more than)", "claims"],
        }
    )
    finding = stated_purpose(asylum, 2024)
    assert finding.verdict == "supported"
    assert "more than 9,000 (March to September 2023) to 225 (March to September 2024)" in finding.evidence
    assert stated_purpose(asylum, 2026).verdict == "not verifiable from official data"


def test_a_count_no_official_source_gives_is_not_verifiable():
    facts = pd.DataFrame(
        {"fact_id": ["parts-crossings-a"], "value": ["several times"], "period": ["2019"], "source_id": ["news"]}
    )
    sources = pd.DataFrame({"publisher": ["A central bank"]}, index=["news"])
    finding = no_official_count(facts, sources)
    assert (
        finding.verdict == "not verifiable from official data"
        and "A central bank (2019): several times." in finding.evidence
    )
