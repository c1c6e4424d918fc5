"""The book's structure, read from its own sources: the pages in the table of contents, their titles,
the tables each page loads, the values it glues and shows, its figures and exercises, and the release
it belongs to. This is the one module that reads ``_toc.yml``, the pages and ``CITATION.cff``; the
catalogue, the guides, the tools and the tests ask it rather than parse them again.

A chapter is a MyST Markdown notebook (``notebooks/<name>.md``, the file people edit) paired with its
executed ``.ipynb``; the other pages are plain MyST Markdown under ``book/``.
"""

from __future__ import annotations

import ast
import datetime
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jupytext
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent
TOC = ROOT / "_toc.yml"
CITATION = ROOT / "CITATION.cff"
BENCH = ROOT / "tools" / "bench-results.json"
CHAPTERS_PART = "Chapters"

EXERCISE = re.compile(r"```\{exercise\}\s*(?P<title>.*?)\s*\n:label:\s*(?P<label>\S+)")
DIFFICULTY = re.compile(r"\((introductory|intermediate|advanced)\)\s*$")
OPENING_ITEM = re.compile(r"^- \*\*(?P<name>[^*]+?)\.\*\*\s*(?P<text>.*?)(?=^- \*\*|^```|\Z)", re.M | re.S)
OPENING_ITEMS = ("Learning objectives", "Prerequisites", "Time to read")
# {glue:text}`key`, {glue:text}`key:format` and {glue:text}`../notebooks/page.ipynb::key:format`
GLUE_REFERENCE = re.compile(r"\{glue(?::\w+)?\}`(?:(?P<path>[^`:]+\.ipynb)::)?(?P<key>[A-Za-z_]\w*)(?::[^`]*)?`")


@dataclass(frozen=True)
class Page:
    """One page of the table of contents."""

    docname: str  # as the table of contents names it, e.g. "notebooks/a-late-start"
    part: str | None  # the caption of its part; None for the landing page

    @property
    def name(self) -> str:
        return Path(self.docname).name

    @property
    def source(self) -> Path:
        """The file people edit: the page's MyST Markdown."""
        return ROOT / f"{self.docname}.md"

    @property
    def notebook(self) -> Path | None:
        """The executed notebook paired with the source, for pages that are notebooks."""
        path = ROOT / f"{self.docname}.ipynb"
        return path if path.exists() else None


def pages(toc: Path = TOC) -> list[Page]:
    """Every page of the book, in the order of the table of contents."""
    spec = yaml.safe_load(toc.read_text(encoding="utf-8"))
    listed = [Page(spec["root"], None)]
    for part in spec["parts"]:
        listed += [Page(entry["file"], part["caption"]) for entry in part["chapters"]]
    return listed


def notebook_pages(toc: Path = TOC) -> list[Page]:
    """The pages that are notebooks (chapters and generated appendices)."""
    return [page for page in pages(toc) if page.notebook is not None]


def chapters(toc: Path = TOC) -> list[Page]:
    """The chapters, in reading order."""
    return [page for page in pages(toc) if page.part == CHAPTERS_PART]


def page(name: str, toc: Path = TOC) -> Page:
    """A page by its file name, e.g. ``page("a-late-start")``."""
    for candidate in pages(toc):
        if candidate.name == name:
            return candidate
    raise KeyError(f"no page named '{name}' in {TOC.name}; the pages are: {', '.join(p.name for p in pages(toc))}")


@cache
def _read(source: Path, modified: float) -> tuple[tuple[str, str, dict], ...]:
    """Cells of a page as (type, source, metadata); the modification time keys the cache."""
    text = source.read_text(encoding="utf-8")
    if not text.startswith("---\njupytext:"):
        return (("markdown", text, {}),)
    notebook = jupytext.reads(text, fmt="md:myst")
    return tuple((cell.cell_type, cell.source, dict(cell.metadata)) for cell in notebook.cells)


def cells(of: Page | Path) -> list[tuple[str, str, dict]]:
    """The page's cells as (type, source, metadata), read from its MyST Markdown source."""
    source = of.source if isinstance(of, Page) else of
    return list(_read(source, source.stat().st_mtime))


def markdown(of: Page | Path) -> str:
    return "\n\n".join(text for kind, text, _ in cells(of) if kind == "markdown")


def code_cells(of: Page | Path) -> list[tuple[str, dict]]:
    """The page's code cells as (source, metadata), in order."""
    return [(text, metadata) for kind, text, metadata in cells(of) if kind == "code"]


def title(of: Page | Path) -> str:
    """The page's first level-one heading."""
    for line in markdown(of).splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise ValueError(f"{of} has no level-one heading")


def syntax(of: Page | Path) -> ast.Module:
    """All of a page's code as one syntax tree, so that only code that runs is counted."""
    return ast.parse("\n".join(source for source, _ in code_cells(of)))


def calls(tree: ast.AST, function: str) -> list[ast.Call]:
    """Calls to ``function`` (by its bare name) anywhere in ``tree``."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function
    ]


def tables_loaded(of: Page | Path) -> set[str]:
    """Names of the data tables the page's code passes to ``load``; text that only mentions
    ``load("…")``, in prose or in a comment, is not counted."""
    return {
        call.args[0].value
        for call in calls(syntax(of), "load")
        if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
    }


def glued_keys(of: Page | Path) -> list[str]:
    """The keys the page glues: the keyword names of its ``glue(...)`` calls, in order."""
    return [keyword.arg for call in calls(syntax(of), "glue") for keyword in call.keywords if keyword.arg]


def glue_references(of: Page | Path) -> list[tuple[str, str]]:
    """The glued values the page's text shows, as (name of the page that glues it, key)."""
    own = of.name if isinstance(of, Page) else of.stem
    return [
        (Path(match["path"]).stem if match["path"] else own, match["key"])
        for match in GLUE_REFERENCE.finditer(markdown(of))
    ]


def figure_map(listed: list[Page]) -> pd.DataFrame:
    """Every figure and table the pages display, with the page and code cell that make it and the data
    tables the page reads. A figure is a code cell with figure metadata; a table, a code cell that ends by
    displaying ``markdown_table(...)``."""
    rows = []
    for entry in listed:
        tables = ", ".join(sorted(tables_loaded(entry)))
        for number, (source, metadata) in enumerate(code_cells(entry), start=1):
            figure = metadata.get("mystnb", {}).get("figure")
            last_line = (source.strip().splitlines() or [""])[-1]
            if figure:
                row = {"kind": "figure", "label": figure["name"], "what": figure["caption"]}
            elif last_line.startswith("markdown_table("):
                row = {
                    "kind": "table",
                    "label": "",
                    "what": last_line.removeprefix("markdown_table(").removesuffix(")"),
                }
            else:
                continue
            rows.append({**row, "page": entry.name, "code cell": number, "data tables read by the page": tables})
    return pd.DataFrame(rows)


def opening(of: Page | Path) -> dict[str, str]:
    """The items of a chapter's 'Before you start' box: learning objectives, prerequisites, time to read."""
    first = next(text for kind, text, _ in cells(of) if kind == "markdown")
    items = {match["name"]: " ".join(match["text"].split()) for match in OPENING_ITEM.finditer(first)}
    missing = set(OPENING_ITEMS) - set(items)
    if missing:
        raise ValueError(f"{of} does not state: {', '.join(sorted(missing))}")
    return items


def exercises(of: Page | Path) -> pd.DataFrame:
    """The chapter's exercises: label, title and difficulty (the last word of the title, in brackets)."""
    rows = []
    for match in EXERCISE.finditer(markdown(of)):
        difficulty = DIFFICULTY.search(match["title"])
        if not difficulty:
            raise ValueError(f"{of}: exercise {match['label']} has no difficulty in its title")
        rows.append(
            {
                "label": match["label"],
                "exercise": DIFFICULTY.sub("", match["title"]).strip(),
                "difficulty": difficulty[1],
            }
        )
    return pd.DataFrame(rows, columns=["label", "exercise", "difficulty"])


def chapter_guide(listed: list[Page]) -> pd.DataFrame:
    """One row per chapter: its title, objectives, prerequisites, time and exercises by difficulty."""
    rows = []
    for entry in listed:
        items = opening(entry)
        tasks = exercises(entry)
        rows.append(
            {
                "chapter": title(entry),
                "learning objectives": items["Learning objectives"],
                "prerequisites": items["Prerequisites"],
                "time": items["Time to read"],
                "exercises": "; ".join(f"{row.exercise} ({row.difficulty})" for row in tasks.itertuples()),
            }
        )
    return pd.DataFrame(rows)


def citation(path: Path = CITATION) -> dict:
    """The book's citation record."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def release_date(path: Path = CITATION) -> datetime.date:
    """The date of this release of the book, stated once, in ``CITATION.cff``."""
    return citation(path)["date-released"]


def pinned_requirements(path: Path = ROOT / "requirements.txt") -> pd.DataFrame:
    """The direct dependencies and their pinned versions."""
    pins = [
        line.split("==")
        for line in path.read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    ]
    return pd.DataFrame(pins, columns=["package", "version"])


def measured_times(path: Path = BENCH) -> tuple[dict, pd.DataFrame]:
    """What ``make bench`` last recorded: the record (date, cores, Python, TeX disk) and a table of each
    measure with its seconds, ratio and budget, formatted for the page."""
    if not path.exists():
        raise FileNotFoundError(f"{path.name} is missing: run `make bench` to measure the book on this machine")
    record = json.loads(path.read_text(encoding="utf-8"))
    timings = pd.DataFrame(record["results"], columns=["measure", "seconds", "ratio", "budget"])
    shown = {
        "seconds": timings["seconds"].map(lambda seconds: "" if pd.isna(seconds) else f"{seconds:.1f}"),
        "ratio": timings["ratio"].map(lambda ratio: "" if pd.isna(ratio) else f"{ratio:.2f}"),
        "budget": timings["budget"].map(lambda budget: "" if pd.isna(budget) else f"{budget:g}"),
    }
    return record, timings.assign(**shown)
