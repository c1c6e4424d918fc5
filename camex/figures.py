"""Figure helpers: every figure in the book ends with a line naming its source."""

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator


def add_source(fig: Figure, source: str) -> Figure:
    """Write ``Source: …`` under the figure, inside its layout so it is never cropped."""
    if not source.strip():
        raise ValueError("a figure needs its source: name the publisher and the table")
    fig.supxlabel(f"Source: {source.strip()}", x=0.01, ha="left", fontsize="small", color="0.2", wrap=True)
    return fig


def plain_log_axis(ax: Axes) -> Axes:
    """A logarithmic y axis labelled with plain numbers (20, 50, 100) rather than powers of ten."""
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_minor_locator(LogLocator(base=10, subs=()))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}"))
    return ax
