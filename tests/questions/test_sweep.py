"""Sweep every exercise set over many seeds: shape, determinism and marking.

For each generated question: the same seed gives the same question; its
solution is marked correct; a genuinely wrong answer is rejected; an
unreadable one is invalid, not wrong; every misconception is rejected with
its own sentence; hints, worked solution and prompt are there; its TeX is
balanced.  ``MVCALC_SWEEP_SEEDS`` sets the seeds per set (default 40).
"""
from __future__ import annotations

import math
import os
import re

import pytest

from mvcalc.checking import parse
from mvcalc.course import MODULES
from mvcalc.questions.marking import mark
from mvcalc.questions.model import KINDS
from mvcalc.questions.printing import number
from every_question import cached_question, generated

SEEDS = int(os.environ.get("MVCALC_SWEEP_SEEDS", "40"))
SETS = [(m.slug, s) for m in MODULES for s in m.exercise_sets]
CASES = [pytest.param(s, seed, id=f"{s.slug}-{seed}") for _, s in SETS for seed in range(SEEDS)]


def wrong_answer(q) -> str:
    """A genuinely wrong answer of the question's own kind."""
    if q.kind == "expression":
        return f"({q.solution}) + 1"
    if q.kind == "numeric":
        return number(q.expected + max(1.0, abs(q.expected)))
    if q.kind == "matrix":
        # first entry plus 1: "[[a, b], ..." -> "[[(a) + 1, b], ..."
        head = len(q.solution) - len(q.solution.lstrip("["))
        end = min(i for i in (q.solution.find(",", head), q.solution.find("]", head)) if i >= 0)
        return q.solution[:head] + f"({q.solution[head:end]}) + 1" + q.solution[end:]
    if q.kind == "choice":
        return next(k for k in q.keys if k != q.solution)
    if q.kind == "multi":
        right = set(q.solution.split(","))
        others = [k for k in q.keys if k not in right]
        return ",".join(sorted(right | {others[0]})) if others else ",".join(sorted(right)[1:])
    if q.kind == "code":
        return q.starter
    if q.kind == "pick":
        return next(k for k in q.keys if k != q.solution)
    if q.kind == "point":                     # far from the key and from every named slip
        from mvcalc.questions.point_answer import format_point, parse_point
        taken = [parse_point(q.solution)] + [parse_point(m.answer) for m in q.misconceptions]
        (x0, x1), (y0, y1) = q.figure.x_range, q.figure.y_range
        corners = [(x, y) for x in (x0, x1) for y in (y0, y1)]
        far = max(corners, key=lambda c: min(abs(c[0] - t[0]) + abs(c[1] - t[1]) for t in taken))
        return format_point(*far)
    raise AssertionError(q.kind)


def unreadable_answer(q) -> str:
    return {"expression": "2x +* 3", "numeric": "1..2", "matrix": "[[1, 2], [3",
            "choice": "zz", "multi": "a,zz", "pick": "zz", "point": "(1, 2",
            "code": f"def {q.entry}(:\n    return 1\n"}[q.kind]


def balanced_tex(text: str) -> None:
    assert text.count(r"\(") == text.count(r"\)"), text
    assert text.count(r"\[") == text.count(r"\]"), text
    for segment in re.findall(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", text, flags=re.S):
        maths = "".join(segment).replace(r"\{", "").replace(r"\}", "")
        depth = 0
        for ch in maths:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            assert depth >= 0, maths
        assert depth == 0, maths
        assert maths.count(r"\left") == maths.count(r"\right"), maths
        assert "**" not in maths or r"\texttt" in maths, maths


def check_shape(q) -> None:
    assert q.kind in KINDS
    assert q.prompt.strip() and q.solution.strip() and q.answer_hint.strip()
    assert q.hints and all(h.strip() for h in q.hints)
    assert q.worked and all(w.strip() for w in q.worked)
    assert "{key}" not in " ".join(q.worked) and "{keys}" not in " ".join(q.worked)
    for text in [q.prompt, *q.hints, *q.worked, *(m.feedback for m in q.misconceptions)]:
        balanced_tex(text)
    if q.figure is not None:
        check_figure(q.figure)
    if q.kind in ("choice", "multi"):
        assert len(q.choices) >= 3
        assert q.keys == [chr(ord("a") + i) for i in range(len(q.choices))]
        for c in q.choices:
            assert c.tex or c.text or c.plot
            if c.tex:
                balanced_tex(rf"\({c.tex}\)")
            if c.text:
                balanced_tex(c.text)
            if c.plot:
                check_figure(c.plot)
                assert c.plot.title == f"({c.key})"
        shown = [c.tex or c.text or repr(c.plot) for c in q.choices]
        assert len(set(shown)) == len(shown), "two choices look the same"
        assert set(q.solution.split(",")) <= set(q.keys)
    if q.kind == "numeric":
        assert q.expected is not None and math.isfinite(q.expected)
    if q.kind == "code":
        assert q.entry and f"def {q.entry}(" in q.starter and f"def {q.entry}(" in q.solution
        assert len(q.cases) >= 10
    if q.kind == "pick":
        assert len(q.keys) >= 3 and q.keys == [chr(ord("a") + i) for i in range(len(q.keys))]
        assert q.solution in q.keys
    if q.kind == "point":
        from mvcalc.questions.figure_geometry import snap
        from mvcalc.questions.figure_view import figure_view
        from mvcalc.questions.point_answer import format_point, parse_point
        view = figure_view(q.figure)
        x, y = parse_point(q.solution)
        (x0, x1), (y0, y1) = view["x_range"], view["y_range"]
        assert x0 <= x <= x1 and y0 <= y <= y1, "the key is off the figure"
        clicked = format_point(*snap(view, x, y), view["snap"])
        assert mark(q, clicked).correct, "a click on the grid point nearest the key must be right"
    answers = [m.answer for m in q.misconceptions]
    assert len(set(answers)) == len(answers)


def check_figure(figure) -> None:
    """Every formula of a figure reads with the checker's parser (the figure layer uses it)."""
    from mvcalc.questions.figure_view import as_figure
    for item in as_figure(figure).items:
        if hasattr(item, "expr"):
            parse(item.expr)


@pytest.mark.parametrize("exercise_set, seed", CASES)
def test_question(exercise_set, seed):
    q = exercise_set.generate(seed)
    assert q == generated(exercise_set, seed), "same seed, different question"      # made again, or made earlier
    assert q.set_slug == exercise_set.slug and q.seed == seed
    check_shape(q)

    right = mark(q, q.solution)
    assert right.correct and right.valid, (q.prompt, q.solution, right)

    wrong = wrong_answer(q)
    verdict = mark(q, wrong)
    assert verdict.valid and not verdict.correct, (q.solution, wrong, verdict)
    assert verdict.feedback

    unreadable = mark(q, unreadable_answer(q))
    assert not unreadable.valid and not unreadable.correct and unreadable.feedback

    for m in q.misconceptions:
        verdict = mark(q, m.answer)
        assert verdict.valid and not verdict.correct, (q.solution, m)
        assert verdict.feedback == m.feedback, (q.solution, m, verdict)


@pytest.mark.parametrize("exercise_set", [s for _, s in SETS], ids=[s.slug for _, s in SETS])
def test_variants_differ(exercise_set):
    """Fresh variants really are fresh: every template gives different questions."""
    def fingerprint(q):
        return repr((q.prompt, q.solution, q.figure, q.choices, [c.describe for c in q.cases]))

    for index in range(exercise_set.size):
        seen = {fingerprint(cached_question(exercise_set, index, v)) for v in range(6)}
        assert len(seen) >= 3, f"{exercise_set.slug} template {index} hardly varies"
