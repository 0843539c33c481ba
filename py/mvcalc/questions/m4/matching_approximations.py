"""Matching functions and approximations: which curve (or formula) is the Taylor
polynomial of f about a. Every distractor is a named slip: the factorial forgotten,
powers of x instead of (x − a), a sign, too few terms."""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import choice_question, distinct_curves, plot_of, require, shared_y_range
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m4.common import (FACTORIAL, FORGOT_FACTORIAL, POWERS_OF_X, POWERS_OF_X_MINUS_A, TAYLOR,
                                        about_text, powers_of_x, taylor, taylor_tex, terms_tex,
                                        without_factorials)
from mvcalc.questions.printing import coefficient, learner, tex, x

ORDER_WORDS = {1: "first-order (the tangent line)", 2: "second-order", 3: "third-order"}


def graph_options(f, about, order, answer, distractors, x_range, cap=8.0):
    exprs = [answer] + [d for d, _ in distractors]
    require(distinct_curves(exprs, x_range, min_gap=0.4), "two candidate curves look alike")
    y_range = shared_y_range(exprs + [f], x_range, cap)
    options = [{"plot": plot_of(answer, x_range, y_range), "value": learner(answer), "correct": True}]
    options += [{"plot": plot_of(d, x_range, y_range), "value": learner(d), "feedback": fb} for d, fb in distractors]
    return options, plot_of(f, x_range, y_range)


def _data(f, about, order, shape):
    return {"f": learner(f), "about": learner(about), "order": order, "kind": "taylor-choice", "shape": shape}


def exponential_second_order(rng):
    """Which graph is the second-order Maclaurin polynomial of e^(kx)? (the lesson's parabola)"""
    k = rng.choice([1, -1, sp.Rational(1, 2), sp.Rational(-1, 2), 2, -2])
    f = sp.exp(k * x)
    d = [1, k, k**2]
    answer = taylor(d, 0)
    options, figure = graph_options(f, 0, 2, answer, [
        (taylor(d[:2], 0), "That is only the tangent line (first order): it copies the value and the slope, "
                           "not the curvature."),
        (without_factorials(d, 0), FORGOT_FACTORIAL + rf" The \(x^2\) term is "
                                   rf"\(\frac{{f''(0)}}{{2!}}x^2 = {tex(sp.Rational(k)**2 / 2 * x**2)}\)."),
        (taylor([1, -k, k**2], 0), f"The slope at 0 is \\(f'(0) = {tex(k)}\\): this curve slopes the other way."),
    ], (-3, 3))
    return choice_question(
        rng, rf"The first graph shows \(f(x) = {tex(f)}\). Which graph is its second-order Taylor polynomial "
             r"about \(a = 0\)?", options, figure=figure,
        hints=[r"Find \(f(0)\), \(f'(0)\) and \(f''(0)\): the polynomial must match all three at \(x = 0\).",
               FACTORIAL],
        worked=[rf"\(f(0) = 1\), \(f'(0) = {tex(k)}\), \(f''(0) = {tex(k**2)}\).",
                rf"So \(p_2(x) = {terms_tex(d, 0)} = {tex(answer)}\).",
                "It passes through (0, 1) with the same slope and curvature as f: graph {key}."],
        data=_data(f, 0, 2, "graph choice"))


def formula_about_a(rng):
    """Which formula is the second-order Taylor polynomial of e^x, 1/x or ln x about a?"""
    case = rng.choice(["exp", "reciprocal", "ln"])
    if case == "exp":
        a = rng.choice([1, 2, -1])
        f, d = sp.exp(x), [sp.exp(a)] * 3
    elif case == "reciprocal":
        a = rng.choice([1, 2, -1, 3])
        f, d = 1 / x, [sp.Rational(1, a), -sp.Rational(1, a**2), sp.Rational(2, a**3)]
    else:
        a = rng.choice([1, 2, 3])
        f, d = sp.log(x), [sp.log(a), sp.Rational(1, a), -sp.Rational(1, a**2)]
    answer = taylor(d, a)
    # each formula as derivatives for taylor_tex, so all four are shown in powers of (x - a)
    # (or of x), not merged by sympy into "-x/9 + (x - 3)^2/27 + 2/3"
    wrong = [(without_factorials(d, a), [v * sp.factorial(k) for k, v in enumerate(d)], a, FORGOT_FACTORIAL),
             (powers_of_x(d, a), d, 0, POWERS_OF_X),
             (taylor([d[0], d[1], -d[2]], a), [d[0], d[1], -d[2]], a, r"Check the sign of \(f''(a)\).")]
    options = [{"tex": taylor_tex(d, a), "value": learner(answer), "correct": True}]
    options += [{"tex": taylor_tex(ds, about), "value": learner(w), "feedback": fb} for w, ds, about, fb in wrong]
    require(len({o["tex"] for o in options}) == len(options), "two formulas print alike")
    return choice_question(
        rng, rf"Which formula is the second-order Taylor polynomial of \(f(x) = {tex(f)}\) about \(a = {a}\)?",
        options,
        hints=[TAYLOR, POWERS_OF_X_MINUS_A + " " + FACTORIAL],
        worked=[rf"\(f({a}) = {tex(d[0])}\), \(f'({a}) = {tex(d[1])}\), \(f''({a}) = {tex(d[2])}\).",
                rf"\(p_2(x) = {terms_tex(d, a)} = {taylor_tex(d, a)}\): option {{key}}."],
        data=_data(f, a, 2, "formula choice"))


def sine_orders(rng):
    """Which graph is the third-order (or fifth-order) Maclaurin polynomial of A sin x?"""
    A = rng.choice([1, 2])
    order = rng.choice([3, 5])
    f = A * sp.sin(x)
    d = [A * v for v in (0, 1, 0, -1, 0, 1)][: order + 1]
    answer = taylor(d, 0)
    other = 5 if order == 3 else 3
    d_other = [A * v for v in (0, 1, 0, -1, 0, 1)][: other + 1]
    distractors = [
        (taylor(d_other, 0), f"That is the order-{other} polynomial: count the terms."),
        (A * x, r"That is only the tangent line, \(" + tex(A * x) + r"\): order 1."),
        (A * x - A * x**3 / 3, rf"The cubic term is \(-\frac{{{coefficient(A, 'x^3')}}}{{3!}}\), and \(3! = 6\), not 3."),
    ]
    options, figure = graph_options(f, 0, order, answer, distractors, (-3.5, 3.5), cap=4.0)
    return choice_question(
        rng, rf"The first graph shows \(f(x) = {tex(f)}\). Which graph is its Taylor polynomial of order "
             rf"{order} about 0?", options, figure=figure,
        hints=[r"The derivatives of \(\sin x\) at 0 cycle \(0, 1, 0, -1, 0, 1, \ldots\): only odd powers appear.",
               FACTORIAL],
        worked=[rf"\(p_{{{order}}}(x) = {tex(answer)}\).",
                r"Near 0 it follows the wave; the higher the order, the further it follows it. Graph {key}."],
        data=_data(f, 0, order, "graph choice"))


def tangent_line_of_root(rng):
    """Which graph is the first-order approximation (tangent line) of sqrt(x) about a = m²?"""
    m = rng.choice([1, 2, 3])
    a = m * m
    f = sp.sqrt(x)
    d = [sp.Integer(m), sp.Rational(1, 2 * m)]
    answer = taylor(d, a)
    distractors = [
        (m + (x - a) / m, r"The slope of \(\sqrt{x}\) is \(\frac{1}{2\sqrt{x}}\): you lost the 2."),
        (powers_of_x(d, a), POWERS_OF_X),
        (d[1] * (x - a), r"The line must pass through \((a, f(a))\): you left out \(f(a)\)."),
    ]
    options, figure = graph_options(f, a, 1, answer, distractors, (0, a + 5), cap=8.0)
    return choice_question(
        rng, rf"The first graph shows \(f(x) = \sqrt{{x}}\). Which graph is its first-order Taylor approximation "
             rf"(the tangent line) about \(a = {a}\)?", options, figure=figure,
        hints=[r"The tangent line is \(f(a) + f'(a)(x - a)\).",
               rf"\(f({a}) = {m}\) and \(f'(x) = \frac{{1}}{{2\sqrt{{x}}}}\)."],
        worked=[rf"\(f({a}) = {m}\) and \(f'({a}) = \frac{{1}}{{2 \cdot {m}}} = {tex(d[1])}\).",
                rf"So \(p_1(x) = {tex(answer)}\): it touches the curve at \(({a}, {m})\). Graph {{key}}."],
        data=_data(f, a, 1, "graph choice"))


def cosine_about_a_point(rng):
    """Which graph is the second-order Taylor polynomial of cos x about a (a = ±pi/2 or pi)?"""
    a = rng.choice([sp.pi, sp.pi / 2, -sp.pi / 2])
    f = sp.cos(x)
    d = [sp.cos(a), -sp.sin(a), -sp.cos(a)]
    answer = taylor(d, a)
    distractors = [
        (taylor([1, 0, -1], 0), r"That is the Maclaurin polynomial \(1 - \frac{x^2}{2}\), about 0, not about \(a\)."),
        (sp.expand(without_factorials(d, a)) if d[2] != 0 else taylor([d[0], -d[1], d[2]], a),
         FORGOT_FACTORIAL if d[2] != 0 else r"Check the sign of the slope \(f'(a) = -\sin a\)."),
        (powers_of_x(d, a), POWERS_OF_X),
    ]
    options, figure = graph_options(f, a, 2, answer, distractors, (-5, 5), cap=4.0)
    return choice_question(
        rng, rf"The first graph shows \(f(x) = \cos x\). Which graph is its second-order Taylor polynomial about "
             rf"\(a = {tex(a)}\)?", options, figure=figure,
        hints=[r"Work out \(\cos a\), \(-\sin a\) and \(-\cos a\) at this \(a\).", POWERS_OF_X_MINUS_A],
        worked=[rf"\(f(a) = {tex(d[0])}\), \(f'(a) = {tex(d[1])}\), \(f''(a) = {tex(d[2])}\).",
                rf"\(p_2(x) = {tex(answer)}\).",
                r"It must touch the curve at \(x = a\) with the same slope: graph {key}."],
        data=_data(f, a, 2, "graph choice"))


TEMPLATES = [exponential_second_order, formula_about_a, sine_orders, tangent_line_of_root, cosine_about_a_point]
