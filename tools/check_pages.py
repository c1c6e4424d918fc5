"""Load every page of the built HTML book in headless Chromium, as a reader would, and fail if a page
does not render, raises a JavaScript error, asks for a file the build lacks, or requests another host.

The book is served from 127.0.0.1; Chromium records every request in a NetLog. Requests that a page
starts carry the page's origin as their initiator, which separates them from the browser's own calls
home. Usage: python tools/check_pages.py _build/html
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=10000",
]
CONSOLE_ERROR = re.compile(r"CONSOLE.*(Uncaught|Error)|Uncaught \w*Error")


class RecordingHandler(SimpleHTTPRequestHandler):
    """Serves the book and remembers the paths it could not find."""

    missing: list[str] = []

    def log_message(self, format, *args):  # keep the output for problems only
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            self.missing.append(self.path)
        super().send_error(code, message, explain)


def serve(root: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(RecordingHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def requests_made_by_page(netlog: Path, origin: str) -> list[str]:
    """URLs of the requests whose initiator is the page's origin."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start_job and event.get("params", {}).get("initiator") == origin
    ]


def check_page(url: str, origin: str, workdir: Path) -> list[str]:
    netlog = workdir / "netlog.json"
    result = subprocess.run(
        [
            "chromium",
            *CHROMIUM_FLAGS,
            f"--user-data-dir={workdir / 'profile'}",
            f"--log-net-log={netlog}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    problems = []
    if result.returncode != 0 or "<main" not in result.stdout or "<h1" not in result.stdout:
        problems.append("did not render (no main content or no title in the page)")
    problems += [
        f"JavaScript error: {line.strip()}" for line in result.stderr.splitlines() if CONSOLE_ERROR.search(line)
    ]
    host = urlparse(origin).netloc
    problems += [
        f"requested another host: {request}"
        for request in requests_made_by_page(netlog, origin)
        if urlparse(request).netloc != host
    ]
    return problems


def main(site: Path) -> int:
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if "_static" not in path.parts)
    if not pages:
        print(f"no HTML pages under {site}: build the book first (make book)", file=sys.stderr)
        return 1
    server = serve(site)
    origin = f"http://127.0.0.1:{server.server_port}"
    failures = 0
    for page in pages:
        RecordingHandler.missing.clear()
        with tempfile.TemporaryDirectory() as workdir:
            problems = check_page(f"{origin}/{page}", origin, Path(workdir))
        problems += [
            f"asked for a file the build lacks: {path}" for path in RecordingHandler.missing if path != "/favicon.ico"
        ]
        failures += bool(problems)
        print(f"{'FAIL' if problems else 'ok  '} {page}")
        for problem in problems:
            print(f"     {problem}")
    server.shutdown()
    print(f"{len(pages) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")))
