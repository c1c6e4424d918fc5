"""The book's one matplotlib style."""

from pathlib import Path

import matplotlib.pyplot as plt

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
