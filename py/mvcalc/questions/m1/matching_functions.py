"""Matching functions visually: which graph shows f, which formula draws this graph.

Two shapes alternate: a graph choice (the formula is given, the candidates are
Plots) and a formula choice (the graph is the figure, the candidates are
formulas).  Every distractor is a named slip (the sign of the slope, a mirror
image, the wrong family) with its own feedback, and all candidates must look
clearly different over the plotted range.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import (choice_question, distinct_curves, plot_of, require,
                                       shared_y_range)
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.printing import learner, tex, x

ZERO = r"Put \(x = 0\) into the formula: where must the graph cross the \(y\)-axis?"


def graph_choice(rng, f, distractors, *, x_range, intro="", hints, worked, cap=12.0):
    """"Which graph shows f(x) = ...?" with one Plot per candidate."""
    exprs = [f] + [d for d, _ in distractors]
    require(distinct_curves(exprs, x_range), "two candidate graphs look alike")
    y_range = shared_y_range(exprs, x_range, cap)
    options = [{"plot": plot_of(f, x_range, y_range), "value": learner(f), "correct": True}]
    options += [{"plot": plot_of(d, x_range, y_range), "value": learner(d), "feedback": fb}
                for d, fb in distractors]
    return choice_question(
        rng, f"{intro} Which graph shows \\[f(x) = {tex(f)}?\\]".strip(), options,
        hints=hints, worked=worked, data={"f": learner(f), "shape": "graph choice"})


def formula_choice(rng, f, distractors, *, x_range, description, hints, worked, cap=12.0):
    """"Which formula gives this graph?" with the graph as the figure."""
    exprs = [f] + [d for d, _ in distractors]
    require(distinct_curves(exprs, x_range), "two candidate formulas draw alike")
    require(len({tex(e) for e in exprs}) == len(exprs), "two formulas print alike")
    figure = plot_of(f, x_range, shared_y_range([f], x_range, cap))
    options = [{"tex": tex(f), "value": learner(f), "correct": True}]
    options += [{"tex": tex(d), "value": learner(d), "feedback": fb} for d, fb in distractors]
    return choice_question(
        rng, f"{description} Which formula gives the graph shown?", options,
        figure=figure, hints=hints, worked=worked,
        data={"f": learner(f), "shape": "formula choice"})


def straight_line(rng):
    """Which graph shows f(x) = m x + c?"""
    m, c = nonzero(rng, -3, 3, not_one=False), nonzero(rng, -3, 3)
    distractors = [
        (-m * x + c, f"This line slopes the wrong way: the slope is \\({m}\\), so the line "
                     f"{'rises' if m > 0 else 'falls'} from left to right."),
        (m * x - c, f"This line crosses the \\(y\\)-axis at \\({-c}\\), but \\(f(0) = {c}\\)."),
    ]
    if abs(c) != abs(m):
        distractors.append((c * x + m, "This line has the slope and the intercept swapped."))
    return graph_choice(
        rng, m * x + c, distractors, x_range=(-4, 4),
        intro="A straight line: read off its slope and where it crosses the \\(y\\)-axis.",
        hints=[ZERO, f"The slope (rise over run) is \\({m}\\): does the line go up or down to the right?"],
        worked=[f"At \\(x = 0\\), \\(f(0) = {c}\\): the line crosses the \\(y\\)-axis at \\({c}\\).",
                f"The slope is \\({m}\\): the line {'rises' if m > 0 else 'falls'} "
                f"{abs(m)} for each step of 1 to the right.",
                "Graph {key} is the only one with both."],
    )


def parabola(rng):
    """Which formula gives this parabola, (x - p)^2 + q?"""
    p, q = nonzero(rng, -2, 2, not_one=False), nonzero(rng, -3, 3, not_one=False)
    f = (x - p)**2 + q
    return formula_choice(
        rng, f,
        [((x + p)**2 + q, f"That parabola has its lowest point at \\(x = {-p}\\): "
                          f"\\((x - p)^2\\) is smallest where \\(x = p\\)."),
         ((x - p)**2 - q, f"That parabola's lowest point is at height \\({-q}\\)."),
         (-(x - p)**2 + q, "A minus sign in front turns the parabola upside down; this one opens upward.")],
        x_range=(-5, 5),
        description="The graph below is a parabola.",
        hints=["Find the lowest point of the graph: the vertex.",
               r"\((x - p)^2 + q\) has its vertex at \((p, q)\), since \((x - p)^2 \ge 0\)."],
        worked=[f"The vertex is at \\(({p}, {q})\\) and the parabola opens upward.",
                f"\\((x - p)^2 + q\\) with \\(p = {p}\\), \\(q = {q}\\) is \\({tex(f)}\\): option {{key}}."],
    )


def exponential(rng):
    """Which graph shows f(x) = a e^(k x)?"""
    a, k = rng.choice([1, 2, 3]), rng.choice([1, -1])
    f = a * sp.exp(k * x)
    grows = "grows" if k > 0 else "decays"
    return graph_choice(
        rng, f,
        [(a * sp.exp(-k * x), f"That is the mirror image: \\({tex(f)}\\) {grows} as \\(x\\) increases."),
         (-a * sp.exp(k * x), f"That graph is below the axis, but \\({tex(f)}\\) is positive for every \\(x\\)."),
         (a * x**2, "That is a parabola: it is symmetric and touches 0, while an exponential never does.")],
        x_range=(-2.5, 2.5),
        hints=[ZERO, r"An exponential is always positive; \(e^{x}\) grows to the right and \(e^{-x}\) to the left."],
        worked=[f"\\(f(0) = {'' if a == 1 else a}e^0 = {a}\\).",
                f"The exponent is \\({tex(k * x)}\\), so \\(f\\) {grows} as \\(x\\) increases, "
                "and it is positive everywhere.",
                "Graph {key} is the one."],
    )


def wave(rng):
    """Which formula gives this wave, A sin(k x) or A cos(k x)?"""
    A, k = rng.choice([1, 2, 3]), rng.choice([1, 2])
    trig, other = (sp.sin, sp.cos) if rng.random() < 0.5 else (sp.cos, sp.sin)
    f = A * trig(k * x)
    k2 = 3 - k
    starts = "0" if trig is sp.sin else f"its maximum, {A}"
    return formula_choice(
        rng, f,
        [(A * other(k * x), f"At \\(x = 0\\) that formula gives {'0' if other is sp.sin else A}, "
                            f"but the graph starts at {starts}."),
         (-A * trig(k * x), "That is the graph flipped upside down: compare which way it goes just after 0."
          if trig is sp.sin else f"That is the graph flipped upside down: it starts at its minimum, \\({-A}\\)."),
         (A * trig(k2 * x), f"Count the waves: that formula repeats every \\({tex(2 * sp.pi / k2)}\\), "
                             f"this graph every \\({tex(2 * sp.pi / k)}\\).")],
        x_range=(-6.3, 6.3),
        description="The graph below is a wave.",
        hints=[r"Look at \(x = 0\): \(\sin 0 = 0\) and \(\cos 0 = 1\).",
               r"The height of the peaks is the amplitude \(A\); \(\sin(kx)\) repeats every \(\frac{2\pi}{k}\)."],
        worked=[f"At \\(x = 0\\) the graph is at {starts}, so it is a {'sine' if trig is sp.sin else 'cosine'}.",
                f"Peaks at height \\({A}\\): amplitude \\({A}\\).",
                f"It repeats every \\({tex(2 * sp.pi / k)}\\), so \\(k = {k}\\): \\({tex(f)}\\), option {{key}}."],
    )


def reciprocal(rng):
    """Which graph shows f(x) = a/x?"""
    a = nonzero(rng, -4, 4, not_one=False)
    f = a / x
    return graph_choice(
        rng, f,
        [(-a / x, f"That graph is in the wrong quadrants: for \\(x > 0\\), \\({tex(f)}\\) is "
                  f"{'positive' if a > 0 else 'negative'}."),
         (abs(a) / x**2, r"That is \(\frac{1}{x^2}\)-shaped: positive on both sides of 0."),
         (a * x, r"A straight line through 0; \(\frac{1}{x}\) has no value at 0 and shoots off there.")],
        x_range=(-4, 4), cap=6.0,
        hints=[r"What happens as \(x\) gets close to 0? And as \(x\) gets large?",
               f"Check the sign for \\(x = 1\\): \\(f(1) = {a}\\)."],
        worked=[r"\(\frac{a}{x}\) blows up near \(x = 0\) and tends to 0 for large \(x\).",
                f"\\(f(1) = {a}\\) and \\(f(-1) = {-a}\\): opposite signs on the two sides.",
                "Graph {key} is the one."],
    )


def cubic(rng):
    """Which formula gives this cubic, x^3 - b x (or its negative)?"""
    b = rng.choice([1, 2, 3, 4])
    s = rng.choice([1, -1])
    f = s * (x**3 - b * x)
    ends = "rises to the right" if s > 0 else "falls to the right"
    return formula_choice(
        rng, f,
        [(-f, f"The graph {ends}; that formula does the opposite."),
         (s * (x**3 + b * x), f"That cubic has only one zero, at 0; this graph crosses the axis three times."),
         (s * (x**2 - b), "That is a parabola: both of its ends go the same way.")],
        x_range=(-3, 3), cap=10.0,
        description="The graph below crosses the \\(x\\)-axis three times.",
        hints=[r"Where does each formula equal 0? Compare with where the graph crosses the axis.",
               r"For large \(x\), \(x^3\) wins: which way does the graph go at the right?"],
        worked=[f"\\({tex(f)} = {tex(s * x)}\\,({tex(x**2 - b)})\\) is zero at \\(x = 0\\) and "
                f"\\(x = \\pm{tex(sp.sqrt(b))}\\): three crossings.",
                f"The graph {ends}, which fixes the sign: option {{key}}."],
    )


def wave_on_a_slope(rng):
    """Which graph shows f(x) = A sin(x) + m x?"""
    A = rng.choice([1, 2])
    m = rng.choice([sp.Rational(1, 2), sp.Rational(-1, 2), sp.Integer(1), sp.Integer(-1)])
    f = A * sp.sin(x) + m * x
    return graph_choice(
        rng, f,
        [(A * sp.sin(x) - m * x, f"That wave drifts the other way: the term \\({tex(m * x)}\\) "
                                 f"{'lifts' if m > 0 else 'lowers'} the graph to the right."),
         (A * sp.cos(x) + m * x, rf"That graph misses the origin: at \(x = 0\) it is at height \({A}\), "
                                 r"since \(\cos 0 = 1\), while \(\sin 0 = 0\)."),
         (m * x * sp.sin(x), r"That wave's swings grow taller and taller with \(|x|\), and it is symmetric about "
                             r"the \(y\)-axis: multiplying by \(mx\) scales the wave, adding \(mx\) tilts it.")],
        x_range=(-6.3, 6.3),
        intro="A sum of two familiar functions.",
        hints=[r"Sketch the two parts separately: a wave and a straight line, then add them.",
               r"At \(x = 0\): \(\sin 0 = 0\), so the graph passes through the origin."],
        worked=[f"\\({tex(A * sp.sin(x))}\\) wiggles between \\(\\pm {A}\\); \\({tex(m * x)}\\) is a line "
                f"through the origin with slope \\({tex(m)}\\).",
                "Adding them tilts the wave along the line, and the sum passes through the origin.",
                "Graph {key} is the one."],
    )


TEMPLATES = [straight_line, parabola, exponential, wave, reciprocal, cubic, wave_on_a_slope]
