"""Calculating the Jacobian: a gradient row vector, then Jacobian matrices.

Answers are typed as ``[a, b, c]`` (a row vector) or ``[[a, b], [c, d]]``
(row by row).  Entries are hand-derived partial derivatives; known slips are
the transposed matrix, the wrong variable order and a missing chain factor.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.compare import same
from mvcalc.questions.builders import require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.printing import learner, matrix_learner, matrix_tex, r, tex, theta, x, y, z
from mvcalc.questions.m2.visual import downhill_arrow  # visual: on a map

VECTOR_HINT = "Type a row vector in square brackets, e.g. [2x y, x^2, 3]."
MATRIX_HINT = "Type the matrix row by row, e.g. [[2x, 1], [0, 3y^2]]."
PARTIAL = (r"A partial derivative treats every other variable as a constant: "
           r"\(\frac{\partial}{\partial x}(x^2 y) = 2 x y\).")
ROWS = r"Row \(i\) of the Jacobian holds the partial derivatives of the \(i\)-th output."


def _flat(rows):
    return [e for row in rows for e in row] if rows and isinstance(rows[0], (list, tuple)) else list(rows)


def _same_matrix(a, b, symbols) -> bool:
    fa, fb = _flat(a), _flat(b)
    return len(fa) == len(fb) and all(same(p, q, symbols) for p, q in zip(fa, fb))


def jacobian_question(functions, symbols, rows, wrong, *, prompt, hints, worked,
                      at=None) -> Question:
    """A matrix question whose answer is ``rows`` (a list, or a list of rows)."""
    kept = []
    for w_rows, feedback in wrong:
        if _same_matrix(w_rows, rows, symbols) or any(_same_matrix(w_rows, k, symbols) for k, _ in kept):
            continue
        kept.append((w_rows, feedback))
    vector = not isinstance(rows[0], (list, tuple))
    return Question(
        kind="matrix",
        prompt=prompt,
        solution=matrix_learner(rows),
        hints=list(hints),
        worked=list(worked),
        misconceptions=[Misconception(matrix_learner(w), fb) for w, fb in kept],
        answer_hint=VECTOR_HINT if vector else MATRIX_HINT,
        variables=() if at is not None else tuple(str(s) for s in symbols),
        data={"functions": [learner(f) for f in functions],
              "variables": [str(s) for s in symbols],
              **({"at": [float(v) for v in at]} if at is not None else {})},
    )


def _grad_prompt(f, symbols, intro="", at=None):
    names = ", ".join(str(s) if s is not theta else r"\theta" for s in symbols)
    parts = " & ".join(rf"\frac{{\partial f}}{{\partial {str(s) if s is not theta else chr(92) + 'theta'}}}"
                       for s in symbols)
    where = "" if at is None else rf" at the point \(({names}) = ({', '.join(str(v) for v in at)})\)"
    return (f"{intro} Find the Jacobian (a row vector) "
            rf"\(J = \begin{{pmatrix}} {parts} \end{{pmatrix}}\){where} of \[f({names}) = {tex(f)}.\]").strip()


def gradient_polynomial(rng):
    """J of f(x, y, z) = a x^2 y + b z: the lesson's first example."""
    a, b = nonzero(rng, -5, 5, not_one=False), nonzero(rng, -9, 9)
    f = a * x**2 * y + b * z
    rows = [2 * a * x * y, a * x**2, sp.Integer(b)]
    return jacobian_question(
        [f], (x, y, z), rows,
        [([a * x**2, 2 * a * x * y, sp.Integer(b)], r"Keep the order \(x, y, z\): the first entry is \(\partial f/\partial x\)."),
         ([2 * a * x * y, a * x**2, b * z], r"\(\frac{\partial}{\partial z}\) of a constant times \(z\) is that constant.")],
        prompt=_grad_prompt(f, (x, y, z), "The Jacobian of a function of several variables collects its partial derivatives."),
        hints=[PARTIAL, r"For \(\partial f/\partial x\), \(y\) and \(z\) are constants; and so on for each variable."],
        worked=[rf"\(\frac{{\partial f}}{{\partial x}} = {tex(rows[0])}\) (\(y\) held constant).",
                rf"\(\frac{{\partial f}}{{\partial y}} = {tex(rows[1])}\).",
                rf"\(\frac{{\partial f}}{{\partial z}} = {tex(rows[2])}\).",
                rf"So \(J = {matrix_tex(rows)}\)."],
    )


def gradient_exponential(rng):
    """J of f(x, y) = x e^(a y) + b y^2: a chain factor in one partial."""
    a, b = nonzero(rng, -4, 4), nonzero(rng, -5, 5)
    f = x * sp.exp(a * y) + b * y**2
    rows = [sp.exp(a * y), a * x * sp.exp(a * y) + 2 * b * y]
    return jacobian_question(
        [f], (x, y), rows,
        [([sp.exp(a * y), x * sp.exp(a * y) + 2 * b * y],
          rf"\(\frac{{\partial}}{{\partial y}} e^{{{tex(a * y)}}} = {a} e^{{{tex(a * y)}}}\): the chain rule's factor \({a}\) is missing."),
         ([rows[1], rows[0]], r"Keep the order \(x, y\): the first entry is \(\partial f/\partial x\).")],
        prompt=_grad_prompt(f, (x, y)),
        hints=[PARTIAL, r"For \(\partial f / \partial y\), \(x\) is a constant factor; use the chain rule on the exponential."],
        worked=[rf"\(\frac{{\partial f}}{{\partial x}} = {tex(rows[0])}\): \(x\) times a constant.",
                rf"\(\frac{{\partial f}}{{\partial y}} = {tex(rows[1])}\) (chain rule on \(e^{{{tex(a * y)}}}\)).",
                rf"So \(J = {matrix_tex(rows)}\)."],
    )


def gradient_at_point(rng):
    """J of f(x, y, z) = x^2 y + a y z^2 at a point: a vector of numbers."""
    a = nonzero(rng, -3, 3, not_one=False)
    p = [nonzero(rng, -2, 2, not_one=False) for _ in range(3)]
    f = x**2 * y + a * y * z**2
    general = [2 * x * y, x**2 + a * z**2, 2 * a * y * z]
    at = dict(zip((x, y, z), p))
    rows = [sp.Integer(g.subs(at)) for g in general]
    require(len(set(rows)) == 3, "repeated entries hide an order slip")
    return jacobian_question(
        [f], (x, y, z), rows,
        [([rows[1], rows[0], rows[2]], r"Keep the order \(x, y, z\): the first entry is \(\partial f/\partial x\)."),
         ([rows[0], p[0]**2 + a * p[2], rows[2]],
          r"In \(\partial f / \partial y\), the \(z^2\) stays squared: substitute \(z\) into \(z^2\).")],
        prompt=_grad_prompt(f, (x, y, z), at=p),
        hints=[PARTIAL + " First find J in general, then substitute the point.",
               rf"\(J = {matrix_tex(general)}\) in general."],
        worked=[rf"\(J = {matrix_tex(general)}\).",
                rf"At \(({p[0]}, {p[1]}, {p[2]})\): \(J = {matrix_tex(rows)}\)."],
        at=p,
    )


def _matrix_prompt(functions, names, symbols, intro=""):
    lines = r" \\ ".join(rf"{n}({', '.join(str(s) if s is not theta else chr(92) + 'theta' for s in symbols)}) &= {tex(f)}"
                         for n, f in zip(names, functions))
    return (f"{intro} Find the Jacobian matrix (one row per output) of "
            rf"\[\begin{{aligned}} {lines} \end{{aligned}}\]").strip()


def linear_map(rng):
    """J of a linear map u = a x + b y, v = c x + d y: its matrix."""
    while True:
        a, b, c, d = (nonzero(rng, -6, 6, not_one=False) for _ in range(4))
        if b != c and a * d - b * c != 0:
            break
    u, v = a * x + b * y, c * x + d * y
    rows = [[sp.Integer(a), sp.Integer(b)], [sp.Integer(c), sp.Integer(d)]]
    return jacobian_question(
        [u, v], (x, y), rows,
        [([[a, c], [b, d]], ROWS + " You have the transpose.")],
        prompt=_matrix_prompt([u, v], ["u", "v"], (x, y), "A linear function's Jacobian is its matrix."),
        hints=[ROWS, r"Row 1 is \(\left(\frac{\partial u}{\partial x}, \frac{\partial u}{\partial y}\right)\)."],
        worked=[rf"\(\frac{{\partial u}}{{\partial x}} = {a}\), \(\frac{{\partial u}}{{\partial y}} = {b}\).",
                rf"\(\frac{{\partial v}}{{\partial x}} = {c}\), \(\frac{{\partial v}}{{\partial y}} = {d}\).",
                rf"So \(J = {matrix_tex(rows)}\): the coefficients, row by row."],
    )


def nonlinear_map(rng):
    """J of u = a x^2 + b y^2, v = k x y."""
    a, b, k = nonzero(rng, -4, 4, not_one=False), nonzero(rng, -4, 4, not_one=False), nonzero(rng, -5, 5)
    u, v = a * x**2 + b * y**2, k * x * y
    rows = [[2 * a * x, 2 * b * y], [k * y, k * x]]
    return jacobian_question(
        [u, v], (x, y), rows,
        [([[2 * a * x, k * y], [2 * b * y, k * x]], ROWS + " You have the transpose."),
         ([[2 * a * x, 2 * b * y], [k * x, k * y]], r"\(\frac{\partial}{\partial x}(x y) = y\): hold \(y\) constant.")],
        prompt=_matrix_prompt([u, v], ["u", "v"], (x, y)),
        hints=[ROWS, PARTIAL],
        worked=[rf"Row 1: \(\frac{{\partial u}}{{\partial x}} = {tex(rows[0][0])}\), \(\frac{{\partial u}}{{\partial y}} = {tex(rows[0][1])}\).",
                rf"Row 2: \(\frac{{\partial v}}{{\partial x}} = {tex(rows[1][0])}\), \(\frac{{\partial v}}{{\partial y}} = {tex(rows[1][1])}\).",
                rf"So \(J = {matrix_tex(rows)}\)."],
    )


def polar(rng):
    """J of (x, y) = (a r cos(theta), b r sin(theta)): the lesson's polar example."""
    a, b = rng.randint(1, 4), rng.randint(1, 4)
    X, Y = a * r * sp.cos(theta), b * r * sp.sin(theta)
    rows = [[a * sp.cos(theta), -a * r * sp.sin(theta)], [b * sp.sin(theta), b * r * sp.cos(theta)]]
    intro = ("Polar coordinates" if a == b == 1 else "Stretched polar coordinates") + \
        r" map \((r, \theta)\) to a point \((x, y)\)."
    return jacobian_question(
        [X, Y], (r, theta), rows,
        [([[a * sp.cos(theta), a * r * sp.sin(theta)], [b * sp.sin(theta), b * r * sp.cos(theta)]],
          r"Sign slip: \(\frac{\partial}{\partial \theta} \cos\theta = -\sin\theta\)."),
         ([[a * sp.cos(theta), b * sp.sin(theta)], [-a * r * sp.sin(theta), b * r * sp.cos(theta)]],
          ROWS + " You have the transpose.")],
        prompt=_matrix_prompt([X, Y], ["x", "y"], (r, theta), intro)
        + r" Order the columns \(r\), then \(\theta\). (Type \(\theta\) as theta.)",
        hints=[ROWS + r" Columns: \(\partial/\partial r\), then \(\partial/\partial\theta\).",
               r"For \(\partial/\partial r\), \(\theta\) is a constant, and the other way round."],
        worked=[rf"\(\frac{{\partial x}}{{\partial r}} = {tex(rows[0][0])}\), \(\frac{{\partial x}}{{\partial \theta}} = {tex(rows[0][1])}\).",
                rf"\(\frac{{\partial y}}{{\partial r}} = {tex(rows[1][0])}\), \(\frac{{\partial y}}{{\partial \theta}} = {tex(rows[1][1])}\).",
                rf"So \(J = {matrix_tex(rows)}\), with determinant \({tex(sp.simplify(a * b * r))}\)."],
    )


def three_to_two(rng):
    """J of u = a x y + z^2, v = e^x sin(b y): a 2 x 3 matrix."""
    a, b = nonzero(rng, -4, 4), rng.randint(2, 4)
    u, v = a * x * y + z**2, sp.exp(x) * sp.sin(b * y)
    rows = [[a * y, a * x, 2 * z], [sp.exp(x) * sp.sin(b * y), b * sp.exp(x) * sp.cos(b * y), sp.Integer(0)]]
    return jacobian_question(
        [u, v], (x, y, z), rows,
        [([[a * y, a * x, 2 * z], [sp.exp(x) * sp.sin(b * y), sp.exp(x) * sp.cos(b * y), 0]],
          rf"\(\frac{{\partial}}{{\partial y}} \sin({tex(b * y)}) = {b}\cos({tex(b * y)})\): the chain rule's factor is missing."),
         ([[a * y, a * x, 2 * z], [sp.exp(x) * sp.sin(b * y), b * sp.exp(x) * sp.cos(b * y), sp.exp(x) * sp.sin(b * y)]],
          r"\(v\) does not depend on \(z\), so \(\partial v / \partial z = 0\).")],
        prompt=_matrix_prompt([u, v], ["u", "v"], (x, y, z), "Two outputs, three inputs: a 2 by 3 matrix."),
        hints=[ROWS + r" Columns: \(x, y, z\).", PARTIAL + " A variable that does not appear gives 0."],
        worked=[rf"Row 1: \({tex(rows[0][0])}, {tex(rows[0][1])}, {tex(rows[0][2])}\).",
                rf"Row 2: \({tex(rows[1][0])}\), \({tex(rows[1][1])}\) (chain rule), and \(0\).",
                rf"So \(J = {matrix_tex(rows)}\)."],
    )


TEMPLATES = [gradient_polynomial, gradient_exponential, gradient_at_point, linear_map,
             nonlinear_map, polar, three_to_two]
TEMPLATES += [downhill_arrow]  # visual (issue 13): appended, never reordered
