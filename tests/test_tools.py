"""The tools: the checks CI runs on the built book (which requests a page made, what a PDF must contain) and
the keeping of notebooks in step with their sources."""

import asyncio
import json
import sys
from queue import Empty

import nbformat
import pytest
from conftest import ROOT

from camex.book import Page

sys.path.insert(0, str(ROOT / "tools"))

import check_pages  # noqa: E402
import check_pdf  # noqa: E402

import notebooks  # noqa: E402


def test_only_requests_started_by_the_page_count(tmp_path):
    origin = "http://127.0.0.1:8000"
    start = 7
    events = [
        {"type": start, "params": {"url": f"{origin}/_static/require.js", "initiator": origin}},
        {"type": start, "params": {"url": "https://cdn.example.org/mathjax.js", "initiator": origin}},
        {"type": start, "params": {"url": "https://update.example.com/check", "initiator": "not an origin"}},
        {"type": 3, "params": {"url": "https://ignored.example.com/", "initiator": origin}},
    ]
    netlog = tmp_path / "netlog.json"
    netlog.write_text(json.dumps({"constants": {"logEventTypes": {"URL_REQUEST_START_JOB": start}}, "events": events}))
    assert check_pages.requests_made_by_page(netlog, origin) == [
        f"{origin}/_static/require.js",
        "https://cdn.example.org/mathjax.js",
    ]


def test_console_errors_are_recognised():
    assert check_pages.CONSOLE_ERROR.search(
        "INFO:CONSOLE:64] \"Uncaught SyntaxError: Identifier 'x' has already been declared\""
    )
    assert not check_pages.CONSOLE_ERROR.search('INFO:CONSOLE:1] "page ready"')


def test_a_pdf_missing_a_page_or_showing_plumbing_is_refused():
    titles = check_pdf.page_titles()
    complete = " ".join(titles)
    assert check_pdf.problems(complete, images=check_pdf.figure_count()) == []
    broken = check_pdf.problems(complete.replace(titles[0], "") + " glue(n=1)", images=0)
    assert len(broken) == 3 and any(titles[0] in problem for problem in broken)


def test_the_pdf_must_carry_every_page_title_and_figure():
    titles = check_pdf.page_titles()
    assert "A late start: Canada and Mexico, 1822 to today" in titles and "Glossary" in titles
    assert check_pdf.figure_count() > 0


# ---- keeping notebooks in step with their sources ---------------------------------------------------


def test_stripped_notebooks_keep_only_what_means_something():
    cell = nbformat.v4.new_code_cell("explorer()")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={notebooks.WIDGET_VIEW: {"model_id": "3f2a"}, "text/plain": "Interactive explorer: …"},
        )
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = nbformat.v4.new_notebook(
        cells=[cell], metadata={"kernelspec": kernel, "widgets": {}, "language_info": {"name": "python"}}
    )
    clean = notebooks.stripped(notebook)
    assert set(clean.metadata) == {"kernelspec"}
    assert clean.cells[0].outputs[0]["data"] == {"text/plain": "Interactive explorer: …"}


def test_cell_ids_follow_from_the_content():
    first, again = nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("x = 1")
    assert notebooks.cell_id(first) == notebooks.cell_id(again) != notebooks.cell_id(nbformat.v4.new_code_cell("x = 2"))


def test_a_notebook_out_of_step_with_its_source_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr("camex.book.ROOT", tmp_path)
    (tmp_path / "notebooks").mkdir()
    source = tmp_path / "notebooks" / "one.md"
    kernel = "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n"
    header = f"---\njupytext:\n  text_representation:\n    format_name: myst\n{kernel}---\n"
    source.write_text(header + "\n# One\n\n```{code-cell} ipython3\nx = 1\n```\n", encoding="utf-8")
    page = Page("notebooks/one", "Chapters")
    notebook = notebooks.from_source(page)
    nbformat.write(notebook, tmp_path / "notebooks" / "one.ipynb")
    assert notebooks.differences(page) == []
    notebook.cells[1].source = "x = 2"
    nbformat.write(notebook, tmp_path / "notebooks" / "one.ipynb")
    assert notebooks.differences(page) == ["cell 2: its source differs"]
    notebook.cells.pop()
    nbformat.write(notebook, tmp_path / "notebooks" / "one.ipynb")
    assert notebooks.differences(page) == ["1 cells in the notebook, 2 in the source"]


def test_waits_in_slices_still_see_a_late_message_and_still_time_out(monkeypatch):
    monkeypatch.setattr(notebooks, "POLL_SLICE", 0.01)
    calls = []

    async def get_msg(timeout):
        calls.append(timeout)
        if len(calls) < 3:
            raise Empty
        return {"msg": "reply"}

    assert asyncio.run(notebooks.in_slices(get_msg)(timeout=1.0)) == {"msg": "reply"}
    assert len(calls) == 3 and all(timeout <= 0.01 for timeout in calls)

    async def never(timeout):
        await asyncio.sleep(timeout)
        raise Empty

    with pytest.raises(Empty):
        asyncio.run(notebooks.in_slices(never)(timeout=0.05))
