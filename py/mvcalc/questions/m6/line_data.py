"""The data of Module 6's line-fitting questions: small point sets a learner can work by hand,
their table, and the least-squares line's closed form. Shared by the linear-regression set, its
visual templates and the non-linear sets (which sit above this module)."""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.printing import number


def points(rng, n, slope_range=(-3, 3)):
    """n points with distinct integer x and integer y near a line."""
    xs = sorted(rng.sample(range(0, 9), n))
    slope = rng.choice([k for k in range(*slope_range) if k != 0] + [0.5, 1.5])
    icpt = rng.randint(-3, 5)
    ys = [int(round(slope * x + icpt + rng.choice([-2, -1, 0, 1, 2]))) for x in xs]
    return xs, ys


def table(xs, ys, sigma=None) -> str:
    head = r"\begin{array}{c|" + "c" * len(xs) + "} "
    rows = [r"x_i & " + " & ".join(str(v) for v in xs), r"y_i & " + " & ".join(str(v) for v in ys)]
    if sigma is not None:
        rows.append(r"\sigma_i & " + " & ".join(number(s) for s in sigma))
    return r"\[" + head + r" \\ \hline ".join(rows) + r" \end{array}\]"


def closed_form(xs, ys):
    """x̄, ȳ, Sxx, Sxy, the slope and the intercept of the least-squares line, exactly."""
    n = len(xs)
    xb, yb = sp.Rational(sum(xs), n), sp.Rational(sum(ys), n)
    sxx = sum((x - xb) ** 2 for x in xs)
    sxy = sum((x - xb) * y for x, y in zip(xs, ys))
    slope = sxy / sxx
    return xb, yb, sxx, sxy, slope, yb - slope * xb
