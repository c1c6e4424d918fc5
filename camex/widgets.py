"""Interactive explorers that degrade gracefully: a widget in the HTML book, a pointer in the PDF."""

from ipywidgets import Widget

PDF_NOTE = "Interactive explorer: open the HTML edition of the book to use it. The static figure above carries the same message."


class HtmlOnly:
    """Display ``widget`` as usual, but with a readable plain-text form for print and PDF."""

    def __init__(self, widget: Widget, note: str = PDF_NOTE):
        self.widget = widget
        self.note = note

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.note
        return bundle


def html_only(widget: Widget, note: str = PDF_NOTE) -> HtmlOnly:
    return HtmlOnly(widget, note)
