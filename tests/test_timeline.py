"""Unit tests of the timeline analysis, its charts and the explorer wrapper."""

import math

import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from camex import charts
from camex.charts import COLOURS, decimal_year
from camex.explorers import PDF_NOTE, html_only, timeline_explorer
from camex.timeline import (
    CATEGORIES,
    filter_events,
    involves,
    late_start,
    per_decade,
    rate_ratio,
    with_years,
    year_of,
    yearly_counts,
    years_of,
)

matplotlib.use("Agg")


@pytest.fixture
def events():
    rows = [
        ("a", "1822-12-12", "diplomatic", "MX;US"),
        ("b", "1926", "diplomatic", "CA;GB"),
        ("c", "1944-01", "diplomatic", "CA;MX"),
        ("d", "1994-01-01", "trade agreement", "CA;MX;US"),
        ("e", "1995-06-01", "summits and visits", "CA;MX"),
        ("f", "1995-07-01", "tariffs and disputes", "CA;US"),
    ]
    return pd.DataFrame(rows, columns=["event_id", "date", "category", "countries"])


def test_with_years_orders_by_date_and_reads_the_year_at_any_precision(events):
    dated = with_years(events.iloc[::-1])
    assert list(dated["event_id"]) == ["a", "b", "c", "d", "e", "f"]
    assert list(dated["year"]) == [1822, 1926, 1944, 1994, 1995, 1995]


def test_filter_events_by_category_and_inclusive_period(events):
    chosen = filter_events(events, ["diplomatic", "summits and visits"], 1926, 1995)
    assert list(chosen["event_id"]) == ["b", "c", "e"]


@pytest.mark.parametrize(
    ("categories", "start", "end", "message"),
    [
        (["picnics"], 1900, 2000, "unknown categories: picnics"),
        (["diplomatic"], 2000, 1900, "starts (2000) after it ends (1900)"),
    ],
)
def test_filter_events_refuses_bad_requests(events, categories, start, end, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        filter_events(events, categories, start, end)


def test_involves_requires_every_country(events):
    assert list(events[involves(events, "CA", "MX")]["event_id"]) == ["c", "d", "e"]


def test_year_of_names_a_missing_event(events):
    assert year_of(events, "c") == 1944
    with pytest.raises(KeyError, match="no event 'z'"):
        year_of(events, "z")


def test_late_start_counts_the_years_between_two_events(events):
    table = late_start(events, {"Canada–Mexico": ("b", "c")})
    assert table.to_dict("records") == [
        {"pair": "Canada–Mexico", "from_year": 1926, "relations_year": 1944, "years_waited": 18}
    ]


def test_yearly_counts_fill_empty_years_with_zero(events):
    counts = yearly_counts(events, CATEGORIES, 1993, 1996)
    assert counts.to_dict() == {1993: 0, 1994: 1, 1995: 2, 1996: 0}


def test_per_decade_sums_by_decade():
    counts = pd.Series([1, 2, 3], index=[1989, 1990, 1999])
    assert per_decade(counts).to_dict() == {1980: 1, 1990: 5}


def test_rate_ratio_equals_the_ratio_of_mean_counts():
    counts = pd.Series([0, 1, 0, 1, 2, 3, 2, 1], index=range(2000, 2008))
    fit = rate_ratio(counts, 2004)
    assert fit.rate_before == 0.5 and fit.rate_after == 2.0
    assert fit.ratio == pytest.approx(4.0)
    assert fit.ci_low < fit.ratio < fit.ci_high
    assert (fit.years_before, fit.years_after) == (4, 4)


def test_rate_ratio_interval_narrows_with_more_years():
    rng = np.random.default_rng(1994)
    short = pd.Series(rng.poisson([1] * 10 + [3] * 10), index=range(1980, 2000))
    long = pd.Series(rng.poisson([1] * 100 + [3] * 100), index=range(1800, 2000))

    def width(fit):
        return math.log(fit.ci_high) - math.log(fit.ci_low)

    assert width(rate_ratio(long, 1900)) < width(rate_ratio(short, 1990))


@pytest.mark.parametrize(
    ("break_year", "message"), [(1990, "must fall inside"), (2010, "must fall inside"), (2002, "no events before")]
)
def test_rate_ratio_refuses_undefined_comparisons(break_year, message):
    counts = pd.Series([0, 0, 1, 2], index=range(2000, 2004))
    with pytest.raises(ValueError, match=message):
        rate_ratio(counts, break_year)


def test_decimal_year_places_partial_dates_mid_period():
    years = decimal_year(pd.Series(["2024", "2024-02", "2024-01-01"]))
    assert years.round(3).tolist() == [round(2024 + 182 / 365.25, 3), round(2024 + 45 / 365.25, 3), 2024.0]


def test_years_of_reads_each_labelled_event(events):
    assert years_of(events, {"relations": "c", "NAFTA": "d"}) == {"relations": 1944, "NAFTA": 1994}


def test_timeline_figure_keeps_each_category_colour(events):
    fig = charts.timeline(events, ["summits and visits", "trade agreement"])
    ax = fig.axes[0]
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["summits and visits", "trade agreement"]
    colours = [tuple(collection.get_facecolor()[0][:3]) for collection in ax.collections]
    assert colours == [matplotlib.colors.to_rgb(COLOURS[c]) for c in ["summits and visits", "trade agreement"]]
    plt.close(fig)


def test_html_only_keeps_the_widget_view_and_replaces_the_text_form():
    bundle = html_only(widgets.IntSlider())._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == PDF_NOTE


def test_timeline_period_fixes_the_axis(events):
    fig = charts.timeline(events, period=(1990, 1995))
    assert fig.axes[0].get_xlim() == (1990, 1996)
    plt.close(fig)


def test_late_start_draws_one_row_per_pair_and_a_line_per_step():
    fig = charts.late_start({"US–Mexico": 1822, "Canada–Mexico": 1944}, {"Balfour": 1926})
    ax = fig.axes[0]
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["US–Mexico", "Canada–Mexico"]
    assert [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--"] == [1926]
    plt.close(fig)


def test_stacked_decades_stack_each_category(events):
    by_decade = pd.DataFrame({"trade agreement": [1, 0], "diplomatic": [2, 3]}, index=[1990, 2000])
    fig = charts.stacked_decades(by_decade, "title")
    heights = [patch.get_height() for patch in fig.axes[0].patches]
    assert heights == [1, 0, 2, 3] and fig.axes[0].patches[2].get_y() == 1
    plt.close(fig)


def test_timeline_explorer_takes_its_period_from_the_data(events):
    explorer = timeline_explorer(events, start=1900).widget
    period = next(child for child in explorer.children if isinstance(child, widgets.IntRangeSlider))
    assert (period.min, period.max, period.value) == (1822, 1995, (1900, 1995))
    categories = next(child for child in explorer.children if isinstance(child, widgets.SelectMultiple))
    assert categories.rows == len(CATEGORIES)
    plt.close("all")
