"""Special cases: which functions have a Maclaurin series, expanding 1/x and ln x about 1
instead, the radius of convergence, and what a series does beyond a corner."""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import choice_question, multi_question
from mvcalc.questions.m4.common import (FACTORIAL, FORGOT_FACTORIAL, POWERS_OF_X, TAYLOR, expression_question,
                                        numeric_question, powers_of_x, taylor, taylor_tex, terms_tex,
                                        without_factorials)
from mvcalc.questions.printing import factor, learner, number, tex, x

# (function, has a Maclaurin series, why)
CANDIDATES = [
    (sp.exp(x), True, r"\(e^x\) and all its derivatives are 1 at 0."),
    (sp.sin(x), True, r"\(\sin x\) is smooth at 0."),
    (sp.cos(2 * x), True, r"\(\cos 2x\) is smooth at 0."),
    (sp.log(1 + x), True, r"\(\ln(1 + x)\) is smooth at 0, where it equals \(\ln 1 = 0\)."),
    (1 / (1 - x), True, r"\(\frac{1}{1 - x}\) is smooth at 0; its trouble is at \(x = 1\)."),
    (1 / (1 + x**2), True, r"\(\frac{1}{1 + x^2}\) is smooth at 0."),
    (1 / x, False, r"\(\frac{1}{x}\) has no value at 0."),
    (sp.log(x), False, r"\(\ln x\) has no value at 0."),
    (sp.sqrt(x), False, r"\(\sqrt{x}\) has no slope at 0 (its derivative \(\frac{1}{2\sqrt{x}}\) blows up there)."),
    (sp.Abs(x), False, r"\(|x|\) has a corner at 0: its slope jumps from \(-1\) to \(1\)."),
    (1 / x**2, False, r"\(\frac{1}{x^2}\) has no value at 0."),
]


def which_have_maclaurin(rng):
    """Select all the functions that have a Maclaurin series (a series about 0)."""
    good = rng.sample([c for c in CANDIDATES if c[1]], 3)
    bad = rng.sample([c for c in CANDIDATES if not c[1]], 2)
    options = [{"tex": tex(f), "value": learner(f), "correct": ok,
                "feedback": ("" if ok else "") + why + (" It has one." if ok else " So it has none.")}
               for f, ok, why in good + bad]
    return multi_question(
        rng, r"Which of these functions have a Maclaurin series (a Taylor series about \(a = 0\))? Select all that apply.",
        options,
        hints=[r"A series about 0 needs \(f(0)\), \(f'(0)\), \(f''(0)\), … all to exist.",
               r"Look for a division by zero, a logarithm or root of 0, or a corner at 0."],
        worked=[" ".join(why for _, _, why in good + bad),
                "So the ones with a Maclaurin series are {keys}."],
        data={"kind": "has-maclaurin", "functions": [learner(f) for f, _, _ in good + bad]})


def reciprocal_about_a(rng):
    """The degree-3 Taylor polynomial of 1/x about a = 1 or 2 (1/x has no Maclaurin series)."""
    a = rng.choice([1, 2, -1])
    d = [sp.Integer((-1) ** n * sp.factorial(n)) / sp.Integer(a) ** (n + 1) for n in range(4)]
    answer = taylor(d, a)
    return expression_question(
        answer,
        [(taylor([abs(v) for v in d], a), r"The signs alternate: \(f^{(n)}(x) = (-1)^n\,n!/x^{n+1}\)."),
         (without_factorials(d, a), FORGOT_FACTORIAL), (powers_of_x(d, a), POWERS_OF_X)],
        prompt=rf"\(\frac{{1}}{{x}}\) has no Maclaurin series, but it has one about \(a = {a}\). "
               rf"Find its Taylor polynomial of degree 3 about \(a = {a}\).",
        hints=[r"\(f'(x) = -\frac{1}{x^2}\), \(f''(x) = \frac{2}{x^3}\), \(f'''(x) = -\frac{6}{x^4}\).", TAYLOR],
        worked=[rf"At \(a = {a}\): " + ", ".join(rf"\(f^{{({n})}} = {tex(v)}\)" for n, v in enumerate(d)) + ".",
                rf"\(p_3(x) = {terms_tex(d, a)}\)", rf"\(= {taylor_tex(d, a)}\)."],
        data={"f": "1/x", "about": str(a), "order": 3, "kind": "taylor"})


def log_about_one(rng):
    """The degree-n Taylor polynomial of c ln x about 1: coefficients 1/n, not 1/n!."""
    n = rng.choice([3, 4])
    c = rng.choice([1, 2, 3])
    d = [0] + [c * (-1) ** (k - 1) * sp.factorial(k - 1) for k in range(1, n + 1)]
    answer = taylor(d, 1)
    return expression_question(
        answer,
        [(c * sp.Add(*[(-1) ** (k - 1) * (x - 1)**k / sp.factorial(k) for k in range(1, n + 1)]),
          r"The \(n!\) partly cancels: \(f^{(k)}(1) = (-1)^{k-1}(k-1)!\), so the coefficient is \(\frac{(k-1)!}{k!} = \frac{1}{k}\)."),
         (c * sp.Add(*[(x - 1)**k / k for k in range(1, n + 1)]), r"The signs alternate, since \(f''(x) = -\frac{1}{x^2}\)."),
         (powers_of_x(d, 1), POWERS_OF_X)],
        prompt=rf"\(\ln x\) has no value at 0, so expand about 1 instead. Find the Taylor polynomial of degree {n} "
               rf"of \[f(x) = {tex(c * sp.log(x))}\] about \(a = 1\).",
        hints=[r"\(f'(x) = \frac{1}{x}\), \(f''(x) = -\frac{1}{x^2}\), \(f'''(x) = \frac{2}{x^3}\), "
               r"\(f^{(4)}(x) = -\frac{6}{x^4}\) (times the constant in front).", FACTORIAL],
        worked=[rf"At 1: " + ", ".join(rf"\(f^{{({k})}}(1) = {tex(v)}\)" for k, v in enumerate(d)) + ".",
                rf"\(p_{n}(x) = {terms_tex(d, 1)}\)", rf"\(= {taylor_tex(d, 1)}\)."],
        data={"f": learner(c * sp.log(x)), "about": "1", "order": n, "kind": "taylor"})


def radius(rng):
    """The radius of convergence about a of 1/(c − x) or ln(c + x): the distance to the trouble."""
    case = rng.choice(["geometric", "log"])
    c = rng.choice([1, 2, 3])
    a = rng.choice([0, 1, -1, 2])
    if case == "geometric":
        f, trouble = 1 / (c - x), c
    else:
        f, trouble = sp.log(c + x), -c
    if a == trouble:
        a = trouble - 1 if case == "geometric" else trouble + 1
    if case == "log" and a < trouble:
        a = trouble + 2
    value = abs(trouble - a)
    return numeric_question(
        value,
        [(trouble, f"\\(x = {trouble}\\) is where the trouble is; the radius is its distance from \\(a = {a}\\).")],
        prompt=rf"What is the radius of convergence of the Taylor series of \(f(x) = {tex(f)}\) about \(a = {a}\)?",
        hints=["The series converges out to the nearest point where f (or a derivative) breaks down.",
               rf"Where is \({tex(f)}\) undefined?"],
        worked=[rf"\({tex(f)}\) breaks down at \(x = {trouble}\).",
                rf"The radius is the distance from \(a = {a}\) to it: \(|{trouble} - {factor(a)}| = {value}\)."],
        data={"f": learner(f), "about": str(a), "kind": "radius"})


def where_it_converges(rng):
    """At which of these x does the Maclaurin series of 1/(1 − x), ln(1 + x) or 1/(1 + x²) give f(x)?"""
    f, trouble = rng.choice([
        (1 / (1 - x), r"\(\frac{1}{1 - x}\) breaks down at \(x = 1\), where it divides by zero: at distance 1."),
        (sp.log(1 + x), r"\(\ln(1 + x)\) breaks down at \(x = -1\), the log of 0: at distance 1."),
        (1 / (1 + x**2), r"For \(\frac{1}{1 + x^2}\) the trouble is at \(x = \pm i\), off the real line, at distance 1.")])
    points = rng.sample([sp.Rational(-3, 2), sp.Rational(-1, 2), sp.Rational(1, 4), sp.Rational(3, 4),
                         sp.Rational(6, 5), 2, 3, -3], 5)
    if not any(abs(p) < 1 for p in points):
        points[0] = sp.Rational(1, 2)
    if all(abs(p) < 1 for p in points):
        points[-1] = 2
    options = [{"tex": rf"x = {tex(p)}", "value": learner(p), "correct": abs(p) < 1,
                "feedback": (rf"\(|{tex(p)}| < 1\): inside the radius." if abs(p) < 1
                             else rf"\(|{tex(p)}| > 1\): outside the radius, where the terms grow without end.")}
               for p in points]
    return multi_question(
        rng, rf"At which of these points does the Maclaurin series of \(f(x) = {tex(f)}\) converge to \(f(x)\)? "
             "Select all that apply.", options,
        hints=["Find the radius of convergence: the distance from 0 to the nearest trouble.",
               trouble],
        worked=[r"The radius of convergence about 0 is 1 (the trouble is at distance 1 from 0).",
                r"So the series gives \(f(x)\) for \(|x| < 1\): {keys}."],
        data={"kind": "converges-at", "f": learner(f), "points": [learner(p) for p in points]})


TEMPLATES = [which_have_maclaurin, reciprocal_about_a, log_about_one, radius, where_it_converges]
