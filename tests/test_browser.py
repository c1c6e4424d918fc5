"""Every page of the built HTML book in a real browser, as a reader meets it.

Debian's Chromium (``/usr/bin/chromium``, headless), driven by Playwright, opens each page of the site in
``CAMEX_SITE`` (``make test-browser`` sets it to ``_build/html``) served from 127.0.0.1, and the tests
check, page by page: no error in the console; no request to another host and none for a file the build
lacks; every formula of the page typeset by MathJax; every widget view rendered, its descriptions and
readouts shown in full; no text wider than the content column and no word of a table broken or hyphenated,
on a desktop and on a phone-sized screen; no serious or critical finding of an axe-core accessibility
audit; the edition line (version, release date) and a PDF link that resolves once ``make pdf`` has put the
PDF in the site; a CSV download under every table that serves its data.

Without ``CAMEX_SITE`` the page checks are skipped and only the tests of the helpers run.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from camex.book import citation, pages, release_date
from camex.page import prose_date

SITE = Path(os.environ["CAMEX_SITE"]).resolve() if os.environ.get("CAMEX_SITE") else None
CHROMIUM = os.environ.get("CAMEX_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "_vendor" / "test" / "axe.min.js"
PDF = "canada-mexico.pdf"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WAIT_MS = 20_000  # for MathJax and the widget renderer; a page that needs longer has a problem
SERIOUS = {"serious", "critical"}
PAGES = [entry.docname for entry in pages()] + ["genindex", "search"]
NO_SITE = "set CAMEX_SITE to a built site (make test-browser) to check the pages in a browser"

# Sphinx writes every formula as an element of class "math" (inline \(…\), display \[…\]); MathJax turns
# each into one <mjx-container>.
MATH_ELEMENT = re.compile(r'<(?:span|div) class="math notranslate nohighlight"')
WIDGET_VIEW = 'type="application/vnd.jupyter.widget-view+json"'

# Elements that hold text, and the things a page sets in the column; each must fit the column, unless it
# sits in a box of its own that scrolls or clips (the theme's table wrapper, a code block).
TOO_WIDE_JS = """() => {
  const column = document.querySelector("article.bd-article") || document.querySelector(".bd-article-container");
  const edge = column.getBoundingClientRect();
  const text = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, figcaption, caption, blockquote, th, td";
  const boxes = text + ", table, img, figure, pre, mjx-container, .jupyter-widgets, .admonition, .cell_output > *";
  function scroller(element) {
    for (let up = element.parentElement; up && up !== column; up = up.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(up).overflowX)) return up;
    }
    return null;
  }
  function named(element) {
    const words = element.textContent.trim().replace(/\\s+/g, " ").slice(0, 60);
    return `<${element.tagName.toLowerCase()} class="${element.className}"> "${words}"`;
  }
  const found = [];
  for (const element of column.querySelectorAll(boxes)) {
    if (!element.getClientRects().length) continue;
    const outer = scroller(element) || element;
    const box = outer.getBoundingClientRect();
    const spills = element.matches(text) && outer === element &&
      getComputedStyle(element).overflowX === "visible" && element.scrollWidth > element.clientWidth + 1;
    if (box.right > edge.right + 1 || box.left < edge.left - 1 || spills) {
      found.push(`${named(element)} spans ${Math.round(box.left)}–${Math.round(box.right)}` +
        (spills ? ` (text ${element.scrollWidth} px in ${element.clientWidth} px)` : "") +
        `, column ${Math.round(edge.left)}–${Math.round(edge.right)}`);
    }
  }
  return found;
}"""
CUT_CONTROLS_JS = """() => Array.from(document.querySelectorAll(".widget-readout, .widget-inline-hbox > .widget-label"))
  .filter(text => text.getClientRects().length && text.scrollWidth > text.clientWidth + 1)
  .map(text => `"${text.textContent}" needs ${text.scrollWidth} px, has ${text.clientWidth} px`)"""
# A word of a table cell set on two lines: broken or hyphenated to fit. A word here is a run of letters and
# digits (with the points and commas inside a number); a break at a space, hyphen, dash, slash or bracket of
# the text itself is a line break like any other.
BROKEN_WORDS_JS = """() => {
  const found = [];
  for (const cell of document.querySelectorAll("article table th, article table td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}](?:[\\p{L}\\p{N}.,]*[\\p{L}\\p{N}])?/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(box => Math.round(box.top)));
        if (lines.size > 1) found.push(`"${match[0]}" in "${cell.textContent.trim().slice(0, 40)}"`);
      }
    }
  }
  return found;
}"""
WIDGETS_RENDERED_JS = f"""() => Array.from(document.querySelectorAll('script[{WIDGET_VIEW}]')).every(script => {{
  const area = script.previousElementSibling;
  return area && area.classList.contains("widget-subarea") && area.querySelector(".jupyter-widgets");
}})"""
VISIBLE_VIEWS_JS = """() => Array.from(document.querySelectorAll(".widget-subarea > .jupyter-widgets"))
  .filter(view => { const box = view.getBoundingClientRect(); return box.width > 0 && box.height > 0; }).length"""
TABLES_JS = """() => Array.from(document.querySelectorAll("article .cell_output table")).map(table => {
  const next = (table.closest(".pst-scrollable-table-container") || table).nextElementSibling;
  return next && next.matches("p.camex-download") ? next.querySelector("a").href : null;
})"""
AXE_JS = "() => axe.run(document, {resultTypes: ['violations']})"


# ---- helpers: what the page's source promises, and what the browser reported ----


def maths_in(html: str) -> int:
    """How many formulas the page's HTML source holds."""
    return len(MATH_ELEMENT.findall(html))


def widget_views_in(html: str) -> int:
    """How many widget views the page's HTML source asks the renderer for."""
    return html.count(WIDGET_VIEW)


def foreign(urls: list[str], origin: str) -> list[str]:
    """The requests that went to a host other than the site's own."""
    return [
        url for url in urls if urlparse(url).scheme in {"http", "https", "ws", "wss"} and not url.startswith(origin)
    ]


def serious_findings(results: dict) -> list[str]:
    """axe-core's serious and critical violations, one line each, with the elements that have them."""
    return [
        f"{violation['impact']} {violation['id']}: {violation['help']} — "
        + "; ".join(f"{node['target']} {node['html'][:120]}" for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
    ]


def edition_text() -> str:
    return f"Version {citation()['version']}, released {prose_date(release_date())}."


def test_formulas_and_widget_views_are_counted_from_the_page_source():
    html = (
        '<p>Let <span class="math notranslate nohighlight">\\(y_t\\)</span> be</p>'
        '<div class="math notranslate nohighlight">\\[a = b\\]</div><pre>re.compile(r"\\(")</pre>'
        '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "1"}</script>'
    )
    assert maths_in(html) == 2 and widget_views_in(html) == 1
    assert maths_in("<p>No maths, but a price of $5 and $6.</p>") == widget_views_in("<p></p>") == 0


def test_only_requests_to_other_hosts_are_foreign():
    origin = "http://127.0.0.1:8000"
    urls = [f"{origin}/_static/require.js", "https://cdn.jsdelivr.net/npm/mathjax@3", "data:image/png;base64,AA"]
    assert foreign(urls, origin) == ["https://cdn.jsdelivr.net/npm/mathjax@3"]
    assert foreign(["http://127.0.0.1:8001/x"], origin) == ["http://127.0.0.1:8001/x"]


def test_only_serious_and_critical_findings_fail_a_page():
    node = {"target": [".noUi-handle"], "html": '<div class="noUi-handle" role="slider">'}
    results = {
        "violations": [
            {"impact": "critical", "id": "image-alt", "help": "Images must have alternative text", "nodes": [node]},
            {"impact": "moderate", "id": "region", "help": "All content in landmarks", "nodes": [node]},
        ]
    }
    assert serious_findings(results) == [
        "critical image-alt: Images must have alternative text — ['.noUi-handle'] "
        '<div class="noUi-handle" role="slider">'
    ]


# ---- the browser ----


@dataclass
class Visit:
    """What a reader's browser met on one page."""

    url: str
    source: str
    console: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    typeset: int = 0
    maths_errors: int = 0
    widgets_rendered: bool = True
    visible_views: int = 0
    cut_controls: list[str] = field(default_factory=list)
    too_wide: dict[str, list[str]] = field(default_factory=dict)
    broken_words: dict[str, list[str]] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)
    edition: str = ""
    pdf_link: str | None = None
    table_downloads: list[str | None] = field(default_factory=list)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def origin():
    if SITE is None:
        pytest.skip(NO_SITE)
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built book in {SITE}: run `make book` first")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(origin):
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make setup` (tools/js-assets.txt lists it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def visits(browser, origin):
    """Each page is opened once, when a test first asks for it."""
    cache: dict[str, Visit | str] = {}

    def visit(docname: str) -> Visit:
        if docname not in cache:
            try:
                cache[docname] = open_page(browser, origin, docname)
            except Exception as error:  # every test of the page reports it; the page is opened once
                cache[docname] = f"{docname} could not be checked: {error}"
        if isinstance(cache[docname], str):
            pytest.fail(cache[docname])
        return cache[docname]

    return visit


def open_page(browser, origin: str, docname: str) -> Visit:
    source = (SITE / f"{docname}.html").read_text(encoding="utf-8")
    found = Visit(url=f"{origin}/{docname}.html", source=source)
    page = browser.new_page(viewport=DESKTOP)
    page.on("console", lambda message: message.type == "error" and found.console.append(message.text))
    page.on("pageerror", lambda error: found.console.append(f"uncaught: {error}"))
    page.on("request", lambda request: found.requests.append(request.url))
    page.on("requestfailed", lambda request: found.missing.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: response.status >= 400 and found.missing.append(response.url))
    page.goto(found.url, wait_until="load")
    if maths_in(source):
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=WAIT_MS)
        page.evaluate("() => MathJax.startup.promise")
        found.typeset = page.locator("mjx-container").count()
        found.maths_errors = page.locator("mjx-merror").count()
    if widget_views_in(source):
        try:
            page.wait_for_function(WIDGETS_RENDERED_JS, timeout=WAIT_MS)
        except PlaywrightTimeout:  # the test reports it
            found.widgets_rendered = False
        page.wait_for_timeout(200)  # the labels the book adds to the rendered controls
        found.visible_views = page.evaluate(VISIBLE_VIEWS_JS)
        found.cut_controls = page.evaluate(CUT_CONTROLS_JS)
    found.too_wide["desktop"] = page.evaluate(TOO_WIDE_JS)
    found.broken_words["desktop"] = page.evaluate(BROKEN_WORDS_JS)
    page.add_script_tag(path=str(AXE))
    found.findings = serious_findings(page.evaluate(AXE_JS))
    if page.locator(".bd-header-announcement").count():
        found.edition = page.locator(".bd-header-announcement").inner_text()
    if page.locator("a.camex-pdf").count():
        found.pdf_link = page.locator("a.camex-pdf").first.evaluate("a => a.href")
    found.table_downloads = page.evaluate(TABLES_JS)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(100)
    found.too_wide["phone"] = page.evaluate(TOO_WIDE_JS)
    found.broken_words["phone"] = page.evaluate(BROKEN_WORDS_JS)
    page.close()
    return found


# ---- the pages ----

# Without a site, each check is skipped once rather than once a page.
pages_to_check = pytest.mark.parametrize(
    "docname", PAGES if SITE else [pytest.param(None, marks=pytest.mark.skip(reason=NO_SITE))]
)


@pages_to_check
def test_no_errors_in_the_console(visits, docname):
    assert visits(docname).console == []


@pages_to_check
def test_nothing_is_fetched_from_another_host_or_missing(visits, origin, docname):
    visit = visits(docname)
    assert foreign(visit.requests, origin) == []
    assert visit.missing == []


@pages_to_check
def test_every_formula_is_typeset(visits, docname):
    visit = visits(docname)
    assert visit.typeset == maths_in(visit.source), "formulas in the page's source against <mjx-container>s"
    assert visit.maths_errors == 0


@pages_to_check
def test_every_widget_view_is_rendered_with_its_descriptions_and_readouts_in_full(visits, docname):
    visit = visits(docname)
    assert visit.widgets_rendered, "a widget view was not rendered"
    assert visit.visible_views == widget_views_in(visit.source)
    assert visit.cut_controls == []


@pages_to_check
def test_no_text_is_wider_than_the_column(visits, docname):
    assert visits(docname).too_wide == {"desktop": [], "phone": []}


@pages_to_check
def test_no_word_in_a_table_is_broken_or_hyphenated(visits, docname):
    assert visits(docname).broken_words == {"desktop": [], "phone": []}


@pages_to_check
def test_no_serious_accessibility_finding(visits, docname):
    assert visits(docname).findings == []


@pages_to_check
def test_every_page_names_its_edition_and_links_the_pdf(visits, origin, docname):
    visit = visits(docname)
    assert edition_text() in visit.edition
    assert visit.pdf_link == f"{origin}/{PDF}"


@pages_to_check
def test_every_table_offers_its_data_as_csv(browser, visits, docname):
    visit = visits(docname)
    assert None not in visit.table_downloads, "a table without its download"
    context = browser.new_context()
    for url in visit.table_downloads:
        response = context.request.get(url)
        assert response.ok and response.headers["content-type"].startswith("text/csv"), url
        rows = list(csv.reader(io.StringIO(response.text())))
        assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows), url
    context.close()


def test_the_pdf_link_serves_the_pdf(browser, origin):
    if not (SITE / PDF).exists():
        pytest.skip(f"no {PDF} in the site: `make pdf` builds it and copies it there")
    context = browser.new_context()
    response = context.request.get(f"{origin}/{PDF}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
    context.close()
