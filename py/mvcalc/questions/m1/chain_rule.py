"""Practicing the chain rule: (g(h(x)))' = g'(h(x)) h'(x).

Each template names the outer function g and the inner h, writes g' and h'
by hand, and offers the classic slips: the missing inner factor h'(x), a
sign slip on cos, the power rule applied to e^h.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import derivative_question, require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.printing import factor, tex, x

RULE = r"The chain rule: if \(f(x) = g(h(x))\) then \(f'(x) = g'(h(x))\, h'(x)\)."
MISSING_INNER = (r"Almost: you differentiated the outer function but left out the chain-rule "
                 r"factor, the derivative of the inside, \(h'(x) = {dh}\).")
COS_SIGN = r"Sign slip: \(\frac{d}{dx}\cos u = -\sin u\)."
u = sp.Symbol("u")


def chain(f, outer, douter, h, dh, *, intro="", wrong=(), extra_hints=()):
    """A chain-rule question: f = outer(h), outer and its derivative in ``u``."""
    # sympy rewrites cos(-u) as cos(u) and sin(-u) as -sin(u): keep the inside as shown
    require(not h.could_extract_minus_sign(), "the inside would be shown with its sign flipped")
    answer = douter.subs(u, h) * dh
    with sp.evaluate(False):  # show g'(h(x)) as 2(4x + 7), not 8x + 14 (which the dot would split)
        outer_at_h = douter.subs(u, h)
    return derivative_question(
        f, answer,
        intro=intro,
        wrong=[(douter.subs(u, h), MISSING_INNER.format(dh=tex(dh))), *wrong],
        hints=[RULE + rf" Here the inside is \(h(x) = {tex(h)}\).",
               rf"Outer function \(g(u) = {tex(outer)}\), so \(g'(u) = {tex(douter)}\); "
               rf"then multiply by \(h'(x)\).", *extra_hints],
        worked=[
            rf"Write \(f(x) = g(h(x))\) with \(g(u) = {tex(outer)}\) and \(h(x) = {tex(h)}\).",
            rf"\(g'(u) = {tex(douter)}\) and \(h'(x) = {tex(dh)}\).",
            rf"\(f'(x) = g'(h(x))\, h'(x) = {factor(outer_at_h) if outer_at_h.is_Add else tex(outer_at_h)} "
            rf"\cdot {factor(dh)}\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


def linear_inside_power(rng):
    """(a x + b)^n: the lesson's first example."""
    a, b, n = nonzero(rng, -5, 5), nonzero(rng, -9, 9), rng.randint(2, 6)
    h = a * x + b
    return chain(h**n, u**n, n * u**(n - 1), h, sp.Integer(a),
                 intro="A bracket raised to a power: the chain rule.",
                 wrong=[(n * a * h**n, "Lower the power by one as well.")])


def trig_of_quadratic(rng):
    """sin(a x^2 + b) or cos(a x^2 + b)."""
    a, b = nonzero(rng, -5, 5, not_one=False), nonzero(rng, -7, 7)
    h, dh = a * x**2 + b, 2 * a * x
    if rng.random() < 0.5:
        return chain(sp.sin(h), sp.sin(u), sp.cos(u), h, dh,
                     wrong=[(-sp.cos(h) * dh, r"Sign slip: \(\frac{d}{dx}\sin u = +\cos u\).")])
    return chain(sp.cos(h), sp.cos(u), -sp.sin(u), h, dh,
                 wrong=[(sp.sin(h) * dh, COS_SIGN)])


def exp_of_quadratic(rng):
    """e^(a x^2 + b x)."""
    a, b = nonzero(rng, -4, 4, not_one=False), nonzero(rng, -6, 6)
    h, dh = a * x**2 + b * x, 2 * a * x + b
    return chain(sp.exp(h), sp.exp(u), sp.exp(u), h, dh,
                 wrong=[(h * sp.exp(h - 1), r"\(e^u\) is not a power of \(u\): "
                                             r"\(\frac{d}{du} e^u = e^u\), then times \(h'(x)\).")])


def root_of_quadratic(rng):
    """sqrt(a x^2 + b)."""
    a, b = rng.randint(2, 6), rng.randint(1, 9)
    h, dh = a * x**2 + b, 2 * a * x
    return chain(sp.sqrt(h), sp.sqrt(u), 1 / (2 * sp.sqrt(u)), h, dh,
                 extra_hints=[r"\(\frac{d}{du}\sqrt{u} = \frac{1}{2\sqrt{u}}\)."],
                 wrong=[(dh / sp.sqrt(h), r"The \(\tfrac{1}{2}\) from \(\frac{d}{du} u^{1/2}\) is missing.")])


def power_of_trig(rng):
    """cos^n(x) or sin^n(x): the outer function is a power."""
    n = rng.randint(2, 5)
    if rng.random() < 0.5:
        h, dh = sp.cos(x), -sp.sin(x)
        wrong = [(n * h**(n - 1) * sp.sin(x), COS_SIGN)]
    else:
        h, dh = sp.sin(x), sp.cos(x)
        wrong = [(-n * h**(n - 1) * sp.cos(x), r"Sign slip: \(\frac{d}{dx}\sin x = +\cos x\).")]
    return chain(h**n, u**n, n * u**(n - 1), h, dh, wrong=wrong,
                 intro=rf"Remember that \({tex(h**n)}\) means \(\left({tex(h)}\right)^{n}\).")


def log_of_quadratic(rng):
    """ln(a x^2 + b)."""
    a, b = rng.randint(1, 6), rng.randint(1, 9)
    h, dh = a * x**2 + b, 2 * a * x
    return chain(sp.log(h), sp.log(u), 1 / u, h, dh,
                 extra_hints=[r"\(\frac{d}{du}\ln u = \frac{1}{u}\)."],
                 wrong=[(dh / x, r"\(\frac{d}{du}\ln u = \frac{1}{u}\) is evaluated at the inside, "
                                 r"\(u = h(x)\), not at \(x\).")])


def three_layers(rng):
    """e^(cos(a x^2)): the chain rule twice."""
    a = rng.randint(1, 5)
    inner, dinner = a * x**2, 2 * a * x
    f = sp.exp(sp.cos(inner))
    answer = sp.exp(sp.cos(inner)) * (-sp.sin(inner)) * dinner
    return derivative_question(
        f, answer,
        intro="Three layers: the chain rule twice, working from the outside in.",
        wrong=[
            (sp.exp(sp.cos(inner)) * (-sp.sin(inner)),
             rf"One factor short: the innermost \({tex(inner)}\) contributes \({tex(dinner)}\) too."),
            (sp.exp(sp.cos(inner)) * dinner,
             r"One factor short: the middle layer \(\cos(\dots)\) contributes \(-\sin(\dots)\)."),
            (sp.exp(sp.cos(inner)) * sp.sin(inner) * dinner, COS_SIGN),
            (sp.exp(sp.cos(inner)),
             r"Differentiate every layer: \(e^{\dots}\) gives itself, then multiply by the "
             r"derivative of each inside."),
        ],
        hints=[RULE + " Apply it layer by layer: exp, then cos, then the innermost power.",
               rf"\(\frac{{d}}{{dx}} e^{{\cos(w)}} = e^{{\cos(w)}} \cdot (-\sin w) \cdot w'\) with \(w = {tex(inner)}\)."],
        worked=[
            rf"Layers: \(e^{{v}}\) with \(v = \cos w\) and \(w = {tex(inner)}\).",
            rf"\(\frac{{d}}{{dv}} e^v = e^v\), \(\frac{{d}}{{dw}} \cos w = -\sin w\), \(\frac{{dw}}{{dx}} = {tex(dinner)}\).",
            rf"Multiply them: \(f'(x) = {tex(sp.exp(sp.cos(inner)))} \cdot \left({tex(-sp.sin(inner))}\right) \cdot {tex(dinner)}\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


TEMPLATES = [linear_inside_power, trig_of_quadratic, exp_of_quadratic, root_of_quadratic,
             power_of_trig, log_of_quadratic, three_layers]
