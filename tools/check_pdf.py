"""Check the built PDF against the book and its HTML edition: every chapter's title, an image per figure, no
printed plumbing; every row and column of every table the HTML shows; each figure and each exercise under the
number the HTML gives it, and each solution on the page of its exercise; figures printed at the size they were
drawn, in the body's font; nothing sticking out of the text block.

Usage: python tools/check_pdf.py _build/latex/canada-mexico.pdf _build/html

The LaTeX log is read beside the PDF (canada-mexico.log).
"""

import re
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import matplotlib

from camex.book import ROOT, figure_map, notebook_pages, pages, title
from camex.style import STYLE_PATH

sys.path.insert(0, str(ROOT / "book" / "_ext"))

import print_edition  # noqa: E402

# A line may stick out of the text block (or a page run below it) by this much: a twentieth of the 1 inch
# margin, which no reader sees. More is text running into the margin or off the page (a table's column, an
# address, a long word, an exercise too long for its page).
MAX_OVERFULL_PT = 3.6
# A figure drawn with 8 pt text (the house style's smallest) may print at 99% of its drawn size, not smaller.
MIN_FIGURE_SCALE = 0.99
OVERFULL = re.compile(r"^Overfull \\[hv]box \((?P<points>[\d.]+)pt too (?:wide|high)\) (?P<where>.*)$", re.MULTILINE)
TEXT_BLOCK = re.compile(r"camexprint: text block (?P<width>[\d.]+)pt by (?P<height>[\d.]+)pt")


def page_titles() -> list[str]:
    """Titles of the pages after the landing page, which the PDF prints as its title page."""
    return [title(page) for page in pages() if page.part is not None]


def figure_count() -> int:
    """Figures the pages make, as the reviewer's guide maps them."""
    return int((figure_map(notebook_pages())["kind"] == "figure").sum())


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of the PDF, white space folded and LaTeX's typographic apostrophes made plain."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()).replace("\u2019", "'") for page in text.split("\f")]


def pdf_text(pdf: Path) -> str:
    """The PDF's text with white space folded and LaTeX's typographic apostrophes made plain."""
    return " ".join(pdf_pages(pdf))


def squashed(text: str) -> str:
    """Letters and digits only, in lower case: what survives line breaks, hyphenation and typography."""
    return re.sub(r"[\W_]+", "", text.casefold())


def image_count(pdf: Path) -> int:
    return len(image_resolutions(pdf))


def image_resolutions(pdf: Path) -> list[tuple[int, int, float]]:
    """The page, the width in pixels and the horizontal resolution (pixels per inch as printed) of each image."""
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    return [(int(row[0]), int(row[3]), float(row[12])) for row in rows if row[2] == "image"]


def problems(text: str, images: int) -> list[str]:
    """What a reader of the PDF would miss or should not see."""
    found = [f"the PDF has no page titled '{name}'" for name in page_titles() if name not in text]
    figures = figure_count()
    if images < figures:
        found.append(f"the pages make {figures} figures but the PDF holds {images} images")
    if "glue(" in text:
        found.append("the PDF prints a glue( call: tag the cell remove-cell")
    return found


# ---- what the HTML edition shows --------------------------------------------------------------------------


@dataclass
class Table:
    page: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class Numbered:
    """A figure or an exercise, with the number and the caption (or title) the HTML gives it."""

    page: str
    number: str  # "Fig. 2.2", "Exercise 1.3"
    caption: str


class PageReader(HTMLParser):
    """The tables (header and body rows, as text) and the numbered figures and exercises of one HTML page."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page, self.tables, self.numbered = page, [], []
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.in_head = False
        self.caption: dict[str, list[str]] | None = None  # the number and the rest of a caption or a title
        self.closing: str | None = None  # the tag that ends it
        self.in_number = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table":
            self.tables.append(Table(self.page))
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and self.tables:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "figcaption" or (tag == "p" and "admonition-title" in classes):
            self.caption, self.closing = {"number": [], "text": []}, tag
        elif tag == "span" and self.caption is not None and "caption-number" in classes:
            self.in_number = True

    def handle_endtag(self, tag):
        if tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            table = self.tables[-1]
            if self.in_head:
                table.header = self.row
            else:
                table.rows.append(self.row)
            self.row = None
        elif tag == "span":
            self.in_number = False
        elif tag == self.closing and self.caption is not None:
            number = " ".join("".join(self.caption["number"]).split())
            if number:
                caption = " ".join("".join(self.caption["text"]).split()).strip(" #¶")
                self.numbered.append(Numbered(self.page, number, caption))
            self.caption = self.closing = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        if self.caption is not None:
            self.caption["number" if self.in_number else "text"].append(data)


def read_site(site: Path) -> tuple[list[Table], list[Numbered]]:
    """The tables and the numbered figures and exercises of the book's pages in a built HTML site."""
    tables, numbered = [], []
    for page in pages():
        reader = PageReader(page.docname)
        reader.feed((site / f"{page.docname}.html").read_text(encoding="utf-8"))
        tables += reader.tables
        numbered += reader.numbered
    return tables, numbered


# ---- the checks against the PDF ---------------------------------------------------------------------------


def table_problems(tables: list[Table], text: str) -> list[str]:
    """Tables whose header cells, or whose rows (their first and last cells), the PDF does not print."""
    printed = squashed(text)
    found = []
    for number, table in enumerate(tables, start=1):
        name = f"{table.page}, table {number} ({', '.join(table.header[:3])}, …)"
        lost_columns = [cell for cell in table.header if squashed(cell) not in printed]
        if lost_columns:
            found.append(f"{name}: the PDF does not print the column(s) {', '.join(lost_columns)}")
        lost_rows = []
        for row in table.rows:
            ends = [cell for cell in row if squashed(cell)]
            if ends and not (squashed(ends[0]) in printed and squashed(ends[-1]) in printed):
                lost_rows.append(f"'{ends[0][:40]}' … '{ends[-1][:40]}'")
        if lost_rows:
            found.append(f"{name}: {len(lost_rows)} of {len(table.rows)} rows are not in the PDF, first {lost_rows[0]}")
    return found


def numbering_problems(numbered: list[Numbered], text: str) -> list[str]:
    """Figures and exercises the PDF does not print under the number the HTML gives them."""
    printed = squashed(text)
    found = []
    for item in numbered:
        opening = " ".join(item.caption.split()[:8])
        if squashed(f"{item.number} {opening}") not in printed:
            kind = item.number.split()[0]
            match = re.search(rf"({re.escape(kind)} [\d.]+):? ?" + re.escape(" ".join(item.caption.split()[:3])), text)
            instead = f"; the PDF calls it {match[1]}" if match else ""
            found.append(f"{item.page}: the HTML's {item.number} ('{opening} …') is not the PDF's{instead}")
    return found


def exercise_problems(pages: list[str]) -> list[str]:
    """Solutions printed on a page without their exercise: a reader would turn the page back and forth."""
    found = []
    for number, text in enumerate(pages, start=1):
        for exercise in re.findall(r"Solution to (Exercise [\d.]+) \(", text):
            if len(re.findall(re.escape(exercise) + r" \(", text)) < 2:
                found.append(f"the solution to {exercise} is on page {number}, the exercise is not")
    return found


def overfull_problems(log: str) -> list[str]:
    """Lines (and pages) LaTeX set beyond the text block by more than the margin hides: one problem, naming
    the five widest and where they are."""
    wide = sorted(
        ((float(match["points"]), match["where"]) for match in OVERFULL.finditer(log)),
        key=lambda item: -item[0],
    )
    wide = [(points, where) for points, where in wide if points > MAX_OVERFULL_PT]
    if not wide:
        return []
    widest = "; ".join(f"{points:.1f} pt {where}" for points, where in wide[:5])
    return [f"{len(wide)} lines or pages stick out of the text block by more than {MAX_OVERFULL_PT} pt: {widest}"]


def text_block_problems(log: str) -> list[str]:
    """The tables are sized for the text block print_edition assumes: it must be the one LaTeX used."""
    block = TEXT_BLOCK.search(log)
    if block is None:
        return ["the LaTeX log does not state the text block: is camexprint.sty loaded?"]
    sizes = (float(block["width"]), float(block["height"])), (print_edition.TEXT_WIDTH, print_edition.TEXT_HEIGHT)
    if any(abs(used - assumed) > 0.5 for used, assumed in zip(*sizes)):
        return [f"LaTeX's text block is {sizes[0]} pt but book/_ext/print_edition.py sizes tables for {sizes[1]} pt"]
    return []


def figure_scale_problems(images: list[tuple[int, int, float]], drawn_at: float) -> list[str]:
    """Figures printed smaller than drawn (wider than the line), whose smallest text then prints below 8 pt."""
    return [
        f"the figure on page {page} is {pixels / drawn_at:.2f} in wide and prints at {drawn_at / ppi:.0%} of its "
        f"size (its 8 pt text at {8 * drawn_at / ppi:.1f} pt): keep it, and all it draws, within "
        f"{print_edition.TEXT_WIDTH / 72.27:.1f} in"
        for page, pixels, ppi in images
        if drawn_at / ppi < MIN_FIGURE_SCALE
    ]


def font_problems(pdf: Path) -> list[str]:
    """The figures' font family (the house style's) must be the PDF's body font."""
    family = matplotlib.rc_params_from_file(STYLE_PATH, use_default_template=False)["font.family"][0]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    if family.replace(" ", "") not in fonts:
        return [f"the figures are drawn in {family} (camex/camex.mplstyle) but the PDF does not use it"]
    return []


def all_problems(pdf: Path, site: Path) -> list[str]:
    pages = pdf_pages(pdf)
    text = " ".join(pages)
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    tables, numbered = read_site(site)
    drawn_at = float(matplotlib.rc_params_from_file(STYLE_PATH, use_default_template=False)["figure.dpi"])
    return (
        problems(text, image_count(pdf))
        + table_problems(tables, text)
        + numbering_problems(numbered, text)
        + exercise_problems(pages)
        + overfull_problems(log)
        + text_block_problems(log)
        + figure_scale_problems(image_resolutions(pdf), drawn_at)
        + font_problems(pdf)
    )


def main(pdf: Path, site: Path) -> int:
    for path, make in ((pdf, "make pdf"), (site, "make test-html")):
        if not path.exists():
            print(f"{path} does not exist: run `{make}` first", file=sys.stderr)
            return 1
    found = all_problems(pdf, site)
    for problem in found:
        print(f"FAIL: {problem}")
    print("every check passed" if not found else f"{len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
