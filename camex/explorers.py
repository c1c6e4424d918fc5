"""Interactive explorers: each redraws a chart of :mod:`camex.charts` from the controls, so the widget and
the static figure beside it share their code. Controls take their ranges from the data. In the PDF, an
explorer prints a note pointing to the HTML edition."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from ipywidgets import (
    Checkbox,
    FloatRangeSlider,
    IntRangeSlider,
    IntSlider,
    Layout,
    SelectMultiple,
    ToggleButtons,
    Widget,
    interactive,
)
from matplotlib.figure import Figure

from camex import charts
from camex.scenarios import band, change_range, range_text
from camex.timeline import CATEGORIES, filter_events, with_years

PDF_NOTE = (
    "Interactive explorer: open the HTML edition of the book to use it. "
    "The static figure above carries the same message."
)
WIDE = Layout(width="95%")
SHARES = np.linspace(0, 1, 101)  # qualifying shares the scenario figure draws, every percentage point


class HtmlOnly:
    """Display ``widget`` as usual, but with a readable plain-text form for print and PDF."""

    def __init__(self, widget: Widget, note: str = PDF_NOTE):
        self.widget = widget
        self.note = note

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.note
        return bundle


def html_only(widget: Widget, note: str = PDF_NOTE) -> HtmlOnly:
    return HtmlOnly(widget, note)


def shown(draw):
    """Wrap a chart function so that the explorer displays the figure it returns."""

    def show(**controls):
        draw(**controls)
        plt.show()

    return show


def year_range(years: pd.Series, start: int, description: str) -> IntRangeSlider:
    """A slider over the years the data hold, starting at ``start`` (or the first year), as wide as the
    explorer so that its readout ("1990 – 2026") has room to show both years in full."""
    first, last = int(years.min()), int(years.max())
    return IntRangeSlider(value=(max(first, start), last), min=first, max=last, description=description, layout=WIDE)


def timeline_explorer(events: pd.DataFrame, start: int) -> HtmlOnly:
    """Filter the events by category, period and coding (all events, or bilateral contact only), and redraw
    the timeline."""
    from camex.timeline import bilateral_contact  # the history chapter's coding rule

    def draw(categories, period, contact_only):
        shown = bilateral_contact(events) if contact_only else events
        chosen = filter_events(shown, list(categories) or CATEGORIES, *period)
        kind = "bilateral contacts" if contact_only else "events"
        return charts.timeline(
            chosen, list(categories) or CATEGORIES, title=f"{len(chosen)} {kind}, {period[0]}–{period[1]}"
        )

    years = with_years(events)["year"]
    return html_only(
        interactive(
            shown(draw),
            categories=SelectMultiple(
                options=CATEGORIES, value=tuple(CATEGORIES), description="Categories", rows=len(CATEGORIES)
            ),
            period=year_range(years, start, "Period"),
            contact_only=Checkbox(value=False, description="Bilateral contact only"),
        )
    )


def trade_explorer(series: dict[str, pd.Series], two_way: dict[str, pd.Series], start: int) -> HtmlOnly:
    """Choose series, a period and a view (levels, index or share of the leg's trade)."""
    years = pd.concat([values.index.to_series() for values in series.values()])
    return html_only(
        interactive(
            shown(lambda names, period, mode: charts.trade_series(series, two_way, list(names), period, mode)),
            names=SelectMultiple(
                options=list(series), value=list(series)[:2], description="Series", rows=len(series), layout=WIDE
            ),
            period=year_range(years, start, "Period"),
            mode=ToggleButtons(options=list(charts.SERIES_AXIS), description="Show"),
        )
    )


def monthly_explorer(series: dict[str, pd.Series], markers: dict[str, pd.Period], chosen: list[str]) -> HtmlOnly:
    """Choose monthly series and a period, and show or hide the policy decisions."""

    def draw(names, period, decisions):
        return charts.monthly(
            series,
            list(names) or list(series),
            pd.Period(f"{period[0]}-01", "M"),
            pd.Period(f"{period[1]}-12", "M"),
            markers if decisions else None,
        )

    years = pd.Series([month.year for values in series.values() for month in values.dropna().index])
    return html_only(
        interactive(
            shown(draw),
            names=SelectMultiple(
                options=list(series), value=tuple(chosen), description="Series", rows=len(series), layout=WIDE
            ),
            period=year_range(years, int(years.min()), "Years"),
            decisions=Checkbox(value=True, description="Visa decisions"),
        )
    )


def scenario_figure(horizons: pd.DataFrame, tariff_pct: float, qualifying_pct: tuple[float, float]) -> Figure:
    """The chapter's scenario figure and the explorer's view alike: for a tariff on the goods that do not
    qualify, each horizon's assumption range of the change in exports against the qualifying share
    (``horizons``: elasticity ranges by horizon, columns low and high), the bracket of the share shaded,
    and the change over the bracket in the title."""
    tariff, bracket = tariff_pct / 100, (qualifying_pct[0] / 100, qualifying_pct[1] / 100)
    ranges = {horizon: (row["low"], row["high"]) for horizon, row in horizons.iterrows()}
    bands = {horizon: band(tariff, elasticities, SHARES) for horizon, elasticities in ranges.items()}
    changes = "; ".join(
        f"{horizon} {range_text(change_range(tariff, elasticities, bracket))}"
        for horizon, elasticities in ranges.items()
    )
    title = f"A {tariff_pct:g}% tariff, {qualifying_pct[0]:g}% to {qualifying_pct[1]:g}% qualifying: {changes}"
    return charts.scenario_band(bands, tariff, bracket, title)


def scenario_explorer(horizons: pd.DataFrame, tariff: float, qualifying: tuple[float, float]) -> HtmlOnly:
    """Set the tariff and the bracket of the qualifying share; the defaults are the chapter's worked
    example, and the view is the chapter's figure (:func:`scenario_figure`)."""
    return html_only(
        interactive(
            shown(lambda tariff_pct, qualifying_pct: scenario_figure(horizons, tariff_pct, qualifying_pct)),
            tariff_pct=IntSlider(value=round(100 * tariff), min=0, max=50, step=5, description="Tariff (%)"),
            qualifying_pct=FloatRangeSlider(
                value=(100 * qualifying[0], 100 * qualifying[1]),
                min=0,
                max=100,
                step=0.1,
                readout_format=".1f",
                description="Qualifying (%)",
                layout=WIDE,
            ),
        )
    )
