"""The book's one look: a matplotlib style, a colour-blind-safe palette, and the source line and axes
every figure shares."""

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter, LogLocator

STYLE_PATH = Path(__file__).with_name("camex.mplstyle")
# The source line: the house style's smallest text (8 pt reads at print size), in two lines at most.
SOURCE_SIZE = 8
SOURCE_LINES = 2

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
    """Write ``Source: …`` under the figure, inside its layout so it is never cropped, in at most two lines
    of the house style's smallest text (:func:`source_lines` says how a longer source is shortened)."""
    if not source.strip():
        raise ValueError("a figure needs its source: name the publisher and the table")
    renderer = RendererAgg(1, 1, fig.dpi)  # measures text as the figure will draw it, whatever the backend
    font = FontProperties(size=SOURCE_SIZE)
    room = 0.98 * fig.get_figwidth() * fig.dpi  # the line starts at 1% of the width: keep 1% on the right

    def fits(line: str) -> bool:
        return renderer.get_text_width_height_descent(line, font, ismath=False)[0] <= room

    lines = source_lines(source, fits)
    fig.supxlabel("\n".join(lines), x=0.01, ha="left", fontsize=SOURCE_SIZE, color="0.2")


def source_lines(source: str, fits, most: int = SOURCE_LINES) -> list[str]:
    """``Source: …`` broken at spaces into at most ``most`` lines for which ``fits(line)`` holds.

    A source line names publishers and tables; the details belong in the caption and the data notes. When
    the text is too long, the publications after those that fit (the parts separated by "; ") are counted
    rather than named ("; and 2 more"); if even the first does not fit, it is cut at a word, with "…"."""
    parts = [part.strip() for part in " ".join(source.split()).split("; ")]
    for kept in range(len(parts), 0, -1):
        named = "; ".join(parts[:kept])
        if kept < len(parts):
            named = f"{named.rstrip('.')}; and {len(parts) - kept} more."
        lines = _wrapped(f"Source: {named}", fits)
        if len(lines) <= most:
            return lines
    words = f"Source: {parts[0]}".split()
    while len(words) > 1 and len(_wrapped(" ".join(words) + " …", fits)) > most:
        words.pop()
    return _wrapped(" ".join(words) + " …", fits)


def _wrapped(text: str, fits) -> list[str]:
    """Greedy line breaking at spaces; a word wider than a line gets a line of its own."""
    lines = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def plain_log_axis(ax: Axes) -> Axes:
    """A logarithmic y axis labelled with plain numbers (20, 50, 100) rather than powers of ten."""
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_minor_locator(LogLocator(base=10, subs=()))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}"))
    return ax
