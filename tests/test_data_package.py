"""The bundled data package: every table valid, every row sourced, every source used."""

import csv
import re

import pandas as pd
import pytest
from conftest import ROOT
from frictionless import Package

from camex.book import notebook_pages, tables_loaded
from camex.data import PACKAGE_PATH, SOURCES, load, read_package, table_names

TABLES = table_names()


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_and_is_not_empty(name):
    assert len(load(name)) > 0


def test_package_conforms_to_the_frictionless_standard():
    report = Package(str(PACKAGE_PATH)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("entry", read_package()["resources"], ids=lambda entry: entry["name"])
def test_every_table_is_described(entry):
    assert entry["title"] and entry["description"]
    assert entry["licenses"] and all(licence.get("title") and licence.get("path") for licence in entry["licenses"])
    assert entry["sources"] and all(source.get("title") for source in entry["sources"])
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", entry["hash"])
    for field in entry["schema"]["fields"]:
        assert field.get("description"), f"{entry['name']}.{field['name']} has no description"


@pytest.mark.parametrize("name", [name for name in TABLES if name != SOURCES])
def test_every_row_cites_a_registered_source(name):
    entry = next(resource for resource in read_package()["resources"] if resource["name"] == name)
    assert {"fields": ["source_id"], "reference": {"resource": SOURCES, "fields": ["source_id"]}} in entry["schema"][
        "foreignKeys"
    ]
    assert load(name)["source_id"].notna().all()


def test_every_registered_source_is_cited_by_a_row_or_a_note():
    tables = [load(name) for name in TABLES if name != SOURCES]
    cited = set().union(
        *(set(table[column].dropna()) for table in tables for column in table if column.endswith("source_id"))
    )
    notes = " ".join(" ".join(table["note"].dropna()) for table in tables if "note" in table)
    uncited = {source for source in load(SOURCES)["source_id"] if source not in cited and source not in notes}
    assert not uncited


def test_secondary_sources_say_where_the_official_figure_should_come_from():
    sources = load(SOURCES)
    secondary = sources[sources["kind"] == "secondary"]
    assert secondary["note"].notna().all()


def test_pages_load_only_tables_that_exist():
    for page in notebook_pages():
        assert tables_loaded(page) <= set(TABLES), page.name


def test_exchange_rates_match_the_verbatim_excerpt_of_the_publication():
    """The tidy table holds exactly the FXAUSDCAD observations of the excerpt read from the Bank's data."""
    excerpt = (ROOT / "data" / "raw" / "boc_fx_rates_annual_excerpt.txt").read_text(encoding="utf-8")
    published = {
        int(year): float(value)
        for year, value in re.findall(r'"d": "(\d{4})-01-01",\s*"FXAUSDCAD": \{\s*"v": "([\d.]+)"', excerpt)
    }
    rates = load("cad_usd_exchange_rates").set_index("year")["cad_per_usd"]
    assert rates.to_dict() == published


def test_data_files_are_plain_utf8_csv_with_unix_line_endings():
    for entry in read_package()["resources"]:
        raw = (PACKAGE_PATH.parent / entry["path"]).read_bytes()
        assert b"\r\n" not in raw and not raw.startswith(b"\xef\xbb\xbf"), entry["path"]
        raw.decode("utf-8")
        with open(PACKAGE_PATH.parent / entry["path"], encoding="utf-8", newline="") as handle:
            widths = {len(row) for row in csv.reader(handle)}
        assert widths == {len(entry["schema"]["fields"])}, entry["path"]


def test_loaded_types_follow_the_schema():
    rates = load("cad_usd_exchange_rates")
    assert rates["year"].dtype == pd.Int64Dtype()
    assert rates["cad_per_usd"].dtype == "float64"


def test_every_raw_excerpt_the_registry_points_to_is_bundled():
    """The audit trail: each verbatim excerpt named in a source record or a note is in data/raw/."""
    text = " ".join(path.read_text(encoding="utf-8") for path in (ROOT / "data").glob("*.csv"))
    named = set(re.findall(r"data/raw/[a-z]+/[\w.*-]*\w", text))
    assert named
    for pattern in named:
        assert list(ROOT.glob(pattern)), f"{pattern} is named in the data but not bundled"


def test_every_treaty_phrase_is_found_verbatim_in_the_excerpts_read():
    excerpts = " ".join(
        " ".join(path.read_text(encoding="utf-8").split()) for path in (ROOT / "data" / "raw" / "usmca").glob("*.md")
    )
    for row in load("treaty_provisions").itertuples():
        assert " ".join(row.verbatim_key_phrase.split()) in excerpts, row.provision_id


def test_every_fact_from_the_proclamations_is_backed_by_a_verbatim_passage():
    with open(ROOT / "data" / "raw" / "usmca" / "facts_evidence.csv", encoding="utf-8", newline="") as handle:
        evidence = list(csv.DictReader(handle))
    facts = set(load("usmca_facts")["fact_id"])
    assert evidence and {row["fact_id"] for row in evidence} <= facts
    for row in evidence:
        text = " ".join((ROOT / row["raw_file"]).read_text(encoding="utf-8").split())
        assert " ".join(row["passage"].split()) in text, row["fact_id"]


@pytest.mark.parametrize("entry", read_package()["resources"], ids=lambda entry: entry["name"])
def test_every_table_states_its_vintage(entry):
    if entry["name"] == SOURCES:
        return
    vintage = entry["vintage"]
    assert vintage["copy"].strip() and vintage["later"].strip()
    if "period_field" in vintage:
        assert vintage["period_field"] in {field["name"] for field in entry["schema"]["fields"]}


def test_every_reason_for_the_mirror_gap_is_quoted_from_the_excerpt_read():
    notes = load(SOURCES).set_index("source_id")["note"]
    for row in load("mirror_reasons").itertuples():
        excerpts = re.findall(r"data/raw/[a-z]+/[\w.-]+\.txt", notes[row.source_id])
        text = " ".join(" ".join((ROOT / excerpt).read_text(encoding="utf-8").split()) for excerpt in excerpts)
        assert " ".join(row.passage.split()) in text, row.reason_id


def test_every_quotation_of_the_literature_is_found_in_the_excerpt_read():
    for row in load("literature").itertuples():
        excerpt = " ".join((ROOT / row.raw_file).read_text(encoding="utf-8").split())
        assert " ".join(row.quotation.split()) in excerpt, row.finding_id


def test_every_work_the_literature_table_quotes_is_in_the_bibliography():
    bibliography = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    entries = set(re.findall(r"^@\w+\{([^,]+),", bibliography, flags=re.MULTILINE))
    assert set(load("literature")["bib_key"]) <= entries
