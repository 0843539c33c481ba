"""Build the common shapes of question from a template's sympy expressions.

Templates decide the maths (the function, the hand-derived answer, the known
wrong answers and the words); these helpers turn that into a Question: TeX in
the prompt, learner syntax for the answer key, misconceptions filtered so none
equals the answer, choices shuffled and lettered.
"""
from __future__ import annotations

import math
import random
from typing import Iterable, Sequence

import sympy as sp

from mvcalc.questions.compare import curves_differ, misconceptions
from mvcalc.questions.exercise_set import Degenerate
from mvcalc.questions.model import Choice, Misconception, Plot, Question
from mvcalc.questions.precision import FOUR_FIGURES, Precision
from mvcalc.questions.printing import learner, number, plain, tex, x

EXPRESSION_HINT = "Type e.g. 3x^2 cos(x) + e^(2x): ^ for powers, e^(...) for exponentials."
CHOICE_HINT = "Type the letter of your choice, e.g. b."
MULTI_HINT = "Type the letters of every option that applies, e.g. a,c."


def derivative_question(f, answer, *, wrong: Iterable[tuple[object, str]],
                        hints: Sequence[str], worked: Sequence[str], intro: str = "",
                        ask: str = "", symbols=(x,), f_tex: str = "") -> Question:
    """An expression question: "Find f'(x) for f(x) = ...", answered by ``answer``.

    ``f_tex`` overrides how f is shown (sympy would write a quotient by
    e^(kx) as a product with e^(-kx)).
    """
    ask = ask or rf"Find \(f'(x)\) for \[f(x) = {f_tex or tex(f)}.\]"
    prompt = f"{intro} {ask}".strip()
    return Question(
        kind="expression",
        prompt=prompt,
        solution=learner(answer),
        hints=list(hints),
        worked=list(worked),
        misconceptions=misconceptions(answer, wrong, symbols),
        answer_hint=EXPRESSION_HINT,
        variables=tuple(str(s) for s in symbols),
        data={"f": learner(f)},
    )


def numeric_question(prompt: str, value, *, hints: Sequence[str], worked: Sequence[str],
                     wrong: Iterable[tuple[object, str]] = (), precision: Precision = FOUR_FIGURES,
                     data: dict | None = None, figure: Plot | None = None) -> Question:
    """A question answered by a number, marked to ``precision``.

    The precision is stated here once: the tolerance, the note under the answer
    box and the words ``{precision}`` in the prompt or hints ("Give your answer
    to {precision}." -> "... to 6 significant figures.") all come from it; never
    write the precision by hand.  ``wrong`` holds (value, feedback) pairs, most
    telling first; one that an answer could not tell from the key (or from a
    slip kept before it) at this precision is dropped.
    """
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("a numeric key must be finite")
    phrase = precision.phrase
    kept: list[Misconception] = []
    bands = [(value, precision.tolerance(value))]
    for w, feedback in wrong:
        w = float(w)
        tol = precision.tolerance(w)
        if not math.isfinite(w) or any(abs(w - c) <= 2 * (tol + t) for c, t in bands):
            continue
        bands.append((w, tol))
        kept.append(Misconception(plain(w, 10), feedback.replace("{precision}", phrase)))
    return Question(
        kind="numeric", prompt=prompt.replace("{precision}", phrase),
        solution=plain(value, max(10, precision.figures_at(value) + 2)),
        expected=value, precision=precision,
        hints=[h.replace("{precision}", phrase) for h in hints],
        worked=[w.replace("{precision}", phrase) for w in worked],
        misconceptions=kept, figure=figure, data=dict(data or {}),
    )


def keys(n: int) -> list[str]:
    return [chr(ord("a") + i) for i in range(n)]


def choice_question(rng: random.Random, prompt: str, options: Sequence[dict], *,
                    hints: Sequence[str], worked: Sequence[str], figure: Plot | None = None,
                    data: dict | None = None) -> Question:
    """A single-choice question from ``options``, shuffled with ``rng``.

    Each option is a dict with ``correct`` (exactly one True), ``feedback``
    (said when a wrong option is chosen) and the Choice content: ``tex``,
    ``plot`` and/or ``value``.  Worked steps may name the right option as
    ``{key}``, filled in after shuffling.
    """
    if sum(bool(o.get("correct")) for o in options) != 1:
        raise ValueError("a choice question needs exactly one correct option")
    order = list(options)
    rng.shuffle(order)
    choices, wrong, solution = [], [], ""
    for key, o in zip(keys(len(order)), order):
        plot = o.get("plot")
        if plot is not None:
            plot = Plot(plot.expr, plot.x_range, f"({key})", plot.y_range)
        choices.append(Choice(key, o.get("tex", ""), plot, o.get("value", "")))
        if o.get("correct"):
            solution = key
        elif o.get("feedback"):
            wrong.append(Misconception(key, o["feedback"]))
    return Question(
        kind="choice", prompt=prompt, solution=solution, hints=list(hints),
        worked=[w.replace("{key}", f"({solution})") for w in worked],
        misconceptions=wrong, answer_hint=CHOICE_HINT, figure=figure, choices=choices,
        data=dict(data or {}),
    )


def multi_question(rng: random.Random, prompt: str, options: Sequence[dict], *,
                   hints: Sequence[str], worked: Sequence[str],
                   data: dict | None = None) -> Question:
    """A select-all question; ``options`` as for :func:`choice_question`.

    ``feedback`` on an option is said when the learner's selection is exactly
    the right one with that single option wrongly added (or, for a right
    option, wrongly left out).
    """
    order = list(options)
    rng.shuffle(order)
    lettered = list(zip(keys(len(order)), order))
    right = sorted(k for k, o in lettered if o.get("correct"))
    if not right:
        raise ValueError("a select-all question needs at least one right option")
    choices, wrong = [], []
    for key, o in lettered:
        choices.append(Choice(key, o.get("tex", ""), o.get("plot"), o.get("value", "")))
        if o.get("feedback"):
            picked = sorted(set(right) ^ {key})
            if picked:
                wrong.append(Misconception(",".join(picked), o["feedback"]))
    worked = [w.replace("{keys}", ", ".join(f"({k})" for k in right)) for w in worked]
    return Question(
        kind="multi", prompt=prompt, solution=",".join(right), hints=list(hints),
        worked=worked, misconceptions=wrong, answer_hint=MULTI_HINT, choices=choices,
        data=dict(data or {}),
    )


def plot_of(expr, x_range=(-3.0, 3.0), y_range=None) -> Plot:
    return Plot(learner(expr), tuple(float(v) for v in x_range), "",
                None if y_range is None else tuple(float(v) for v in y_range))


def shared_y_range(exprs, x_range, cap: float = 12.0) -> tuple[float, float]:
    """A y range that shows every curve and the x-axis (capped for 1/x and friends)."""
    lo_y, hi_y = 0.0, 0.0
    lo, hi = x_range
    for expr in exprs:
        fn = sp.lambdify(x, expr, "math")
        for i in range(61):
            t = lo + (hi - lo) * (i + 0.5) / 61
            try:
                v = float(fn(t))
            except (ValueError, ZeroDivisionError, OverflowError, TypeError):
                continue
            if math.isfinite(v):
                lo_y, hi_y = min(lo_y, max(v, -cap)), max(hi_y, min(v, cap))
    pad = max(0.5, 0.1 * (hi_y - lo_y))
    return (math.floor((lo_y - pad) * 2) / 2, math.ceil((hi_y + pad) * 2) / 2)


def distinct_curves(exprs, x_range, min_gap: float = 0.5) -> bool:
    """Whether every pair of curves looks different over ``x_range``."""
    exprs = list(exprs)
    return all(curves_differ(a, b, x_range, min_gap=min_gap)
               for i, a in enumerate(exprs) for b in exprs[i + 1:])


def require(condition: bool, why: str = "degenerate question") -> None:
    """Inside a template: give up on these parameters (the set re-rolls)."""
    if not condition:
        raise Degenerate(why)
