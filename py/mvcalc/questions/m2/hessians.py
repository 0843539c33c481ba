"""Calculating Hessians: the symmetric matrix of second partial derivatives.

Entries are hand-derived from each template's parameters; the tests recompute every Hessian
with sympy's hessian. Named slips: forgetting the 2 from differentiating a square, leaving out
the mixed derivatives, differentiating a mixed term once only, and a sign slip on sin/cos.
"""
from __future__ import annotations

import dataclasses

import sympy as sp

from mvcalc.questions.builders import require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m2.jacobian import jacobian_question
from mvcalc.questions.printing import learner, matrix_tex, tex, x, y, z

HESSIAN = (r"The Hessian holds the second derivatives: row \(i\), column \(j\) is "
           r"\(\frac{\partial^2 f}{\partial x_i\,\partial x_j}\). Differentiate the Jacobian once more.")
MIXED = r"The mixed derivatives \(\frac{\partial^2 f}{\partial x\,\partial y}\) sit off the diagonal; they are equal, so H is symmetric."


def hessian_question(f, symbols, rows, wrong, *, intro="", hints, worked, at=None):
    names = ", ".join(str(s) for s in symbols)
    if at is None:
        ask = rf"Find the Hessian of \[f({names}) = {tex(f)}.\]"
    else:
        ask = (rf"Find the Hessian of \[f({names}) = {tex(f)}\] at the point "
               rf"\(({', '.join(str(v) for v in at)})\), as numbers.")
    prompt = f"{intro} {ask}".strip()
    q = jacobian_question([f], symbols, rows, wrong, prompt=prompt, hints=hints, worked=worked, at=at)
    data = {"f": learner(f), "variables": [str(s) for s in symbols]}
    if at is not None:
        data["at"] = [float(v) for v in at]
    return dataclasses.replace(q, data=data)


def _zero_mixed(rows):
    return [[e if i == j else 0 for j, e in enumerate(row)] for i, row in enumerate(rows)]


def quadratic(rng):
    """f = a x² + b x y + c y²: a matrix of numbers."""
    a, b, c = nonzero(rng, -5, 5), nonzero(rng, -6, 6), nonzero(rng, -5, 5)
    f = a * x**2 + b * x * y + c * y**2
    rows = [[sp.Integer(2 * a), sp.Integer(b)], [sp.Integer(b), sp.Integer(2 * c)]]
    return hessian_question(
        f, (x, y), rows,
        [([[a, b], [b, c]], r"\(\frac{\partial^2}{\partial x^2}(a x^2) = 2a\): differentiating twice brings the 2 down."),
         ([[2 * a, 0], [0, 2 * c]], MIXED),
         ([[2 * a, 2 * b], [2 * b, 2 * c]], rf"\(\frac{{\partial^2}}{{\partial x\,\partial y}}({tex(b * x * y)}) = {b}\): once in \(x\), once in \(y\).")],
        intro="The lesson's quadratic.",
        hints=[HESSIAN, rf"First \(J = \begin{{pmatrix}} {tex(2 * a * x + b * y)} & {tex(b * x + 2 * c * y)} \end{{pmatrix}}\)."],
        worked=[rf"\(J = \begin{{pmatrix}} {tex(2 * a * x + b * y)} & {tex(b * x + 2 * c * y)} \end{{pmatrix}}\).",
                rf"Differentiate each entry by \(x\) and by \(y\): \(H = {matrix_tex(rows)}\)."],
    )


def cubic_mixed(rng):
    """f = x³ y + a y²: second derivatives that depend on the point."""
    a, n = nonzero(rng, -5, 5), rng.randint(2, 4)
    f = x**n * y + a * y**2
    rows = [[n * (n - 1) * x**(n - 2) * y, n * x**(n - 1)], [n * x**(n - 1), sp.Integer(2 * a)]]
    return hessian_question(
        f, (x, y), rows,
        [(_zero_mixed(rows), MIXED),
         ([[n * (n - 1) * x**(n - 2) * y, n * x**(n - 1)], [n * x**(n - 1), a * 2 * y]],
          r"\(\frac{\partial^2}{\partial y^2}(a y^2) = 2a\), a number: differentiate twice.")],
        hints=[HESSIAN, rf"\(J = \begin{{pmatrix}} {tex(n * x**(n - 1) * y)} & {tex(x**n + 2 * a * y)} \end{{pmatrix}}\)."],
        worked=[rf"\(J = \begin{{pmatrix}} {tex(n * x**(n - 1) * y)} & {tex(x**n + 2 * a * y)} \end{{pmatrix}}\).",
                rf"Row 1 differentiates \({tex(n * x**(n - 1) * y)}\); row 2 differentiates \({tex(x**n + 2 * a * y)}\).",
                rf"So \(H = {matrix_tex(rows)}\), symmetric as it should be."],
    )


def exponential_trig(rng):
    """f = e^(a x) sin(y)."""
    a = nonzero(rng, -4, 4)
    E = sp.exp(a * x)
    f = E * sp.sin(y)
    rows = [[a**2 * E * sp.sin(y), a * E * sp.cos(y)], [a * E * sp.cos(y), -E * sp.sin(y)]]
    return hessian_question(
        f, (x, y), rows,
        [([rows[0], [rows[1][0], E * sp.sin(y)]], r"Sign slip: \(\frac{\partial^2}{\partial y^2}\sin y = -\sin y\)."),
         ([[a * E * sp.sin(y), a * E * sp.cos(y)], rows[1]],
          rf"Differentiating \(e^{{{tex(a * x)}}}\) twice brings down \({a}\) twice: \({tex(a**2)}\)."),
         (_zero_mixed(rows), MIXED)],
        hints=[HESSIAN, rf"\(J = \begin{{pmatrix}} {tex(a * E * sp.sin(y))} & {tex(E * sp.cos(y))} \end{{pmatrix}}\)."],
        worked=[rf"\(J = \begin{{pmatrix}} {tex(a * E * sp.sin(y))} & {tex(E * sp.cos(y))} \end{{pmatrix}}\).",
                rf"So \(H = {matrix_tex(rows)}\)."],
    )


def three_variables(rng):
    """f = x y z + a x² + b z²: a 3 × 3 Hessian."""
    a, b = nonzero(rng, -4, 4), nonzero(rng, -4, 4)
    f = x * y * z + a * x**2 + b * z**2
    rows = [[sp.Integer(2 * a), z, y], [z, sp.Integer(0), x], [y, x, sp.Integer(2 * b)]]
    return hessian_question(
        f, (x, y, z), rows,
        [(_zero_mixed(rows), MIXED),
         ([[2 * a, z, y], [z, x * z, x], [y, x, 2 * b]], r"\(\frac{\partial^2}{\partial y^2}(xyz) = 0\): \(xyz\) is only linear in \(y\).")],
        intro="Three variables: a 3 by 3 symmetric matrix.",
        hints=[HESSIAN, rf"\(J = \begin{{pmatrix}} {tex(y * z + 2 * a * x)} & {tex(x * z)} & {tex(x * y + 2 * b * z)} \end{{pmatrix}}\)."],
        worked=[rf"\(J = \begin{{pmatrix}} {tex(y * z + 2 * a * x)} & {tex(x * z)} & {tex(x * y + 2 * b * z)} \end{{pmatrix}}\).",
                rf"So \(H = {matrix_tex(rows)}\)."],
    )


def at_a_point(rng):
    """f = x³ + a x y² + b y³ at a point: numbers."""
    a, b = nonzero(rng, -3, 3), nonzero(rng, -2, 2, not_one=False)
    p = [nonzero(rng, -2, 2, not_one=False) for _ in range(2)]
    f = x**3 + a * x * y**2 + b * y**3
    general = [[6 * x, 2 * a * y], [2 * a * y, 2 * a * x + 6 * b * y]]
    at = dict(zip((x, y), p))
    rows = [[sp.Integer(e.subs(at)) for e in row] for row in general]
    require(rows[0][0] != rows[1][1], "equal diagonal hides slips")
    return hessian_question(
        f, (x, y), rows,
        [([[rows[0][0], 0], [0, rows[1][1]]], MIXED),
         ([[sp.Integer(3 * p[0] ** 2), rows[0][1]], [rows[1][0], rows[1][1]]],
          r"That is \(\partial f/\partial x\)'s first term, \(3x^2\): differentiate once more, to \(6x\).")],
        hints=[HESSIAN + " First find H in general, then substitute the point.",
               rf"In general \(H = {matrix_tex(general)}\)."],
        worked=[rf"\(H = {matrix_tex(general)}\).", rf"At \(({p[0]}, {p[1]})\): \(H = {matrix_tex(rows)}\)."],
        at=p,
    )


TEMPLATES = [quadratic, cubic_mixed, exponential_trig, three_variables, at_a_point]
