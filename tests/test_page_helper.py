"""The page helper: one typography for every number the prose shows, and a record of what was glued."""

import datetime

import pandas as pd
import pytest

from camex import page
from camex.page import (
    MINUS,
    and_list,
    billions,
    count,
    interval,
    number,
    percent,
    points,
    prose_date,
    recorded,
    signed,
    signed_percent,
    year,
    year_span,
)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (number(1234.56), "1,234.6"),
        (number(-1234.56), f"{MINUS}1,234.6"),
        (number(-0.04), "0.0"),
        (count(12345), "12,345"),
        (count(-5), f"{MINUS}5"),
        (billions(32_712.4), "32.7"),
        (billions(1_234_567, 0), "1,235"),
        (percent(12.345), "12.3%"),
        (percent(-4, 0), f"{MINUS}4%"),
        (signed(2.5), "+2.5"),
        (signed(-2.5), f"{MINUS}2.5"),
        (signed(0.01), "0.0"),
        (signed_percent(12.3), "+12.3%"),
        (points(1.25), "1.2 percentage points"),
        (interval(-20, 24, 0), f"{MINUS}20 to 24"),
        (recorded(-0.6), f"{MINUS}0.6"),
        (recorded(5), "5"),
        (year(2024.0), "2024"),
        (year_span(2016, 2020), "2016–2020"),
    ],
)
def test_formatters_give_one_typography(shown, expected):
    assert shown == expected


def test_no_formatter_writes_a_hyphen_for_a_minus():
    assert "-" not in number(-3.2) + percent(-3.2) + signed(-3.2) + interval(-3, -1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-07-01", "1 July 2026"),
        ("2024-02", "February 2024"),
        ("2024", "2024"),
        (pd.Timestamp("2016-12-01"), "1 December 2016"),
        (datetime.date(2009, 7, 14), "14 July 2009"),
        (pd.Period("2020-03", "M"), "March 2020"),
    ],
)
def test_dates_in_prose_keep_their_precision(value, expected):
    assert prose_date(value) == expected


@pytest.mark.parametrize(
    ("formatter", "value", "message"),
    [
        (number, float("nan"), "say in the text that it is missing"),
        (count, 2.5, "not a count"),
        (year, 2024.5, "not a year"),
        (prose_date, pd.NaT, "not known"),
    ],
)
def test_what_cannot_be_shown_is_refused(formatter, value, message):
    with pytest.raises(ValueError, match=message):
        formatter(value)


def test_and_list_reads_as_prose():
    assert [and_list(["a"]), and_list(["a", "b"]), and_list(["a", "b", "c"])] == ["a", "a and b", "a, b and c"]
    with pytest.raises(ValueError, match="empty"):
        and_list([])


def test_glue_records_each_value_under_its_key(monkeypatch):
    glued = []
    monkeypatch.setattr(page, "myst_glue", lambda key, value, display: glued.append((key, value, display)))
    page.glue(first=year(1944), rate=percent(3.21))
    assert glued == [("first", "1944", False), ("rate", "3.2%", False)]
    assert page.SHOWN["rate"] == "3.2%"


def test_glue_refuses_an_unformatted_number(monkeypatch):
    monkeypatch.setattr(page, "myst_glue", lambda *args, **kwargs: None)
    with pytest.raises(TypeError, match="'n_rows' is a int: format it"):
        page.glue(n_rows=12)
