"""Lagrange multipliers, continued: writing down the Lagrangian's gradient, a problem in three
variables, and using the multiplier to estimate how the best value moves with the constraint.

Hand-derived here; the tests differentiate the Lagrangian and solve the equations with sympy,
and check the estimate against the derivative of the best value.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import require
from mvcalc.questions.m5.common import vector_question
from mvcalc.questions.m5.newton_raphson import numeric
from mvcalc.questions.precision import figures_to_tell_apart
from mvcalc.questions.printing import learner, number, tex, x, y, z

LAM = sp.Symbol("lambda")
LAGRANGIAN = (r"\(\mathcal{L}(x, y, \lambda) = f(x, y) - \lambda\, g(x, y)\): at a constrained optimum all three "
              r"partial derivatives of \(\mathcal{L}\) are zero.")
GRADIENT_HINT = "Type a vector of three expressions, e.g. [y - 2lambda x, x - 2lambda y, 5 - x^2 - y^2]; write λ as lambda."
FRACTIONS = "Type a vector in square brackets, e.g. [2, 1/3, -1, 4/9] (fractions are fine)."


def _objectives(rng):
    a, b = rng.choice([(1, 2), (2, 1), (3, 1), (1, 3), (2, 3)])
    return rng.choice([x * y, x**2 + y**2, a * x + b * y, x**2 * y, x * y**2, x**2 + a * y**2])


def _constraints(rng):
    c = rng.randint(2, 9)
    r2 = rng.choice([2, 4, 5, 9])
    a, b = rng.choice([(1, 2), (2, 1), (1, 3), (3, 2)])
    return rng.choice([x + y - c, x**2 + y**2 - r2, a * x + b * y - c, x**2 + 4 * y**2 - 4])


def lagrangian_gradient(rng):
    """Set up grad L = 0: the two components of grad f = lambda grad g, and the constraint."""
    f, g = _objectives(rng), _constraints(rng)
    if sp.Poly(f, x, y).total_degree() == 1 and sp.Poly(g, x, y).total_degree() == 1:
        f = x * y       # a linear f on a line has no optimum
    fx, fy, gx, gy = sp.diff(f, x), sp.diff(f, y), sp.diff(g, x), sp.diff(g, y)
    answer = [fx - LAM * gx, fy - LAM * gy, -g]
    return vector_question(
        rf"To optimise \(f(x, y) = {tex(f)}\) subject to \({tex(g)} = 0\), form the Lagrangian "
        r"\(\mathcal{L}(x, y, \lambda) = f - \lambda g\). Write its gradient "
        r"\(\left[\dfrac{\partial \mathcal{L}}{\partial x}, \dfrac{\partial \mathcal{L}}{\partial y}, "
        r"\dfrac{\partial \mathcal{L}}{\partial \lambda}\right]\) as expressions in \(x\), \(y\) and \(\lambda\).",
        answer,
        hints=[LAGRANGIAN, rf"\(\nabla f = ({tex(fx)},\ {tex(fy)})\) and \(\nabla g = ({tex(gx)},\ {tex(gy)})\)."],
        worked=[rf"\(\mathcal{{L}} = {tex(f)} - \lambda\left({tex(g)}\right)\).",
                rf"\(\dfrac{{\partial \mathcal{{L}}}}{{\partial x}} = {tex(answer[0])}\) and "
                rf"\(\dfrac{{\partial \mathcal{{L}}}}{{\partial y}} = {tex(answer[1])}\).",
                rf"\(\dfrac{{\partial \mathcal{{L}}}}{{\partial \lambda}} = {tex(answer[2])}\).",
                r"Setting the first two to zero says \(\nabla f = \lambda \nabla g\) (the gradients line up); the third "
                r"gives back the constraint \(g = 0\)."],
        wrong=[([fx + LAM * gx, fy + LAM * gy, g], r"That is the gradient of \(f + \lambda g\); this question's "
                                                   r"Lagrangian is \(f - \lambda g\)."),
               ([fx - LAM * gx, fy - LAM * gy, g], r"\(\partial\mathcal{L}/\partial\lambda\) of \(-\lambda g\) is \(-g\): "
                                                   r"mind the sign (setting it to zero gives the constraint either way)."),
               ([fx, fy, -g], r"The \(-\lambda g\) term depends on \(x\) and \(y\) too: differentiate it in the first two entries."),
               ([fx - LAM * gx, fy - LAM * gy, 0], r"\(\mathcal{L}\) depends on \(\lambda\) through \(-\lambda g\), so "
                                                   r"\(\partial\mathcal{L}/\partial\lambda = -g\), not 0.")],
        data={"f": learner(f), "g": learner(g)},
        hint=GRADIENT_HINT, variables=("x", "y", "lambda"),
    )


def three_variables(rng):
    """Three variables, one constraint: four equations, the same idea."""
    if rng.random() < 0.5:
        a, b, c = rng.choice([(1, 2, 2), (2, 1, 2), (1, 1, 1), (2, 3, 6), (1, 2, 3), (1, -2, 2)])
        n2 = a * a + b * b + c * c
        d = rng.choice([n2, 2 * n2, 3, 6, 12])
        point = [sp.Rational(d * a, n2), sp.Rational(d * b, n2), sp.Rational(d * c, n2)]
        lam = sp.Rational(2 * d, n2)
        f, g = x**2 + y**2 + z**2, a * x + b * y + c * z - d
        prompt = (rf"Find the point of the plane \({tex(a * x + b * y + c * z)} = {d}\) closest to the origin: minimise "
                  rf"\(f = x^2 + y^2 + z^2\) subject to \(g = {tex(g)} = 0\). Give \([x, y, z, \lambda]\).")
        hints = [r"\(\nabla f = \lambda \nabla g\) has three components now: with the constraint, four equations for "
                 r"\(x, y, z, \lambda\).",
                 rf"\((2x, 2y, 2z) = \lambda ({a}, {b}, {c})\): put \(x = {tex(sp.Rational(a, 2) * LAM)}\), "
                 rf"\(y = {tex(sp.Rational(b, 2) * LAM)}\), \(z = {tex(sp.Rational(c, 2) * LAM)}\) into the plane."]
        worked = [rf"\((2x, 2y, 2z) = \lambda ({a}, {b}, {c})\), so \((x, y, z) = \tfrac{{\lambda}}{{2}}({a}, {b}, {c})\).",
                  rf"In the plane: \(\tfrac{{\lambda}}{{2}} \times {n2} = {d}\), so \(\lambda = {tex(lam)}\).",
                  rf"\((x, y, z) = ({tex(point[0])}, {tex(point[1])}, {tex(point[2])})\): along the plane's normal "
                  rf"\(({a}, {b}, {c})\), as the closest point must be."]
        wrong = [(point + [lam / 2], r"\(\nabla f = (2x, 2y, 2z)\): keep the 2 when you find \(\lambda\)."),
                 ([-v for v in point] + [-lam], r"Check the sign: the point must satisfy the plane's equation.")]
        data = {"f": learner(f), "g": learner(g), "want": "min"}
    else:
        m = rng.randint(2, 5)
        point, lam = [m, m, m], m * m
        f, g = x * y * z, x + y + z - 3 * m
        prompt = (rf"A box has edges \(x, y, z > 0\) with \(x + y + z = {3 * m}\). Maximise its volume \(f = xyz\) with "
                  rf"\(g = {tex(g)}\). Give \([x, y, z, \lambda]\).")
        hints = [r"\(\nabla f = \lambda \nabla g\) has three components now: with the constraint, four equations for "
                 r"\(x, y, z, \lambda\).",
                 r"\(\nabla f = (yz, xz, xy)\) and \(\nabla g = (1, 1, 1)\): so \(yz = xz = xy = \lambda\)."]
        worked = [r"\(yz = xz\) with \(z > 0\) gives \(x = y\); likewise \(y = z\).",
                  rf"Then \(3x = {3 * m}\): \(x = y = z = {m}\), and \(\lambda = yz = {m * m}\).",
                  rf"The best box is a cube, with volume \({m ** 3}\)."]
        wrong = [([m, m, m, m], r"\(\lambda = yz\), the product of two edges, not one edge."),
                 ([m, m, m, m ** 3], r"\(\lambda = yz = {m}^2\), not the volume \(xyz\).".replace("{m}", str(m)))]
        data = {"f": learner(f), "g": learner(g), "want": "max", "positive": True}
    return vector_question(prompt, point + [lam], hints=hints, worked=worked, wrong=wrong, data=data, hint=FRACTIONS)


def estimate_with_lambda(rng):
    """lambda is the rate the best value changes with the constraint's constant: estimate without re-solving."""
    kind = rng.choice(["product", "distance", "weighted"])
    c = rng.choice([4, 6, 8, 10, 12])
    delta = rng.choice([sp.Rational(1, 10), sp.Rational(2, 10), sp.Rational(-1, 10), sp.Rational(5, 10)])
    if kind == "product":
        f, lhs = x * y, x + y
        best, lam = sp.Rational(c * c, 4), sp.Rational(c, 2)
        solve = rf"\(y = \lambda\), \(x = \lambda\), so \(x = y = \lambda = {tex(lam)}\) and \(f^* = {tex(best)}\)."
        want = "largest"
    elif kind == "distance":
        a, b = rng.choice([(1, 1), (1, 2), (2, 1), (1, 3)])
        n2 = a * a + b * b
        f, lhs = x**2 + y**2, a * x + b * y
        best, lam = sp.Rational(c * c, n2), sp.Rational(2 * c, n2)
        solve = (rf"\((2x, 2y) = \lambda({a}, {b})\) and the line give \(\lambda = {tex(lam)}\), "
                 rf"\((x, y) = ({tex(sp.Rational(a * c, n2))}, {tex(sp.Rational(b * c, n2))})\) and \(f^* = {tex(best)}\).")
        want = "smallest"
    else:
        k = rng.choice([2, 3])
        f, lhs = x * y, x + k * y
        best, lam = sp.Rational(c * c, 4 * k), sp.Rational(c, 2 * k)
        solve = (rf"\((y, x) = \lambda(1, {k})\): \(x = {k}\lambda\), \(y = \lambda\); the constraint gives "
                 rf"\(\lambda = {tex(lam)}\), so \(f^* = {k}\lambda^2 = {tex(best)}\).")
        want = "largest"
    new_c = c + delta
    estimate = best + lam * delta
    exact = {"product": new_c**2 / 4, "weighted": new_c**2 / (4 * k) if kind == "weighted" else 0,
             "distance": new_c**2 / (a * a + b * b) if kind == "distance" else 0}[kind]
    # asked to the figures that tell the estimate from the exact new value (and both from f*)
    precision = figures_to_tell_apart(estimate, [exact, best])
    require(precision is not None)
    return numeric(
        rf"The {want} value of \(f(x, y) = {tex(f)}\) subject to \({tex(lhs)} = {c}\) is \(f^*\), with multiplier "
        rf"\(\lambda\). Find them, then use \(\lambda\) to estimate the {want} value when the constraint becomes "
        rf"\({tex(lhs)} = {number(float(new_c))}\), without solving again. Give the estimate to {{precision}}.",
        estimate,
        hints=[r"\(\lambda\) is the rate at which the best value changes as the constraint's constant grows: "
               r"\(f^*(c + \Delta c) \approx f^*(c) + \lambda\,\Delta c\).",
               r"First solve \(\nabla f = \lambda \nabla g\) with the constraint for \(\lambda\) and \(f^*\)."],
        worked=[solve,
                rf"The constant changes by \(\Delta c = {number(float(delta))}\), so \(f^* \approx {tex(best)} + {tex(lam)} \times "
                rf"{'(' + number(float(delta)) + ')' if delta < 0 else number(float(delta))} = {number(float(estimate))}\).",
                r"(Solving again gives almost the same: the estimate is the tangent-line approximation of \(f^*\) as a "
                r"function of the constant.)"],
        wrong=[(best, r"That is the best value before the change: add \(\lambda\,\Delta c\)."),
               (best + delta, r"The best value changes by \(\lambda\) times the change in the constant, not by the change itself."),
               (lam * delta, r"That is only the change: add it to the best value \(f^*\)."),
               (best - lam * delta, r"Sign slip: a larger constant changes \(f^*\) by \(+\lambda\,\Delta c\)."),
               (exact, r"That is the exact new best value, from solving again: close, which shows how good the estimate "
                       r"is, but the question asks for \(f^* + \lambda\,\Delta c\).")],
        data={"f": learner(f), "g": learner(lhs - c), "c": c, "delta": float(delta), "kind": kind,
              "want": "max" if want == "largest" else "min"},
        precision=precision,
    )


TEMPLATES = [lagrangian_gradient, three_variables, estimate_with_lambda]
