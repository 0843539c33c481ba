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
import traceback
from typing import Any


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


# --- figures as data ------------------------------------------------------------------

def sample_plot(plot) -> dict:
    """A question's figure, or a graph choice, as the page draws it: its formulas sampled
    into numbers, with a text alternative (mvcalc.questions.figure_view)."""
    from mvcalc.questions.figure_view import figure_view
    return figure_view(plot)


# --- the two requests ------------------------------------------------------------------

def question_view(module_slug: str, set_slug: str, seed: int) -> dict:
    """What the page shows of the question (JSON-serialisable, no answer key)."""
    q = question(module_slug, set_slug, seed)
    choices = []
    for choice in q.choices:
        item: dict[str, Any] = {"key": choice.key, "tex": choice.tex}
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
