"""Lagrange multipliers: stationary points and multipliers of small constrained problems.

Answers are hand-derived closed forms (rational wherever possible); the tests solve each
problem's equations grad f = lambda grad g, g = 0 with sympy and compare.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.m5.common import vector_question
from mvcalc.questions.m5.lagrange_setup import estimate_with_lambda, lagrangian_gradient, three_variables
from mvcalc.questions.m5.newton_raphson import numeric
from mvcalc.questions.printing import learner, tex, x, y
from mvcalc.questions.m5.visual import lagrange_touch  # visual (issue 13)

CONDITION = (r"At a constrained optimum \(\nabla f = \lambda \nabla g\) and \(g = 0\): "
             r"three equations for \(x, y, \lambda\).")
LAM = sp.Symbol("lambda")
ORDER = "Type [x, y, λ] as a vector, e.g. [2, 1.5, 0.5] (fractions like 3/2 are fine)."


def product_on_line(rng):
    """Maximise xy on x + y = c: x = y = c/2, lambda = c/2."""
    c = rng.choice([2, 4, 6, 8, 10, 12, 3, 5])
    h = sp.Rational(c, 2)
    return vector_question(
        rf"Maximise \(f(x, y) = xy\) subject to \(x + y = {c}\). Find the stationary point and its multiplier, "
        r"as \([x, y, \lambda]\), with \(\nabla f = \lambda \nabla g\) for \(g = x + y - " + str(c) + r"\).",
        [h, h, h],
        hints=[CONDITION, r"\(\nabla f = (y, x)\) and \(\nabla g = (1, 1)\), so \(y = \lambda\) and \(x = \lambda\)."],
        worked=[r"\(\nabla f = (y, x) = \lambda (1, 1)\): so \(x = y = \lambda\).",
                rf"The constraint: \(2\lambda = {c}\), so \(\lambda = {tex(h)}\) and \(x = y = {tex(h)}\).",
                rf"The maximum is \(f = {tex(h * h)}\): a square beats every other rectangle of the same perimeter."],
        wrong=[([h, h, 2 * h], r"\(\lambda\) is the common value of \(y\) and \(x\), not their sum.")],
        data={"f": "x y", "g": f"x + y - {c}", "want": "max"},
    )


def nearest_point(rng):
    """Minimise x^2 + y^2 on a x + b y = c: the closest point of a line to the origin."""
    a, b = rng.choice([(1, 1), (1, 2), (2, 1), (3, 4), (1, 3), (2, 3)])
    c = rng.choice([2, 5, 10, 4])
    n2 = a * a + b * b
    px, py, lam = sp.Rational(a * c, n2), sp.Rational(b * c, n2), sp.Rational(2 * c, n2)
    return vector_question(
        rf"Find the point of the line \({tex(a * x + b * y)} = {c}\) closest to the origin by minimising "
        rf"\(f = x^2 + y^2\) with \(g = {tex(a * x + b * y - c)}\). Give \([x, y, \lambda]\).",
        [px, py, lam],
        hints=[CONDITION, rf"\(2x = {tex(a * LAM)}\) and \(2y = {tex(b * LAM)}\): put \(x = {tex(sp.Rational(a, 2) * LAM)}\), "
                          rf"\(y = {tex(sp.Rational(b, 2) * LAM)}\) into the line."],
        worked=[rf"\(\nabla f = (2x, 2y)\), \(\nabla g = ({a}, {b})\): \(x = {tex(sp.Rational(a, 2) * LAM)}\), \(y = {tex(sp.Rational(b, 2) * LAM)}\).",
                rf"In the line: \(\frac{{{n2}}}{{2}}\lambda = {c}\), so \(\lambda = {tex(lam)}\).",
                rf"So \((x, y) = ({tex(px)}, {tex(py)})\): along the line's normal \(({a}, {b})\), as it should be."],
        wrong=[([px, py, lam / 2], r"\(\nabla f = (2x, 2y)\): don't drop the 2 when finding \(\lambda\)."),
               ([py, px, lam], "x and y are swapped.")],
        data={"f": "x^2 + y^2", "g": learner(a * x + b * y - c), "want": "min"},
    )


def line_on_circle(rng):
    """Maximise a x + b y on the circle x^2 + y^2 = r^2 (Pythagorean a, b)."""
    a, b = rng.choice([(3, 4), (4, 3), (5, 12), (12, 5), (6, 8), (-3, 4), (3, -4)])
    r = rng.choice([1, 2, 5, 10])
    n = int(round((a * a + b * b) ** 0.5))
    px, py, lam = sp.Rational(a * r, n), sp.Rational(b * r, n), sp.Rational(n, 2 * r)
    return vector_question(
        rf"Maximise \(f(x, y) = {tex(a * x + b * y)}\) on the circle \(x^2 + y^2 = {r * r}\). "
        r"Give the maximum point and its multiplier as \([x, y, \lambda]\).",
        [px, py, lam],
        hints=[CONDITION, rf"\(({a}, {b}) = \lambda (2x, 2y)\): the point is in the direction \(({a}, {b})\), at distance {r}."],
        worked=[rf"\(\nabla f = ({a}, {b})\), \(\nabla g = (2x, 2y)\): \(x = \frac{{{a}}}{{2\lambda}}\), \(y = \frac{{{b}}}{{2\lambda}}\).",
                rf"On the circle: \(\frac{{{a * a} + {b * b}}}{{4\lambda^2}} = {r * r}\), so \(\lambda = \pm {tex(lam)}\).",
                rf"The maximum takes \(\lambda = {tex(lam)}\): \((x, y) = ({tex(px)}, {tex(py)})\) and \(f = {n * r}\)."],
        wrong=[([-px, -py, -lam], r"That is the minimum (\(\lambda < 0\) here): f is smallest there.")],
        data={"f": learner(a * x + b * y), "g": f"x^2 + y^2 - {r * r}", "want": "max"},
    )


def cubic_on_circle(rng):
    """The lesson's x^2 y on a circle, scaled: the maximum value."""
    m = rng.choice([1, 2, 3])
    sign = rng.choice([1, -1])
    R2 = 3 * m * m
    value = 2 * m**3
    want = "maximum" if sign == 1 else "minimum"
    return numeric(
        rf"Find the {want} value of \(f(x, y) = {'-' if sign < 0 else ''}x^2 y\) on the circle \(x^2 + y^2 = {R2}\).",
        sign * value if sign == 1 else -value,
        hints=[CONDITION, r"From \(2xy = 2\lambda x\): \(x = 0\) or \(y = \lambda\); then \(x^2 = 2y^2\) on the second equation."],
        worked=[r"\(\nabla f = " + ("" if sign > 0 else "-") + r"(2xy, x^2)\), \(\nabla g = (2x, 2y)\).",
                rf"With \(x \ne 0\): \(x^2 = 2y^2\), and the circle gives \(3y^2 = {R2}\), \(y = \pm {m}\), \(x = \pm {tex(m * sp.sqrt(2))}\).",
                rf"\(x^2 y = 2 \cdot {m * m} \cdot (\pm {m}) = \pm {value}\); with \(x = 0\), \(f = 0\). So the {want} is \({-value if sign < 0 else value}\)."],
        wrong=[(3 * m**3, rf"That takes \(x^2 = {R2}\) (the whole radius squared) together with \(y = {m}\), but that "
                           r"point is not on the circle: solve \(\nabla f = \lambda \nabla g\) with the constraint."),
               (value * (-1 if sign > 0 else 1), "That is the value at the opposite extreme.")],
        data={"f": ("-" if sign < 0 else "") + "x^2 y", "g": f"x^2 + y^2 - {R2}", "want": "max" if sign > 0 else "min"},
    )


def multiplier_meaning(rng):
    """Minimise x^2 + k y^2 on x + y = c: lambda equals d(best f)/dc."""
    k = rng.choice([2, 3, 4])
    c = rng.choice([3, 6, 9, 12, 2, 4])
    # 2x = lam, 2k y = lam, x + y = c  ->  x = k c/(k+1), y = c/(k+1), lam = 2 k c/(k+1)
    lam = sp.Rational(2 * k * c, k + 1)
    best = sp.Rational(k * c * c, k + 1)
    return numeric(
        rf"Minimise \(f = x^2 + {k}y^2\) subject to \(x + y = {c}\). What is the multiplier \(\lambda\)? "
        rf"(Check: it equals the rate at which the best value of \(f\) grows as the constraint's {c} is increased.)",
        lam,
        hints=[CONDITION, rf"\(2x = \lambda\) and \({2 * k}y = \lambda\), so \(x = {k}y\)."],
        worked=[rf"\(2x = \lambda\), \({2 * k}y = \lambda\): \(x = {k}y\); the constraint gives \(y = {tex(sp.Rational(c, k + 1))}\), \(x = {tex(sp.Rational(k * c, k + 1))}\).",
                rf"\(\lambda = 2x = {tex(lam)}\).",
                rf"The best value is \(f^* = \frac{{{k}}}{{{k + 1}}}c^2 = {tex(best)}\), and \(\frac{{df^*}}{{dc}} = \frac{{{2 * k}}}{{{k + 1}}}c = {tex(lam)} = \lambda\)."],
        wrong=[(best, r"That is the best value of \(f\), not the multiplier."),
               (lam / 2, r"\(\lambda = 2x\), not \(x\).")],
        data={"f": f"x^2 + {k}y^2", "g": f"x + y - {c}", "want": "min"},
    )


TEMPLATES = [product_on_line, nearest_point, line_on_circle, cubic_on_circle, multiplier_meaning,
             lagrangian_gradient, three_variables, estimate_with_lambda]
TEMPLATES += [lagrange_touch]  # visual (issue 13): appended, never reordered
