"""Unit tests of the generated frame: figure map, chapter openings, exercises and pins."""

import json

import pytest

from camex.frame import chapter_guide, exercises, figure_map, opening, pinned_requirements
from conftest import ROOT

OPENING = """# A chapter

```{admonition} Before you start
- **Learning objectives.** After this chapter you can
  count things.
- **Prerequisites.** None.
- **Time to read.** About 10 minutes.
```"""
EXERCISES = """```{exercise} Count the events (introductory)
:label: ex-count
Count them.
```

```{exercise} Fit a model (advanced)
:label: ex-model
Fit it.
```"""


def notebook(tmp_path, markdown_cells, code_cells=()):
    cells = [{"cell_type": "markdown", "metadata": {}, "source": [text]} for text in markdown_cells]
    cells += [{"cell_type": "code", "metadata": metadata, "source": [source], "outputs": [], "execution_count": None} for source, metadata in code_cells]
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    return path


def test_opening_reads_the_three_promises(tmp_path):
    items = opening(notebook(tmp_path, [OPENING]))
    assert items == {"Learning objectives": "After this chapter you can count things.", "Prerequisites": "None.", "Time to read": "About 10 minutes."}


def test_opening_names_what_a_chapter_forgot(tmp_path):
    with pytest.raises(ValueError, match="does not state: Time to read"):
        opening(notebook(tmp_path, [OPENING.replace("- **Time to read.** About 10 minutes.\n", "")]))


def test_exercises_with_their_difficulty(tmp_path):
    table = exercises(notebook(tmp_path, [OPENING, EXERCISES]))
    assert table.to_dict("records") == [
        {"label": "ex-count", "exercise": "Count the events", "difficulty": "introductory"},
        {"label": "ex-model", "exercise": "Fit a model", "difficulty": "advanced"},
    ]
    guide = chapter_guide([notebook(tmp_path, [OPENING, EXERCISES])])
    assert guide.loc[0, "exercises"] == "Count the events (introductory); Fit a model (advanced)"


def test_an_exercise_without_difficulty_is_refused(tmp_path):
    with pytest.raises(ValueError, match="ex-count has no difficulty"):
        exercises(notebook(tmp_path, [EXERCISES.replace(" (introductory)", "")]))


def test_figure_map_finds_figures_and_tables_from_the_sources(tmp_path):
    path = notebook(tmp_path, [OPENING], [
        ('rates = load("cad_usd_exchange_rates")', {}),
        ("plot()", {"mystnb": {"figure": {"name": "fig-rates", "caption": "Rates."}}}),
        ("x = 1\nmarkdown_table(rates)", {}),
    ])
    table = figure_map([path])
    assert table[["kind", "label", "code cell"]].values.tolist() == [["figure", "fig-rates", 2], ["table", "", 3]]
    assert set(table["data tables read by the notebook"]) == {"cad_usd_exchange_rates"}


def test_every_chapter_states_its_opening_and_rates_its_exercises():
    chapters = [ROOT / "notebooks" / f"{name}.ipynb" for name in ["a-late-start", "trade-as-the-foundation", "people-to-people", "usmca-under-review"]]
    guide = chapter_guide(chapters)
    assert (guide["exercises"].str.count(";") >= 2).all(), "each chapter sets at least three exercises"


def test_pinned_requirements_lists_every_pin():
    pins = pinned_requirements(ROOT / "requirements.txt")
    assert "jupyter-book" in set(pins["package"]) and (pins["version"] != "").all()
