"""The book's frame: table of contents, configuration, pins, the release and the claims it examines."""

import re
import sys
from types import SimpleNamespace

import yaml
from conftest import ROOT

from camex.book import citation, notebook_pages, pages, release_date
from camex.claims import CHECKS
from camex.data import load

sys.path.insert(0, str(ROOT / "book" / "_ext"))

import release  # noqa: E402


def test_every_page_in_the_table_of_contents_exists_and_every_notebook_is_listed():
    listed = pages()
    assert all(entry.source.exists() for entry in listed)
    sources = {path.stem for path in (ROOT / "notebooks").glob("*.md")}
    assert sources == {entry.name for entry in notebook_pages()}, "each notebooks/*.md is a page with its .ipynb"


def test_every_direct_dependency_is_pinned():
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[A-Za-z0-9_.]+", line) for line in lines)


def test_the_title_page_is_dated_from_the_citation():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "today" not in config["sphinx"]["config"], "the release date is stated once, in CITATION.cff"
    sphinx = SimpleNamespace(today="", myst_substitutions={"other": "kept"})
    release.date_from_citation(None, sphinx)
    released = release_date()
    assert sphinx.today == sphinx.myst_substitutions["release_date"] == f"{released.day} {released:%B %Y}"
    assert sphinx.myst_substitutions["version"] == str(citation()["version"])
    assert sphinx.myst_substitutions["other"] == "kept"
    assert citation()["title"] == config["title"]


def test_how_to_cite_and_whats_new_match_the_citation_file():
    record = citation()
    how_to_cite = " ".join((ROOT / "book" / "how-to-cite.md").read_text(encoding="utf-8").split())
    for part in [record["title"], "version {{ version }}", "released {{ release_date }}", record["repository-code"]]:
        assert part in how_to_cite, part
    whats_new = (ROOT / "book" / "whats-new.md").read_text(encoding="utf-8")
    assert f"## Version {record['version']} ({record['date-released']})" in whats_new


def test_every_claim_has_a_check_and_every_check_a_claim():
    claims = load("claims")
    assert set(claims["claim_id"]) == set(CHECKS)
    assert set(claims["chapter"]) <= {entry.name for entry in pages() if entry.part == "Chapters"}
