"""Figure helpers: every figure in the book ends with a line naming its source."""

from matplotlib.figure import Figure


def add_source(fig: Figure, source: str) -> Figure:
    """Write ``Source: …`` under the figure, inside its layout so it is never cropped."""
    if not source.strip():
        raise ValueError("a figure needs its source: name the publisher and the table")
    fig.supxlabel(f"Source: {source.strip()}", x=0.01, ha="left", fontsize="small", color="0.2", wrap=True)
    return fig
