"""Build answer-on-the-figure questions (pick an item, click a point) from a template's items.

Templates decide the maths and the words; these helpers letter the items in a shuffled
order (so the right one is not always (a)), colour them in the order (a), (b), ..., turn
named slips into misconceptions, and write the tolerance of a point answer into its help.
"""
from __future__ import annotations

import dataclasses
import random
from typing import Sequence

from mvcalc.questions.builders import keys
from mvcalc.questions.figure import ITEM_COLOURS, Figure
from mvcalc.questions.figure_alt import fmt
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.point_answer import format_point

PICK_HINT = ("Click an item on the figure (or Tab to the figure and use the arrow keys, then Enter), "
             "or choose it in the list below the figure.")


def point_hint(tol: tuple[float, float], x_name: str = "x", y_name: str = "y") -> str:
    return (f"Click the figure (or Tab to it and move the point with the arrow keys), or type the point "
            f"as ({x_name}, {y_name}), e.g. (1.5, -0.5). Within {fmt(tol[0])} of the right {x_name} and "
            f"{fmt(tol[1])} of the right {y_name} counts.")


def lettered_items(rng: random.Random, options: Sequence[dict]) -> tuple[list, str, list[Misconception]]:
    """Shuffle ``options`` (each ``{"item": an Item without a key, "correct": bool,
    "feedback": str}``), key them "a", "b", ... and colour them; return the items, the right
    key and the misconceptions (a wrong item's feedback)."""
    if sum(bool(o.get("correct")) for o in options) != 1:
        raise ValueError("a pick question needs exactly one right item")
    order = list(options)
    rng.shuffle(order)
    items, solution, wrong = [], "", []
    for i, (key, option) in enumerate(zip(keys(len(order)), order)):
        item = option["item"]
        changes = {"key": key}
        if hasattr(item, "colour") and option.get("colour", True):
            changes["colour"] = ITEM_COLOURS[i % len(ITEM_COLOURS)]
        items.append(dataclasses.replace(item, **changes))
        if option.get("correct"):
            solution = key
        elif option.get("feedback"):
            wrong.append(Misconception(key, option["feedback"]))
    return items, solution, wrong


def pick_question(rng: random.Random, prompt: str, options: Sequence[dict], *, figure: Figure,
                  hints: Sequence[str], worked: Sequence[str], data: dict | None = None,
                  below: Sequence = ()) -> Question:
    """A pick question: the lettered ``options`` drawn over ``figure``'s own items (a map,
    a curve, marked points), and ``below`` drawn under everything. Worked steps may name
    the right item as ``{key}``."""
    items, solution, wrong = lettered_items(rng, options)
    figure = dataclasses.replace(figure, items=tuple(below) + tuple(figure.items) + tuple(items))
    return Question(
        kind="pick", prompt=prompt, solution=solution, hints=list(hints),
        worked=[w.replace("{key}", f"({solution})") for w in worked],
        misconceptions=wrong, answer_hint=PICK_HINT, figure=figure, data=dict(data or {}),
    )


def point_text(x: float, y: float) -> str:
    """A key point as text, to 6 decimals (well inside any tolerance)."""
    return format_point(float(x), float(y), (1e-6, 1e-6))


def point_question(prompt: str, figure: Figure, at: tuple[float, float], tol: tuple[float, float], *,
                   wrong: Sequence[tuple[tuple[float, float], str]] = (), hints: Sequence[str],
                   worked: Sequence[str], data: dict | None = None) -> Question:
    """A point question: the right point ``at``, within ``tol`` (figure units, x and y).
    A named wrong point (``wrong``) is kept only if it is clearly apart from the key and
    from the slips before it (more than twice the tolerance), so each says its own words."""
    if figure.snap is None:
        raise ValueError("a point question's figure needs a snap grid")
    kept: list[Misconception] = []
    taken = [at]
    for (wx, wy), feedback in wrong:
        if all(abs(wx - px) > 2 * tol[0] or abs(wy - py) > 2 * tol[1] for px, py in taken):
            kept.append(Misconception(point_text(wx, wy), feedback))
            taken.append((wx, wy))
    return Question(
        kind="point", prompt=prompt, solution=point_text(*at), hints=list(hints), worked=list(worked),
        misconceptions=kept, answer_hint=point_hint(tol, figure.x_label or "x", figure.y_label or "y"),
        figure=figure, point_tol=(float(tol[0]), float(tol[1])), data=dict(data or {}),
    )
