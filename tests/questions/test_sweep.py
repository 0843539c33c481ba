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
from mvcalc.questions.model import KINDS
from mvcalc.questions.printing import number

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
    raise AssertionError(q.kind)


def unreadable_answer(q) -> str:
    return {"expression": "2x +* 3", "numeric": "1..2", "matrix": "[[1, 2], [3",
            "choice": "zz", "multi": "a,zz",
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
        parse(q.figure.expr)                   # the figure layer reads it with the checker's parser
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
                parse(c.plot.expr)
                assert c.plot.title == f"({c.key})"
        shown = [c.tex or c.text or c.plot.expr for c in q.choices]
        assert len(set(shown)) == len(shown), "two choices look the same"
        assert set(q.solution.split(",")) <= set(q.keys)
    if q.kind == "numeric":
        assert q.expected is not None and math.isfinite(q.expected)
    if q.kind == "code":
        assert q.entry and f"def {q.entry}(" in q.starter and f"def {q.entry}(" in q.solution
        assert len(q.cases) >= 10
    answers = [m.answer for m in q.misconceptions]
    assert len(set(answers)) == len(answers)


@pytest.mark.parametrize("exercise_set, seed", CASES)
def test_question(exercise_set, seed):
    q = exercise_set.generate(seed)
    assert q == exercise_set.generate(seed), "same seed, different question"
    assert q.set_slug == exercise_set.slug and q.seed == seed
    check_shape(q)

    right = q.check(q.solution)
    assert right.correct and right.valid, (q.prompt, q.solution, right)

    wrong = wrong_answer(q)
    verdict = q.check(wrong)
    assert verdict.valid and not verdict.correct, (q.solution, wrong, verdict)
    assert verdict.feedback

    unreadable = q.check(unreadable_answer(q))
    assert not unreadable.valid and not unreadable.correct and unreadable.feedback

    for m in q.misconceptions:
        verdict = q.check(m.answer)
        assert verdict.valid and not verdict.correct, (q.solution, m)
        assert verdict.feedback == m.feedback, (q.solution, m, verdict)


@pytest.mark.parametrize("exercise_set", [s for _, s in SETS], ids=[s.slug for _, s in SETS])
def test_variants_differ(exercise_set):
    """Fresh variants really are fresh: every template gives different questions."""
    def fingerprint(q):
        return repr((q.prompt, q.solution, q.figure, q.choices, [c.describe for c in q.cases]))

    for index in range(exercise_set.size):
        seen = {fingerprint(exercise_set.question(index, v)) for v in range(6)}
        assert len(seen) >= 3, f"{exercise_set.slug} template {index} hardly varies"
