"""The total derivative: f(x, y, z) = sin(x) e^{y z²} along the path x = t − 1, y = t², z = 1/t.

df/dt = ∂f/∂x dx/dt + ∂f/∂y dy/dt + ∂f/∂z dz/dt. Along this path y z² = 1, so f = e sin(t − 1)
and df/dt = e cos(t − 1): the second and third terms cancel. The figure draws f along the path
with its tangent at t and shows the three terms.
"""
from __future__ import annotations

import math

import numpy as np

from .scene import Scene
from .style import BLUE, INK, ORANGE, centre_axes, is_narrow, ticks_for_width
from .tangent import fmt

T_RANGE = (0.3, 4.0)


def path(t):
    return t - 1, t**2, 1 / t


def f_xyz(x, y, z):
    return np.sin(x) * np.exp(y * z**2)


def terms(t: float) -> tuple[float, float, float]:
    """The three products ∂f/∂x·dx/dt, ∂f/∂y·dy/dt, ∂f/∂z·dz/dt at t."""
    x, y, z = path(t)
    e = math.exp(y * z * z)
    return (math.cos(x) * e * 1.0,
            math.sin(x) * z * z * e * (2 * t),
            math.sin(x) * 2 * y * z * e * (-1 / t**2))


def along(t):
    return f_xyz(*path(np.asarray(t, dtype=float)))


class TotalDerivativeScene(Scene):
    aspect = 0.6
    params = {"t": 1.5}

    def build(self, fig) -> None:
        ax = self.ax = fig.add_subplot()
        centre_axes(ax)
        ts = np.linspace(*T_RANGE, 300)
        ax.plot(ts, along(ts), color=BLUE, linewidth=2.2)
        ax.set_xlim(*T_RANGE)
        ax.set_ylim(-3.2, 3.2)
        ax.set_xlabel("t")
        ax.text(0.01, 0.97, r"$f(x(t), y(t), z(t))$", transform=ax.transAxes, va="top", color=BLUE, fontsize=11)
        ticks_for_width(fig, ax)
        self.tangent, = ax.plot([], [], color=ORANGE, linewidth=1.8, animated=True)
        self.dot, = ax.plot([], [], "o", color=INK, markersize=6, animated=True)
        fig.subplots_adjust(left=0.12 if is_narrow(fig) else 0.08, right=0.98, top=0.97, bottom=0.14)
        self.animated = [self.tangent, self.dot]

    def t(self) -> float:
        return float(min(max(float(self.params["t"]), T_RANGE[0]), T_RANGE[1]))

    def apply(self) -> bool:
        t = self.t()
        value, slope = float(along(t)), sum(terms(t))
        span = np.array([t - 0.6, t + 0.6])
        self.tangent.set_data(span, value + slope * (span - t))
        self.dot.set_data([t], [value])
        return False

    def describe(self) -> str:
        t = self.t()
        a, b, c = terms(t)
        return (f"The value of f = sin(x)e^(yz²) along the path x = t − 1, y = t², z = 1/t, for t from 0.3 to 4: "
                f"a sine wave of height e. At t = {fmt(t, 2)}, f = {fmt(float(along(t)))} and the tangent's slope is "
                f"df/dt = {fmt(a)} + ({fmt(b)}) + ({fmt(c)}) = {fmt(a + b + c)}: the x term alone, since the y and z "
                f"terms cancel.")

    def readouts(self) -> dict[str, str]:
        t = self.t()
        a, b, c = terms(t)
        return {"x_term": fmt(a), "y_term": fmt(b), "z_term": fmt(c), "total": fmt(a + b + c),
                "closed": fmt(math.e * math.cos(t - 1)), "f": fmt(float(along(t)))}
