"""Module 4: Taylor series and linearisation (placeholder)."""
import math

import numpy as np

from ...figures.curve import CurveScene
from ..live_figure import mount


def maclaurin_cos(x, order):
    n = int(round(order))
    return sum((-1) ** k * x ** (2 * k) / math.factorial(2 * k) for k in range(n // 2 + 1))


def main() -> None:
    mount("fig-preview", CurveScene(
        maclaurin_cos, x_range=(-7, 7), y_range=(-2, 2), label="Maclaurin polynomial of cos x",
        reference=np.cos, reference_label="cos x",
        text="cos x and its Maclaurin polynomial up to order {a:g}: the higher the order, "
             "the wider the range where the two agree.", a=2))
