"""Draw a question's figure view (mvcalc.questions.figure_view) with matplotlib: pure Agg.

One function, :func:`paint`, draws every kind of item: curves, data points with error bars,
a contour map, arrows, paths and marked points, with each labelled item's "(a)" beside it.
It returns the matplotlib figure and the :class:`~mvcalc.questions.figure_geometry.Frame`
(where the axes landed, in CSS px) that the page needs to turn a click into figure units.
No browser here: CPython tests draw every question's figure with it.
"""
from __future__ import annotations

import math

from mvcalc.questions.figure_geometry import Frame, label_positions

from .style import BLUE, GREEN, GREY, INK, ORANGE, PURPLE, RC, SKY, VERMILION

COLOURS = {"blue": BLUE, "orange": ORANGE, "green": GREEN, "vermilion": VERMILION,
           "purple": PURPLE, "sky": SKY, "ink": INK, "grey": GREY}
DASHES = {"solid": "-", "dashed": (0, (5, 3)), "dotted": (0, (1.5, 2.5))}
NARROW_PX = 380               # narrower than this (a phone): fewer ticks


def preferred_height(view: dict, width: float) -> float:
    """A good height (CSS px) for ``width``: a map keeps its units square, a graph is wide."""
    if view.get("equal"):
        (x0, x1), (y0, y1) = view["x_range"], view["y_range"]
        left, right, bottom, top = _margins(view)
        shape = min(1.1, max(0.5, (y1 - y0) / (x1 - x0)))
        return round(shape * (width - left - right) + bottom + top)
    return round(0.64 * width)


def paint(view: dict, width: float, height: float, ratio: float = 1.0):
    """A matplotlib Figure of ``view`` at ``width`` x ``height`` CSS px (``ratio`` device px
    per CSS px), drawn onto its Agg canvas, and the Frame of its axes."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(width / 100, height / 100), dpi=100 * ratio)
        FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        (x0, x1), (y0, y1) = view["x_range"], view["y_range"]
        narrow = width < NARROW_PX
        for item in view["items"]:
            DRAW[item["type"]](ax, item, view)
        if view.get("origin", True) and not any(item["type"] == "contour" for item in view["items"]):
            if y0 < 0 < y1:
                ax.axhline(0, color=GREY, linewidth=0.9, zorder=1)
            if x0 < 0 < x1:
                ax.axvline(0, color=GREY, linewidth=0.9, zorder=1)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        if view.get("equal"):
            ax.set_aspect("equal", adjustable="box")
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5 if narrow else 8, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5 if narrow else 7, steps=[1, 2, 2.5, 5, 10]))
        ax.tick_params(labelsize=8.5, pad=2)
        if any(item["type"] == "contour" for item in view["items"]):
            ax.grid(False)
        if view.get("x_label"):
            ax.set_xlabel(view["x_label"], fontsize=10, labelpad=1)
        if view.get("y_label"):       # above the y axis, as in a textbook: never on the tick labels
            ax.set_ylabel(view["y_label"], fontsize=10, rotation=0, ha="center", va="bottom")
            ax.yaxis.set_label_coords(0.0, 1.025)
        if view.get("title"):
            ax.set_title(view["title"], fontsize=10)
        margins(figure, view, width, height)
        ax.apply_aspect()
        box = ax.get_position()
        frame = Frame(box.x0 * width, (1 - box.y1) * height, box.width * width, box.height * height,
                      (x0, x1), (y0, y1))
        for key, (px, py) in label_positions(view, frame).items():
            item = next(i for i in view["items"] if i.get("key") == key)
            ax.text(*frame.to_data(px, py), f"({key})", ha="center", va="center", fontsize=10,
                    fontweight="bold", color=COLOURS[item["colour"]], zorder=6,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                          "alpha": 0.85})
        figure.canvas.draw()
    return figure, frame


def png(view: dict, width: float, ratio: float = 2.0) -> bytes:
    """``view`` drawn by :func:`paint` at ``width`` CSS px (its preferred height), as PNG bytes
    at ``ratio`` device px per CSS px: a picture for paper (the worksheets) rather than a canvas."""
    import io

    figure, _frame = paint(view, width, preferred_height(view, width), ratio)
    buffer = io.BytesIO()
    figure.canvas.print_png(buffer)
    return buffer.getvalue()


def _margins(view: dict) -> tuple[int, int, int, int]:
    """Room for the tick labels, axis names and title (CSS px): left, right, bottom, top."""
    left = 40 if view.get("y_label") else 34
    bottom = 34 if view.get("x_label") else 22
    top = 24 if view.get("title") else (22 if view.get("y_label") else 8)
    return left, 10, bottom, top


def margins(figure, view: dict, width: float, height: float) -> None:
    """Fixed margins (tight_layout measures every text and costs as much as the drawing)."""
    left, right, bottom, top = _margins(view)
    figure.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height,
                           top=1 - top / height)


def _curve(ax, item: dict, view: dict) -> None:
    lo, hi = view["y_range"]
    ys = [math.nan if y is None else y for y in item["y"]]
    # break the line where the curve jumps off the window (1/x at 0), not join across
    for i in range(1, len(ys)):
        a, b = ys[i - 1], ys[i]
        if not (math.isnan(a) or math.isnan(b)) and abs(b - a) > (hi - lo):
            ys[i] = math.nan
    ax.plot(item["x"], ys, color=COLOURS[item["colour"]], linestyle=DASHES[item["style"]], zorder=3)


def _points(ax, item: dict, view: dict) -> None:
    colour = COLOURS[item["colour"]]
    if item.get("errors"):
        ax.errorbar(item["x"], item["y"], yerr=item["errors"], fmt="o", color=colour, markersize=4.5,
                    elinewidth=1.2, capsize=2.5, zorder=4)
    else:
        ax.plot(item["x"], item["y"], "o", color=colour, markersize=4.5, zorder=4)


def _contour(ax, item: dict, view: dict) -> None:
    levels = item["levels"]
    z = [[math.nan if v is None else v for v in row] for row in item["z"]]
    if item.get("filled", True) and len(levels) >= 2:
        ax.contourf(item["x"], item["y"], z, levels=levels, cmap="viridis", alpha=0.28,
                    extend="both", zorder=0)
    lines = ax.contour(item["x"], item["y"], z, levels=levels, colors="#4a5568", linewidths=0.8, zorder=1,
                       linestyles="solid")
    if item.get("labels", True):
        ax.clabel(lines, fontsize=8, inline=True, fmt=_level_text)


def _level_text(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "\u2212")


def _arrow(ax, item: dict, view: dict) -> None:
    (x0, x1), (y0, y1) = item["x"], item["y"]
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=5,
                arrowprops={"arrowstyle": "-|>", "color": COLOURS[item["colour"]], "linewidth": 2.2,
                            "mutation_scale": 15, "shrinkA": 0, "shrinkB": 0})


def _path(ax, item: dict, view: dict) -> None:
    colour = COLOURS[item["colour"]]
    dots = item.get("dots", True)
    ax.plot(item["x"], item["y"], color=colour, linestyle=DASHES[item["style"]], linewidth=1.6 if dots else 1.8,
            marker="o" if dots else None, markersize=3.5, zorder=4)
    if dots:                                 # a path's start, bigger
        ax.plot(item["x"][:1], item["y"][:1], "o", color=colour, markersize=6, zorder=4)


def _marker(ax, item: dict, view: dict) -> None:
    colour = COLOURS[item["colour"]]
    ax.plot(item["x"], item["y"], "o", color=colour, markersize=6.5, markeredgecolor="white",
            markeredgewidth=1.0, zorder=6)
    if item.get("text") and not item.get("key"):
        ax.annotate(item["text"], (item["x"][0], item["y"][0]), xytext=(6, 5), textcoords="offset points",
                    fontsize=10, fontweight="bold", color=colour, zorder=6,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})


DRAW = {"curve": _curve, "points": _points, "contour": _contour, "arrow": _arrow, "path": _path,
        "marker": _marker}
