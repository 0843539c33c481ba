"""Module 2: Multivariate calculus (placeholder: one live figure until its issue lands)."""
import numpy as np

from ...figures.curve import CurveScene
from ..live_figure import mount


def main() -> None:
    mount("fig-preview", CurveScene(
        lambda x, a: x**2 * a, x_range=(-2, 2), y_range=(-4, 4), label=r"$f(x, y) = x^2 y$ at fixed $y$",
        text="The slice of f(x, y) = x²y at y = {a:g}: a parabola x²·{a:g}. Holding y constant, "
             "∂f/∂x = 2xy is the slope of this slice.", a=1.0))
