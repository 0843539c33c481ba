"""The Jacobian as a matrix: polar coordinates (r, θ) -> (x, y) = (r cos θ, r sin θ).

Left, a grid in the (r, θ) plane with one small cell; right, the same grid and cell after the
map. The Jacobian J = [[cos θ, −r sin θ], [sin θ, r cos θ]] has determinant r: a small cell's
area is multiplied by about r (exactly by r0 + dr/2 for the cell from r0 to r0 + dr).
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.patches import Polygon

from .scene import Scene
from .style import BLUE, GREY, INK, VERMILION, is_narrow, ticks_for_width
from .tangent import fmt

DR, DTHETA = 0.25, math.pi / 8
R_MAX = 2.0


def polar_to_xy(r, theta):
    return r * np.cos(theta), r * np.sin(theta)


def jacobian(r: float, theta: float):
    return ((math.cos(theta), -r * math.sin(theta)), (math.sin(theta), r * math.cos(theta)))


def cell_areas(r0: float, theta0: float, dr: float = DR, dtheta: float = DTHETA) -> tuple[float, float]:
    """(area in the r-θ plane, area of its image): dr·dθ and the annular sector (r0 + dr/2)·dr·dθ."""
    return dr * dtheta, ((r0 + dr) ** 2 - r0**2) / 2 * dtheta


class PolarMapScene(Scene):
    aspect = 0.5
    params = {"r": 1.0, "theta": 0.8}

    def build(self, fig) -> None:
        self.fig = fig
        self.left, self.right = fig.subplots(1, 2)
        left, right = self.left, self.right
        for r in np.arange(0, R_MAX + 1e-9, DR):
            left.plot([r, r], [0, 2 * math.pi], color=GREY, linewidth=0.6)
            t = np.linspace(0, 2 * math.pi, 120)
            right.plot(*polar_to_xy(r, t), color=GREY, linewidth=0.6)
        for theta in np.arange(0, 2 * math.pi + 1e-9, DTHETA):
            left.plot([0, R_MAX], [theta, theta], color=GREY, linewidth=0.6)
            right.plot(*polar_to_xy(np.array([0, R_MAX]), theta), color=GREY, linewidth=0.6)
        left.set_xlim(0, R_MAX)
        left.set_ylim(0, 2 * math.pi)
        left.set_xlabel("r")
        left.set_ylabel("θ (radians)")
        left.set_title("(r, θ)" if is_narrow(fig) else "the (r, θ) plane", fontsize=10)
        right.set_xlim(-R_MAX, R_MAX)
        right.set_ylim(-R_MAX, R_MAX)
        right.set_aspect("equal")
        right.set_xlabel("x")
        right.set_ylabel("y")
        right.set_title("(x, y)" if is_narrow(fig) else "mapped: x = r cos θ, y = r sin θ", fontsize=10)
        for ax in (left, right):
            ax.grid(False)
            ticks_for_width(fig, ax, wide=5, narrow=3)
        self.cell = Polygon([[0, 0]], closed=True, facecolor=VERMILION, alpha=0.6, edgecolor=INK, animated=True)
        self.image = Polygon([[0, 0]], closed=True, facecolor=VERMILION, alpha=0.6, edgecolor=INK, animated=True)
        left.add_patch(self.cell)
        right.add_patch(self.image)
        fig.subplots_adjust(left=0.1 if is_narrow(fig) else 0.07, right=0.98, top=0.85 if is_narrow(fig) else 0.9, bottom=0.16, wspace=0.35)
        self.animated = [self.cell, self.image]

    def corner(self) -> tuple[float, float]:
        r = float(min(max(float(self.params["r"]), 0.0), R_MAX - DR))
        theta = float(self.params["theta"]) % (2 * math.pi)
        return r, theta

    def apply(self) -> bool:
        r0, t0 = self.corner()
        self.cell.set_xy([[r0, t0], [r0 + DR, t0], [r0 + DR, t0 + DTHETA], [r0, t0 + DTHETA]])
        t = np.linspace(t0, t0 + DTHETA, 20)
        outer = np.column_stack(polar_to_xy(r0 + DR, t))
        inner = np.column_stack(polar_to_xy(r0, t[::-1]))
        self.image.set_xy(np.vstack([outer, inner]))
        return False

    def describe(self) -> str:
        r0, t0 = self.corner()
        before, after = cell_areas(r0, t0)
        return (f"Left: a rectangular grid in the (r, θ) plane, with a cell from r = {fmt(r0, 2)} to {fmt(r0 + DR, 2)} "
                f"and θ = {fmt(t0, 2)} to {fmt(t0 + DTHETA, 2)} shaded, of area {fmt(before, 4)}. Right: the grid "
                f"mapped to (x, y): lines of constant r become circles and lines of constant θ become rays. The "
                f"shaded cell becomes a piece of a ring, of area {fmt(after, 4)}: {fmt(after / before, 3)} times "
                f"bigger, close to the Jacobian's determinant r.")

    def readouts(self) -> dict[str, str]:
        r0, t0 = self.corner()
        (a, b), (c, d) = jacobian(r0, t0)
        before, after = cell_areas(r0, t0)
        return {"jacobian": f"[[{fmt(a)}, {fmt(b)}], [{fmt(c)}, {fmt(d)}]]", "det": fmt(a * d - b * c),
                "ratio": fmt(after / before), "middle": fmt(r0 + DR / 2)}
