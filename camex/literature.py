"""What the literature says, in its own words: the quotations of ``data/literature.csv``, each checked against
the page it was read on, so that a chapter quotes a work's figures rather than retyping them."""

from __future__ import annotations

from camex.data import load

LITERATURE = "literature"


def quotation(finding_id: str) -> str:
    """The verbatim passage recorded under ``finding_id``, whitespace folded, for quoting in running text."""
    found = load(LITERATURE).set_index("finding_id")["quotation"]
    if finding_id not in found.index:
        raise KeyError(f"no quotation '{finding_id}' in data/literature.csv: add it with its excerpt first")
    return " ".join(found[finding_id].split())
