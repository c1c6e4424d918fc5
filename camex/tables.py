"""Tables for the page: Markdown output renders as a real table in both the HTML and the PDF."""

import pandas as pd
from IPython.display import Markdown


def cell_text(value) -> str:
    text = "" if pd.isna(value) else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(frame: pd.DataFrame) -> Markdown:
    """A pipe table of ``frame`` (index dropped), numbers right-aligned; a sentence if it has no rows
    (a table with a header and no body breaks the LaTeX build)."""
    if frame.empty:
        return Markdown("*(No rows.)*")
    align = ["---:" if pd.api.types.is_numeric_dtype(frame[column]) else ":---" for column in frame]
    lines = [
        "| " + " | ".join(cell_text(column) for column in frame) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += ["| " + " | ".join(cell_text(value) for value in row) + " |" for row in frame.itertuples(index=False)]
    return Markdown("\n".join(lines))
