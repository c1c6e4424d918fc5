"""Date and number the book from its citation record, the one place the release is stated.

Sphinx prints ``today`` on the PDF's title page and in the pages' footers, and the pages write
``{{ version }}`` and ``{{ release_date }}``; setting both from ``CITATION.cff`` keeps every edition on the
same release and two builds of one release identical.
"""

from camex.book import citation, release_date
from camex.page import prose_date


def date_from_citation(app, config):
    config.today = prose_date(release_date())
    config.myst_substitutions = {
        **config.myst_substitutions,
        "version": str(citation()["version"]),
        "release_date": prose_date(release_date()),
    }


def setup(app):
    app.connect("config-inited", date_from_citation)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
