"""Module 5: Optimisation (placeholder)."""
from ...figures.curve import CurveScene
from ..live_figure import mount


def main() -> None:
    mount("fig-preview", CurveScene(
        lambda x, a: x**3 - 2 * x + 2 + 0 * a, x_range=(-2.5, 2.5), y_range=(-2, 6),
        label=r"$f(x) = x^3 - 2x + 2$",
        text="f(x) = x³ − 2x + 2, whose root Newton-Raphson finds from most starting points, "
             "but which cycles between 0 and 1 when started at 0.", a=0))
