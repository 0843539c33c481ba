"""Matching the graph of a function to the graph of its derivative.

The figure shows f; the candidates are graphs, one of them f'.  At the hard
end the direction reverses: the figure shows f' and the learner picks a
function it could have come from.  Distractors are named slips: f itself,
the slope's sign flipped, the turning point in the wrong place, the second
derivative.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import (choice_question, distinct_curves, plot_of, require,
                                       shared_y_range)
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.printing import learner, tex, x

SLOPE = ("Read the slope of the graph at a few places: where it rises, \\(f' > 0\\); "
         "where it falls, \\(f' < 0\\); at a turning point, \\(f' = 0\\).")
ITSELF = "That is the graph of \\(f\\) itself, not of its slope."
SIGN = ("Sign slip: where \\(f\\) rises, \\(f'\\) is positive, and where \\(f\\) falls, \\(f'\\) is negative; "
        "this graph has the signs the other way round.")


def derivative_graph(rng, shown, right, distractors, *, x_range, reverse=False,
                     hints, worked, cap=12.0):
    """Figure ``shown``; candidates ``right`` (correct) and ``distractors``."""
    exprs = [right] + [d for d, _ in distractors]
    require(distinct_curves(exprs, x_range), "two candidate graphs look alike")
    y_range = shared_y_range(exprs, x_range, cap)
    figure = plot_of(shown, x_range, shared_y_range([shown], x_range, cap))
    options = [{"plot": plot_of(right, x_range, y_range), "value": learner(right), "correct": True}]
    options += [{"plot": plot_of(d, x_range, y_range), "value": learner(d), "feedback": fb}
                for d, fb in distractors]
    if reverse:
        prompt = ("The figure shows the graph of a derivative \\(f'(x)\\). "
                  "Which graph could be the function \\(f(x)\\) itself?")
    else:
        prompt = "The figure shows the graph of \\(f(x)\\). Which graph shows its derivative \\(f'(x)\\)?"
    return choice_question(
        rng, prompt, options, figure=figure, hints=hints, worked=worked,
        data={"shown": learner(shown), "direction": "antiderivative" if reverse else "derivative"})


def line(rng):
    """f is a straight line, so f' is a constant."""
    m, c = nonzero(rng, -3, 3, not_one=False), nonzero(rng, -3, 3)
    f = m * x + c
    return derivative_graph(
        rng, f, sp.Integer(m),
        [(sp.Integer(-m), SIGN), (f, ITSELF),
         (m * x, "A straight line has the same slope everywhere, so its derivative is a constant: a flat line.")],
        x_range=(-4, 4),
        hints=[SLOPE, "A straight line has the same slope everywhere."],
        worked=[f"The line rises {m} for each step of 1 to the right: its slope is \\({m}\\) everywhere."
                if m > 0 else
                f"The line falls {-m} for each step of 1 to the right: its slope is \\({m}\\) everywhere.",
                f"So \\(f'(x) = {m}\\), a flat line at height \\({m}\\): graph {{key}}."],
    )


def parabola(rng):
    """f is a parabola, so f' is a line through the turning point."""
    a, p, q = rng.choice([1, -1, 2, -2]) / sp.Integer(2), nonzero(rng, -2, 2, not_one=False), rng.randint(-2, 2)
    f = a * (x - p)**2 + q
    df = 2 * a * (x - p)
    return derivative_graph(
        rng, f, df,
        [(-df, SIGN),
         (2 * a * (x + p), f"\\(f\\) turns at \\(x = {p}\\), so that is where \\(f'\\) must be 0."),
         (f, ITSELF)],
        x_range=(-4, 4),
        hints=[SLOPE, "Where is the turning point of the parabola? The derivative is 0 there."],
        worked=[f"The parabola turns at \\(x = {p}\\), so \\(f'({p}) = 0\\).",
                f"It {'falls then rises' if a > 0 else 'rises then falls'}: \\(f'\\) goes from "
                f"{'negative to positive' if a > 0 else 'positive to negative'}, steadily.",
                f"\\(f'\\) is a straight line through \\(({p}, 0)\\): \\({tex(sp.expand(df))}\\), graph {{key}}."],
    )


def cubic(rng):
    """f is a cubic with two turning points, so f' is a parabola."""
    s, b = rng.choice([1, -1]), rng.choice([1, 2])
    f = s * (x**3 - 3 * b * x) / 3
    df = s * (x**2 - b)
    return derivative_graph(
        rng, f, df,
        [(-df, "Sign slip: compare where \\(f\\) rises with where this graph is positive."),
         (f, ITSELF),
         (2 * s * x, "That is the slope of the slope (the second derivative): it is 0 where \\(f'\\) turns, "
                     "not where \\(f\\) turns.")],
        x_range=(-3, 3), cap=8.0,
        hints=[SLOPE, "\\(f\\) has two turning points: \\(f'\\) must be 0 at both."],
        worked=[f"\\(f\\) turns at \\(x = \\pm{tex(sp.sqrt(b))}\\), so \\(f'\\) is 0 there.",
                f"Between them \\(f\\) {'falls' if s > 0 else 'rises'}, so \\(f'\\) is "
                f"{'negative' if s > 0 else 'positive'} there; outside, the opposite.",
                f"That is the parabola \\({tex(df)}\\): graph {{key}}."],
    )


def sine(rng):
    """f is a sine wave, so f' is a cosine wave."""
    A, k = rng.choice([1, 2]), rng.choice([1, 2])
    f = A * sp.sin(k * x)
    df = A * k * sp.cos(k * x)
    return derivative_graph(
        rng, f, df,
        [(-df, "Sign slip: at 0 the wave is rising, so its derivative starts positive."),
         (f, ITSELF),
         (-A * k**2 * sp.sin(k * x), "That is the second derivative: it is 0 where \\(f\\) crosses zero, not "
                                     "where \\(f\\) peaks.")],
        x_range=(-6.3, 6.3),
        hints=[SLOPE, "Where does the wave peak? Where is it steepest?"],
        worked=["At the peaks and troughs of \\(f\\) the slope is 0: \\(f'\\) crosses zero there.",
                "\\(f\\) is steepest, rising, as it crosses zero going up (at \\(x = 0\\)): \\(f'\\) peaks there.",
                f"That is \\({tex(df)}\\): graph {{key}}."],
    )


def bump(rng):
    """f = a x e^(-x): a rise and a slow fall (the product rule)."""
    a = rng.choice([1, 2, -1, -2])
    f = a * x * sp.exp(-x)
    df = a * (1 - x) * sp.exp(-x)
    return derivative_graph(
        rng, f, df,
        [(-df, "Sign slip: check the slope of \\(f\\) near \\(x = 0\\)."),
         (f, ITSELF),
         (a * sp.exp(-x), "That misses a product-rule term: it is never 0, but \\(f\\) has a turning point at \\(x = 1\\).")],
        x_range=(-1, 5),
        hints=[SLOPE, "\\(f\\) has one turning point: find it, and note where \\(f\\) is steepest."],
        worked=[f"\\(f\\) turns at \\(x = 1\\), so \\(f'(1) = 0\\).",
                f"\\(f\\) {'rises' if a > 0 else 'falls'} before \\(x = 1\\), then {'falls' if a > 0 else 'rises'} "
                "back and flattens out towards 0, "
                "so \\(f'\\) changes sign at 1 and then tends to 0.",
                f"By the product rule \\(f'(x) = {tex(df)}\\): graph {{key}}."],
    )


def reverse_line(rng):
    """Reverse: f' is a line; which parabola is f?"""
    a, p = rng.choice([2, -2, 4, -4]), nonzero(rng, -2, 2, not_one=False)
    shown = a * (x - p)
    F = sp.Rational(a, 2) * (x - p)**2
    return derivative_graph(
        rng, shown, F,
        [(-F, f"Where \\(f' < 0\\), \\(f\\) must be falling; this graph is rising there."),
         (sp.Rational(a, 2) * (x + p)**2, f"\\(f'\\) is 0 at \\(x = {p}\\), so \\(f\\) must turn at \\(x = {p}\\)."),
         (sp.Integer(a) + 0 * x, "That is the derivative of the graph shown; we want the function it came from.")],
        x_range=(-4, 4), reverse=True,
        hints=["Read the figure as slopes: where \\(f' > 0\\), \\(f\\) rises; where \\(f' < 0\\), \\(f\\) falls.",
               "Where \\(f'\\) crosses zero, \\(f\\) has a turning point."],
        worked=[f"\\(f'\\) crosses zero at \\(x = {p}\\): \\(f\\) turns there.",
                f"\\(f'\\) goes from {'negative to positive' if a > 0 else 'positive to negative'}: "
                f"\\(f\\) {'falls then rises (a minimum)' if a > 0 else 'rises then falls (a maximum)'}.",
                f"Graph {{key}}, \\({tex(F)}\\) (plus any constant), does that."],
    )


def reverse_wave(rng):
    """Reverse: f' is a cosine wave; which wave is f?"""
    B, k = rng.choice([1, 2]), rng.choice([1, 2])
    shown = B * k * sp.cos(k * x)
    F = B * sp.sin(k * x)
    return derivative_graph(
        rng, shown, F,
        [(-F, "Where \\(f' > 0\\) (just right of 0), \\(f\\) must rise; this graph falls there."),
         (-B * k**2 * sp.sin(k * x), "That is the derivative of the graph shown, not the function it came from."),
         (B * sp.cos(k * x), "That wave peaks at \\(x = 0\\), so its slope there is 0, but \\(f'(0)\\) is not 0.")],
        x_range=(-6.3, 6.3), reverse=True,
        hints=["Where \\(f' > 0\\), \\(f\\) rises; where \\(f' = 0\\), \\(f\\) has a peak or a trough.",
               "At \\(x = 0\\) the slope is at its largest: \\(f\\) is climbing fastest there."],
        worked=[f"\\(f'(0) = {B * k} > 0\\), its largest value: \\(f\\) climbs fastest at 0.",
                "Where \\(f'\\) crosses zero, \\(f\\) peaks or bottoms out.",
                f"That is \\({tex(F)}\\) (plus any constant): graph {{key}}."],
    )


def reverse_parabola(rng):
    """Reverse: f' is a parabola; which cubic is f?"""
    s, b = rng.choice([1, -1]), rng.choice([1, 2])
    shown = s * (x**2 - b)
    F = s * (x**3 - 3 * b * x) / 3
    return derivative_graph(
        rng, shown, F,
        [(-F, "Compare signs: where \\(f' < 0\\), \\(f\\) must fall."),
         (2 * s * x, "That is the derivative of the graph shown, not the function it came from."),
         (s * (x**3 + 3 * b * x) / 3, "That function has no turning points, but the figure's \\(f'\\) is 0 twice.")],
        x_range=(-3, 3), reverse=True, cap=8.0,
        hints=["Each zero of \\(f'\\) is a turning point of \\(f\\).",
               "Between the zeros, is \\(f'\\) positive or negative? Then \\(f\\) rises or falls there."],
        worked=[f"\\(f'\\) is zero at \\(x = \\pm{tex(sp.sqrt(b))}\\): \\(f\\) turns at both.",
                f"Between them \\(f'\\) is {'negative' if s > 0 else 'positive'}, so \\(f\\) "
                f"{'falls' if s > 0 else 'rises'} there.",
                f"That is \\({tex(F)}\\) (plus any constant): graph {{key}}."],
    )


TEMPLATES = [line, parabola, cubic, sine, bump, reverse_line, reverse_wave, reverse_parabola]
