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


def export_change(tariff_before: float, tariff_after: float, elasticity: float | np.ndarray, qualifying_share: float) -> float | np.ndarray:
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


def simulate(tariff_before: float, tariff_after: float, elasticity_range: tuple[float, float], qualifying_share: float, draws: int = 10_000, seed: int = 2026, level: float = 0.9) -> Interval:
    """Monte Carlo over elasticities drawn uniformly from ``elasticity_range``; report the median and
    the central ``level`` interval of the implied export change. Seeded, so the same inputs always give
    the same result."""
    low, high = sorted(elasticity_range)
    if draws < 1:
        raise ValueError("at least one draw is needed")
    elasticities = np.random.default_rng(seed).uniform(low, high, draws)
    changes = export_change(tariff_before, tariff_after, elasticities, qualifying_share)
    tail = (1 - level) / 2
    lower, central, upper = np.quantile(changes, [tail, 0.5, 1 - tail])
    return Interval(float(lower), float(central), float(upper), level, draws)
