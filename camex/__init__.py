"""Helpers for the book *Canada and Mexico: A Reproducible Account*.

``camex.data`` loads validated tables, ``camex.catalogue`` describes them, ``camex.style`` and
``camex.figures`` give every figure the same look and a source line.
"""

from camex.data import DataError, load

__all__ = ["DataError", "load"]
