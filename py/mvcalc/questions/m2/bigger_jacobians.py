"""Bigger Jacobians: vector functions of three variables, 3 × 3 matrices, cylindrical coordinates.

Entries are hand-derived; the tests recompute every matrix with sympy's jacobian.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m2.jacobian import PARTIAL, ROWS, _matrix_prompt, jacobian_question
from mvcalc.questions.printing import matrix_tex, tex, theta, r, x, y, z

COLUMNS = r"Columns follow the inputs in order: \(\partial/\partial x\), \(\partial/\partial y\), \(\partial/\partial z\)."


def _transpose(rows):
    return [list(col) for col in zip(*rows)]


def _row_words(rows, names=("u", "v", "w")):
    sep = r",\ "
    return [rf"Row {i + 1}, the partial derivatives of \({n}\): \({sep.join(tex(e) for e in row)}\)."
            for i, (n, row) in enumerate(zip(names, rows))]


def linear_3x3(rng):
    """u = a x + b y, v = c y + d z, w = e x + f z: the coefficients, row by row."""
    a, b, c, d, e, f = (nonzero(rng, -6, 6, not_one=False) for _ in range(6))
    require(b != e or c != d, "a symmetric matrix hides the transpose slip")
    u, v, w = a * x + b * y, c * y + d * z, e * x + f * z
    rows = [[a, b, 0], [0, c, d], [e, 0, f]]
    rows = [[sp.Integer(v_) for v_ in row] for row in rows]
    return jacobian_question(
        [u, v, w], (x, y, z), rows, [(_transpose(rows), ROWS + " You have the transpose.")],
        prompt=_matrix_prompt([u, v, w], ["u", "v", "w"], (x, y, z),
                              "Three outputs, three inputs: a 3 by 3 matrix. A missing variable gives a 0."),
        hints=[ROWS, COLUMNS],
        worked=[*_row_words(rows), rf"So \(J = {matrix_tex(rows)}\)."],
    )


def products_3x3(rng):
    """u = x y z, v = x² + a z, w = y e^(b x)."""
    a, b = nonzero(rng, -5, 5), nonzero(rng, -3, 3)
    u, v, w = x * y * z, x**2 + a * z, y * sp.exp(b * x)
    rows = [[y * z, x * z, x * y], [2 * x, sp.Integer(0), sp.Integer(a)],
            [b * y * sp.exp(b * x), sp.exp(b * x), sp.Integer(0)]]
    wrong = [(_transpose(rows), ROWS + " You have the transpose."),
             ([rows[0], rows[1], [y * sp.exp(b * x), sp.exp(b * x), 0]],
              rf"Chain rule: \(\frac{{\partial}}{{\partial x}} e^{{{tex(b * x)}}} = {b} e^{{{tex(b * x)}}}\).")]
    return jacobian_question(
        [u, v, w], (x, y, z), rows, wrong,
        prompt=_matrix_prompt([u, v, w], ["u", "v", "w"], (x, y, z)),
        hints=[ROWS + " " + COLUMNS, PARTIAL],
        worked=[*_row_words(rows), rf"So \(J = {matrix_tex(rows)}\)."],
    )


def cylindrical(rng):
    """(x, y, z) = (a r cos θ, a r sin θ, b h): cylindrical coordinates, det = a² b r.

    The height input is h, not z: "z(r, θ, z) = 3z" would use one name for an input
    and an output.
    """
    a, b = rng.randint(1, 3), rng.randint(1, 4)
    zz = sp.Symbol("h")
    X, Y, Z = a * r * sp.cos(theta), a * r * sp.sin(theta), b * zz
    rows = [[a * sp.cos(theta), -a * r * sp.sin(theta), sp.Integer(0)],
            [a * sp.sin(theta), a * r * sp.cos(theta), sp.Integer(0)],
            [sp.Integer(0), sp.Integer(0), sp.Integer(b)]]
    wrong = [(_transpose(rows), ROWS + " You have the transpose."),
             ([[a * sp.cos(theta), a * r * sp.sin(theta), 0], rows[1], rows[2]],
              r"Sign slip: \(\frac{\partial}{\partial\theta}\cos\theta = -\sin\theta\).")]
    q = jacobian_question(
        [X, Y, Z], (r, theta, zz), rows, wrong,
        prompt=_matrix_prompt([X, Y, Z], ["x", "y", "z"], (r, theta, zz),
                              r"Cylindrical coordinates: polar coordinates \((r, \theta)\) with a height \(h\).")
        + r" Order the columns \(r\), \(\theta\), \(h\). (Type \(\theta\) as theta.)",
        hints=[ROWS, r"The first two rows are the polar Jacobian (times the scale); \(z\) depends only on \(h\)."],
        worked=[*_row_words(rows, ("x", "y", "z")), rf"So \(J = {matrix_tex(rows)}\), with determinant \({tex(a * a * b * r)}\)."],
    )
    return q


def at_a_point(rng):
    """J of u = x² y + z, v = y z² - a x at a point: a 2 × 3 matrix of numbers."""
    a = nonzero(rng, -4, 4)
    p = [nonzero(rng, -3, 3, not_one=False) for _ in range(3)]
    u, v = x**2 * y + z, y * z**2 - a * x
    general = [[2 * x * y, x**2, sp.Integer(1)], [sp.Integer(-a), z**2, 2 * y * z]]
    at = dict(zip((x, y, z), p))
    rows = [[sp.Integer(e.subs(at)) for e in row] for row in general]
    require(rows[0][0] != rows[0][1] and rows[1][1] != rows[1][2], "repeated entries hide an order slip")
    wrong = [([[rows[0][1], rows[0][0], rows[0][2]], rows[1]],
              r"Keep the column order \(x, y, z\): \(\partial u/\partial x\) comes first."),
             ([rows[0], [sp.Integer(-a), sp.Integer(p[2]), rows[1][2]]],
              r"\(\partial v/\partial y = z^2\): square the \(z\) after substituting.")]
    return jacobian_question(
        [u, v], (x, y, z), rows, wrong,
        prompt=_matrix_prompt([u, v], ["u", "v"], (x, y, z))
        + rf" at the point \((x, y, z) = ({p[0]}, {p[1]}, {p[2]})\), as numbers.",
        hints=[ROWS + " First find J in general, then substitute the point.", rf"In general \(J = {matrix_tex(general)}\)."],
        worked=[rf"\(J = {matrix_tex(general)}\).", rf"At \(({p[0]}, {p[1]}, {p[2]})\): \(J = {matrix_tex(rows)}\)."],
        at=p,
    )


def trig_exponential_3x3(rng):
    """u = sin(a x + y), v = e^(x z), w = y² z: chain factors everywhere."""
    a = rng.randint(2, 5)
    u, v, w = sp.sin(a * x + y), sp.exp(x * z), y**2 * z
    c = sp.cos(a * x + y)
    rows = [[a * c, c, sp.Integer(0)], [z * sp.exp(x * z), sp.Integer(0), x * sp.exp(x * z)],
            [sp.Integer(0), 2 * y * z, y**2]]
    wrong = [([[c, c, 0], rows[1], rows[2]],
              rf"Chain rule: \(\frac{{\partial}}{{\partial x}}\sin({a}x + y) = {a}\cos({a}x + y)\)."),
             ([rows[0], [sp.exp(x * z), 0, sp.exp(x * z)], rows[2]],
              r"Chain rule: \(\frac{\partial}{\partial x} e^{xz} = z e^{xz}\) (and \(x e^{xz}\) for \(z\))."),
             (_transpose(rows), ROWS + " You have the transpose.")]
    return jacobian_question(
        [u, v, w], (x, y, z), rows, wrong,
        prompt=_matrix_prompt([u, v, w], ["u", "v", "w"], (x, y, z)),
        hints=[ROWS + " " + COLUMNS, PARTIAL + " Use the chain rule inside sin and exp."],
        worked=[*_row_words(rows), rf"So \(J = {matrix_tex(rows)}\)."],
    )


TEMPLATES = [linear_3x3, products_3x3, at_a_point, trig_exponential_3x3, cylindrical]
