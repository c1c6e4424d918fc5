"""The record of tariff measures: what was imposed, by whom, on what basis, and its status at the latest
date sourced."""

from __future__ import annotations

import pandas as pd

from camex.catalogue import kind_of

RECORD_COLUMNS = [
    "action_id",
    "imposing_country",
    "target",
    "legal_basis",
    "rate",
    "date_in_force",
    "status",
    "status_date",
]


def record_table(actions: pd.DataFrame) -> pd.DataFrame:
    """The measures as the chapter lists them: dates without times, and the kind of source each rests on."""
    dates = {column: actions[column].dt.date for column in ("date_in_force", "status_date")}
    return actions.assign(**dates, source=kind_of(actions["source_id"]))[[*RECORD_COLUMNS, "source"]]
