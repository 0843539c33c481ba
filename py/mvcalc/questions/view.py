"""What the page shows of a question: plain JSON, never the answer key.

The page's own Python turns a banked :class:`~mvcalc.questions.model.Question` into this
view and draws it (mvcalc.web.exercises); curves are sampled here with the project's own
evaluator, so the page never needs sympy, nor a graph choice's formula on screen.
"""
from __future__ import annotations

import math
from typing import Any

from mvcalc.questions.model import Question

PLOT_POINTS = 241


def sample_plot(plot) -> dict:
    """A Plot (learner-syntax formula) as points, with None where it is undefined."""
    from mvcalc.checking.errors import EvaluationError
    from mvcalc.checking.evaluate import compile_numeric
    from mvcalc.checking.parser import parse

    lo, hi = (float(v) for v in plot.x_range)
    compiled = compile_numeric(parse(plot.expr))
    xs = [lo + (hi - lo) * i / (PLOT_POINTS - 1) for i in range(PLOT_POINTS)]
    ys: list[float | None] = []
    for value in xs:
        try:
            y = float(compiled({"x": value}))
        except (EvaluationError, ZeroDivisionError, ValueError, OverflowError, TypeError):
            y = None
        ys.append(y if y is not None and math.isfinite(y) else None)
    y_range = list(plot.y_range) if plot.y_range else _auto_y_range(ys)
    return {
        "x": [round(v, 6) for v in xs],
        "y": [None if v is None else round(v, 6) for v in ys],
        "x_range": [lo, hi],
        "y_range": [float(v) for v in y_range],
        "title": plot.title,
        "alt": describe_curve(xs, ys, y_range, plot.title),
    }


def _auto_y_range(ys: list) -> list[float]:
    finite = sorted(v for v in ys if v is not None)
    if not finite:
        return [-1.0, 1.0]
    lo, hi = finite[len(finite) // 50], finite[-1 - len(finite) // 50]
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 0.1 * (hi - lo)
    return [lo - pad, hi + pad]


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def describe_curve(xs: list[float], ys: list, y_range, title: str = "") -> str:
    """A text alternative for a graph, from its points alone (never its formula):
    where it starts and ends, its highest and lowest points, where it crosses
    zero and whether it has breaks."""
    lo_y, hi_y = y_range
    name = f"Graph {title}" if title else "The graph"
    shown = [(x, y) for x, y in zip(xs, ys) if y is not None and lo_y <= y <= hi_y]
    if not shown:
        return f"{name}: the curve lies outside the plotted window."
    parts = [f"{name}, for x from {_fmt(xs[0])} to {_fmt(xs[-1])}"]
    first, last = shown[0], shown[-1]
    parts.append(f"starts at y = {_fmt(first[1])} (x = {_fmt(first[0])}) and ends at "
                 f"y = {_fmt(last[1])} (x = {_fmt(last[0])})")
    top = max(shown, key=lambda p: p[1])
    bottom = min(shown, key=lambda p: p[1])
    parts.append(f"highest shown y = {_fmt(top[1])} at x = {_fmt(top[0])}, "
                 f"lowest y = {_fmt(bottom[1])} at x = {_fmt(bottom[0])}")
    crossings = []
    for (x0, y0), (x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        if y0 is None or y1 is None:
            continue
        if y0 == 0 or (y0 < 0 < y1) or (y1 < 0 < y0):
            crossings.append(x0 if y0 == 0 else x0 + (x1 - x0) * y0 / (y0 - y1))
    if crossings:
        shown_crossings = ", ".join(_fmt(c) for c in crossings[:5]) + (" and more" if len(crossings) > 5 else "")
        parts.append(f"crosses y = 0 at x ≈ {shown_crossings}")
    else:
        parts.append("never crosses y = 0")
    if any(y is None or not lo_y <= y <= hi_y for y in ys):
        parts.append("leaves the window or is undefined in places")
    return "; ".join(parts) + "."


def question_view(q: Question, module_slug: str) -> dict:
    """What the page shows of question ``q`` of module ``module_slug`` (JSON-ready, no key)."""
    choices = []
    for choice in q.choices:
        item: dict[str, Any] = {"key": choice.key, "tex": choice.tex}
        if choice.plot is not None:
            item["plot"] = sample_plot(choice.plot)
        choices.append(item)
    return {
        "module": module_slug,
        "set": q.set_slug,
        "seed": q.seed,
        "kind": q.kind,
        "template": q.template,
        "prompt": q.prompt,
        "hints": list(q.hints),
        "worked": list(q.worked),
        "answer_hint": q.answer_hint,
        "variables": list(q.variables),
        "figure": sample_plot(q.figure) if q.figure is not None else None,
        "choices": choices,
        "starter": q.starter,
        "entry": q.entry,
    }
