"""Let's differentiate some functions: power rule, sums, 1/x, sqrt, e^x, sin, cos.

Answers are derived by hand from each template's parameters (the rules the
lesson teaches), never by sympy.diff; tests check them against sympy.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import derivative_question
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.printing import coefficient, d_dx, signed, tex, x

POWER_RULE = r"The power rule: \(\frac{d}{dx} x^n = n x^{n-1}\). A constant factor just stays in front."
SUM_RULE = r"The sum rule: differentiate each term on its own and add the results."


def power_rule(rng):
    """One term a x^n, as in the lesson's first examples."""
    a, n = rng.randint(2, 9), rng.randint(2, 7)
    f = a * x**n
    answer = n * a * x**(n - 1)
    return derivative_question(
        f, answer,
        intro="Warm up with the power rule.",
        wrong=[
            (n * a * x**n, "Bring the power down as a factor, and then lower the power by one."),
            (a * x**(n - 1), r"Lowering the power is half of it: the old power \(n\) also comes down as a factor."),
            (a * x**(n + 1) / (n + 1), "That raises the power, which is what integrating does; differentiating lowers it."),
        ],
        hints=[POWER_RULE, rf"Here the power is \(n = {n}\) and the constant factor is \({a}\)."],
        worked=[
            POWER_RULE,
            rf"With \(n = {n}\): \(\frac{{d}}{{dx}} x^{{{n}}} = {tex(n * x**(n - 1))}\).",
            rf"Keep the factor \({a}\): \(f'(x) = {a} \cdot {tex(n * x**(n - 1))} = {tex(answer)}\).",
        ],
    )


def sum_of_powers(rng):
    """A polynomial a x^n + b x^m + c: the sum rule and constants."""
    n = rng.randint(3, 6)
    m = rng.randint(1, n - 1)
    a, b, c = nonzero(rng, -9, 9), nonzero(rng, -9, 9), nonzero(rng, -9, 9)
    f = a * x**n + b * x**m + c
    answer = n * a * x**(n - 1) + m * b * x**(m - 1)
    return derivative_question(
        f, answer,
        wrong=[
            (answer + c, rf"The constant term \({c}\) is a flat line: its derivative is \(0\)."),
            (n * a * x**n + m * b * x**m, "Bring each power down, and then lower it by one."),
            (n * a * x**(n - 1), rf"Differentiate every term: \({tex(b * x**m)}\) has a derivative too."),
        ],
        hints=[SUM_RULE, POWER_RULE + r" A constant on its own differentiates to \(0\)."],
        worked=[
            SUM_RULE,
            rf"\({d_dx(a * x**n)} = {tex(n * a * x**(n - 1))}\).",
            rf"\({d_dx(b * x**m)} = {tex(m * b * x**(m - 1))}\).",
            rf"\({d_dx(c)} = 0\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


def reciprocal(rng):
    """a/x + b x^2: the special case 1/x."""
    a, b = nonzero(rng, -9, 9), nonzero(rng, -6, 6)
    f = a / x + b * x**2
    answer = -a / x**2 + 2 * b * x
    return derivative_question(
        f, answer,
        intro=r"The lesson showed that \(\frac{1}{x}\) has a derivative that is negative everywhere.",
        wrong=[
            (a / x**2 + 2 * b * x, r"Check the sign: \(\frac{d}{dx}\frac{1}{x} = -\frac{1}{x^2}\) (the graph of \(\frac{1}{x}\) always slopes down)."),
            (-a / x + 2 * b * x, r"Write \(\frac{1}{x} = x^{-1}\): the power \(-1\) comes down and becomes \(-2\)."),
            (a * sp.log(x) + 2 * b * x, r"\(\ln x\) is what \(\frac{1}{x}\) is the derivative of; here we differentiate \(\frac{1}{x}\)."),
        ],
        hints=[r"Write \(\frac{1}{x} = x^{-1}\) and use the power rule.",
               r"\(\frac{d}{dx} x^{-1} = -x^{-2} = -\frac{1}{x^2}\)."],
        worked=[
            rf"Write \(f(x) = {a} x^{{-1}} {signed(b * x**2)}\).",
            rf"Power rule on the first term: \({a} \cdot (-1) x^{{-2}} = {tex(-a / x**2)}\).",
            rf"And \({d_dx(b * x**2)} = {tex(2 * b * x)}\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


def square_root(rng):
    """a sqrt(x) + b x^n: a fractional power."""
    a = rng.choice([2, 4, 6, 8, -2, -4, 3, 5])
    b, n = nonzero(rng, -7, 7), rng.randint(2, 4)
    f = a * sp.sqrt(x) + b * x**n
    answer = a / (2 * sp.sqrt(x)) + n * b * x**(n - 1)
    return derivative_question(
        f, answer,
        wrong=[
            (a / sp.sqrt(x) + n * b * x**(n - 1), r"The power \(\tfrac{1}{2}\) comes down as a factor: \(\frac{d}{dx}\sqrt{x} = \frac{1}{2\sqrt{x}}\)."),
            (a * sp.sqrt(x) / 2 + n * b * x**(n - 1), r"Lower the power too: \(x^{1/2}\) becomes \(\tfrac{1}{2} x^{-1/2}\), not \(\tfrac{1}{2} x^{1/2}\)."),
        ],
        hints=[r"Write \(\sqrt{x} = x^{1/2}\) and use the power rule.",
               r"\(\frac{d}{dx} x^{1/2} = \tfrac{1}{2} x^{-1/2} = \frac{1}{2\sqrt{x}}\)."],
        worked=[
            rf"Write \(f(x) = {a} x^{{1/2}} {signed(b * x**n)}\).",
            rf"\(\frac{{d}}{{dx}} \left({a} x^{{1/2}}\right) = {a} \cdot \tfrac{{1}}{{2}} x^{{-1/2}} = {tex(a / (2 * sp.sqrt(x)))}\).",
            rf"\({d_dx(b * x**n)} = {tex(n * b * x**(n - 1))}\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


def exp_sin_cos(rng):
    """a e^x + b sin(x) + c cos(x): the special cases e^x, sin and cos."""
    a, b, c = nonzero(rng, -6, 6), nonzero(rng, -6, 6), nonzero(rng, -6, 6)
    f = a * sp.exp(x) + b * sp.sin(x) + c * sp.cos(x)
    answer = a * sp.exp(x) + b * sp.cos(x) - c * sp.sin(x)
    return derivative_question(
        f, answer,
        wrong=[
            (a * sp.exp(x) + b * sp.cos(x) + c * sp.sin(x), r"Sign slip: \(\frac{d}{dx}\cos x = -\sin x\) (cos falls just after \(x = 0\))."),
            (a * sp.exp(x) - b * sp.cos(x) - c * sp.sin(x), r"Sign slip: \(\frac{d}{dx}\sin x = +\cos x\) (sin rises through \(x = 0\) with slope 1)."),
            (a * x * sp.exp(x - 1) + b * sp.cos(x) - c * sp.sin(x), r"\(e^x\) is not a power of \(x\): it is its own derivative, \(\frac{d}{dx} e^x = e^x\)."),
        ],
        hints=[r"\(\frac{d}{dx} e^x = e^x\), \(\frac{d}{dx}\sin x = \cos x\), \(\frac{d}{dx}\cos x = -\sin x\).",
               "Keep each constant factor and watch the signs."],
        worked=[
            rf"\({d_dx(a * sp.exp(x))} = {tex(a * sp.exp(x))}\): \(e^x\) is its own derivative.",
            rf"\({d_dx(b * sp.sin(x))} = {tex(b * sp.cos(x))}\).",
            rf"\({d_dx(c * sp.cos(x))} = {tex(-c * sp.sin(x))}\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


def mixed_special_cases(rng):
    """a x^n + b/x^2 + c sin(x) + d e^x: every rule of the set at once."""
    n = rng.randint(3, 5)
    a, b, c, d = (nonzero(rng, -6, 6) for _ in range(4))
    trig, dtrig, = (sp.sin(x), sp.cos(x)) if rng.random() < 0.5 else (sp.cos(x), -sp.sin(x))
    f = a * x**n + b / x**2 + c * trig + d * sp.exp(x)
    answer = n * a * x**(n - 1) - 2 * b / x**3 + c * dtrig + d * sp.exp(x)
    flipped = n * a * x**(n - 1) - 2 * b / x**3 - c * dtrig + d * sp.exp(x)
    return derivative_question(
        f, answer,
        wrong=[
            (n * a * x**(n - 1) + 2 * b / x**3 + c * dtrig + d * sp.exp(x), r"Write \(\frac{1}{x^2} = x^{-2}\): the \(-2\) comes down, so that term changes sign."),
            (flipped, r"Check the sign of the trigonometric term: \(\sin' = \cos\) but \(\cos' = -\sin\)."),
            (n * a * x**(n - 1) - b / x**3 + c * dtrig + d * sp.exp(x), r"\(\frac{d}{dx} x^{-2} = -2x^{-3}\): the power \(-2\) comes down as a factor."),
        ],
        hints=[SUM_RULE + r" Write \(\frac{1}{x^2}\) as \(x^{-2}\).",
               r"\(\frac{d}{dx} x^{-2} = -2 x^{-3}\); \(e^x\) is its own derivative."],
        worked=[
            rf"\({d_dx(a * x**n)} = {tex(n * a * x**(n - 1))}\).",
            rf"\(\frac{{d}}{{dx}} \left({b} x^{{-2}}\right) = {tex(-2 * b)} x^{{-3}} = {tex(-2 * b / x**3)}\).",
            rf"\({d_dx(c * trig)} = {tex(c * dtrig)}\).",
            rf"\({d_dx(d * sp.exp(x))} = {tex(d * sp.exp(x))}\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


def fractional_powers(rng):
    """a x^(3/2) + b/sqrt(x): fractional and negative powers together."""
    a = rng.choice([2, 4, 6, -2, -4])
    b = rng.choice([2, 4, 6, -2, -6])
    f = a * x**sp.Rational(3, 2) + b / sp.sqrt(x)
    answer = sp.Rational(3, 2) * a * sp.sqrt(x) - sp.Rational(1, 2) * b * x**sp.Rational(-3, 2)
    return derivative_question(
        f, answer,
        wrong=[
            (sp.Rational(3, 2) * a * sp.sqrt(x) + sp.Rational(1, 2) * b * x**sp.Rational(-3, 2), r"\(\frac{1}{\sqrt{x}} = x^{-1/2}\): the \(-\tfrac{1}{2}\) that comes down makes that term negative."),
            (sp.Rational(3, 2) * a * sp.sqrt(x) - sp.Rational(1, 2) * b * x**sp.Rational(1, 2), r"\(-\tfrac{1}{2} - 1 = -\tfrac{3}{2}\): lowering the power \(-\tfrac{1}{2}\) by one gives \(-\tfrac{3}{2}\)."),
            (sp.Rational(3, 2) * a * x**sp.Rational(1, 2), r"Differentiate both terms: \(\frac{1}{\sqrt{x}}\) changes too."),
        ],
        hints=[r"Write every term as a power of \(x\): \(\frac{1}{\sqrt{x}} = x^{-1/2}\).",
               r"\(\frac{d}{dx} x^{3/2} = \tfrac{3}{2} x^{1/2}\) and \(\frac{d}{dx} x^{-1/2} = -\tfrac{1}{2} x^{-3/2}\)."],
        worked=[
            rf"Write \(f(x) = {a} x^{{3/2}} {'+' if b > 0 else '-'} {abs(b)} x^{{-1/2}}\).",
            rf"\(\frac{{d}}{{dx}} \left({a} x^{{3/2}}\right) = {coefficient(sp.Rational(3, 2) * a, 'x^{1/2}')}\).",
            rf"\(\frac{{d}}{{dx}} \left({b} x^{{-1/2}}\right) = {coefficient(-sp.Rational(1, 2) * b, 'x^{-3/2}')}\).",
            rf"So \(f'(x) = {tex(answer)}\).",
        ],
    )


TEMPLATES = [power_rule, sum_of_powers, reciprocal, square_root, exp_sin_cos,
             mixed_special_cases, fractional_powers]
