"""Module 3: The multivariate chain rule and neural networks (placeholder)."""
import numpy as np

from ...figures.curve import CurveScene
from ..live_figure import mount


def main() -> None:
    mount("fig-preview", CurveScene(
        lambda x, a: 1 / (1 + np.exp(-a * x)), x_range=(-5, 5), y_range=(-0.1, 1.1),
        label=r"$\sigma(w\,a_0)$",
        text="A neuron's output a = σ(w·a₀) against its input a₀, for weight w = {a:g}: "
             "larger weights make the sigmoid's step steeper.", a=1.0))
