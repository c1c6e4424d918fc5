"""Check the built PDF: every chapter's title is in its text and it holds at least one image per figure.

Usage: python tools/check_pdf.py _build/latex/canada-mexico.pdf
"""

import subprocess
import sys
from pathlib import Path

from camex.book import figure_map, notebook_pages, pages, title


def page_titles() -> list[str]:
    """Titles of the pages after the landing page, which the PDF prints as its title page."""
    return [title(page) for page in pages() if page.part is not None]


def figure_count() -> int:
    """Figures the pages make, as the reviewer's guide maps them."""
    return int((figure_map(notebook_pages())["kind"] == "figure").sum())


def pdf_text(pdf: Path) -> str:
    """The PDF's text with white space folded and LaTeX's typographic apostrophes made plain."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()).replace("\u2019", "'")


def image_count(pdf: Path) -> int:
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return sum(1 for line in images.splitlines()[2:] if line.split()[2] == "image")


def problems(text: str, images: int) -> list[str]:
    """What a reader of the PDF would miss or should not see."""
    found = [f"the PDF has no page titled '{name}'" for name in page_titles() if name not in text]
    figures = figure_count()
    if images < figures:
        found.append(f"the pages make {figures} figures but the PDF holds {images} images")
    if "glue(" in text:
        found.append("the PDF prints a glue( call: tag the cell remove-cell")
    return found


def main(pdf: Path) -> int:
    if not pdf.exists():
        print(f"{pdf} does not exist: run `make pdf` first", file=sys.stderr)
        return 1
    found = problems(pdf_text(pdf), image_count(pdf))
    for problem in found:
        print(f"FAIL: {problem}")
    print("every check passed" if not found else f"{len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
