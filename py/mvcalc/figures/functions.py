"""The functions the Module 1 figures draw, each with its derivative, as data.

``text`` and ``dtext`` are the learner syntax of f and f' (the tests rebuild both with
sympy and check ``f`` and ``df`` against them); ``tex`` is the matplotlib label.
A function whose derivative is not known in closed form (one the learner typed) gets
central differences instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np


def central_difference(f: Callable, x, h: float = 1e-5):
    """(f(x + h) - f(x - h)) / 2h, with h scaled to x: error of order h², vectorised."""
    x = np.asarray(x, dtype=float)
    step = h * np.maximum(1.0, np.abs(x))
    with np.errstate(all="ignore"):
        return (f(x + step) - f(x - step)) / (2 * step)


@dataclass(frozen=True)
class Fn:
    key: str
    name: str                       # what a menu shows: "sin x"
    text: str                       # learner syntax of f: "sin(x)"
    tex: str                        # matplotlib mathtext of f: r"\sin x"
    f: Callable
    df: Callable | None = None      # None: central differences
    dtext: str = ""                 # learner syntax of f'
    dtex: str = ""                  # mathtext of f'
    x_range: tuple[float, float] = (-3.0, 3.0)
    y_range: tuple[float, float] | None = None      # None: fitted to the curve
    dy_range: tuple[float, float] | None = None
    gaps: tuple[float, ...] = field(default=())     # x where f is undefined or has no derivative

    def value(self, x: float) -> float:
        if self.undefined_at(x):
            return float("nan")
        with np.errstate(all="ignore"):
            return float(self.f(np.float64(x)))

    def slope(self, x: float) -> float:
        if self.undefined_at(x):
            return float("nan")
        with np.errstate(all="ignore"):
            if self.df is not None:
                return float(self.df(np.float64(x)))
            return float(central_difference(self.f, x))

    def undefined_at(self, x: float) -> bool:
        return any(abs(x - gap) < 1e-9 for gap in self.gaps)


def _abs_slope(x):
    return np.where(x == 0, np.nan, np.sign(x))


def _ln(x):
    with np.errstate(all="ignore"):
        return np.where(x > 0, np.log(np.where(x > 0, x, 1.0)), np.nan)


def _inv_x(x):
    with np.errstate(all="ignore"):
        return np.where(x > 0, 1.0 / np.where(x > 0, x, 1.0), np.nan)


def _sqrt(x):
    return np.where(x >= 0, np.sqrt(np.abs(x)), np.nan)


def _dsqrt(x):
    with np.errstate(all="ignore"):
        return np.where(x > 0, 0.5 / np.sqrt(np.abs(x)), np.nan)


def beast(x):
    """sin(2x^5 + 3x) / e^(7x), the function Module 1 tames."""
    return np.sin(2 * x**5 + 3 * x) * np.exp(-7 * x)


def beast_slope(x):
    """The derivative worked out in the lesson: e^(-7x)((10x^4 + 3)cos(2x^5 + 3x) - 7 sin(2x^5 + 3x))."""
    inner = 2 * x**5 + 3 * x
    return np.exp(-7 * x) * ((10 * x**4 + 3) * np.cos(inner) - 7 * np.sin(inner))


RECIPROCAL = Fn("reciprocal", "1/x", "1/x", r"1/x", lambda x: 1.0 / x, lambda x: -1.0 / x**2,
                "-1/x^2", r"-1/x^2", (-3.0, 3.0), (-5.0, 5.0), (-6.0, 1.0), gaps=(0.0,))
EXP = Fn("exp", "e^x", "e^x", r"e^x", np.exp, np.exp, "e^x", r"e^x", (-3.0, 2.0), (-0.5, 7.5), (-0.5, 7.5))
SIN = Fn("sin", "sin x", "sin(x)", r"\sin x", np.sin, np.cos, "cos(x)", r"\cos x", (-6.5, 6.5), (-1.4, 1.4), (-1.4, 1.4))
COS = Fn("cos", "cos x", "cos(x)", r"\cos x", np.cos, lambda x: -np.sin(x), "-sin(x)", r"-\sin x",
         (-6.5, 6.5), (-1.4, 1.4), (-1.4, 1.4))
MINUS_SIN = Fn("-sin", "−sin x", "-sin(x)", r"-\sin x", lambda x: -np.sin(x), lambda x: -np.cos(x), "-cos(x)",
               r"-\cos x", (-6.5, 6.5), (-1.4, 1.4), (-1.4, 1.4))
MINUS_COS = Fn("-cos", "−cos x", "-cos(x)", r"-\cos x", lambda x: -np.cos(x), np.sin, "sin(x)", r"\sin x",
               (-6.5, 6.5), (-1.4, 1.4), (-1.4, 1.4))
# Differentiating walks round this cycle: sin -> cos -> -sin -> -cos -> sin.
SIN_CYCLE = (SIN, COS, MINUS_SIN, MINUS_COS)

# The lessons on ln x and on the quotient rule.
LN = Fn("ln", "ln x", "ln(x)", r"\ln x", _ln, _inv_x, "1/x", r"1/x", (0.05, 5.0), (-3.0, 2.0), (0.0, 5.0))
QUOTIENT = Fn("quotient", "x/(x²+1)", "x/(x^2+1)", r"x/(x^2+1)", lambda x: x / (x**2 + 1),
              lambda x: (1 - x**2) / (x**2 + 1) ** 2, "(1 - x^2)/(x^2+1)^2", r"(1-x^2)/(x^2+1)^2",
              (-4.0, 4.0), (-0.7, 0.7), (-0.3, 1.1))

BEAST = Fn("beast", "sin(2x⁵+3x)/e^(7x)", "sin(2x^5+3x)/e^(7x)", r"\sin(2x^5+3x)\,/\,e^{7x}", beast, beast_slope,
           "e^(-7x)((10x^4+3)cos(2x^5+3x) - 7sin(2x^5+3x))", r"", (-0.3, 1.0), (-3.0, 1.2), (-8.0, 4.0))

# The explorer's menu.
PRESETS = (
    Fn("square", "x²", "x^2", r"x^2", lambda x: x**2, lambda x: 2 * x, "2x", r"2x", (-3.0, 3.0)),
    Fn("cubic", "x³ − 3x", "x^3 - 3x", r"x^3 - 3x", lambda x: x**3 - 3 * x, lambda x: 3 * x**2 - 3,
       "3x^2 - 3", r"3x^2 - 3", (-2.5, 2.5)),
    SIN,
    EXP,
    LN,
    RECIPROCAL,
    Fn("abs", "|x| (a corner at 0)", "abs(x)", r"|x|", np.abs, _abs_slope, "sign(x)", r"\mathrm{sign}\,x",
       (-3.0, 3.0), (-0.5, 3.2), (-1.6, 1.6), gaps=()),
    Fn("sqrt", "√x", "sqrt(x)", r"\sqrt{x}", _sqrt, _dsqrt, "1/(2sqrt(x))", r"1/(2\sqrt{x})", (0.0, 4.0),
       (-0.2, 2.2), (0.0, 3.0)),
    Fn("bell", "e^(−x²)", "e^(-x^2)", r"e^{-x^2}", lambda x: np.exp(-x**2), lambda x: -2 * x * np.exp(-x**2),
       "-2x e^(-x^2)", r"-2x\,e^{-x^2}", (-3.0, 3.0)),
    Fn("xsinx", "x sin x", "x sin(x)", r"x \sin x", lambda x: x * np.sin(x), lambda x: np.sin(x) + x * np.cos(x),
       "sin(x) + x cos(x)", r"\sin x + x \cos x", (-6.5, 6.5)),
)
PRESET = {fn.key: fn for fn in PRESETS}
