"""Charts the chapters share with their interactive explorers, so a widget and its static figure are
drawn by the same code."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from matplotlib.ticker import MaxNLocator

from camex.style import PALETTE
from camex.timeline import CATEGORIES, with_years

# Each category keeps its colour and marker in every chart; the marker keeps categories apart without
# colour. The seventh colour is the last of the Okabe–Ito palette (reddish purple).
COLOURS = dict(zip(CATEGORIES, [*PALETTE.values(), "#CC79A7"]))
MARKERS = dict(zip(CATEGORIES, ["o", "s", "^", "D", "v", "P", "X"]))


def decimal_year(dates: pd.Series) -> pd.Series:
    """Place each date within its year (mid-year for year-only dates, mid-month for month-only)."""
    padded = dates.where(dates.str.len() != 4, dates + "-07-01").where(dates.str.len() != 7, dates + "-15")
    stamps = pd.to_datetime(padded, format="%Y-%m-%d")
    return stamps.dt.year + (stamps.dt.day_of_year - 1) / 365.25


def plot_timeline(ax: Axes, events: pd.DataFrame, categories: list[str] = CATEGORIES) -> Axes:
    """One row per category, one marker per event, positioned by date."""
    dated = with_years(events)
    shown = [category for category in categories if category in set(dated["category"])] or list(categories)
    for row, category in enumerate(shown):
        chosen = dated[dated["category"] == category]
        ax.scatter(decimal_year(chosen["date"]), [row] * len(chosen), marker=MARKERS[category], color=COLOURS[category], s=28, alpha=0.8, label=category)
    ax.set_yticks(range(len(shown)), shown)
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.invert_yaxis()
    ax.grid(axis="x")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Year")
    return ax


def timeline_figure(events: pd.DataFrame, categories: list[str] = CATEGORIES, title: str = "") -> Figure:
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    plot_timeline(ax, events, categories)
    ax.set_title(title or f"{len(events)} events")
    return fig
