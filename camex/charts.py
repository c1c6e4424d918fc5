"""Every chart the book draws. Each function takes tidy data and returns a matplotlib Figure, so that a
chapter cell reads as one sentence and an interactive explorer redraws its static figure with the very
same code. Source lines are added by the chapter, which knows what it read (:func:`camex.style.add_source`).
"""

from __future__ import annotations

import datetime
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import DateFormatter, MonthLocator, YearLocator
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from camex.people import PANDEMIC
from camex.series import rebase, share
from camex.style import PALETTE, plain_log_axis
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


def mark_year(ax, year: int, label: str, level: int = 0, color: str = "0.3", linestyle: str = ":") -> None:
    """A vertical line at ``year`` labelled "label (year)" above the plot; ``level`` raises the label by one
    row per step, so that neighbouring labels can be kept apart."""
    ax.axvline(year, color=color, linestyle=linestyle, linewidth=1)
    ax.annotate(
        f"{label} ({year})",
        (year, 1),
        xycoords=("data", "axes fraction"),
        xytext=(0, 3 + 12 * level),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=8,
        color="0.2",
    )


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
    # Step labels sit above the plot, centred on their lines; a step within 25 years of the one before it
    # goes one row higher, so that neighbouring labels never overlap each other or the data.
    level, previous = 0, None
    for label, year in sorted(steps.items(), key=lambda item: item[1]):
        level = level + 1 if previous is not None and year - previous < 25 else 0
        previous = year
        mark_year(ax, year, label, level, color="C1", linestyle="--")
    ax.set_yticks(range(len(opened)), list(opened))
    ax.set_ylim(-0.6, len(opened) - 0.4)
    ax.set_xlim(first - 5, max([*opened.values(), *steps.values()]) + 12)
    ax.invert_yaxis()
    ax.set_xlabel("Year diplomatic relations were established")
    ax.set_title("A late start", pad=8 + 12 * (level + 1))
    return fig


def stacked_decades(by_decade: pd.DataFrame, title: str, years: pd.Series | None = None) -> Figure:
    """Counts by decade (rows) and part (columns) as stacked bars, each part with its own colour and hatch;
    the legend sits below the plot. ``years`` (years of each decade in the record) marks partial decades."""
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    bottom = pd.Series(0, index=by_decade.index)
    for position, part in enumerate(by_decade.columns):
        ax.bar(
            by_decade.index,
            by_decade[part],
            width=8,
            bottom=bottom,
            label=part,
            hatch=["", "///", "..", "xx"][position % 4],
            edgecolor="white",
            linewidth=0.5,
        )
        bottom += by_decade[part]
    labels = [
        f"{decade}s" if years is None or years[decade] == 10 else f"{decade}s\n({years[decade]} years)"
        for decade in by_decade.index
    ]
    ax.set_xticks(by_decade.index, labels)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Events in the record")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.22), ncols=2)
    return fig


# ---- trade -----------------------------------------------------------------------------------------


def three_legs(us_two_way: pd.DataFrame, cm_two_way: pd.DataFrame, milestones: dict[str, int]) -> Figure:
    """US trade with Canada and Mexico (USD) beside Canada's trade with Mexico on both bases (CAD),
    each on a log scale, with the agreements' years as dotted lines."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(6.4, 3.4), sharex=True)
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
        # Below the panel, never over the lines.
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.2))
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


def growth_periods(growth: dict[str, pd.Series], fits: dict[str, object], shocks: tuple[int, ...]) -> Figure:
    """One panel per leg: each year's growth as a bar (shock years hatched) and, over each period between
    breaks, the mean growth with its 95% interval (``fits`` are :class:`camex.trade.GrowthChange`; only the
    growth years a fit used are drawn)."""
    fig, axes = plt.subplots(1, len(growth), figsize=(6.4, 3.2), sharey=True, squeeze=False)
    for ax, (leg, rates) in zip(axes[0], growth.items()):
        fit = fits[leg]
        rates = rates.loc[list(fit.years)]
        shock = rates.index.isin(shocks)
        ax.bar(rates.index[~shock], rates[~shock], color="0.75", label="Growth in the year")
        shock_label = f"Shock years ({', '.join(map(str, shocks))})"
        ax.bar(rates.index[shock], rates[shock], color="white", edgecolor="0.4", hatch="///", label=shock_label)
        edges = [fit.years[0] - 0.5, *[k - 0.5 for k in fit.breaks], fit.years[-1] + 0.5]
        for start, end, mean, (low, high) in zip(edges, edges[1:], fit.means, fit.mean_ci):
            ax.fill_between([start, end], low, high, color=PALETTE["sky"], alpha=0.35, linewidth=0, zorder=0)
            ax.plot([start, end], [mean, mean], color=PALETTE["blue"], linestyle="-", zorder=3)
        ax.plot([], [], color=PALETTE["blue"], linestyle="-", label="Mean growth in the period, with its 95% interval")
        ax.axhline(0, color="0.3", linewidth=0.6)
        ax.set_title(leg)
        ax.set_xlabel("Year")
    axes[0][0].set_ylabel("Growth of two-way trade (% a year, log)")
    axes[0][0].legend(loc="upper left", bbox_to_anchor=(0, -0.2))
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
    ax.legend(fontsize=8)
    return fig


# ---- people ----------------------------------------------------------------------------------------


def monthly(
    series: dict[str, pd.Series],
    names: list[str],
    start: pd.Period,
    end: pd.Period,
    markers: dict[str, pd.Period] | None = None,
) -> Figure:
    """Monthly series between ``start`` and ``end`` as small multiples, one panel per series on its own
    scale, with the pandemic months shaded and each policy decision in ``markers`` (label to month) drawn
    as a vertical line when it falls in the period; the key sits above the panels, off the data."""
    columns = 1 if len(names) == 1 else 2
    rows = -(-len(names) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(6.4, 0.9 + 1.8 * rows), sharex=True, squeeze=False)
    for ax, name in zip(axes.flat, names):
        shown = series[name].loc[start:end].dropna()
        ax.plot(shown.index.to_timestamp(), shown, color="C0", linestyle="-", linewidth=1.2)
        ax.set_title(name, fontsize=9)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter("{x:,.0f}")
        shade_pandemic(ax)
        decision_lines(ax, markers or {}, start, end)
    for ax in axes.flat[len(names) :]:
        ax.set_visible(False)
    fig.supylabel("Persons per month", fontsize=9)
    key(fig, markers or {}, start, end)
    return fig


def bars_with_share(counts: pd.Series, shares: pd.Series, count_label: str, share_label: str, title: str) -> Figure:
    """Yearly counts as bars (left axis) and their share of a total as a dashed line (right axis, %), with
    the key above the plot, off the data."""
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.bar(counts.index, counts, color="C0", label=f"{count_label} (left axis)")
    ax.set_ylabel("Permits that took effect in the year")
    ax.yaxis.set_major_formatter("{x:,.0f}")
    share_axis = ax.twinx()
    share_axis.plot(
        shares.index, shares, color="C1", linestyle="--", marker="o", label=f"{share_label} (right axis, %)"
    )
    share_axis.set_ylabel("Share of all countries (%)")
    share_axis.set_ylim(0, shares.max() * 1.6)
    share_axis.spines["right"].set_visible(True)
    ax.set_title(title)
    fig.legend(loc="outside upper center", ncols=2, fontsize=8)
    return fig


def sparse_years(values: pd.DataFrame, title: str, ylabel: str) -> Figure:
    """Values for the isolated years a source gives them, one marker shape per kind of source; years
    without a value stay empty. The key sits in the upper left, where the early small values leave room."""
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    for kind, marker in [("official", "s"), ("secondary", "o")]:
        chosen = values[values["kind"] == kind]
        ax.plot(chosen["year"], chosen["value"], marker=marker, linestyle="none", markersize=6, label=f"{kind} source")
    ax.set_ylabel(ylabel)
    ax.set_xlabel("Year")
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8)
    return fig


def yearly_bars(panels: dict[str, pd.Series], markers: dict[str, pd.Period], ylabel: str) -> Figure:
    """Yearly counts as bars, one panel per series on its own scale (``panels``: panel title to counts
    indexed by year), with each decision in ``markers`` that falls within the years drawn at its month within
    its year, and the key above the panels."""
    fig, axes = plt.subplots(1, len(panels), figsize=(6.4, 3.2), squeeze=False)
    years = pd.Index([year for counts in panels.values() for year in counts.index])
    start, end = pd.Period(f"{years.min()}-01", "M"), pd.Period(f"{years.max()}-12", "M")
    for ax, (name, counts) in zip(axes.flat, panels.items()):
        ax.bar(counts.index, counts, color="C0")
        for (label, month), style in zip(markers.items(), DECISION_STYLES):
            if start <= month <= end:
                position = month.year - 0.5 + (month.month - 1) / 12  # bars are centred on their year
                ax.axvline(position, color="0.25", linewidth=1.1, linestyle=style, label=label)
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("Year")
        ax.yaxis.set_major_formatter("{x:,.0f}")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.flat[0].set_ylabel(ylabel)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside upper center", ncols=len(handles), fontsize=8)
    return fig


# ---- the agreement ---------------------------------------------------------------------------------


def exposure(stated: pd.DataFrame) -> Figure:
    """Indicators of exposure in per cent (columns label, value, kind), solid for official sources and
    hatched for secondary reports; the key sits above the panel, never over the bars."""
    stated = stated.iloc[::-1]
    fig, ax = plt.subplots(figsize=(6.4, 0.9 + 0.32 * len(stated)))
    colours = stated["kind"].map({"official": "C0", "secondary": "C1"})
    ax.barh(
        stated["label"],
        stated["value"],
        color=colours,
        hatch=["" if kind == "official" else "//" for kind in stated["kind"]],
    )
    for y, value in enumerate(stated["value"]):
        ax.annotate(f"{value:g}%", (value, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlabel("Per cent")
    ax.set_xlim(0, 110)
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="x")
    ax.set_title("Exposure to the US market")
    handles = [plt.Rectangle((0, 0), 1, 1, color="C0"), plt.Rectangle((0, 0), 1, 1, color="C1", hatch="//")]
    fig.legend(handles, ["official source", "secondary report"], loc="outside upper center", ncols=2)
    return fig


STATUS_STYLE = {
    "in force": ("C0", ""),
    "changed": ("C1", "//"),
    "struck down": ("C2", "xx"),
    "expired": ("C3", ".."),
    "revoked": ("C4", "--"),
    "suspended": ("0.6", "\\\\"),
    "announced": ("0.6", ""),
    "scheduled": ("0.75", ""),
    "negotiating": ("C5", ""),
    "investigation": ("0.25", ""),
}
TIMELINE_ROW = 0.16  # inches per measure: room for 8-point labels
EPISODE_GAP = pd.Timedelta(days=730)  # a quiet spell this long starts a new panel


def timeline_spans(actions: pd.DataFrame, until: datetime.date) -> pd.DataFrame:
    """Each measure's start (its date of effect, else its status date), its end (``until`` for a measure in
    force, else its status date) and whether it has a dated span to draw as a bar."""
    start = actions["date_in_force"].fillna(actions["status_date"])
    end = actions["status_date"].where(actions["status"] != "in force", pd.Timestamp(until))
    spans = actions.assign(start=start, end=end.fillna(start)).dropna(subset=["start"])
    return spans.assign(bar=spans["date_in_force"].notna() & (spans["end"] > spans["start"]))


def episodes(spans: pd.DataFrame, until: datetime.date) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The periods the timeline shows: a new one starts after a spell of :data:`EPISODE_GAP` with no
    measure in effect, so that years without measures take no room."""
    ordered = spans.sort_values("start")
    reached = ordered["end"].cummax()
    periods, first = [], ordered["start"].iloc[0]
    for start, previous in zip(ordered["start"].iloc[1:], reached.iloc[:-1]):
        if start - previous > EPISODE_GAP:
            periods.append((pd.Timestamp(first.year, 1, 1), pd.Timestamp(previous.year, 12, 31)))
            first = start
    return [*periods, (pd.Timestamp(first.year, 1, 1), pd.Timestamp(until))]


def tariff_timeline(actions: pd.DataFrame, labels: pd.Series, until: datetime.date, order: list[str]) -> Figure:
    """One bar per measure from its date of effect to its latest sourced status (to ``until`` for measures
    in force), a diamond for one without a dated span; one panel per episode, so that years without
    measures take no room, with each episode's measures grouped by imposing country (in ``order``) and
    each label (``labels``, by row of ``actions``) at 8 points. The key, above the panels, names only what
    is drawn."""
    spans = timeline_spans(actions, until)
    rank = spans["imposing_country"].map({code: number for number, code in enumerate(order)})
    panels = [
        (low, high, spans.assign(rank=rank)[(spans["start"] >= low) & (spans["start"] <= high)])
        for low, high in episodes(spans, until)
    ]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(6.4, 1.9 + TIMELINE_ROW * sum(len(panel[2]) for panel in panels)),
        gridspec_kw={"height_ratios": [len(panel[2]) for panel in panels]},
        squeeze=False,
    )
    drawn = {}
    for ax, (low, high, chosen) in zip(axes[:, 0], panels):
        chosen = chosen.sort_values(["rank", "start"])
        for y, measure in enumerate(chosen.itertuples()):
            colour, hatch = STATUS_STYLE[measure.status]
            if measure.bar:
                width = (measure.end - measure.start).days
                ax.barh(y, width, left=measure.start, color=colour, hatch=hatch, edgecolor="white", linewidth=0.3)
                drawn[measure.status] = plt.Rectangle((0, 0), 1, 1, color=colour, hatch=hatch)
            else:
                ax.plot(measure.start, y, marker="D", markersize=5, color=colour, linestyle="none")
                drawn[f"{measure.status} (no dated span)"] = plt.Line2D(
                    [], [], marker="D", color=colour, linestyle="none"
                )
        ax.set_xlim(low, high)
        ax.set_ylim(len(chosen) - 0.5, -0.5)
        ax.set_yticks(range(len(chosen)), labels.loc[chosen.index])
        ax.tick_params(axis="y", length=0, labelsize=8)
        ax.xaxis.set_major_locator(YearLocator())
        ax.xaxis.set_major_formatter(DateFormatter("%Y"))
        ax.xaxis.set_minor_locator(MonthLocator(bymonth=7))
        ax.grid(axis="x", which="both")
        ax.set_title(f"{low.year}–{high.year}", fontsize=9)
    shown = sorted(drawn, key=lambda name: (name.endswith("span)"), list(STATUS_STYLE).index(name.split(" (")[0])))
    fig.legend(
        [drawn[name] for name in shown],
        shown,
        loc="outside upper center",
        ncols=3,
        title="Status at the latest sourced date",
    )
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
    partner; ``names``: partner code to name). The key sits above the panel."""
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
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
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("US measures applying (count, not weighted by trade)")
    fig.legend(loc="outside upper center", ncols=4, title="Goods qualifying under the USMCA")
    return fig


BAND_STYLE = {"short run": (PALETTE["sky"], ""), "long run": (PALETTE["orange"], "//")}


def scenario_band(bands: dict[str, pd.DataFrame], tariff: float, bracket: tuple[float, float], title: str) -> Figure:
    """Each horizon's assumption range of the change in exports (``bands``: frames indexed by the qualifying
    share, columns low and high, fractions) against the qualifying share, with the bracket of the share
    (claimed, could qualify) shaded; the key sits above the panel."""
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    ax.axvspan(100 * bracket[0], 100 * bracket[1], color="0.9", label="qualifying share: claimed to could qualify")
    for horizon, frame in bands.items():
        colour, hatch = BAND_STYLE[horizon]
        ax.fill_between(
            100 * frame.index,
            100 * frame["low"],
            100 * frame["high"],
            facecolor=colour,
            edgecolor="0.3",
            hatch=hatch,
            linewidth=0.6,
            alpha=0.75,
            label=f"{horizon} (assumption range)",
        )
    ax.axhline(0, color="0.3", linewidth=0.8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Share of exports that qualify and are spared (%)")
    ax.set_ylabel("Change in exports to the US (%)")
    ax.set_title(textwrap.fill(title, 72), fontsize=9)  # wrapped: the title carries the numbers
    fig.legend(loc="outside upper center", ncols=2)
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


# ---- people: decisions, travellers --------------------------------------------------------------------

# Each decision keeps its line style in every people chart, so the lines stay apart in greyscale.
DECISION_STYLES = [":", "--", "-."]


def decision_lines(ax: Axes, markers: dict[str, pd.Period], start: pd.Period, end: pd.Period) -> None:
    """A vertical line at each decision month in ``markers`` (label to month) that falls between ``start``
    and ``end``, labelled for the figure's key."""
    for (label, month), style in zip(markers.items(), DECISION_STYLES):
        if start <= month <= end:
            ax.axvline(month.to_timestamp(), color="0.25", linewidth=1.1, linestyle=style, label=label)


def shade_pandemic(ax: Axes) -> None:
    ax.axvspan(PANDEMIC[0].to_timestamp(), PANDEMIC[1].to_timestamp(how="end"), color="0.9", label="pandemic months")


def key(
    fig: Figure, markers: dict[str, pd.Period], start: pd.Period, end: pd.Period, extra: list | None = None
) -> None:
    """One key for the whole figure, above the panels: the pandemic shading, the decisions drawn in the
    period and any ``extra`` (handle, label) pairs."""
    entries = [(plt.Rectangle((0, 0), 1, 1, color="0.9"), "pandemic months")]
    entries += [
        (plt.Line2D([], [], color="0.25", linewidth=1.1, linestyle=style), label)
        for (label, month), style in zip(markers.items(), DECISION_STYLES)
        if start <= month <= end
    ]
    entries += extra or []
    handles, labels = zip(*entries)
    fig.legend(handles, labels, loc="outside upper center", ncols=min(len(entries), 2), fontsize=8)


def travellers(
    release_shares: pd.DataFrame,
    proxy: pd.Series,
    observed: pd.Series,
    counterfactual: pd.Series,
    markers: dict[str, pd.Period],
    first_year: int,
) -> Figure:
    """Three panels that never join one publication to another: (a) Mexico's share of overnight trips from
    countries other than the US, each point computed within one release of The Daily (``release_shares``:
    ref_month, share), from ``first_year``; (b) the monthly proxy series of table 24-10-0050, in thousands;
    (c) the proxy per 100 visitors from the comparison group, observed and as the model would have it
    without the change at the decision (``observed`` and ``counterfactual`` are log ratios by month)."""
    fig, axes = plt.subplot_mosaic([["daily", "daily"], ["level", "ratio"]], figsize=(6.4, 5.6))
    daily = axes["daily"]
    daily.plot(release_shares["ref_month"].dt.to_timestamp(), release_shares["share"], "o", color="C0", markersize=5)
    daily.set_title("(a) Mexico, % of overnight trips from countries other than the US", fontsize=9)
    daily.set_ylabel("Per cent")
    daily.set_ylim(0, release_shares["share"].max() * 1.15)
    first = pd.Period(f"{first_year}-01", "M")
    last = release_shares["ref_month"].max()
    level = axes["level"]
    level.plot(proxy.index.to_timestamp(), proxy / 1000, color="C0", linewidth=1.2)
    level.set_title("(b) North America other than the US", fontsize=9)
    level.set_ylabel("Visitors per month, thousands")
    level.set_ylim(bottom=0)
    ratio = axes["ratio"]
    ratio.sharex(level)
    ratio.plot(observed.index.to_timestamp(), 100 * np.exp(observed), color="C0", linewidth=1.2, marker=".")
    ratio.plot(counterfactual.index.to_timestamp(), 100 * np.exp(counterfactual), color="C1", linestyle="--")
    ratio.set_title("(c) Against the comparison group", fontsize=9)
    ratio.set_ylabel("Per 100 other non-US visitors")
    ratio.set_ylim(bottom=0)
    shade_pandemic(daily)
    shade_pandemic(level)
    daily.set_xlim(first.to_timestamp(), (last + 6).to_timestamp())
    decision_lines(daily, markers, first, last)
    decision_lines(level, markers, proxy.index.min(), proxy.index.max())
    decision_lines(ratio, markers, observed.index.min(), observed.index.max())
    extra = [
        (plt.Line2D([], [], color="C0", marker=".", linewidth=1.2), "observed"),
        (plt.Line2D([], [], color="C1", linestyle="--"), "(c) model without the change"),
    ]
    key(fig, markers, first, proxy.index.max(), extra)
    return fig


# ---- history: the count models -----------------------------------------------------------------------


def contact_fits(counts: pd.Series, fits: dict[str, object], marks: dict[str, int]) -> Figure:
    """Yearly counts as bars with the expected count of each model (``fits``: label to
    :class:`camex.timeline.CountModel` fitted to ``counts``) as lines labelled at their right end, and each
    year in ``marks`` as a dotted line labelled above the plot."""
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.bar(counts.index, counts, width=0.8, color="0.75", label="Recorded in the year")
    ends = []
    for position, (label, fit) in enumerate(fits.items()):
        colour = [PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"]][position % 3]
        style = ["-", "--", "-."][position % 3]
        ax.plot(counts.index, fit.fitted, color=colour, linestyle=style, linewidth=1.8)
        ends.append((fit.fitted[-1], label, colour))
    # labels at the right end of the lines, spread apart by at least a tenth of the axis height
    top = max(counts.max(), *(value for value, _, _ in ends)) * 1.15
    spread = []
    for value, label, colour in sorted(ends):
        position = max(value, spread[-1] + top / 10) if spread else value
        spread.append(position)
        ax.annotate(
            label,
            (counts.index[-1], value),
            xytext=(counts.index[-1] + 1.5, position),
            fontsize=8,
            color=colour,
            va="center",
            textcoords="data",
        )
    for label, year in marks.items():
        mark_year(ax, year, label)
    ax.set_xlim(counts.index[0] - 1, counts.index[-1] + 18)  # room inside the plot for the line labels
    ax.set_xticks([year for year in range(0, counts.index[-1] + 1, 10) if year >= counts.index[0]])
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Events in the year")
    ax.set_xlabel("Year")
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.18))
    ax.set_title("Bilateral contact each year, with two models", pad=16)
    return fig


def break_profile(profile: pd.DataFrame, marked: int, marked_label: str) -> Figure:
    """Deviance of each model (columns of ``profile``) by candidate break year (its index), one line each
    (legend below the plot), the best year of each marked with a dot, and ``marked`` as a dotted line."""
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for position, model in enumerate(profile.columns):
        colour = [PALETTE["blue"], PALETTE["vermillion"]][position % 2]
        best = profile[model].idxmin()
        ax.plot(
            profile.index,
            profile[model],
            color=colour,
            linestyle=["-", "--"][position % 2],
            linewidth=1.6,
            label=f"{model[0].upper()}{model[1:]} (best fit: {best})",
        )
        ax.plot(best, profile.at[best, model], "o", color=colour)
    mark_year(ax, marked, marked_label)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.2), ncols=2)
    ax.set_xlabel("Candidate break year")
    ax.set_ylabel("Deviance (lower fits better)")
    ax.set_title("Where a break fits best", pad=16)
    return fig


# ---- the agreement: the automotive corridor ----------------------------------------------------------


def transport_editions(by_edition: pd.DataFrame) -> Figure:
    """US exports of transportation equipment to each partner (a panel each, on one scale from zero), one
    line per edition of the USITC's *Shifts in U.S. Merchandise Trade*; editions on the total-export basis
    are dashed, so that the two bases are never read as one series."""
    partners = list(dict.fromkeys(by_edition["partner"]))
    editions = sorted(by_edition["edition"].unique())
    markers = dict(zip(editions, ["o", "s", "^", "D", "v", "P"]))
    colours = dict(zip(editions, PALETTE.values()))
    fig, axes = plt.subplots(1, len(partners), figsize=(6.4, 3.9), sharey=True, squeeze=False)
    for ax, partner in zip(axes[0], partners):
        chosen = by_edition[by_edition["partner"] == partner]
        for (edition, basis), line in chosen.groupby(["edition", "basis"]):
            ax.plot(
                line["year"],
                line["billions"],
                marker=markers[edition],
                color=colours[edition],
                linestyle="--" if basis.startswith("total") else "-",
                label=f"{edition} edition, {basis}",
            )
        ax.set_title(f"To {partner}")
        ax.set_xlabel("Year")
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.2))
    axes[0][0].set_ylabel("Billions of US dollars")
    return fig
