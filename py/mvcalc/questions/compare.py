"""Numerical comparison of a template's own sympy expressions.

Used by templates to keep questions from coming out degenerate: a
misconception that happens to equal the answer is dropped, two choices that
look the same are re-rolled.  (Learner answers are never compared here: that
is :mod:`mvcalc.checking`'s job.)
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable, Sequence

import sympy as sp

from mvcalc.questions.model import Misconception
from mvcalc.questions.printing import learner

# positive, irregular points: safe for ln, sqrt and 1/x
POINTS = (0.37, 0.83, 1.29, 1.71, 2.23)


def _values(expr, symbols: Sequence[sp.Symbol], points) -> tuple[complex, ...] | None:
    return _values_of(sp.sympify(expr), tuple(symbols), tuple(points))


@lru_cache(maxsize=4096)
def _values_of(expr, symbols: tuple, points: tuple) -> tuple[complex, ...] | None:
    """The values at the sample points, kept: a template compares its answer with each wrong
    answer and each wrong answer with those kept, so most expressions are asked for again
    (sympy's evalf is most of the time a question takes to make)."""
    out = []
    for i, p in enumerate(points):
        subs = {s: p + 0.11 * k * (i + 1) for k, s in enumerate(symbols)}
        try:
            v = complex(expr.evalf(subs=subs))
        except (TypeError, ValueError):
            return None
        if not (math.isfinite(v.real) and math.isfinite(v.imag)):
            return None
        out.append(v)
    return tuple(out)


def same(a, b, symbols: Sequence[sp.Symbol] = (sp.Symbol("x"),), points=POINTS,
         tol: float = 1e-9) -> bool:
    """Whether ``a`` and ``b`` agree at the sample points (as functions)."""
    va, vb = _values(a, symbols, points), _values(b, symbols, points)
    if va is None or vb is None:
        return False
    return all(abs(p - q) <= tol * max(1.0, abs(p), abs(q)) for p, q in zip(va, vb))


def curves_differ(a, b, x_range: tuple[float, float], *, min_gap: float = 0.5,
                  symbol: sp.Symbol = sp.Symbol("x")) -> bool:
    """Whether two graphs look different over ``x_range`` (some gap >= min_gap)."""
    lo, hi = x_range
    fa = sp.lambdify(symbol, a, "math")
    fb = sp.lambdify(symbol, b, "math")
    gap = 0.0
    for i in range(41):
        t = lo + (hi - lo) * (i + 0.5) / 41
        try:
            gap = max(gap, abs(fa(t) - fb(t)))
        except (ValueError, ZeroDivisionError, OverflowError):
            continue
    return gap >= min_gap


def misconceptions(correct, wrong: Iterable[tuple[object, str]],
                   symbols: Sequence[sp.Symbol] = (sp.Symbol("x"),)) -> list[Misconception]:
    """Keep the wrong answers that really differ from ``correct`` and each other.

    ``wrong`` holds (sympy expression, feedback sentence) pairs, most telling
    first; each kept one becomes a :class:`Misconception` in learner syntax.
    """
    kept: list[tuple[object, str]] = []
    for expr, feedback in wrong:
        if same(expr, correct, symbols):
            continue
        if any(same(expr, other, symbols) for other, _ in kept):
            continue
        kept.append((expr, feedback))
    return [Misconception(learner(expr), feedback) for expr, feedback in kept]
