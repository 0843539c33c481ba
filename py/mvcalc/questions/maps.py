"""Helpers for templates that draw a function of two variables (build time: sympy allowed).

A template writes f as sympy; these give its learner-syntax contour item with round levels,
its values and gradient as floats, and the geometry a template needs to keep choices apart
(angles between arrows, unit vectors).
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.figure import Contour
from mvcalc.questions.figure_view import nice_levels, sample_grid
from mvcalc.questions.printing import learner, x, y


def contour(f, x_range, y_range, *, count: int = 8, name: str = "f", labels: bool = True,
            through: float | None = None, bowl: bool = False) -> Contour:
    """The contour item of f(x, y) with about ``count`` round levels over the window; with
    ``through``, the levels are spaced from that value (so a saddle's level is drawn); with
    ``bowl``, they crowd towards the lowest value (level k at min + (k/count)² of the range), so
    the rings round a minimum show as well as the steep walls."""
    text = learner(f)
    _, _, rows = sample_grid(text, x_range, y_range, n=41)
    values = [v for row in rows for v in row if v is not None]
    levels = nice_levels(values, count)
    if bowl:
        low, high = min(values), sorted(values)[int(0.9 * (len(values) - 1))]
        levels = sorted({float(f"{low + (high - low) * (k / count) ** 2:.2g}") for k in range(1, count + 1)})
    if through is not None and len(levels) > 1:
        step = levels[1] - levels[0]
        low, high = min(levels), max(levels)
        start = through - math.floor((through - low) / step) * step
        levels = [round(start + i * step, 9) for i in range(int((high - start) / step) + 1)]
    return Contour(text, tuple(float(v) for v in levels), name=name, labels=labels)


def value(f, at) -> float:
    return float(sp.sympify(f).subs({x: at[0], y: at[1]}))


def gradient(f, at) -> tuple[float, float]:
    """∇f at ``at``, from sympy (templates use it to place arrows; tests use their own)."""
    f = sp.sympify(f)
    return (float(sp.diff(f, x).subs({x: at[0], y: at[1]})), float(sp.diff(f, y).subs({x: at[0], y: at[1]})))


def unit(v) -> tuple[float, float]:
    n = math.hypot(*v)
    return (v[0] / n, v[1] / n)


def angle(u, v) -> float:
    """The angle between two directions, in degrees (0 to 180)."""
    cos = (u[0] * v[0] + u[1] * v[1]) / (math.hypot(*u) * math.hypot(*v))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def apart(directions, degrees: float) -> bool:
    """Whether every two of ``directions`` differ by at least ``degrees``."""
    return all(angle(u, v) >= degrees for i, u in enumerate(directions) for v in directions[i + 1:])


def ahead(at, direction, length: float) -> tuple[float, float]:
    """The point ``length`` from ``at`` along ``direction``."""
    d = unit(direction)
    return (round(at[0] + length * d[0], 6), round(at[1] + length * d[1], 6))
