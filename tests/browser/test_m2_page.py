"""Module 2 as a learner meets it: the Sandpit found by pointer and by keyboard (each dip's
downhill arrow is minus the gradient computed here in CPython), the Hessian slider turning a
minimum into a saddle, every figure drawn and described, and a new exercise set marking one
wrong and one right answer."""
from __future__ import annotations

import math
import re

import pytest

from mvcalc import course
from mvcalc.figures import pits

from .conftest import canvas_ink

SLUG = "m2-multivariate-calculus"
FIGURES = ["fig-can", "fig-slice", "fig-total", "fig-gradient", "fig-polar", "fig-hessian", "fig-steps", "fig-sandpit"]
READY_MS = 180_000


def numbers(text: str) -> list[float]:
    return [float(m.replace("−", "-")) for m in re.findall(r"[−-]?\d+(?:\.\d+)?", text)]


def readout(page, fig: str, name: str) -> str:
    return page.inner_text(f'#{fig} [data-readout="{name}"]')


@pytest.fixture
def m2(visit):
    """The module's page, shared with other tests (visit.py): each sets up what it reads."""
    return visit.page


def test_every_figure_is_drawn_and_described(m2):
    page = m2
    for fig in FIGURES:
        canvas = page.locator(f"#{fig} canvas")
        assert canvas_ink(page, canvas) > 200, f"{fig} has ink"
        alt = page.inner_text(f"#{fig} .figure-alt")
        assert len(alt) > 60 and canvas.get_attribute("aria-label") == alt, fig
        for node in page.locator(f"#{fig} [data-readout]").all():
            assert node.inner_text() not in ("", "…"), f"{fig}: a readout was never filled"


def dips(page) -> int:
    return int(readout(page, "fig-sandpit", "dips"))


def click_and_dip(page, px: float, py: float) -> tuple[float, float]:
    before = dips(page)
    page.mouse.click(px, py)
    page.wait_for_function("(n) => document.querySelector('#fig-sandpit [data-readout=dips]').textContent !== String(n)",
                           arg=before, timeout=10_000)
    assert dips(page) == before + 1
    return tuple(numbers(readout(page, "fig-sandpit", "where")))


def check_arrow_is_minus_the_gradient(page, pit, x: float, y: float) -> None:
    gx, gy = (float(g) for g in pit.gradient(x, y))
    u, v = numbers(readout(page, "fig-sandpit", "downhill"))
    assert (u, v) == pytest.approx((-gx, -gy), abs=0.01), "the arrow is −J"
    assert math.hypot(u + gx, v + gy) < 0.05 * max(1.0, math.hypot(gx, gy))


def test_the_sandpit_by_pointer_then_by_keyboard(m2):
    page = m2
    pit = pits.classic()
    mx, my, depth = pit.minimum()
    canvas = page.locator("#fig-sandpit canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    # two dips by pointer tell us where the map's axes are on the screen
    p1 = (box["x"] + 0.35 * box["width"], box["y"] + 0.35 * box["height"])
    p2 = (box["x"] + 0.7 * box["width"], box["y"] + 0.7 * box["height"])
    d1, d2 = click_and_dip(page, *p1), click_and_dip(page, *p2)
    check_arrow_is_minus_the_gradient(page, pit, *d2)
    depth_shown = numbers(readout(page, "fig-sandpit", "depth"))[0]
    # "where" is shown to 2 dp, so the dip itself lies within 0.005 of d2 in x and y
    slope = math.hypot(*(float(g) for g in pit.gradient(*d2)))
    assert depth_shown == pytest.approx(float(pit.depth(*d2)), abs=0.0005 + slope * 0.005 * math.sqrt(2) + 1e-4)
    assert d2[0] > d1[0] and d2[1] < d1[1], "right is +x and down is −y"
    sx, sy = (p2[0] - p1[0]) / (d2[0] - d1[0]), (p2[1] - p1[1]) / (d2[1] - d1[1])
    target = (p1[0] + (mx - d1[0]) * sx, p1[1] + (my - d1[1]) * sy)
    status = page.locator("#fig-sandpit .sandpit-status")
    assert "Found it" not in status.inner_text()
    found = click_and_dip(page, *target)
    assert math.hypot(found[0] - mx, found[1] - my) <= pits.WIN_DISTANCE
    assert "Found it!" in status.inner_text() and "Score: 3 dips" in status.inner_text()
    assert status.get_attribute("role") == "status"
    assert "you found it" in page.inner_text("#fig-sandpit .figure-alt")

    # a new sandpit, found with the keyboard alone
    page.click("#sandpit-new")
    page.wait_for_function("() => document.querySelector('#fig-sandpit [data-readout=dips]').textContent === '0'",
                           timeout=10_000)
    canvas.focus()
    cursor = (3.0, 3.0)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#fig-sandpit [data-readout=dips]').textContent === '1'",
                           timeout=10_000)
    where = numbers(readout(page, "fig-sandpit", "where"))
    assert where == pytest.approx([2.9, 2.9], abs=1e-6)
    check_arrow_is_minus_the_gradient(page, pit, *where)
    cursor = (2.9, 2.9)
    for _ in range(round((mx - cursor[0]) / 0.1)):
        page.keyboard.press("ArrowRight")
    for _ in range(round((cursor[1] - my) / 0.1)):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#fig-sandpit .sandpit-status').textContent.includes('Found it!')",
                           timeout=10_000)
    assert dips(page) == 2
    assert page.locator("#fig-sandpit canvas").get_attribute("tabindex") == "0"


def test_the_sandpit_depth_only_and_hard_modes(m2):
    page = m2
    page.select_option("#sandpit-mode", "depth")
    page.wait_for_function("() => document.querySelector('#fig-sandpit .figure-alt').textContent.includes('depth only')",
                           timeout=10_000)
    canvas = page.locator("#fig-sandpit canvas")
    canvas.scroll_into_view_if_needed()
    canvas.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#fig-sandpit [data-readout=dips]').textContent === '1'",
                           timeout=10_000)
    assert readout(page, "fig-sandpit", "downhill") == "—"
    page.select_option("#sandpit-mode", "well")
    page.wait_for_function("() => document.querySelector('#fig-sandpit [data-readout=lesson]').textContent.includes('narrow hole')",
                           timeout=10_000)
    assert dips(page) == 0


def set_slider(page, slider_id: str, value: str) -> None:
    figure = page.locator(f"figure:has(#{slider_id})")
    before = figure.locator(".figure-alt").inner_text()
    page.locator(f"#{slider_id}").fill(value)
    page.wait_for_function(
        "([id, text]) => document.querySelector(`figure:has(#${id}) .figure-alt`).textContent !== text",
        arg=[slider_id, before], timeout=10_000)


def test_the_hessian_slider_turns_a_minimum_into_a_saddle(m2):
    page = m2
    assert readout(page, "fig-hessian", "verdict") == "minimum"
    assert numbers(readout(page, "fig-hessian", "det")) == [4.0]
    set_slider(page, "hessian-a", "-1")
    assert readout(page, "fig-hessian", "verdict") == "saddle"
    assert numbers(readout(page, "fig-hessian", "det")) == [-4.0]
    assert "saddle" in page.inner_text("#fig-hessian .figure-alt")
    set_slider(page, "hessian-c", "-1")
    assert readout(page, "fig-hessian", "verdict") == "maximum"


def test_the_uphill_arrow_follows_the_keys(m2):
    page = m2
    canvas = page.locator("#fig-gradient canvas")
    canvas.scroll_into_view_if_needed()
    canvas.focus()
    before = readout(page, "fig-gradient", "point")
    page.keyboard.press("ArrowUp")
    page.wait_for_function("(t) => document.querySelector('#fig-gradient [data-readout=point]').textContent !== t",
                           arg=before, timeout=10_000)
    x, y = numbers(readout(page, "fig-gradient", "point"))
    assert (x, y) == pytest.approx((-0.6, 0.45))
    gx, gy = numbers(readout(page, "fig-gradient", "jacobian"))
    e = math.exp(-(x * x + y * y))
    assert (gx, gy) == pytest.approx(((1 - 2 * x * x) * e, -2 * x * y * e), abs=1e-3)


def test_a_new_set_marks_a_wrong_then_a_right_answer(m2):
    page = m2
    question = course.question(SLUG, "partial-differentiation", 0)
    wrong = next(m.answer for m in question.misconceptions if m.feedback.startswith("You treated"))
    box = page.locator('.exercise-set[data-set="partial-differentiation"]')
    box.scroll_into_view_if_needed()
    box.locator(".ex-prompt").wait_for(timeout=READY_MS)
    box.locator(".ex-input").fill(wrong)
    box.locator(".ex-check").click()
    box.locator(".ex-feedback.wrong").wait_for(timeout=30_000)
    assert "You treated" in box.locator(".ex-feedback").inner_text(), "the named misconception is said"
    box.locator(".ex-input").fill(question.solution)
    box.locator(".ex-check").click()
    box.locator(".ex-feedback.correct").wait_for(timeout=30_000)
    assert "1 of" in box.locator(".ex-score").inner_text()
