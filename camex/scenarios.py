"""A tariff scenario model: an illustration of orders of magnitude, not a forecast.

A tariff change from t0 to t1 on the goods that do not qualify for USMCA treatment changes their price
to buyers by the factor (1 + t1) / (1 + t0). With a trade elasticity e (the proportional response of
tariff-exclusive trade to that factor, negative), the value of those exports changes by the factor
((1 + t1)/(1 + t0))^e. Goods that qualify (a share q of the total) are assumed untouched. The proportional
change in total exports is therefore

    (1 - q) * [((1 + t1) / (1 + t0)) ** e - 1].

The two inputs no publication pins down are kept as assumption ranges, never turned into distributions:

- the elasticity, by horizon: each horizon's range runs between published estimates of one concept, the
  response of tariff-exclusive trade flows to tariffs, at that horizon (:data:`HORIZON_ROWS`);
- the qualifying share, between the share of trade that claimed the preference and the share that could
  qualify.

The change is monotone in both, so its range over a box of assumptions is the range over the box's corners.
Everything outside the formula (exchange rates, rerouting, retaliation, trade diverted from other
suppliers) is left out, which is why the result is an order of magnitude and not a forecast.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from camex.page import recorded, signed_percent

# The published estimates that bound each horizon and the one each horizon is centred on, named by the
# source that printed them and the start of the statistic as recorded (our selection: one concept, the
# tariff elasticity of trade flows, and the published version of a study where it exists).
HORIZON_ROWS = {
    "short run": (
        ("blp-2023-aer", "point, short run"),
        ("amiti-redding-weinstein-nber-w25672", "point, import demand elasticity"),
    ),
    "long run": (
        ("blp-cepr-dp14645", "upper end of the range, long run"),
        ("blp-cepr-dp14645", "lower end of the range, long run"),
    ),
}
CENTRAL_ROWS = {
    "short run": ("blp-2023-aer", "point, short run"),
    "long run": ("blp-2023-aer", "approximate point, long run"),
}


# Other ranges the robustness table tries, each from published rows (a range of one row is a point).
ALTERNATIVES = {
    "short run, Boehm, Levchenko and Pandalai-Nayar's estimate alone": (("blp-2023-aer", "point, short run"),),
    "short run, adding the response including zero flows (Amiti, Redding and Weinstein)": (
        ("blp-2023-aer", "point, short run"),
        ("amiti-redding-weinstein-nber-w25672", "point, import quantity response"),
    ),
    "long run, the published point (Boehm, Levchenko and Pandalai-Nayar)": (
        ("blp-2023-aer", "approximate point, long run"),
    ),
    "long run, product-level and structural gravity estimates (Fontagné et al.; Simonovska and Waugh)": (
        ("fgo-2022", "central tendency"),
        ("sw-2014", "point"),
    ),
    "the welfare-relevant elasticity (another concept)": (("blp-nber-w27064", "point, welfare-relevant"),),
    "the previous release's range, from the welfare-relevant elasticity to gravity estimates": (
        ("blp-nber-w27064", "point, welfare-relevant"),
        ("fgo-2022", "central tendency"),
    ),
}


def export_change(
    tariff_before: float, tariff_after: float, elasticity: float | np.ndarray, qualifying_share: float | np.ndarray
) -> float | np.ndarray:
    """Proportional change in exports implied by the model above; tariffs and shares as fractions."""
    if tariff_before < 0 or tariff_after < 0:
        raise ValueError("tariffs are fractions of value and cannot be negative (25% is 0.25)")
    shares = np.asarray(qualifying_share)
    if np.any((shares < 0) | (shares > 1)):
        raise ValueError(f"the qualifying share must lie between 0 and 1, not {qualifying_share}")
    if np.any(np.asarray(elasticity) > 0):
        raise ValueError("use the negative convention for the elasticity: trade falls when tariffs rise")
    factor = (1 + tariff_after) / (1 + tariff_before)
    return (1 - shares) * (factor ** np.asarray(elasticity) - 1)


def change_range(
    tariff: float, elasticities: tuple[float, float], shares: tuple[float, float], tariff_before: float = 0.0
) -> tuple[float, float]:
    """The smallest and largest change over a box of assumptions (its corners bound it): the larger fall
    first."""
    corners = [export_change(tariff_before, tariff, e, q) for e, q in itertools.product(elasticities, shares)]
    return float(min(corners)), float(max(corners))


def estimate(elasticities: pd.DataFrame, source_id: str, statistic: str) -> float:
    """The one published estimate with this source and statistic (matched at its start), in the negative
    convention: a study that states the elasticity as a positive parameter enters with the sign of the
    response of trade to a tariff."""
    match = elasticities[
        (elasticities["source_id"] == source_id) & elasticities["statistic"].str.startswith(statistic)
    ].dropna(subset=["estimate"])
    if len(match) != 1:
        raise KeyError(
            f"the elasticities table has {len(match)} estimates from '{source_id}' whose statistic starts "
            f"'{statistic}'; one is needed"
        )
    return -abs(float(match["estimate"].iloc[0]))


def horizon_ranges(elasticities: pd.DataFrame, rows: dict = HORIZON_ROWS, centres: dict = CENTRAL_ROWS) -> pd.DataFrame:
    """For each horizon, the assumption range (low, high: the larger response first) spanned by its
    published estimates, and the published estimate it is centred on."""
    ranges = {
        horizon: dict(zip(("low", "high"), published_range(elasticities, bounds)))
        | {"central": estimate(elasticities, *centres[horizon])}
        for horizon, bounds in rows.items()
    }
    return pd.DataFrame(ranges).T.rename_axis("horizon")


def published_range(elasticities: pd.DataFrame, rows: tuple) -> tuple[float, float]:
    """The range (the larger response first) spanned by the named published estimates."""
    values = sorted(estimate(elasticities, *row) for row in rows)
    return values[0], values[-1]


def share_value(facts: pd.DataFrame, fact_id: str) -> float:
    """A share recorded in per cent as a plain number, as a fraction; a bound or a statement is refused."""
    text = str(facts.set_index("fact_id").at[fact_id, "value"]).strip()
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{fact_id}' is recorded as '{text}', not a number: a bound is not a share") from None
    if not 0 <= value <= 100:
        raise ValueError(f"'{fact_id}' is {value}, not a share in per cent")
    return value / 100


def band(tariff: float, elasticity_range: tuple[float, float], shares: np.ndarray) -> pd.DataFrame:
    """For each qualifying share (the index, a fraction), the change at each end of the elasticity range
    (columns low and high, the larger fall first)."""
    ends = np.array([export_change(0.0, tariff, e, shares) for e in elasticity_range])
    return pd.DataFrame({"low": ends.min(axis=0), "high": ends.max(axis=0)}, index=pd.Index(shares, name="share"))


def scenario_grid(
    tariffs: dict[str, float], horizons: pd.DataFrame, shares: dict[str, tuple[float, float]]
) -> pd.DataFrame:
    """Every combination of a tariff, a horizon's elasticity range and a qualifying-share case: the range
    of the change in exports (low, high) for each."""
    rows = [
        {"tariff": name, "shares": case, "horizon": horizon}
        | dict(zip(("low", "high"), change_range(rate, (bounds["low"], bounds["high"]), shares[case])))
        for name, rate in tariffs.items()
        for case in shares
        for horizon, bounds in horizons.iterrows()
    ]
    return pd.DataFrame(rows)


def grid_table(grid: pd.DataFrame) -> pd.DataFrame:
    """The grid as the page shows it: one row per tariff and share case, one column per horizon, each
    cell the range of the change in per cent."""
    cells = grid.assign(change=[range_text(pair) for pair in zip(grid["low"], grid["high"])])
    table = cells.pivot_table(
        index=["tariff", "shares"], columns="horizon", values="change", aggfunc="first", sort=False
    )
    table.columns = [f"Change in exports, {horizon}" for horizon in table.columns]
    return table.reset_index().rename(
        columns={"tariff": "Tariff on goods that do not qualify", "shares": "Goods spared"}
    )


def elasticity_table(
    elasticities: pd.DataFrame, rows: dict = HORIZON_ROWS, centres: dict = CENTRAL_ROWS
) -> pd.DataFrame:
    """The published estimates with the part each plays here: bounding a horizon's range, centring it,
    tried in the robustness table, or not used (an earlier version of an estimate used, or another
    parameter)."""

    def matches(row, named) -> bool:
        return any(row["source_id"] == source and row["statistic"].startswith(start) for source, start in named)

    def role(row) -> str:
        for horizon, bounds in rows.items():
            if matches(row, bounds):
                return f"bounds the {horizon.replace(' ', '-')} range"
        for horizon, centre in centres.items():
            if matches(row, [centre]):
                return f"centre of the {horizon.replace(' ', '-')} range"
        return "robustness table" if matches(row, [r for named in ALTERNATIVES.values() for r in named]) else "not used"

    shown = elasticities.assign(
        role=elasticities.apply(role, axis=1),
        estimate=elasticities["estimate"].map(lambda v: "" if pd.isna(v) else recorded(v)),
    )
    headers = {
        "study": "Study",
        "estimate": "Estimate",
        "estimate_text": "In the authors' words",
        "statistic": "What it measures",
        "role": "Use here",
    }
    return shown[list(headers)].rename(columns=headers)


def changes_over_vintages(totals: pd.DataFrame, partner: str, flow: str, first: int, last: int) -> tuple[float, float]:
    """The smallest and largest change from ``first`` to ``last`` over every pair of transcriptions of the
    two years' totals (their vintages differ), as fractions."""
    chosen = totals[(totals["partner"] == partner) & (totals["flow"] == flow)]
    before, after = (chosen.loc[chosen["year"] == year, "value_usd_millions"] for year in (first, last))
    if before.empty or after.empty:
        raise KeyError(f"no {flow} total for {partner} in {first if before.empty else last}")
    changes = [b / a - 1 for a, b in itertools.product(before, after)]
    return float(min(changes)), float(max(changes))


def reproduces(observed: tuple[float, float], model: tuple[float, float]) -> bool:
    """Whether every observed change (a range over vintages or bases) lies within the model's range."""
    return model[0] <= observed[0] and observed[1] <= model[1]


def range_text(change: tuple[float, float], digits: int = 1) -> str:
    """A range of changes (fractions) as the page writes it: '−7.2% to −1.0%', '+5.8% to +6.3%', or one
    value if both ends round alike."""
    low, high = (signed_percent(100 * end, digits) for end in change)
    return low if low == high else f"{low} to {high}"


def within(change: tuple[float, float], envelope: tuple[float, float], digits: int = 1) -> bool:
    """Whether a range of changes lies inside another once both are rounded to ``digits`` decimals of a
    percentage point."""
    low, high = (round(100 * end, digits) for end in change)
    return round(100 * envelope[0], digits) <= low and high <= round(100 * envelope[1], digits)


def scenario_specifications(
    elasticities: pd.DataFrame,
    tariff: float,
    shares: tuple[float, float],
    other_shares: dict[str, tuple[float, float]],
) -> pd.DataFrame:
    """The worked example under its main specifications (one per horizon) and under others: other
    published elasticities and other bounds of the qualifying share. Each row gives the range of the
    change and whether, in whole percentage points, it stays inside the main range of its horizon (a row
    that belongs to neither horizon is compared with the union of the two)."""
    horizons = horizon_ranges(elasticities)
    main = {horizon: (row["low"], row["high"]) for horizon, row in horizons.iterrows()}
    envelopes = {horizon: change_range(tariff, ranges, shares) for horizon, ranges in main.items()}
    union = (min(low for low, _ in envelopes.values()), max(high for _, high in envelopes.values()))
    rows = [(f"main, {horizon}", envelopes[horizon], envelopes[horizon]) for horizon in main]
    for name, chosen in ALTERNATIVES.items():
        horizon = next((horizon for horizon in main if name.startswith(horizon)), None)
        change = change_range(tariff, published_range(elasticities, chosen), shares)
        rows.append((name, change, envelopes.get(horizon, union)))
    short = main["short run"]
    rows += [
        (f"short run, {name}", change_range(tariff, short, bracket), envelopes["short run"])
        for name, bracket in other_shares.items()
    ]
    return pd.DataFrame(
        [
            {
                "Specification": name,
                "Estimate": range_text(change),
                "Holds": "yes" if within(change, envelope, digits=0) else "no",
            }
            for name, change, envelope in rows
        ]
    )


def check_table(observed: pd.DataFrame, models: dict[str, dict[str, tuple[float, float]]]) -> pd.DataFrame:
    """Observed changes (columns country, measure, low, high) beside the model's range for each country and
    horizon, and whether every horizon's range holds the observed change."""
    rows = []
    for row in observed.itertuples():
        ranges = models[row.country]
        held = all(reproduces((row.low, row.high), change) for change in ranges.values())
        rows.append(
            {
                "Country": row.country,
                "What changed, 2024 to 2025": row.measure,
                "Observed": range_text((row.low, row.high)),
            }
            | {f"Model, {horizon}": range_text(change) for horizon, change in ranges.items()}
            | {"Within the model's ranges": "yes" if held else "no"}
        )
    return pd.DataFrame(rows)
