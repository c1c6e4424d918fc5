"""Shared fixtures: a private copy of the data package that a test may break without harm."""

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
