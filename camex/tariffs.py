"""The record of tariff measures: what was imposed, by whom, on what basis, whether goods that qualify under
the agreement are spared, and which measures still applied on a given date."""

from __future__ import annotations

import datetime

import pandas as pd

from camex.catalogue import kind_of

RECORD_COLUMNS = [
    "action_id",
    "imposing_country",
    "target",
    "legal_basis",
    "rate",
    "usmca_coding",
    "date_in_force",
    "status",
    "status_date",
]
APPLYING = ("in force", "changed")  # a changed measure still applies in its changed form unless superseded
CODINGS = ["exempt", "content only", "not exempt", "not stated"]


def record_table(actions: pd.DataFrame) -> pd.DataFrame:
    """The measures as the chapter lists them: dates without times, and the kind of source each rests on."""
    dates = {column: actions[column].dt.date for column in ("date_in_force", "status_date")}
    return actions.assign(**dates, source=kind_of(actions["source_id"]))[[*RECORD_COLUMNS, "source"]]


def standing(actions: pd.DataFrame, on: datetime.date) -> pd.DataFrame:
    """The measures that applied on ``on``: in force (or changed but not superseded by another measure), and
    in effect by then. A measure recorded in force without a date of effect counts as applying."""
    started = actions["date_in_force"].isna() | (actions["date_in_force"] <= pd.Timestamp(on))
    current = actions["status"].isin(APPLYING) & actions["superseded_by"].isna()
    return actions[started & current].reset_index(drop=True)


def reaching(actions: pd.DataFrame, country: str) -> pd.DataFrame:
    """The US measures that reach goods of ``country`` (CA or MX): aimed at it, at both, or at all countries."""
    aimed = actions["target"].isin([country, "CA;MX", "all"])
    return actions[(actions["imposing_country"] == "US") & aimed].reset_index(drop=True)


def shield(actions: pd.DataFrame, on: datetime.date) -> pd.DataFrame:
    """For Canada and Mexico, how many US measures applying on ``on`` spare goods that qualify under the
    agreement, tax only their non-US content, make no exception, or are silent (rows: codings; columns:
    countries)."""
    applying = standing(actions, on)
    counts = {country: reaching(applying, country)["usmca_coding"].value_counts() for country in ("CA", "MX")}
    return pd.DataFrame(counts).reindex(CODINGS).fillna(0).astype(int)


def tracks(events: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's events between the United States and each partner alone (CA;US and MX;US), in date order."""
    pairs = {"CA;US": "Canada–US", "MX;US": "Mexico–US"}
    chosen = events[events["countries"].isin(pairs) & events["date"].str.startswith(str(year))]
    return chosen.assign(pair=chosen["countries"].map(pairs)).sort_values("date")[["date", "pair", "category", "event"]]
