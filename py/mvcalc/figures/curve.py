"""A curve y = f(x; a) whose parameter a follows a slider: the simplest live figure."""
from __future__ import annotations

from typing import Callable

import numpy as np

from .scene import Scene
from .style import BLUE, GREY, ORANGE, centre_axes


class CurveScene(Scene):
    """Draws ``func(x, a)`` over ``x_range``; optional ``reference(x)`` drawn static, dashed."""

    params = {"a": 1.0}

    def __init__(self, func: Callable, *, x_range=(-3.0, 3.0), y_range=(-2.0, 2.0), label: str = "",
                 reference: Callable | None = None, reference_label: str = "", text: str = "", **params):
        super().__init__(**params)
        self.func, self.reference = func, reference
        self.x_range, self.y_range = x_range, y_range
        self.label, self.reference_label, self.text = label, reference_label, text
        self.xs = np.linspace(*x_range, 400)

    def build(self, fig) -> None:
        ax = fig.add_subplot()
        centre_axes(ax)
        if self.reference is not None:
            ax.plot(self.xs, self.reference(self.xs), color=GREY, linestyle="--", label=self.reference_label)
        self.line, = ax.plot([], [], color=BLUE, animated=True, label=self.label)
        ax.set_xlim(*self.x_range)
        ax.set_ylim(*self.y_range)
        ax.set_xlabel("x")
        ax.legend(loc="upper left")
        self.animated = [self.line]
        fig.tight_layout()

    def apply(self) -> bool:
        self.line.set_data(self.xs, self.func(self.xs, self.params["a"]))
        return False

    def describe(self) -> str:
        return self.text.format(**self.params)
