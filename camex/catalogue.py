"""The data catalogue: what each bundled table holds, where it comes from and who uses it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from camex.book import Page, tables_loaded, title
from camex.data import PACKAGE_PATH, SOURCES, load, read_package

TEMPORAL_TYPES = ("year", "yearmonth", "date")


def coverage(table: pd.DataFrame, schema: dict) -> str:
    """First and last period of the table's first time field, or '' when it has none."""
    for field in schema["fields"]:
        if field["type"] in TEMPORAL_TYPES:
            values = table[field["name"]].dropna()
            if field["type"] == "date":
                values = values.dt.date
            return f"{values.min()} to {values.max()}" if len(values) else ""
    return ""


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
                "coverage": coverage(table, entry["schema"]),
                "rows": len(table),
                "used by": "; ".join(used.get(entry["name"], [])) or "(no chapter yet)",
            }
        )
    return pd.DataFrame(rows)


def kind_of(source_ids: pd.Series, package: Path = PACKAGE_PATH) -> pd.Series:
    """The kind of each cited source (official, primary or secondary)."""
    return source_ids.map(load(SOURCES, package).set_index("source_id")["kind"])
