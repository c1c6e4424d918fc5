"""Serve each table's and figure's data download as a file of the built site.

:mod:`camex.downloads` offers the data behind a table or figure as a link whose ``data:`` address holds the
CSV, so that a notebook opened on its own can offer it. In the HTML edition this writes each of those files
into ``_downloads/data/<page>/`` and points the link at it: the pages stay light, and the file a reader saves
is named after the page (``a-late-start-table-2.csv``). Names repeated on a page are numbered. It does so as
soon as a page is read, so that the doctrees Sphinx stores and reloads while it resolves references stay light
too, and again when a page is written, for pages another builder read. The PDF leaves the raw HTML of the link
out, so nothing changes there.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path, PurePosixPath

from docutils import nodes
from sphinx.util.osutil import relative_uri

from camex.downloads import DATA_URI_PREFIX, LINK_CLASS

FOLDER = "_downloads/data"
LINK = re.compile(
    rf'href="{re.escape(DATA_URI_PREFIX)}(?P<payload>[A-Za-z0-9+/=]*)" download="(?P<name>[a-z0-9-]+)\.csv"'
)


def file_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3`` … if the page already has it."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}-{number}"
    taken.add(candidate)
    return candidate


def write_downloads(app, doctree, docname):
    if app.builder.format != "html":
        return
    page_uri = app.builder.get_target_uri(docname)
    stem = PurePosixPath(docname).name
    taken: set[str] = set()

    def to_file(match: re.Match) -> str:
        name = file_name(match["name"], taken)
        target = f"{FOLDER}/{docname}/{name}.csv"
        path = Path(app.builder.outdir, target)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(match["payload"]))
        return f'href="{relative_uri(page_uri, target)}" download="{stem}-{name}.csv"'

    for raw in doctree.findall(nodes.raw):
        if "html" in raw.get("format", "").split() and LINK_CLASS in raw.astext():
            raw.rawsource = LINK.sub(to_file, raw.astext())
            raw[:] = [nodes.Text(raw.rawsource)]


def write_downloads_on_reading(app, doctree):
    write_downloads(app, doctree, app.env.docname)


def setup(app):
    app.connect("doctree-read", write_downloads_on_reading)
    # a page read by the PDF build, which shares the doctrees, still carries its files when HTML writes it
    app.connect("doctree-resolved", write_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
