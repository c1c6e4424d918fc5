"""A tariff scenario model: an illustration of orders of magnitude, not a forecast.

A tariff change from t0 to t1 on the goods that do not qualify for USMCA treatment changes their price
to buyers by the factor (1 + t1) / (1 + t0). With a trade elasticity e (the proportional response of
trade to that factor, negative), the value of those exports changes by the factor ((1 + t1)/(1 + t0))^e.
Goods that qualify (a share q of the total) are assumed untouched. The proportional change in total
exports is therefore

    (1 - q) * [((1 + t1) / (1 + t0)) ** e - 1].

Everything outside this formula — exchange rates, rerouting, retaliation, the time it takes to adjust —
is left out, which is why the result is an order of magnitude and not a forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


def export_change(
    tariff_before: float, tariff_after: float, elasticity: float | np.ndarray, qualifying_share: float
) -> float | np.ndarray:
    """Proportional change in exports implied by the model above; tariffs and shares as fractions."""
    if tariff_before < 0 or tariff_after < 0:
        raise ValueError("tariffs are fractions of value and cannot be negative (25% is 0.25)")
    if not 0 <= qualifying_share <= 1:
        raise ValueError(f"the qualifying share must lie between 0 and 1, not {qualifying_share}")
    if np.any(np.asarray(elasticity) > 0):
        raise ValueError("use the negative convention for the elasticity: trade falls when tariffs rise")
    factor = (1 + tariff_after) / (1 + tariff_before)
    return (1 - qualifying_share) * (factor ** np.asarray(elasticity) - 1)


@dataclass(frozen=True)
class Interval:
    low: float
    central: float
    high: float
    level: float
    draws: int


DRAWS = 10_000
SEED = 2026
LEVEL = 0.9


def elasticity_draws(elasticity_range: tuple[float, float], draws: int = DRAWS, seed: int = SEED) -> np.ndarray:
    """Elasticities drawn uniformly over the range, from a fixed seed: the same range always gives the
    same draws."""
    if draws < 1:
        raise ValueError("at least one draw is needed")
    low, high = sorted(elasticity_range)
    return np.random.default_rng(seed).uniform(low, high, draws)


def summarise(changes: np.ndarray, level: float = LEVEL) -> Interval:
    """The median and the central ``level`` interval of simulated changes."""
    tail = (1 - level) / 2
    lower, central, upper = np.quantile(changes, [tail, 0.5, 1 - tail])
    return Interval(float(lower), float(central), float(upper), level, len(changes))


def simulate(
    tariff_before: float,
    tariff_after: float,
    elasticity_range: tuple[float, float],
    qualifying_share: float,
    draws: int = DRAWS,
    seed: int = SEED,
    level: float = LEVEL,
) -> Interval:
    """Monte Carlo over elasticities drawn uniformly from ``elasticity_range``; report the median and
    the central ``level`` interval of the implied export change. Seeded, so the same inputs always give
    the same result."""
    changes = export_change(
        tariff_before, tariff_after, elasticity_draws(elasticity_range, draws, seed), qualifying_share
    )
    return summarise(changes, level)


def elasticity_bounds(estimates: pd.Series) -> tuple[float, float]:
    """From the largest estimate in size to zero, in the negative convention (some studies report
    trade elasticities as positive numbers)."""
    return (-float(estimates.abs().max()), 0.0)


def scenario_grid(tariff: float, elasticity_range: tuple[float, float], shares: np.ndarray) -> pd.DataFrame:
    """The simulated change for each qualifying share (the index), columns low, central, high, level and draws."""
    return pd.DataFrame([vars(simulate(0.0, tariff, elasticity_range, share)) for share in shares], index=shares)
