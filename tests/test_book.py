"""The book's frame: table of contents, configuration, pins and stored notebook outputs."""

import json
import re
from datetime import datetime

import pytest
import yaml

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc["parts"]:
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def test_every_notebook_is_in_the_table_of_contents_and_every_entry_exists():
    listed = toc_files()
    assert {f"notebooks/{notebook.stem}" for notebook in NOTEBOOKS} <= set(listed)
    for entry in listed:
        assert (ROOT / f"{entry}.md").exists() or (ROOT / f"{entry}.ipynb").exists(), entry


def test_every_direct_dependency_is_pinned():
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[A-Za-z0-9_.]+", line) for line in lines)


def test_title_page_date_is_the_release_date_in_the_citation():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    released = citation["date-released"]
    assert datetime.strptime(config["sphinx"]["config"]["today"], "%d %B %Y").date() == released
    assert citation["title"] == config["title"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_stored_outputs_come_from_one_run_top_to_bottom(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    counts = [cell["execution_count"] for cell in cells if cell["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1)), "re-run the notebook with `make outputs`"
    errors = [output for cell in cells if cell["cell_type"] == "code" for output in cell["outputs"] if output["output_type"] == "error"]
    assert not errors


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_every_figure_has_a_name_a_caption_and_alt_text(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "code" and any("image/png" in output.get("data", {}) for output in cell["outputs"]):
            options = cell["metadata"].get("mystnb", {})
            assert options.get("figure", {}).get("name", "").startswith("fig-")
            assert options["figure"].get("caption")
            assert options.get("image", {}).get("alt")
            assert "add_source(" in "".join(cell["source"]), "every figure ends with its source line"


def test_how_to_cite_and_whats_new_match_the_citation_file():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    how_to_cite = " ".join((ROOT / "book" / "how-to-cite.md").read_text(encoding="utf-8").split())
    for part in [citation["title"], f"version {citation['version']}", str(citation["date-released"]), citation["repository-code"], citation["authors"][0]["name"]]:
        assert part in how_to_cite, part
    whats_new = (ROOT / "book" / "whats-new.md").read_text(encoding="utf-8")
    assert f"## Version {citation['version']} ({citation['date-released']})" in whats_new
