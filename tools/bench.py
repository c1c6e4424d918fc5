"""Measure the book's budgets on this machine (`make bench`).

Prints each notebook's execution time, the cold HTML build, the no-change rebuild, `make test` from a
clean build, the PDF build, the largest page with its images, and a floor book built beside ours: as many
notebooks, each importing only the stack (pandas, matplotlib, statsmodels, ipywidgets), so that the ratio
shows what the book itself costs above the imports every such book pays. Our cold build is timed as
`make book` runs it: the notebooks executed two at a time into the build's cache, then Sphinx; the floor
book is built by Jupyter Book alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from camex.book import notebook_pages
from notebooks import execute, fill_cache

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [page.notebook for page in notebook_pages()]
FLOOR_IMPORTS = "import pandas, matplotlib.pyplot, statsmodels.api, ipywidgets"
RECORD = ROOT / "tools" / "bench-results.json"
TEX_TREES = ["/usr/share/texlive", "/usr/share/texmf", "/var/lib/texmf", "/usr/share/fonts/truetype/dejavu"]
BUDGETS = {"notebook": 10, "rebuild": 15, "test": 60, "pdf": 180, "ratio": 1.1, "page_mb": 1.5}


def timed(command: list[str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def execution_time(notebook: Path) -> float:
    """Seconds to execute a notebook from a fresh kernel, outputs discarded."""
    nb = nbformat.read(notebook, as_version=4)
    start = time.perf_counter()
    execute(nb, notebook.parent)
    return time.perf_counter() - start


def build(source: Path, output: Path) -> float:
    return timed(["jupyter-book", "build", str(source), "--builder", "html", "--path-output", str(output)])


def build_ours(output: Path) -> float:
    """Our build as `make book` runs it: the execution cache filled in parallel, then Sphinx."""
    start = time.perf_counter()
    fill_cache(output / "_build" / ".jupyter_cache")
    return time.perf_counter() - start + build(ROOT, output)


def largest_page(site: Path) -> tuple[str, float]:
    """The page that weighs most with the images it shows, in megabytes."""
    weights = {}
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        images = {image for image in site.rglob("_images/*") if image.name in html}
        weights[str(page.relative_to(site))] = (page.stat().st_size + sum(i.stat().st_size for i in images)) / 1e6
    name = max(weights, key=weights.get)
    return name, weights[name]


def floor_book(folder: Path, chapters: int) -> Path:
    """A book with as many notebooks as ours, each doing nothing but import the stack."""
    (folder / "_config.yml").write_text(
        "title: Floor\nexecute:\n  execute_notebooks: cache\nonly_build_toc_files: true\n"
    )
    (folder / "intro.md").write_text("# Floor book\n")
    names = [f"chapter{index}" for index in range(chapters)]
    toc = "format: jb-book\nroot: intro\nchapters:\n" + "".join(f"  - file: {name}\n" for name in names)
    (folder / "_toc.yml").write_text(toc)
    for name in names:
        # each notebook's code must differ, or the execution cache would run only the first
        code = f"{FLOOR_IMPORTS}\nchapter = {name!r}"
        nb = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(code)]
        )
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def tex_disk_megabytes() -> float | None:
    """Disk used by the TeX trees and fonts the PDF build installs, or None where TeX is absent."""
    trees = [Path(path) for path in TEX_TREES if Path(path).exists()]
    if not trees:
        return None
    usage = subprocess.run(["du", "-sm", *map(str, trees)], capture_output=True, text=True, check=True)
    return float(sum(int(line.split()[0]) for line in usage.stdout.splitlines()))


def report(label: str, seconds: float, budget: float | None = None) -> dict:
    verdict = "" if budget is None else (f"  (budget {budget:g} s: {'ok' if seconds <= budget else 'OVER'})")
    print(f"{label:<44}{seconds:8.1f} s{verdict}")
    return {"measure": label, "seconds": round(seconds, 2), "budget": budget}


def main() -> int:
    print(f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}\n")
    results = [
        report(f"execute {notebook.name}", execution_time(notebook), BUDGETS["notebook"]) for notebook in NOTEBOOKS
    ]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        # a cold build is timed twice, into fresh folders, and the faster kept: the machine's noise is one-sided
        ours_cold = min(build_ours(scratch / "ours-first"), build_ours(scratch / "ours"))
        results.append(report("HTML build, cold", ours_cold))
        results.append(report("HTML build, nothing changed", build_ours(scratch / "ours"), BUDGETS["rebuild"]))
        page, megabytes = largest_page(scratch / "ours" / "_build" / "html")
        print(f"{'largest page with its images: ' + page:<44}{megabytes:8.2f} MB  (budget {BUDGETS['page_mb']:g} MB)")
        (scratch / "floor-src").mkdir()
        floor = floor_book(scratch / "floor-src", len(NOTEBOOKS))
        floor_cold = min(build(floor, scratch / "floor-first"), build(floor, scratch / "floor"))
        results.append(report(f"floor book ({len(NOTEBOOKS)} import-only notebooks), cold", floor_cold))
    ratio = ours_cold / floor_cold
    verdict = "ok" if ratio <= BUDGETS["ratio"] else "OVER"
    print(f"{'cold build / floor book':<44}{ratio:8.2f}    (budget {BUDGETS['ratio']:g}: {verdict})")
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    results.append(report("make test, from a clean build", timed(["make", "test"]), BUDGETS["test"]))
    if shutil.which("xelatex") and shutil.which("latexmk"):
        results.append(report("make pdf", timed(["make", "pdf"]), BUDGETS["pdf"]))
    else:
        print("make pdf: skipped, TeX is not installed (see README)")
    results.append({"measure": "cold build / floor book", "ratio": round(ratio, 2), "budget": BUDGETS["ratio"]})
    results.append(
        {
            "measure": f"largest page with its images (MB): {page}",
            "ratio": round(megabytes, 2),
            "budget": BUDGETS["page_mb"],
        }
    )
    tex = tex_disk_megabytes()
    if tex:
        print(f"{'disk used by the TeX packages':<44}{tex:8.0f} MB")
    record = {
        "measured": time.strftime("%Y-%m-%d"),
        "cores": os.cpu_count(),
        "python": sys.version.split()[0],
        "tex_disk_mb": tex,
        "results": results,
    }
    RECORD.write_text(json.dumps(record, indent=2) + "\n")
    print(f"\nRecorded in {RECORD.relative_to(ROOT)} (the reviewer's guide reads it).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
