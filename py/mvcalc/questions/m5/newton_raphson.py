"""Newton-Raphson in one dimension: steps by hand, two steps, the update formula, and iterating.

The iterates are computed here in exact or float arithmetic from the template's own
function; the tests recompute them independently with sympy.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import EXPRESSION_HINT, numeric_question, require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.precision import FOUR_FIGURES, Precision
from mvcalc.questions.printing import exact_and_decimal, learner, number, root, tex, x

FORMULA = r"Newton-Raphson: \(x_{n+1} = x_n - \dfrac{f(x_n)}{f'(x_n)}\)."
SIGN = "Sign slip: the step is minus f over f′ (you added it)."
UPSIDE = "The fraction is upside down: divide f by f′, not f′ by f."


def _step(f, df, value):
    return sp.nsimplify(value - f.subs(x, value) / df.subs(x, value))


def numeric(prompt, value, *, hints, worked, wrong=(), data=None,
            precision: Precision = FOUR_FIGURES) -> Question:
    """builders.numeric_question, as Modules 5's templates call it."""
    return numeric_question(prompt, value, hints=hints, worked=worked, wrong=wrong, data=data,
                            precision=precision)


def square_root(rng):
    """x1 for f = x^2 - a: Newton's square root (the Babylonian method)."""
    a = rng.choice([2, 3, 5, 6, 7, 10, 11, 13])
    x0 = rng.choice([1, 2, 3, 4])
    require(x0 * x0 != a)
    f, df = x**2 - a, 2 * x
    x1 = _step(f, df, x0)
    return numeric(
        rf"Newton-Raphson can find \(\sqrt{{{a}}}\) as the positive root of \(f(x) = {tex(f)}\). "
        rf"Starting from \(x_0 = {x0}\), what is \(x_1\)?",
        x1,
        hints=[FORMULA, rf"\(f'(x) = 2x\), so \(f({x0}) = {x0 * x0 - a}\) and \(f'({x0}) = {2 * x0}\)."],
        worked=[rf"\(f({x0}) = {x0}^2 - {a} = {x0 * x0 - a}\) and \(f'({x0}) = {2 * x0}\).",
                rf"\(x_1 = {x0} - \frac{{{x0 * x0 - a}}}{{{2 * x0}}} = {exact_and_decimal(x1)}\).",
                rf"(Compare \(\sqrt{{{a}}} \approx {math.sqrt(a):.6g}\).)"],
        wrong=[(x0 + (x0 * x0 - a) / (2 * x0), SIGN), (x0 - (2 * x0) / (x0 * x0 - a), UPSIDE)],
        data={"f": learner(f), "x0": x0, "steps": 1},
    )


def cubic_one_step(rng):
    """x1 for a cubic from an integer start."""
    b, c = nonzero(rng, -5, 5, not_one=False), nonzero(rng, -6, 6, not_one=False)
    x0 = nonzero(rng, -3, 3, not_one=False)
    f = x**3 + b * x + c
    df = 3 * x**2 + b
    require(df.subs(x, x0) != 0 and f.subs(x, x0) != 0)
    x1 = _step(f, df, x0)
    fv, dv = f.subs(x, x0), df.subs(x, x0)
    return numeric(
        rf"Take one Newton-Raphson step for \(f(x) = {tex(f)}\) from \(x_0 = {x0}\). What is \(x_1\)?",
        x1,
        hints=[FORMULA, rf"\(f'(x) = {tex(df)}\)."],
        worked=[rf"\(f'(x) = {tex(df)}\).",
                rf"\(f({x0}) = {fv}\) and \(f'({x0}) = {dv}\).",
                rf"\(x_1 = {x0} - \frac{{{fv}}}{{{dv}}} = {exact_and_decimal(x1)}\)."],
        wrong=[(x0 + fv / dv, SIGN), (x0 - dv / fv, UPSIDE), (x0 - fv, "Divide f(x₀) by the slope f′(x₀).")],
        data={"f": learner(f), "x0": x0, "steps": 1},
    )


def cubic_two_steps(rng):
    """x2 for a cubic: two steps, the second from a fraction."""
    b, c = nonzero(rng, -5, 5, not_one=False), nonzero(rng, -6, 6, not_one=False)
    x0 = nonzero(rng, -3, 3, not_one=False)
    f = x**3 + b * x + c
    df = 3 * x**2 + b
    require(df.subs(x, x0) != 0)
    x1 = _step(f, df, x0)
    require(df.subs(x, x1) != 0 and abs(float(x1)) < 10)
    x2 = _step(f, df, x1)
    return numeric(
        rf"For \(f(x) = {tex(f)}\), start at \(x_0 = {x0}\) and take two Newton-Raphson steps. "
        rf"What is \(x_2\)? (Give your answer to {{precision}}.)",
        x2,
        hints=[FORMULA, rf"First \(x_1 = {tex(x1)}\); then apply the same formula from \(x_1\)."],
        worked=[rf"\(f'(x) = {tex(df)}\).",
                rf"\(x_1 = {x0} - \frac{{{f.subs(x, x0)}}}{{{df.subs(x, x0)}}} = {tex(x1)}\).",
                rf"\(f(x_1) \approx {float(f.subs(x, x1)):.6g}\), \(f'(x_1) \approx {float(df.subs(x, x1)):.6g}\).",
                rf"\(x_2 = x_1 - \frac{{f(x_1)}}{{f'(x_1)}} \approx {float(x2):.6g}\)."],
        wrong=[(x1, r"That is \(x_1\), after one step: take a second step from it.")],
        data={"f": learner(f), "x0": x0, "steps": 2},
    )


def update_formula(rng):
    """The update x - f/f' as an expression in x, simplified or not."""
    a = rng.choice([2, 3, 5, 7])
    k = rng.choice([2, 3])
    f = x**k - a
    df = k * x**(k - 1)
    update = x - f / df
    return Question(
        kind="expression",
        prompt=(rf"Newton-Raphson for \(f(x) = {tex(f)}\) (it finds \({root(k, a)}\)) replaces each "
                rf"guess \(x\) by a new one, \(N(x)\). Write \(N(x)\) as an expression in \(x\)."),
        solution=learner(sp.simplify(update)),
        hints=[FORMULA, rf"\(f'(x) = {tex(df)}\); put \(f\) and \(f'\) into \(x - f(x)/f'(x)\)."],
        worked=[rf"\(f'(x) = {tex(df)}\).",
                rf"\(N(x) = x - \frac{{{tex(f)}}}{{{tex(df)}}} = {tex(sp.simplify(update))}\).",
                "Any equivalent form is accepted."],
        misconceptions=[Misconception(learner(x + f / df), SIGN), Misconception(learner(x - df / f), UPSIDE),
                        Misconception(learner(f / df), r"That is the size of the step: the new guess is \(x\) minus it.")],
        answer_hint=EXPRESSION_HINT,
        data={"f": learner(f)},
    )


def transcendental(rng):
    """Two steps for e^x - k or x - cos x style functions, in floats."""
    choice = rng.choice(["exp", "cos"])
    if choice == "exp":
        k = rng.choice([2, 3, 5, 10])
        f = sp.exp(x) - k
        x0 = rng.choice([1, 2])
    else:
        k = rng.choice([1, 2, 3])
        f = k * x - sp.cos(x)
        x0 = rng.choice([0, 1])
    df = sp.diff(f, x)  # the derivative of a fixed known form; checked by the tests independently
    x1 = float(x0 - f.subs(x, x0) / df.subs(x, x0))
    x2 = float(x1 - f.subs(x, x1) / df.subs(x, x1))
    return numeric(
        rf"Solve \({tex(f)} = 0\) with Newton-Raphson from \(x_0 = {x0}\). What is \(x_2\)? "
        r"(Give your answer to {precision}; use radians.)",
        x2,
        hints=[FORMULA, rf"\(f'(x) = {tex(df)}\)."],
        worked=[rf"\(f(x) = {tex(f)}\), \(f'(x) = {tex(df)}\).",
                rf"\(x_1 = {x0} - \frac{{f({x0})}}{{f'({x0})}} \approx {x1:.6g}\).",
                rf"\(x_2 = x_1 - \frac{{f(x_1)}}{{f'(x_1)}} \approx {x2:.6g}\)."],
        wrong=[(x1, r"That is \(x_1\): one more step.")],
        data={"f": learner(f), "x0": x0, "steps": 2},
    )


def iterate_to_root(rng):
    """Iterate until it settles: the root to 6 figures."""
    b, c = rng.choice([(-2, 2), (-4, 1), (-3, -1), (1, -3), (2, 5), (-5, 3)])
    f = x**3 + b * x + c
    df = 3 * x**2 + b
    x0 = rng.choice([-3, 3])
    xs = [float(x0)]
    fl, dfl = sp.lambdify(x, f), sp.lambdify(x, df)
    for _ in range(60):
        xs.append(xs[-1] - fl(xs[-1]) / dfl(xs[-1]))
    root = xs[-1]
    require(abs(fl(root)) < 1e-10 and abs(xs[-2] - root) < 1e-12)
    return numeric(
        rf"Iterate Newton-Raphson for \(f(x) = {tex(f)}\) from \(x_0 = {x0}\) until the guesses stop changing "
        r"(a spreadsheet, a calculator or a few lines of Python help). Which root does it reach? Give your answer to {precision}.",
        root,
        hints=[FORMULA, rf"\(f'(x) = {tex(df)}\). Near a root each step roughly doubles the correct digits: stop when two guesses agree to more figures than you need."],
        worked=[rf"\(x_{{n+1}} = x_n - \frac{{{tex(f.subs(x, sp.Symbol('x_n')))}}}{{{tex(df.subs(x, sp.Symbol('x_n')))}}}\).",
                "The guesses: " + ", ".join(f"{v:.6g}" for v in xs[:7]) + ", …",
                rf"They settle on \(x \approx {root:.6g}\), where \(f \approx 0\)."],
        wrong=[(xs[1], r"That is only \(x_1\): keep going until the guesses stop changing.")],
        data={"f": learner(f), "x0": x0, "steps": 60},
        precision=Precision(figures=5),
    )


TEMPLATES = [square_root, cubic_one_step, update_formula, cubic_two_steps, transcendental, iterate_to_root]
