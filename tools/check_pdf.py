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


def main(pdf: Path) -> int:
    if not pdf.exists():
        print(f"{pdf} does not exist: run `make pdf` first", file=sys.stderr)
        return 1
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    text = text.replace("\u2019", "'").replace("\u2013", "–")  # LaTeX typesets typographic apostrophes
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    image_count = sum(1 for line in images.splitlines()[2:] if line.split()[2] == "image")
    titles = page_titles()
    missing = [name for name in titles if name not in text]
    for name in missing:
        print(f"FAIL: the PDF has no page titled '{name}'")
    figures = figure_count()
    if image_count < figures:
        print(f"FAIL: the notebooks make {figures} figures but the PDF holds {image_count} images")
    passed = len(titles) - len(missing) + (image_count >= figures)
    failed = len(missing) + (image_count < figures)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
