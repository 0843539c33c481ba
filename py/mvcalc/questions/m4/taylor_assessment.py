"""A Taylor assessment: one question from each idea of the module, a step harder than the
practice sets (a coefficient about a ≠ 0, a series about π, an error's scaling, a Hessian at
a point, a full second-order expansion about a point other than the origin)."""
from __future__ import annotations

import dataclasses
import math

import sympy as sp

from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m2.jacobian import jacobian_question
from mvcalc.questions.m4.common import (FACTORIAL, FORGOT_FACTORIAL, POWERS_OF_X, TAYLOR, expression_question,
                                        numeric_question, powers_of_x, taylor, taylor_tex, terms_tex,
                                        without_factorials)
from mvcalc.questions.m4.taylor_2d import CROSS, EXPANSION, HALF
from mvcalc.questions.printing import learner, matrix_tex, shifted, terms, tex, x, y


def coefficient_about_a(rng):
    """The coefficient of (x − a)ⁿ in the Taylor series of c e^(kx) about a: c kⁿ e^(ka)/n!."""
    k = rng.choice([1, 2])
    a = rng.choice([1, -1, 2])
    n = rng.choice([2, 3, 4])
    c = rng.choice([1, 3])
    f = c * sp.exp(k * x)
    value = c * k**n * sp.exp(k * a) / sp.factorial(n)
    return numeric_question(
        value,
        [(value * sp.factorial(n), FORGOT_FACTORIAL),
         (c * k**n / sp.factorial(n), rf"About \(a = {a}\) the derivatives are evaluated at \({a}\), not 0: "
                                      rf"a factor \({tex(sp.exp(k * a))}\) is missing.")],
        prompt=rf"What is the coefficient of \(({shifted('x', a)})^{{{n}}}\) in the Taylor series of \(f(x) = {tex(f)}\) about "
               rf"\(a = {a}\)? Give your answer to {{precision}}.",
        hints=[r"The coefficient of \((x - a)^n\) is \(\frac{f^{(n)}(a)}{n!}\).",
               rf"\(f^{{({n})}}(x) = {tex(c * k**n * sp.exp(k * x))}\)."],
        worked=[rf"\(f^{{({n})}}({a}) = {tex(c * k**n * sp.exp(k * a))}\).",
                rf"Divide by \({n}! = {math.factorial(n)}\): \({tex(value)} \approx {float(value):.5g}\)."],
        data={"f": learner(f), "about": str(a), "order": n, "power": n, "kind": "coefficient"})


def sine_about_pi(rng):
    """The degree-3 Taylor polynomial of A sin x (or A cos x) about π."""
    A = rng.choice([1, 2, -1])
    trig = rng.choice([sp.sin, sp.cos])
    f = A * trig(x)
    a = sp.pi
    cycle = ([sp.sin(a), sp.cos(a), -sp.sin(a), -sp.cos(a)] if trig is sp.sin
             else [sp.cos(a), -sp.sin(a), -sp.cos(a), sp.sin(a)])
    d = [A * v for v in cycle]
    answer = taylor(d, a)
    return expression_question(
        answer,
        [(powers_of_x(d, a), POWERS_OF_X),
         (without_factorials(d, a), FORGOT_FACTORIAL),
         (taylor([A * v for v in ([0, 1, 0, -1] if trig is sp.sin else [1, 0, -1, 0])], 0),
          r"That is the Maclaurin polynomial, about 0; here \(a = \pi\).")],
        prompt=rf"Find the Taylor polynomial of degree 3 of \(f(x) = {tex(f)}\) about \(a = \pi\). "
               r"(Type \(\pi\) as pi.)",
        hints=[TAYLOR, r"\(\sin\pi = 0\) and \(\cos\pi = -1\)."],
        worked=[", ".join(rf"\(f^{{({n})}}(\pi) = {tex(v)}\)" for n, v in enumerate(d)) + ".",
                rf"\(p_3(x) = {taylor_tex(d, a)}\)."],
        data={"f": learner(f), "about": "pi", "order": 3, "kind": "taylor"})


def error_scaling(rng):
    """By what factor does an error fall when dx is divided by k: k² (linearisation) or k (forward difference)?"""
    k = rng.choice([2, 3, 10, 4])
    which = rng.choice(["linearisation", "forward"])
    if which == "linearisation":
        value, other = k * k, k
        words = (r"The linearisation \(f(x) + f'(x)\,\Delta x\) of a smooth function (with \(f''(x) \ne 0\)) "
                 r"has an error of order \(\Delta x^2\).")
        feedback = r"That is the forward difference's factor: linearisation's error is \(O(\Delta x^2)\), so it falls by \(k^2\)."
    else:
        value, other = k, k * k
        words = (r"The forward difference \(\frac{f(x + \Delta x) - f(x)}{\Delta x}\) approximates \(f'(x)\) "
                 r"with an error of order \(\Delta x\).")
        feedback = r"Dividing by \(\Delta x\) lowers the error's order by one: the forward difference is only first-order accurate."
    return numeric_question(
        value, [(other, feedback)],
        prompt=words + rf" If \(\Delta x\) is made {k} times smaller, about how many times smaller does the error get?",
        hints=[r"An error of order \(\Delta x^p\) shrinks by \(k^p\) when \(\Delta x\) shrinks by \(k\).",
               r"\(f(x + \Delta x) = f(x) + f'(x)\Delta x + \frac{f''(x)}{2}\Delta x^2 + \cdots\)"],
        worked=[r"The first term dropped is \(\frac{f''(x)}{2}\Delta x^2\); dividing by \(\Delta x\) for the forward "
                r"difference leaves \(\frac{f''(x)}{2}\Delta x\).",
                rf"So the error falls by \({k}^{2 if which == 'linearisation' else 1} = {value}\)."],
        data={"kind": "error-scaling", "method": which, "factor": k})


def hessian_at_point(rng):
    """H of f = e^(a x y) or sin(a x + b y) at a point."""
    a = nonzero(rng, -2, 2, not_one=False)
    b = nonzero(rng, -2, 2, not_one=False)
    case = rng.choice(["exp", "sin"])
    if case == "exp":
        f = sp.exp(a * x * y)
        general = [[a**2 * y**2 * sp.exp(a * x * y), (a + a**2 * x * y) * sp.exp(a * x * y)],
                   [(a + a**2 * x * y) * sp.exp(a * x * y), a**2 * x**2 * sp.exp(a * x * y)]]
        p, q = rng.choice([(0, 1), (1, 0), (0, 2), (2, 0)])
    else:
        f = sp.sin(a * x + b * y)
        s = -sp.sin(a * x + b * y)
        general = [[a * a * s, a * b * s], [a * b * s, b * b * s]]
        p, q = rng.choice([(sp.pi / (2 * a), 0), (0, sp.pi / (2 * b))])
    at = {x: p, y: q}
    rows = [[sp.simplify(e.subs(at)) for e in row] for row in general]
    wrong = [([[rows[0][0], 0], [0, rows[1][1]]], r"The mixed derivative \(f_{xy}\) is not 0 here.")]
    if case == "exp":
        wrong.append(([[rows[0][0], sp.simplify((a**2 * x * y * sp.exp(a * x * y)).subs(at))],
                       [sp.simplify((a**2 * x * y * sp.exp(a * x * y)).subs(at)), rows[1][1]]],
                      rf"\(f_{{xy}}\) needs the product rule: \(\frac{{\partial}}{{\partial y}}\left({tex(a * y)}e^{{{tex(a * x * y)}}}\right) = "
                      rf"{tex(a)}e^{{{tex(a * x * y)}}} + {tex(a * a * x * y)}e^{{{tex(a * x * y)}}}\)."))
    question = jacobian_question(
        [f], (x, y), rows, wrong,
        prompt=rf"Find the Hessian \(H\) of \(f(x, y) = {tex(f)}\) at the point \(({tex(p)}, {tex(q)})\).",
        hints=[r"Find the general second derivatives first, then substitute.",
               r"The mixed derivative \(f_{xy}\) may need the product rule."],
        worked=[rf"In general \(H = {matrix_tex(general)}\).",
                rf"At \(({tex(p)}, {tex(q)})\): \(H = {matrix_tex(rows)}\)."],
        at=[float(p), float(q)])
    return dataclasses.replace(question, data={**question.data, "kind": "hessian"})


def second_order_about_point(rng):
    """The second-order expansion of f = x² y + c e^y ... about (p, 0) (the lesson's example, varied)."""
    p = rng.choice([1, 2, -1])
    c = rng.choice([1, 2, 3])
    f = x**2 * y + c * sp.exp(y)
    f0 = c
    J = (0, p * p + c)
    H = ((0, 2 * p), (2 * p, c))
    dx, dy = x - p, y
    # f + J·Δ + ½(f_xx Δx² + 2 f_xy Δx Δy + f_yy Δy²), with f_xx = 0 at y = 0
    answer = f0 + J[1] * dy + H[0][1] * dx * dy + sp.Rational(1, 2) * H[1][1] * dy**2
    return expression_question(
        answer,
        [(f0 + J[1] * dy + 2 * H[0][1] * dx * dy + H[1][1] * dy**2, HALF),
         (f0 + J[1] * dy + sp.Rational(1, 2) * (H[0][1] * dx * dy + H[1][1] * dy**2), CROSS),
         (f0 + J[1] * y + H[0][1] * x * y + sp.Rational(1, 2) * H[1][1] * y**2,
          rf"Use \(\Delta x = {shifted('x', p)}\), not \(x\).")],
        prompt=rf"Find the second-order Taylor expansion of \[f(x, y) = {tex(f)}\] about \(({p}, 0)\).",
        hints=[EXPANSION, rf"\(J = (2xy,\ x^2 + {tex(c * sp.exp(y))})\) and \(H = \begin{{pmatrix}} 2y & 2x \\ 2x & {tex(c * sp.exp(y))} \end{{pmatrix}}\)."],
        worked=[rf"At \(({p}, 0)\): \(f = {f0}\), \(J = {matrix_tex(list(J))}\), \(H = {matrix_tex([list(r) for r in H])}\).",
                rf"With \(\Delta x = {shifted('x', p)}\) and \(\Delta y = y\): \(f \approx "
                rf"{terms(f0, J[1] * dy, sp.Mul(H[0][1], dx, dy, evaluate=False), sp.Rational(1, 2) * H[1][1] * dy**2)}\)."],
        data={"f": learner(f), "at": [p, 0], "order": 2, "kind": "taylor2d"}, variables=(x, y))


TEMPLATES = [coefficient_about_a, sine_about_pi, error_scaling, hessian_at_point, second_order_about_point]
