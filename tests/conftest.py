"""Shared fixtures: a private copy of the data package that a test may break without harm, and a writer of
chapters' MyST Markdown sources."""

import shutil
from pathlib import Path

import pytest

from camex.data import PACKAGE_PATH

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def package(tmp_path) -> Path:
    """Path to the datapackage.json of a fresh copy of data/."""
    copy = tmp_path / "data"
    # the tables and their description; the verbatim excerpts in raw/ are not read by the loader
    shutil.copytree(PACKAGE_PATH.parent, copy, ignore=shutil.ignore_patterns("raw"))
    return copy / "datapackage.json"


MYST_HEADER = (
    "---\njupytext:\n  text_representation:\n    format_name: myst\n"
    "kernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n"
)


@pytest.fixture
def write_source():
    """A function that writes a chapter's MyST Markdown source (its header, then ``body``) to ``path``."""

    def write(path: Path, body: str) -> Path:
        path.write_text(f"{MYST_HEADER}\n{body}", encoding="utf-8")
        return path

    return write
