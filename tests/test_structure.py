"""Unit tests of the reader of the book's structure, on small books of their own."""

import datetime

import pytest

from camex import book

HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""
OPENING = """# A chapter

```{admonition} Before you start
- **Learning objectives.** After this chapter you can
  count things.
- **Prerequisites.** None.
- **Time to read.** About 10 minutes.
```
"""
EXERCISES = """
```{exercise} Count the events (introductory)
:label: ex-count
Count them.
```

```{exercise} Fit a model (advanced)
:label: ex-model
Fit it.
```
"""


def code_cell(source: str, options: str = "") -> str:
    return f"\n```{{code-cell}} ipython3\n{options}{source}\n```\n"


def chapter(folder, name: str, *parts: str):
    path = folder / f"{name}.md"
    path.write_text(HEADER + "".join(parts), encoding="utf-8")
    return path


@pytest.fixture
def small_book(tmp_path):
    """A table of contents with a landing page, one chapter (a notebook) and one appendix (plain Markdown)."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.md").write_text("# Landing page\n", encoding="utf-8")
    (tmp_path / "book" / "faq.md").write_text("# Questions\n\nSee {glue:text}`../notebooks/one.ipynb::n_rows:`.\n")
    chapter(tmp_path / "notebooks", "one", OPENING, code_cell('rows = load("events")\nglue(n_rows=count(len(rows)))'))
    (tmp_path / "notebooks" / "one.ipynb").write_text("{}", encoding="utf-8")
    toc = tmp_path / "_toc.yml"
    toc.write_text(
        "format: jb-book\nroot: book/intro\nparts:\n"
        "  - caption: Chapters\n    chapters:\n      - file: notebooks/one\n"
        "  - caption: Appendices\n    chapters:\n      - file: book/faq\n",
        encoding="utf-8",
    )
    return toc


def test_pages_follow_the_table_of_contents(small_book, monkeypatch):
    monkeypatch.setattr(book, "ROOT", small_book.parent)
    listed = book.pages(small_book)
    assert [(page.docname, page.part) for page in listed] == [
        ("book/intro", None),
        ("notebooks/one", "Chapters"),
        ("book/faq", "Appendices"),
    ]
    assert [page.name for page in book.chapters(small_book)] == ["one"]
    assert [page.name for page in book.notebook_pages(small_book)] == ["one"]
    assert book.page("faq", small_book).source == small_book.parent / "book" / "faq.md"


def test_an_unknown_page_is_named_with_those_there_are(small_book, monkeypatch):
    monkeypatch.setattr(book, "ROOT", small_book.parent)
    with pytest.raises(KeyError, match="no page named 'two'.*intro, one, faq"):
        book.page("two", small_book)


def test_title_is_the_first_level_one_heading(tmp_path):
    path = chapter(tmp_path, "a", "Intro\n\n## Not this\n\n# A late start\n")
    assert book.title(path) == "A late start"
    plain = tmp_path / "plain.md"
    plain.write_text("No heading at all\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no level-one heading"):
        book.title(plain)


def test_tables_loaded_counts_code_that_runs_not_text_that_mentions_it(tmp_path):
    path = chapter(
        tmp_path,
        "a",
        '# A\n\nCall `load("sources")` to read the registry.\n',
        code_cell('# load("claims") would read the claims\nevents = load("events")\nnote = \'load("visitors")\''),
        code_cell('def later():\n    return load("exposure")'),
    )
    assert book.tables_loaded(path) == {"events", "exposure"}


def test_chapters_judged_are_the_claims_tables_the_code_shows(tmp_path):
    path = chapter(
        tmp_path,
        "a",
        '# A\n\nSee `claims_table("people-to-people")` in the ledger.\n',
        code_cell('markdown_table(claims_table("a-late-start"))'),
    )
    assert book.chapters_judged(path) == {"a-late-start"}
    everything = chapter(tmp_path, "b", "# B\n", code_cell("claims = ledger()\nmarkdown_table(claims_table())"))
    assert book.chapters_judged(everything) == {None}


def test_glued_keys_are_the_keyword_names_of_glue_calls(tmp_path):
    path = chapter(tmp_path, "a", "# A\n", code_cell("glue(first=year(1944), last=year(2026))\nglue(count=count(3))"))
    assert book.glued_keys(path) == ["first", "last", "count"]


def test_glue_references_name_the_page_that_glues(tmp_path):
    path = chapter(
        tmp_path,
        "here",
        "# A\n\nFrom {glue:text}`first` to {glue:text}`last:.0f` and {glue}`../notebooks/other.ipynb::rate:`.\n",
    )
    assert book.glue_references(path) == [("here", "first"), ("here", "last"), ("other", "rate")]


def test_opening_reads_the_three_promises(tmp_path):
    items = book.opening(chapter(tmp_path, "a", OPENING))
    assert items == {
        "Learning objectives": "After this chapter you can count things.",
        "Prerequisites": "None.",
        "Time to read": "About 10 minutes.",
    }


def test_opening_names_what_a_chapter_forgot(tmp_path):
    with pytest.raises(ValueError, match="does not state: Time to read"):
        book.opening(chapter(tmp_path, "a", OPENING.replace("- **Time to read.** About 10 minutes.\n", "")))


def test_exercises_with_their_difficulty(tmp_path):
    path = chapter(tmp_path, "a", OPENING, EXERCISES)
    assert book.exercises(path).to_dict("records") == [
        {"label": "ex-count", "exercise": "Count the events", "difficulty": "introductory"},
        {"label": "ex-model", "exercise": "Fit a model", "difficulty": "advanced"},
    ]
    guide = book.chapter_guide([path])
    assert guide.loc[0, "exercises"] == "Count the events (introductory); Fit a model (advanced)"
    assert guide.loc[0, "chapter"] == "A chapter"


def test_an_exercise_without_difficulty_is_refused(tmp_path):
    with pytest.raises(ValueError, match="ex-count has no difficulty"):
        book.exercises(chapter(tmp_path, "a", EXERCISES.replace(" (introductory)", "")))


def test_figure_map_finds_figures_and_tables_in_the_source(tmp_path):
    figure_options = "---\nmystnb:\n  figure:\n    name: fig-rates\n    caption: Rates.\n---\n"
    path = chapter(
        tmp_path,
        "a",
        OPENING,
        code_cell('rates = load("cad_usd_exchange_rates")'),
        code_cell("plot()", figure_options),
        code_cell("x = 1\nmarkdown_table(rates)"),
    )
    table = book.figure_map([path])
    assert table[["kind", "label", "what", "code cell"]].values.tolist() == [
        ["figure", "fig-rates", "Rates.", 2],
        ["table", "", "rates", 3],
    ]
    assert set(table["data tables read by the page"]) == {"cad_usd_exchange_rates"}


def test_release_date_is_read_from_the_citation(tmp_path):
    citation = tmp_path / "CITATION.cff"
    citation.write_text("cff-version: 1.2.0\ntitle: A book\ndate-released: 2026-12-01\n", encoding="utf-8")
    assert book.release_date(citation) == datetime.date(2026, 12, 1)


def test_pinned_requirements_lists_every_pin(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# pins\npandas==3.1.1\njupyter-book==1.0.4.post1\n", encoding="utf-8")
    assert book.pinned_requirements(requirements).values.tolist() == [
        ["pandas", "3.1.1"],
        ["jupyter-book", "1.0.4.post1"],
    ]


def test_measured_times_say_how_to_measure_when_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `make bench`"):
        book.measured_times(tmp_path / "bench-results.json")
