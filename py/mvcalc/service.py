"""The checker's service: what the background worker answers, as pure functions.

The page's checker worker (site/assets/checker-worker.js) runs its own Pyodide
with sympy and calls :func:`handle` with a request kind and a JSON payload;
every answer is JSON too, so the boundary is plain text. Nothing here imports
the browser, so CPython tests exercise exactly what the worker runs.

- ``question_view``: everything the page shows of one generated question (never
  the answer key, nor a graph choice's formula).
- ``check_answer``: the question's Verdict for an answer, as a dict.
- ``lab``: a lab's answer (``mvcalc.labs``): learner code and heavy sums, off the page.
"""
from __future__ import annotations

import json
import math
import traceback
from typing import Any

PLOT_POINTS = 241


# --- finding a question ------------------------------------------------------------

def find_set(module_slug: str, set_slug: str):
    """The ExerciseSet ``set_slug`` of module ``module_slug`` (LookupError if none)."""
    from mvcalc.course import MODULES
    for module in MODULES:
        if module.slug == module_slug:
            for exercise_set in module.exercise_sets:
                if exercise_set.slug == set_slug:
                    return exercise_set
            raise LookupError(f"module {module_slug!r} has no exercise set {set_slug!r}")
    raise LookupError(f"there is no module {module_slug!r}")


def question(module_slug: str, set_slug: str, seed: int):
    return find_set(module_slug, set_slug).generate(int(seed))


# --- plots as data -------------------------------------------------------------------

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


# --- the two requests ------------------------------------------------------------------

def question_view(module_slug: str, set_slug: str, seed: int) -> dict:
    """What the page shows of the question (JSON-serialisable, no answer key)."""
    q = question(module_slug, set_slug, seed)
    choices = []
    for choice in q.choices:
        item: dict[str, Any] = {"key": choice.key, "tex": choice.tex, "text": choice.text}
        if choice.plot is not None:
            item["plot"] = sample_plot(choice.plot)
        choices.append(item)
    return {
        "module": module_slug,
        "set": set_slug,
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


def check_answer(module_slug: str, set_slug: str, seed: int, answer: str) -> dict:
    """The Verdict for ``answer`` as a dict: correct, valid, feedback, preview_tex."""
    if not isinstance(answer, str):
        answer = "" if answer is None else str(answer)
    verdict = question(module_slug, set_slug, seed).check(answer)
    return verdict.to_dict()


def handle(kind: str, payload_json: str) -> str:
    """The worker's one entry point: a request kind and JSON in, JSON out.

    Errors come back as ``{"error": message}`` (and the traceback for the
    console), never as an exception across the worker boundary.
    """
    try:
        payload = json.loads(payload_json)
        if kind == "view":
            result = question_view(payload["module"], payload["set"], payload["seed"])
        elif kind == "check":
            result = check_answer(payload["module"], payload["set"], payload["seed"], payload["answer"])
        elif kind == "lab":
            from mvcalc.labs import run
            result = run(payload["lab"], payload.get("payload") or {})
        elif kind == "ping":
            result = {"pong": True}
        else:
            raise ValueError(f"unknown request kind {kind!r}")
        return json.dumps({"result": result})
    except Exception as error:  # reported to the page, which says so in words
        return json.dumps({"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()})


def warm_up() -> None:
    """Import what the first request needs, while nobody is waiting for it."""
    import sympy  # noqa: F401
    from mvcalc.course import MODULES
    for module in MODULES:
        for exercise_set in module.exercise_sets:
            exercise_set.templates  # noqa: B018 (imports each set's module)
