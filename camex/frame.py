"""The book's frame, read from its own sources: which cell makes each figure and table, what each chapter
promises its readers, and which exercises it sets. Generated, never kept by hand, so the guides cannot
drift from the chapters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from camex.catalogue import notebook_title
from camex.data import tables_used_by

EXERCISE = re.compile(r"```\{exercise\}\s*(?P<title>.*?)\s*\n:label:\s*(?P<label>\S+)")
DIFFICULTY = re.compile(r"\((introductory|intermediate|advanced)\)\s*$")
OPENING_ITEM = re.compile(r"^- \*\*(?P<name>[^*]+?)\.\*\*\s*(?P<text>.*?)(?=^- \*\*|^```|\Z)", re.M | re.S)


def cells(notebook: Path) -> list[dict]:
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def markdown(notebook: Path) -> str:
    return "\n".join("".join(cell["source"]) for cell in cells(notebook) if cell["cell_type"] == "markdown")


def figure_map(notebooks: list[Path]) -> pd.DataFrame:
    """Every figure and table the notebooks display: its label or caption, the notebook and code cell
    that make it (the cell's execution count), and the data tables the notebook reads.

    Read from the notebooks' sources, not their outputs, so the map does not depend on the order in
    which notebooks were last run: a figure is a cell with figure metadata, a table a cell that ends by
    displaying ``markdown_table(...)``.
    """
    rows = []
    for notebook in notebooks:
        tables = ", ".join(sorted(tables_used_by(notebook)))
        code_cells = [cell for cell in cells(notebook) if cell["cell_type"] == "code"]
        for number, cell in enumerate(code_cells, start=1):
            figure = cell["metadata"].get("mystnb", {}).get("figure")
            last_line = "".join(cell["source"]).strip().splitlines()[-1:] or [""]
            if figure:
                rows.append({"kind": "figure", "label": figure["name"], "what": figure["caption"]})
            elif last_line[0].startswith("markdown_table("):
                rows.append({"kind": "table", "label": "", "what": last_line[0].removeprefix("markdown_table(").removesuffix(")")})
            else:
                continue
            rows[-1].update({"notebook": notebook.name, "code cell": number, "data tables read by the notebook": tables})
    return pd.DataFrame(rows)


def opening(notebook: Path) -> dict[str, str]:
    """The items of a chapter's 'Before you start' box: learning objectives, prerequisites, time to read."""
    first = "".join(cells(notebook)[0]["source"])
    items = {match["name"]: " ".join(match["text"].split()) for match in OPENING_ITEM.finditer(first)}
    missing = {"Learning objectives", "Prerequisites", "Time to read"} - set(items)
    if missing:
        raise ValueError(f"{notebook.name} does not state: {', '.join(sorted(missing))}")
    return items


def exercises(notebook: Path) -> pd.DataFrame:
    """The chapter's exercises: label, title and difficulty (the last word of the title, in brackets)."""
    rows = []
    for match in EXERCISE.finditer(markdown(notebook)):
        difficulty = DIFFICULTY.search(match["title"])
        if not difficulty:
            raise ValueError(f"{notebook.name}: exercise {match['label']} has no difficulty in its title")
        rows.append({"label": match["label"], "exercise": DIFFICULTY.sub("", match["title"]).strip(), "difficulty": difficulty[1]})
    return pd.DataFrame(rows)


def chapter_guide(notebooks: list[Path]) -> pd.DataFrame:
    """One row per chapter: its title, objectives, prerequisites, time and exercises by difficulty."""
    rows = []
    for notebook in notebooks:
        items = opening(notebook)
        tasks = exercises(notebook)
        rows.append(
            {
                "chapter": notebook_title(notebook),
                "learning objectives": items["Learning objectives"],
                "prerequisites": items["Prerequisites"],
                "time": items["Time to read"],
                "exercises": "; ".join(f"{row.exercise} ({row.difficulty})" for row in tasks.itertuples()),
            }
        )
    return pd.DataFrame(rows)


def pinned_requirements(path: Path) -> pd.DataFrame:
    """The direct dependencies and their pinned versions."""
    pins = [line.split("==") for line in path.read_text(encoding="utf-8").splitlines() if "==" in line and not line.startswith("#")]
    return pd.DataFrame(pins, columns=["package", "version"])
