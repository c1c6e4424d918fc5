"""Unit tests of the tariff scenario model, including its edge cases."""

import numpy as np
import pandas as pd
import pytest

from camex.scenarios import elasticity_bounds, elasticity_draws, export_change, scenario_grid, simulate, summarise


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
    [
        (-0.1, 0.2, -1, 0, "cannot be negative"),
        (0, 0.2, -1, 1.5, "between 0 and 1"),
        (0, 0.2, 2.0, 0, "negative convention"),
    ],
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


def test_the_same_range_always_gives_the_same_draws():
    first, second = elasticity_draws((-2.0, -1.0), draws=100), elasticity_draws((-1.0, -2.0), draws=100)
    assert (first == second).all() and first.min() >= -2.0 and first.max() <= -1.0


def test_summarise_reads_the_median_and_the_central_interval():
    result = summarise(np.arange(101) / 100, level=0.9)
    assert (result.low, result.central, result.high, result.draws) == pytest.approx((0.05, 0.5, 0.95, 101))


def test_the_grid_runs_one_simulation_per_share():
    grid = scenario_grid(0.25, (-2.0, -1.0), np.array([0.0, 1.0]))
    assert list(grid.index) == [0.0, 1.0] and grid.loc[1.0, "central"] == pytest.approx(0.0)
    assert grid.loc[0.0, "central"] == simulate(0.0, 0.25, (-2.0, -1.0), 0.0).central


def test_elasticity_bounds_use_the_negative_convention():
    assert elasticity_bounds(pd.Series([4.0, -0.6, -5.17])) == (-5.17, 0.0)
