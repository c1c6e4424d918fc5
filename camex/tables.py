"""Tables for the page: Markdown output renders as a real table in both the HTML and the PDF.

Numbers carry the book's typography: thousands separators (integers as ``12,345``, other numbers with the
digits they hold), and a true minus sign (U+2212) for negatives, also in text such as ``-0.5 to -0.2``;
hyphens inside words and dates stay hyphens. Whole numbers in a column whose header names a year are shown
as they are (``2024``). A dollar sign in a cell is a price, never the start of a formula. In the HTML
edition each table offers its data as a CSV file (:mod:`camex.downloads`); the PDF shows the table alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from numbers import Integral, Real

import pandas as pd
from IPython.display import Markdown

from camex.downloads import csv_link, with_sources

MINUS = "\u2212"
# A hyphen-minus that starts a number: not inside a word, a date or a code ("non-resident", "2023-01-01").
NEGATIVE = re.compile(r"(?<![\w.\-\u2212])-(?=\.?\d)")
YEAR_HEADER = re.compile("year", re.IGNORECASE)
TABLE_CAPTION = "Download the data of this table"


def number_text(value: Real, plain: bool = False) -> str:
    """A number with thousands separators (none if ``plain``) and a true minus sign: ``−12,345``,
    ``1,234.5``."""
    if isinstance(value, bool) or not math.isfinite(value):
        return str(value)
    if isinstance(value, Integral):
        digits = str(abs(int(value))) if plain else f"{abs(int(value)):,}"
    else:
        digits = str(abs(float(value))) if plain else f"{abs(float(value)):,}"
    return MINUS + digits if value < 0 else digits


def cell_text(value, plain: bool = False) -> str:
    if not isinstance(value, str) and pd.isna(value):
        return ""
    text = number_text(value, plain) if isinstance(value, Real) else NEGATIVE.sub(MINUS, str(value))
    # A pipe ends a cell and a dollar sign opens maths in MyST ("$21/kg … $0.22/W" is prices, not a formula).
    return text.replace("|", "\\|").replace("$", "\\$").replace("\n", " ")


def markdown_table(
    frame: pd.DataFrame,
    data: pd.DataFrame | None = None,
    name: str = "table",
    caption: str = TABLE_CAPTION,
    plain: Iterable[str] = (),
) -> Markdown:
    """A pipe table of ``frame`` (index dropped), numbers right-aligned; a sentence if it has no rows
    (a table with a header and no body breaks the LaTeX build).

    Under the table, the HTML edition offers a CSV download of ``data`` (the rows behind the table, with
    their source columns) or, by default, of ``frame`` itself; ``name`` and ``caption`` name the file and
    label the link. Columns in ``plain`` (and whole-number columns whose header names a year) are shown
    without thousands separators."""
    if frame.empty:
        return Markdown("*(No rows.)*")
    unseparated = set(plain) | {
        column for column in frame if YEAR_HEADER.search(str(column)) and pd.api.types.is_integer_dtype(frame[column])
    }
    align = ["---:" if pd.api.types.is_numeric_dtype(frame[column]) else ":---" for column in frame]
    lines = [
        "| " + " | ".join(cell_text(column) for column in frame) + " |",
        "| " + " | ".join(align) + " |",
    ]
    keep = [column in unseparated for column in frame]
    lines += [
        "| " + " | ".join(cell_text(value, bare) for value, bare in zip(row, keep)) + " |"
        for row in frame.itertuples(index=False)
    ]
    download = csv_link(with_sources(frame if data is None else data), name, caption)
    return Markdown("\n".join(lines) + "\n\n" + download)
