"""The student edition: the same book with every exercise's solution left out, as HTML and as PDF.

``python tools/student_edition.py config OUT`` writes a configuration derived from _config.yml that turns
on sphinx-exercise's ``hide_solutions`` (book/_ext/release.py then says so at the top of every HTML page),
names the edition in the title (the PDF's title page, every page's header), keeps the notebooks out of the
site (no copies of the sources, no download or launch buttons: the notebooks hold the solutions) and shares
the main build's execution cache; write it beside _config.yml, so that the relative paths in it still hold.
``python tools/student_edition.py check SITE`` fails if any solution reached the built pages, if the site
serves or offers a notebook, or if the landing page does not say which edition it is.
``python tools/student_edition.py check-pdf PDF`` fails if the PDF prints a solution, has no exercises, or
its title page does not say which edition it is.
"""

import re
import subprocess
import sys
from pathlib import Path

from camex.book import ROOT, pages, write_derived_config

EDITION = "student edition"
# the theme's buttons that download a page's notebook or source, or open it on Binder or Colab
NOTEBOOK_OFFER = re.compile(r"download-(notebook|source)-button|launch-buttons")


def write_config(out: Path) -> None:
    write_derived_config(out, as_student_edition)


def as_student_edition(config: dict) -> None:
    config["title"] += f" ({EDITION})"
    config["sphinx"]["config"]["hide_solutions"] = True
    # the notebooks and their sources carry the solutions: neither is copied, offered or launched
    config.pop("launch_buttons", None)
    config["sphinx"]["config"]["html_copy_source"] = False
    config["sphinx"]["config"]["html_theme_options"] = {"use_download_button": False}
    config["sphinx"]["recursive_update"] = True  # add to the theme's options, not replace them
    config["execute"]["cache"] = str(ROOT / "_build" / ".jupyter_cache")


def check(site: Path) -> int:
    found = site_problems(site)
    for problem in found:
        print(f"FAIL: {problem}")
    print("every check passed" if not found else f"{len(found)} problems")
    return 1 if found else 0


def site_problems(site: Path) -> list[str]:
    """Solutions that reached the student site, in its pages or in notebooks it serves, a site without
    exercises, a landing page that does not name the edition."""
    built = sorted(site.rglob("*.html"))
    exercises = sum(page.read_text(encoding="utf-8").count('class="exercise admonition') for page in built)
    found = [
        f"{page.relative_to(site)} contains a solution"
        for page in built
        if 'class="solution' in page.read_text(encoding="utf-8")
    ]
    found += [f"the site serves {path.relative_to(site)}, which holds the solutions" for path in notebooks_served(site)]
    found += [
        f"{page.relative_to(site)} offers the notebook"
        for page in built
        if NOTEBOOK_OFFER.search(page.read_text(encoding="utf-8"))
    ]
    if not exercises:
        found.append("the student edition has no exercises at all")
    landing = site / f"{pages()[0].docname}.html"
    if EDITION not in landing.read_text(encoding="utf-8").casefold():
        found.append(f"the landing page {landing.relative_to(site)} does not say it is the {EDITION}")
    return found


def notebooks_served(site: Path) -> list[Path]:
    """The notebooks and their Markdown sources the site holds."""
    return sorted({path for pattern in ("*.ipynb", "_sources/**/*") for path in site.rglob(pattern) if path.is_file()})


def pdf_problems(text: str, title_page: str) -> list[str]:
    """Solutions the student PDF prints, a PDF without exercises, a title page that does not name the edition."""
    found = []
    if "Solution to Exercise" in " ".join(text.split()):
        found.append("the student PDF prints a solution")
    if "Exercise" not in text:
        found.append("the student PDF has no exercises at all")
    if EDITION not in " ".join(title_page.split()).casefold():
        found.append(f"the title page does not say it is the {EDITION}")
    return found


def check_pdf(pdf: Path) -> int:
    def text(*pages: str) -> str:
        return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout

    found = pdf_problems(text(), text("-l", "1"))
    for problem in found:
        print(f"FAIL: {problem}")
    print("every check passed" if not found else f"{len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    command, path = sys.argv[1], Path(sys.argv[2])
    if command == "config":
        write_config(path)
    elif command == "check-pdf":
        sys.exit(check_pdf(path))
    else:
        sys.exit(check(path))
