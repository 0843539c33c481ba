"""The definition of the derivative: a secant through x and x + h sliding into the tangent."""
from __future__ import annotations

import numpy as np

from .scene import Scene
from .style import BLUE, GREEN, INK, ORANGE, VERMILION, centre_axes, is_narrow, ticks_for_width
from .tangent import fmt

X_RANGE = (-2.5, 3.0)
TABLE_H = (1.0, 0.1, 0.01, 0.001, 0.0001)   # the rows of the page's table: readouts q0..q4, g0..g4


def f(x):
    return 0.5 * x**3 - 1.5 * x + 1.0


def df(x):
    return 1.5 * x**2 - 1.5


def quotient(x0: float, h: float) -> float:
    return (f(x0 + h) - f(x0)) / h


class SecantScene(Scene):
    """f(x) = x³/2 − 3x/2 + 1, the secant through (x0, f(x0)) and (x0 + h, f(x0 + h))."""

    aspect = 0.7
    params = {"x0": 0.5, "h": 1.0}
    xs = np.linspace(*X_RANGE, 400)

    def build(self, fig) -> None:
        ax = fig.add_subplot()
        centre_axes(ax)
        ax.plot(self.xs, f(self.xs), color=BLUE, linewidth=2.2)
        ax.text(0.02, 0.97, r"$f(x) = \frac{1}{2}x^3 - \frac{3}{2}x + 1$", transform=ax.transAxes, va="top",
                color=BLUE, fontsize=11)
        ax.set_xlim(*X_RANGE)
        ax.set_ylim(-2, 8.5)
        ax.set_xlabel("x")
        ticks_for_width(fig, ax)
        self.tangent, = ax.plot([], [], color=INK, linestyle="--", linewidth=1.3, animated=True)
        self.secant, = ax.plot([], [], color=VERMILION, linewidth=1.8, animated=True)
        self.run, = ax.plot([], [], color=ORANGE, linewidth=2.5, linestyle=(0, (3, 2)), animated=True)
        self.rise, = ax.plot([], [], color=GREEN, linewidth=2.5, animated=True)
        self.points, = ax.plot([], [], "o", color=INK, markersize=6, animated=True)
        self.key = ax.text(0.80, 0.97, "dashed black: tangent\nred: secant", transform=ax.transAxes, ha="right",
                           va="top", fontsize=8 if is_narrow(fig) else 9, color=INK)
        self.animated = [self.tangent, self.secant, self.run, self.rise, self.points]
        fig.tight_layout()

    def quotient(self) -> float:
        return quotient(self.params["x0"], self.params["h"])

    def apply(self) -> bool:
        x0, h = self.params["x0"], self.params["h"]
        slope = self.quotient()
        span = np.array(X_RANGE)
        self.secant.set_data(span, f(x0) + slope * (span - x0))
        self.tangent.set_data(span, f(x0) + df(x0) * (span - x0))
        self.run.set_data([x0, x0 + h], [f(x0), f(x0)])
        self.rise.set_data([x0 + h, x0 + h], [f(x0), f(x0 + h)])
        self.points.set_data([x0, x0 + h], [f(x0), f(x0 + h)])
        return False

    def describe(self) -> str:
        x0, h = self.params["x0"], self.params["h"]
        return (f"The curve f(x) = x³/2 − 3x/2 + 1 with a secant through x = {x0:g} and x + h = {x0 + h:g} "
                f"(h = {h:g}). Its slope, the difference quotient, is {fmt(self.quotient(), 4)}; "
                f"the tangent's slope f′({x0:g}) is {fmt(df(x0), 4)}, a gap of {abs(self.quotient() - df(x0)):.4f}.")

    def readouts(self) -> dict[str, str]:
        x0 = self.params["x0"]
        out = {
            "quotient": f"{self.quotient():.5f}",
            "derivative": f"{df(x0):.5f}",
            "gap": f"{abs(self.quotient() - df(x0)):.5f}",
            "x": f"{x0:g}",
        }
        for i, h in enumerate(TABLE_H):
            q = quotient(x0, h)
            out[f"q{i}"] = f"{q:.6f}"
            out[f"g{i}"] = f"{abs(q - df(x0)):.6f}"
        return out
