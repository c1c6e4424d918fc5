"""Interactive explorers: each redraws a chart of :mod:`camex.charts` from the controls, so the widget and
the static figure beside it share their code. Controls take their ranges from the data. In the PDF, an
explorer prints a note pointing to the HTML edition."""

from __future__ import annotations

import matplotlib.pyplot as plt
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

from camex import charts
from camex.scenarios import elasticity_draws, export_change, summarise
from camex.timeline import CATEGORIES, filter_events, with_years

PDF_NOTE = (
    "Interactive explorer: open the HTML edition of the book to use it. "
    "The static figure above carries the same message."
)
WIDE = Layout(width="95%")


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
    """A slider over the years the data hold, starting at ``start`` (or the first year)."""
    first, last = int(years.min()), int(years.max())
    return IntRangeSlider(value=(max(first, start), last), min=first, max=last, description=description)


def timeline_explorer(events: pd.DataFrame, start: int) -> HtmlOnly:
    """Filter the events by category and period, and redraw the timeline."""

    def draw(categories, period):
        chosen = filter_events(events, list(categories) or CATEGORIES, *period)
        return charts.timeline(
            chosen, list(categories) or CATEGORIES, title=f"{len(chosen)} events, {period[0]}–{period[1]}"
        )

    years = with_years(events)["year"]
    return html_only(
        interactive(
            shown(draw),
            categories=SelectMultiple(
                options=CATEGORIES, value=tuple(CATEGORIES), description="Categories", rows=len(CATEGORIES)
            ),
            period=year_range(years, start, "Period"),
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


def scenario_figure(tariff_pct: int, elasticity: tuple[float, float], qualifying_pct: int):
    """The distribution of the simulated change for one choice of the explorer's controls; the same
    seeded draws as :func:`camex.scenarios.simulate`."""
    changes = export_change(0.0, tariff_pct / 100, elasticity_draws(elasticity), qualifying_pct / 100)
    result = summarise(changes)
    return charts.scenario_draws(changes, result.low, result.central, result.high)


def scenario_explorer(
    tariff: float, elasticity_range: tuple[float, float], qualifying: float, bounds: tuple[float, float]
) -> HtmlOnly:
    """Set the tariff, the elasticity range (within ``bounds``) and the qualifying share; the defaults
    are the chapter's worked example."""
    return html_only(
        interactive(
            shown(scenario_figure),
            tariff_pct=IntSlider(value=round(100 * tariff), min=0, max=50, step=5, description="Tariff (%)"),
            elasticity=FloatRangeSlider(
                value=elasticity_range, min=bounds[0], max=bounds[1], step=0.1, description="Elasticity"
            ),
            qualifying_pct=IntSlider(
                value=round(100 * qualifying), min=0, max=100, step=1, description="Qualifying (%)"
            ),
        )
    )
