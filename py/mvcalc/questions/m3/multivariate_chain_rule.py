"""The multivariate chain rule: df/dt through intermediate variables, and as a
product of Jacobians.

From the lesson's own example (f(x, y) through x(t), y(t)) up to a chain of two
Jacobian matrices.  Named slips: a path term left out, the partials multiplied
without the dx/dt factors, the matrices multiplied in the wrong order.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import numeric_question, require
from mvcalc.questions.compare import misconceptions
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m3.chain_rule_ideas import IDEAS
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.printing import learner, matrix_learner, matrix_tex, number, tex

t, x, y, z = sp.symbols("t x y z")
RULE = (r"The multivariate chain rule: \(\frac{df}{dt} = \frac{\partial f}{\partial x}\frac{dx}{dt} "
        r"+ \frac{\partial f}{\partial y}\frac{dy}{dt}\), one term for each path from \(t\) to \(f\).")
T_HINT = "Type e.g. 3t^2 cos(t) + e^(2t): ^ for powers, e^(...) for exponentials."
MATRIX_HINT = "Type the matrix row by row, e.g. [[2, -1], [0, 3]]."


def _path_question(f, paths, intro, hints_extra, wrong_extra=()):
    """df/dt (an expression in t) for f of the variables in ``paths`` (var -> x(t))."""
    sub = dict(paths)
    partials = [sp.diff(f, v) for v in paths]
    rates = [sp.diff(p, t) for p in paths.values()]
    answer = sp.expand(sum(pd.subs(sub) * r for pd, r in zip(partials, rates)))
    names = list(paths)
    wrong = [(partials[0].subs(sub) * rates[0], rf"That is only the path through \({names[0]}\): "
              rf"\(f\) depends on \(t\) through \({names[1]}\) too; add \(\frac{{\partial f}}{{\partial {names[1]}}}"
              rf"\frac{{d{names[1]}}}{{dt}}\)."),
             (partials[1].subs(sub) * rates[1], rf"That is only the path through \({names[1]}\): "
              rf"add the term through \({names[0]}\)."),
             (sum(pd.subs(sub) for pd in partials), r"Each partial derivative must be multiplied by its "
              r"variable's rate of change, \(dx/dt\) or \(dy/dt\)."),
             *wrong_extra]
    path_tex = r",\quad ".join(rf"{v} = {tex(p)}" for v, p in paths.items())
    worked = [rf"\(\frac{{\partial f}}{{\partial {v}}} = {tex(pd)}\), \(\frac{{d{v}}}{{dt}} = {tex(r)}\)."
              for v, pd, r in zip(names, partials, rates)]
    worked.append(r"Multiply each pair, substitute the path, and add: \(\frac{df}{dt} = "
                  + " + ".join(rf"\left({tex(pd.subs(sub))}\right)\left({tex(r)}\right)"
                               for pd, r in zip(partials, rates)) + "\\)")
    worked.append(rf"\(= {tex(answer)}\).")
    return Question(
        kind="expression",
        prompt=(f"{intro} Find \\(\\dfrac{{df}}{{dt}}\\) as a function of \\(t\\) for "
                f"\\[f({', '.join(str(v) for v in names)}) = {tex(f)},\\qquad {path_tex}.\\]"),
        solution=learner(answer),
        hints=[RULE, *hints_extra],
        worked=worked,
        misconceptions=misconceptions(answer, wrong, (t,)),
        answer_hint=T_HINT,
        variables=("t",),
        data={"f": learner(f), "paths": {str(v): learner(p) for v, p in paths.items()}},
    )


def polynomial_path(rng):
    """f = a x^2 y along x = t^2 (or so), y = c t: the lesson's first example."""
    a = nonzero(rng, -4, 4, not_one=False)
    m, c = rng.choice([2, 3]), nonzero(rng, -3, 3, not_one=False)
    f = a * x**2 * y
    return _path_question(
        f, {x: t**m, y: c * t},
        "Here \\(f\\) depends on \\(t\\) only through \\(x\\) and \\(y\\).",
        [rf"\(\frac{{\partial f}}{{\partial x}} = {tex(sp.diff(f, x))}\) and "
         rf"\(\frac{{\partial f}}{{\partial y}} = {tex(sp.diff(f, y))}\)."],
        wrong_extra=[])


def trig_path(rng):
    """f = x y + b y^2 along the circle x = cos t, y = sin t."""
    b = nonzero(rng, -3, 3, not_one=False)
    r = rng.choice([1, 2, 3])
    f = x * y + b * y**2
    return _path_question(
        f, {x: r * sp.cos(t), y: r * sp.sin(t)},
        "A point goes round a circle, and \\(f\\) is measured where it is.",
        [r"\(\frac{d}{dt}\cos t = -\sin t\) and \(\frac{d}{dt}\sin t = \cos t\)."])


def exponential_path(rng):
    """f = e^(a x) + x y with x = k t, y = t^2: a chain factor inside a partial."""
    a, k = nonzero(rng, -3, 3), nonzero(rng, -3, 3)
    f = sp.exp(a * x) + x * y
    return _path_question(
        f, {x: k * t, y: t**2},
        "One partial derivative needs the ordinary chain rule as well.",
        [rf"\(\frac{{\partial}}{{\partial x}} e^{{{tex(a * x)}}} = {a} e^{{{tex(a * x)}}}\)."],
        wrong_extra=[((sp.exp(a * k * t) + t**2) * k + (k * t) * 2 * t,
                      rf"\(\frac{{\partial}}{{\partial x}} e^{{{tex(a * x)}}}\) has a factor \({a}\) from the chain rule.")])


def value_at_point(rng):
    """df/dt at t = t0 for f(x, y, z) along a path: a number."""
    a = nonzero(rng, -3, 3, not_one=False)
    t0 = rng.choice([1, 2, -1])
    paths = {x: t + 1, y: t**2, z: nonzero(rng, -3, 3) * t}
    f = x * y + a * z**2
    sub = dict(paths)
    partials = [sp.diff(f, v) for v in paths]
    rates = [sp.diff(p, t) for p in paths.values()]
    total = sum(pd.subs(sub) * r for pd, r in zip(partials, rates))
    value = total.subs(t, t0)
    at = {t: t0}
    point = [p.subs(at) for p in paths.values()]
    pd_vals = [pd.subs(sub).subs(at) for pd in partials]
    rate_vals = [r.subs(at) for r in rates]
    require(value != 0 and sum(pd_vals) != value)
    wrong = [(sum(pd_vals),
              r"You added the partial derivatives: each must be multiplied by its variable's rate "
              r"\(dx/dt\), \(dy/dt\), \(dz/dt\) first."),
             (f.subs(dict(zip(paths, point))),
              r"That is the value of \(f\) at \(t = %d\), not its rate of change." % t0)]
    return numeric_question(
        (r"Three intermediate variables. Find \(\dfrac{df}{dt}\) at \(t = %d\) for "
         r"\[f(x, y, z) = %s,\qquad x = %s,\; y = %s,\; z = %s.\]"
         % (t0, tex(f), *(tex(p) for p in paths.values()))),
        value,
        hints=[r"\(\frac{df}{dt} = \frac{\partial f}{\partial x}\frac{dx}{dt} + \frac{\partial f}{\partial y}"
               r"\frac{dy}{dt} + \frac{\partial f}{\partial z}\frac{dz}{dt}\): the Jacobian of \(f\) times "
               r"the vector of rates.",
               rf"At \(t = {t0}\) the point is \((x, y, z) = ({', '.join(str(p) for p in point)})\)."],
        worked=[rf"At \(t = {t0}\): \((x, y, z) = ({', '.join(str(p) for p in point)})\).",
                rf"\(J_f = {matrix_tex(partials)} = {matrix_tex(pd_vals)}\) there.",
                rf"\(\frac{{d\mathbf{{x}}}}{{dt}} = {matrix_tex([[r] for r in rates])} = "
                rf"{matrix_tex([[r] for r in rate_vals])}\).",
                rf"\(\frac{{df}}{{dt}} = {' + '.join(f'({p})({r})' for p, r in zip(pd_vals, rate_vals))} = {value}\)."],
        wrong=wrong,
        data={"f": learner(f), "paths": {str(v): learner(p) for v, p in paths.items()}, "at": t0},
    )


def _int_matrix(rng, rows, cols):
    return [[rng.randint(-3, 3) for _ in range(cols)] for _ in range(rows)]


def jacobian_product(rng):
    """d(f(g(u)))/du = J_f J_g for 2x2 Jacobians at a point: a matrix product."""
    A, B = _int_matrix(rng, 2, 2), _int_matrix(rng, 2, 2)
    MA, MB = sp.Matrix(A), sp.Matrix(B)
    product, swapped = MA * MB, MB * MA
    require(product != swapped and all(any(v != 0 for v in row) for row in A + B))
    rows = product.tolist()
    wrong = [(swapped.tolist(), r"Order matters: the chain rule is \(J_{\mathbf f}\,J_{\mathbf g}\), the outer "
              r"function's Jacobian on the left, as in \(\frac{\partial \mathbf f}{\partial \mathbf x}"
              r"\frac{\partial \mathbf x}{\partial \mathbf u}\)."),
             ((MA.multiply_elementwise(MB)).tolist(), "Matrices multiply row by column, not entry by entry.")]
    kept = [(w, fb) for w, fb in wrong if w != rows]
    return Question(
        kind="matrix",
        prompt=(r"A function of functions: \(\mathbf f(\mathbf x)\) with \(\mathbf x = \mathbf g(\mathbf u)\), "
                r"\(\mathbf u = (u_1, u_2)\). At the point of interest, "
                rf"\[J_{{\mathbf f}} = \frac{{\partial \mathbf f}}{{\partial \mathbf x}} = {matrix_tex(A)},\qquad "
                rf"J_{{\mathbf g}} = \frac{{\partial \mathbf x}}{{\partial \mathbf u}} = {matrix_tex(B)}.\] "
                r"Find the Jacobian \(\dfrac{\partial \mathbf f}{\partial \mathbf u}\) there."),
        solution=matrix_learner(rows),
        hints=[r"The chain rule for vector functions is a product of Jacobians: "
               r"\(\frac{\partial \mathbf f}{\partial \mathbf u} = \frac{\partial \mathbf f}{\partial \mathbf x}"
               r"\frac{\partial \mathbf x}{\partial \mathbf u}\).",
               "Entry (i, j) of a product is row i of the left matrix times column j of the right one."],
        worked=[rf"\(\frac{{\partial \mathbf f}}{{\partial \mathbf u}} = J_{{\mathbf f}} J_{{\mathbf g}} = "
                rf"{matrix_tex(A)}{matrix_tex(B)}\).",
                rf"Entry (1, 1): \(({A[0][0]})({B[0][0]}) + ({A[0][1]})({B[1][0]}) = {rows[0][0]}\); the others likewise.",
                rf"\(= {matrix_tex(rows)}\)."],
        misconceptions=[Misconception(matrix_learner(w), fb) for w, fb in kept],
        answer_hint=MATRIX_HINT,
        variables=(),
        data={"A": A, "B": B},
    )


def three_link_chain(rng):
    """df/dt = J_f (1x2) J_x (2x2) du/dt (2x1): a number from three Jacobians."""
    jf = [rng.randint(-3, 3) for _ in range(2)]
    jx = _int_matrix(rng, 2, 2)
    du = [rng.randint(-2, 2) for _ in range(2)]
    value = (sp.Matrix([jf]) * sp.Matrix(jx) * sp.Matrix(du))[0]
    skip = (sp.Matrix([jf]) * sp.Matrix(du))[0]
    require(value != 0 and value != skip and any(jf) and any(du))
    mid = (sp.Matrix(jx) * sp.Matrix(du)).tolist()
    return numeric_question(
        (r"A chain \(t \to \mathbf u \to \mathbf x \to f\), with \(\mathbf u\) and \(\mathbf x\) "
         r"each two-dimensional. At one instant, "
         rf"\[\frac{{\partial f}}{{\partial \mathbf x}} = {matrix_tex(jf)},\quad "
         rf"\frac{{\partial \mathbf x}}{{\partial \mathbf u}} = {matrix_tex(jx)},\quad "
         rf"\frac{{d\mathbf u}}{{dt}} = {matrix_tex([[v] for v in du])}.\] "
         r"What is \(\dfrac{df}{dt}\)?"),
        value,
        hints=[r"\(\frac{df}{dt} = \frac{\partial f}{\partial \mathbf x}\frac{\partial \mathbf x}{\partial \mathbf u}"
               r"\frac{d\mathbf u}{dt}\): a row times a matrix times a column is a single number.",
               r"Work from the right: first \(\frac{\partial \mathbf x}{\partial \mathbf u}\frac{d\mathbf u}{dt}"
               r" = \frac{d\mathbf x}{dt}\)."],
        worked=[rf"\(\frac{{d\mathbf x}}{{dt}} = {matrix_tex(jx)}{matrix_tex([[v] for v in du])} = {matrix_tex(mid)}\).",
                rf"\(\frac{{df}}{{dt}} = {matrix_tex(jf)}{matrix_tex(mid)} = "
                rf"({jf[0]})({mid[0][0]}) + ({jf[1]})({mid[1][0]}) = {value}\)."],
        wrong=[(skip, r"The middle link is missing: \(\mathbf x\) depends on \(t\) through "
                      r"\(\mathbf u\), so \(\partial \mathbf x/\partial \mathbf u\) sits in between.")],
        data={"jf": jf, "jx": jx, "du": du},
    )


# new templates go at the end (progress is kept by position): the ideas in mvcalc.questions.m3.chain_rule_ideas
TEMPLATES = [polynomial_path, trig_path, exponential_path, value_at_point, jacobian_product, three_link_chain,
             *IDEAS]
