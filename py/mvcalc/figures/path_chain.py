"""The multivariate chain rule on a contour map: a point travels along a path x(t), y(t)
through the landscape f(x, y), and f's rate of change along the way is
df/dt = (df/dx, df/dy) . (dx/dt, dy/dt), the Jacobian of f times the velocity.

Top: the contour map, the path, the point, its velocity (dx/dt, dy/dt) and f's gradient.
Bottom: f(x(t), y(t)) against t, with the tangent whose slope is the chain rule's df/dt.
The readouts put the chain rule's number beside a finite difference along the path.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .scene import Scene
from .style import BLUE, GREY, INK, ORANGE, VERMILION, is_narrow
from .tangent import fmt

PATH_H = 1e-5   # the step of the finite-difference check


@dataclass(frozen=True)
class Landscape:
    key: str
    text: str                  # learner syntax, e.g. "x^2 + 3y^2"
    tex: str
    f: Callable
    fx: Callable
    fy: Callable


LANDSCAPES = {
    "bowl": Landscape("bowl", "x^2 + 3y^2", r"x^2 + 3y^2", lambda x, y: x**2 + 3 * y**2,
                      lambda x, y: 2 * x, lambda x, y: 6 * y),
    "saddle": Landscape("saddle", "x y", r"xy", lambda x, y: x * y, lambda x, y: y, lambda x, y: x),
}

# the path: x = 2 cos t, y = sin t (an ellipse, once round as t goes from 0 to 2 pi)
PATH_TEXT = ("2cos(t)", "sin(t)")


def path(t):
    return 2 * np.cos(t), np.sin(t)


def velocity(t):
    return -2 * np.sin(t), np.cos(t)


class PathChainScene(Scene):
    """Parameters: ``t`` (where the point is along the path) and ``fn`` (a key of LANDSCAPES)."""

    aspect = 1.0
    params = {"t": 1.0, "fn": "bowl"}

    def landscape(self) -> Landscape:
        return LANDSCAPES.get(str(self.params["fn"]), LANDSCAPES["bowl"])

    def build(self, fig) -> None:
        self.fig = fig
        narrow = is_narrow(fig)
        land = self.landscape()
        self.map_ax, self.t_ax = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.5, 1]})
        ax = self.map_ax
        xs, ys = np.meshgrid(np.linspace(-2.6, 2.6, 121), np.linspace(-1.5, 1.5, 81))
        levels = 12 if not narrow else 8
        contours = ax.contour(xs, ys, land.f(xs, ys), levels=levels, cmap="viridis", linewidths=1)
        if not narrow:
            ax.clabel(contours, fontsize=7, fmt="%.1f")
        ts = np.linspace(0, 2 * math.pi, 300)
        px, py = path(ts)
        ax.plot(px, py, color=GREY, linewidth=1.5, linestyle="--")
        ax.set_aspect("equal")
        ax.set_xlim(-2.6, 2.6)
        ax.set_ylim(-1.5, 1.5)
        ax.set_xlabel("x", labelpad=0)
        ax.set_ylabel("y", labelpad=0)
        ax.set_title(f"f(x, y) = {land.text.replace('^2', '²')} along x = 2 cos t, y = sin t",
                     fontsize=8 if narrow else 10)
        self.point, = ax.plot([], [], "o", color=INK, markersize=6, animated=True)
        self.vel = ax.annotate("", xy=(0, 0), xytext=(0, 0), animated=True,
                               arrowprops={"arrowstyle": "-|>", "color": ORANGE, "lw": 2})
        self.grad = ax.annotate("", xy=(0, 0), xytext=(0, 0), animated=True,
                                arrowprops={"arrowstyle": "-|>", "color": VERMILION, "lw": 2})
        if not narrow:   # on a phone the caption names the arrows
            ax.plot([], [], color=ORANGE, lw=2, label="velocity (dx/dt, dy/dt)")
            ax.plot([], [], color=VERMILION, lw=2, label="gradient (∂f/∂x, ∂f/∂y), scaled")
            ax.legend(loc="upper right", fontsize=8, framealpha=0.85, frameon=True)

        tax = self.t_ax
        values = land.f(px, py)
        tax.plot(ts, values, color=BLUE)
        lo, hi = float(values.min()), float(values.max())
        pad = 0.15 * (hi - lo or 1)
        tax.set_ylim(lo - pad, hi + pad)
        tax.set_xlim(0, 2 * math.pi)
        tax.set_xlabel("t", labelpad=0)
        tax.set_ylabel("f(x(t), y(t))", fontsize=8 if narrow else 9)
        self.tangent, = tax.plot([], [], color=VERMILION, linewidth=1.5, animated=True)
        self.t_point, = tax.plot([], [], "o", color=INK, markersize=5, animated=True)
        self.animated = [self.vel, self.grad, self.point, self.tangent, self.t_point]
        fig.subplots_adjust(left=0.14 if narrow else 0.1, right=0.97, top=0.95, bottom=0.08, hspace=0.32)

    def update(self, **params) -> bool:
        old = self.params.get("fn")
        self.params.update(params)
        if "fn" in params and params["fn"] != old and hasattr(self, "fig"):
            self.fig.clear()          # a new landscape: new contours, a new curve below
            self.build(self.fig)
            self.apply()
            return True
        self.apply()
        return False

    # --- the numbers ---------------------------------------------------------------------
    def values(self) -> dict[str, float]:
        land = self.landscape()
        t = float(self.params["t"])
        x, y = (float(v) for v in path(t))
        dx, dy = (float(v) for v in velocity(t))
        fx, fy = float(land.fx(x, y)), float(land.fy(x, y))
        chain = fx * dx + fy * dy
        along = lambda s: land.f(*path(s))                      # noqa: E731
        numeric = float((along(t + PATH_H) - along(t - PATH_H)) / (2 * PATH_H))
        return {"t": t, "x": x, "y": y, "dxdt": dx, "dydt": dy, "fx": fx, "fy": fy, "f": float(land.f(x, y)),
                "chain": chain, "numeric": numeric}

    def apply(self) -> bool:
        if not hasattr(self, "point"):
            return False
        n = self.values()
        self.point.set_data([n["x"]], [n["y"]])
        self.vel.xy = (n["x"] + 0.5 * n["dxdt"], n["y"] + 0.5 * n["dydt"])
        self.vel.set_position((n["x"], n["y"]))
        size = math.hypot(n["fx"], n["fy"])
        scale = 0.8 / size if size > 0.8 else 1.0
        self.grad.xy = (n["x"] + scale * n["fx"], n["y"] + scale * n["fy"])
        self.grad.set_position((n["x"], n["y"]))
        half = 0.6
        ts = np.array([n["t"] - half, n["t"] + half])
        self.tangent.set_data(ts, n["f"] + n["chain"] * (ts - n["t"]))
        self.t_point.set_data([n["t"]], [n["f"]])
        return False

    def describe(self) -> str:
        n = self.values()
        land = self.landscape()
        trend = "rising" if n["chain"] > 1e-9 else "falling" if n["chain"] < -1e-9 else "momentarily level"
        return (f"Contour map of f(x, y) = {land.text} with the elliptical path x = 2 cos t, y = sin t. "
                f"At t = {n['t']:.2f} the point is at ({fmt(n['x'], 2)}, {fmt(n['y'], 2)}), moving with velocity "
                f"({fmt(n['dxdt'], 2)}, {fmt(n['dydt'], 2)}); f's gradient there is ({fmt(n['fx'], 2)}, "
                f"{fmt(n['fy'], 2)}). The chain rule gives df/dt = {fmt(n['chain'], 3)}, so f is {trend} "
                f"along the path; a finite difference along the path gives {fmt(n['numeric'], 3)}.")

    def readouts(self) -> dict[str, str]:
        n = self.values()
        return {"x": fmt(n["x"], 3), "y": fmt(n["y"], 3), "fx": fmt(n["fx"], 3), "fy": fmt(n["fy"], 3),
                "dxdt": fmt(n["dxdt"], 3), "dydt": fmt(n["dydt"], 3), "chain": fmt(n["chain"], 4),
                "numeric": fmt(n["numeric"], 4)}
