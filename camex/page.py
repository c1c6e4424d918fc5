"""Every number the prose shows goes through here: glued under a key written literally in the page's
source, formatted by a named formatter so that a format is never retyped.

A chapter writes, in one cell removed from the rendered page::

    glue(n_events=count(len(events)), last_date=prose_date(events["date"].max()))

and its text shows the values with ``{glue:text}`n_events```. The formatters give the book one
typography: a true minus sign (U+2212), thousands separators, dates in prose as "1 July 2026".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import pandas as pd
from myst_nb import glue as myst_glue

MINUS = "\u2212"
EN_DASH = "\u2013"

# What this kernel has glued, key by key: the record a page can show or a test can read.
SHOWN: dict[str, str] = {}


def glue(**values: str) -> None:
    """Glue each value under its keyword's name, without displaying it, and record it in ``SHOWN``.

    Values must already be text made by one of the formatters below, so that every number on the page
    carries the book's typography.
    """
    for key, value in values.items():
        if not isinstance(value, str):
            raise TypeError(f"'{key}' is a {type(value).__name__}: format it with one of camex.page's formatters first")
        myst_glue(key, value, display=False)
    SHOWN.update(values)


def _signless(value: float, digits: int) -> str:
    return f"{abs(value):,.{digits}f}"


def number(value: float, digits: int = 1) -> str:
    """A number with thousands separators and a true minus sign: ``number(-1234.56)`` is '−1,234.6'."""
    if pd.isna(value):
        raise ValueError("a missing value cannot be shown as a number: say in the text that it is missing")
    text = _signless(value, digits)
    return MINUS + text if round(value, digits) < 0 else text


def recorded(value: float) -> str:
    """A number with the digits it was recorded with, no more: ``recorded(-0.6)`` is '−0.6'."""
    if pd.isna(value):
        raise ValueError("a missing value cannot be shown as a number: say in the text that it is missing")
    text = f"{abs(value):,g}"
    return MINUS + text if value < 0 else text


def count(value: float) -> str:
    """A whole number with thousands separators: ``count(12345)`` is '12,345'."""
    if pd.notna(value) and value != round(value):
        raise ValueError(f"{value} is not a count")
    return number(value, 0)


def year(value: float) -> str:
    """A year, as digits without separators: ``year(2024)`` is '2024'."""
    if pd.isna(value) or value != int(value):
        raise ValueError(f"{value} is not a year")
    return str(int(value))


def billions(millions: float, digits: int = 1) -> str:
    """A value recorded in millions, shown in billions: ``billions(32_712)`` is '32.7'."""
    return number(millions / 1000, digits)


def percent(value: float, digits: int = 1) -> str:
    """A value in per cent with its sign: ``percent(12.34)`` is '12.3%'."""
    return number(value, digits) + "%"


def signed(value: float, digits: int = 1) -> str:
    """A change with its sign always shown: '+2.5', '−2.5', '0.0'."""
    text = number(value, digits)
    return text if text.startswith(MINUS) or round(value, digits) == 0 else "+" + text


def signed_percent(value: float, digits: int = 1) -> str:
    """A change in per cent with its sign: '+12.3%', '−4.0%'."""
    return signed(value, digits) + "%"


def points(value: float, digits: int = 1) -> str:
    """A difference of two percentages: ``points(1.25)`` is '1.3 percentage points'."""
    return number(value, digits) + " percentage points"


def interval(low: float, high: float, digits: int = 1) -> str:
    """A range or confidence interval: ``interval(-20, 24, 0)`` is '−20 to 24'."""
    return f"{number(low, digits)} to {number(high, digits)}"


def prose_date(value: str | datetime.date | pd.Timestamp | pd.Period) -> str:
    """A date as running text writes it, at the precision it has: '1 July 2026', 'February 2024', '2024'."""
    if isinstance(value, pd.Period):
        value = str(value)
    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) == 1:
            return year(int(value))
        if len(parts) == 2:
            return pd.Timestamp(f"{value}-01").strftime("%B %Y")
        value = pd.Timestamp(value)
    if pd.isna(value):
        raise ValueError("a missing date cannot be shown: say in the text that it is not known")
    return f"{value.day} {value:%B %Y}"


def and_list(items: Iterable[str]) -> str:
    """Items joined as prose: 'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if not items:
        raise ValueError("an empty list cannot be shown")
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def year_span(first: float, last: float) -> str:
    """A span of years with an en dash: '2016–2020'."""
    return f"{year(first)}{EN_DASH}{year(last)}"
