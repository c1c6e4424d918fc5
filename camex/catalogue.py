"""The data catalogue: what each bundled table holds, where it comes from and who uses it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd

from camex.book import Page, tables_loaded, title
from camex.data import PACKAGE_PATH, SOURCES, load, read_package

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


def publishers(table: pd.DataFrame, entry: dict, sources: pd.DataFrame) -> str:
    """The publishers a table's rows cite, most cited first; for a table without per-row sources,
    the sources its description names."""
    if not entry["schema"].get("foreignKeys"):
        return "; ".join(source["title"] for source in entry["sources"])
    cited = table["source_id"].map(sources.set_index("source_id")["publisher"])
    return "; ".join(cited.value_counts().index)


def cite(table: pd.DataFrame, package: Path = PACKAGE_PATH) -> str:
    """A source line for a table's rows: publisher and title of each publication they cite, once each,
    in order of first use. The registry holds the full reference (table, series, address)."""
    sources = load(SOURCES, package).set_index("source_id")
    cited = sources.loc[table["source_id"].drop_duplicates()]
    return "; ".join(dict.fromkeys(f"{row.publisher}, {row.title}" for row in cited.itertuples())) + "."


def users(listed: list[Page | Path]) -> dict[str, list[str]]:
    """Map each table to the titles of the pages that load it."""
    used: dict[str, list[str]] = {}
    for entry in listed:
        for name in sorted(tables_loaded(entry)):
            used.setdefault(name, []).append(title(entry))
    return used


def catalogue(listed: list[Page | Path], package: Path = PACKAGE_PATH) -> pd.DataFrame:
    """One row per table: title, publishers, licence, coverage, rows and the chapters that use it."""
    sources = load(SOURCES, package)
    used = users(listed)
    rows = []
    for entry in read_package(package)["resources"]:
        table = load(entry["name"], package)
        rows.append(
            {
                "table": entry["name"],
                "title": entry["title"],
                "publisher": publishers(table, entry, sources),
                "licence": "; ".join(licence["title"] for licence in entry["licenses"]),
                "coverage": coverage(table, entry),
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
        entry.name: max((ends[name] for name in tables_loaded(entry) if ends.get(name)), default="") for entry in listed
    }
