"""Checking Newton-Raphson: which starts converge, cycle, jump or diverge, and why.

Each fate is decided here by iterating in floats; the tests classify the same starts again
with their own iteration and with sympy's roots.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import choice_question, multi_question, require
from mvcalc.questions.m5.newton_raphson import FORMULA, numeric
from mvcalc.questions.printing import factor, learner, number, tex, x


def fate(f, df, x0: float, steps: int = 60) -> tuple[str, float]:
    """("converges", root) / ("cycle", period-2 partner) / ("flat", x) / ("diverges", last)."""
    xs = [float(x0)]
    for _ in range(steps):
        slope = df(xs[-1])
        if slope == 0:
            return "flat", xs[-1]
        nxt = xs[-1] - f(xs[-1]) / slope
        if not math.isfinite(nxt) or abs(nxt) > 1e8:
            return "diverges", nxt
        xs.append(nxt)
    if abs(f(xs[-1])) < 1e-9:
        return "converges", xs[-1]
    if abs(xs[-1] - xs[-3]) < 1e-9:
        return "cycle", xs[-2]
    return "wanders", xs[-1]


def the_cycle(rng):
    """(x - s)^3 - 2(x - s) + 2 from s: the lesson's cycle, shifted."""
    s = rng.randint(-3, 3)
    u = x - s
    f = sp.expand(u**3 - 2 * u + 2)
    df = sp.diff(f, x)
    fl, dfl = sp.lambdify(x, f), sp.lambdify(x, df)
    kind, partner = fate(fl, dfl, s)
    require(kind == "cycle")
    root = float(s + sp.nsolve(x**3 - 2 * x + 2, x, -1.77))
    options = [
        {"correct": True, "tex": rf"\text{{It cycles for ever: }} {s}, {s + 1}, {s}, {s + 1}, \dots"},
        {"tex": rf"\text{{It converges to the root near }} {root:.4f}",
         "feedback": "Work out x₁ and x₂ by hand: x₂ lands exactly back on x₀, so the guesses repeat and never reach the root."},
        {"tex": r"\text{It diverges: the guesses grow without limit}",
         "feedback": "The guesses stay bounded: they repeat two values exactly."},
        {"tex": r"\text{It stops at once: } f'(x_0) = 0",
         "feedback": f"f′({s}) = {dfl(s):g}, not 0: a first step can be taken."},
    ]
    return choice_question(
        rng, rf"Newton-Raphson is started at \(x_0 = {s}\) on \[f(x) = {tex(f)}.\] What happens?", options,
        hints=[FORMULA, rf"Compute \(x_1\) and \(x_2\): \(f'(x) = {tex(df)}\)."],
        worked=[rf"\(f({s}) = {fl(s):g}\), \(f'({s}) = {dfl(s):g}\), so \(x_1 = {s + 1}\).",
                rf"\(f({s + 1}) = {fl(s + 1):g}\), \(f'({s + 1}) = {dfl(s + 1):g}\), so \(x_2 = {s}\) again.",
                "So the answer is {key}: the guesses cycle for ever."],
        data={"f": learner(f), "x0": s, "fate": "cycle"},
    )


def which_starts_converge(rng):
    """Select every start from which the method reaches a root (on x^3 - 3x + c)."""
    c = rng.choice([1, -1, 2, 3])
    f = x**3 - 3 * x + c
    df = 3 * x**2 - 3
    fl, dfl = sp.lambdify(x, f), sp.lambdify(x, df)
    starts = sorted(rng.sample([-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3], 5))
    fates = {s: fate(fl, dfl, s)[0] for s in starts}
    require(any(v == "converges" for v in fates.values()) and any(v != "converges" for v in fates.values()))
    options = []
    for s in starts:
        ok = fates[s] == "converges"
        why = ("f′ is 0 there: the tangent is flat and never meets the axis" if fates[s] == "flat"
               else "the guesses do not settle on a root")
        options.append({"correct": ok, "tex": rf"x_0 = {number(s)}",
                        "feedback": None if ok else rf"From \(x_0 = {number(s)}\), {why}."})
    return multi_question(
        rng, rf"For \(f(x) = {tex(f)}\), from which starts does Newton-Raphson reach a root? Select all that apply.",
        options,
        hints=[FORMULA, r"\(f'(x) = 3x^2 - 3\) is zero at \(x = \pm 1\): what happens to a step there?"],
        worked=[r"\(f'(\pm 1) = 0\): from \(x_0 = \pm 1\) no step can be taken.",
                "From the other starts the tangents lead to a root (try them in the lesson's figure, case 'flat tangents', for c = 1).",
                "So: {keys}."],
        data={"f": learner(f), "starts": starts, "fates": [fates[s] for s in starts]},
    )


def doubling(rng):
    """The cube root: every step doubles the distance (and flips the side)."""
    c = rng.choice([0.1, 0.2, 0.5, 1, 2, -0.1, -0.5])
    n = rng.choice([2, 3, 4])
    value = (-2) ** n * c
    return numeric(
        rf"For \(f(x) = x^{{1/3}}\) (the real cube root), \(f'(x) = \tfrac{{1}}{{3}}x^{{-2/3}}\), so "
        rf"\(\frac{{f(x)}}{{f'(x)}} = 3x\). Start Newton-Raphson at \(x_0 = {number(c)}\). What is \(x_{{{n}}}\)?",
        value,
        hints=[FORMULA, r"\(x_{n+1} = x_n - 3x_n = -2x_n\)."],
        worked=[r"\(x_{n+1} = x_n - 3x_n = -2x_n\): each step doubles the distance from the root 0 and switches side.",
                rf"\(x_{{{n}}} = (-2)^{{{n}}} \times {factor(c)} = {number(value)}\): the method diverges from every start except the root itself."],
        wrong=[(2 ** n * c, "Mind the sign: each step lands on the other side of 0."),
               ((-0.5) ** n * c, "The steps overshoot: each one doubles the distance, it does not halve it.")],
        data={"f": "x^(1/3)", "x0": c, "steps": n},
    )


def jump_root(rng):
    """sin x from near a peak: which root is reached?"""
    x0 = rng.choice([1.3, 1.35, 1.45, 1.5, -1.45, -1.5, 4.6, 1.2])
    kind, root = fate(math.sin, math.cos, x0)
    require(kind == "converges")
    k = round(root / math.pi)
    require(abs(k) >= 1 and abs(root - math.pi * round(x0 / math.pi)) > 1)
    return numeric(
        rf"Newton-Raphson on \(f(x) = \sin x\) starts at \(x_0 = {x0}\), close to a peak or trough. "
        r"The roots of \(\sin x\) are the multiples of \(\pi\). Which root does it reach? Give its value to {precision}.",
        k * math.pi,
        hints=[FORMULA + r" Here \(x_{n+1} = x_n - \tan x_n\).",
               rf"The first step is \(x_1 = {x0} - \tan({x0}) \approx {x0 - math.tan(x0):.4g}\): a long way off."],
        worked=[r"\(x_{n+1} = x_n - \frac{\sin x_n}{\cos x_n} = x_n - \tan x_n\).",
                rf"\(x_1 \approx {x0 - math.tan(x0):.5g}\): near a peak the tangent is almost flat, so the step is huge.",
                rf"Iterating, the guesses settle on \({k}\pi \approx {k * math.pi:.5g}\), not the nearest root."],
        wrong=[(math.pi * round(x0 / math.pi), "That is the root nearest the start, but the first step flies past it.")],
        data={"f": "sin(x)", "x0": x0, "steps": 60},
    )


def cycle_start(rng):
    """Find the 2-cycle partner: from which x0 does x^3 - 2x + 2 shifted by s cycle, given x1."""
    s = rng.randint(-2, 2)
    u = x - s
    f = sp.expand(u**3 - 2 * u + 2)
    df = sp.diff(f, x)
    x0 = s + 1
    x1 = sp.nsimplify(x0 - f.subs(x, x0) / df.subs(x, x0))
    x2 = sp.nsimplify(x1 - f.subs(x, x1) / df.subs(x, x1))
    require(x2 == x0)
    wrong = x0 + f.subs(x, x0) / df.subs(x, x0)
    return numeric(
        rf"Newton-Raphson on \(f(x) = {tex(f)}\) from \(x_0 = {x0}\) gives \(x_1\), then \(x_2\). "
        rf"What is \(x_2\)? What does that tell you?",
        x2,
        hints=[FORMULA, rf"\(f'(x) = {tex(df)}\); compute \(x_1\) first."],
        worked=[rf"\(x_1 = {x0} - \frac{{{f.subs(x, x0)}}}{{{df.subs(x, x0)}}} = {x1}\).",
                rf"\(x_2 = {x1} - \frac{{{f.subs(x, x1)}}}{{{df.subs(x, x1)}}} = {x2}\), the start again: a cycle of period 2, "
                "so this start never finds the root."],
        wrong=[(wrong, "Sign slip in the first step: subtract f/f′.")],
        data={"f": learner(f), "x0": x0, "steps": 2},
    )


TEMPLATES = [the_cycle, doubling, cycle_start, which_starts_converge, jump_root]
