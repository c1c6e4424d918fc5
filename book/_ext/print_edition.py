"""The PDF edition: tables that break across pages and fit the page, the explorers' notes as notes, each
exercise kept with its solution, the bibliography in the References chapter and the release on the title
page. Only the LaTeX builder sees these changes; the HTML pages are left as they are.

The LaTeX side of each change is in ``book/latex/camexprint.sty``; this module decides, table by table,
which size of type and which column widths to use, measuring the cells' text in the fonts the PDF uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

from camex.book import citation

# The text block of the PDF, in TeX points: letter paper with Sphinx's 1 inch margins (camexprint.sty writes
# the one LaTeX used into the log, and tools/check_pdf.py compares). Cell outputs use the whole line.
TEXT_WIDTH = 6.5 * 72.27
TEXT_HEIGHT = 9 * 72.27  # the line of a landscape page
COLUMN_PADDING = 12.0  # twice \tabcolsep (6 pt), around every column
# A table whose columns would get less than this share of their longest word is turned to a landscape page;
# so is one that takes at most this share of the pages that way.
HYPHENATED_SHARE = 0.8
LANDSCAPE_SAVING = 0.75
LINE_SPACING = 1.2  # a table's line, in type sizes
# Sharing a table's line, a line saved in a cell counts this much even when its row is no shorter for it (a
# date on one line rather than three reads better).
CELL_LINE_WEIGHT = 0.25
WORD_ALLOWANCE = 2.0  # what TeX sets wider than the measure (kerning, the share's rounding), in points
# The type sizes a table may use, in points, largest first: \small and \footnotesize of a 10 pt book.
TABLE_SIZES = {"small": 9.0, "footnotesize": 8.0}
BODY_FONT, HEADER_FONT = "DejaVu Serif", "DejaVu Sans"  # camexprint.sty's main and sans fonts
CODE_FONT = "DejaVu Sans Mono"  # and its monospaced font
# A pair of an exercise and its solution longer than this is left free to break across pages.
KEEP_TOGETHER_CHARACTERS = 1800


@cache
def advance(character: str, family: str) -> float:
    """How far ``character`` set in ``family`` at 1 pt moves the pen, in points."""
    return _face(family).load_char(ord(character)).linearHoriAdvance / 65536 / 100


@cache
def _face(family: str):
    """The font matplotlib has for ``family`` (it ships the DejaVu faces), at 100 pt."""
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font

    face = FT2Font(findfont(FontProperties(family=family), fallback_to_default=False))
    face.set_size(100, 72)  # a large size, so that the advances are not rounded to whole pixels
    return face


def text_width(text: str, size: float, family: str = BODY_FONT) -> float:
    """The width of ``text`` set in ``family`` at ``size`` points, in points (without kerning)."""
    return size * sum(advance(character, family) for character in text)


# Where a line may break inside a word: after a hyphen (TeX's own rule), and in a table's cells after a slash,
# an underscore, a dash or a full stop followed by a letter (file names, addresses, "Canada–US–Mexico"), where
# TablesForPrint puts \camexbreak. TeX uses these breaks only when a word is longer than its column.
INSIDE_BREAK = re.compile(r"(?<=[/_–—])(?=\S)|(?<=\.)(?=[^\W\d_])")
WORD_BREAK = re.compile(rf"(?<=-)(?=\S)|{INSIDE_BREAK.pattern}")


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line may not break inside."""
    return [piece for word in text.split() for piece in WORD_BREAK.split(word) if piece]


@dataclass(frozen=True)
class Layout:
    """How a table is set: its type size, per column a width in points (None: its natural width) and whether
    it is right-aligned, whether it is turned to a landscape page and whether its words may be hyphenated."""

    size: str
    widths: tuple[float | None, ...]
    right: tuple[bool, ...]
    landscape: bool = False
    hyphenate: bool = False

    def colspec(self) -> str:
        r"""The LaTeX column specification: ``l``/``r`` at natural width, else ``\camexL``/``\camexR`` columns
        whose shares of the line (in ten-thousandths) add up to the whole line."""
        if all(width is None for width in self.widths):
            return "".join("r" if right else "l" for right in self.right)
        line = sum(width + COLUMN_PADDING for width in self.widths)
        shares = [round(10000 * (width + COLUMN_PADDING) / line) for width in self.widths]
        shares[-1] += 10000 - sum(shares)  # rounding must not make the table wider or narrower than the line
        return "".join(
            rf"\camex{'R' if right else 'L'}{{{share}}}{{10000}}" for share, right in zip(shares, self.right)
        )

    def setup(self) -> str:
        """The LaTeX that sets the table's type size and hyphenation, written just before it."""
        cell = "" if self.hyphenate else r"\hyphenpenalty=10000\relax"
        return rf"\def\camextablesize{{\{self.size}}}\def\camexcell{{{cell}}}"


def layout(
    header: list[str],
    body: list[list[str]],
    right: list[bool],
    code: frozenset[tuple[int, int]] = frozenset(),
    line: float = TEXT_WIDTH,
    page: float = TEXT_HEIGHT,
) -> Layout:
    """Choose the type size, the column widths and the orientation of a table from the text of its cells.

    At the largest size at which every cell fits on one line, columns keep their natural widths. Otherwise
    the table is set at the smallest size: each column gets at least its longest word, so that no word is
    hyphenated, and the rest of the line goes where it makes the table shortest (:func:`shared`). If the
    longest words alone are wider than the line, the columns share it in proportion to them and the words
    too long for their column are hyphenated, as long as no column gets less than ``HYPHENATED_SHARE`` of
    its longest word. The table is turned to a landscape page (``page`` is then its line) when that is the
    only way to set it so, or when it takes at most ``LANDSCAPE_SAVING`` of the pages that way. The cells
    in ``code`` (row and column in ``body``) are set in the monospaced font."""
    right = tuple(right)

    def width(text: str, size: float, row: int, column: int) -> float:
        if row < 0:
            return text_width(text, size, HEADER_FONT)
        if (row, column) in code:
            return text_width(text, size, CODE_FONT)
        return text_width(text, size)

    def measured(size: float) -> list[list[float]]:
        return [
            [width(cell, size, row, column) for column, cell in enumerate(cells)]
            for row, cells in enumerate([header, *body], -1)
        ]

    def room(extent: float) -> float:
        return extent - COLUMN_PADDING * len(header)

    for name, size in TABLE_SIZES.items():
        cells = measured(size)
        longest = [max(column) for column in zip(*cells)]
        if sum(longest) <= room(line):
            return Layout(name, (None,) * len(header), right)
    shortest = [
        max(
            (width(piece, size, row, column) for row, cell in enumerate(cells, -1) for piece in words(cell)),
            default=0.0,
        )
        + WORD_ALLOWANCE
        for column, cells in enumerate(zip(header, *body))
    ]

    def arranged(extent: float, landscape: bool) -> Layout | None:
        if sum(shortest) <= room(extent):
            return Layout(name, tuple(shared(room(extent), shortest, longest, cells)), right, landscape=landscape)
        if room(extent) >= HYPHENATED_SHARE * sum(shortest) or landscape:
            widths = [low * room(extent) / sum(shortest) for low in shortest]
            return Layout(name, tuple(widths), right, landscape=landscape, hyphenate=True)
        return None

    upright, turned = arranged(line, False), arranged(page, True)
    if upright is None:
        return turned
    # A landscape table starts on a page of its own and leaves the page before it unfilled: half a page more.
    upright_pages = table_lines(cells, upright.widths) * LINE_SPACING * size / page
    turned_pages = table_lines(cells, turned.widths) * LINE_SPACING * size / line + 0.5
    return turned if turned_pages <= LANDSCAPE_SAVING * upright_pages else upright


def cell_lines(text, width):
    """About how many lines a cell whose text is ``text`` points wide takes in a column ``width`` wide (either
    may be an array)."""
    return np.maximum(1, np.ceil(np.asarray(text) / width - 0.01))


def table_lines(cells: list[list[float]], widths) -> int:
    """About how many lines a table takes: each row as many as its fullest cell (``cells``: text widths)."""
    return int(cell_lines(cells, np.asarray(widths, dtype=float)).max(axis=1).sum())


def shared(room: float, shortest: list[float], longest: list[float], cells: list[list[float]]) -> list[float]:
    """Share ``room`` among the columns: each starts at its ``shortest`` width, and the rest is handed out in
    the widenings that save the most lines for the width they take: widening a column just enough for one of
    its cells to need a line fewer (and by at least ``room / 100``) saves a line of every row that cell makes
    the tallest, and a quarter (``CELL_LINE_WEIGHT``) of a line for the others. What no widening can use is
    spread evenly."""
    text = np.asarray(cells, dtype=float)
    widths = np.array(shortest, dtype=float)
    lines = cell_lines(text, widths)
    while True:
        spare = room - widths.sum()
        best = None
        for column in range(len(widths)):
            wrapping = lines[:, column] > 1
            if not wrapping.any():
                continue
            wider = max(
                (text[wrapping, column] / (lines[wrapping, column] - 1)).min() + 0.01, widths[column] + room / 100
            )
            if wider - widths[column] > spare:
                continue
            fewer = cell_lines(text[:, column], wider)
            others = np.delete(lines, column, axis=1).max(axis=1, initial=1)
            saved = lines.max(axis=1) - np.maximum(others, fewer) + CELL_LINE_WEIGHT * (lines[:, column] - fewer)
            rate = saved.sum() / (wider - widths[column])
            if best is None or rate > best[0]:
                best = (rate, column, wider, fewer)
        if best is None:
            break
        _, column, widths[column], lines[:, column] = best
    return list(widths + (room - widths.sum()) / len(widths))


def boxed(node: nodes.Node) -> bool:
    """Whether ``node`` sits in a box that cannot break across pages (an admonition, an exercise, a table)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.Admonition, nodes.sidebar, nodes.topic, nodes.footnote, nodes.table)):
            return True
        parent = parent.parent
    return False


def cell_rows(table: nodes.table) -> tuple[list[str], list[list[str]], list[bool], frozenset[tuple[int, int]]]:
    """A table's header, its body rows and which columns are right-aligned (numbers), as text, and which body
    cells hold code (set in the monospaced font)."""

    def texts(row: nodes.row) -> list[str]:
        return [" ".join(entry.astext().split()) for entry in row.findall(nodes.entry)]

    head = next(iter(table.findall(nodes.thead)), None)
    header_rows = list(head.findall(nodes.row)) if head is not None else []
    body_rows = [row for body in table.findall(nodes.tbody) for row in body.findall(nodes.row)]
    header = texts(header_rows[0]) if header_rows else [""] * len(texts(body_rows[0]))
    first = header_rows[0] if header_rows else body_rows[0]
    right = ["text-right" in entry.get("classes", []) for entry in first.findall(nodes.entry)]
    code = frozenset(
        (number, column)
        for number, row in enumerate(body_rows)
        for column, entry in enumerate(row.findall(nodes.entry))
        if next(iter(entry.findall(nodes.literal)), None) is not None
    )
    return header, [texts(row) for row in body_rows], right, code


def plain_grid(table: nodes.table) -> bool:
    """Whether the table is a plain grid (one header row at most, no cell spanning rows or columns)."""
    spans = any(entry.get("morerows") or entry.get("morecols") for entry in table.findall(nodes.entry))
    heads = [row for head in table.findall(nodes.thead) for row in head.findall(nodes.row)]
    return not spans and len(heads) <= 1 and len(list(table.findall(nodes.tgroup))) == 1


class TablesForPrint(SphinxPostTransform):
    """Every table outside a box becomes a longtable (it breaks across pages and repeats its header) with
    a type size and column widths that fit the line."""

    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            if boxed(table) or not plain_grid(table):
                continue
            chosen = layout(*cell_rows(table))
            for text in list(table.findall(nodes.Text)):
                first, *rest = INSIDE_BREAK.split(text.astext())
                if rest:
                    woven = [nodes.Text(first)]
                    for piece in rest:
                        woven += [nodes.raw("", r"\camexbreak{}", format="latex"), nodes.Text(piece)]
                    text.parent.replace(text, woven)
            table["classes"] += ["longtable"]
            before = [nodes.raw("", chosen.setup(), format="latex"), addnodes.tabular_col_spec(spec=chosen.colspec())]
            if chosen.landscape:
                before.insert(0, nodes.raw("", r"\begin{landscape}", format="latex"))
                table.parent.insert(table.parent.index(table) + 1, nodes.raw("", r"\end{landscape}", format="latex"))
            table.parent.insert(table.parent.index(table), before)


class ExplorerNotes(SphinxPostTransform):
    """An explorer's plain-text fallback, which the PDF would print as program output, becomes a note."""

    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        from camex.explorers import PDF_NOTE

        for block in list(self.document.findall(nodes.literal_block)):
            if " ".join(block.astext().split()) == PDF_NOTE:
                block.replace_self(nodes.note("", nodes.paragraph(text=PDF_NOTE)))


def _solution(node: nodes.Node) -> bool:
    return type(node).__name__ == "solution_node"


def _exercise(node: nodes.Node) -> bool:
    return type(node).__name__ in {"exercise_node", "exercise_enumerable_node"}


class ExercisesWithSolutions(SphinxPostTransform):
    """Keep each exercise on the page of its solution: a pair that fits on a page goes in one unbreakable
    box; a longer pair starts where there is room and no page break falls between the two."""

    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for exercise in list(self.document.findall(_exercise)):
            parent = exercise.parent
            following = parent.children[parent.index(exercise) + 1 :]
            between = []
            for node in following:
                if not isinstance(node, nodes.target):
                    break
                between.append(node)
            solution = following[len(between)] if len(following) > len(between) else None
            if solution is None or not _solution(solution):
                continue
            short = len(exercise.astext()) + len(solution.astext()) <= KEEP_TOGETHER_CHARACTERS
            group = nodes.container(classes=["camexkeeptogether" if short else "camexkeepwithnext"])
            parent.insert(parent.index(exercise), group)
            for node in [exercise, *between, solution]:
                parent.remove(node)
            group += [exercise, nodes.raw("", r"\nopagebreak[4]", format="latex"), *between, solution]


class ExerciseLabels(SphinxPostTransform):
    """sphinx-exercise labels an exercise ``exercise:<label>`` in LaTeX, but a ``{ref}`` to it from another
    page points at ``<page>:<label>``, as Sphinx names every other target: give the exercise that name too."""

    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        registry = getattr(self.env, "sphinx_exercise_registry", {})
        for exercise in list(self.document.findall(_exercise)):
            label = exercise.get("label")
            if label in registry:
                name = rf"\label{{\detokenize{{{registry[label]['docname']}:{label}}}}}"
                exercise.parent.insert(exercise.parent.index(exercise), nodes.raw("", name, format="latex"))


class BibliographyInPlace(SphinxPostTransform):
    """Sphinx gathers the citations of a LaTeX document at its end, under a heading of its own; put them
    back at the end of the page whose ``{bibliography}`` directive lists them."""

    default_priority = 760  # after Sphinx's own BibliographyTransform (750) has gathered them
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        pages = {start["docname"]: start for start in self.document.findall(addnodes.start_of_file)}
        for bibliography in list(self.document.findall(thebibliography)):
            homes = {citation.get("docname") for citation in bibliography.children}
            start = pages.get(homes.pop()) if len(homes) == 1 else None
            section = next(iter(start.findall(nodes.section)), None) if start is not None else None
            if section is not None:
                bibliography.parent.remove(bibliography)
                section += bibliography


class Numbering:
    """The Jupyter Book LaTeX extension raises ``numfig_secnum_depth`` to 2 when the book has parts, so that
    LaTeX restarts its figure numbers in each chapter; but Sphinx then numbers the exercises "1.11.3" where the
    HTML says "1.3". Keep the configured depth for Sphinx's numbers: camexprint.sty restarts LaTeX's counters
    in each chapter itself."""

    def __init__(self):
        self.depth = None

    def remember(self, app, config) -> None:
        self.depth = config.numfig_secnum_depth

    def restore(self, app) -> None:
        app.config.numfig_secnum_depth = self.depth


def release_on_title_page(app) -> None:
    """The title page names the version of the release it belongs to (its date is Sphinx's ``today``)."""
    if app.builder.format == "latex":
        app.builder.context["release"] = str(citation()["version"])
        app.builder.context["releasename"] = "Version"


def setup(app):
    app.connect("builder-inited", release_on_title_page)
    numbering = Numbering()
    app.connect("config-inited", numbering.remember)
    app.connect("builder-inited", numbering.restore, priority=900)  # after the Jupyter Book LaTeX extension's
    for transform in (TablesForPrint, ExplorerNotes, ExerciseLabels, ExercisesWithSolutions, BibliographyInPlace):
        app.add_post_transform(transform)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
