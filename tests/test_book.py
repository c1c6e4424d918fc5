"""The book's frame: table of contents, configuration, pins, the release and its citation files, the claims it
examines, the glossary and the guides."""

import json
import re
import sys
from types import SimpleNamespace

import pandas as pd
import yaml
from conftest import ROOT
from IPython.display import Markdown

from camex.book import (
    Page,
    abbreviations,
    chapter_outline,
    chapters,
    citation,
    exercises,
    glossary_entries,
    notebook_pages,
    objectives,
    pages,
    release_date,
    replication_map,
    term_references,
    zenodo_record,
)
from camex.catalogue import (
    data_files,
    descriptions,
    dropdown,
    link,
    publisher_counts,
    publishers,
    reach_table,
    registry,
    table_of_tables,
    years,
)
from camex.claims import CHECKS
from camex.data import load, read_package

sys.path.insert(0, str(ROOT / "book" / "_ext"))

import release  # noqa: E402


def test_every_page_in_the_table_of_contents_exists_and_every_notebook_is_listed():
    listed = pages()
    assert all(entry.source.exists() for entry in listed)
    sources = {path.stem for path in (ROOT / "notebooks").glob("*.md")}
    assert sources == {entry.name for entry in notebook_pages()}, "each notebooks/*.md is a page with its .ipynb"


def test_every_direct_dependency_is_pinned():
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[A-Za-z0-9_.]+", line) for line in lines)


def test_the_title_page_is_dated_from_the_citation():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "today" not in config["sphinx"]["config"], "the release date is stated once, in CITATION.cff"
    sphinx = SimpleNamespace(today="", myst_substitutions={"other": "kept"})
    release.date_from_citation(None, sphinx)
    released = release_date()
    assert sphinx.today == sphinx.myst_substitutions["release_date"] == f"{released.day} {released:%B %Y}"
    assert sphinx.myst_substitutions["version"] == str(citation()["version"])
    assert sphinx.myst_substitutions["other"] == "kept"
    assert citation()["title"] == config["title"]


def test_how_to_cite_and_whats_new_match_the_citation_file():
    record = citation()
    how_to_cite = " ".join((ROOT / "book" / "how-to-cite.md").read_text(encoding="utf-8").split())
    for part in [record["title"], "version {{ version }}", "released {{ release_date }}", record["repository-code"]]:
        assert part in how_to_cite, part
    whats_new = (ROOT / "book" / "whats-new.md").read_text(encoding="utf-8")
    assert f"## Version {record['version']} ({record['date-released']})" in whats_new


def test_every_claim_has_a_check_and_every_check_a_claim():
    claims = load("claims")
    assert set(claims["claim_id"]) == set(CHECKS)
    assert set(claims["chapter"]) <= {entry.name for entry in pages() if entry.part == "Chapters"}


# ---- the citation files: one release, described as a book, ready to be archived with a DOI ----

ZENODO_REQUIRED = ["upload_type", "publication_type", "title", "creators", "version", "publication_date", "license"]


def test_the_citation_file_describes_the_release_as_a_book():
    record = citation()
    book = record["preferred-citation"]
    assert book["type"] == "book"
    for field in ["title", "authors", "version", "date-released"]:
        assert book[field] == record[field], f"preferred-citation and the file disagree on {field}"
    assert (book["year"], book["month"]) == (record["date-released"].year, record["date-released"].month)
    assert book["publisher"]["name"] and book["url"] == record["repository-code"]


def test_the_zenodo_record_is_valid_json_and_agrees_with_the_citation_file():
    text = (ROOT / ".zenodo.json").read_text(encoding="utf-8")
    record = json.loads(text)  # fails on invalid JSON
    missing = [field for field in ZENODO_REQUIRED + ["description", "keywords"] if not record.get(field)]
    assert not missing, f".zenodo.json lacks {', '.join(missing)}"
    assert (record["upload_type"], record["publication_type"]) == ("publication", "book")
    cff = citation()
    assert record == zenodo_record()
    assert record["title"] == cff["title"]
    assert record["version"] == str(cff["version"])
    assert record["publication_date"] == cff["date-released"].isoformat()
    assert [creator["name"] for creator in record["creators"]] == [author["name"] for author in cff["authors"]]
    assert record["license"].casefold() == cff["preferred-citation"]["license"].casefold()
    assert record["keywords"] == cff["keywords"]


def test_how_to_cite_names_the_authors_of_the_citation_file():
    how_to_cite = " ".join((ROOT / "book" / "how-to-cite.md").read_text(encoding="utf-8").split())
    assert all(author["name"] in how_to_cite for author in citation()["authors"])
    assert not re.search(r"\b(19|20)\d\d\b", how_to_cite), "the year comes from the release date, not typed"


# ---- the glossary: every term a page links to, and every abbreviation the chapters use ----

# Abbreviations a reader knows without a glossary, and firms known by their initials, which are names, not terms.
NEEDS_NO_ENTRY = {"US", "UK", "PDF", "GDP", "USD", "CAD", "BBVA", "RBC"}
# What the brief for the glossary named, whether or not a chapter abbreviates it today.
NAMED_TERMS = [
    "CUSMA",
    "T-MEC",
    "USMCA",
    "NAFTA",
    "CUSFTA",
    "SAWP",
    "TFWP",
    "IMP",
    "eTA",
    "IRCC",
    "IRB",
    "HAC standard errors",
    "Newey–West standard errors",
    "interrupted time series",
    "difference in differences",
    "Poisson regression",
    "rate ratio",
    "customs basis",
    "balance-of-payments basis",
    "mirror statistics",
    "country of origin and country of consignment",
    "direct investment position and flow",
    "elasticity",
    "rules of origin",
    "regional value content",
    "Section 122",
    "Section 232",
    "Section 301",
    "Section 338",
    "IEEPA",
    "surtax",
    "joint review",
    "flow and stock",
    "seasonal adjustment",
]
# Names that carry numbers; a definition types no other.
NAMES_WITH_NUMBERS = re.compile(r"\b(Section|Article|Chapter|Annex|Table) [A-Z]?[\d.]+\b|\bAct of \d{4}\b|\bHC0\b")


def test_every_term_a_page_links_to_is_in_the_glossary():
    defined = glossary_entries()
    assert defined, "no glossary directive found in book/glossary.md"
    dangling = [f"{entry.name}: {term}" for entry in pages() for term in term_references(entry) if term not in defined]
    assert not dangling, f"{{term}} references with no glossary entry: {', '.join(dangling)}"


def test_every_abbreviation_the_chapters_use_has_a_glossary_entry():
    defined = glossary_entries()
    used = {(word, entry.name) for entry in chapters() for word in abbreviations(entry) - NEEDS_NO_ENTRY}
    missing = sorted(f"{word} ({name})" for word, name in used if word.lower() not in defined)
    assert not missing, f"abbreviations without a glossary entry: {', '.join(missing)}"


def test_the_glossary_defines_the_terms_the_book_names():
    defined = glossary_entries()
    assert not [term for term in NAMED_TERMS if term.lower() not in defined]


def test_glossary_definitions_type_no_numbers():
    typed = {
        term: digits
        for term, definition in glossary_entries().items()
        if (digits := re.findall(r"\d+", NAMES_WITH_NUMBERS.sub("", definition)))
    }
    assert not typed, f"numbers typed in definitions: {typed}"


def test_glossary_terms_are_parsed_with_the_definition_they_share(tmp_path):
    glossary = tmp_path / "glossary.md"
    glossary.write_text(
        "# Glossary\n\n```{glossary}\n:sorted:\n\nCUSMA\nUSMCA\n  One agreement,\n  two names.\n\n"
        "Flow and stock\n  Events against states.\n```\n",
        encoding="utf-8",
    )
    assert glossary_entries(glossary) == {
        "cusma": "One agreement, two names.",
        "usmca": "One agreement, two names.",
        "flow and stock": "Events against states.",
    }


def test_term_references_and_abbreviations_read_the_prose_only(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "# A page\n\nUnder {term}`CUSMA` and the {term}`stock <Flow and stock>`, IRCC and the T-MEC, an eTA, "
        "HC0 errors, `TARIFF` in code, $\\mathrm{GDP}$ in maths, {cite:p}`USITC-2019` cited, "
        "[a link](https://x.org/ABC), MyST but not LaTeX, GitHub or Canada-Mexico.\n",
        encoding="utf-8",
    )
    assert term_references(page) == ["cusma", "flow and stock"]
    assert abbreviations(page) == {"IRCC", "T-MEC", "eTA", "HC0", "MyST"}


# ---- the guides: objectives, exercises and the map of figures and tables ----


def test_exercise_titles_read_as_titles():
    for entry in chapters():
        for title in exercises(entry)["exercise"]:
            assert title[0].isupper() and not re.search(r"[`_{}<>]|\bex-", title), f"{entry.name}: {title!r}"


def test_objectives_split_at_their_numbers(tmp_path):
    page = tmp_path / "chapter.md"
    page.write_text(
        "# A chapter\n\n```{admonition} Before you start\n- **Learning objectives.** After this chapter you can\n"
        "  (1) tell flows from stocks; (2) fit a model, and (3) check a claim.\n- **Prerequisites.** None.\n"
        "- **Time to read.** About 10 minutes.\n```\n",
        encoding="utf-8",
    )
    assert objectives(page) == (
        "After this chapter you can",
        ["tell flows from stocks", "fit a model", "check a claim"],
    )


def test_the_replication_map_numbers_figures_and_places_tables(tmp_path, monkeypatch, write_source):
    monkeypatch.setattr("camex.book.ROOT", tmp_path)
    (tmp_path / "notebooks").mkdir()
    figure = "---\nmystnb:\n  figure:\n    caption: A line.\n    name: fig-line\n---\nplot()"
    write_source(
        tmp_path / "notebooks" / "one.md",
        f"# One\n\n## Rates\n\n```{{code-cell}} ipython3\n{figure}\n```\n\n## The table\n\n"
        "```{code-cell} ipython3\nmarkdown_table(frame)\n```\n",
    )
    mapped = replication_map([Page("notebooks/one", "Chapters")])
    assert mapped.to_dict("records") == [
        {"figure or table": "{numref}`fig-line`", "notebook": "notebooks/one.ipynb", "cell": 1},
        {"figure or table": "Table in “The table”", "notebook": "notebooks/one.ipynb", "cell": 2},
    ]


def test_the_instructors_outline_links_the_chapter_and_each_exercise():
    first = chapters()[0]
    outline = chapter_outline(first)
    assert outline.startswith(f"**{{doc}}`/{first.docname}`**")
    assert all(f"<{label}>`" in outline for label in exercises(first)["label"])


# ---- the appendix about the data: the catalogue as readers meet it ----


def test_publishers_name_the_most_cited_and_count_the_rest():
    sources = pd.DataFrame({"source_id": ["a", "b", "c"], "publisher": ["Alpha", "Beta", "Gamma"]})
    table = pd.DataFrame({"source_id": ["b", "a", "b", "c", "b", "a"]})
    entry = {"schema": {"foreignKeys": [{"fields": "source_id"}]}}
    assert publishers(table, entry, sources) == "Beta; Alpha; Gamma"
    assert publishers(table, entry, sources, shown=1) == "Beta; and 2 more"
    assert publishers(table, entry, sources, shown=3) == "Beta; Alpha; Gamma"


def test_years_span_the_calendar_years_of_the_rows():
    entry = {"schema": {"fields": [{"name": "date", "type": "string"}]}, "vintage": {"period_field": "date"}}
    assert years(pd.DataFrame({"date": ["2026-07-01", "1822", "1944-01"]}), entry) == "1822–2026"
    assert years(pd.DataFrame({"date": ["2025-01-02", "2025-12-31"]}), entry) == "2025"
    assert years(pd.DataFrame({"date": [None]}), entry) == ""


def test_the_appendix_tables_have_human_headers_and_no_internal_names(package, tmp_path):
    chapter = tmp_path / "trade.md"
    chapter.write_text("# Trade: a subtitle\n\nText.\n", encoding="utf-8")
    names = [entry["name"] for entry in read_package(package)["resources"]]
    shown = {
        "tables": table_of_tables([chapter], package),
        "descriptions": descriptions(package),
        "reach": reach_table(package),
        "publishers": publisher_counts(package),
        "registry": registry(package),
    }
    for what, frame in shown.items():
        assert all(header[0].isupper() and "_" not in header for header in frame.columns), what
        assert "Table" not in frame or not set(frame["Table"]) & set(names), f"{what} shows a table's internal name"
    assert len(shown["tables"]) == len(names) and len(shown["registry"]) == len(load("sources", package))
    assert shown["publishers"]["Publications"].sum() == len(load("sources", package))


def test_the_registry_links_each_title_and_escapes_what_markdown_would_read():
    assert link("a_b [draft] *x*", "https://x.org/a(b)") == r"[a\_b \[draft\] \*x\*](<https://x.org/a(b)>)"


def test_a_dropdown_folds_a_table_under_its_title():
    folded = dropdown("The registry", Markdown("| a |\n| --- |\n| 1 |")).data
    assert folded.splitlines() == [":::{dropdown} The registry", "| a |", "| --- |", "| 1 |", ":::"]


def test_data_files_name_the_files_each_notebook_loads(tmp_path, package, monkeypatch, write_source):
    monkeypatch.setattr("camex.book.ROOT", tmp_path)
    (tmp_path / "notebooks").mkdir()
    code = 'rates = load("cad_usd_exchange_rates")\nevents = load("events")'
    write_source(tmp_path / "notebooks" / "one.md", f"# One\n\n```{{code-cell}} ipython3\n{code}\n```\n")
    files = data_files([Page("notebooks/one", "Chapters")], package)
    assert files.to_dict("records") == [
        {"notebook": "notebooks/one.ipynb", "data files": "data/cad_usd_exchange_rates.csv, data/events.csv"}
    ]
