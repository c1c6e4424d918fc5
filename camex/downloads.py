"""The data behind a table or a figure, offered to readers of the HTML edition as a CSV file.

A download is a link in raw HTML inside a Markdown output: the HTML edition shows it, the PDF leaves raw
HTML out, so print readers never meet a link that cannot work there. The link carries the file in a
``data:`` address, so a notebook opened on its own offers it too; the book's Sphinx extension
(``book/_ext/downloads.py``) writes each file into the built site and points the link at it, which keeps
the pages light. Nothing is written into the repository and nothing is fetched.

After a figure, a chapter ends the figure's cell with::

    offer_csv(frame, "fig-timeline", "The events in the timeline, with their sources")

and every :func:`camex.tables.markdown_table` offers its own table's data the same way.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from camex.data import PACKAGE_PATH, SOURCES, load

LINK_CLASS = "camex-download"
DATA_URI_PREFIX = "data:text/csv;charset=utf-8;base64,"
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# What a CSV adds for each row that names its source: the registry's columns, under plain names.
SOURCE_COLUMNS = {
    "publisher": "source publisher",
    "title": "source title",
    "url": "source address",
    "table_or_page": "source table or page",
}


def with_sources(frame: pd.DataFrame, package: Path = PACKAGE_PATH) -> pd.DataFrame:
    """``frame`` with the publisher, title, address and table of the source each row names in its
    ``source_id`` column, from the source registry; a frame without that column, or that already has them
    (the registry itself), is returned as it is."""
    added = {column: name for column, name in SOURCE_COLUMNS.items() if column not in frame and name not in frame}
    if "source_id" not in frame or not added:
        return frame
    registry = load(SOURCES, package).set_index("source_id")
    unknown = sorted(set(frame["source_id"].dropna()) - set(registry.index))
    if unknown:
        raise ValueError(
            f"source_id {', '.join(map(repr, unknown))} not in data/sources.csv: record the publication there first"
        )
    return frame.join(registry[list(added)].rename(columns=added), on="source_id")


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text; a named index becomes the first columns, an unnamed one is left out."""
    named_index = any(name is not None for name in frame.index.names)
    return frame.to_csv(index=named_index, lineterminator="\n")


def csv_link(frame: pd.DataFrame, name: str, caption: str) -> str:
    """A paragraph of raw HTML whose link downloads ``frame`` as ``<name>.csv``; its text is ``caption``
    and the number of rows."""
    if not NAME.fullmatch(name):
        raise ValueError(f"a download's name is lower-case words joined by hyphens, like 'fig-trade': not {name!r}")
    if not caption.strip():
        raise ValueError(f"the download {name!r} needs a caption: say what the file holds")
    if frame.empty:
        raise ValueError(f"the download {name!r} has no rows: offer data only where there are some")
    payload = base64.b64encode(csv_text(frame).encode("utf-8")).decode("ascii")
    rows = f"{len(frame):,} row{'s' if len(frame) != 1 else ''}"
    return (
        f'<p class="{LINK_CLASS}"><a href="{DATA_URI_PREFIX}{payload}" download="{name}.csv">'
        f"{html.escape(caption.strip())} (CSV, {rows})</a></p>"
    )


def offer_csv(frame: pd.DataFrame, name: str, caption: str) -> Markdown:
    """Offer the data behind a figure as a CSV download in the HTML edition (nothing in the PDF); rows that
    name a ``source_id`` carry their source's publisher, title, address and table. Make it the last line
    of the figure's cell."""
    return Markdown(csv_link(with_sources(frame), name, caption))
