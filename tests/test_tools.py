"""The checks CI runs on the built book: which requests a page made, and what a PDF must contain."""

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import check_pages  # noqa: E402
import check_pdf  # noqa: E402


def test_only_requests_started_by_the_page_count(tmp_path):
    origin = "http://127.0.0.1:8000"
    start = 7
    events = [
        {"type": start, "params": {"url": f"{origin}/_static/require.js", "initiator": origin}},
        {"type": start, "params": {"url": "https://cdn.example.org/mathjax.js", "initiator": origin}},
        {"type": start, "params": {"url": "https://update.example.com/check", "initiator": "not an origin"}},
        {"type": 3, "params": {"url": "https://ignored.example.com/", "initiator": origin}},
    ]
    netlog = tmp_path / "netlog.json"
    netlog.write_text(json.dumps({"constants": {"logEventTypes": {"URL_REQUEST_START_JOB": start}}, "events": events}))
    assert check_pages.requests_made_by_page(netlog, origin) == [f"{origin}/_static/require.js", "https://cdn.example.org/mathjax.js"]


def test_console_errors_are_recognised():
    assert check_pages.CONSOLE_ERROR.search('INFO:CONSOLE:64] "Uncaught SyntaxError: Identifier \'x\' has already been declared"')
    assert not check_pages.CONSOLE_ERROR.search("INFO:CONSOLE:1] \"page ready\"")


def test_the_pdf_must_carry_every_page_title_and_figure():
    titles = check_pdf.page_titles()
    assert "A late start: Canada and Mexico, 1822 to today" in titles and "Glossary" in titles
    assert check_pdf.figure_count() > 0
