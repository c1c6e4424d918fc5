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
    ESTIMATORS,
    bilateral_contact,
    break_profile,
    coding_summary,
    coding_variants,
    dated_steps,
    decade_table,
    filter_events,
    fit_counts,
    involves,
    late_start,
    longest_gap,
    per_decade,
    robustness,
    robustness_table,
    with_years,
    year_of,
    yearly_counts,
    years_of,
)

matplotlib.use("Agg")
# exact synthetic counts fit perfectly, which statsmodels reports as separation
pytestmark = pytest.mark.filterwarnings("ignore::statsmodels.tools.sm_exceptions.PerfectSeparationWarning")


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


@pytest.fixture
def coded():
    """Events with the contact coding: Canada–Mexico contact, a stage, a milestone, a step and another pair."""
    rows = [
        ("visit-1990", "1990-03", "summits and visits", "CA;MX", "bilateral contact", "", "first"),
        ("treaty-1990", "1990-03-16", "security", "CA;MX", "bilateral contact", "visit-1990", "gap search"),
        ("in-force-1991", "1991", "security", "CA;MX", "procedural stage", "", "gap search"),
        ("summit-1993", "1993", "summits and visits", "CA;MX;US", "multilateral milestone", "", "first"),
        ("tariff-1995", "1995", "tariffs and disputes", "CA;MX;US", "domestic step", "", "first"),
        ("us-mexico-1996", "1996", "diplomatic", "MX;US", "other pair", "", "first"),
        ("visit-1998", "1998", "summits and visits", "CA;MX", "bilateral contact", "", "first"),
        ("plan-2000", "2000-05", "diplomatic", "CA;MX", "bilateral contact", "", "gap search"),
        ("call-2001", "2001-07-15", "diplomatic", "CA;MX", "bilateral contact", "", "first"),
    ]
    columns = ["event_id", "date", "category", "countries", "contact_coding", "same_occasion_as", "compilation"]
    table = pd.DataFrame(rows, columns=columns).assign(
        precision=lambda frame: frame["date"].str.len().map({4: "year", 7: "month", 10: "day"}),
        source_id="registry-id",
    )
    return with_years(table.replace({"same_occasion_as": {"": None}}))


def test_the_coding_rule_counts_only_canada_mexico_meetings_and_agreements(coded):
    assert list(bilateral_contact(coded)["event_id"]) == [
        "visit-1990",
        "treaty-1990",
        "visit-1998",
        "plan-2000",
        "call-2001",
    ]
    with_stages = bilateral_contact(coded, with_stages=True)["event_id"]
    assert "in-force-1991" in set(with_stages) and len(with_stages) == 6
    assert "treaty-1990" not in set(bilateral_contact(coded, one_per_occasion=True)["event_id"])


def test_the_coding_rule_ignores_a_contact_coding_on_another_pair(coded):
    miscoded = coded.assign(contact_coding="bilateral contact")
    assert "us-mexico-1996" not in set(bilateral_contact(miscoded)["event_id"])


def test_the_coding_rule_names_an_unknown_coding_and_a_missing_column(coded):
    with pytest.raises(ValueError, match="unknown contact coding.*bilateral chat; use one of: bilateral contact"):
        bilateral_contact(coded.assign(contact_coding="bilateral chat"))
    with pytest.raises(KeyError, match="lack the column.*contact_coding"):
        bilateral_contact(coded.drop(columns="contact_coding"))
    with pytest.raises(KeyError, match="same_occasion_as"):
        bilateral_contact(coded.drop(columns="same_occasion_as"), one_per_occasion=True)


def test_coding_summary_counts_every_coding(coded):
    summary = coding_summary(coded).set_index("Coding")
    assert summary["Events"].sum() == len(coded)
    assert summary.loc["bilateral contact"].tolist() == [5, 5]
    assert summary.loc["other pair"].tolist() == [1, 0]


@pytest.mark.parametrize(
    ("values", "expected"),
    [([1, 0, 0, 1, 0, 0, 0, 1], (2004, 2006)), ([0, 0, 1, 0, 0], (2000, 2001)), ([1, 1], None), ([0, 0], (2000, 2001))],
)
def test_longest_gap_finds_the_longest_run_of_empty_years(values, expected):
    assert longest_gap(pd.Series(values, index=range(2000, 2000 + len(values)))) == expected


def test_coding_variants_put_the_rule_first(coded):
    variants = coding_variants(coded)
    assert list(variants)[0] == "Bilateral contact (the coding rule)"
    assert len(variants["All events involving both countries"]) == 8
    assert list(variants["Bilateral contact, first compilation only"]["event_id"]) == [
        "visit-1990",
        "visit-1998",
        "call-2001",
    ]


def test_decade_table_counts_contact_and_the_rows_the_gap_search_added(coded):
    table = decade_table(coded, 1988, 2001)
    assert table["years"].to_dict() == {1980: 2, 1990: 10, 2000: 2}
    assert table["contact"].to_dict() == {1980: 0, 1990: 3, 2000: 2}
    assert table["added by the gap search"].to_dict() == {1980: 0, 1990: 1, 2000: 1}
    assert table.at[1990, "per_year"] == pytest.approx(0.3)
    assert table.at[1990, "share"] == pytest.approx(100 * 3 / 6) and pd.isna(table.at[1980, "share"])


def test_dated_steps_place_a_year_only_date_at_mid_year(coded):
    steps = dated_steps(coded, {"treaty": "treaty-1990", "stage": "in-force-1991", "visit": "visit-1990"})
    assert list(steps["step"]) == ["visit", "treaty", "stage"]
    steps = dated_steps(coded, {"plan": "plan-2000", "call": "call-2001", "summit": "summit-1993"})
    assert list(steps["step"]) == ["summit", "plan", "call"]


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


def test_step_only_model_equals_the_ratio_of_mean_counts():
    counts = pd.Series([0, 1, 0, 1, 2, 3, 2, 1], index=range(2000, 2008))
    fit = fit_counts(counts, 2004)
    assert fit.step == pytest.approx(4.0)
    assert fit.step_ci[0] < fit.step < fit.step_ci[1]
    assert fit.trend is None and fit.events == 10 and (fit.first_year, fit.last_year) == (2000, 2007)
    assert fit.fitted == pytest.approx((0.5,) * 4 + (2.0,) * 4)


def test_trend_model_recovers_an_exact_growth_rate_and_finds_no_step():
    years = pd.Index(range(1950, 2030))
    counts = pd.Series(2 * 1.5 ** ((years - 1950) / 10), index=years)  # 50% more each decade, no step
    assert fit_counts(counts, trend=True).trend == pytest.approx(1.5)
    both = fit_counts(counts, 1994, trend=True)
    assert both.step == pytest.approx(1.0) and both.trend == pytest.approx(1.5)
    assert both.deviance == pytest.approx(0, abs=1e-8)


def test_a_pure_step_needs_no_trend():
    years = pd.Index(range(1970, 2020))
    counts = pd.Series(np.where(years >= 1994, 3.0, 1.0), index=years)
    fit = fit_counts(counts, 1994, trend=True)
    assert fit.step == pytest.approx(3.0) and fit.trend == pytest.approx(1.0)


def test_the_estimators_agree_on_poisson_rates_and_differ_in_their_intervals():
    rng = np.random.default_rng(1994)
    years = pd.Index(range(1800, 2000))
    counts = pd.Series(rng.poisson(np.where(years >= 1900, 3.0, 1.5)), index=years)
    poisson, quasi = fit_counts(counts, 1900), fit_counts(counts, 1900, estimator="quasi-Poisson")
    assert quasi.step == pytest.approx(poisson.step)
    assert quasi.step_ci != poisson.step_ci
    negative_binomial = fit_counts(counts, 1900, estimator="negative binomial")
    assert negative_binomial.step == pytest.approx(2.0, rel=0.15)


def test_negative_binomial_recovers_the_step_in_overdispersed_counts():
    rng = np.random.default_rng(44)
    years = pd.Index(range(1000, 3000))
    mean = np.where(years >= 2000, 4.0, 2.0)
    counts = pd.Series(rng.negative_binomial(2, 2 / (2 + mean)), index=years)  # variance = mean + mean**2 / 2
    fit = fit_counts(counts, 2000, estimator="negative binomial")
    assert fit.step == pytest.approx(2.0, rel=0.1)
    assert fit.dispersion > 1.5  # the Poisson fit of the same design sees the extra variance


def test_interval_narrows_with_more_years():
    rng = np.random.default_rng(1994)
    short = pd.Series(rng.poisson([1] * 10 + [3] * 10), index=range(1980, 2000))
    long = pd.Series(rng.poisson([1] * 100 + [3] * 100), index=range(1800, 2000))

    def width(fit):
        return math.log(fit.step_ci[1]) - math.log(fit.step_ci[0])

    assert width(fit_counts(long, 1900)) < width(fit_counts(short, 1990))


@pytest.mark.parametrize(
    ("break_year", "trend", "estimator", "message"),
    [
        (1990, False, "Poisson", "must fall inside"),
        (2010, False, "Poisson", "must fall inside"),
        (2002, False, "Poisson", "no events on one side of 2002"),
        (None, False, "Poisson", "needs a break year, a trend or both"),
        (2003, False, "least squares", "unknown estimator 'least squares'"),
    ],
)
def test_fit_counts_refuses_undefined_models(break_year, trend, estimator, message):
    counts = pd.Series([0, 0, 1, 2], index=range(2000, 2004))
    with pytest.raises(ValueError, match=message):
        fit_counts(counts, break_year, trend, estimator)


def test_break_profile_finds_the_true_break():
    years = pd.Index(range(1960, 2020))
    counts = pd.Series(np.where(years >= 1990, 4.0, 1.0), index=years)
    profile = break_profile(counts, range(1970, 2011))
    assert profile["step only"].idxmin() == 1990
    assert profile.at[1990, "step only"] == pytest.approx(0, abs=1e-8)
    assert list(profile.columns) == ["step only", "step and trend", "step ratio with trend"]


def test_robustness_refits_every_specification_and_the_table_reads_like_a_table(coded):
    results = robustness(coded, 1988, 2003, 1996, 6)
    assert results.iloc[0]["specification"] == "Step only (the former model)"
    assert set(results["estimator"]) == set(ESTIMATORS)
    assert set(results["sample"]) == set(coding_variants(coded))
    window = results[results["specification"].str.contains("either side")].iloc[0]["fit"]
    assert (window.first_year, window.last_year) == (1990, 2001)
    table = robustness_table(results)
    assert "sample" not in table and "Step at the break (95% CI)" in table
    assert table.iloc[0]["Years"] == "1988–2003"
    assert table["Trend per decade (95% CI)"].iloc[0] == ""  # the former model has no trend
    assert table["Step at the break (95% CI)"].iloc[0].count("(") == 1


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


def text_boxes(fig):
    """The drawn extent of every visible piece of text in the figure, with its font size."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [text for text in fig.findobj(matplotlib.text.Text) if text.get_visible() and text.get_text().strip()]
    return [(text.get_text(), text.get_fontsize(), text.get_window_extent(renderer)) for text in texts]


def test_late_start_labels_neither_collide_nor_shrink_below_8_points():
    steps = {"Dominion formed": 1867, "Balfour Declaration": 1926, "Statute of Westminster": 1931}
    fig = charts.late_start({"United States–Mexico": 1822, "Canada–United States": 1927, "Canada–Mexico": 1944}, steps)
    boxes = text_boxes(fig)
    assert min(size for _, size, _ in boxes) >= 8
    labels = [(text, box) for text, _, box in boxes if any(step in text for step in steps)]
    assert len(labels) == 3
    for first, (text, box) in enumerate(labels):
        for other, other_box in labels[first + 1 :]:
            assert not box.overlaps(other_box), (text, other)
    plt.close(fig)


def test_stacked_decades_stack_each_part_and_mark_partial_decades():
    by_decade = pd.DataFrame({"first": [1, 0], "added": [2, 3]}, index=[1990, 2000])
    fig = charts.stacked_decades(by_decade, "title", years=pd.Series({1990: 10, 2000: 6}))
    ax = fig.axes[0]
    heights = [patch.get_height() for patch in ax.patches]
    assert heights == [1, 0, 2, 3] and ax.patches[2].get_y() == 1
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["1990s", "2000s\n(6 years)"]
    fig.canvas.draw()
    assert ax.get_legend().get_window_extent().y1 < ax.get_window_extent().y0  # the legend sits below the bars
    plt.close(fig)


def test_contact_fits_draws_the_counts_and_each_model_labelled_inside_the_plot():
    years = pd.Index(range(1980, 2010))
    counts = pd.Series(np.where(years >= 1994, 2, 1), index=years)
    fits = {"Step only": fit_counts(counts, 1994), "Step and trend": fit_counts(counts, 1994, trend=True)}
    fig = charts.contact_fits(counts, fits, {"NAFTA": 1994})
    ax = fig.axes[0]
    assert len(ax.patches) == len(years) and len(ax.get_lines()) == 3  # two models and the marked year
    fig.canvas.draw()
    plot_area = ax.get_window_extent()
    for text in ax.texts:
        if text.get_text() in fits:
            assert plot_area.contains(*text.get_window_extent().p0) and plot_area.contains(*text.get_window_extent().p1)
    assert min(size for _, size, _ in text_boxes(fig)) >= 8
    plt.close(fig)


def test_break_profile_chart_marks_each_best_year_and_the_reference_year():
    profile = pd.DataFrame({"step only": [3.0, 1.0, 2.0], "step and trend": [2.0, 2.5, 1.5]}, index=[1990, 1991, 1992])
    fig = charts.break_profile(profile, 1991, "NAFTA")
    ax = fig.axes[0]
    dots = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert [(line.get_xdata()[0], line.get_ydata()[0]) for line in dots] == [(1991, 1.0), (1992, 1.5)]
    assert [text.get_text() for text in ax.get_legend().get_texts()] == [
        "Step only (best fit: 1991)",
        "Step and trend (best fit: 1992)",
    ]
    plt.close(fig)


def test_timeline_explorer_takes_its_period_from_the_data(events):
    explorer = timeline_explorer(events, start=1900).widget
    period = next(child for child in explorer.children if isinstance(child, widgets.IntRangeSlider))
    assert (period.min, period.max, period.value) == (1822, 1995, (1900, 1995))
    categories = next(child for child in explorer.children if isinstance(child, widgets.SelectMultiple))
    assert categories.rows == len(CATEGORIES)
    plt.close("all")


def test_timeline_explorer_can_show_bilateral_contact_only(coded):
    explorer = timeline_explorer(coded, start=1990).widget
    toggle = next(child for child in explorer.children if isinstance(child, widgets.Checkbox))
    assert toggle.description == "Bilateral contact only" and not toggle.value
    toggle.value = True  # redraws with the coding rule applied
    assert explorer.result is None
    plt.close("all")
