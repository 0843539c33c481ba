"""Module 1's six exercise sets, worked through as a learner: one wrong answer and one right
answer in each, then the module's progress on the course home.

The right answers come from the same generators in CPython (mvcalc.course.question), seed for
seed: a fresh learner's first question of a set is its seed 0.
"""
from __future__ import annotations

from mvcalc import course
from mvcalc.course import MODULES
from mvcalc.questions.marking import mark

from .conftest import open_module

M1 = "m1-what-is-calculus"
SETS = [s.slug for s in MODULES[0].exercise_sets]
READY_MS = 180_000


def wrong_answer(question) -> str:
    """A genuinely wrong answer of the question's kind (checked below in CPython too)."""
    if question.kind == "expression":
        return f"({question.solution}) + 1"
    if question.kind == "numeric":
        return str(question.expected + 1)
    if question.kind == "choice":
        return next(key for key in question.keys if key != question.solution)
    if question.kind == "multi":
        right = set(question.solution.split(","))
        return next(key for key in question.keys if key not in right)
    raise AssertionError(f"no wrong answer for kind {question.kind}")


def give(box, question, answer: str) -> None:
    if question.kind in ("choice", "multi"):
        for option in box.locator(".ex-choices input").all():
            want = option.get_attribute("value") in answer.split(",")
            if option.is_checked() != want:
                option.click()
    else:
        box.locator(".ex-input").fill(answer)
    box.locator(".ex-check").click()


def test_each_set_marks_a_wrong_then_a_right_answer_and_the_home_shows_it(page, server):
    assert len(SETS) == 6
    open_module(page, server, M1)
    for slug in SETS:
        question = course.question(M1, slug, 0)
        wrong = wrong_answer(question)
        assert not mark(question, wrong).correct and mark(question, question.solution).correct
        box = page.locator(f'.exercise-set[data-set="{slug}"]')
        box.scroll_into_view_if_needed()
        box.locator(".ex-prompt").wait_for(timeout=READY_MS)
        give(box, question, wrong)
        box.locator(".ex-feedback.wrong").wait_for(timeout=30_000)
        give(box, question, question.solution)
        box.locator(".ex-feedback.correct").wait_for(timeout=30_000)
        assert "1 of" in box.locator(".ex-score").inner_text(), slug

    page.goto(server.url + "index.html")
    card = page.locator('.module-card[data-module="m1-what-is-calculus"]')
    total = sum(s.size for s in MODULES[0].exercise_sets)
    assert card.locator(".progress-line").inner_text().startswith(f"6 of {total} questions correct")

