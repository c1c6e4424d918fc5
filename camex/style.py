"""The book's one look: a matplotlib style, a colour-blind-safe palette, and the source line and axes
every figure shares."""

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator

STYLE_PATH = Path(__file__).with_name("camex.mplstyle")

# Okabe–Ito colours in the order the style cycles through them, named for use in prose and code.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "black": "#000000",
    "green": "#009E73",
}


def use() -> None:
    """Apply the house style to every figure drawn afterwards."""
    plt.style.use(STYLE_PATH)


def add_source(fig: Figure, source: str) -> None:
    """Write ``Source: …`` under the figure, inside its layout so it is never cropped."""
    if not source.strip():
        raise ValueError("a figure needs its source: name the publisher and the table")
    fig.supxlabel(f"Source: {source.strip()}", x=0.01, ha="left", fontsize="small", color="0.2", wrap=True)


def plain_log_axis(ax: Axes) -> Axes:
    """A logarithmic y axis labelled with plain numbers (20, 50, 100) rather than powers of ten."""
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_minor_locator(LogLocator(base=10, subs=()))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}"))
    return ax
