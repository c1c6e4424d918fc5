"""The claims: a table of the data package, a registered check for each, and the same verdicts in the
chapters and the ledger. Each check is tested on small tables with known answers, and on broken ones."""

import csv
import re

import pandas as pd
import pytest
from conftest import ROOT

from camex import claims
from camex.claims import (
    CHAPTER,
    CHECKS,
    CLAIM,
    EVIDENCE,
    JUDGEMENT,
    VERDICT,
    VERDICTS,
    Evidence,
    Finding,
    amendment_rule,
    asylum_rank,
    claims_table,
    count_claim,
    dated_event,
    decimals,
    extension_needs_all,
    goods_and_services_bop,
    growth_about,
    growth_claim,
    independence_steps,
    investor_state_weakened,
    judge,
    ledger,
    leverage,
    no_official_count,
    official_cost_findings,
    panel_formation,
    panels_survived,
    partner_shares,
    period_text,
    published_ranking,
    rank_history,
    ranked_claim,
    ranks_on,
    require,
    stated_purpose,
    stated_share,
    stated_value,
    student_counts,
    tables_judged,
    tally,
    unilateral_withdrawal,
    within_last_digit,
    year_runs,
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


def test_a_missing_column_is_named_with_its_table():
    with pytest.raises(KeyError, match="the asylum claims table has no column 'unit'"):
        require(pd.DataFrame({"period": []}), "asylum claims", "period", "unit")


# ---- dates ---------------------------------------------------------------------------------------


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


def test_periods_are_written_as_prose():
    assert period_text("2023-01-01/2023-10-31") == "January to October 2023"
    assert period_text("2023 (to date, briefing of 2023-12-05)") == "2023 (to date, briefing of 5 December 2023)"
    assert period_text("2022") == "2022"


def test_years_are_joined_into_runs():
    assert year_runs([2018, 2016, 2017, 2020]) == "2016–2018 and 2020"
    assert year_runs([2013, 2015, 2021, 2023]) == "2013, 2015, 2021 and 2023"
    assert year_runs([2024]) == "2024"


# ---- ranks ---------------------------------------------------------------------------------------


def partners(rows):
    """Annual trade by partner from (year, partner, exports, imports) rows; None leaves a flow out."""
    long = [
        {"year": year, "partner": partner, "flow": flow, "value_cad_millions": value}
        for year, partner, exports, imports in rows
        for flow, value in (("exports", exports), ("imports", imports))
        if value is not None
    ]
    return pd.DataFrame(long)


TRADE = partners(
    [
        (2024, "All countries", 1000, 1000),
        (2024, "European Union", 90, 80),
        (2024, "United States", 700, 500),
        (2024, "United Kingdom", 50, 10),
        (2024, "Mexico", 20, 60),
        (2024, "Japan", 30, 20),
        (2024, "Peru", None, 5),
        (2023, "United States", 650, 480),
        (2023, "Mexico", 25, 60),
        (2023, "United Kingdom", 20, 10),
    ]
)


def rank_of(ranks, partner, year, measure):
    chosen = ranks[(ranks["partner"] == partner) & (ranks["year"] == year) & (ranks["measure"] == measure)]
    return int(chosen["rank"].iloc[0])


def test_countries_are_ranked_by_each_measure_without_totals_or_groups():
    ranks = ranks_on(TRADE, "on test")
    assert not ranks["partner"].isin(["All countries", "European Union"]).any()
    assert rank_of(ranks, "Mexico", 2024, "two-way trade") == 2  # 80 against the UK's 60 and Japan's 50
    assert rank_of(ranks, "Mexico", 2024, "exports") == 4  # behind 700, 50 and 30
    assert rank_of(ranks, "Mexico", 2024, "imports") == 2
    assert rank_of(ranks, "Peru", 2024, "imports") == 5
    assert not ((ranks["partner"] == "Peru") & (ranks["measure"] == "two-way trade")).any()  # one flow only
    assert set(ranks["source"]) == {"on test"}


def test_a_rank_table_without_a_flow_column_is_refused():
    with pytest.raises(KeyError, match="the trade by partner table has no column 'flow'"):
        ranks_on(TRADE.drop(columns="flow"), "on test")


def published(*rows):
    return pd.DataFrame(rows, columns=["year", "partner", "rank"])


def test_published_rankings_count_each_partner_once_a_year():
    ranking = published_ranking(
        published((2024, "Mexico", 4), (2024, "Mexico", 4), (2024, "All countries", None)), "in print"
    )
    assert ranking.to_dict("records") == [
        {"source": "in print", "measure": "two-way trade", "year": 2024, "partner": "Mexico", "rank": 4}
    ]


def test_rank_history_groups_the_years_of_each_rank():
    history = pd.DataFrame({"year": [2016, 2017, 2018, 2019, 2020], "rank": [3, 3, 3, 4, 4]})
    assert rank_history(history) == "No. 3 in 2016–2018, No. 4 in 2019–2020"


def test_a_rank_claim_is_judged_on_every_source_and_measure_of_its_year():
    ranks = pd.concat(
        [
            ranks_on(TRADE, "on the computed basis"),
            published_ranking(published((2024, "United States", 1), (2024, "Mexico", 2)), "in print"),
        ]
    )
    both = ranked_claim(ranks, "Mexico", 2024, 2, ["two-way trade"])
    assert both.verdict == "supported"
    assert "No. 2 by two-way trade on the computed basis (behind the United States)" in both.evidence
    assert ranked_claim(ranks, "Mexico", 2024, 3, ["two-way trade"]).verdict == "not supported"
    mixed = ranked_claim(ranks, "Mexico", 2024, 4)  # holds for exports only
    assert mixed.verdict == "partly supported"
    assert "(behind the United States, the United Kingdom and Japan)" in mixed.evidence
    assert "on the computed basis, exports: No. 2 in 2023, No. 4 in 2024" in mixed.evidence
    assert ranked_claim(ranks, "Mexico", 2019, 2).verdict == "not verifiable from official data"


def test_asylum_claim_follows_the_official_rank():
    rows = [
        ("2023 (to date, briefing of 2023-12-05)", "Mexico", "rank among source countries", 1, "rank", "ircc-cimm"),
        ("2023-01-01/2023-10-31", "Mexico", "IRCC/CBSA asylum claims intake", 20370, "persons", "ircc-cimm"),
    ]
    table = pd.DataFrame(rows, columns=["period", "country", "measure", "value", "unit", "source_id"])
    finding = asylum_rank(table, 2023, 1)
    assert (
        finding.verdict == "supported" and "20,370 Mexican claimants from January to October 2023" in finding.evidence
    )
    assert "5 December 2023" in finding.evidence and "2023-12-05" not in finding.evidence
    assert asylum_rank(table, 2019, 1).verdict == "not verifiable from official data"
    assert asylum_rank(table, 2023, 2).verdict == "not supported"


# ---- stated values, shares and growth --------------------------------------------------------------


def test_a_stated_figure_keeps_the_precision_it_was_given_with():
    assert decimals(8.6) == 1 and decimals(47.0) == 0 and decimals(1.25) == 2
    assert within_last_digit(8.66, 8.6) and within_last_digit(47.49, 47)
    assert not within_last_digit(1.21, 1.1) and not within_last_digit(48.2, 47)


def test_a_stated_value_is_supported_by_the_basis_it_matches():
    values = {"customs basis": 8661.7, "balance-of-payments basis": 9458.8}
    finding = stated_value(values, 8.6, "exports to Mexico in 2024")
    assert finding.verdict == "supported" and "agrees with the customs basis to within 0.1 billion" in finding.evidence
    assert "8.7 billion on the customs basis" in finding.evidence
    assert stated_value(values, 7.5, "exports").verdict == "not supported"


def test_a_lower_bound_far_below_the_value_only_partly_holds():
    values = {"customs basis": 55517.8, "balance-of-payments basis": 38325.8}
    loose = stated_value(values, 49, "two-way trade", at_least=True)
    assert loose.verdict == "partly supported" and "only on the customs basis, by 6.5 billion" in loose.evidence
    assert stated_value(values, 55, "two-way trade", at_least=True).verdict == "supported"
    assert stated_value(values, 60, "two-way trade", at_least=True).verdict == "not supported"


def test_shares_are_taken_of_the_total_on_the_same_basis():
    shares = partner_shares(TRADE, "Mexico")
    assert shares.loc[2024, "exports"] == pytest.approx(2.0)
    assert shares.loc[2024, "two-way trade"] == pytest.approx(4.0)
    assert 2023 not in shares.index  # no total that year


def test_a_share_needs_its_partner_and_the_total():
    with pytest.raises(KeyError, match="rows for both 'Chile' and 'All countries'"):
        partner_shares(TRADE, "Chile")


def test_a_share_the_computable_basis_does_not_give_stays_unverified():
    shares = pd.Series({2023: 1.34, 2024: 1.22, 2025: 1.21})
    unverified = stated_share(shares, 1.1, "exports")
    assert unverified.verdict == "not verifiable from official data"
    assert "between 1.2% and 1.3% of Canada's exports in 2023–2025 (1.2% in 2025)" in unverified.evidence
    assert stated_share(shares, 1.2, "exports").verdict == "supported"


def test_goods_and_services_add_on_one_basis_for_the_years_both_have():
    goods = pd.DataFrame(
        {
            "year": [1997, 1997, 1997, 1998, 1998],
            "basis": ["balance of payments", "balance of payments", "customs", "balance of payments", "customs"],
            "flow": ["exports", "imports", "exports", "exports", "exports"],
            "value_cad_millions": [100.0, 200.0, 999.0, 110.0, 999.0],
        }
    )
    services = pd.DataFrame(
        {
            "year": [1997, 1997, 1997, 1998],
            "reporter": ["CA", "CA", "CA", "CA"],
            "partner": ["MX", "MX", "MX", "MX"],
            "flow": ["exports", "imports", "exports", "exports"],
            "value": [10.0, 20.0, 7.0, 11.0],
            "currency": ["CAD", "CAD", "USD", "CAD"],
        }
    )
    both = goods_and_services_bop(goods, services)
    assert both.loc[1997].to_dict() == {"exports": 110.0, "imports": 220.0}
    assert list(both.index) == [1997]  # 1998 lacks imports
    with pytest.raises(KeyError, match="the services trade table has no column 'currency'"):
        goods_and_services_bop(goods, services.drop(columns="currency"))


def test_growth_verdict_follows_the_stated_band():
    assert growth_about({"a": 0.09, "b": 0.11}, 0.10).verdict == "supported"
    assert growth_about({"a": 0.09, "b": 0.145}, 0.10).verdict == "partly supported"
    finding = growth_about({"a": 0.05, "b": 0.145}, 0.10)
    assert finding.verdict == "not supported" and "a 5.0%" in finding.evidence


def test_growth_over_a_shorter_period_than_claimed_is_not_verifiable():
    short = growth_claim({"exports": 0.082}, {"exports, goods": 0.081}, 0.099, 1993, 1997, 2016)
    assert short.verdict == "not verifiable from official data"
    assert "start in 1997, so 1993–2016 cannot be computed" in short.evidence
    assert "exports 8.2% a year" in short.evidence and "exports, goods 8.1%" in short.evidence
    assert growth_claim({"exports": 0.095}, {}, 0.099, 1997, 1997, 2016).verdict == "supported"


# ---- counts of people ------------------------------------------------------------------------------


def student_tables(year_values, monthly_total, third_party):
    permits = pd.DataFrame(
        {
            "year": list(year_values),
            "country": "Mexico",
            "value": list(year_values.values()),
            "partial_year": False,
        }
    )
    months = pd.period_range("2024-01", "2024-12", freq="M")
    monthly = pd.DataFrame(
        {"ref_month": pd.Series(months), "measure": "study permits effective", "value": monthly_total / 12}
    )
    sums = pd.DataFrame(
        {"year": [2024], "measure": ["study permits effective (sum of months)"], "value": [third_party]}
    )
    other = pd.DataFrame(
        {"period": ["2024", "2024"], "measure": ["Mexican students in Canada", "Mexico rank"], "value": [5000, 2]}
    ).assign(unit=["persons (more than)", "rank"])
    return permits, monthly, sums, other


def test_every_official_count_of_the_year_is_gathered():
    counts = student_counts(*student_tables({2023: 11360, 2024: 8365}, 8610, 8560), 2024)
    assert counts == {
        "IRCC's annual count of persons whose permit took effect": 8365.0,
        "the sum of IRCC's monthly counts": 8610.0,
        "a third party's sum of those months": 8560.0,
        "Mexican students in Canada": 5000.0,
    }
    assert list(student_counts(*student_tables({2023: 11360}, 8610, 8560), 2023)) == [
        "IRCC's annual count of persons whose permit took effect"
    ]


def test_student_counts_need_the_partial_year_flag():
    permits, monthly, sums, other = student_tables({2024: 8365}, 8610, 8560)
    with pytest.raises(KeyError, match="the study permits table has no column 'partial_year'"):
        student_counts(permits.drop(columns="partial_year"), monthly, sums, other, 2024)


def test_a_count_agrees_within_the_rounding_and_a_fall_is_judged_on_its_direction():
    assert count_claim(11365, 2023, {"the annual count": 11360.0}).verdict == "supported"
    assert count_claim(11355, 2023, {"the annual count": 11360.0}).verdict == "supported"
    assert count_claim(11371, 2023, {"the annual count": 11360.0}).verdict == "not supported"
    fell = count_claim(7870, 2024, {"the annual count": 8365.0}, {"the annual count": 11360.0})
    assert fell.verdict == "partly supported" and "(the first by 26%)" in fell.evidence
    rose = count_claim(7870, 2024, {"the annual count": 8365.0}, {"the annual count": 8000.0})
    assert rose.verdict == "not supported"
    assert count_claim(7870, 2030, {}).verdict == "not verifiable from official data"


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


# ---- the agreement's texts -------------------------------------------------------------------------


def provisions_table(**overrides):
    rows = {
        "nafta-2202-amendments": "Article 2202",
        "usmca-34-7-3-extension": "Article 34.7(3)",
        "usmca-34-7-4-annual-reviews": "Article 34.7(4)",
        "usmca-34-6-withdrawal": "Article 34.6",
        "usmca-10-12-binational-panels": "Article 10.12",
        "usmca-34-1-4-ch19-transition": "Article 34.1(4)",
        "usmca-ch31-panel-formation": "Chapter 31",
        "nafta-ch20-panel-blocking": "Chapter 20",
        "usmca-ch14-isds-overview": "Chapter 14",
        "usmca-annex-14d-us-mx": "Annex 14-D",
        "usmca-annex-14c-legacy": "Annex 14-C",
        "usitc-2023-production-cost": "USITC 2023",
        "usitc-2025-prices": "USITC 2025",
    }
    return pd.DataFrame(
        [
            {
                "provision_id": key,
                "agreement": "USMCA",
                "article": article,
                "summary": f"summary of {article}.",
                "source_id": overrides.get(key, "official-source"),
            }
            for key, article in rows.items()
        ]
    )


SOURCES = pd.DataFrame({"kind": ["official", "secondary"]}, index=["official-source", "news"])
REVIEW = pd.DataFrame(
    {"value": ["2026-07-01", "not extended at the review"]}, index=["joint_review_held", "outcome_extension"]
)


def test_amendment_extension_and_withdrawal_are_judged_apart():
    table = provisions_table()
    amendment = amendment_rule(table)
    assert amendment.verdict == "not verifiable from official data" and "Article 2202" in amendment.evidence
    extension = extension_needs_all(table, REVIEW)
    assert extension.verdict == "partly supported"
    assert "Article 34.7(3)" in extension.evidence and "Article 34.7(4)" in extension.evidence
    assert "1 July 2026 the outcome was: not extended at the review" in extension.evidence
    withdrawal = unilateral_withdrawal(table, SOURCES)
    assert withdrawal == Finding("supported", "Article 34.6: summary of Article 34.6.")
    quoted = unilateral_withdrawal(provisions_table(**{"usmca-34-6-withdrawal": "news"}), SOURCES)
    assert quoted.evidence.endswith("read only as quoted in a secondary source.")


def test_the_states_mechanisms_are_judged_apart_from_the_investors_remedy():
    table = provisions_table()
    investor = investor_state_weakened(table)
    assert investor.verdict == "supported"
    assert all(article in investor.evidence for article in ("Chapter 14", "Annex 14-D", "Annex 14-C"))
    assert "Article 10.12" not in investor.evidence
    panels = panels_survived(table)
    assert panels.verdict == "supported" and "Article 10.12" in panels.evidence and "Article 34.1(4)" in panels.evidence
    formation = panel_formation(table)
    assert formation.verdict == "partly supported" and "summary of Chapter 31" in formation.evidence


def test_a_missing_provision_is_named():
    with pytest.raises(KeyError, match="no row 'usmca-34-7-3-extension'"):
        extension_needs_all(provisions_table().iloc[2:], REVIEW)


def test_a_provisions_table_without_summaries_is_refused():
    with pytest.raises(KeyError, match="the treaty provisions table has no column 'summary'"):
        amendment_rule(provisions_table().drop(columns="summary"))


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
    assert finding.evidence.startswith(
        "Since 2025, 1 Section 232 measures on steel and aluminum have taken effect, 1 of"
    )
    assert leverage(actions, SOURCES, facts.assign(source_id="official-source")).verdict == "supported"
    with pytest.raises(KeyError, match="the tariff actions table has no column 'usmca_treatment'"):
        leverage(actions.drop(columns="usmca_treatment"), SOURCES, facts)


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


# ---- the registry and the table ------------------------------------------------------------------


def test_every_claim_in_the_table_is_judged_with_a_known_verdict():
    table = ledger()
    assert len(table) == len(load("claims")) >= 18
    assert set(table[VERDICT]) <= set(VERDICTS)
    assert table["Where it circulated"].str.len().gt(0).all() and table[EVIDENCE].str.len().gt(0).all()


def test_evidence_is_prose_with_the_books_typography():
    evidence = " ".join(ledger()[EVIDENCE])
    assert not any(source_id in evidence for source_id in load("sources")["source_id"] if "-" in source_id)
    assert not pd.Series([evidence]).str.contains(r"\d{4}-\d{2}-\d{2}").any()  # dates in prose
    assert not re.search(r"(?<![\w.])-\d", evidence)  # negative numbers carry a true minus sign


def test_ledger_and_chapter_give_the_same_verdicts():
    everything = ledger()
    for chapter, rows in everything.groupby(CHAPTER):
        assert claims_table(chapter).to_dict("records") == rows.drop(columns=CHAPTER).to_dict("records")


def test_the_tally_counts_each_chapters_verdicts():
    table = pd.DataFrame(
        {CHAPTER: ["b", "a", "b"], VERDICT: ["supported", "not supported", "supported"], CLAIM: ["x", "y", "z"]}
    )
    counts = tally(table)
    assert list(counts[CHAPTER]) == ["b", "a"]
    assert counts.set_index(CHAPTER).loc["b", "Supported"] == 2 and counts.set_index(CHAPTER).loc["a", "All"] == 1
    assert list(counts.columns) == [CHAPTER, *(verdict.capitalize() for verdict in VERDICTS), "All"]


def test_a_judgement_says_so_in_its_evidence():
    evidence = Evidence(treaty_provisions=provisions_table())
    claim = pd.Series({"claim_id": "amendment-consent", "statement": "A statement.", "circulated": "somewhere"})
    row = judge(claim, evidence)
    assert row[EVIDENCE].endswith(JUDGEMENT) and row[CLAIM] == "A statement."


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
    assert judge(claim, evidence)[VERDICT] == "not supported"
    assert judge(claim.replace(1946.0, 1944.0), evidence)[VERDICT] == "supported"


# ---- where each claim circulated: the passages read ------------------------------------------------


def passages():
    with open(ROOT / "data" / "raw" / "claims" / "evidence.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_claim_has_a_passage_from_where_it_circulated():
    assert {row["claim_id"] for row in passages()} == set(load("claims")["claim_id"]) == set(CHECKS)


def test_every_passage_is_found_verbatim_in_the_excerpt_read():
    for row in passages():
        text = " ".join((ROOT / row["raw_file"]).read_text(encoding="utf-8").split())
        assert " ".join(row["passage"].split()) in text, row["claim_id"]


def test_every_excerpt_names_its_publication():
    for path in (ROOT / "data" / "raw" / "claims").glob("*.txt"):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("# publisher:") and "url: http" in header, path.name


def test_evidence_names_the_bundled_tables_it_reads():
    evidence = Evidence(claims=pd.DataFrame())
    evidence["canada_mexico_annual"], evidence["sources"], evidence["claims"]
    assert evidence.read == {"canada_mexico_trade_monthly", "sources"}


def test_the_tables_judged_for_a_chapter_are_those_its_checks_read():
    assert tables_judged("a-late-start") == {"claims", "events"}
    assert tables_judged("people-to-people") <= tables_judged(None)
    assert {"ircc_mexico_monthly", "study_permits_annual"} <= tables_judged("people-to-people")
