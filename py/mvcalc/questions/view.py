"""What the page shows of a question: plain JSON, never the answer key.

The page's own Python turns a banked :class:`~mvcalc.questions.model.Question` into this
view and draws it (mvcalc.web.exercises); curves are sampled here with the project's own
evaluator, so the page never needs sympy, nor a graph choice's formula on screen. Figures
(curves, maps, arrows, paths, points) are sampled by mvcalc.questions.figure_view.
"""
from __future__ import annotations

from typing import Any

from mvcalc.questions.model import Question

def sample_plot(plot) -> dict:
    """A question's figure, or a graph choice (a Plot or a Figure), as the page draws it: its
    formulas sampled into numbers, with a text alternative (mvcalc.questions.figure_view)."""
    from mvcalc.questions.figure_view import figure_view
    return figure_view(plot)


def question_view(q: Question, module_slug: str) -> dict:
    """What the page shows of question ``q`` of module ``module_slug`` (JSON-ready, no key)."""
    choices = []
    for choice in q.choices:
        item: dict[str, Any] = {"key": choice.key, "tex": choice.tex, "text": choice.text}
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
