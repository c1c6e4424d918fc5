"""The data catalogue: what each bundled table holds, where it comes from and who uses it, and the same
as the appendix *About the data* shows it to readers (titles in words, no internal names)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from camex.book import Page, calls, chapters_judged, short_title, syntax, tables_loaded
from camex.claims import tables_judged
from camex.data import PACKAGE_PATH, SOURCES, load, read_package
from camex.literature import LITERATURE
from camex.page import prose_date, year, year_span

TEMPORAL_TYPES = ("year", "yearmonth", "date")


def period_field(entry: dict) -> str | None:
    """The field that dates a table's rows: the one its vintage names, or its first time field."""
    named = entry.get("vintage", {}).get("period_field")
    return named or next(
        (field["name"] for field in entry["schema"]["fields"] if field["type"] in TEMPORAL_TYPES), None
    )


def period(table: pd.DataFrame, entry: dict, until: datetime.date | None = None) -> tuple[str, str] | None:
    """First and last reference period of a table, as ISO text at the table's precision (2024,
    2024-02, 2024-02-29), or None for a table without dates. With ``until``, periods after that day (a
    measure scheduled to take effect later, say) do not count."""
    field = period_field(entry)
    if field is None or table[field].dropna().empty:
        return None
    values = table[field].dropna()
    if pd.api.types.is_datetime64_any_dtype(values):
        values = values.dt.strftime("%Y-%m-%d")
    values = values.astype(str)
    if until is not None:
        values = values[values <= until.isoformat()]
    return values.min(), values.max()


def coverage(table: pd.DataFrame, entry: dict) -> str:
    """First and last period of a table, or '' when it has no dates."""
    span = period(table, entry)
    return f"{span[0]} to {span[1]}" if span else ""


def publisher_names(table: pd.DataFrame, entry: dict, sources: pd.DataFrame) -> list[str]:
    """The publishers a table's rows cite, most cited first; for a table without per-row sources,
    the sources its description names."""
    if not entry["schema"].get("foreignKeys"):
        return [source["title"] for source in entry["sources"]]
    cited = table["source_id"].map(sources.set_index("source_id")["publisher"])
    return list(cited.value_counts().index)


def publishers(table: pd.DataFrame, entry: dict, sources: pd.DataFrame, shown: int | None = None) -> str:
    """The publishers a table cites, most cited first; with ``shown``, only that many are named and the
    rest are counted ('A; B; and 12 more')."""
    names = publisher_names(table, entry, sources)
    if shown is None or len(names) <= shown:
        return "; ".join(names)
    return "; ".join(names[:shown]) + f"; and {len(names) - shown} more"


def years(table: pd.DataFrame, entry: dict) -> str:
    """The calendar years a table's rows refer to ('2017–2024', '2025'), or '' for a table without dates."""
    span = period(table, entry)
    if span is None:
        return ""
    first, last = (int(end[:4]) for end in span)
    return year(first) if first == last else year_span(first, last)


def cite(table: pd.DataFrame, package: Path = PACKAGE_PATH) -> str:
    """A source line for a table's rows: publisher and title of each publication they cite, once each,
    in order of first use. The registry holds the full reference (table, series, address)."""
    sources = load(SOURCES, package).set_index("source_id")
    cited = sources.loc[table["source_id"].drop_duplicates()]
    return "; ".join(dict.fromkeys(f"{row.publisher}, {row.title}" for row in cited.itertuples())) + "."


# Helpers that read a table of their own: a page that calls one reads that table.
READ_BY_HELPERS = {"quotation": LITERATURE}


def tables_read(entry: Page | Path, package: Path = PACKAGE_PATH) -> set[str]:
    """The tables a page reads: those its code loads, those its claims' checks read, and those of the
    helpers it calls that read a table of their own."""
    judged = (tables_judged(chapter, package) for chapter in chapters_judged(entry))
    tree = syntax(entry)
    helpers = {table for function, table in READ_BY_HELPERS.items() if calls(tree, function)}
    return tables_loaded(entry).union(helpers, *judged)


def users(listed: list[Page | Path], package: Path = PACKAGE_PATH) -> dict[str, list[str]]:
    """Map each table to the titles of the pages that read it (without their subtitles)."""
    used: dict[str, list[str]] = {}
    for entry in listed:
        for name in sorted(tables_read(entry, package)):
            used.setdefault(name, []).append(short_title(entry))
    return used


def catalogue(listed: list[Page | Path], package: Path = PACKAGE_PATH, shown: int | None = None) -> pd.DataFrame:
    """One row per table: title, publishers (with ``shown``, the most cited only), licence, coverage, years,
    rows and the pages that use it."""
    sources = load(SOURCES, package)
    used = users(listed, package)
    rows = []
    for entry in read_package(package)["resources"]:
        table = load(entry["name"], package)
        rows.append(
            {
                "table": entry["name"],
                "title": entry["title"],
                "publisher": publishers(table, entry, sources, shown),
                "licence": "; ".join(licence["title"] for licence in entry["licenses"]),
                "coverage": coverage(table, entry),
                "years": years(table, entry),
                "rows": len(table),
                "used by": "; ".join(used.get(entry["name"], [])) or "(no chapter yet)",
            }
        )
    return pd.DataFrame(rows)


def kind_of(source_ids: pd.Series, package: Path = PACKAGE_PATH) -> pd.Series:
    """The kind of each cited source (official, primary or secondary)."""
    return source_ids.map(load(SOURCES, package).set_index("source_id")["kind"])


def vintages(package: Path = PACKAGE_PATH, until: datetime.date | None = None) -> pd.DataFrame:
    """One row per table: its first and last reference period (up to ``until``), computed from the table,
    the copy that was read, and whether later data exist that could not be read (as the data package
    records them)."""
    rows = []
    for entry in read_package(package)["resources"]:
        if "vintage" not in entry:
            continue
        span = period(load(entry["name"], package), entry, until)
        rows.append(
            {
                "table": entry["name"],
                "first": span[0] if span else "",
                "last": span[1] if span else "",
                "copy read": entry["vintage"]["copy"],
                "later data": entry["vintage"]["later"],
            }
        )
    return pd.DataFrame(rows)


def reach(listed: list[Page], until: datetime.date, package: Path = PACKAGE_PATH) -> dict[str, str]:
    """For each page (by name), the latest reference period up to ``until`` among the dated tables it loads."""
    ends = vintages(package, until).set_index("table")["last"]
    return {
        entry.name: max((ends[name] for name in tables_read(entry, package) if ends.get(name)), default="")
        for entry in listed
    }


def publisher_of(source_ids: pd.Series, package: Path = PACKAGE_PATH) -> pd.Series:
    """The publisher of each cited source, as the registry names it: the short citation a table shows in place
    of a source's key."""
    return source_ids.map(load(SOURCES, package).set_index("source_id")["publisher"])


def table_of_tables(listed: list[Page | Path], package: Path = PACKAGE_PATH, shown: int = 1) -> pd.DataFrame:
    """The catalogue as the appendix shows it: each table by its title, the years it covers, its most cited
    publishers (``shown`` of them named, the rest counted) and the pages that load it."""
    described = catalogue(listed, package, shown)
    return pd.DataFrame(
        {
            "Table": described["title"],
            "Years": described["years"],
            "Publishers": described["publisher"],
            "Used in": described["used by"],
        }
    )


def descriptions(package: Path = PACKAGE_PATH) -> pd.DataFrame:
    """Each table's title, file, description, rows, the copy that was read and its licence (a link to its
    terms), as the package states them."""
    rows = []
    for entry in read_package(package)["resources"]:
        licences = [f"[{licence['title']}]({licence['path']})" for licence in entry["licenses"]]
        rows.append(
            {
                "Table": entry["title"],
                "File": f"`data/{entry['path']}`",
                "What it holds": entry["description"],
                "Rows": len(load(entry["name"], package)),
                "Copy read": entry.get("vintage", {}).get("copy", ""),
                "Licence": "; ".join(licences),
            }
        )
    return pd.DataFrame(rows)


def reach_table(package: Path = PACKAGE_PATH, until: datetime.date | None = None) -> pd.DataFrame:
    """The vintages as readers read them: each table by its title, its last reference period as running text
    writes a date (at the table's precision), and whether later data exist that could not be read."""
    reached = vintages(package, until)
    titles = {entry["name"]: entry["title"] for entry in read_package(package)["resources"]}
    return pd.DataFrame(
        {
            "Table": reached["table"].map(titles),
            "Last period": reached["last"].map(lambda value: prose_date(value) if value else ""),
            "Later data": reached["later data"],
        }
    )


def publisher_counts(package: Path = PACKAGE_PATH) -> pd.DataFrame:
    """Each publisher in the source registry with the number of its publications the tables cite and how
    many of those are secondary, most cited first."""
    sources = load(SOURCES, package)
    grouped = sources.assign(secondary=sources["kind"] == "secondary").groupby("publisher")
    counted = pd.DataFrame({"Publications": grouped.size(), "Of which secondary": grouped["secondary"].sum()})
    counted = counted.rename_axis("Publisher").reset_index()
    order = counted["Publisher"].str.casefold()
    return counted.assign(order=order).sort_values(["Publications", "order"], ascending=[False, True])[
        ["Publisher", "Publications", "Of which secondary"]
    ]


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def link(text: str, url: str) -> str:
    """A Markdown link whose text shows as written, whatever characters it holds."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return f"[{escaped}](<{url}>)"


def registry(package: Path = PACKAGE_PATH) -> pd.DataFrame:
    """The source registry as readers cite it: publisher, title (a link to the publisher's page), the table
    or page read and the kind of source, ordered by publisher and title."""
    sources = load(SOURCES, package)
    shown = pd.DataFrame(
        {
            "Publisher": sources["publisher"],
            "Publication": [link(title, url) for title, url in zip(sources["title"], sources["url"])],
            "Table or page": sources["table_or_page"],
            "Kind": sources["kind"],
            "order": sources["publisher"].str.casefold() + "\n" + sources["title"].str.casefold(),
        }
    )
    return shown.sort_values("order").drop(columns="order")


def data_files(listed: list[Page], package: Path = PACKAGE_PATH) -> pd.DataFrame:
    """The data files each notebook reads, for the map of a replication package."""
    paths = {entry["name"]: f"data/{entry['path']}" for entry in read_package(package)["resources"]}
    return pd.DataFrame(
        [
            {
                "notebook": f"notebooks/{entry.name}.ipynb",
                "data files": ", ".join(sorted(paths[name] for name in names)),
            }
            for entry in listed
            if (names := tables_read(entry, package))
        ],
        columns=["notebook", "data files"],
    )


def dropdown(title: str, table: Markdown) -> Markdown:
    """A long table that the HTML pages fold under its title (a dropdown a reader opens) and the PDF prints in
    full below the title, for the reference lists a reader looks things up in."""
    return Markdown(f":::{{dropdown}} {title}\n{table.data}\n:::\n")
