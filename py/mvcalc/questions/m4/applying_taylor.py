"""Applying the Taylor series: polynomials term by term, a single coefficient, an
approximate value. Keys come from the derivative rules the lesson uses; the tests
recompute every one with sympy.series."""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m4.common import (FACTORIAL, FORGOT_FACTORIAL, POWERS_OF_X, POWERS_OF_X_MINUS_A, TAYLOR,
                                        expression_question, numeric_question, powers_of_x, taylor, taylor_tex, terms_tex,
                                        without_factorials)
from mvcalc.questions.precision import figures_to_tell_apart
from mvcalc.questions.printing import coefficient as times, factor, learner, number, tex, x


def _data(f, about, order, kind="taylor", **extra):
    return {"f": learner(f), "about": learner(about), "order": order, "kind": kind, **extra}


def exponential_maclaurin(rng):
    """The degree-3 Maclaurin polynomial of e^(kx): the lesson's own example, scaled."""
    k = nonzero(rng, -3, 3)
    f = sp.exp(k * x)
    d = [k**n for n in range(4)]
    answer = taylor(d, 0)
    return expression_question(
        answer,
        [(without_factorials(d, 0), FORGOT_FACTORIAL),
         (taylor([1, 1, 1, 1], 0), rf"Each derivative of \(e^{{{k}x}}\) brings down a factor \({k}\) (the chain rule): "
                                   rf"\(f^{{(n)}}(0) = {factor(k)}^n\), not 1."),
         (taylor([1, k, k, k], 0), rf"Differentiating again multiplies by \({k}\) again: \(f''(0) = {factor(k)}^2\).")],
        prompt=rf"Find the Taylor polynomial of degree 3 about \(a = 0\) (the Maclaurin polynomial) of "
               rf"\[f(x) = {tex(f)}.\]",
        hints=[TAYLOR, rf"\(f'(x) = {times(k, f'e^{{{k}x}}')}\), so \(f^{{(n)}}(0) = {factor(k)}^n\). " + FACTORIAL],
        worked=[rf"\(f(0) = 1\), \(f'(0) = {k}\), \(f''(0) = {k**2}\), \(f'''(0) = {k**3}\).",
                rf"\(p_3(x) = {terms_tex(d, 0)}\)",
                rf"\(= {tex(answer)}\)."],
        data=_data(f, 0, 3))


FORM = {"sin": r"\sin(cx)", "cos": r"\cos(cx)", "exp": r"e^{cx}"}


def coefficient(rng):
    """A single Maclaurin coefficient of sin(kx), cos(kx) or e^(kx), as a number."""
    name = rng.choice(["sin", "cos", "exp"])
    k = rng.choice([2, 3, -2])
    if name == "sin":
        n = rng.choice([3, 5])
        f, fn = sp.sin(k * x), (-1) ** ((n - 1) // 2) * k**n
    elif name == "cos":
        n = rng.choice([2, 4])
        k = abs(k)  # cos(-2x) is cos(2x), and is shown so
        f, fn = sp.cos(k * x), (-1) ** (n // 2) * k**n
    else:
        n = rng.choice([3, 4])
        f, fn = sp.exp(k * x), k**n
    value = sp.Rational(fn, math.factorial(n))
    return numeric_question(
        value,
        [(fn, FORGOT_FACTORIAL), (-value, "Check the sign: follow the cycle of derivatives carefully."),
         (sp.Rational(k, math.factorial(n)), rf"The chain rule brings down a factor \({k}\) with every derivative: "
                                             rf"\(f^{{({n})}}(0)\) has \({factor(k)}^{n}\) in it.")],
        prompt=rf"What is the coefficient of \(x^{{{n}}}\) in the Maclaurin series of \[f(x) = {tex(f)}?\] "
               "(You may type a fraction.)",
        hints=[r"The coefficient of \(x^n\) is \(\frac{f^{(n)}(0)}{n!}\).",
               rf"Write \(f(x) = {FORM[name]}\) with \(c = {k}\): each derivative "
               r"brings down a factor \(c\). " + FACTORIAL],
        worked=[rf"\(f^{{({n})}}(0) = {fn}\).",
                rf"Coefficient \(= \frac{{{fn}}}{{{n}!}} = \frac{{{fn}}}{{{math.factorial(n)}}} = {tex(value)}\)."],
        data=_data(f, 0, n, "coefficient", power=n))


def second_order_about_a(rng):
    """The degree-2 Taylor polynomial of e^x, ln x or sqrt(x) about a point a ≠ 0."""
    case = rng.choice(["exp", "ln", "sqrt"])
    if case == "exp":
        a = rng.choice([1, 2, -1, 3])
        f, d = sp.exp(x), [sp.exp(a)] * 3
        rules = rf"Every derivative of \(e^x\) is \(e^x\), so each is \({tex(sp.exp(a))}\) at \(a = {a}\)."
    elif case == "ln":
        a = rng.choice([1, 2, 3])
        f, d = sp.log(x), [sp.log(a), sp.Rational(1, a), -sp.Rational(1, a * a)]
        rules = r"\(f'(x) = \frac{1}{x}\) and \(f''(x) = -\frac{1}{x^2}\)."
    else:
        m = rng.choice([1, 2, 3])
        a = m * m
        f, d = sp.sqrt(x), [sp.Integer(m), sp.Rational(1, 2 * m), -sp.Rational(1, 4 * m**3)]
        rules = r"\(f'(x) = \frac{1}{2}x^{-1/2}\) and \(f''(x) = -\frac{1}{4}x^{-3/2}\)."
    answer = taylor(d, a)
    return expression_question(
        answer,
        [(without_factorials(d, a), FORGOT_FACTORIAL), (powers_of_x(d, a), POWERS_OF_X),
         (taylor(d[:2], a), r"Degree 2 needs the \((x - a)^2\) term too.")],
        prompt=rf"Find the Taylor polynomial of degree 2 of \(f(x) = {tex(f)}\) about \(a = {a}\). "
               r"(Leave it in powers of \((x - a)\) if you like.)",
        hints=[TAYLOR, rules, POWERS_OF_X_MINUS_A],
        worked=[rules,
                rf"At \(a = {a}\): \(f = {tex(d[0])}\), \(f' = {tex(d[1])}\), \(f'' = {tex(d[2])}\).",
                rf"\(p_2(x) = {terms_tex(d, a)} = {taylor_tex(d, a)}\)."],
        data=_data(f, a, 2))


def approximate_root(rng):
    """sqrt(m² + h) from the degree-2 polynomial about m²: a number."""
    m = rng.choice([2, 3, 4, 5, 10])
    h = rng.choice([sp.Rational(1, 10), sp.Rational(1, 5), sp.Rational(-1, 10), sp.Rational(1, 2), -sp.Rational(1, 5)])
    a = m * m
    d = [sp.Integer(m), sp.Rational(1, 2 * m), -sp.Rational(1, 4 * m**3)]
    value = taylor(d, a).subs(x, a + h)
    first = taylor(d[:2], a).subs(x, a + h)
    target = a + h
    precision = figures_to_tell_apart(value, [first])
    require(precision is not None, "degree 1 and 2 agree to 6 figures")
    return numeric_question(
        value,
        [(first, "That is the first-order (tangent-line) estimate: the question asks for degree 2."),
         (without_factorials(d, a).subs(x, a + h), FORGOT_FACTORIAL)],
        prompt=rf"Use the Taylor polynomial of degree 2 of \(\sqrt{{x}}\) about \(a = {a}\) to estimate "
               rf"\(\sqrt{{{tex(target)}}}\). Give your answer to {{precision}}.",
        hints=[r"\(p_2(x) = \sqrt{a} + \frac{1}{2\sqrt{a}}(x - a) - \frac{1}{8a^{3/2}}(x - a)^2\).",
               rf"Here \(x - a = {tex(h)}\)."],
        worked=[rf"\(f({a}) = {m}\), \(f'({a}) = {tex(d[1])}\), \(f''({a}) = {tex(d[2])}\).",
                rf"\(p_2({tex(target)}) = {m} + {tex(d[1])}\cdot({tex(h)}) + \frac{{1}}{{2}}\left({tex(d[2])}\right)"
                rf"({tex(h)})^2 \approx {number(float(value), 8)}\).",
                rf"(The true value is \({number(math.sqrt(float(target)), 8)}\).)"],
        data=_data(sp.sqrt(x), a, 2, "approx", at=learner(target)), precision=precision)


def substitution(rng):
    """The degree-4 Maclaurin polynomial of e^(c x²) or cos(k x²)... by substituting into a known series."""
    case = rng.choice(["exp", "cos"])
    c = nonzero(rng, -3, 3)
    if case == "exp":
        f = sp.exp(c * x**2)
        answer = 1 + c * x**2 + c**2 * x**4 / 2
        known = r"e^u = 1 + u + \frac{u^2}{2!} + \cdots"
        wrong = [(1 + c * x**2 + c**2 * x**4, FORGOT_FACTORIAL),
                 (1 + c * x + c**2 * x**2 / 2 + c**3 * x**3 / 6 + c**4 * x**4 / 24,
                  rf"That is the series of \(e^{{{c}x}}\): here the exponent is \({tex(c * x**2)}\), so only even powers appear.")]
        u = c * x**2
    else:
        c = abs(c)
        f = sp.cos(c * x**2)
        answer = 1 - c**2 * x**4 / 2
        known = r"\cos u = 1 - \frac{u^2}{2!} + \frac{u^4}{4!} - \cdots"
        wrong = [(1 - c**2 * x**4, FORGOT_FACTORIAL),
                 (1 - c**2 * x**2 / 2 + c**4 * x**4 / 24, rf"That is the series of \(\cos({c}x)\): here \(u = {tex(c * x**2)}\).")]
        u = c * x**2
    return expression_question(
        answer, wrong,
        prompt=rf"Find the Taylor polynomial of degree 4 about 0 of \[f(x) = {tex(f)}.\] "
               r"(Shortcut: put \(u = " + tex(u) + r"\) into a series you know.)",
        hints=[rf"\({known}\)", rf"Substitute \(u = {tex(u)}\) and keep the powers of \(x\) up to \(x^4\)."],
        worked=[rf"\({known}\)", rf"With \(u = {tex(u)}\): terms up to \(x^4\) give \({tex(answer)}\).",
                "Differentiating four times would give the same polynomial, with more work."],
        data=_data(f, 0, 4))


TEMPLATES = [exponential_maclaurin, coefficient, second_order_about_a, approximate_root, substitution]
