"""Every chart the book draws. Each function takes tidy data and returns a matplotlib Figure, so that a
chapter cell reads as one sentence and an interactive explorer redraws its static figure with the very
same code. Source lines are added by the chapter, which knows what it read (:func:`camex.style.add_source`).
"""

from __future__ import annotations

import datetime

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from camex.people import PANDEMIC
from camex.series import rebase, share
from camex.style import PALETTE, plain_log_axis
from camex.timeline import CATEGORIES, HIGH_LEVEL_CONTACT, with_years

# Each category keeps its colour and marker in every chart; the marker keeps categories apart without
# colour. The seventh colour is the last of the Okabe–Ito palette (reddish purple).
COLOURS = dict(zip(CATEGORIES, [*PALETTE.values(), "#CC79A7"]))
MARKERS = dict(zip(CATEGORIES, ["o", "s", "^", "D", "v", "P", "X"]))
HATCHES = dict(zip(HIGH_LEVEL_CONTACT, ["", "///", ".."]))


def decimal_year(dates: pd.Series) -> pd.Series:
    """Place each date within its year (mid-year for year-only dates, mid-month for month-only)."""
    padded = dates.where(dates.str.len() != 4, dates + "-07-01").where(dates.str.len() != 7, dates + "-15")
    stamps = pd.to_datetime(padded, format="%Y-%m-%d")
    return stamps.dt.year + (stamps.dt.day_of_year - 1) / 365.25


# ---- history ---------------------------------------------------------------------------------------


def plot_timeline(ax: Axes, events: pd.DataFrame, categories: list[str] = CATEGORIES) -> Axes:
    """One row per category, one marker per event, positioned by date."""
    dated = with_years(events)
    shown = [category for category in categories if category in set(dated["category"])] or list(categories)
    for row, category in enumerate(shown):
        chosen = dated[dated["category"] == category]
        ax.scatter(
            decimal_year(chosen["date"]),
            [row] * len(chosen),
            marker=MARKERS[category],
            color=COLOURS[category],
            s=28,
            alpha=0.8,
            label=category,
        )
    ax.set_yticks(range(len(shown)), shown)
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.invert_yaxis()
    ax.grid(axis="x")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Year")
    return ax


def timeline(
    events: pd.DataFrame, categories: list[str] = CATEGORIES, title: str = "", period: tuple[int, int] | None = None
) -> Figure:
    """The events as a timeline; ``period`` (first and last year) fixes the axis."""
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    plot_timeline(ax, events, categories)
    if period is not None:
        ax.set_xlim(period[0], period[1] + 1)
    ax.set_title(title or f"{len(events)} events")
    return fig


def late_start(opened: dict[str, int], steps: dict[str, int]) -> Figure:
    """When each pair of countries opened relations (``opened``: pair to year), with the steps of
    Canada's path to its own foreign policy as dashed lines (``steps``: label to year)."""
    fig, ax = plt.subplots(figsize=(6.4, 2.8))
    first = min(opened.values())
    for row, year in enumerate(opened.values()):
        ax.plot([first, year], [row, row], color="0.75", linestyle="-", linewidth=1)
        ax.plot(year, row, marker="o", color="C0", linestyle="none")
        ax.annotate(str(year), (year, row), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8)
    for label, year in steps.items():
        ax.axvline(year, color="C1", linestyle="--", linewidth=1)
        ax.annotate(
            label,
            (year, 0.5),
            xytext=(-2, 0),
            textcoords="offset points",
            rotation=90,
            ha="right",
            va="center",
            fontsize=7,
            color="0.2",
        )
    ax.set_yticks(range(len(opened)), list(opened))
    ax.set_ylim(-0.6, len(opened) - 0.4)
    ax.invert_yaxis()
    ax.set_xlabel("Year diplomatic relations were established")
    ax.set_title("A late start")
    return fig


def stacked_decades(by_decade: pd.DataFrame, title: str) -> Figure:
    """Counts by decade (rows) and category (columns) as stacked bars, hatched by category."""
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    bottom = pd.Series(0, index=by_decade.index)
    for category in by_decade.columns:
        ax.bar(
            by_decade.index,
            by_decade[category],
            width=8,
            bottom=bottom,
            label=category,
            hatch=HATCHES.get(category, ""),
            edgecolor="white",
            linewidth=0.5,
        )
        bottom += by_decade[category]
    ax.set_xticks(by_decade.index, [f"{decade}s" for decade in by_decade.index])
    ax.set_ylabel("Events in the record")
    ax.set_title(title)
    ax.legend(loc="upper left")
    return fig


# ---- trade -----------------------------------------------------------------------------------------


def three_legs(us_two_way: pd.DataFrame, cm_two_way: pd.DataFrame, milestones: dict[str, int]) -> Figure:
    """US trade with Canada and Mexico (USD) beside Canada's trade with Mexico on both bases (CAD),
    each on a log scale, with the agreements' years as dotted lines."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(6.8, 3.4), sharex=True)
    for partner in us_two_way.columns:
        left.plot(us_two_way.index, us_two_way[partner], label=f"US–{partner} (US-reported, customs)")
    left.set_title("US goods trade, billions of USD")
    for basis in cm_two_way.columns:
        right.plot(cm_two_way.index, cm_two_way[basis], label=f"Canada–Mexico ({basis} basis)")
    right.set_title("Canada–Mexico, billions of CAD")
    for ax in (left, right):
        plain_log_axis(ax)
        for year in milestones.values():
            ax.axvline(year, color="0.5", linewidth=0.8, linestyle=":")
        ax.legend(loc="lower right", fontsize=7)
        ax.set_xlabel("Year")
    left.set_ylabel("Exports plus imports (log scale)")
    return fig


def basis_gap(imports: pd.DataFrame) -> Figure:
    """Canada's imports from Mexico on the customs and balance-of-payments bases (millions of CAD,
    indexed by year), shown in billions with the gap shaded."""
    customs, bop = imports["customs"] / 1000, imports["balance of payments"] / 1000
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.plot(imports.index, customs, label="Imports from Mexico, customs basis")
    ax.plot(imports.index, bop, label="Imports from Mexico, balance-of-payments basis")
    ax.fill_between(imports.index, bop, customs, color="0.85", label="Gap between the bases")
    ax.set_ylabel("Billions of CAD")
    ax.set_xlabel("Year")
    ax.set_title("Canada's imports from Mexico on two bases")
    ax.legend(loc="upper left")
    return fig


SERIES_AXIS = {
    "level": "Millions, reporter's currency",
    "index": "Index, first year = 100",
    "share": "Share of the leg's two-way trade (%)",
}


def trade_series(
    series: dict[str, pd.Series], two_way: dict[str, pd.Series], names: list[str], period: tuple[int, int], mode: str
) -> Figure:
    """Chosen annual series over ``period``, as levels, as an index (first year = 100) or as a share of
    their leg's two-way trade on the same basis."""
    if mode not in SERIES_AXIS:
        raise ValueError(f"unknown mode '{mode}': use one of {', '.join(SERIES_AXIS)}")
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for name in names:
        shown = series[name].loc[period[0] : period[1]]
        if not shown.empty:
            values = share(shown, two_way[name]) if mode == "share" else rebase(shown, mode)
            ax.plot(values.index, values, label=name)
    ax.set_ylabel(SERIES_AXIS[mode])
    ax.legend(fontsize=7)
    return fig


# ---- people ----------------------------------------------------------------------------------------


def monthly(
    series: dict[str, pd.Series],
    names: list[str],
    start: pd.Period,
    end: pd.Period,
    markers: dict[str, pd.Period] | None = None,
) -> Figure:
    """Monthly series between ``start`` and ``end``, the pandemic months shaded, and each policy
    decision in ``markers`` (label to month) drawn as a dotted line when it falls in the period."""
    fig, ax = plt.subplots(figsize=(6.8, 3.6))
    for name in names:
        shown = series[name].loc[start:end].dropna()
        ax.plot(shown.index.to_timestamp(), shown, label=name)
    ax.axvspan(PANDEMIC[0].to_timestamp(), PANDEMIC[1].to_timestamp(how="end"), color="0.9", label="pandemic months")
    for label, month in (markers or {}).items():
        if start <= month <= end:
            ax.axvline(month.to_timestamp(), color="0.3", linestyle=":", linewidth=1)
            ax.annotate(
                label,
                (month.to_timestamp(), 1),
                xycoords=("data", "axes fraction"),
                xytext=(3, -3),
                textcoords="offset points",
                va="top",
                fontsize=7,
            )
    ax.set_ylabel("Persons per month (Mexican citizens)")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(0, 0.9))
    return fig


def bars_with_share(counts: pd.Series, shares: pd.Series, count_label: str, share_label: str, title: str) -> Figure:
    """Yearly counts as bars (left axis) and their share of a total as a dashed line (right axis, %)."""
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.bar(counts.index, counts, color="C0", label=f"{count_label} (left axis)")
    ax.set_ylabel("Permits that took effect in the year")
    share_axis = ax.twinx()
    share_axis.plot(
        shares.index, shares, color="C1", linestyle="--", marker="o", label=f"{share_label} (right axis, %)"
    )
    share_axis.set_ylabel("Share of all countries (%)")
    share_axis.set_ylim(0, shares.max() * 1.6)
    share_axis.spines["right"].set_visible(True)
    ax.set_title(title)
    fig.legend(loc="upper left", bbox_to_anchor=(0.1, 0.88), fontsize=7)
    return fig


def sparse_years(values: pd.DataFrame, title: str, ylabel: str) -> Figure:
    """Values for the isolated years a source gives them, one marker shape per kind of source; years
    without a value stay empty."""
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    for kind, marker in [("official", "s"), ("secondary", "o")]:
        chosen = values[values["kind"] == kind]
        ax.plot(chosen["year"], chosen["value"], marker=marker, linestyle="none", markersize=6, label=f"{kind} source")
    ax.set_ylabel(ylabel)
    ax.set_xlabel("Year")
    ax.set_title(title)
    ax.legend()
    return fig


def yearly_bars(counts: pd.Series, markers: dict[str, pd.Period], title: str, ylabel: str) -> Figure:
    """Yearly counts as bars, with each decision in ``markers`` drawn at its month within its year."""
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.bar(counts.index, counts, color="C0")
    for label, month in markers.items():
        position = month.year - 0.5 + (month.month - 1) / 12  # bars are centred on their year
        ax.axvline(position, color="0.3", linestyle=":", linewidth=1)
        ax.annotate(
            label,
            (position, 1),
            xycoords=("data", "axes fraction"),
            xytext=(3, -3),
            textcoords="offset points",
            va="top",
            fontsize=7,
        )
    ax.set_ylabel(ylabel)
    ax.set_xlabel("Year")
    ax.set_title(title)
    return fig


# ---- the agreement ---------------------------------------------------------------------------------


def exposure(stated: pd.DataFrame) -> Figure:
    """Indicators of exposure in per cent (columns label, value, kind), solid for official sources and
    hatched for secondary reports."""
    stated = stated.iloc[::-1]
    fig, ax = plt.subplots(figsize=(6.8, 3.6))
    colours = stated["kind"].map({"official": "C0", "secondary": "C1"})
    ax.barh(
        stated["label"],
        stated["value"],
        color=colours,
        hatch=["" if kind == "official" else "//" for kind in stated["kind"]],
    )
    for y, value in enumerate(stated["value"]):
        ax.annotate(f"{value:g}%", (value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
    ax.set_xlabel("Per cent")
    ax.set_xlim(0, 110)
    ax.tick_params(axis="y", labelsize=6.5)
    ax.grid(axis="x")
    ax.set_title("Exposure to the US market")
    handles = [plt.Rectangle((0, 0), 1, 1, color="C0"), plt.Rectangle((0, 0), 1, 1, color="C1", hatch="//")]
    ax.legend(handles, ["official source", "secondary report"], loc="lower right", fontsize=7)
    return fig


STATUS_STYLE = {
    "in force": ("C0", ""),
    "changed": ("C1", "//"),
    "struck down": ("C2", "xx"),
    "expired": ("C3", ".."),
    "revoked": ("C4", "--"),
    "suspended": ("0.6", "\\\\"),
    "announced": ("0.45", "oo"),
    "scheduled": ("0.75", "++"),
    "negotiating": ("C5", ""),
    "investigation": ("C5", ""),
}


def tariff_timeline(actions: pd.DataFrame, until: datetime.date, start: str = "2018-01-01") -> Figure:
    """One bar per measure from the day it took effect to the date of its latest sourced status, or to
    ``until`` (the date of writing) for measures in force. A diamond marks a measure without a dated span:
    its end could not be sourced, it is a ruling rather than a duty, or it had not taken effect."""
    dated = actions.assign(start=actions["date_in_force"].fillna(actions["status_date"])).dropna(subset=["start"])
    dated = dated.sort_values("start").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(6.8, 1.2 + 0.16 * len(dated)))
    for row, action in dated.iterrows():
        colour, hatch = STATUS_STYLE[action["status"]]
        end = pd.Timestamp(until) if action["status"] == "in force" else action["status_date"]
        label = action["rate"] if isinstance(action["rate"], str) and len(action["rate"]) < 12 else ""
        if pd.isna(action["date_in_force"]) or pd.isna(end) or end <= action["start"]:
            ax.plot(action["start"], row, marker="D", color=colour, linestyle="none")
            end = action["start"]
        else:
            width = (end - action["start"]).days
            ax.barh(row, width, left=action["start"], color=colour, hatch=hatch, edgecolor="white", linewidth=0.3)
        ax.annotate(label, (end, row), xytext=(3, 0), textcoords="offset points", va="center", fontsize=6)
    ax.set_yticks(range(len(dated)), dated["action_id"], fontsize=6)
    ax.set_xlim(pd.Timestamp(start), pd.Timestamp(until))
    ax.invert_yaxis()
    ax.grid(axis="x")
    shown = [status for status in STATUS_STYLE if status in set(dated["status"])]
    handles = [plt.Rectangle((0, 0), 1, 1, color=STATUS_STYLE[s][0], hatch=STATUS_STYLE[s][1]) for s in shown]
    ax.legend(handles, shown, fontsize=6.5, loc="lower left", title="status at latest sourced date", title_fontsize=6.5)
    ax.set_title("Tariff measures affecting Canada–US–Mexico trade")
    return fig


SHIELD_STYLE = {
    "exempt": ("C0", ""),
    "content only": ("C3", "//"),
    "not exempt": ("C1", "xx"),
    "not stated": ("0.85", ".."),
}


def shield(counts: pd.DataFrame, names: dict[str, str]) -> Figure:
    """Stacked horizontal bars, one per partner: how many US measures spare goods that qualify under the
    agreement, tax only their non-US content, make no exception, or are silent (``counts``: codings by
    partner; ``names``: partner code to name)."""
    fig, ax = plt.subplots(figsize=(6.4, 2.2))
    left = pd.Series(0, index=counts.columns)
    for coding, (colour, hatch) in SHIELD_STYLE.items():
        ax.barh(
            [names[code] for code in counts.columns],
            counts.loc[coding],
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            label=coding,
        )
        left += counts.loc[coding]
    ax.invert_yaxis()
    ax.grid(axis="x")
    ax.set_xlabel("US measures applying (count, not weighted by trade)")
    ax.legend(loc="lower right", fontsize=7, title="goods qualifying under the USMCA", title_fontsize=7)
    return fig


def scenario_band(runs: pd.DataFrame, tariff: float) -> Figure:
    """The median and central interval of the simulated export change (columns low, central, high, as
    fractions) against the qualifying share (the index, a fraction)."""
    shares = 100 * runs.index
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.fill_between(
        shares,
        100 * runs["low"],
        100 * runs["high"],
        color="0.85",
        label=f"central {100 * runs['level'].iloc[0]:.0f}% of draws",
    )
    ax.plot(shares, 100 * runs["central"], label="median")
    ax.axhline(0, color="0.3", linewidth=0.8)
    ax.set_xlabel("Share of exports qualifying for USMCA treatment (%), an assumption")
    ax.set_ylabel("Change in exports to the US (%)")
    ax.set_title(f"Illustrative effect of a {100 * tariff:g}% tariff on non-qualifying goods")
    ax.legend(loc="lower right")
    return fig


def scenario_draws(changes: np.ndarray, low: float, central: float, high: float) -> Figure:
    """The distribution of simulated export changes (fractions), with their median marked."""
    fig, ax = plt.subplots(figsize=(6.4, 3.0))
    ax.hist(100 * changes, bins=40, color="C0")
    ax.axvline(100 * central, color="C1", linestyle="--")
    ax.set_xlabel("Change in exports to the US (%)")
    ax.set_title(f"Median {100 * central:.1f}%, 90% interval {100 * low:.1f}% to {100 * high:.1f}%")
    return fig


# ---- the data --------------------------------------------------------------------------------------


def annual_line(
    values: pd.Series, title: str, ylabel: str, computed: pd.Series | None = None, computed_label: str = ""
) -> Figure:
    """One annual series (indexed by year) as a line with a marker on each year; values computed by the book
    rather than published (``computed``) are drawn apart, as open squares."""
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.plot(values.index, values, marker="o", label="published")
    if computed is not None:
        ax.plot(
            computed.index, computed, marker="s", fillstyle="none", linestyle="none", color="C1", label=computed_label
        )
        ax.legend(loc="upper left")
    ax.set_xlabel("Year")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return fig
