"""Draw a question's plot data (points from the checker) on a <canvas>, with Agg.

The checker samples each curve; the page only draws the points, so the main
thread never needs sympy or the formula. Drawn once (static), like the live
figures' full redraw: Agg's RGBA buffer goes straight onto the canvas. Each graph is
drawn in a task of its own, after its canvas is in place, so that a question with
several graphs never blocks the page for the sum of them.
"""
from __future__ import annotations

import math

from ..dom import element, later, when_near_view, window


def draw(parent, data: dict, *, width: int = 340, height: int = 230, label: str = ""):
    """A canvas in ``parent`` showing ``data``; its text alternative is ``data["alt"]``.
    The canvas is there at once; the graph on it follows in its own task, once the canvas
    is within a screen of the viewport."""
    ratio = float(window.devicePixelRatio or 1)
    canvas = element("canvas", cls="ex-plot", parent=parent,
                     attrs={"role": "img", "aria-label": label or data.get("alt", "A graph"),
                            "width": math.ceil(width * ratio), "height": math.ceil(height * ratio),
                            "style": f"width:{width}px;height:{height}px"})
    when_near_view(canvas, lambda: later(lambda: _paint(canvas, data, width, height, ratio)))
    return canvas


def _paint(canvas, data: dict, width: int, height: int, ratio: float) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ...figures.style import BLUE, centre_axes

    figure = Figure(figsize=(width / 100, height / 100), dpi=100 * ratio)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    centre_axes(ax)
    xs = data["x"]
    ys = [math.nan if y is None else y for y in data["y"]]
    lo, hi = data["y_range"]
    # break the line where the curve jumps off the window (1/x at 0), not join across
    for i in range(1, len(ys)):
        a, b = ys[i - 1], ys[i]
        if not (math.isnan(a) or math.isnan(b)) and abs(b - a) > (hi - lo):
            ys[i] = math.nan
    ax.plot(xs, ys, color=BLUE)
    ax.set_xlim(*data["x_range"])
    ax.set_ylim(lo, hi)
    ax.tick_params(labelsize=8)
    if data.get("title"):
        ax.set_title(data["title"], fontsize=10)
    figure.tight_layout(pad=0.4)
    figure.canvas.draw()
    w, h = figure.canvas.get_width_height(physical=True)
    canvas.width, canvas.height = w, h
    window.mvcalcBridge.putRGBA(canvas, figure.canvas.buffer_rgba(), w, h)
    canvas.dataset.drawn = "1"
