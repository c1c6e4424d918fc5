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
CONFIG = ROOT / "_config.yml"
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


def chapters_judged(of: Page | Path) -> set[str | None]:
    """The chapters whose claims the page's code judges: the constant argument of each ``claims_table(...)``
    call, and None (every chapter) for ``claims_table()`` or ``ledger()``."""
    tree = syntax(of)
    judged = {call.args[0].value if call.args else None for call in calls(tree, "claims_table")}
    return judged | ({None} if calls(tree, "ledger") else set())


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


def write_derived_config(out: Path, edit) -> None:
    """Write to ``out`` the book's configuration as ``edit`` (a function that changes the parsed
    ``_config.yml`` in place) leaves it; ``out`` must sit beside ``_config.yml``, so that its relative paths
    still hold."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    edit(config)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


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


def short_title(of: Page | Path) -> str:
    """The page's title without its subtitle: 'A late start' for 'A late start: Canada and Mexico, 1822 to today'."""
    return title(of).split(":")[0].strip()


OBJECTIVE_NUMBER = re.compile(r"\s*\(\d+\)\s*")


def objectives(of: Page | Path) -> tuple[str, list[str]]:
    """A chapter's learning objectives split at their numbers: the lead-in ('After this chapter you can') and
    each objective, without the punctuation that joined them."""
    lead, *listed = OBJECTIVE_NUMBER.split(opening(of)["Learning objectives"])
    if not listed:
        return "", [lead.strip()]
    return lead.strip(), [re.sub(r"(;|\.|;\s*and|,\s*and)$", "", item.strip()).strip() for item in listed]


def chapter_outline(of: Page) -> str:
    """A chapter as the instructor's guide presents it, in MyST: its title as a link, what students learn
    (one objective a line) and its exercises, each a link, with their difficulty."""
    lead, learned = objectives(of)
    numbered = "\n".join(f"{number}. {objective}" for number, objective in enumerate(learned, start=1))
    tasks = "\n".join(
        f"- {{ref}}`{row.exercise} <{row.label}>` ({row.difficulty})" for row in exercises(of).itertuples()
    )
    return f"**{{doc}}`/{of.docname}`**\n\n{lead}:\n\n{numbered}\n\nIts exercises:\n\n{tasks or '- none yet'}\n"


HEADING = re.compile(r"^#{1,6} (?P<text>.+?)\s*#*$", re.M)


def sections(of: Page | Path) -> list[str]:
    """For each code cell of the page, in order, the heading of the section it sits in ('' above the first)."""
    heading, found = "", []
    for kind, text, _ in cells(of):
        if kind == "markdown":
            heading = ([match["text"] for match in HEADING.finditer(text)] or [heading])[-1]
        else:
            found.append(heading)
    return found


def replication_map(listed: list[Page]) -> pd.DataFrame:
    """The map from every figure and table the pages display to the notebook and code cell that make it:
    a figure by its number (a cross-reference), a table by the section it sits in."""
    rows = []
    for entry in listed:
        headings = sections(entry)
        for shown in figure_map([entry]).to_dict("records"):
            if shown["kind"] == "figure":
                what = f"{{numref}}`{shown['label']}`"
            else:
                what = f"Table in “{headings[shown['code cell'] - 1]}”"
            rows.append(
                {"figure or table": what, "notebook": f"notebooks/{entry.name}.ipynb", "cell": shown["code cell"]}
            )
    return pd.DataFrame(rows, columns=["figure or table", "notebook", "cell"])


GLOSSARY = re.compile(r"^```\{glossary\}[^\n]*\n(?P<body>.*?)^```", re.M | re.S)
TERM = re.compile(r"\{term\}`(?P<text>[^`<]*?)\s*(?:<(?P<target>[^`>]+)>)?`")


def glossary_entries(path: Path | None = None) -> dict[str, str]:
    """Every term the glossary defines, in lower case as Sphinx matches a {term} reference, with its
    definition; the terms listed together above one definition share it."""
    text = (path or ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    entries: dict[str, str] = {}
    terms: list[str] = []
    for block in GLOSSARY.finditer(text):
        for line in block["body"].splitlines():
            if not line.strip() or line.startswith(":"):
                continue
            if line[0].isspace():
                for term in terms:
                    entries[term] = f"{entries[term]} {line.strip()}".strip()
                continue
            if terms and entries[terms[-1]]:
                terms = []
            terms.append(line.strip().lower())
            entries[terms[-1]] = ""
    return entries


def term_references(of: Page | Path) -> list[str]:
    """The glossary terms the page's text links to with {term}, in lower case as Sphinx matches them."""
    return [(match["target"] or match["text"]).strip().lower() for match in TERM.finditer(markdown(of))]


NOT_PROSE = [
    re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S),  # mathematics
    re.compile(r"\{[\w:-]+\}`[^`]*`"),  # roles: glued values, citations, cross-references
    re.compile(r"```.*?```|`[^`\n]*`", re.S),  # code
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"^:\w+:.*$", re.M),  # directive options
]
WORD = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:-[A-Z]{2,})?\b")


def abbreviations(of: Page | Path) -> set[str]:
    """The abbreviations the page's prose uses: words of which every letter but at most one is a capital,
    with two capitals at least ('IRCC', 'T-MEC', 'eTA', 'HC0')."""
    text = markdown(of)
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    found = set()
    for word in WORD.findall(text):
        letters = [character for character in word if character.isalpha()]
        capitals = sum(character.isupper() for character in letters)
        if capitals >= 2 and capitals >= len(letters) - 1:
            found.add(word)
    return found


def zenodo_record(path: Path | None = None) -> dict:
    """The metadata Zenodo reads when a release of the repository is archived (``.zenodo.json``)."""
    return json.loads((path or ROOT / ".zenodo.json").read_text(encoding="utf-8"))
