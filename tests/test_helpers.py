"""Unit tests of the catalogue, table and figure helpers."""

import csv
import datetime

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from camex.book import Page
from camex.catalogue import catalogue, cite, coverage, kind_of, period, reach, users, vintages
from camex.data import convert, load
from camex.literature import quotation
from camex.style import PALETTE, add_source, plain_log_axis, use
from camex.tables import markdown_table

matplotlib.use("Agg")


def one_code_cell(markdown, code):
    """A chapter's body with one Markdown cell and one code cell."""
    return f"{markdown}\n\n```{{code-cell}} ipython3\n{code}\n```\n"


def test_catalogue_lists_tables_with_their_users(tmp_path, package, write_source):
    body = one_code_cell("# Trade as the foundation\n\nText.", 'rates = load("cad_usd_exchange_rates")')
    chapter = write_source(tmp_path / "trade.md", body)
    table = catalogue([chapter], package).set_index("table")
    assert table.at["cad_usd_exchange_rates", "used by"] == "Trade as the foundation"
    assert table.at["cad_usd_exchange_rates", "publisher"] == "Bank of Canada"
    assert table.at["cad_usd_exchange_rates", "rows"] == len(load("cad_usd_exchange_rates", package))
    assert table.at["sources", "used by"] == "(no chapter yet)"


def test_a_page_that_judges_claims_uses_the_tables_its_checks_read(tmp_path, package, write_source):
    chapter = write_source(
        tmp_path / "ledger.md", one_code_cell("# The ledger", 'markdown_table(claims_table("people-to-people"))')
    )
    used = users([chapter], package)
    assert used["claims"] == ["The ledger"] and used["ircc_mexico_monthly"] == ["The ledger"]
    assert "cad_usd_daily" not in used


def test_a_page_that_quotes_the_literature_reads_its_table(tmp_path, package, write_source):
    chapter = write_source(tmp_path / "a.md", one_code_cell("# A", 'glue(point=quotation("some-finding"))'))
    assert users([chapter], package) == {"literature": ["A"]}


def test_users_ignore_load_calls_in_markdown(tmp_path, write_source):
    chapter = write_source(tmp_path / "a.md", one_code_cell('# A\n\nCall `load("sources")` to read it.', "x = 1"))
    assert users([chapter]) == {}


def test_kind_of_names_the_kind_of_each_source(package):
    assert kind_of(pd.Series(["boc-fx-rates-annual", "not-a-source"]), package).tolist()[0] == "official"


def test_coverage_spans_the_first_time_field():
    schema = {"fields": [{"name": "label", "type": "string"}, {"name": "month", "type": "yearmonth"}]}
    table = pd.DataFrame(
        {"label": ["a", "b", "c"], "month": convert(pd.Series(["2016-12", "2024-02", None]), "yearmonth")}
    )
    assert coverage(table, {"schema": schema}) == "2016-12 to 2024-02"
    assert coverage(table, {"schema": {"fields": [{"name": "label", "type": "string"}]}}) == ""


def test_a_vintage_can_name_the_field_that_dates_the_rows():
    entry = {"schema": {"fields": [{"name": "date", "type": "string"}]}, "vintage": {"period_field": "date"}}
    assert period(pd.DataFrame({"date": ["2026-07-01", "1822", "1944-01"]}), entry) == ("1822", "2026-07-01")


def test_cite_names_each_publication_once_in_order(package):
    rates = load("cad_usd_exchange_rates", package)
    line = cite(rates, package)
    assert line.startswith("Bank of Canada, Annual exchange rates") and line.endswith(".")
    assert line.count("Bank of Canada") == 1


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("integer", ["1974", "x", "19.5"], [1974, pd.NA, pd.NA]),
        ("number", ["1.25", "1,250", "-3e2"], [1.25, float("nan"), -300.0]),
        ("year", ["2024", "24", "2024-01"], [2024, pd.NA, pd.NA]),
        ("boolean", ["true", "FALSE", "yes"], [True, False, pd.NA]),
        ("date", ["2016-12-01", "2016-13-01", "1 Dec 2016"], [pd.Timestamp("2016-12-01"), pd.NaT, pd.NaT]),
        ("yearmonth", ["2024-02", "2024-13", "2024"], [pd.Period("2024-02", "M"), pd.NaT, pd.NaT]),
    ],
)
def test_convert_parses_valid_cells_and_leaves_the_rest_missing(kind, text, expected):
    result = convert(pd.Series(text), kind)
    for got, want in zip(result, expected):
        assert (pd.isna(got) and pd.isna(want)) or got == want


def test_markdown_table_escapes_pipes_and_aligns_numbers():
    table = markdown_table(pd.DataFrame({"name": ["a|b", None], "value": [1.5, 2]})).data.splitlines()
    assert table[0] == "| name | value |"
    assert table[1] == "| :--- | ---: |"
    assert table[2] == "| a\\|b | 1.5 |"
    assert table[3] == "|  | 2.0 |"


def relative_luminance(colour: str) -> float:
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_style_cycles_the_palette_with_a_distinct_line_style_each():
    use()
    cycle = list(plt.rcParams["axes.prop_cycle"])
    assert [entry["color"].lstrip("#").upper() for entry in cycle] == [c.lstrip("#").upper() for c in PALETTE.values()]
    assert len({str(entry["linestyle"]) for entry in cycle}) == len(cycle)


def test_neighbouring_palette_colours_differ_in_greyscale():
    """Consecutive series must stay apart when printed without colour."""
    lightness = [relative_luminance(colour) for colour in PALETTE.values()]
    assert all(abs(a - b) > 0.05 for a, b in zip(lightness, lightness[1:]))


def test_add_source_writes_the_source_under_the_figure():
    fig, _ = plt.subplots()
    add_source(fig, "Bank of Canada, series FXAUSDCAD.")
    assert fig.get_supxlabel() == "Source: Bank of Canada, series FXAUSDCAD."
    plt.close(fig)


def test_add_source_refuses_a_figure_without_source():
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="needs its source"):
        add_source(fig, "  ")
    plt.close(fig)


def test_cite_merges_copies_of_one_publication(package):
    rows = load("canada_mexico_trade_monthly", package)
    assert rows["source_id"].nunique() == 2  # the two bases were read in two copies of one table
    assert cite(rows, package).count("Table 12-10-0011-01") == 1


def test_plain_log_axis_labels_ticks_with_plain_numbers():
    fig, ax = plt.subplots()
    ax.plot([1, 2], [20, 700])
    plain_log_axis(ax)
    fig.canvas.draw()
    labels = {tick.get_text() for tick in ax.get_yticklabels()}
    assert ax.get_yscale() == "log" and {"20", "50", "100", "200", "500"} <= labels
    plt.close(fig)


def test_markdown_table_of_no_rows_is_a_sentence():
    assert markdown_table(pd.DataFrame({"a": []})).data == "*(No rows.)*"


def test_vintages_compute_each_table_s_reach_from_the_table_itself(package):
    table = vintages(package).set_index("table")
    with open(package.parent / "cad_usd_exchange_rates.csv", encoding="utf-8", newline="") as handle:
        years = [row["year"] for row in csv.DictReader(handle)]
    assert (table.at["cad_usd_exchange_rates", "first"], table.at["cad_usd_exchange_rates", "last"]) == (
        min(years),
        max(years),
    )
    assert table.at["cad_usd_exchange_rates", "later data"]
    assert table.at["treaty_provisions", "first"] == ""  # a table without dates has no reach


def test_reach_is_the_latest_period_a_page_loads_up_to_a_day(tmp_path, package, monkeypatch, write_source):
    monkeypatch.setattr("camex.book.ROOT", tmp_path)
    (tmp_path / "notebooks").mkdir()
    code = 'rates = load("cad_usd_exchange_rates")\nclaims = load("claims")'
    write_source(tmp_path / "notebooks" / "a.md", one_code_cell("# A chapter", code))
    last = vintages(package).set_index("table").at["cad_usd_exchange_rates", "last"]
    chapter = Page("notebooks/a", "Chapters")
    assert reach([chapter], datetime.date(2100, 1, 1), package) == {"a": last}
    assert reach([chapter], datetime.date(2019, 6, 30), package) == {"a": "2019"}


def test_a_quotation_is_read_from_the_literature_table():
    assert quotation("trefler2004-28").startswith("For industries that experienced the deepest Canadian tariff cuts")
    with pytest.raises(KeyError, match="no quotation 'nobody-0'"):
        quotation("nobody-0")
