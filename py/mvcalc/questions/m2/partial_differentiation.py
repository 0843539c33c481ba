"""Partial differentiation: hold every other variable still and differentiate.

The set's first six templates are the algebra; the templates on the idea (which letters vary in a
context, units and meaning, partial versus total) live in :mod:`mvcalc.questions.m2.partial_ideas`.

Answers are derived by hand from each template's parameters, never by sympy.diff; the tests
recompute them with sympy. The named slips: differentiating the variable that is held still
(treating y as a variable when differentiating with respect to x), dropping a constant factor
that contains the other variable, keeping a term that has no differentiation variable in it,
and a missing chain-rule factor.
"""
from __future__ import annotations

import dataclasses

import sympy as sp

from mvcalc.questions.builders import derivative_question
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m2.partial_ideas import IDEAS
from mvcalc.questions.printing import tex, x, y, z

HOLD = (r"A partial derivative holds every other variable still: treat it exactly like a number, "
        r"as in \(\frac{\partial}{\partial x}(5 x^2) = 10x\).")


def _names(others) -> str:
    """\\(x\\) / \\(x\\) and \\(y\\): each letter in its own maths."""
    names = [rf"\({o}\)" for o in others]
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def _held(wrt, others) -> str:
    return (rf"Here {_names(others)} {'is' if len(others) == 1 else 'are'} held constant: "
            rf"differentiate with respect to \({wrt}\) only.")


def _treated(wrt, *others) -> str:
    one = len(others) == 1
    return (rf"You treated {_names(others)} as {'a variable' if one else 'variables'} when differentiating "
            rf"with respect to \({wrt}\): in \(\partial / \partial {wrt}\), "
            rf"{_names(others) + ' is a constant' if one else 'they are constants'}.")


def partial_question(f, wrt, answer, *, symbols, wrong, hints, worked, intro=""):
    names = ", ".join(str(s) for s in symbols)
    ask = rf"Find \(\dfrac{{\partial f}}{{\partial {wrt}}}\) for \[f({names}) = {tex(f)}.\]"
    q = derivative_question(f, answer, wrong=wrong, hints=hints, worked=worked, intro=intro, ask=ask,
                            symbols=symbols)
    return dataclasses.replace(q, data={**q.data, "wrt": str(wrt), "variables": [str(s) for s in symbols]})


def monomial(rng):
    """∂/∂x of a x^m y^n: the y^n is a constant factor."""
    a, m, n = nonzero(rng, -7, 7), rng.randint(2, 5), rng.randint(2, 4)
    f = a * x**m * y**n
    answer = a * m * x**(m - 1) * y**n
    return partial_question(
        f, x, answer, symbols=(x, y),
        intro="The lesson's first example: one term.",
        wrong=[(answer + a * n * x**m * y**(n - 1), _treated("x", "y")),
               (a * m * x**(m - 1), rf"\(y^{{{n}}}\) is a constant factor here: it stays in the answer."),
               (a * m * n * x**(m - 1) * y**(n - 1), _treated("x", "y") + " Only the power of \\(x\\) comes down.")],
        hints=[HOLD, rf"\(y^{{{n}}}\) is a constant factor, like the \({a}\): differentiate \(x^{{{m}}}\) by the power rule."],
        worked=[_held("x", ["y"]),
                rf"\(\frac{{\partial}}{{\partial x}} x^{{{m}}} = {tex(m * x**(m - 1))}\), and the factor \({tex(a * y**n)}\) stays.",
                rf"So \(\frac{{\partial f}}{{\partial x}} = {tex(answer)}\)."],
    )


def polynomial_in_y(rng):
    """∂/∂y of x² y³ + b x y + c x²: the last term has no y."""
    b, c, k = nonzero(rng, -6, 6), nonzero(rng, -6, 6), rng.randint(2, 4)
    f = x**2 * y**k + b * x * y + c * x**2
    answer = k * x**2 * y**(k - 1) + b * x
    return partial_question(
        f, y, answer, symbols=(x, y),
        wrong=[(answer + 2 * x * y**k + b * y + 2 * c * x, _treated("y", "x")),
               (answer + c * x**2, rf"The term \({tex(c * x**2)}\) has no \(y\) in it: it is a constant, and its partial derivative is 0."),
               (k * x**2 * y**(k - 1) + b, rf"In \({tex(b * x * y)}\), the \(x\) is a constant factor: \(\frac{{\partial}}{{\partial y}}({tex(b * x * y)}) = {tex(b * x)}\).")],
        hints=[HOLD, r"Differentiate term by term; a term without \(y\) differentiates to 0."],
        worked=[_held("y", ["x"]),
                rf"\(\frac{{\partial}}{{\partial y}}(x^2 y^{{{k}}}) = {tex(k * x**2 * y**(k - 1))}\).",
                rf"\(\frac{{\partial}}{{\partial y}}({tex(b * x * y)}) = {tex(b * x)}\).",
                rf"\(\frac{{\partial}}{{\partial y}}({tex(c * x**2)}) = 0\): no \(y\) in it.",
                rf"So \(\frac{{\partial f}}{{\partial y}} = {tex(answer)}\)."],
    )


def product_with_exponential(rng):
    """∂/∂x of sin(a x) e^(b y): a chain factor, and e^(b y) a constant factor."""
    a, b = rng.randint(2, 5), nonzero(rng, -4, 4)
    f = sp.sin(a * x) * sp.exp(b * y)
    answer = a * sp.cos(a * x) * sp.exp(b * y)
    return partial_question(
        f, x, answer, symbols=(x, y),
        wrong=[(sp.cos(a * x) * sp.exp(b * y), rf"Chain rule: \(\frac{{\partial}}{{\partial x}} \sin({a}x) = {a}\cos({a}x)\); the factor \({a}\) is missing."),
               (answer + b * sp.sin(a * x) * sp.exp(b * y), _treated("x", "y") + " No product rule is needed."),
               (a * sp.cos(a * x) * b * sp.exp(b * y), _treated("x", "y"))],
        hints=[HOLD + rf" So \(e^{{{tex(b * y)}}}\) is a constant factor.",
               rf"\(\frac{{d}}{{dx}}\sin({a}x) = {a}\cos({a}x)\) by the chain rule."],
        worked=[_held("x", ["y"]),
                rf"\(e^{{{tex(b * y)}}}\) is a constant factor; \(\frac{{\partial}}{{\partial x}} \sin({a}x) = {a}\cos({a}x)\).",
                rf"So \(\frac{{\partial f}}{{\partial x}} = {tex(answer)}\)."],
    )


def three_variables(rng):
    """∂/∂z of x e^(a y z) + b y z²: three variables, two of them held."""
    a, b = nonzero(rng, -3, 3), nonzero(rng, -5, 5)
    f = x * sp.exp(a * y * z) + b * y * z**2
    answer = a * x * y * sp.exp(a * y * z) + 2 * b * y * z
    return partial_question(
        f, z, answer, symbols=(x, y, z),
        intro="Three variables: hold two still.",
        wrong=[(x * sp.exp(a * y * z) + 2 * b * y * z, rf"Chain rule: \(\frac{{\partial}}{{\partial z}} e^{{{tex(a * y * z)}}} = {tex(a * y)} e^{{{tex(a * y * z)}}}\)."),
               (answer + sp.exp(a * y * z) + b * z**2, _treated("z", "x", "y"))],
        hints=[HOLD, rf"For \(\partial / \partial z\), \(x\) and \(y\) are constants, so \({tex(a * y * z)}\) is a constant times \(z\)."],
        worked=[_held("z", ["x", "y"]),
                rf"\(\frac{{\partial}}{{\partial z}}\left(x e^{{{tex(a * y * z)}}}\right) = {tex(a * x * y * sp.exp(a * y * z))}\) (chain rule, factor \({tex(a * y)}\)).",
                rf"\(\frac{{\partial}}{{\partial z}}({tex(b * y * z**2)}) = {tex(2 * b * y * z)}\).",
                rf"So \(\frac{{\partial f}}{{\partial z}} = {tex(answer)}\)."],
    )


def log_and_quotient(rng):
    """∂/∂y of x ln(x y) + y^n / x: ln of a product, and 1/x a constant."""
    n = rng.randint(2, 4)
    a = nonzero(rng, -4, 4)
    f = a * x * sp.log(x * y) + y**n / x
    answer = a * x / y + n * y**(n - 1) / x
    return partial_question(
        f, y, answer, symbols=(x, y),
        intro=r"Use \(\ln(xy) = \ln x + \ln y\), or the chain rule.",
        wrong=[(a * sp.log(x * y) + a + n * y**(n - 1) / x, rf"That is \(\partial / \partial x\) of the first term; here we differentiate with respect to \(y\)."),
               (a * x / y + n * y**(n - 1) / x - y**n / x**2, _treated("y", "x")),
               (a / y + n * y**(n - 1) / x, rf"\(\frac{{\partial}}{{\partial y}} \ln(xy) = \frac{{1}}{{y}}\), and the factor \({tex(a * x)}\) in front stays.")],
        hints=[HOLD, r"\(\ln(xy) = \ln x + \ln y\): only \(\ln y\) changes with \(y\). And \(\frac{1}{x}\) is a constant factor."],
        worked=[_held("y", ["x"]),
                rf"\({tex(a * x * sp.log(x * y))} = {tex(a * x)}(\ln x + \ln y)\), whose \(y\)-derivative is \({tex(a * x / y)}\).",
                rf"\(\frac{{\partial}}{{\partial y}} \frac{{y^{{{n}}}}}{{x}} = {tex(n * y**(n - 1) / x)}\).",
                rf"So \(\frac{{\partial f}}{{\partial y}} = {tex(answer)}\)."],
    )


def can_mass(rng):
    """∂m/∂r of the lesson's can, m = 2π r² t ρ + 2π r h t ρ with numbers for t and ρ."""
    t = rng.choice([sp.Rational(1, 100), sp.Rational(2, 100), sp.Rational(1, 50), sp.Rational(3, 100)])
    rho = rng.choice([sp.Rational(27, 10), sp.Rational(79, 10)])      # aluminium, steel (g/cm^3)
    r, h = sp.symbols("r h")
    k = 2 * sp.pi * t * rho
    f = k * r**2 + k * r * h
    answer = 2 * k * r + k * h
    q = partial_question(
        f, r, answer, symbols=(r, h),
        intro=rf"The lesson's can, with walls \(t = {tex(t)}\) cm thick of a metal with density \(\rho = {tex(rho)}\) g/cm³, has mass \(m = 2\pi r^2 t\rho + 2\pi r h t\rho\). Type \(\pi\) as pi.",
        wrong=[(2 * k * r, r"The side, \(2\pi r h t\rho\), depends on \(r\) too: differentiate both terms."),
               (2 * k * r + k * h + 2 * k * h + k * r, _treated("r", "h"))],
        hints=[HOLD + r" Here \(h\), \(t\) and \(\rho\) are all constants.",
               r"\(\frac{\partial m}{\partial r} = 4\pi r t\rho + 2\pi h t\rho\) in general: now put in the numbers."],
        worked=[r"\(\frac{\partial m}{\partial r} = 4\pi r t\rho + 2\pi h t\rho\).",
                rf"With \(t\rho = {tex(t * rho)}\): \(\frac{{\partial m}}{{\partial r}} = {tex(answer)}\)."],
    )
    return dataclasses.replace(q, prompt=q.prompt.replace(r"\dfrac{\partial f}{\partial r}", r"\dfrac{\partial m}{\partial r}")
                               .replace("f(r, h) =", "m(r, h) ="))


# the algebra first, then the ideas (variables, constants and context); new templates go at the end
TEMPLATES = [monomial, polynomial_in_y, product_with_exponential, three_variables, log_and_quotient, can_mass,
             *IDEAS]
