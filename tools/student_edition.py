"""The student edition: the same book with every exercise's solution left out.

``python tools/student_edition.py config OUT`` writes a configuration derived from _config.yml that turns
on sphinx-exercise's ``hide_solutions`` and shares the main build's execution cache; write it beside
_config.yml, so that the relative paths in it still hold.
``python tools/student_edition.py check SITE`` fails if any solution reached the built pages.
"""

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def write_config(out: Path) -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] += " (student edition)"
    config["sphinx"]["config"]["hide_solutions"] = True
    config["execute"]["cache"] = str(ROOT / "_build" / ".jupyter_cache")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def check(site: Path) -> int:
    pages = sorted(site.rglob("*.html"))
    exercises = sum(page.read_text(encoding="utf-8").count('class="exercise admonition') for page in pages)
    leaks = [page.relative_to(site) for page in pages if 'class="solution' in page.read_text(encoding="utf-8")]
    for page in leaks:
        print(f"FAIL: {page} contains a solution")
    if not exercises:
        print("FAIL: the student edition has no exercises at all")
    print(f"{exercises} exercises, {len(leaks)} pages with solutions")
    print(f"{int(bool(exercises)) + int(not leaks)} passed, {int(not exercises) + int(bool(leaks))} failed")
    return 1 if leaks or not exercises else 0


if __name__ == "__main__":
    command, path = sys.argv[1], Path(sys.argv[2])
    if command == "config":
        write_config(path)
    else:
        sys.exit(check(path))
