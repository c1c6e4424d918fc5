"""What the theme and the extensions write that an accessibility audit (axe-core, run on every page by
tests/test_browser.py) finds serious, put right where the HTML is made.

- A control's name must contain the text it shows (WCAG 2.5.3, "label in name"). The theme names its
  search field "Search" while it shows "Search Ctrl+K", and gives its colour-mode button icons that read
  "Light", "Dark" or "System Settings" under the name "Color mode"; the templates in ``templates/``
  drop the label and mark the icons as decoration. myst-nb names every "Show code cell source" toggle
  "Toggle hidden content"; the toggle's own text names it instead.
- A list may hold only list items: docutils marks each reference of the bibliography with the deprecated
  role ``doc-biblioentry`` inside a ``role="list"``; each becomes a ``listitem``.
"""

from pathlib import Path

TEMPLATES = Path(__file__).with_name("templates")
BODY_REPAIRS = {
    '<summary aria-label="Toggle hidden content">': "<summary>",
    'role="doc-biblioentry"': 'role="listitem"',
}


def add_templates(app, config):
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def repaired(body: str) -> str:
    for found, fixed in BODY_REPAIRS.items():
        body = body.replace(found, fixed)
    return body


def repair_body(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = repaired(context["body"])


def setup(app):
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", repair_body)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
