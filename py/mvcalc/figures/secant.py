"""The definition of the derivative: a secant through x and x + h sliding into the tangent."""
from __future__ import annotations

import numpy as np

from .scene import Scene
from .style import BLUE, GREY, ORANGE, VERMILION, centre_axes


def f(x):
    return 0.5 * x**3 - 1.5 * x + 1.0


def df(x):
    return 1.5 * x**2 - 1.5


class SecantScene(Scene):
    """f(x) = x^3/2 - 3x/2 + 1, the secant through (x0, f(x0)) and (x0 + h, f(x0 + h))."""

    params = {"x0": 1.2, "h": 1.0}
    xs = np.linspace(-2.5, 2.5, 400)

    def build(self, fig) -> None:
        ax = fig.add_subplot()
        centre_axes(ax)
        ax.plot(self.xs, f(self.xs), color=BLUE, label=r"$f(x)$")
        ax.set_xlim(-2.5, 2.5)
        ax.set_ylim(-3, 5)
        ax.set_xlabel("x")
        self.tangent, = ax.plot([], [], color=GREY, linestyle="--", linewidth=1.4, animated=True,
                                label="tangent at x")
        self.secant, = ax.plot([], [], color=VERMILION, animated=True, label="secant through x and x + h")
        self.points, = ax.plot([], [], "o", color=ORANGE, markersize=7, animated=True)
        ax.legend(loc="upper left")
        self.animated = [self.tangent, self.secant, self.points]
        fig.tight_layout()

    def quotient(self) -> float:
        x0, h = self.params["x0"], self.params["h"]
        return (f(x0 + h) - f(x0)) / h

    def apply(self) -> bool:
        x0, h = self.params["x0"], self.params["h"]
        slope = self.quotient()
        span = np.array([-2.5, 2.5])
        self.secant.set_data(span, f(x0) + slope * (span - x0))
        self.tangent.set_data(span, f(x0) + df(x0) * (span - x0))
        self.points.set_data([x0, x0 + h], [f(x0), f(x0 + h)])
        return False

    def describe(self) -> str:
        x0, h = self.params["x0"], self.params["h"]
        return (f"The curve f(x) = x³/2 − 3x/2 + 1 with a secant through x = {x0:g} and x + h = {x0 + h:g}. "
                f"Its slope, the difference quotient, is {self.quotient():.4f}; "
                f"the tangent's slope f′({x0:g}) is {df(x0):.4f}.")

    def readouts(self) -> dict[str, str]:
        x0 = self.params["x0"]
        return {
            "quotient": f"{self.quotient():.5f}",
            "derivative": f"{df(x0):.5f}",
            "gap": f"{abs(self.quotient() - df(x0)):.5f}",
        }
