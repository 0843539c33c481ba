"""The chain rule as rates multiplying: three linked number lines x -> y = x² -> z = sin y.

A short interval of x, dx long, lands on an interval of y about dy/dx times as long,
which lands on an interval of z about dz/dy times as long again: dz/dx = dz/dy · dy/dx.
When dz/dy is negative the last interval is flipped, and the connecting lines cross.
"""
from __future__ import annotations

import math

from matplotlib.patches import Polygon

from .scene import Scene
from .style import BLUE, GREEN, GREY, INK, ORANGE, VERMILION, is_narrow
from .tangent import fmt

LINES = (  # name, value range, height in the axes, colour
    ("x", (0.0, 2.0), 2.0, BLUE),
    ("y = x²", (0.0, 4.0), 1.0, ORANGE),
    ("z = sin y", (-1.0, 1.0), 0.0, GREEN),
)
LEFT, RIGHT = 0.0, 1.0


def g(x):
    return x * x


def dg(x):
    return 2 * x


def h(y):
    return math.sin(y)


def dh(y):
    return math.cos(y)


def place(value: float, span: tuple[float, float]) -> float:
    """Where a value sits along a line drawn from LEFT to RIGHT."""
    return LEFT + (value - span[0]) / (span[1] - span[0]) * (RIGHT - LEFT)


class ChainRuleScene(Scene):
    """Parameters: ``x`` and the step ``dx``."""

    aspect = 0.62
    params = {"x": 1.0, "dx": 0.2}

    def build(self, fig) -> None:
        ax = fig.add_subplot()
        ax.set_axis_off()
        narrow = is_narrow(fig)
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.45, 2.35)
        size = 8 if narrow else 10
        for name, span, height, colour in LINES:
            ax.plot([LEFT, RIGHT], [height, height], color=GREY, linewidth=1.2)
            ticks = 3 if narrow else 5
            for i in range(ticks):
                value = span[0] + i * (span[1] - span[0]) / (ticks - 1)
                ax.plot([place(value, span)] * 2, [height - 0.04, height + 0.04], color=GREY, linewidth=1)
                ax.text(place(value, span), height - 0.08, f"{value:g}", ha="center", va="top", fontsize=size,
                        color=INK)
            ax.text(LEFT, height + 0.1, name, ha="left", va="bottom", fontsize=size + 1, color=colour,
                    fontweight="bold")
        self.bars = [ax.plot([], [], color=colour, linewidth=7, solid_capstyle="butt", animated=True)[0]
                     for _, _, _, colour in LINES]
        self.links = [Polygon([[0, 0]] * 4, closed=True, facecolor=colour, alpha=0.25, edgecolor=colour,
                              animated=True) for colour in (ORANGE, GREEN)]
        for link in self.links:
            ax.add_patch(link)
        self.labels = [ax.text(0.99, height + 0.1, "", ha="right", va="bottom", fontsize=size, color=INK,
                               animated=True) for _, _, height, _ in LINES]
        self.animated = [*self.links, *self.bars, *self.labels]
        fig.subplots_adjust(left=0.02, right=0.98, top=0.98, bottom=0.02)

    # --- the numbers ---------------------------------------------------------------------
    def values(self) -> dict[str, float]:
        x, dx = float(self.params["x"]), float(self.params["dx"])
        y0, y1 = g(x), g(x + dx)
        z0, z1 = h(y0), h(y1)
        dy, dz = y1 - y0, z1 - z0
        return {"x": x, "dx": dx, "y": y0, "dy": dy, "z": z0, "dz": dz,
                "ratio_yx": dy / dx, "ratio_zy": dz / dy if dy else float("nan"), "ratio_zx": dz / dx,
                "dydx": dg(x), "dzdy": dh(y0), "dzdx": dh(y0) * dg(x)}

    def apply(self) -> bool:
        n = self.values()
        ends = [(n["x"], n["x"] + n["dx"]), (n["y"], n["y"] + n["dy"]), (n["z"], n["z"] + n["dz"])]
        for bar, (lo, hi), (_, span, height, _) in zip(self.bars, ends, LINES):
            bar.set_data([place(lo, span), place(hi, span)], [height, height])
        for link, i in zip(self.links, (0, 1)):
            (a0, a1), (b0, b1) = ends[i], ends[i + 1]
            top, bottom = LINES[i], LINES[i + 1]
            link.set_xy([[place(a0, top[1]), top[2]], [place(a1, top[1]), top[2]],
                         [place(b1, bottom[1]), bottom[2]], [place(b0, bottom[1]), bottom[2]]])
        self.labels[0].set_text(f"dx = {fmt(n['dx'], 3)}")
        self.labels[1].set_text(f"dy = {fmt(n['dy'], 3)}  (×{fmt(n['ratio_yx'], 2)})")
        self.labels[2].set_text(f"dz = {fmt(n['dz'], 3)}  (×{fmt(n['ratio_zy'], 2)})")
        return False

    def describe(self) -> str:
        n = self.values()
        return (f"Three number lines: x, y = x² and z = sin y. The interval from x = {n['x']:g} to {n['x'] + n['dx']:g} "
                f"(dx = {n['dx']:g}) lands on an interval of y {fmt(n['dy'], 4)} long, {fmt(n['ratio_yx'], 3)} times dx, "
                f"which lands on an interval of z {fmt(n['dz'], 4)} long, {fmt(n['ratio_zy'], 3)} times dy. "
                f"Multiplied, the stretches give dz/dx ≈ {fmt(n['ratio_zx'], 4)}; the chain rule's "
                f"cos(x²)·2x at x = {n['x']:g} is {fmt(n['dzdx'], 4)}.")

    def readouts(self) -> dict[str, str]:
        n = self.values()
        return {"ratio_yx": fmt(n["ratio_yx"], 4), "ratio_zy": fmt(n["ratio_zy"], 4),
                "ratio_zx": fmt(n["ratio_zx"], 4), "dydx": fmt(n["dydx"], 4), "dzdy": fmt(n["dzdy"], 4),
                "dzdx": fmt(n["dzdx"], 4)}
