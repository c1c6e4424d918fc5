"""Load the book's data tables, validated against ``data/datapackage.json``.

Every table in ``data/`` is described in a Frictionless Data Package: its fields and their types,
constraints, primary key, the source of every row (a ``source_id`` that must exist in
``data/sources.csv``) and the SHA-256 of the file. :func:`load` checks all of that before it returns a
DataFrame, and raises a single :class:`DataError` naming the file, the line, the column and what to do
otherwise. Nothing is half-loaded.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

PACKAGE_PATH = Path(__file__).resolve().parent.parent / "data" / "datapackage.json"
SOURCES = "sources"
MAX_PROBLEMS_SHOWN = 10

# Data Package defaults (Table Schema spec) for booleans.
TRUE_VALUES = {"true", "True", "TRUE", "1"}
FALSE_VALUES = {"false", "False", "FALSE", "0"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a table: where it is and what to do about it."""

    line: int | None  # line of the CSV file (the header is line 1); None for the whole file
    column: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (f"line {self.line}" if self.line else "", f"column '{self.column}'" if self.column else "")
            if part
        )
        return f"{where + ': ' if where else ''}{self.message}"


class DataError(ValueError):
    """A table does not match its description in the data package."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        shown = problems[:MAX_PROBLEMS_SHOWN]
        lines = [f"{display_path(path)}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"]
        lines += [f"  {problem}" for problem in shown]
        if len(problems) > len(shown):
            lines.append(f"  ... and {len(problems) - len(shown)} more")
        lines.append("What to do: " + " ".join(dict.fromkeys(problem.fix for problem in shown)))
        super().__init__("\n".join(lines))


def display_path(path: Path) -> str:
    """The path as a reader would type it from the project's root, when it lies inside the project."""
    root = PACKAGE_PATH.parent.parent
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def read_package(package: Path = PACKAGE_PATH) -> dict:
    """The data package descriptor, as a dict: read once per process, and again only if the file changes.
    Treat it as read-only."""
    status = package.stat()
    return _parsed_package(package.resolve(), status.st_mtime_ns, status.st_size)


@cache
def _parsed_package(package: Path, modified: int, size: int) -> dict:
    return json.loads(package.read_text(encoding="utf-8"))


def resource(name: str, package: Path = PACKAGE_PATH) -> dict:
    """The descriptor of one table, or a DataError listing the tables there are."""
    resources = {entry["name"]: entry for entry in read_package(package)["resources"]}
    if name not in resources:
        raise DataError(
            package,
            [Problem(None, None, f"no table named '{name}'", f"use one of: {', '.join(sorted(resources))}.")],
        )
    return resources[name]


def table_names(package: Path = PACKAGE_PATH) -> list[str]:
    """Names of every table in the package, in the order the descriptor lists them."""
    return [entry["name"] for entry in read_package(package)["resources"]]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(name: str, package: Path = PACKAGE_PATH) -> pd.DataFrame:
    """Return table ``name`` as a DataFrame with typed columns, after validating it completely.

    Raises :class:`DataError` if the file is missing, does not match its schema (columns, types,
    constraints), repeats a primary key, cites a ``source_id`` absent from the source registry, or
    differs from the checksum recorded in the package.
    """
    descriptor = resource(name, package)
    path = package.parent / descriptor["path"]
    if not path.is_file():
        raise DataError(
            path, [Problem(None, None, "file not found", f"restore it with `git checkout -- {display_path(path)}`.")]
        )
    status = package.stat()
    # Validated once per process for each version of the file, of the tables it refers to and of the
    # package's description; callers get a copy of their own.
    referred = [
        package.parent / resource(key["reference"]["resource"], package)["path"]
        for key in descriptor["schema"].get("foreignKeys", [])
    ]
    digests = tuple(sha256(file) if file.is_file() else "" for file in [path, *referred])
    return _validated(name, package.resolve(), status.st_mtime_ns, status.st_size, digests).copy()


@cache
def _validated(name: str, package: Path, modified: int, size: int, digests: tuple[str, ...]) -> pd.DataFrame:
    descriptor = resource(name, package)
    path = package.parent / descriptor["path"]
    raw, problems = read_cells(path)
    schema = descriptor["schema"]
    problems = problems or header_problems(raw, schema)
    if problems:
        raise DataError(path, problems)
    table, problems = typed_table(raw, schema)
    problems += primary_key_problems(table, schema)
    problems += foreign_key_problems(table, schema, package)
    if not problems:
        problems = checksum_problems(path, descriptor)
    if problems:
        raise DataError(path, problems)
    return table


def read_cells(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Every cell as text, indexed so that row ``i`` came from file line ``i + 2``."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            rows, lines = [], []
            for row in reader:
                rows.append(row)
                lines.append(reader.line_num)
    except UnicodeDecodeError as error:
        return pd.DataFrame(), [
            Problem(None, None, f"is not UTF-8 text ({error.reason} at byte {error.start})", "save the file as UTF-8.")
        ]
    fix = f"give every row the {len(header)} cells of the header; quote cells that contain commas."
    problems = [
        Problem(line, None, f"has {len(row)} cells, the header has {len(header)}", fix)
        for row, line in zip(rows, lines)
        if len(row) != len(header)
    ]
    if problems:
        return pd.DataFrame(), problems
    return pd.DataFrame(rows, columns=header, dtype=str), []


def header_problems(raw: pd.DataFrame, schema: dict) -> list[Problem]:
    expected = [field["name"] for field in schema["fields"]]
    found = list(raw.columns)
    if found == expected:
        return []
    fix = "make the header match the schema in data/datapackage.json: " + ", ".join(expected) + "."
    missing = [column for column in expected if column not in found]
    extra = [column for column in found if column not in expected]
    problems = [Problem(1, column, "expected column is missing", fix) for column in missing]
    problems += [Problem(1, column, "column is not in the schema", fix) for column in extra]
    if not problems:
        problems = [Problem(1, None, f"columns are out of order: {', '.join(found)}", fix)]
    return problems


def typed_table(raw: pd.DataFrame, schema: dict) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert each column to its schema type and check its constraints."""
    missing_values = set(schema.get("missingValues", [""]))
    columns, problems = {}, []
    for field in schema["fields"]:
        text = raw[field["name"]]
        absent = text.isin(missing_values)
        column = convert(text.where(~absent), field["type"])
        unconvertible = column.isna() & ~absent
        for row in unconvertible[unconvertible].index:
            problems.append(
                Problem(
                    line_of(row),
                    field["name"],
                    f"'{text[row]}' is not a valid {field['type']}",
                    f"write a {field['type']} ({TYPE_HINTS[field['type']]}) "
                    "or leave the cell empty if the value is missing.",
                )
            )
        problems += constraint_problems(text, column, absent, field, schema)
        columns[field["name"]] = column
    return pd.DataFrame(columns, index=raw.index), problems


TYPE_HINTS = {
    "string": "any text",
    "integer": "digits only, e.g. 1974",
    "number": "e.g. 1.2345, no thousands separators",
    "boolean": "true or false",
    "year": "four digits, e.g. 2024",
    "yearmonth": "YYYY-MM, e.g. 2024-02",
    "date": "YYYY-MM-DD",
}


def convert(text: pd.Series, kind: str) -> pd.Series:
    """Parse a column of text as a Table Schema type; cells that do not parse become missing."""
    if kind == "string":
        return text.astype("string")
    if kind == "number":
        return pd.to_numeric(
            text.where(text.str.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", na=False)), errors="coerce"
        )
    if kind == "integer":
        return pd.to_numeric(text.where(text.str.fullmatch(r"[+-]?\d+", na=False)), errors="coerce").astype("Int64")
    if kind == "year":
        return pd.to_numeric(text.where(text.str.fullmatch(r"\d{4}", na=False)), errors="coerce").astype("Int64")
    if kind == "boolean":
        return text.map(lambda cell: True if cell in TRUE_VALUES else False if cell in FALSE_VALUES else pd.NA).astype(
            "boolean"
        )
    if kind == "yearmonth":
        valid = text.where(text.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", na=False))
        return pd.PeriodIndex(pd.to_datetime(valid, format="%Y-%m", errors="coerce"), freq="M").to_series(
            index=text.index
        )
    if kind == "date":
        return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    raise ValueError(f"the data package uses a field type this loader does not know: {kind}")


def constraint_problems(
    text: pd.Series, column: pd.Series, absent: pd.Series, field: dict, schema: dict
) -> list[Problem]:
    constraints = field.get("constraints", {})
    name = field["name"]
    fix = f"correct the value, or the constraint on '{name}' in data/datapackage.json if the source really says so."
    problems = []
    if constraints.get("required") or name in schema.get("primaryKey", []):
        problems += [
            Problem(line_of(row), name, "value is required but the cell is empty", fix) for row in absent[absent].index
        ]
    present = column[~absent & column.notna()]
    checks = {
        "enum": (lambda values, allowed: ~values.astype(str).isin(allowed), "is not one of: {}"),
        "pattern": (
            lambda values, pattern: ~values.astype(str).str.fullmatch(pattern),
            "does not match the pattern {}",
        ),
        "minimum": (lambda values, bound: values < bound, "is below the minimum {}"),
        "maximum": (lambda values, bound: values > bound, "is above the maximum {}"),
    }
    for key, (violates, message) in checks.items():
        if key in constraints:
            bound = constraints[key]
            bad = violates(present, bound)
            shown = ", ".join(bound) if isinstance(bound, list) else bound
            problems += [
                Problem(line_of(row), name, f"'{text[row]}' {message.format(shown)}", fix)
                for row in bad[bad.fillna(False)].index
            ]
    if constraints.get("unique"):
        repeated = present[present.duplicated(keep=False)]
        problems += [
            Problem(line_of(row), name, f"'{text[row]}' must be unique but is repeated", fix) for row in repeated.index
        ]
    return problems


def primary_key_problems(table: pd.DataFrame, schema: dict) -> list[Problem]:
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    if not key:
        return []
    repeated = table[table.duplicated(subset=key, keep=False)]
    problems = []
    for _, group in repeated.groupby(key, sort=False, dropna=False):
        first, *others = [line_of(row) for row in group.index]
        values = ", ".join(f"{column}={group.iloc[0][column]}" for column in key)
        for line in others:
            problems.append(
                Problem(
                    line,
                    key[0],
                    f"duplicate primary key ({values}), first seen on line {first}",
                    "keep one row per key: remove or correct the duplicate.",
                )
            )
    return problems


def foreign_key_problems(table: pd.DataFrame, schema: dict, package: Path) -> list[Problem]:
    problems = []
    for foreign in schema.get("foreignKeys", []):
        column = foreign["fields"] if isinstance(foreign["fields"], str) else foreign["fields"][0]
        reference = foreign["reference"]
        target = load(reference["resource"], package)
        target_column = reference["fields"] if isinstance(reference["fields"], str) else reference["fields"][0]
        known = set(target[target_column].dropna())
        unknown = table[column].notna() & ~table[column].isin(known)
        target_path = display_path(package.parent / resource(reference["resource"], package)["path"])
        problems += [
            Problem(
                line_of(row),
                column,
                f"'{table.at[row, column]}' is not in {target_path}",
                f"add the source to {target_path} (publisher, title, URL, table) or cite one that is there.",
            )
            for row in unknown[unknown].index
        ]
    return problems


def checksum_problems(path: Path, descriptor: dict) -> list[Problem]:
    recorded = descriptor.get("hash", "").removeprefix("sha256:")
    actual = sha256(path)
    if recorded == actual:
        return []
    return [
        Problem(
            None,
            None,
            f"SHA-256 {actual[:12]}… differs from the {recorded[:12] or 'missing'}… recorded in data/datapackage.json",
            "if the change is intended, record where the new figures come from in data/sources.csv, "
            "then run `make data-hashes`.",
        )
    ]


def line_of(row: int) -> int:
    """The file line of a DataFrame row read with a header: row 0 is line 2."""
    return int(row) + 2


def rehash(package: Path = PACKAGE_PATH) -> list[str]:
    """Record each file's current SHA-256 in the package; return the names of the tables that changed."""
    descriptor = json.loads(package.read_text(encoding="utf-8"))  # a copy of its own, since it is rewritten
    changed = []
    for entry in descriptor["resources"]:
        digest = "sha256:" + sha256(package.parent / entry["path"])
        if entry.get("hash") != digest:
            entry["hash"] = digest
            changed.append(entry["name"])
    package.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def check_all(package: Path = PACKAGE_PATH) -> list[DataError]:
    """Validate every table; return the errors (an empty list means the package is sound)."""
    errors: dict[str, DataError] = {}
    for name in table_names(package):
        try:
            load(name, package)
        except DataError as error:  # a broken table fails its dependants too: report it once
            errors.setdefault(str(error), error)
    return list(errors.values())
