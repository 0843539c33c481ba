"""One visual question per module answered by pointer, and one by keyboard only, on the built pages.

Answers on the figure (pick an arrow, a path, a point; click a point) and graph choices. The
tests know the right answer from the same generators in CPython (mvcalc.course.question), and where
to click from the same pure drawing code the page uses (mvcalc.figures.question_figure and
mvcalc.questions.figure_geometry) at the width the page drew the figure.
"""
from __future__ import annotations

import re

import pytest

from mvcalc import course
from mvcalc.figures.question_figure import paint, preferred_height
from mvcalc.questions.view import question_view
from mvcalc.questions.figure_geometry import label_positions, moved, snap, start_point
from mvcalc.questions.point_answer import format_point, parse_point

from .axe import axe_violations, explain

READY_MS = 180_000
M1, M2, M3, M4, M5, M6 = ("m1-what-is-calculus", "m2-multivariate-calculus", "m3-chain-rule-and-neural-networks",
                          "m4-taylor-series", "m5-optimisation", "m6-regression")

# module: (answered by pointer), (answered by keyboard only): (set, template)
CASES = {
    M1: (("matching-functions", "straight_line"), ("graph-of-derivative", "line")),
    M2: (("calculating-jacobian", "downhill_arrow"), ("jacobian-hessian-assessment", "click_stationary")),
    M3: (("simple-neural-networks", "activation_point"), ("multivariate-chain-rule", "level_touch")),
    M4: (("matching-approximations", "linearisation_error"), ("taylor-2d", "quadratic_map")),
    M5: (("lagrange-multipliers", "lagrange_touch"), ("optimisation-scenarios", "gamma_too_large")),
    M6: (("linear-regression", "lowest_chi2_line"), ("linear-regression", "chi2_map_point")),
}


def index_of(module: str, set_slug: str, template: str) -> int:
    exercise_set = course.module(module).exercise_set(set_slug)
    return [t.__name__ for t in exercise_set.templates].index(template)


def box_of(page, set_slug: str):
    return page.locator(f'.exercise-set[data-set="{set_slug}"]')


def wait_inputs(page, set_slug: str, index: int, kind: str) -> None:
    """Wait for the question's own inputs (and its figures painted), however questions load."""
    inputs = {"pick": ".ex-pick-list input", "point": ".ex-input", "choice": ".ex-choice input"}[kind]
    page.wait_for_function(
        """([slug, index, inputs]) => {
             const box = document.querySelector(`.exercise-set[data-set="${slug}"]`);
             if (!box || !box.querySelector('.ex-qtitle').textContent.startsWith(`Question ${index + 1} `)) return false;
             const canvases = [...box.querySelectorAll('.ex-question canvas.ex-plot')];
             return box.querySelector(inputs) && canvases.length && canvases.every(c => c.dataset.drawn === '1');
           }""", arg=[set_slug, index, inputs], timeout=READY_MS)


def go_by_pointer(page, set_slug: str, index: int, kind: str):
    box = box_of(page, set_slug)
    box.locator(".ex-nav-button").nth(index).wait_for(timeout=READY_MS)
    box.locator(".ex-nav-button").nth(index).click()
    wait_inputs(page, set_slug, index, kind)
    return box


def go_by_keyboard(page, set_slug: str, index: int, kind: str):
    box = box_of(page, set_slug)
    box.locator(".ex-nav-button").nth(index).wait_for(timeout=READY_MS)
    box.locator(".ex-nav-button").nth(index).focus()
    page.keyboard.press("Enter")
    wait_inputs(page, set_slug, index, kind)
    return box


def feedback(box, kind: str) -> str:
    box.locator(f".ex-feedback.{kind}").wait_for(timeout=20_000)
    return box.locator(".ex-feedback").inner_text()


def drawn_frame(page, box, view: dict):
    """The figure's frame at the width the page drew it, and the canvas's box on the screen."""
    canvas = box.locator(".ex-figure-answer canvas.ex-plot")
    canvas.scroll_into_view_if_needed()
    width = float(re.search(r"width:([\d.]+)px", canvas.get_attribute("style")).group(1))
    frame = paint(view, width, preferred_height(view, width))[1]
    return frame, width, canvas.bounding_box()


def click_at(page, box, view: dict, px: float, py: float) -> None:
    frame, width, rect = drawn_frame(page, box, view)
    scale = rect["width"] / width
    page.mouse.click(rect["x"] + px * scale, rect["y"] + py * scale)


def tab_to_figure(page, most: int = 12) -> None:
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('role')") == "application":
            return
    raise AssertionError("Tab never reached the figure")


@pytest.mark.parametrize("slug", list(CASES))
def test_a_visual_question_by_pointer_and_one_by_keyboard(visit, slug):
    page, module = visit.page, slug
    for how, (set_slug, template) in zip(("pointer", "keyboard"), CASES[module]):
        index = index_of(module, set_slug, template)
        q = course.question(module, set_slug, index)
        view = question_view(q, module)
        kind = q.kind if q.kind in ("pick", "point") else "choice"
        box = (go_by_pointer if how == "pointer" else go_by_keyboard)(page, set_slug, index, kind)
        assert box.locator(".ex-prompt").inner_text().strip()
        ANSWER[(how, kind)](page, box, q, view)
        text = feedback(box, "correct")
        assert "Correct" in text, (module, template, how, text)
    # both questions on show, answered: axe finds nothing serious in the figures, lists and boxes
    violations = axe_violations(page)
    assert not violations, explain(violations)


# --- by pointer -------------------------------------------------------------------------------

def pick_by_pointer(page, box, q, view):
    figure = view["figure"]
    frame = drawn_frame(page, box, figure)[0]
    labels = label_positions(figure, frame)
    slips = [m for m in q.misconceptions]
    if slips:                                   # a named slip first: its own sentence, then the right item
        click_at(page, box, figure, *labels[slips[0].answer])
        assert box.locator(f'.ex-pick-list input[value="{slips[0].answer}"]').is_checked()
        box.locator(".ex-check").click()
        assert re.split(r"\\\(", slips[0].feedback)[0].strip()[:30] in feedback(box, "wrong")
    click_at(page, box, figure, *labels[q.solution])
    assert box.locator(f'.ex-pick-list input[value="{q.solution}"]').is_checked(), "the list mirrors the figure"
    assert f"({q.solution})" in box.locator(".ex-figure-answer [aria-live]").inner_text()
    box.locator(".ex-check").click()


def point_by_pointer(page, box, q, view):
    figure = view["figure"]
    frame = drawn_frame(page, box, figure)[0]
    target = parse_point(q.solution)
    click_at(page, box, figure, *frame.to_px(*target))
    typed = box.locator(".ex-input").input_value()
    assert typed == format_point(*snap(figure, *target), figure["snap"]), "the box mirrors the click"
    assert box.locator(".ex-fig-point").count() == 1
    box.locator(".ex-check").click()


def choice_by_pointer(page, box, q, view):
    box.locator(f'.ex-choice:has(input[value="{q.solution}"])').click()
    box.locator(".ex-check").click()


# --- by keyboard only -------------------------------------------------------------------------

def pick_by_keyboard(page, box, q, view):
    tab_to_figure(page)
    for _ in range(q.keys.index(q.solution) + 1):       # the first press goes to (a)
        page.keyboard.press("ArrowRight")
    assert box.locator(".ex-fig-focus").count() >= 1, "the item in focus is outlined"
    announcer = box.locator(".ex-figure-answer [aria-live]")
    assert f"({q.solution})" in announcer.inner_text(), "the item in focus is described in words"
    page.keyboard.press("Space")
    assert box.locator(f'.ex-pick-list input[value="{q.solution}"]').is_checked()
    assert announcer.inner_text().startswith(f"Chosen: ({q.solution})"), "the choice is announced once, politely"
    page.keyboard.press("Enter")                         # Enter on the chosen item checks it


def point_by_keyboard(page, box, q, view):
    figure = view["figure"]
    target = snap(figure, *parse_point(q.solution))
    tab_to_figure(page)
    page.keyboard.press("ArrowRight")                    # the first arrow shows the cursor in the middle
    at = start_point(figure)
    assert box.locator(".ex-input").input_value() == format_point(*at, figure["snap"])
    sx, sy = figure["snap"]
    for axis, step, (plus, minus) in ((0, sx, ("ArrowRight", "ArrowLeft")), (1, sy, ("ArrowUp", "ArrowDown"))):
        steps = round((target[axis] - at[axis]) / step)
        key = plus if steps > 0 else minus
        for _ in range(abs(steps) // 5):
            page.keyboard.press(f"Shift+{key}")
            at = moved(figure, at, key, big=True)
        for _ in range(abs(steps) % 5):
            page.keyboard.press(key)
            at = moved(figure, at, key)
    assert at == target
    assert box.locator(".ex-input").input_value() == format_point(*target, figure["snap"])
    assert box.locator(".ex-figure-answer [aria-live]").inner_text().startswith("Point at ")
    page.keyboard.press("Enter")


def choice_by_keyboard(page, box, q, view):
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    else:
        raise AssertionError("Tab never reached the choices")
    for _ in range(q.keys.index(q.solution)):
        page.keyboard.press("ArrowDown")
    if not box.locator(f'input[value="{q.solution}"]').is_checked():
        page.keyboard.press("Space")
    assert box.locator(f'input[value="{q.solution}"]').is_checked()
    page.keyboard.press("Enter")


ANSWER = {
    ("pointer", "pick"): pick_by_pointer, ("pointer", "point"): point_by_pointer,
    ("pointer", "choice"): choice_by_pointer,
    ("keyboard", "pick"): pick_by_keyboard, ("keyboard", "point"): point_by_keyboard,
    ("keyboard", "choice"): choice_by_keyboard,
}
