"""The tools: the checks CI runs on the built book (which requests a page made, what a PDF must contain), the
print edition (its tables, exercises, numbers and type, the student edition) and the keeping of notebooks in
step with their sources."""

import asyncio
import re
import sys
from queue import Empty
from types import SimpleNamespace

import matplotlib
import nbformat
import pytest
import yaml
from conftest import ROOT
from docutils import nodes
from docutils.core import publish_doctree
from sphinx_exercise.nodes import exercise_enumerable_node, solution_node

from camex.book import Page, pages
from camex.style import SOURCE_LINES, STYLE_PATH, source_lines

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import check_pdf  # noqa: E402
import print_edition  # noqa: E402
import student_edition  # noqa: E402

import notebooks  # noqa: E402


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


HTML_PAGE = """<main><table><thead><tr><th>Claim</th><th>Verdict</th></tr></thead><tbody>
<tr><td>Canada and Mexico  did not
establish relations in 1944.</td><td>not supported</td></tr>
<tr><td>Mexico is Canada's third partner.</td><td>supported</td></tr></tbody></table>
<figure><img alt="a chart"/><figcaption><p><span class="caption-number">Fig. 2.2 </span>
<span class="caption-text">Canada's imports from Mexico, two bases.</span><a class="headerlink" href="#f">#</a></p>
</figcaption></figure>
<div class="exercise admonition"><p class="admonition-title"><span class="caption-number">Exercise 1.3 </span>
(Overdispersion (advanced))</p></div></main>"""


def test_the_html_tables_figures_and_exercises_are_read_as_a_reader_sees_them():
    reader = check_pdf.PageReader("notebooks/one")
    reader.feed(HTML_PAGE)
    (table,) = reader.tables
    assert table.header == ["Claim", "Verdict"]
    assert table.rows[0] == ["Canada and Mexico did not establish relations in 1944.", "not supported"]
    assert reader.numbered == [
        check_pdf.Numbered("notebooks/one", "Fig. 2.2", "Canada's imports from Mexico, two bases."),
        check_pdf.Numbered("notebooks/one", "Exercise 1.3", "(Overdispersion (advanced))"),
    ]


def test_every_row_and_column_must_reach_the_pdf_whatever_the_line_breaks_and_hyphens():
    table = check_pdf.Table("notebooks/one", ["Claim", "Where it circulated", "Verdict"])
    table.rows = [["Mexico is Canada's third partner.", "news coverage", "supported"], ["An old claim.", "", "-"]]
    printed = "Claim Where it cir- culated Verdict Mexico is Canada’s third part- ner. news coverage sup- ported"
    assert check_pdf.table_problems([table], f"{printed} An old claim. -") == []
    (lost,) = check_pdf.table_problems([table], f"{printed} An old claim.".replace("Where it cir- culated", ""))
    assert lost.endswith("the PDF does not print the column(s) Where it circulated")
    (lost,) = check_pdf.table_problems([table], printed)
    assert "1 of 2 rows are not in the PDF, first 'An old claim.'" in lost


def test_a_figure_or_exercise_numbered_differently_in_the_pdf_is_named_with_both_numbers():
    figure = check_pdf.Numbered("notebooks/trade", "Fig. 6", "Canada's imports from Mexico, two bases.")
    assert check_pdf.numbering_problems([figure], "Fig. 6: Canada's imports from Mexico, two bases.") == []
    (problem,) = check_pdf.numbering_problems([figure], "Fig. 2.2: Canada's imports from Mexico, two bases.")
    assert "the HTML's Fig. 6" in problem and "the PDF calls it Fig. 2.2" in problem


def test_a_solution_parted_from_its_exercise_is_refused():
    together = "Exercise 1.3 (Overdispersion) Fit it. Solution to Exercise 1.3 (Overdispersion) Call it."
    assert check_pdf.exercise_problems(["Intro", together]) == []
    parted = ["Exercise 1.3 (Overdispersion) Fit it.", "Solution to Exercise 1.3 (Overdispersion) Call it."]
    assert check_pdf.exercise_problems(parted) == ["the solution to Exercise 1.3 is on page 2, the exercise is not"]


def test_only_what_sticks_out_beyond_the_bound_is_refused():
    log = (
        "Overfull \\hbox (1.2pt too wide) in paragraph at lines 10--12\n"
        "Overfull \\hbox (25.0pt too wide) in paragraph at lines 40--41\n"
        "Overfull \\vbox (40.5pt too high) has occurred while \\output is active\n"
    )
    (found,) = check_pdf.overfull_problems(log)
    assert found.startswith("2 lines or pages stick out") and "1.2 pt" not in found
    assert found.endswith("40.5 pt has occurred while \\output is active; 25.0 pt in paragraph at lines 40--41")
    assert check_pdf.overfull_problems(log.splitlines()[0]) == []


def test_the_tables_are_sized_for_the_text_block_latex_used():
    width, height = print_edition.TEXT_WIDTH, print_edition.TEXT_HEIGHT
    assert check_pdf.text_block_problems(f"camexprint: text block {width:.5f}pt by {height:.5f}pt") == []
    assert check_pdf.text_block_problems(f"camexprint: text block 497.92pt by {height}pt")
    assert check_pdf.text_block_problems("no statement") == [
        "the LaTeX log does not state the text block: is camexprint.sty loaded?"
    ]  # noqa: E501


def test_a_figure_shrunk_to_fit_the_line_is_refused():
    found = check_pdf.figure_scale_problems([(10, 960, 150.0), (12, 1040, 160.0)], drawn_at=150)
    assert len(found) == 1 and "page 12 is 6.93 in wide" in found[0] and "94%" in found[0] and "7.5 pt" in found[0]


# ---- the print edition ------------------------------------------------------------------------------------


def test_a_table_that_fits_keeps_its_natural_widths_at_the_larger_size():
    chosen = print_edition.layout(["Year", "Rows"], [["2024", "1,205"], ["2025", "36"]], [False, True])
    assert chosen == print_edition.Layout("small", (None, None), (False, True))
    assert chosen.colspec() == "lr" and r"\def\camextablesize{\small}" in chosen.setup()


def test_a_wide_table_shares_the_line_and_no_column_is_narrower_than_its_longest_word():
    long = "a rather long sentence about the relationship between the two countries " * 4
    header, body = ["Claim", "Verdict", "Evidence"], [[long, "unsupported", long], ["short", "supported", "short"]]
    chosen = print_edition.layout(header, body, [False, False, False])
    assert chosen.size == "footnotesize" and not chosen.landscape and not chosen.hyphenate
    padding = print_edition.COLUMN_PADDING * 3
    assert sum(chosen.widths) == pytest.approx(print_edition.TEXT_WIDTH - padding)
    assert chosen.widths[1] >= print_edition.text_width("unsupported", 8.0)
    shares = [int(share) for share in re.findall(r"\\camexL\{(\d+)\}\{10000\}", chosen.colspec())]
    assert len(shares) == 3 and sum(shares) == 10000


def test_a_table_whose_words_cannot_fit_is_turned_or_hyphenated():
    word, columns = "Liechtenstein", 5
    needed = columns * (print_edition.text_width(word, 8.0, print_edition.HEADER_FONT) + print_edition.WORD_ALLOWANCE)
    padding = columns * print_edition.COLUMN_PADDING

    def chosen(line, page):
        return print_edition.layout(
            [word] * columns, [[word] * columns], [False] * columns, line=line + padding, page=page + padding
        )

    slightly = chosen(0.9 * needed, 2 * needed)  # 90% of each longest word: hyphenate the few that do not fit
    assert slightly.hyphenate and not slightly.landscape
    far = chosen(0.7 * needed, 1.1 * needed)  # below 80%, but a landscape line has room for every word
    assert far.landscape and not far.hyphenate
    beyond = chosen(0.5 * needed, 0.7 * needed)
    assert beyond.landscape and beyond.hyphenate and sum(beyond.widths) == pytest.approx(0.7 * needed)


def test_lines_break_inside_words_only_where_tex_can():
    assert print_edition.words("2018-06-01 Canada–US–Mexico") == ["2018-", "06-", "01", "Canada–", "US–", "Mexico"]
    assert print_edition.words("data/canada_trade.csv 1.5") == ["data/", "canada_", "trade.", "csv", "1.5"]


def test_the_pieces_of_a_table_are_read_from_the_document():
    document = publish_doctree(
        ".. list-table::\n   :header-rows: 1\n\n   * - Year\n     - Value\n   * - 2024\n     - 12\n"
        "\n.. note::\n\n   .. list-table::\n\n      * - boxed\n"
    )
    plain, boxed = document.findall(nodes.table)
    assert print_edition.cell_rows(plain) == (["Year", "Value"], [["2024", "12"]], [False, False], frozenset())
    assert print_edition.plain_grid(plain) and not print_edition.boxed(plain) and print_edition.boxed(boxed)


def test_every_plain_table_becomes_a_longtable_with_its_widths_and_break_points():
    long = "a sentence long enough to need several lines in any column of a page " * 3
    document = publish_doctree(
        ".. list-table::\n   :header-rows: 1\n\n   * - File\n     - What it holds\n"
        f"   * - data/canada_trade.csv\n     - {long}\n"
    )
    print_edition.TablesForPrint.run(SimpleNamespace(document=document))
    table = next(iter(document.findall(nodes.table)))
    setup, spec = table.parent[table.parent.index(table) - 2 : table.parent.index(table)]
    assert "longtable" in table["classes"] and r"\def\camextablesize{\footnotesize}" in setup.astext()
    assert re.fullmatch(r"(\\camexL\{\d+\}\{10000\}){2}", spec["spec"])
    file_cell = list(table.findall(nodes.entry))[2]  # after the two header cells
    assert [node.astext() for node in file_cell.findall(nodes.raw)] == [r"\camexbreak{}"] * 3


def test_the_bibliography_is_set_in_the_chapter_that_lists_it():
    from sphinx import addnodes
    from sphinx.builders.latex.nodes import thebibliography

    document = nodes.document(None, None)
    start = addnodes.start_of_file(docname="book/references")
    start += nodes.section()
    bibliography = thebibliography()
    bibliography += nodes.citation(docname="book/references")
    document += [start, bibliography]
    print_edition.BibliographyInPlace.run(SimpleNamespace(document=document))
    assert bibliography.parent is start[0] and document[-1] is start


def test_an_exercise_and_its_solution_are_kept_together():
    section = nodes.section()
    exercise, solution = exercise_enumerable_node(), solution_node()
    exercise += nodes.paragraph(text="Count the events.")
    solution += nodes.paragraph(text="Call count().")
    section += [exercise, nodes.target(), solution, exercise_enumerable_node()]
    print_edition.ExercisesWithSolutions.run(SimpleNamespace(document=section))
    group = section[0]
    assert isinstance(group, nodes.container) and group["classes"] == ["camexkeeptogether"]
    assert [type(node).__name__ for node in group] == ["exercise_enumerable_node", "raw", "target", "solution_node"]
    assert isinstance(section[1], exercise_enumerable_node)  # an exercise without a solution stays as it is


def test_the_explorers_note_prints_as_a_note():
    from camex.explorers import PDF_NOTE

    section = nodes.section()
    section += nodes.literal_block(text=PDF_NOTE.replace(". ", ".\n"))
    print_edition.ExplorerNotes.run(SimpleNamespace(document=section))
    assert isinstance(section[0], nodes.note) and section[0].astext() == PDF_NOTE


def test_the_figures_are_drawn_in_the_pdf_body_font_at_print_size():
    style = matplotlib.rc_params_from_file(STYLE_PATH, use_default_template=False)
    preamble = (ROOT / "book" / "latex" / "camexprint.sty").read_text(encoding="utf-8")
    assert re.search(r"\\setmainfont\{(.+?)\}", preamble)[1] == style["font.family"][0] == print_edition.BODY_FONT
    sizes = [style[key] for key in style if key.endswith(("size", "fontsize")) and key != "figure.figsize"]
    assert sizes and all(float(size) >= 8 for size in sizes)
    assert style["figure.figsize"][0] <= print_edition.TEXT_WIDTH / 72.27


def test_a_long_source_line_keeps_to_two_lines():
    def fits(line):
        return len(line) <= 40

    assert source_lines("Bank of Canada, series FXAUSDCAD.", fits) == ["Source: Bank of Canada, series", "FXAUSDCAD."]
    many = "Statistics Canada, Table 12-10-0011-01; US Census Bureau, FT-900; Banxico, SIE; INEGI, BIE."
    assert source_lines(many, fits) == ["Source: Statistics Canada, Table", "12-10-0011-01; and 3 more."]
    rambling = "Authors' compilation from " + "many publications read over several months " * 3
    lines = source_lines(rambling, fits)
    assert len(lines) == SOURCE_LINES and lines[-1].endswith(" …") and all(fits(line) for line in lines)


def student_config(folder):
    out = folder / "student.yml"
    student_edition.write_config(out)
    return out.read_text(encoding="utf-8")


def test_the_student_edition_leaves_the_solutions_out_and_says_so(tmp_path):
    config = student_config(tmp_path)
    assert "hide_solutions: true" in config and "(student edition)" in config
    landing = tmp_path / f"{pages()[0].docname}.html"
    landing.parent.mkdir(parents=True)
    landing.write_text('<div class="exercise admonition">Student edition: no solutions.</div>', encoding="utf-8")
    assert student_edition.site_problems(tmp_path) == []
    landing.write_text('<div class="exercise admonition"></div><div class="solution admonition">', encoding="utf-8")
    assert len(student_edition.site_problems(tmp_path)) == 2
    title_page = "Canada and Mexico: A Reproducible Account (student\nedition)"
    assert student_edition.pdf_problems("Exercise 1.1 (Count)", title_page) == []
    assert len(student_edition.pdf_problems("Exercise 1.1 Solution to Exercise 1.1", "Canada and Mexico")) == 2


def test_the_student_site_neither_serves_nor_offers_the_notebooks(tmp_path):
    config = yaml.safe_load(student_config(tmp_path))
    assert "launch_buttons" not in config and config["sphinx"]["config"]["html_copy_source"] is False
    assert config["sphinx"]["config"]["html_theme_options"] == {"use_download_button": False}
    landing = tmp_path / f"{pages()[0].docname}.html"
    landing.parent.mkdir(parents=True)
    offer = '<a class="btn download-source-button" href="../_sources/book/intro.md">'
    landing.write_text(f'<div class="exercise admonition">Student edition.</div>{offer}', encoding="utf-8")
    (tmp_path / "_sources" / "notebooks").mkdir(parents=True)
    (tmp_path / "_sources" / "notebooks" / "one.ipynb").write_text("{}", encoding="utf-8")
    assert student_edition.site_problems(tmp_path) == [
        "the site serves _sources/notebooks/one.ipynb, which holds the solutions",
        f"{landing.relative_to(tmp_path)} offers the notebook",
    ]


# ---- keeping notebooks in step with their sources ---------------------------------------------------


def test_the_test_build_renders_the_stored_outputs_and_changes_nothing_else(tmp_path):
    out = tmp_path / "stored.yml"
    notebooks.write_stored_config(out)
    derived = yaml.safe_load(out.read_text(encoding="utf-8"))
    original = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert derived["execute"].pop("execute_notebooks") == "off"
    assert original["execute"].pop("execute_notebooks") == "cache"
    assert derived == original


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


def test_a_notebook_out_of_step_with_its_source_is_named(tmp_path, monkeypatch, write_source):
    monkeypatch.setattr("camex.book.ROOT", tmp_path)
    (tmp_path / "notebooks").mkdir()
    write_source(tmp_path / "notebooks" / "one.md", "# One\n\n```{code-cell} ipython3\nx = 1\n```\n")
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
