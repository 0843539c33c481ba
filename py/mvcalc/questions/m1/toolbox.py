"""Unleashing the toolbox: every rule together, up to "taming a beast".

A graded-style mix: a slope as a number, quotients, product with chain,
select-all questions, and at the top the lesson's sin(2x^5 + 3x)/e^(7x).
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import derivative_question, multi_question, numeric_question, require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.printing import learner, number, signed, tex, x

QUOTIENT = (r"The quotient rule: if \(f = \frac{u}{v}\) then "
            r"\(f' = \frac{u' v - u v'}{v^2}\) (or write \(f = u v^{-1}\) and use the product and chain rules).")
PRODUCT = r"The product rule: \((u v)' = u' v + u v'\)."
CHAIN = r"The chain rule: \(\frac{d}{dx} g(h(x)) = g'(h(x))\, h'(x)\)."


def numeric_slope(f, df, at, *, intro, hints, worked, value_feedback) -> Question:
    """"What is f'(at)?" answered by a number, with f(at) as a known slip."""
    slope = float(df.subs(x, at))
    height = float(f.subs(x, at))
    return numeric_question(
        f"{intro} What is \\(f'({number(at)})\\) for \\[f(x) = {tex(f)}?\\]", slope,
        hints=hints, worked=worked, wrong=[(height, value_feedback)],
        data={"f": learner(f), "at": at},
    )


def slope_of_cubic(rng):
    """f'(c) for a cubic: differentiate, then substitute."""
    a, b, d = nonzero(rng, -4, 4, not_one=False), nonzero(rng, -6, 6), nonzero(rng, -9, 9)
    c = nonzero(rng, -3, 3, not_one=False)
    f = a * x**3 + b * x**2 + d * x
    df = 3 * a * x**2 + 2 * b * x + d
    return numeric_slope(
        f, df, c,
        intro="The slope of a graph at a point is the derivative there.",
        hints=["First find \\(f'(x)\\) with the power rule, then substitute.",
               f"\\(f'(x) = {tex(df)}\\); put \\(x = {c}\\)."],
        worked=[f"\\(f'(x) = {tex(df)}\\).",
                f"\\(f'({c}) = {tex(3 * a)}\\cdot({c})^2 {signed(2 * b)}\\cdot({c}) {signed(d)} = {tex(df.subs(x, c))}\\)."],
        value_feedback=f"That is \\(f({c})\\), the height of the graph; the question asks for its slope \\(f'({c})\\).",
    )


def quotient_of_lines(rng):
    """(a x + b)/(c x + d): the quotient rule on two lines."""
    while True:
        a, b, c, d = (nonzero(rng, -6, 6) for _ in range(4))
        if a * d - b * c != 0:
            break
    u, v = a * x + b, c * x + d
    f = u / v
    answer = (a * d - b * c) / v**2
    return derivative_question(
        f, answer,
        intro="A quotient of two lines.",
        wrong=[
            ((b * c - a * d) / v**2, r"Sign slip: the quotient rule's numerator is \(u' v - u v'\), in that order."),
            (sp.Rational(a, c), r"The derivative of a quotient is not the quotient of the derivatives."),
            ((a * d - b * c) / v, r"The denominator of the quotient rule is \(v^2\)."),
        ],
        hints=[QUOTIENT, rf"\(u = {tex(u)}\), \(v = {tex(v)}\), \(u' = {a}\), \(v' = {c}\)."],
        worked=[
            rf"\(u = {tex(u)}\), \(u' = {a}\); \(v = {tex(v)}\), \(v' = {c}\).",
            rf"\(u' v - u v' = {a}({tex(v)}) - ({tex(u)})({c}) = {tex(sp.expand(a * v - u * c))}\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


def product_with_chain(rng):
    """a x^n e^(k x): product rule, with a chain rule inside."""
    a, n, k = nonzero(rng, -4, 4, not_one=False), rng.randint(2, 4), nonzero(rng, -5, 5)
    u, du, v, dv = a * x**n, n * a * x**(n - 1), sp.exp(k * x), k * sp.exp(k * x)
    answer = du * v + u * dv
    return derivative_question(
        u * v, answer,
        wrong=[
            (du * v + u * v, rf"The chain rule gives \(\frac{{d}}{{dx}} {tex(v)} = {tex(dv)}\): the factor \({k}\) is missing."),
            (du * v, r"Product rule: two terms, \(u' v + u v'\)."),
            (du * dv, "The derivative of a product is not the product of the derivatives."),
        ],
        hints=[PRODUCT + rf" Take \(u = {tex(u)}\), \(v = {tex(v)}\).", CHAIN + rf" So \(v' = {tex(dv)}\)."],
        worked=[
            rf"\(u = {tex(u)}\), \(u' = {tex(du)}\).",
            rf"\(v = {tex(v)}\), and by the chain rule \(v' = {tex(dv)}\).",
            rf"\(f'(x) = u' v + u v' = {tex(answer)}\).",
        ],
    )


def which_forms_equal(rng):
    """Select all: which expressions equal f'(x) for f = a x^n sin(x)?"""
    a, n = nonzero(rng, -4, 4, not_one=False), rng.randint(2, 4)
    u, du, v, dv = a * x**n, n * a * x**(n - 1), sp.sin(x), sp.cos(x)
    right = [du * v + u * dv,
             sp.Mul(a * x**(n - 1), n * sp.sin(x) + x * sp.cos(x), evaluate=False),
             sp.Mul(x**(n - 1), n * a * sp.sin(x) + a * x * sp.cos(x), evaluate=False)]
    wrong = [(du * dv, "The derivative of a product is not the product of the derivatives."),
             (du * v - u * dv, "The product rule adds the two terms."),
             (du * v + u * v, r"\(\frac{d}{dx}\sin x = \cos x\), not \(\sin x\).")]
    options = [{"tex": tex(e), "value": learner(e), "correct": True} for e in right]
    options += [{"tex": tex(e), "value": learner(e), "feedback": fb} for e, fb in wrong]
    require(len({o["tex"] for o in options}) == len(options), "two options print the same")
    return multi_question(
        rng,
        rf"Let \(f(x) = {tex(u * v)}\). Select every expression that is equal to \(f'(x)\).",
        options,
        hints=[PRODUCT, "Expand or factor each option: equal expressions can look different."],
        worked=[rf"\(f'(x) = u' v + u v' = {tex(right[0])}\).",
                rf"Taking out the common factor \({tex(a * x**(n - 1))}\) gives \({tex(right[1])}\); "
                rf"taking out \({tex(x**(n - 1))}\) gives \({tex(right[2])}\).",
                "The right options are {keys}."],
        data={"f": learner(u * v), "ask": "equal to derivative"},
    )


def quotient_trig(rng):
    """sin(x)/x^n (or cos): the quotient rule with a trigonometric top."""
    n = rng.randint(1, 3)
    trig, dtrig = (sp.sin(x), sp.cos(x)) if rng.random() < 0.5 else (sp.cos(x), -sp.sin(x))
    a = nonzero(rng, -5, 5, not_one=False)
    u, du, v, dv = a * trig, a * dtrig, x**n, n * x**(n - 1)
    answer = (du * v - u * dv) / v**2
    return derivative_question(
        u / v, answer,
        wrong=[
            ((u * dv - du * v) / v**2, r"Sign slip: the numerator is \(u' v - u v'\), in that order."),
            ((du * v + u * dv) / v**2, r"The quotient rule subtracts: \(u' v - u v'\)."),
            (du / dv, "The derivative of a quotient is not the quotient of the derivatives."),
            ((du * v - u * dv) / v, r"The denominator of the quotient rule is \(v^2\)."),
        ],
        hints=[QUOTIENT, rf"\(u = {tex(u)}\), \(v = {tex(v)}\); \(u' = {tex(du)}\), \(v' = {tex(dv)}\)."],
        worked=[
            rf"\(u = {tex(u)}\), \(u' = {tex(du)}\); \(v = {tex(v)}\), \(v' = {tex(dv)}\).",
            rf"\(f'(x) = \frac{{u' v - u v'}}{{v^2}} = \frac{{{tex(du * v - u * dv)}}}{{{tex(v**2)}}}\).",
            rf"Simplified: \(f'(x) = {tex(sp.cancel(answer))}\) (any equal form is accepted).",
        ],
    )


def which_have_derivative(rng):
    """Select all: which functions have g(x) as their derivative?"""
    a, n, k = rng.randint(2, 5), rng.randint(2, 3), rng.randint(2, 9)
    inner, dinner = a * x**n, n * a * x**(n - 1)
    family = rng.choice(["sin", "exp"])
    if family == "sin":
        F, g = sp.sin(inner), sp.cos(inner) * dinner
        chain_slip = sp.sin(inner) / dinner
        others = [(sp.cos(inner), r"\(\frac{d}{dx}\cos(\dots)\) gives \(-\sin(\dots)\), not \(\cos\).")]
    else:
        F, g = sp.exp(inner), sp.exp(inner) * dinner
        chain_slip = sp.exp(inner) * inner
        others = [(dinner * sp.exp(inner - 1), r"\(e^u\) is not a power: do not lower anything.")]
    options = [
        {"tex": tex(F), "value": learner(F), "correct": True},
        {"tex": tex(F + k), "value": learner(F + k), "correct": True,
         "feedback": "Adding a constant does not change a derivative: a shifted graph has the same slopes."},
        {"tex": tex(k * F), "value": learner(k * F),
         "feedback": rf"A constant factor multiplies the derivative too: \({tex(k * F)}\) has derivative \({k}\,g(x)\)."},
        {"tex": tex(-F), "value": learner(-F), "feedback": "Check the sign: the minus sign carries into the derivative."},
        {"tex": tex(chain_slip), "value": learner(chain_slip),
         "feedback": "Differentiate this option with the chain (and product or quotient) rule: it does not give g."},
    ]
    options += [{"tex": tex(e), "value": learner(e), "feedback": fb} for e, fb in others]
    require(len({o["tex"] for o in options}) == len(options), "two options print the same")
    return multi_question(
        rng,
        rf"Let \(g(x) = {tex(g)}\). Select every function whose derivative is \(g(x)\).",
        options,
        hints=["Differentiate each option with the chain rule and compare with \\(g\\).",
               "Two functions that differ by a constant have the same derivative."],
        worked=[rf"By the chain rule, \(\frac{{d}}{{dx}} {tex(F)} = {tex(g)} = g(x)\).",
                rf"Adding the constant \({k}\) changes nothing, so \({tex(F + k)}\) works too.",
                rf"Multiplying by \({k}\) or by \(-1\) multiplies the derivative as well.",
                "The right options are {keys}."],
        data={"g": learner(g), "ask": "antiderivative"},
    )


def slope_of_product(rng):
    """f'(c) for x^2 e^(k x): the toolbox, then a number."""
    n, k = rng.randint(2, 3), rng.choice([1, -1, 2, -2])
    c = rng.choice([0.5, 1, 1.5, -1, 2])
    f = x**n * sp.exp(k * x)
    df = n * x**(n - 1) * sp.exp(k * x) + k * x**n * sp.exp(k * x)
    require(abs(float(df.subs(x, c))) > 0.05, "slope too close to 0")
    return numeric_slope(
        f, df, c,
        intro="Combine the rules, then evaluate.",
        hints=[PRODUCT + " " + CHAIN, rf"\(f'(x) = {tex(df)}\); now put \(x = {number(c)}\)."],
        worked=[rf"Product rule with \(u = {tex(x**n)}\), \(v = {tex(sp.exp(k * x))}\), "
                rf"\(v' = {tex(k * sp.exp(k * x))}\) by the chain rule.",
                rf"\(f'(x) = {tex(df)}\).",
                rf"\(f'({number(c)}) = {tex(df.subs(x, sp.nsimplify(c)))} \approx {number(float(df.subs(x, c)), 5)}\)."],
        value_feedback=rf"That is \(f({number(c)})\), the height of the graph, not its slope.",
    )


def taming_a_beast(rng):
    """sin(a x^p + b x)/e^(k x), the lesson's beast (a=2, p=5, b=3, k=7)."""
    a, p, b, k = rng.randint(2, 5), rng.randint(3, 6), rng.randint(2, 9), rng.randint(2, 9)
    h, dh = a * x**p + b * x, a * p * x**(p - 1) + b
    f = sp.sin(h) / sp.exp(k * x)
    answer = (dh * sp.cos(h) - k * sp.sin(h)) * sp.exp(-k * x)
    return derivative_question(
        f, answer,
        f_tex=rf"\frac{{\sin\left({tex(h)}\right)}}{{e^{{{k} x}}}}",
        intro="Taming a beast: every rule at once.",
        wrong=[
            ((sp.cos(h) - k * sp.sin(h)) * sp.exp(-k * x),
             rf"The chain-rule factor is missing: \(\frac{{d}}{{dx}} \sin({tex(h)}) = \cos({tex(h)}) \cdot ({tex(dh)})\)."),
            ((dh * sp.cos(h) + k * sp.sin(h)) * sp.exp(-k * x),
             rf"Sign slip: \(\frac{{d}}{{dx}} e^{{-{k} x}} = -{k} e^{{-{k} x}}\), so that term is subtracted."),
            ((dh * sp.cos(h) - sp.sin(h)) * sp.exp(-k * x),
             rf"The chain rule on \(e^{{-{k}x}}\) brings down a factor \(-{k}\)."),
            (dh * sp.cos(h) * sp.exp(-k * x),
             r"Product rule: the derivative of \(e^{-kx}\) gives a second term."),
        ],
        hints=[rf"Write \(f(x) = \sin({tex(h)})\, e^{{-{k} x}}\): a product.",
               PRODUCT + " " + CHAIN + rf" The inside of the sine has derivative \({tex(dh)}\)."],
        worked=[
            rf"Write \(f = u v\) with \(u = \sin({tex(h)})\) and \(v = e^{{-{k}x}}\).",
            rf"Chain rule: \(u' = ({tex(dh)}) \cos({tex(h)})\) and \(v' = -{k} e^{{-{k}x}}\).",
            rf"Product rule: \(f' = u' v + u v' = ({tex(dh)}) \cos({tex(h)})\, e^{{-{k}x}} - {k} \sin({tex(h)})\, e^{{-{k}x}}\).",
            rf"Factor out \(e^{{-{k}x}}\): \(f'(x) = {tex(answer)}\).",
        ],
    )


TEMPLATES = [slope_of_cubic, quotient_of_lines, product_with_chain, which_forms_equal,
             quotient_trig, which_have_derivative, slope_of_product, taming_a_beast]
