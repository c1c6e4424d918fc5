"""The events table: dates at their stated precision, every date backed by a verbatim passage, the
milestones the history chapter depends on present, and every row coded by the rule for counting contact."""

import csv

import pytest
from conftest import ROOT

from camex.data import load
from camex.timeline import CONTACT, FIRST_MISSIONS, involves

RAW = ROOT / "data" / "raw" / "events"
REQUIRED = [
    "us-mexico-recognition",
    "dominion-of-canada",
    "balfour-declaration",
    "statute-of-westminster",
    "canada-us-relations",
    "canada-mexico-relations",
    "trade-agreement-1946",
    "sawp-mexico-1974",
    "nafta-concluded",
    "nafta-signed",
    "nafta-in-force",
    "canada-mexico-partnership",
    "visa-imposed-2009",
    "visa-lifted-2016",
    "visa-reimposed-2024",
    "cusma-signed",
    "cusma-protocol-2019",
    "cusma-in-force",
    "ieepa-canada-eo14193",
    "ieepa-mexico-eo14194",
    "scotus-ieepa-ruling",
    "carney-visit-mexico-2025",
    "action-plan-2025-2028",
    "cusma-joint-review-2026",
    *FIRST_MISSIONS.values(),
]
DATE_LENGTH = {"year": 4, "month": 7, "day": 10}


@pytest.fixture(scope="module")
def events():
    return load("events")


def test_the_chapter_milestones_are_in_the_table(events):
    assert set(REQUIRED) <= set(events["event_id"])
    assert len(events) >= 50


def test_each_date_is_written_at_its_stated_precision(events):
    lengths = events["date"].str.len()
    assert (lengths == events["precision"].map(DATE_LENGTH)).all()


def test_every_event_has_a_verbatim_passage_supporting_it(events):
    with open(RAW / "evidence.csv", encoding="utf-8", newline="") as handle:
        evidence = list(csv.DictReader(handle))
    assert {row["event_id"] for row in evidence} == set(events["event_id"])
    texts = {}
    for row in evidence:
        # compare with whitespace folded: the passages were copied from pages whose line breaks vary
        text = texts.setdefault(row["raw_file"], " ".join((RAW / row["raw_file"]).read_text(encoding="utf-8").split()))
        assert " ".join(row["passage"].split()) in text, (row["event_id"], row["raw_file"])


def test_countries_are_listed_in_alphabetical_order(events):
    codes = events["countries"].str.split(";")
    assert codes.map(lambda values: values == sorted(values)).all()


def test_only_canada_mexico_rows_are_coded_as_contact_between_them(events):
    pair = involves(events, "CA", "MX")
    assert pair[events["contact_coding"] == CONTACT].all()
    assert not pair[events["contact_coding"] == "other pair"].any()


def test_an_occasion_points_to_a_contact_of_the_same_year(events):
    linked = events.dropna(subset=["same_occasion_as"])
    by_id = events.set_index("event_id")
    assert len(linked) > 0
    for row in linked.itertuples():
        visit = by_id.loc[row.same_occasion_as]
        assert visit["contact_coding"] == CONTACT and row.contact_coding == CONTACT, row.event_id
        assert visit["date"][:4] == row.date[:4], row.event_id


def test_every_coding_has_its_reason(events):
    assert events["coding_reason"].str.strip().str.len().gt(0).all()
