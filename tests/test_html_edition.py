"""The HTML edition's helpers, on small inputs with known answers: the tables' typography, the CSV
downloads under tables and figures (and that the PDF never shows them), the Sphinx extensions that write the
downloads into the site, repair what the accessibility audit finds and put the edition at the top of every
page, and the explorers' year sliders."""

import base64
import re
import sys
from types import SimpleNamespace

import pandas as pd
import pytest
from conftest import ROOT
from docutils import nodes
from docutils.core import publish_string
from myst_parser.parsers.docutils_ import Parser

from camex.book import citation, release_date
from camex.downloads import DATA_URI_PREFIX, csv_link, csv_text, offer_csv, with_sources
from camex.explorers import year_range
from camex.page import prose_date
from camex.tables import MINUS, markdown_table

sys.path.insert(0, str(ROOT / "book" / "_ext"))

import accessible  # noqa: E402
import downloads  # noqa: E402
import release  # noqa: E402

PAYLOAD = re.compile(re.escape(DATA_URI_PREFIX) + r"([A-Za-z0-9+/=]*)")


def table_lines(frame: pd.DataFrame, **options) -> list[str]:
    return markdown_table(frame, **options).data.split("\n\n")[0].splitlines()


def offered_csv(markdown: str) -> str:
    return base64.b64decode(PAYLOAD.search(markdown)[1]).decode("utf-8")


# ---- tables ----


def test_whole_numbers_get_thousands_separators_and_negatives_a_true_minus():
    lines = table_lines(pd.DataFrame({"flow": ["exports", "imports"], "value": [12345, -678]}))
    assert lines[2:] == ["| exports | 12,345 |", f"| imports | {MINUS}678 |"]


def test_other_numbers_keep_their_digits_with_separators():
    lines = table_lines(pd.DataFrame({"value": [1234567.5, -0.25, 2.0]}))
    assert lines[2:] == ["| 1,234,567.5 |", f"| {MINUS}0.25 |", "| 2.0 |"]


def test_years_and_listed_columns_are_shown_without_separators():
    frame = pd.DataFrame({"Year": [2024], "HS code": [8703], "Permits": [12000]})
    assert table_lines(frame, plain=["HS code"])[2] == "| 2024 | 8703 | 12,000 |"


def test_text_gets_true_minus_signs_only_where_a_number_starts():
    frame = pd.DataFrame({"text": ["-0.055 to -0.029", "(-3)", "non-resident", "2023-01-01", "CA->MX", "e-7"]})
    assert [line.strip("| ") for line in table_lines(frame)[2:]] == [
        f"{MINUS}0.055 to {MINUS}0.029",
        f"({MINUS}3)",
        "non-resident",
        "2023-01-01",
        "CA->MX",
        "e-7",
    ]


def test_dollar_signs_and_pipes_are_escaped_and_gaps_left_empty():
    frame = pd.DataFrame({"price": ["$21/kg polysilicon; $0.22/W cells", None], "rate": ["a|b", float("nan")]})
    assert table_lines(frame)[2:] == ["| \\$21/kg polysilicon; \\$0.22/W cells | a\\|b |", "|  |  |"]


def test_a_dollar_in_a_table_is_not_typeset_as_maths():
    text = markdown_table(pd.DataFrame({"price": ["$21/kg and $100/kg"]})).data
    html = publish_string(
        text, parser=Parser(), writer_name="html5", settings_overrides={"myst_enable_extensions": ["dollarmath"]}
    )
    assert b'class="math' not in html and b"$21/kg and $100/kg" in html


def test_every_table_offers_its_own_rows_by_default():
    frame = pd.DataFrame({"Flow": ["exports"], "Value": [12345]})
    markdown = markdown_table(frame).data
    assert '<p class="camex-download">' in markdown and "Download the data of this table (CSV, 1 row)" in markdown
    assert offered_csv(markdown) == "Flow,Value\nexports,12345\n"


def test_a_table_offers_the_rows_behind_it_with_their_sources(package):
    data = pd.DataFrame({"year": [2024], "rate": [1.3698], "source_id": ["boc-fx-rates-annual"]})
    markdown = markdown_table(data[["year", "rate"]], data=data, name="rates", caption="The rates").data
    offered = pd.read_csv(pd.io.common.StringIO(offered_csv(markdown)))
    assert list(offered.columns) == [
        "year",
        "rate",
        "source_id",
        "source publisher",
        "source title",
        "source address",
        "source table or page",
    ]
    assert offered.loc[0, "source publisher"] == "Bank of Canada" and 'download="rates.csv"' in markdown


def test_rows_that_already_carry_their_source_are_offered_as_they_are(package):
    registry = pd.DataFrame(
        {"source_id": ["boc-fx-rates-annual"], "publisher": ["Bank of Canada"], "title": ["t"], "url": ["u"]}
    )
    assert list(with_sources(registry, package).columns) == [*registry.columns, "source table or page"]
    registry["table_or_page"] = "series FXAUSDCAD"
    assert with_sources(registry, package) is registry


def test_a_table_without_rows_is_a_sentence_and_offers_nothing():
    assert markdown_table(pd.DataFrame({"a": []})).data == "*(No rows.)*"


# ---- downloads ----


def test_a_download_carries_the_csv_names_the_file_and_counts_the_rows():
    frame = pd.DataFrame({"a": [1, 2]})
    link = csv_link(frame, "fig-trade", "Exports & imports")
    assert link.startswith('<p class="camex-download"><a href="data:text/csv;charset=utf-8;base64,')
    assert 'download="fig-trade.csv">Exports &amp; imports (CSV, 2 rows)</a></p>' in link
    assert offered_csv(link) == csv_text(frame) == "a\n1\n2\n"


def test_a_named_index_is_kept_and_an_unnamed_one_left_out():
    assert csv_text(pd.DataFrame({"v": [1]}, index=pd.Index([2024], name="year"))) == "year,v\n2024,1\n"
    assert csv_text(pd.DataFrame({"v": [1]}, index=[7])) == "v\n1\n"


def test_offer_csv_shows_only_the_link():
    shown = offer_csv(pd.DataFrame({"year": [2024], "events": [3]}), "fig-timeline", "Events by year").data
    assert shown.startswith('<p class="camex-download">') and shown.endswith("Events by year (CSV, 1 row)</a></p>")


@pytest.mark.parametrize(
    ("frame", "name", "caption", "message"),
    [
        (pd.DataFrame({"a": [1]}), "Fig Trade", "Trade", "lower-case words joined by hyphens"),
        (pd.DataFrame({"a": [1]}), "fig-trade", "  ", "needs a caption"),
        (pd.DataFrame({"a": []}), "fig-trade", "Trade", "has no rows"),
    ],
)
def test_a_download_without_a_proper_name_caption_or_rows_is_refused(frame, name, caption, message):
    with pytest.raises(ValueError, match=message):
        csv_link(frame, name, caption)


def test_a_row_naming_an_unrecorded_source_is_refused(package):
    with pytest.raises(ValueError, match=r"source_id 'no-such-source' not in data/sources.csv"):
        with_sources(pd.DataFrame({"source_id": ["boc-fx-rates-annual", "no-such-source"]}), package)


def test_the_pdf_leaves_the_download_out():
    text = markdown_table(pd.DataFrame({"Flow": ["exports"], "Value": [12345]})).data
    settings = {"use_latex_citations": True, "legacy_column_widths": False}
    latex = publish_string(text, parser=Parser(), writer_name="latex", settings_overrides=settings).decode("utf-8")
    assert "12,345" in latex and "camex-download" not in latex and "Download" not in latex


# ---- the extensions ----


def built_page(tmp_path, builder_format="html"):
    link = csv_link(pd.DataFrame({"a": [1]}), "table", "Rows")
    doctree = nodes.section("", nodes.raw("", link, format="html"), nodes.raw("", link, format="html"))
    builder = SimpleNamespace(format=builder_format, outdir=str(tmp_path), get_target_uri=lambda name: f"{name}.html")
    downloads.write_downloads(SimpleNamespace(builder=builder), doctree, "notebooks/one")
    return [raw.astext() for raw in doctree.findall(nodes.raw)]


def test_the_stored_doctree_keeps_no_copy_of_the_file(tmp_path):
    link = csv_link(pd.DataFrame({"a": [1]}), "table", "Rows")
    raw = nodes.raw(link, link, format="html")
    builder = SimpleNamespace(format="html", outdir=str(tmp_path), get_target_uri=lambda name: f"{name}.html")
    downloads.write_downloads(SimpleNamespace(builder=builder), nodes.section("", raw), "notebooks/one")
    assert DATA_URI_PREFIX not in raw.rawsource and DATA_URI_PREFIX not in raw.astext()


def test_the_build_writes_each_download_as_a_file_named_after_the_page(tmp_path):
    first, second = built_page(tmp_path)
    assert 'href="../_downloads/data/notebooks/one/table.csv" download="one-table.csv"' in first
    assert 'href="../_downloads/data/notebooks/one/table-2.csv" download="one-table-2.csv"' in second
    assert (tmp_path / "_downloads/data/notebooks/one/table-2.csv").read_text(encoding="utf-8") == "a\n1\n"


def test_other_builders_keep_the_download_as_it_is(tmp_path):
    assert all(DATA_URI_PREFIX in text for text in built_page(tmp_path, "latex"))
    assert not (tmp_path / "_downloads").exists()


def test_repeated_names_are_numbered():
    taken: set[str] = set()
    assert [downloads.file_name("table", taken) for _ in range(3)] == ["table", "table-2", "table-3"]


def test_controls_are_named_by_their_text_and_references_are_list_items():
    body = (
        '<summary aria-label="Toggle hidden content">\n<div role="list"><div class="citation" role="doc-biblioentry">'
    )
    assert accessible.repaired(body) == '<summary>\n<div role="list"><div class="citation" role="listitem">'
    config = SimpleNamespace(templates_path=["_templates"])
    accessible.add_templates(None, config)
    assert config.templates_path == [str(accessible.TEMPLATES), "_templates"]
    overrides = {path.name: path.read_text(encoding="utf-8") for path in accessible.TEMPLATES.glob("*.html")}
    assert set(overrides) == {"search-button-field.html", "theme-switcher.html"}
    assert 'aria-label="' not in overrides["search-button-field.html"].split("#}")[-1]
    assert "title=" not in overrides["theme-switcher.html"].split("#}")[-1].split("<i")[1]


def test_every_page_states_the_release_and_links_the_pdf():
    config = SimpleNamespace(latex_documents=[("book/intro", "canada-mexico.tex", "Title", "Authors", "jupyterBook")])
    context = {"pathto": lambda target, resource: f"../{target}" if resource else target}
    release.announce_edition(SimpleNamespace(config=config), "notebooks/one", "page.html", context, None)
    assert context["theme_announcement"] == (
        f"Version {citation()['version']}, released {prose_date(release_date())}. "
        '<a class="camex-pdf" href="../canada-mexico.pdf">Read or download the PDF edition</a>.'
    )


def test_the_student_edition_says_what_it_leaves_out_instead_of_linking_the_pdf():
    line = release.edition_line(SimpleNamespace(hide_solutions=True), "../canada-mexico.pdf")
    assert "Student edition" in line and "pdf" not in line


# ---- explorers ----


def test_a_year_slider_is_as_wide_as_the_explorer_and_starts_where_asked():
    slider = year_range(pd.Series([1985, 2026, 1990]), 1994, "Period")
    assert slider.layout.width == "95%" and slider.value == (1994, 2026) and (slider.min, slider.max) == (1985, 2026)
    assert year_range(pd.Series([1985, 2026]), 1900, "Period").value == (1985, 2026)
