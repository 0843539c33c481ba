"""Practicing the product rule: (uv)' = u'v + uv'.

Each template names u and v, writes u' and v' by hand, and offers the
classic slips as misconceptions: only u'v, only uv', u'v' and u'v - uv'.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import derivative_question
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.printing import terms, tex, x

RULE = r"The product rule: if \(f = u v\) then \(f' = u' v + u v'\)."


def product(f, u, du, v, dv, *, intro="", extra_hint=""):
    """A product-rule question from u, v and their hand-written derivatives."""
    answer = du * v + u * dv
    return derivative_question(
        f, answer,
        intro=intro,
        wrong=[
            (du * dv, r"The derivative of a product is not the product of the derivatives: "
                      r"use \(u' v + u v'\)."),
            (du * v, r"You have \(u' v\); the product rule has a second term, \(u v'\)."),
            (u * dv, r"You have \(u v'\); the product rule has a second term, \(u' v\)."),
            (du * v - u * dv, r"Sign slip: the product rule adds its two terms, \(u' v + u v'\) "
                              r"(the minus belongs to the quotient rule)."),
        ],
        hints=[RULE + rf" Take \(u = {tex(u)}\) and \(v = {tex(v)}\).",
               extra_hint or rf"\(u' = {tex(du)}\); now find \(v'\)."],
        worked=[
            rf"Write \(f = u v\) with \(u = {tex(u)}\) and \(v = {tex(v)}\).",
            rf"Then \(u' = {tex(du)}\) and \(v' = {tex(dv)}\).",
            rf"\(f'(x) = u' v + u v' = {terms(du * v, u * dv)}\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


def power_times_trig(rng):
    """a x^n sin(x) (or cos): the lesson's first product."""
    a, n = nonzero(rng, -5, 5, not_one=False), rng.randint(2, 5)
    trig, dtrig = (sp.sin(x), sp.cos(x)) if rng.random() < 0.5 else (sp.cos(x), -sp.sin(x))
    u, v = a * x**n, trig
    return product(u * v, u, n * a * x**(n - 1), v, dtrig,
                   intro="Two factors multiplied together need the product rule.")


def power_times_exp(rng):
    """a x^n e^x."""
    a, n = nonzero(rng, -6, 6, not_one=False), rng.randint(2, 5)
    u, v = a * x**n, sp.exp(x)
    return product(u * v, u, n * a * x**(n - 1), v, sp.exp(x),
                   extra_hint=r"\(e^x\) is its own derivative.")


def exp_times_trig(rng):
    """a e^x cos(x) (or sin)."""
    a = nonzero(rng, -5, 5, not_one=False)
    trig, dtrig = (sp.sin(x), sp.cos(x)) if rng.random() < 0.5 else (sp.cos(x), -sp.sin(x))
    u, v = a * sp.exp(x), trig
    return product(u * v, u, u, v, dtrig,
                   extra_hint=r"\(\frac{d}{dx}\sin x = \cos x\) and \(\frac{d}{dx}\cos x = -\sin x\).")


def polynomial_times_trig(rng):
    """(a x^2 + b) sin(x) (or cos): a bracket as one factor."""
    a, b = nonzero(rng, -5, 5, not_one=False), nonzero(rng, -9, 9)
    trig, dtrig = (sp.sin(x), sp.cos(x)) if rng.random() < 0.5 else (sp.cos(x), -sp.sin(x))
    u, v = a * x**2 + b, trig
    return product(u * v, u, 2 * a * x, v, dtrig,
                   extra_hint="Treat the whole bracket as u; differentiate it term by term.")


def power_times_log(rng):
    """x^n ln(x): the ln x term simplifies."""
    a, n = nonzero(rng, -4, 4, not_one=False), rng.randint(2, 5)
    u, v = a * x**n, sp.log(x)
    return product(u * v, u, n * a * x**(n - 1), v, 1 / x,
                   extra_hint=r"\(\frac{d}{dx}\ln x = \frac{1}{x}\).")


def sqrt_times_exp(rng):
    """a sqrt(x) e^x: a fractional power in a product."""
    a = nonzero(rng, -6, 6, not_one=False)
    u, v = a * sp.sqrt(x), sp.exp(x)
    return product(u * v, u, a / (2 * sp.sqrt(x)), v, sp.exp(x),
                   extra_hint=r"\(\frac{d}{dx}\sqrt{x} = \frac{1}{2\sqrt{x}}\).")


def three_factors(rng):
    """x^n e^x sin(x): the product rule twice."""
    n = rng.randint(1, 3)
    trig, dtrig = (sp.sin(x), sp.cos(x)) if rng.random() < 0.5 else (sp.cos(x), -sp.sin(x))
    u, du = x**n, n * x**(n - 1)
    v, dv = sp.exp(x) * trig, sp.exp(x) * trig + sp.exp(x) * dtrig
    f = u * v
    answer = du * v + u * dv
    return derivative_question(
        f, answer,
        intro="Three factors: group two of them and use the product rule twice.",
        wrong=[
            (du * v + u * sp.exp(x) * dtrig, r"\(e^x \cdot\) the trigonometric factor is itself a product: "
                                              r"its derivative has two terms."),
            (du * v + u * sp.exp(x) * trig, r"Inside \(v\), differentiate the trigonometric factor as well as \(e^x\)."),
            (du * sp.exp(x) * dtrig, "The derivative of a product is not the product of the derivatives."),
            (du * v, r"You have only \(u' v\); add \(u v'\)."),
        ],
        hints=[RULE + rf" Take \(u = {tex(u)}\) and \(v = {tex(v)}\).",
               rf"\(v\) is a product too: \(v' = {tex(sp.exp(x))} {tex(trig)} + e^x \cdot \frac{{d}}{{dx}}{tex(trig)}\)."],
        worked=[
            rf"Write \(f = u v\) with \(u = {tex(u)}\) and \(v = {tex(v)}\).",
            rf"\(u' = {tex(du)}\).",
            rf"By the product rule again, \(v' = {tex(sp.exp(x) * trig)} + {tex(sp.exp(x) * dtrig)}\)."
            if not dtrig.could_extract_minus_sign() else
            rf"By the product rule again, \(v' = {tex(sp.exp(x) * trig)} - {tex(-sp.exp(x) * dtrig)}\).",
            rf"\(f'(x) = u' v + u v' = {tex(answer)}\).",
        ],
    )


TEMPLATES = [power_times_trig, power_times_exp, exp_times_trig, polynomial_times_trig,
             power_times_log, sqrt_times_exp, three_factors]
