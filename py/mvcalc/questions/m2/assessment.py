"""Assessment on Jacobians and Hessians: mixed kinds.

A numeric partial derivative at a point, a stationary point to classify (choice), the
Hessian's determinant at a stationary point (numeric), the Jacobian determinant of a map
(numeric), and a gradient at a point (matrix). Answers are hand-derived; the tests recompute
each from ``data`` with sympy, classifying stationary points by the Hessian's eigenvalues.
"""
from __future__ import annotations

import dataclasses

import sympy as sp

from mvcalc.questions.builders import choice_question, numeric_question, require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m2.jacobian import jacobian_question
from mvcalc.questions.printing import factor, learner, matrix_tex, tex, theta, r, x, y

TEST = (r"At a point where \(J = 0\): \(\det H > 0\) with \(\partial^2 f/\partial x^2 > 0\) is a minimum, "
        r"with \(\partial^2 f/\partial x^2 < 0\) a maximum; \(\det H < 0\) is a saddle.")


def partial_at_point(rng):
    """∂f/∂y of a x² y³ + b x y at a point: a number."""
    a, b = nonzero(rng, -3, 3, not_one=False), nonzero(rng, -5, 5)
    p, q = nonzero(rng, -2, 2, not_one=False), nonzero(rng, -2, 2, not_one=False)
    f = a * x**2 * y**3 + b * x * y
    general = 3 * a * x**2 * y**2 + b * x
    value = general.subs({x: p, y: q})
    wrong = [((2 * a * x * y**3 + b * y).subs({x: p, y: q}), r"That is \(\partial f/\partial x\); the question asks for \(\partial f/\partial y\)."),
             ((general + 2 * a * x * y**3 + b * y).subs({x: p, y: q}),
              r"You treated \(x\) as a variable when differentiating with respect to \(y\).")]
    return numeric_question(
        rf"Find \(\dfrac{{\partial f}}{{\partial y}}\) at \((x, y) = ({p}, {q})\) for \[f(x, y) = {tex(f)}.\]", value,
        hints=[r"Hold \(x\) still and differentiate with respect to \(y\); then substitute the point.",
               rf"\(\frac{{\partial f}}{{\partial y}} = {tex(general)}\)."],
        worked=[rf"\(\frac{{\partial f}}{{\partial y}} = {tex(general)}\).",
                rf"At \(({p}, {q})\): \(\frac{{\partial f}}{{\partial y}} = {value}\)."],
        wrong=wrong, data={"f": learner(f), "variables": ["x", "y"], "quantity": "partial", "wrt": "y", "at": [p, q]},
    )


WORDS = {"minimum": "a minimum", "maximum": "a maximum", "saddle": "a saddle point",
         "undecided": "the Hessian test cannot tell"}


def _classify_options(answer: str) -> list[dict]:
    feedback = {
        "minimum": r"A minimum needs \(\det H > 0\) and \(\partial^2 f/\partial x^2 > 0\).",
        "maximum": r"A maximum needs \(\det H > 0\) and \(\partial^2 f/\partial x^2 < 0\).",
        "saddle": r"A saddle has \(\det H < 0\): curving up one way and down another.",
        "undecided": r"The test fails only when \(\det H = 0\) exactly; here it is not zero.",
    }
    return [{"correct": k == answer, "value": k, "tex": rf"\text{{{WORDS[k]}}}", "feedback": feedback[k]}
            for k in ("minimum", "maximum", "saddle", "undecided")]


def _verdict(fxx, det):
    if det == 0:
        return "undecided"
    if det < 0:
        return "saddle"
    return "minimum" if fxx > 0 else "maximum"


def classify_quadratic(rng):
    """Is the origin a minimum, maximum or saddle of c x² + a y² + b x y? (the lesson's figure)."""
    while True:
        c, a, b = nonzero(rng, -3, 3, not_one=False), nonzero(rng, -3, 3, not_one=False), rng.randint(-4, 4)
        det = 4 * a * c - b * b
        if det != 0:
            break
    f = c * x**2 + a * y**2 + b * x * y
    answer = _verdict(2 * c, det)
    q = choice_question(
        rng, rf"The function \[f(x, y) = {tex(f)}\] has \(J = 0\) at the origin. What is the origin?",
        _classify_options(answer),
        hints=[TEST, rf"\(H = {matrix_tex([[2 * c, b], [b, 2 * a]])}\)."],
        worked=[rf"\(H = {matrix_tex([[2 * c, b], [b, 2 * a]])}\), so \(\det H = {factor(2 * c)} \cdot {factor(2 * a)} - {factor(b)}^2 = {det}\).",
                rf"With \(\partial^2 f/\partial x^2 = {2 * c}\): the origin is {WORDS[answer]}, option {{key}}."],
        data={"f": learner(f), "variables": ["x", "y"], "point": [0, 0]},
    )
    return q


def det_hessian_at_stationary(rng):
    """det H at the stationary point (k, 0) of x³ − 3k² x + a y² (k = 1 or 2)."""
    k, a = rng.randint(1, 2), nonzero(rng, -4, 4, not_one=False)
    s = rng.choice([-1, 1])
    f = x**3 - 3 * k**2 * x + a * y**2
    px = s * k
    value = 6 * px * 2 * a
    return numeric_question(
        rf"The function \[f(x, y) = {tex(f)}\] has a stationary point at \(({px}, 0)\). Find the determinant of its "
        r"Hessian there.", value,
        hints=[r"\(H = \begin{pmatrix} f_{xx} & f_{xy} \\ f_{xy} & f_{yy} \end{pmatrix}\) and \(\det H = f_{xx} f_{yy} - f_{xy}^2\).",
               rf"\(f_{{xx}} = 6x\), \(f_{{yy}} = {2 * a}\), \(f_{{xy}} = 0\)."],
        worked=[rf"\(H = {matrix_tex([[6 * x, 0], [0, 2 * a]])}\).",
                rf"At \(x = {px}\): \(\det H = {factor(6 * px)} \cdot {factor(2 * a)} - 0^2 = {value}\)."],
        wrong=[(6 * px + 2 * a, r"The determinant multiplies the diagonal entries (and subtracts the product of the others)."),
               (3 * px**2 * 2 * a, r"\(f_{xx}\) differentiates \(3x^2 - " + str(3 * k * k) + r"\) once more: \(6x\).")],
        data={"f": learner(f), "variables": ["x", "y"], "quantity": "hessian_det", "at": [px, 0]},
    )


def classify_cubic(rng):
    """Classify the stationary point (±k, 0) of x³ − 3k² x + a y²: min, max or saddle."""
    k, a = rng.randint(1, 2), nonzero(rng, -3, 3, not_one=False)
    px = rng.choice([-1, 1]) * k
    f = x**3 - 3 * k**2 * x + a * y**2
    fxx, fyy = 6 * px, 2 * a
    answer = _verdict(fxx, fxx * fyy)
    return choice_question(
        rng, rf"\[f(x, y) = {tex(f)}\] has \(J = 0\) at \(({px}, 0)\). What is that point?",
        _classify_options(answer),
        hints=[TEST, r"Here \(H = \begin{pmatrix} 6x & 0 \\ 0 & " + str(2 * a) + r" \end{pmatrix}\)."],
        worked=[rf"At \(({px}, 0)\): \(H = {matrix_tex([[fxx, 0], [0, fyy]])}\), \(\det H = {fxx * fyy}\).",
                rf"So the point is {WORDS[answer]}, option {{key}}."],
        data={"f": learner(f), "variables": ["x", "y"], "point": [px, 0]},
    )


def jacobian_determinant(rng):
    """det J of (x, y) = (a r cos θ, b r sin θ) at r = r0: a b r0."""
    a, b, r0 = rng.randint(1, 4), rng.randint(1, 4), rng.randint(2, 5)
    require(a * b > 1 or r0 > 2, "")
    X, Y = a * r * sp.cos(theta), b * r * sp.sin(theta)
    value = a * b * r0
    return numeric_question(
        rf"The map \(x = {tex(X)}\), \(y = {tex(Y)}\) turns \((r, \theta)\) into \((x, y)\). By what factor does it "
        rf"stretch a small area near \(r = {r0}\), \(\theta = 0.3\)? (Give \(\det J\).)", value,
        hints=[r"\(J = \begin{pmatrix} \partial x/\partial r & \partial x/\partial\theta \\ \partial y/\partial r & \partial y/\partial\theta \end{pmatrix}\); area scales by \(|\det J|\).",
               rf"\(J = {matrix_tex([[a * sp.cos(theta), -a * r * sp.sin(theta)], [b * sp.sin(theta), b * r * sp.cos(theta)]])}\)."],
        worked=[rf"\(\det J = {a * b} r\cos^2\theta + {a * b} r \sin^2\theta = {a * b} r\).",
                rf"At \(r = {r0}\): \(\det J = {value}\), whatever \(\theta\) is."],
        wrong=[(r0, r"That is the plain polar determinant \(r\); the scale factors multiply it."),
               (a * b * r0 * (sp.cos(0.3)**2 - sp.sin(0.3)**2), r"\(\det J = J_{11}J_{22} - J_{12}J_{21}\): mind the minus sign of \(-r\sin\theta\).")],
        data={"functions": [learner(X), learner(Y)], "variables": ["r", "theta"], "quantity": "jacobian_det",
              "at": [r0, 0.3]},
    )


def stationary_gradient(rng):
    """J of f = x² + a x y + b y² − c x at a point: a row vector of numbers."""
    a, b, c = nonzero(rng, -3, 3), rng.randint(1, 3), nonzero(rng, -6, 6)
    p = [nonzero(rng, -2, 2, not_one=False) for _ in range(2)]
    f = x**2 + a * x * y + b * y**2 - c * x
    general = [2 * x + a * y - c, a * x + 2 * b * y]
    rows = [sp.Integer(g.subs(dict(zip((x, y), p)))) for g in general]
    require(rows[0] != rows[1], "")
    q = jacobian_question(
        [f], (x, y), rows,
        [([rows[1], rows[0]], r"Keep the order \(x, y\): \(\partial f/\partial x\) first."),
         ([sp.Integer((2 * x + a * y).subs(dict(zip((x, y), p)))), rows[1]], rf"The term \({tex(-c * x)}\) contributes \({-c}\) to \(\partial f/\partial x\).")],
        prompt=rf"Find the Jacobian (a row vector of numbers) of \[f(x, y) = {tex(f)}\] at \((x, y) = ({p[0]}, {p[1]})\). "
               r"(Downhill from there is \(-J\).)",
        hints=[r"\(J = \left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right)\); downhill is \(-J\).",
               rf"\(J = {matrix_tex(general)}\) in general."],
        worked=[rf"\(J = {matrix_tex(general)}\).", rf"At \(({p[0]}, {p[1]})\): \(J = {matrix_tex(rows)}\); downhill is \(-J = {matrix_tex([-v for v in rows])}\)."],
        at=p,
    )
    return q


TEMPLATES = [partial_at_point, classify_quadratic, stationary_gradient, det_hessian_at_stationary, classify_cubic,
             jacobian_determinant]
