"""Checking Newton-Raphson, continued: the slow finish at a double root, and reading a table of
guesses to tell convergence from a cycle, divergence or a function with no root at all.

The iterates are computed here in floats; the tests iterate again with mpmath at 30 digits and
look for the roots with sympy.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import choice_question, require
from mvcalc.questions.m5.newton_raphson import FORMULA, numeric
from mvcalc.questions.printing import learner, shifted, tex, x


def double_root(rng):
    """f = (x - r)^2 touches the axis: each step only halves the distance (linear convergence)."""
    r = rng.randint(-3, 4)
    d = rng.choice([-4, -2, 2, 4, 8])
    n = rng.choice([3, 4, 5])
    f = sp.expand((x - r) ** 2)
    x0 = r + d
    value = r + sp.Rational(d, 2**n)
    x1 = r + sp.Rational(d, 2)
    return numeric(
        rf"Newton-Raphson runs on \(f(x) = {tex(f)}\) from \(x_0 = {x0}\). What is \(x_{{{n}}}\)?",
        value,
        hints=[FORMULA, rf"\(f'(x) = {tex(sp.diff(f, x))}\). Work out \(x_1\) and \(x_2\): how does the distance to the root change?"],
        worked=[rf"\(f(x) = {tex((x - r) ** 2)}\) touches the axis at its root \(x = {r}\), where \(f'\) is zero too.",
                rf"\(\dfrac{{f(x)}}{{f'(x)}} = \dfrac{{{tex((x - r) ** 2)}}}{{{tex(2 * (x - r))}}} = \dfrac{{{tex(x - r)}}}{{2}}\), "
                rf"so each step moves only half way to the root: \({shifted('x_{n+1}', r)} = \tfrac12 ({shifted('x_n', r)})\)."
                if r else
                rf"\(\dfrac{{f(x)}}{{f'(x)}} = \dfrac{{x^2}}{{2x}} = \dfrac{{x}}{{2}}\), so each step moves only half way to the "
                r"root: \(x_{n+1} = \tfrac12 x_n\).",
                rf"\(x_1 = {tex(x1)}\), and after {n} steps \(x_{{{n}}} = {r} + \dfrac{{{d}}}{{2^{{{n}}}}} = {tex(value)}\)."
                if r else rf"\(x_1 = {tex(x1)}\), and after {n} steps \(x_{{{n}}} = \dfrac{{{d}}}{{2^{{{n}}}}} = {tex(value)}\).",
                r"At a double root the error only halves each step (one binary digit at a time), "
                r"instead of the digits doubling: Newton-Raphson is slow there."],
        wrong=[(r, rf"The guesses approach {r} but never reach it: each step only halves the distance."),
               (r + sp.Rational(d, 2 ** (n + 1)), r"Count the steps: \(x_1\) is half way, so \(x_n\) has halved the distance \(n\) times."),
               (x1, r"That is \(x_1\): keep halving the distance, once per step.")],
        data={"f": learner(f), "x0": x0, "steps": n},
    )


def _tex_number(value: float, digits: int) -> str:
    """A float to ``digits`` significant figures in TeX: "2.0946", "-1.2 \\times 10^{-7}"."""
    text = f"{value:.{digits}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def _iterate(f, x0, steps):
    fl, dfl = sp.lambdify(x, f, "math"), sp.lambdify(x, sp.diff(f, x), "math")
    xs = [float(x0)]
    for _ in range(steps):
        xs.append(xs[-1] - fl(xs[-1]) / dfl(xs[-1]))
    return xs, fl


FATES = {
    "converges": r"It converges: \(f(x_n) \to 0\) and the steps shrink fast.",
    "cycle": r"It is stuck in a cycle: the same two guesses repeat for ever.",
    "diverges": r"It diverges: the guesses swing from side to side, further each time.",
    "no root": r"It wanders: \(f\) has no root here, so \(f(x_n)\) never gets near 0.",
}


def read_the_table(rng):
    """Which fate do these guesses show? Always check f(x_n), and whether the steps shrink."""
    case = rng.choice(list(FATES))
    s = rng.randint(-2, 2)
    if case == "converges":
        f = sp.expand((x - s) ** 3 - 2 * (x - s) - 5)
        x0 = s + rng.choice([2, 3])
    elif case == "cycle":
        f = sp.expand((x - s) ** 3 - 2 * (x - s) + 2)
        x0 = s
    elif case == "diverges":
        f = sp.atan(x - s)
        x0 = s + rng.choice([1.5, 1.6, -1.5, -1.6])
    else:
        c = rng.randint(1, 4)
        f = sp.expand((x - s) ** 2 + c)
        x0 = s + rng.choice([0.5, -0.5, 1, -1, 2])
    f_tex = rf"\arctan\left({tex(x - s)}\right)" if case == "diverges" else tex(f)
    xs, fl = _iterate(f, x0, 5)
    require(all(math.isfinite(v) and abs(v) < 1e6 for v in xs))
    rows = r" \\ ".join(rf"{i} & {_tex_number(v, 6)} & {_tex_number(fl(v), 4)}" for i, v in enumerate(xs))
    table = r"\[\begin{array}{c|cc} n & x_n & f(x_n) \\ \hline " + rows + r" \end{array}\]"
    why = {
        "converges": r"\(f(x_n)\) falls to almost 0 and each step is far smaller than the last.",
        "cycle": r"The guesses repeat exactly, two values in turn, and \(f(x_n)\) repeats with them.",
        "diverges": r"The guesses change sign each step and grow, so the method runs away from the root.",
        "no root": rf"\(f(x) = {tex((x - s) ** 2 + f.subs(x, s))}\) is never below {f.subs(x, s)}: there is no root to find, "
                   r"so the guesses jump about and \(f(x_n)\) never gets near 0.",
    }[case]
    options = [{"text": t, "correct": k == case,
                "feedback": rf"Look at both columns: do the steps shrink, and does \(f(x_n)\) head for 0? {why}"}
               for k, t in FATES.items()]
    return choice_question(
        rng, rf"Newton-Raphson on \(f(x) = {f_tex}\) from \(x_0 = {x0}\) gives these guesses: {table} What do they show?",
        options,
        hints=[r"A root-finder has succeeded only when \(f(x_n)\) is close to 0 and the guesses have stopped changing.",
               r"Compare each row with the one before: shrinking steps, repeating values, or growing swings?"],
        worked=[why, r"So the answer is {key}. Always check the result like this: a list of guesses proves nothing "
                     r"until \(f\) is near 0."],
        data={"f": learner(f), "x0": x0, "truth": case},
    )


TEMPLATES = [double_root, read_the_table]
