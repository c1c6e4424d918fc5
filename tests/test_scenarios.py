"""Unit tests of the tariff scenario model: the formula, its assumption ranges, the published estimates it
reads, the 2025 check and the explorer that draws it; synthetic inputs with known answers, and faults."""

import numpy as np
import pandas as pd
import pytest

from camex.explorers import scenario_explorer, scenario_figure
from camex.scenarios import (
    ALTERNATIVES,
    band,
    change_range,
    changes_over_vintages,
    check_table,
    elasticity_table,
    estimate,
    export_change,
    grid_table,
    horizon_ranges,
    range_text,
    reproduces,
    scenario_grid,
    scenario_specifications,
    share_value,
    within,
)


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


@pytest.mark.parametrize(
    ("before", "after", "elasticity", "share", "message"),
    [
        (-0.1, 0.2, -1, 0, "cannot be negative"),
        (0, 0.2, -1, 1.5, "between 0 and 1"),
        (0, 0.2, 2.0, 0, "negative convention"),
    ],
)
def test_bad_inputs_are_refused(before, after, elasticity, share, message):
    with pytest.raises(ValueError, match=message):
        export_change(before, after, elasticity, share)


def test_vectorised_over_elasticities_and_shares():
    assert export_change(0.0, 0.25, np.array([-1.0, -2.0]), 0.0)[1] < export_change(0.0, 0.25, -1.0, 0.0)
    assert list(export_change(0.0, 0.25, -1.0, np.array([0.0, 0.5]))) == pytest.approx([-0.2, -0.1])


def test_the_range_is_spanned_by_the_corners_of_the_box():
    low, high = change_range(0.25, (-2.0, -1.0), (0.0, 0.5))
    assert low == pytest.approx(1.25**-2 - 1) and high == pytest.approx(0.5 * (1.25**-1 - 1))
    assert change_range(0.25, (-1.0, -2.0), (0.5, 0.0)) == (low, high)


def test_a_degenerate_box_gives_a_point():
    low, high = change_range(0.25, (-2.0, -2.0), (0.0, 0.0))
    assert low == high == pytest.approx(1.25**-2 - 1)


def elasticities(*rows):
    return pd.DataFrame(rows, columns=["study", "estimate", "estimate_text", "statistic", "source_id"])


TABLE = elasticities(
    ("A (2023)", -0.5, "short", "point, short run", "a"),
    ("B (2019)", -1.5, "twelve months", "point, import demand elasticity, 12 months", "b"),
    ("C, long", -2.5, "range", "upper end of the range, long run", "c"),
    ("C, long", -3.5, "range", "lower end of the range, long run", "c"),
    ("A (2023)", -3.0, "long", "approximate point, long run", "a"),
    ("D", 4.0, "roughly four", "point (stated positively)", "d"),
    ("E", None, "from 4 to 7", "range, substitution", "e"),
)
ROWS = {
    "short run": (("a", "point, short run"), ("b", "point, import demand")),
    "long run": (("c", "upper end"), ("c", "lower end")),
}
CENTRES = {"short run": ("a", "point, short run"), "long run": ("a", "approximate point, long run")}


def test_each_horizon_spans_its_published_estimates():
    ranges = horizon_ranges(TABLE, ROWS, CENTRES)
    assert ranges.loc["short run"].to_dict() == {"low": -1.5, "high": -0.5, "central": -0.5}
    assert ranges.loc["long run"].to_dict() == {"low": -3.5, "high": -2.5, "central": -3.0}


def test_estimates_stated_as_positive_parameters_enter_with_the_negative_sign():
    assert estimate(TABLE, "d", "point") == -4.0


@pytest.mark.parametrize(("source", "statistic"), [("z", "point"), ("e", "range")])
def test_a_missing_or_empty_estimate_is_named(source, statistic):
    with pytest.raises(KeyError, match=f"0 estimates from '{source}'"):
        estimate(TABLE, source, statistic)


def test_two_matching_estimates_are_refused():
    doubled = pd.concat([TABLE, TABLE.iloc[[2]]])
    with pytest.raises(KeyError, match="2 estimates from 'c'"):
        estimate(doubled, "c", "upper end")


def test_the_real_table_gives_the_published_horizons():
    from camex.data import load

    ranges = horizon_ranges(load("trade_elasticities"))
    assert (ranges["low"] < ranges["high"]).all() and ranges.loc["short run", "high"] > ranges.loc["long run", "high"]
    assert ranges.loc["short run", "low"] <= ranges.loc["short run", "central"] <= ranges.loc["short run", "high"]
    assert ranges.loc["long run", "low"] <= ranges.loc["long run", "central"] <= ranges.loc["long run", "high"]


def test_every_alternative_names_published_estimates():
    from camex.data import load

    table = load("trade_elasticities")
    for rows in ALTERNATIVES.values():
        assert all(estimate(table, *row) < 0 for row in rows)


def test_the_elasticity_table_says_what_each_estimate_does():
    roles = elasticity_table(TABLE, ROWS, CENTRES).set_index("Study")["Use here"]
    assert roles.loc["B (2019)"] == "bounds the short-run range"
    assert list(roles.loc["A (2023)"]) == ["bounds the short-run range", "centre of the long-run range"]
    assert roles.loc["E"] == "not used"


def facts(value):
    return pd.DataFrame({"fact_id": ["share"], "value": [value]})


def test_a_share_in_per_cent_becomes_a_fraction():
    assert share_value(facts("37.9"), "share") == pytest.approx(0.379)


@pytest.mark.parametrize(
    ("value", "message"), [("<20", "not a number"), ("nearly 86", "not a number"), ("120", "not a share")]
)
def test_bounds_and_statements_are_not_shares(value, message):
    with pytest.raises(ValueError, match=message):
        share_value(facts(value), "share")


def test_the_band_holds_both_ends_of_the_elasticity_range():
    frame = band(0.25, (-2.0, -1.0), np.array([0.0, 1.0]))
    assert frame.loc[0.0].to_dict() == pytest.approx({"low": 1.25**-2 - 1, "high": 1.25**-1 - 1})
    assert frame.loc[1.0].to_dict() == pytest.approx({"low": 0.0, "high": 0.0})


def test_the_grid_has_every_combination_and_the_table_one_row_per_tariff_and_case():
    horizons = pd.DataFrame({"low": [-1.0, -2.0], "high": [-0.5, -1.5]}, index=["short run", "long run"])
    grid = scenario_grid({"ten": 0.1, "quarter": 0.25}, horizons, {"spared": (0.5, 0.9), "none": (0.0, 0.0)})
    assert len(grid) == 8
    assert grid.query("tariff == 'ten' and shares == 'none' and horizon == 'short run'")["low"].iloc[0] == (
        pytest.approx(1.1**-1 - 1)
    )
    table = grid_table(grid)
    assert len(table) == 4 and list(table.columns[-2:]) == [
        "Change in exports, short run",
        "Change in exports, long run",
    ]


def test_ranges_are_written_with_signs_and_once_when_they_round_alike():
    assert range_text((-0.072, -0.010)) == "−7.2% to −1.0%"
    assert range_text((0.058, 0.063)) == "+5.8% to +6.3%"
    assert range_text((-0.0561, -0.0561)) == "−5.6%"


def test_within_compares_ranges_as_rounded():
    assert within((-0.071, -0.008), (-0.072, -0.010), digits=0)
    assert not within((-0.27, -0.01), (-0.072, -0.010), digits=0)


def totals(rows):
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_usd_millions"])


def test_changes_are_taken_over_every_pair_of_vintages():
    table = totals([(2024, "X", "imports", 100.0), (2024, "X", "imports", 104.0), (2025, "X", "imports", 110.0)])
    low, high = changes_over_vintages(table, "X", "imports", 2024, 2025)
    assert (low, high) == pytest.approx((110 / 104 - 1, 0.1))


def test_a_missing_year_is_named():
    with pytest.raises(KeyError, match="no imports total for X in 2025"):
        changes_over_vintages(totals([(2024, "X", "imports", 100.0)]), "X", "imports", 2024, 2025)


def test_a_rise_is_not_reproduced_by_a_model_of_falls():
    assert reproduces((-0.07, -0.07), (-0.15, -0.02)) and not reproduces((0.05, 0.06), (-0.12, -0.01))
    observed = pd.DataFrame({"country": ["X", "Y"], "measure": ["m", "n"], "low": [-0.07, 0.05], "high": [-0.07, 0.06]})
    models = {"X": {"short run": (-0.15, -0.02)}, "Y": {"short run": (-0.12, -0.01)}}
    assert list(check_table(observed, models)["Within the model's ranges"]) == ["yes", "no"]


def test_the_specifications_compare_each_range_with_its_horizon():
    from camex.data import load

    table = scenario_specifications(load("trade_elasticities"), 0.1, (0.4, 0.86), {"claim only": (0.4, 0.4)})
    held = table.set_index("Specification")["Holds"]
    assert held.loc["main, short run"] == held.loc["main, long run"] == "yes"
    assert held.loc["short run, claim only"] == "yes"
    assert held.filter(like="gravity").eq("no").all()


def test_the_explorer_opens_on_the_worked_example_and_draws_the_chapter_figure():
    horizons = pd.DataFrame({"low": [-1.3, -2.25], "high": [-0.76, -1.75]}, index=["short run", "long run"])
    explorer = scenario_explorer(horizons, 0.1, (0.379, 0.86)).widget
    controls = {child.description: child.value for child in explorer.children[:-1]}
    assert controls == {"Tariff (%)": 10, "Qualifying (%)": pytest.approx((37.9, 86.0))}
    title = title_of(scenario_figure(horizons, 10, (37.9, 86.0)).axes[0])
    assert range_text(change_range(0.1, (-1.3, -0.76), (0.379, 0.86))) in title
    assert range_text(change_range(0.1, (-2.25, -1.75), (0.379, 0.86))) in title


def test_the_scenario_figure_keys_both_horizons_off_the_data():
    import matplotlib.pyplot as plt

    horizons = pd.DataFrame({"low": [-1.3, -2.25], "high": [-0.76, -1.75]}, index=["short run", "long run"])
    fig = scenario_figure(horizons, 10, (37.9, 86.0))
    ax = fig.axes[0]
    assert ax.get_legend() is None
    keyed = [text.get_text() for text in fig.legends[0].get_texts()]
    assert keyed[1:] == ["short run (assumption range)", "long run (assumption range)"]
    fig.canvas.draw()
    texts = [
        *fig.legends[0].get_texts(),
        *ax.get_xticklabels(),
        *ax.get_yticklabels(),
        ax.xaxis.label,
        ax.title,
    ]
    assert min(text.get_fontsize() for text in texts) >= 8
    plt.close(fig)


def title_of(ax) -> str:
    """An axes' title, wherever the style places it."""
    return "".join(ax.get_title(loc) for loc in ("left", "center", "right"))
