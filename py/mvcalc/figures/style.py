"""One look for every figure: colour-blind-safe colours (Okabe-Ito) and readable sizes."""
from __future__ import annotations

# Okabe & Ito's palette: distinguishable with every common colour-vision deficiency.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
YELLOW = "#F0E442"
INK = "#1d2330"
GREY = "#8a93a6"

RC = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.edgecolor": "#5a6478",
    "axes.linewidth": 0.8,
    "axes.grid": True,
    "grid.color": "#e3e7ee",
    "grid.linewidth": 0.8,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "figure.facecolor": "white",
}


def apply_style(matplotlib_module) -> None:
    matplotlib_module.rcParams.update(RC)


def centre_axes(ax) -> None:
    """Draw x and y axes through the origin, as in a textbook sketch."""
    ax.axhline(0, color=GREY, linewidth=0.9, zorder=1)
    ax.axvline(0, color=GREY, linewidth=0.9, zorder=1)


def ticks_for_width(fig, ax, *, wide: int = 7, narrow: int = 4) -> None:
    """Fewer tick labels on a narrow figure (a phone), so the numbers stay legible."""
    from matplotlib.ticker import MaxNLocator
    n = narrow if fig.get_figwidth() < 4.6 else wide
    ax.xaxis.set_major_locator(MaxNLocator(nbins=n, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=max(3, n - 2), steps=[1, 2, 2.5, 5, 10]))


def is_narrow(fig) -> bool:
    """True when the figure is drawn for a phone-width column (under about 460 CSS px)."""
    return fig.get_figwidth() < 4.6


def two_panels(fig, *, wide_aspect: float, tall_aspect: float = 1.45):
    """Two axes side by side on a wide figure, one above the other on a phone (the figure
    is made taller for that: the page's canvas follows the figure's size)."""
    width = fig.get_figwidth()
    if is_narrow(fig):
        fig.set_size_inches(width, width * tall_aspect, forward=False)
        left, right = fig.subplots(2, 1)
        fig.subplots_adjust(left=0.22, right=0.96, top=0.96, bottom=0.1, hspace=0.42)
    else:
        fig.set_size_inches(width, width * wide_aspect, forward=False)
        left, right = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.1, right=0.98, top=0.92, bottom=0.14, wspace=0.3)
    return left, right
