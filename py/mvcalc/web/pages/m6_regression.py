"""Module 6: Regression (placeholder)."""
import numpy as np

from ...figures.curve import CurveScene
from ..live_figure import mount


def main() -> None:
    mount("fig-preview", CurveScene(
        lambda x, a: a * x + 0.5, x_range=(0, 5), y_range=(-1, 8), label="y = m x + 0.5",
        reference=lambda x: 1.3 * x + 0.5, reference_label="best fit, m = 1.3",
        text="A straight line y = m x + 0.5 with slope m = {a:g}, against the best-fitting slope 1.3.",
        a=0.8))
