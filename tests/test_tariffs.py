"""The tariff record: which measures still apply, whom they reach, and what they spare."""

import datetime

import pandas as pd

from camex.data import load
from camex.tariffs import reaching, shield, standing, tracks


def actions(*rows):
    columns = ["action_id", "imposing_country", "target", "status", "date_in_force", "superseded_by", "usmca_coding"]
    table = pd.DataFrame(rows, columns=columns)
    return table.assign(date_in_force=pd.to_datetime(table["date_in_force"]))


RECORD = actions(
    ("old", "US", "all", "changed", "2025-03-12", "new", "not exempt"),
    ("new", "US", "all", "changed", "2026-04-06", None, "not exempt"),
    ("ruled", "US", "CA", "struck down", "2025-03-04", None, "exempt"),
    ("autos", "US", "all", "in force", "2025-04-03", None, "content only"),
    ("parts", "US", "all", "in force", None, None, "exempt"),
    ("later", "US", "CA", "in force", "2026-12-04", None, "not exempt"),
    ("reply", "CA", "US", "in force", "2026-09-08", None, "not exempt"),
    ("mexico", "US", "MX", "in force", "2026-01-01", None, "not stated"),
)


def test_standing_keeps_what_applies_on_the_day():
    applying = standing(RECORD, datetime.date(2026, 12, 1))
    assert list(applying["action_id"]) == ["new", "autos", "parts", "reply", "mexico"]


def test_reaching_takes_the_us_measures_aimed_at_a_partner():
    assert list(reaching(RECORD, "CA")["action_id"]) == ["old", "new", "ruled", "autos", "parts", "later"]
    assert list(reaching(RECORD, "MX")["action_id"]) == ["old", "new", "autos", "parts", "mexico"]


def test_shield_counts_each_treatment_by_partner():
    counts = shield(RECORD, datetime.date(2026, 12, 1))
    assert counts["CA"].to_dict() == {"exempt": 1, "content only": 1, "not exempt": 1, "not stated": 0}
    assert counts["MX"].to_dict() == {"exempt": 1, "content only": 1, "not exempt": 1, "not stated": 1}


def test_tracks_keep_each_partner_s_own_events():
    events = pd.DataFrame(
        {
            "date": ["2026-01-28", "2026-03-06", "2026-07-01", "2025-10"],
            "countries": ["MX;US", "CA;US", "CA;MX;US", "CA;US"],
            "category": ["trade agreement"] * 4,
            "event": ["talks", "meeting", "review", "cut off"],
        }
    )
    assert tracks(events, 2026)[["pair", "event"]].values.tolist() == [["Mexico–US", "talks"], ["Canada–US", "meeting"]]


def test_every_superseding_measure_is_in_the_record():
    record = load("tariff_actions")
    assert set(record["superseded_by"].dropna()) <= set(record["action_id"])
