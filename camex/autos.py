"""The automotive corridor: how much of each leg of North American trade is vehicles and parts, as each
publisher defines them, how the USITC's transportation-equipment figures moved across editions, and which
measures of 2025 and 2026 reach the sector. Figures of different product definitions, bases, units or
editions are shown side by side and never added."""

from __future__ import annotations

import datetime
import re

import pandas as pd

from camex.page import percent
from camex.tariffs import COUNTRY_NAMES, cited_as, products_name, record_table, standing

PARTNERS = {"CA": "Canada", "MX": "Mexico"}
EDITION = re.compile(r"Shifts in U\.S\. Merchandise Trade (\d{4})")
BASES = {"exports_domestic": "domestic exports", "exports_total": "total exports"}
LEG_DENOMINATOR = re.compile(r"imports from|exports to|traded commodities")  # a share of a leg's own trade
VEHICLES = re.compile(r"vehicle|automobile|bus|truck", re.IGNORECASE)


def transport_by_edition(trade: pd.DataFrame) -> pd.DataFrame:
    """US exports of transportation equipment to Canada and to Mexico in each edition of the USITC's
    *Shifts in U.S. Merchandise Trade* read: partner, year, edition, basis and value in billions of US
    dollars. The basis says 'as labelled' where the edition's label is in doubt (the row's note says why)."""
    chosen = trade[
        (trade["reporter"] == "US")
        & trade["partner"].isin(PARTNERS)
        & (trade["product"] == "Transportation equipment")
        & (trade["measure"] == "level")
        & trade["flow"].isin(BASES)
        & trade["edition"].fillna("").str.fullmatch(EDITION)
    ]
    if set(chosen["unit"]) - {"Million $"}:
        raise ValueError(f"USITC levels come in million dollars, not {sorted(set(chosen['unit']) - {'Million $'})}")
    labelled = chosen["basis"].str.contains("as labelled")
    return pd.DataFrame(
        {
            "partner": chosen["partner"].map(PARTNERS),
            "year": chosen["period"].astype(int),
            "edition": chosen["edition"].str.extract(EDITION, expand=False).astype(int),
            "basis": chosen["flow"].map(BASES) + labelled.map({True: " (as labelled)", False: ""}),
            "billions": chosen["value"] / 1000,
        }
    ).reset_index(drop=True)


def revisions(by_edition: pd.DataFrame) -> pd.DataFrame:
    """For each partner, year and basis printed in more than one edition: the editions, and the largest
    gap between them in billions and in per cent of the smaller figure."""
    grouped = by_edition.groupby(["partner", "year", "basis"])
    gaps = grouped["billions"].agg(low="min", high="max", editions="count").reset_index()
    gaps = gaps[gaps["editions"] > 1]
    return gaps.assign(gap=gaps["high"] - gaps["low"], percent=100 * (gaps["high"] / gaps["low"] - 1)).reset_index(
        drop=True
    )


def leg_name(reporter: str, partner: str, flow: str) -> str:
    """The leg a figure describes, in the direction the goods travel: 'Mexico → United States'."""
    names = COUNTRY_NAMES
    if flow == "two_way":
        return f"{names[reporter]} ↔ {names[partner]}"
    origin, destination = (partner, reporter) if flow.startswith("imports") else (reporter, partner)
    return f"{names[origin]} → {names[destination]}"


def share_text(row: pd.Series) -> str:
    """A published share as the publication states it: '19%', 'about 50%', or the bound in its words."""
    if row["measure"] == "share_lower_bound":
        return str(row["unit"])
    prefix = "about " if row["measure"] == "share_approx" else ""
    return f"{prefix}{row['value']:g}%"


def stated_shares(trade: pd.DataFrame) -> pd.DataFrame:
    """The published shares of a leg's own trade that vehicles and parts (as each publisher defines them)
    make up."""
    shares = trade[trade["measure"].str.startswith("share") & trade["unit"].str.contains(LEG_DENOMINATOR)]
    return pd.DataFrame(
        {
            "Leg": [leg_name(*key) for key in zip(shares["reporter"], shares["partner"], shares["flow"])],
            "Year": shares["period"].str.replace(r"^unstated.*", "not stated", regex=True),
            "Products, as published": shares["product"],
            "Share of the leg's trade": shares.apply(share_text, axis=1),
            "Product definition": shares["product_class"],
            "Source": cited_as(shares["source_id"]),
        }
    ).reset_index(drop=True)


def hs87_export_shares(trade: pd.DataFrame, us_annual: pd.DataFrame) -> pd.DataFrame:
    """Our computation: US exports of HS chapter 87 (vehicles) to each partner, as USTR and ITA print them,
    over the year's US total exports to that partner (sums of the Census monthly table), in per cent.
    Both are Census export figures in US dollars; years the monthly table does not complete are left out."""
    hs87 = trade[
        (trade["reporter"] == "US")
        & (trade["flow"] == "exports")
        & trade["product_class"].str.startswith("HS chapter 87")
        & trade["period"].str.fullmatch(r"\d{4}")
    ]
    totals = us_annual[us_annual["flow"] == "exports"].set_index(["partner", "year"])["value_usd_millions"]
    rows = []
    for row in hs87.itertuples():
        key = (PARTNERS[row.partner], int(row.period))
        if key in totals.index:
            rows.append(
                {
                    "partner": key[0],
                    "year": key[1],
                    "share": 100 * 1000 * row.value / totals[key],
                    "source_id": row.source_id,
                }
            )
    return pd.DataFrame(rows, columns=["partner", "year", "share", "source_id"])


def auto_measures(actions: pd.DataFrame, on: datetime.date) -> pd.DataFrame:
    """The measures applying on ``on`` whose products are vehicles or their parts, between the three
    countries (not those aimed at others), as the record table shows them."""
    applying = standing(actions, on)
    vehicles = applying["products"].map(products_name).str.contains(VEHICLES) & (applying["target"] != "others")
    shown = record_table(applying[vehicles])
    return shown[["Measure", "Imposed by", "On goods of", "Rate", "Goods qualifying under the USMCA"]].reset_index(
        drop=True
    )


def content_only_rate(rate: float, us_content: float) -> float:
    """The tariff as a share of a qualifying good's full value when it falls only on the non-US content
    (fractions)."""
    if not 0 <= us_content <= 1:
        raise ValueError(f"the US content must be a fraction between 0 and 1, not {us_content}")
    return rate * (1 - us_content)


def leg_shares(trade: pd.DataFrame, us_annual: pd.DataFrame) -> pd.DataFrame:
    """The shares of each leg's trade that vehicles and parts make up: the published ones, then our HS 87
    shares of US exports (:func:`hs87_export_shares`), each in its own product definition."""
    computed = hs87_export_shares(trade, us_annual)
    ours = pd.DataFrame(
        {
            "Leg": "United States → " + computed["partner"],
            "Year": computed["year"].astype(str),
            "Products, as published": "vehicles (HS 87)",
            "Share of the leg's trade": computed["share"].map(percent),
            "Product definition": "HS chapter 87, over Census total exports (computed by the authors)",
            "Source": cited_as(computed["source_id"]) + "; US Census Bureau",
        }
    )
    return pd.concat([stated_shares(trade), ours], ignore_index=True)
