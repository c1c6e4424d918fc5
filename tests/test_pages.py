"""The book's pages as a reader and a reviewer meet them: every glued value shown and every shown value glued,
no plumbing on the page, short cells, notebooks in step with their sources, and stored outputs that carry
nothing that changes from run to run."""

import ast
import re
import sys

import nbformat
import pytest
from conftest import ROOT

from camex.book import calls, code_cells, glue_references, glued_keys, notebook_pages, pages

sys.path.insert(0, str(ROOT / "tools"))

import notebooks  # noqa: E402

NOTEBOOK_PAGES = notebook_pages()
MAX_SHOWN_LINES = 12  # a cell a reader can open should read like a few sentences
MAX_GLUE_LINES = 25  # a cell that only glues lists one value a line
DATE_LITERAL = re.compile(r"""["']\d{4}-\d{2}(-\d{2})?["']""")


def tags(metadata: dict) -> set[str]:
    return set(metadata.get("tags", []))


def test_every_glued_value_is_shown_somewhere():
    shown = {reference for entry in pages() for reference in glue_references(entry)}
    unused = [
        f"{entry.name}::{key}"
        for entry in NOTEBOOK_PAGES
        for key in glued_keys(entry)
        if (entry.name, key) not in shown
    ]
    assert not unused, f"glued but never shown: {', '.join(unused)}"


def test_every_value_shown_is_glued_by_the_page_named():
    glued = {(entry.name, key) for entry in NOTEBOOK_PAGES for key in glued_keys(entry)}
    dangling = [
        f"{entry.name} shows {name}::{key}"
        for entry in pages()
        for name, key in glue_references(entry)
        if (name, key) not in glued
    ]
    assert not dangling, f"shown but glued by no page: {', '.join(dangling)}"


@pytest.mark.parametrize("entry", NOTEBOOK_PAGES, ids=lambda entry: entry.name)
def test_keys_are_written_literally_and_once(entry):
    for source, _ in code_cells(entry):
        for call in calls(ast.parse(source), "glue"):
            assert not call.args, f"glue takes keywords only: {ast.unparse(call)[:80]}"
            assert all(keyword.arg for keyword in call.keywords), f"no ** unpacking in glue: {ast.unparse(call)[:80]}"
    keys = glued_keys(entry)
    assert len(keys) == len(set(keys)), "a key is glued twice on the page"


@pytest.mark.parametrize("entry", NOTEBOOK_PAGES, ids=lambda entry: entry.name)
def test_cells_that_glue_are_removed_from_the_page(entry):
    for source, metadata in code_cells(entry):
        if calls(ast.parse(source), "glue"):
            assert "remove-cell" in tags(metadata), f"a cell that glues is on the page: {source[:60]!r}"


def code_lines(source: str) -> int:
    """Lines of code other than imports and blank lines."""
    imports = {
        line
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for line in range(node.lineno, node.end_lineno + 1)
    }
    return sum(1 for number, line in enumerate(source.splitlines(), start=1) if line.strip() and number not in imports)


@pytest.mark.parametrize("entry", NOTEBOOK_PAGES, ids=lambda entry: entry.name)
def test_cells_read_like_sentences(entry):
    for source, metadata in code_cells(entry):
        lines = code_lines(source)
        limit = MAX_GLUE_LINES if "remove-cell" in tags(metadata) else MAX_SHOWN_LINES
        assert lines <= limit, f"a cell of {lines} lines (limit {limit}): {source[:60]!r}"


@pytest.mark.parametrize("entry", NOTEBOOK_PAGES, ids=lambda entry: entry.name)
def test_dates_come_from_the_data_not_from_the_cells(entry):
    for source, _ in code_cells(entry):
        assert not DATE_LITERAL.search(source), f"a date typed into a cell: {source[:80]!r}"


@pytest.mark.parametrize("entry", NOTEBOOK_PAGES, ids=lambda entry: entry.name)
def test_every_notebook_matches_its_source(entry):
    assert notebooks.differences(entry) == [], "run `make outputs`"


@pytest.mark.parametrize("entry", NOTEBOOK_PAGES, ids=lambda entry: entry.name)
def test_stored_outputs_come_from_one_run_top_to_bottom(entry):
    cells = nbformat.read(entry.notebook, as_version=4).cells
    counts = [cell.execution_count for cell in cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "re-run the notebook with `make outputs`"
    assert not [output for cell in cells for output in cell.get("outputs", []) if output.output_type == "error"]


@pytest.mark.parametrize("entry", NOTEBOOK_PAGES, ids=lambda entry: entry.name)
def test_stored_notebooks_hold_nothing_that_changes_between_runs(entry):
    notebook = nbformat.read(entry.notebook, as_version=4)
    assert set(notebook.metadata) <= set(notebooks.KEPT_NOTEBOOK_METADATA)
    for cell in notebook.cells:
        assert "execution" not in cell.metadata
        assert cell.id == notebooks.cell_id(cell)
        for output in cell.get("outputs", []):
            assert notebooks.WIDGET_VIEW not in output.get("data", {})


@pytest.mark.parametrize("entry", NOTEBOOK_PAGES, ids=lambda entry: entry.name)
def test_every_figure_has_a_name_a_caption_alt_text_and_a_source_line(entry):
    cells = nbformat.read(entry.notebook, as_version=4).cells
    for cell in cells:
        if cell.cell_type == "code" and any("image/png" in output.get("data", {}) for output in cell.outputs):
            options = cell.metadata.get("mystnb", {})
            assert options.get("figure", {}).get("name", "").startswith("fig-")
            assert options["figure"].get("caption")
            assert options.get("image", {}).get("alt")
            assert "add_source(" in cell.source, "every figure ends with its source line"
