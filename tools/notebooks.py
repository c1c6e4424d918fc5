"""Keep each executed notebook in step with the MyST Markdown source people edit.

    python tools/notebooks.py outputs [NAME ...]  rebuild each .ipynb from its .md, execute it and store the
                                                  outputs, two notebooks at a time (make outputs)
    python tools/notebooks.py cache DIR           execute, two at a time, the notebooks the build's execution
                                                  cache at DIR does not hold yet, so that Sphinx finds them there
    python tools/notebooks.py check               fail if a notebook no longer matches its source
    python tools/notebooks.py stored-config OUT   write a configuration, derived from _config.yml, that renders
                                                  the outputs the notebooks store and executes nothing

A stored notebook keeps only what means something: no execution timestamps, no language version, no widget
state (the HTML build executes the notebooks and regenerates it), and a widget's output reduced to its
plain-text note. Cell ids follow from each cell's content. So `make outputs` run twice leaves git clean.
"""

from __future__ import annotations

import hashlib
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from queue import Empty

import jupytext
import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from nbclient import NotebookClient

from camex.book import Page, notebook_pages, write_derived_config

WORKERS = 2  # the budgets are set for a two-core machine
CELL_TIMEOUT = 120  # seconds; a chapter cell that needs more is a bug
POLL_SLICE = 1.0  # seconds between looks at the kernel's channels
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KEPT_NOTEBOOK_METADATA = ("jupytext", "kernelspec")


def from_source(page: Page) -> nbformat.NotebookNode:
    """The notebook as its Markdown source defines it, without outputs."""
    notebook = jupytext.read(page.source, fmt="md:myst")
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for cell in notebook.cells:
        cell.id = cell_id(cell)
    return notebook


def cell_id(cell: nbformat.NotebookNode) -> str:
    """An id that depends only on the cell's type and source."""
    return hashlib.sha256(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:12]


def in_slices(get_msg):
    """A channel's ``get_msg`` that looks again every ``POLL_SLICE`` seconds until its timeout.

    Under load, the wake-up for a message that has already arrived can be missed; one long wait then
    runs to the end of the cell's timeout (two minutes here, seen for the cells that display widgets)
    before it notices the message. Short waits notice it within a second.
    """

    async def get(timeout: float | None = None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            remaining = POLL_SLICE if deadline is None else max(0.0, min(POLL_SLICE, deadline - time.monotonic()))
            try:
                return await get_msg(timeout=remaining)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    return get


class SteadyClient(NotebookClient):
    """A notebook client whose waits for the kernel's replies and outputs never miss a message."""

    async def async_start_new_kernel_client(self):
        client = await super().async_start_new_kernel_client()
        for channel in (client.shell_channel, client.iopub_channel):
            channel.get_msg = in_slices(channel.get_msg)
        return client


def execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel started in ``folder``; an error in any cell stops with it."""
    SteadyClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
        record_timing=False,  # timestamps would change the notebook on every run, and its key in the cache
    ).execute()
    return notebook


def stripped(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without what changes on every run and means nothing."""
    notebook.metadata = {key: notebook.metadata[key] for key in KEPT_NOTEBOOK_METADATA if key in notebook.metadata}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                output["data"] = {"text/plain": output["data"]["text/plain"]}
    return notebook


def store(page: Page) -> tuple[str, float]:
    """Rebuild a page's notebook from its source, execute it and write it; return its name and seconds."""
    start = time.perf_counter()
    notebook = stripped(execute(from_source(page), page.source.parent))
    nbformat.write(notebook, page.source.with_suffix(".ipynb"))
    return page.name, time.perf_counter() - start


def differences(page: Page) -> list[str]:
    """Where a page's stored notebook departs from its source: cell types, sources or metadata."""
    source = from_source(page)
    stored = nbformat.read(page.notebook, as_version=4)
    if len(source.cells) != len(stored.cells):
        return [f"{len(stored.cells)} cells in the notebook, {len(source.cells)} in the source"]
    found = []
    for number, (wanted, held) in enumerate(zip(source.cells, stored.cells), start=1):
        for part in ("cell_type", "source", "metadata"):
            if wanted[part] != held[part]:
                found.append(f"cell {number}: its {part.replace('_', ' ')} differs")
    return found


def write_stored_config(out: Path) -> None:
    """_config.yml with execution off, so that the build renders each notebook's stored outputs. `make test`
    builds the HTML with it just after nbval has shown that executing the notebooks gives those outputs, so
    that nothing is executed twice."""

    def execute_nothing(config: dict) -> None:
        config["execute"]["execute_notebooks"] = "off"

    write_derived_config(out, execute_nothing)


def executed_for_cache(path: Path) -> tuple[Path, nbformat.NotebookNode, float]:
    """Execute a stored notebook as the HTML build would, in its own folder."""
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    return path, execute(notebook, path.parent), time.perf_counter() - start


def fill_cache(folder: Path) -> list[str]:
    """Execute the notebooks the cache lacks, in parallel, and add them; return the names executed."""
    cache = get_cache(str(folder))
    missing = []
    for page in notebook_pages():
        try:
            cache.match_cache_notebook(nbformat.read(page.notebook, as_version=4))
        except KeyError:
            missing.append(page.notebook)
    with ProcessPoolExecutor(WORKERS) as pool:
        for path, notebook, seconds in pool.map(executed_for_cache, missing):
            record = cache.add_nb_to_project(str(path))
            cache.cache_notebook_bundle(
                CacheBundleIn(notebook, record.uri, data={"execution_seconds": seconds}),
                check_validity=False,
                overwrite=True,
            )
    return [path.stem for path in missing]


def main(arguments: list[str]) -> int:
    command, rest = (arguments[0], arguments[1:]) if arguments else ("", [])
    if command == "outputs":
        chosen = [page for page in notebook_pages() if not rest or page.name in rest]
        with ProcessPoolExecutor(WORKERS) as pool:
            for name, seconds in pool.map(store, chosen):
                print(f"executed {name} in {seconds:.1f} s")
        return 0
    if command == "cache" and len(rest) == 1:
        executed = fill_cache(Path(rest[0]))
        print(f"executed into the cache: {', '.join(executed) or 'nothing (every notebook was cached)'}")
        return 0
    if command == "stored-config" and len(rest) == 1:
        write_stored_config(Path(rest[0]))
        return 0
    if command == "check":
        failures = {page.name: found for page in notebook_pages() if (found := differences(page))}
        for name, found in failures.items():
            print(
                f"notebooks/{name}.ipynb no longer matches notebooks/{name}.md: {'; '.join(found)}. Run `make outputs`."
            )
        return 1 if failures else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
