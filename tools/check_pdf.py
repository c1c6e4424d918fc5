"""Check the built PDF: every chapter's title is in its text and it holds at least one image per figure.

Usage: python tools/check_pdf.py _build/latex/canada-mexico.pdf
"""

import subprocess
import sys
from pathlib import Path

import yaml

from camex.catalogue import notebook_title
from camex.frame import figure_map

ROOT = Path(__file__).resolve().parent.parent


def page_titles() -> list[str]:
    """Titles of the pages in the table of contents (the first level-one heading of each)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    titles = []
    for name in (chapter["file"] for part in toc["parts"] for chapter in part["chapters"]):
        notebook = ROOT / f"{name}.ipynb"
        if notebook.exists():
            titles.append(notebook_title(notebook))
        else:
            text = (ROOT / f"{name}.md").read_text(encoding="utf-8")
            titles.append(next(line[2:].strip() for line in text.splitlines() if line.startswith("# ")))
    return titles


def figure_count() -> int:
    """Figures the notebooks make, as the reviewer's guide maps them."""
    return int((figure_map(sorted((ROOT / "notebooks").glob("*.ipynb")))["kind"] == "figure").sum())


def main(pdf: Path) -> int:
    if not pdf.exists():
        print(f"{pdf} does not exist: run `make pdf` first", file=sys.stderr)
        return 1
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    text = text.replace("\u2019", "'").replace("\u2013", "–")  # LaTeX typesets typographic apostrophes
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    image_count = sum(1 for line in images.splitlines()[2:] if line.split()[2] == "image")
    titles = page_titles()
    missing = [title for title in titles if title not in text]
    for title in missing:
        print(f"FAIL: the PDF has no page titled '{title}'")
    figures = figure_count()
    if image_count < figures:
        print(f"FAIL: the notebooks make {figures} figures but the PDF holds {image_count} images")
    passed = len(titles) - len(missing) + (image_count >= figures)
    failed = len(missing) + (image_count < figures)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
