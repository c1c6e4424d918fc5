"""Date and number the book from its citation record, the one place the release is stated.

Sphinx prints ``today`` on the PDF's title page and in the pages' footers, and the pages write
``{{ version }}`` and ``{{ release_date }}``; setting both from ``CITATION.cff`` keeps every edition on the
same release and two builds of one release identical.

Every HTML page opens with the edition it belongs to: the version, the release date and a link to the PDF,
which ``make pdf`` copies to the top of the built site. The student edition says instead that it leaves
the solutions out (its PDF is not copied into its site).
"""

from pathlib import PurePosixPath

from camex.book import citation, release_date
from camex.page import prose_date


def date_from_citation(app, config):
    config.today = prose_date(release_date())
    config.myst_substitutions = {
        **config.myst_substitutions,
        "version": str(citation()["version"]),
        "release_date": prose_date(release_date()),
    }


def pdf_name(config) -> str:
    """The PDF's file name, from the LaTeX target the configuration names (canada-mexico.tex)."""
    return PurePosixPath(config.latex_documents[0][1]).with_suffix(".pdf").name


def edition_line(config, pdf_href: str) -> str:
    """The line of HTML at the top of every page: version, release date, and the PDF (or, in the student
    edition, what it leaves out)."""
    line = f"Version {citation()['version']}, released {prose_date(release_date())}."
    if getattr(config, "hide_solutions", False):
        return f"{line} Student edition: the exercises without their solutions."
    return f'{line} <a class="camex-pdf" href="{pdf_href}">Read or download the PDF edition</a>.'


def announce_edition(app, pagename, templatename, context, doctree):
    pdf_href = context["pathto"](pdf_name(app.config), 1)
    context["theme_announcement"] = edition_line(app.config, pdf_href)


def setup(app):
    app.connect("config-inited", date_from_citation)
    app.connect("html-page-context", announce_edition)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
