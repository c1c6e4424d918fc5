"""Unit tests of the tariff scenario model, including its edge cases."""

import numpy as np
import pytest

from camex.scenarios import export_change, simulate


def test_no_tariff_change_means_no_export_change():
    assert export_change(0.1, 0.1, -2.0, 0.3) == pytest.approx(0.0)


def test_unit_elasticity_and_no_qualifying_goods():
    # a 25% tariff raises the price factor to 1.25; with e = -1 exports fall to 1/1.25 = 80%
    assert export_change(0.0, 0.25, -1.0, 0.0) == pytest.approx(-0.2)


def test_qualifying_goods_are_shielded_in_proportion():
    assert export_change(0.0, 0.25, -1.0, 0.5) == pytest.approx(-0.1)
    assert export_change(0.0, 0.25, -5.0, 1.0) == pytest.approx(0.0)


def test_a_tariff_cut_raises_exports():
    assert export_change(0.25, 0.0, -2.0, 0.0) == pytest.approx(1.25**2 - 1)


def test_zero_elasticity_means_no_response():
    assert export_change(0.0, 0.5, 0.0, 0.0) == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("before", "after", "elasticity", "share", "message"),
    [(-0.1, 0.2, -1, 0, "cannot be negative"), (0, 0.2, -1, 1.5, "between 0 and 1"), (0, 0.2, 2.0, 0, "negative convention")],
)
def test_bad_inputs_are_refused(before, after, elasticity, share, message):
    with pytest.raises(ValueError, match=message):
        export_change(before, after, elasticity, share)


def test_simulation_is_reproducible_and_ordered():
    first = simulate(0.0, 0.25, (-5.0, -0.6), 0.4)
    second = simulate(0.0, 0.25, (-0.6, -5.0), 0.4)
    assert first == second
    assert first.low < first.central < first.high < 0


def test_simulation_interval_lies_within_the_extremes_of_the_range():
    result = simulate(0.0, 0.25, (-5.0, -0.6), 0.0, draws=20_000)
    assert export_change(0, 0.25, -5.0, 0) <= result.low and result.high <= export_change(0, 0.25, -0.6, 0)


def test_a_degenerate_range_gives_a_point():
    result = simulate(0.0, 0.25, (-2.0, -2.0), 0.0, draws=50)
    assert result.low == pytest.approx(result.high) == pytest.approx(1.25**-2 - 1)


def test_simulation_needs_draws():
    with pytest.raises(ValueError, match="at least one draw"):
        simulate(0.0, 0.25, (-2.0, -1.0), 0.0, draws=0)


def test_vectorised_over_elasticities():
    changes = export_change(0.0, 0.25, np.array([-1.0, -2.0]), 0.0)
    assert changes.shape == (2,) and changes[1] < changes[0]


# The chapter's claims about the agreement ---------------------------------------------------------

import pandas as pd  # noqa: E402

from camex.claims import (  # noqa: E402
    auto_rules_raise_costs,
    dispute_settlement_weakened,
    renegotiation_needs_all_three,
    section_232_leverage,
)


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
        [{"provision_id": key, "article": article, "summary": f"summary of {article}", "source_id": overrides.get(key, "official-source")} for key, article in rows.items()]
    )


SOURCES = pd.DataFrame({"kind": ["official", "secondary"]}, index=["official-source", "news"])


def test_treaty_claims_cite_the_articles():
    table = provisions_table()
    renegotiation = renegotiation_needs_all_three(table)
    assert renegotiation.verdict == "partly supported" and "Article 34.6" in renegotiation.evidence
    disputes = dispute_settlement_weakened(table)
    assert "Article 10.12" in disputes.evidence and "Annex 14-D" in disputes.evidence


def test_a_missing_provision_is_named():
    table = provisions_table().iloc[1:]
    with pytest.raises(KeyError, match="no row 'usmca-34-7-3-extension'"):
        renegotiation_needs_all_three(table)


def test_cost_claim_needs_an_official_finding():
    assert auto_rules_raise_costs(provisions_table(), SOURCES).verdict == "supported"
    secondary_only = provisions_table(**{"usitc-2023-production-cost": "news", "usitc-2025-prices": "news"})
    assert auto_rules_raise_costs(secondary_only, SOURCES).verdict == "not verifiable from official data"


def test_leverage_claim_is_unverifiable_on_secondary_reports_alone():
    actions = pd.DataFrame({
        "legal_basis": ["Section 232 (Proc. 1)", "IEEPA"], "products": ["steel articles", "steel articles"],
        "date_in_force": pd.to_datetime(["2025-03-12", "2025-03-04"]), "usmca_treatment": ["none: no exception", "exempt"]})
    facts = pd.DataFrame({"fact_id": ["s232-report"], "source_id": ["news"]})
    verdict = section_232_leverage(actions, SOURCES, facts)
    assert verdict.verdict == "not verifiable from official data"
    assert verdict.evidence.startswith("1 Section 232 measures on steel and aluminium took effect from 2025, 1 of them")
    assert section_232_leverage(actions, SOURCES, facts.assign(source_id="official-source")).verdict == "supported"
