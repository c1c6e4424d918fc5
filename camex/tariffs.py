"""The record of tariff measures: what was imposed, by whom, on what basis, whether goods that qualify under
the agreement are spared, and which measures still applied on a given date."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pandas as pd

from camex.data import PACKAGE_PATH, SOURCES, load
from camex.page import prose_date

APPLYING = ("in force", "changed")  # a changed measure still applies in its changed form unless superseded
CODINGS = ["exempt", "content only", "not exempt", "not stated"]
COUNTRY_NAMES = {"US": "United States", "CA": "Canada", "MX": "Mexico"}
TARGET_NAMES = {
    **COUNTRY_NAMES,
    "CA;MX": "Canada and Mexico",
    "all": "all countries",
    "others": "countries without a trade agreement with Mexico",
}
COLUMNS = {
    "measure": "Measure",
    "imposing_country": "Imposed by",
    "target": "On goods of",
    "rate": "Rate",
    "usmca_coding": "Goods qualifying under the USMCA",
    "date_in_force": "In effect from",
    "status": "Status",
    "status_date": "Status as of",
    "source": "Source",
}
SHORT_LABEL = 38
ID_WORDS = {
    "ca",
    "mx",
    "us",
    "camx",
    "ban",
}  # words of an id that name a country or say 'ban'  # characters of a measure's products kept in its label


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def prose_dates(texts: pd.Series) -> pd.Series:
    """Texts with every ISO date in them written as prose: '2026-01-01' becomes '1 January 2026'."""
    return texts.map(
        lambda text: text if pd.isna(text) else ISO_DATE.sub(lambda day: prose_date(day.group()), str(text))
    )


def cited_as(source_ids: pd.Series, package: Path = PACKAGE_PATH) -> pd.Series:
    """Each source as a short citation: its publisher, with '(secondary)' for a report of someone else's
    figures. The registry holds the full reference."""
    sources = load(SOURCES, package).set_index("source_id")
    publisher = source_ids.map(sources["publisher"].str.replace(r"\s*\(.*\)$", "", regex=True))
    return publisher.where(source_ids.map(sources["kind"]) != "secondary", publisher + " (secondary)")


def basis_name(legal_basis: str) -> str:
    """The statute a measure rests on, in a few words: 'Section 232', 'IEEPA', 'Canada surtax'."""
    section = re.match(r"(Section \d+)", legal_basis)
    if section:
        return section.group(1)
    if legal_basis.startswith("IEEPA"):
        return "IEEPA"
    return "Canada surtax" if legal_basis.startswith("Customs Tariff") else "Mexico decree"


def products_name(products: str, width: int = SHORT_LABEL) -> str:
    """The first clause of a measure's products, cut at a word within ``width`` characters."""
    clause = re.split(r" \(|;|, in response| previously| except| listed in", products)[0].strip()
    if len(clause) <= width:
        return clause
    return clause[: clause.rfind(" ", 0, width)].rstrip(",") + "…"


def subject(action_id: str) -> str:
    """The words of a measure's id that name its subject: 'us-s338-ca-ban-dairy-2026' gives 'dairy'."""
    words = action_id.split("-")[2:]
    return " ".join(word for word in words if word not in ID_WORDS and not word.isdigit())


def measure_label(actions: pd.DataFrame) -> pd.Series:
    """A short name for each measure, as a reader would say it: 'Section 232: steel mill articles'; a ban
    says so, and measures whose products read alike carry their subject: 'Section 338: certain products
    of Canada (dairy)'."""
    bans = actions["rate"].fillna("").str.startswith("import ban").map({True: " ban", False: ""})
    labels = [
        f"{basis_name(basis)}{ban}: {products_name(products)}"
        for basis, ban, products in zip(actions["legal_basis"], bans, actions["products"])
    ]
    labels = pd.Series(labels, index=actions.index)
    alike = labels.duplicated(keep=False)
    return labels.where(~alike, labels + " (" + actions["action_id"].map(subject) + ")")


def record_table(actions: pd.DataFrame) -> pd.DataFrame:
    """The measures as the chapter lists them, with human headers, dates in prose and a short citation."""
    prose = {
        column: actions[column].map(lambda day: "" if pd.isna(day) else prose_date(day))
        for column in ("date_in_force", "status_date")
    }
    shown = actions.assign(
        measure=measure_label(actions),
        rate=prose_dates(actions["rate"]),
        imposing_country=actions["imposing_country"].map(COUNTRY_NAMES),
        target=actions["target"].map(TARGET_NAMES),
        source=cited_as(actions["source_id"]),
        **prose,
    )
    return shown[
        [
            "measure",
            "imposing_country",
            "target",
            "rate",
            "usmca_coding",
            "date_in_force",
            "status",
            "status_date",
            "source",
        ]
    ].rename(columns=COLUMNS)


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


def applies_on(actions: pd.DataFrame, action_ids: list[str], on: datetime.date) -> pd.Series:
    """Whether each named measure applied on ``on`` (a clear error for a name the record lacks)."""
    missing = sorted(set(action_ids) - set(actions["action_id"]))
    if missing:
        raise KeyError(f"the tariff record has no measure {', '.join(missing)}")
    return pd.Series([name in set(standing(actions, on)["action_id"]) for name in action_ids], index=action_ids)


def directed_as_applying(actions: pd.DataFrame) -> pd.DataFrame:
    """The record as if every measure directed without a date of effect ('announced') had taken effect on
    the day it was directed: a what-if for robustness checks, never the record itself."""
    directed = actions["status"] == "announced"
    dates = actions["date_in_force"].where(~directed, pd.to_datetime(actions["date_announced"]))
    return actions.assign(status=actions["status"].where(~directed, "in force"), date_in_force=dates)


def no_exception(counts: pd.DataFrame, silent_as_taxed: bool = False) -> pd.Series:
    """From :func:`shield`'s counts, how many measures make no exception for qualifying goods in each
    country; with ``silent_as_taxed``, measures whose texts are silent count among them."""
    rows = ["not exempt", "not stated"] if silent_as_taxed else ["not exempt"]
    return counts.loc[rows].sum()


def tracks(events: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's events between the United States and each partner alone (CA;US and MX;US), in date order,
    with human headers."""
    pairs = {"CA;US": "Canada–United States", "MX;US": "Mexico–United States"}
    chosen = events[events["countries"].isin(pairs) & events["date"].str.startswith(str(year))].sort_values("date")
    shown = chosen.assign(pair=chosen["countries"].map(pairs), date=chosen["date"].map(prose_date))
    return shown[["date", "pair", "category", "event"]].rename(
        columns={"date": "Date", "pair": "Between", "category": "Kind", "event": "Event"}
    )


def shield_specifications(actions: pd.DataFrame, on: datetime.date, dates: dict[str, datetime.date]) -> pd.DataFrame:
    """Whether more US measures make no exception for Canada's goods than for Mexico's: on ``on`` under our
    coding, with texts silent on qualifying goods counted as making no exception, with measures directed
    without a date of effect counted as applying, and on other ``dates`` (label to day)."""
    specifications = {
        "main: on the release date, our coding": (actions, on, False),
        "texts silent on qualifying goods counted as making no exception": (actions, on, True),
        "measures directed without a date of effect counted as applying": (directed_as_applying(actions), on, False),
    } | {f"on {prose_date(day)} ({label})": (actions, day, False) for label, day in dates.items()}
    rows = []
    for name, (record, day, silent) in specifications.items():
        counts = shield(record, day)
        taxed, total = no_exception(counts, silent), counts.sum()
        estimate = f"Canada {taxed['CA']} of {total['CA']}, Mexico {taxed['MX']} of {total['MX']}"
        rows.append(
            {"Specification": name, "Estimate": estimate, "Holds": "yes" if taxed["CA"] > taxed["MX"] else "no"}
        )
    return pd.DataFrame(rows)
