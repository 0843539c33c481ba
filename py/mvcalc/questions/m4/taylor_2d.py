"""The 2D Taylor series: the gradient J and Hessian H at a point, the tangent plane, the
second-order expansion f + J dx + ½ dxᵀ H dx, and an estimate from it. Partial derivatives
are written out by hand per template; the tests recompute them with sympy."""
from __future__ import annotations

import dataclasses

import sympy as sp

from mvcalc.questions.builders import require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m2.jacobian import jacobian_question
from mvcalc.questions.m4.common import expression_question, numeric_question
from mvcalc.questions.precision import figures_to_tell_apart
from mvcalc.questions.printing import learner, matrix_tex, number, terms, tex, x, y

EXPANSION = (r"\(f(\mathbf{x} + \Delta\mathbf{x}) \approx f + J\Delta\mathbf{x} + \frac{1}{2}\Delta\mathbf{x}^T H"
             r"\Delta\mathbf{x}\), which written out is \(f + f_x\Delta x + f_y\Delta y + \frac{1}{2}\left(f_{xx}\Delta x^2"
             r" + 2f_{xy}\Delta x\Delta y + f_{yy}\Delta y^2\right)\).")
HALF = r"The second-order terms carry a \(\frac{1}{2}\) (the \(2!\) of the one-variable series)."
CROSS = r"The cross term is \(f_{xy}\,\Delta x\,\Delta y\) in full: \(\frac{1}{2}\cdot 2 f_{xy}\), since \(f_{xy}\) and \(f_{yx}\) both appear in \(\Delta\mathbf{x}^T H\Delta\mathbf{x}\)."


def _point_tex(p, q):
    return rf"({tex(p)}, {tex(q)})"


def gradient_at_point(rng):
    """J of f = a x² y + b y² + c x at (p, q): numbers."""
    a, b, c = nonzero(rng, -3, 3, not_one=False), nonzero(rng, -3, 3, not_one=False), nonzero(rng, -4, 4)
    p, q = nonzero(rng, -2, 2, not_one=False), nonzero(rng, -2, 2, not_one=False)
    f = a * x**2 * y + b * y**2 + c * x
    fx, fy = 2 * a * x * y + c, a * x**2 + 2 * b * y
    at = {x: p, y: q}
    row = [sp.Integer(fx.subs(at)), sp.Integer(fy.subs(at))]
    question = jacobian_question(
        [f], (x, y), row,
        [([row[1], row[0]], r"Keep the order: \(J = (f_x, f_y)\)."),
         ([sp.Integer((2 * a * x * y).subs(at)), row[1]], rf"\(\frac{{\partial}}{{\partial x}}\) of \({tex(c * x)}\) is \({c}\): keep it.")],
        prompt=rf"The first-order terms of a 2D Taylor series use the Jacobian. Find \(J = \begin{{pmatrix}} f_x & f_y "
               rf"\end{{pmatrix}}\) at \({_point_tex(p, q)}\) for \[f(x, y) = {tex(f)}.\]",
        hints=[r"Differentiate with respect to \(x\) holding \(y\) constant, and the other way round.",
               rf"\(f_x = {tex(fx)}\) and \(f_y = {tex(fy)}\) in general; now substitute the point."],
        worked=[rf"\(f_x = {tex(fx)}\), \(f_y = {tex(fy)}\).",
                rf"At \({_point_tex(p, q)}\): \(J = {matrix_tex(row)}\)."],
        at=[p, q])
    return dataclasses.replace(question, data={**question.data, "kind": "gradient"})


def hessian_general(rng):
    """H of f = a x³ y² + b x y (in general)."""
    a, b = nonzero(rng, -3, 3, not_one=False), nonzero(rng, -4, 4)
    m, n = rng.choice([(3, 2), (2, 3), (2, 2)])
    f = a * x**m * y**n + b * x * y
    fxx = a * m * (m - 1) * x**(m - 2) * y**n
    fxy = a * m * n * x**(m - 1) * y**(n - 1) + b
    fyy = a * n * (n - 1) * x**m * y**(n - 2)
    rows = [[fxx, fxy], [fxy, fyy]]
    question = jacobian_question(
        [f], (x, y), rows,
        [([[fxx, fxy - b], [fxy - b, fyy]],
          rf"\(\frac{{\partial^2}}{{\partial x\,\partial y}}({tex(b * x * y)}) = {b}\): the mixed derivative keeps it."),
         ([[fxx, 0], [0, fyy]], r"The off-diagonal entries are the mixed derivative \(f_{xy}\), which is not 0 here.")],
        prompt=rf"The second-order terms of a 2D Taylor series use the Hessian \(H = \begin{{pmatrix}} f_{{xx}} & f_{{xy}} "
               rf"\\ f_{{yx}} & f_{{yy}} \end{{pmatrix}}\). Find \(H\) for \[f(x, y) = {tex(f)}.\]",
        hints=[r"First find \(f_x\) and \(f_y\); then differentiate each of them again, by \(x\) and by \(y\).",
               r"\(f_{xy} = f_{yx}\): the matrix is symmetric."],
        worked=[rf"\(f_x = {tex(sp.expand(a * m * x**(m - 1) * y**n + b * y))}\), "
                rf"\(f_y = {tex(sp.expand(a * n * x**m * y**(n - 1) + b * x))}\).",
                rf"\(H = {matrix_tex(rows)}\)."])
    return dataclasses.replace(question, data={**question.data, "kind": "hessian"})


def tangent_plane(rng):
    """The first-order expansion (tangent plane) of f = x² + a x y + b y³ about (p, q)."""
    a, b = nonzero(rng, -3, 3, not_one=False), nonzero(rng, -2, 2, not_one=False)
    p, q = nonzero(rng, -2, 2, not_one=False), nonzero(rng, -2, 2, not_one=False)
    f = x**2 + a * x * y + b * y**3
    at = {x: p, y: q}
    f0 = f.subs(at)
    fx, fy = (2 * x + a * y).subs(at), (a * x + 3 * b * y**2).subs(at)
    answer = f0 + fx * (x - p) + fy * (y - q)
    return expression_question(
        answer,
        [(f0 + fx * x + fy * y, r"Use the steps \(\Delta x = x - x_0\) and \(\Delta y = y - y_0\), not \(x\) and \(y\)."),
         (f0 + fy * (x - p) + fx * (y - q), r"\(f_x\) goes with \(\Delta x\) and \(f_y\) with \(\Delta y\).")],
        prompt=rf"Find the first-order Taylor expansion (the tangent plane) of \[f(x, y) = {tex(f)}\] about "
               rf"\({_point_tex(p, q)}\), as a function of \(x\) and \(y\).",
        hints=[r"\(f + f_x\,(x - x_0) + f_y\,(y - y_0)\), with everything evaluated at the point.",
               rf"\(f_x = {tex(2 * x + a * y)}\), \(f_y = {tex(a * x + 3 * b * y**2)}\)."],
        worked=[rf"At \({_point_tex(p, q)}\): \(f = {f0}\), \(f_x = {fx}\), \(f_y = {fy}\).",
                rf"Tangent plane: \({tex(answer)}\)."],
        data={"f": learner(f), "at": [p, q], "order": 1, "kind": "taylor2d"}, variables=(x, y))


def second_order_at_origin(rng):
    """The second-order expansion of e^(a x) cos(b y) or e^(a x + b y) about (0, 0)."""
    a, b = nonzero(rng, -2, 2, not_one=False), nonzero(rng, -2, 2, not_one=False)
    case = rng.choice(["cos", "exp"])
    if case == "cos":
        f = sp.exp(a * x) * sp.cos(b * y)
        J, H = (a, 0), ((a * a, 0), (0, -b * b))
    else:
        f = sp.exp(a * x + b * y)
        J, H = (a, b), ((a * a, a * b), (a * b, b * b))
    answer = 1 + J[0] * x + J[1] * y + sp.Rational(1, 2) * (H[0][0] * x**2 + 2 * H[0][1] * x * y + H[1][1] * y**2)
    wrong = [(1 + J[0] * x + J[1] * y + H[0][0] * x**2 + 2 * H[0][1] * x * y + H[1][1] * y**2, HALF),
             (1 + J[0] * x + J[1] * y, "That is only the tangent plane: second order adds the Hessian's terms.")]
    if H[0][1] != 0:
        wrong.append((1 + J[0] * x + J[1] * y + sp.Rational(1, 2) * (H[0][0] * x**2 + H[0][1] * x * y + H[1][1] * y**2),
                      CROSS))
    return expression_question(
        answer, wrong,
        prompt=rf"Find the second-order Taylor expansion of \[f(x, y) = {tex(f)}\] about \((0, 0)\).",
        hints=[EXPANSION, r"At the origin \(\Delta x = x\) and \(\Delta y = y\)."],
        worked=[rf"At \((0, 0)\): \(f = 1\), \(J = {matrix_tex(list(J))}\), \(H = {matrix_tex([list(r) for r in H])}\).",
                rf"\(f \approx {terms(1, J[0] * x, J[1] * y)} + \frac{{1}}{{2}}\left({tex(H[0][0] * x**2 + 2 * H[0][1] * x * y + H[1][1] * y**2)}\right)\)",
                rf"\(= {tex(sp.expand(answer))}\)."],
        data={"f": learner(f), "at": [0, 0], "order": 2, "kind": "taylor2d"}, variables=(x, y))


def estimate_distance(rng):
    """Estimate sqrt(x² + y²) near a 3-4-5 style point with the tangent plane."""
    p, q, r = rng.choice([(3, 4, 5), (6, 8, 10), (5, 12, 13), (8, 6, 10)])
    dx = rng.choice([sp.Rational(1, 10), sp.Rational(-1, 10), sp.Rational(1, 5)])
    dy = rng.choice([sp.Rational(1, 10), sp.Rational(-1, 10), sp.Rational(-1, 5)])
    f = sp.sqrt(x**2 + y**2)
    value = r + sp.Rational(p, r) * dx + sp.Rational(q, r) * dy
    true = f.subs({x: p + dx, y: q + dy})
    precision = figures_to_tell_apart(value, [true])
    require(precision is not None, "the estimate is the exact value to 6 figures")
    return numeric_question(
        value,
        [(true, "That is the exact value of \\(f\\) there (a calculator's answer); the question asks for the "
                "tangent-plane estimate."),
         (r + sp.Rational(q, r) * dx + sp.Rational(p, r) * dy, r"\(f_x = x/\sqrt{x^2 + y^2}\) goes with \(\Delta x\)."),
         (r + dx + dy, r"The partial derivatives are \(x/r\) and \(y/r\), not 1.")],
        prompt=rf"Use the tangent plane of \(f(x, y) = \sqrt{{x^2 + y^2}}\) at \(({p}, {q})\), where \(f = {r}\), to "
               rf"estimate \(f({tex(p + dx)}, {tex(q + dy)})\). Give your answer to {{precision}}.",
        hints=[r"\(f_x = \frac{x}{\sqrt{x^2 + y^2}}\) and \(f_y = \frac{y}{\sqrt{x^2 + y^2}}\).",
               rf"\(\Delta x = {tex(dx)}\), \(\Delta y = {tex(dy)}\)."],
        worked=[rf"At \(({p}, {q})\): \(J = \left(\frac{{{p}}}{{{r}}}, \frac{{{q}}}{{{r}}}\right)\).",
                rf"\(f \approx {r} + \frac{{{p}}}{{{r}}}({tex(dx)}) + \frac{{{q}}}{{{r}}}({tex(dy)}) = {number(float(value), 8)}\).",
                rf"(The exact value is \({number(float(true), 8)}\).)"],
        data={"f": learner(f), "at": [p, q], "order": 1, "kind": "approx2d", "to": [learner(p + dx), learner(q + dy)]},
        precision=precision)


TEMPLATES = [gradient_at_point, hessian_general, tangent_plane, second_order_at_origin, estimate_distance]
