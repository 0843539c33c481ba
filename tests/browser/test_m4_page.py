"""Module 4 as a learner meets it: every figure drawn and described; the Taylor explorer's
order slider giving the known series of eˣ and sin x (coefficient by coefficient, 1/n!);
the 2D point moved by the keyboard, with J and H following; one exercise answered wrong,
then right, with the misconception named."""
from __future__ import annotations

import math

import pytest

from mvcalc import course

from .conftest import canvas_ink

SLUG = "m4-taylor-series"
FIGURES = ["fig-match", "fig-power", "fig-taylor", "fig-special", "fig-linear", "fig-taylor2d"]
SETS = ["matching-approximations", "applying-taylor", "special-cases", "linearisation", "taylor-2d",
        "taylor-assessment"]
READY_MS = 180_000


def number(text: str) -> float:
    return float(text.replace("−", "-"))


def change(page, figure: str, action) -> None:
    """Do something to a figure and wait until its text alternative follows."""
    before = page.inner_text(f"#{figure} .figure-alt")
    action()
    page.wait_for_function("([id, text]) => document.querySelector(`#${id} .figure-alt`).textContent !== text",
                           arg=[figure, before], timeout=15_000)


def readout(page, figure: str, name: str) -> str:
    return page.inner_text(f'#{figure} [data-readout="{name}"]')


def test_page_figures_series_keyboard_and_an_exercise(fresh_visit):
    page = fresh_visit.page
    assert [page.locator(".exercise-set").nth(i).get_attribute("data-set")
            for i in range(page.locator(".exercise-set").count())] == SETS
    assert page.locator(".try-this").count() >= 6
    for fig in FIGURES:
        canvas = page.locator(f"#{fig} canvas")
        assert canvas_ink(page, canvas) > 200, f"{fig} has ink"
        alt = page.inner_text(f"#{fig} .figure-alt")
        assert len(alt) > 60 and canvas.get_attribute("aria-label") == alt
        for cell in page.locator(f"#{fig} [data-readout]").all():
            assert cell.inner_text() not in ("", "…"), f"{fig}: a readout was never filled"

    # the order slider: eˣ about 0, coefficients 1/n!
    change(page, "fig-taylor", lambda: page.locator("#taylor-order").fill("5"))
    assert readout(page, "fig-taylor", "poly") == "1 + x + 0.5x² + 0.1667x³ + 0.04167x⁴ + 0.008333x⁵"
    for n in range(6):
        assert number(readout(page, "fig-taylor", f"c{n}")) == \
            pytest.approx(1 / math.factorial(n), rel=1e-5)
    assert readout(page, "fig-taylor", "c6") == "·"
    partial = sum(1 / math.factorial(n) for n in range(6))
    assert number(readout(page, "fig-taylor", "p_probe")) == pytest.approx(partial, rel=1e-3)
    # sin x: only odd powers, alternating
    change(page, "fig-taylor", lambda: page.select_option("#taylor-fn", "sin"))
    change(page, "fig-taylor", lambda: page.locator("#taylor-order").fill("7"))
    assert readout(page, "fig-taylor", "poly") == "x − 0.1667x³ + 0.008333x⁵ − 0.0001984x⁷"
    assert "order 7 about a = 0" in page.inner_text("#fig-taylor .figure-alt")
    # the special cases: 1/x about 0 has no series
    change(page, "fig-special", lambda: page.locator("#special-a").fill("0"))
    assert "no series" in readout(page, "fig-special", "poly")

    # the 2D point by keyboard
    canvas = page.locator("#fig-taylor2d canvas")
    assert canvas.get_attribute("tabindex") == "0"
    assert readout(page, "fig-taylor2d", "point") == "(0.5, 0.3)"
    canvas.focus()
    change(page, "fig-taylor2d", lambda: page.keyboard.press("ArrowUp"))
    change(page, "fig-taylor2d", lambda: page.keyboard.press("ArrowRight"))
    assert readout(page, "fig-taylor2d", "point") == "(0.6, 0.4)"
    assert page.input_value("#t2d-x") == "0.6" and page.input_value("#t2d-y") == "0.4"
    x, y = 0.6, 0.4
    e = math.exp(-(x * x + y * y))
    want = f"({(1 - 2 * x * x) * e:.3f}, {-2 * x * y * e:.3f})".replace("-", "−")
    assert readout(page, "fig-taylor2d", "J") == want
    assert number(readout(page, "fig-taylor2d", "hyy")) == pytest.approx(x * (4 * y * y - 2) * e, abs=1e-3)
    change(page, "fig-taylor2d", lambda: page.select_option("#t2d-order", "2"))
    assert "second order" in readout(page, "fig-taylor2d", "order")

    # one exercise: wrong (forgot the n!), then right
    question = course.question(SLUG, "applying-taylor", 0)
    forgot = next(m for m in question.misconceptions if "k!" in m.feedback)
    box = page.locator('.exercise-set[data-set="applying-taylor"]')
    box.scroll_into_view_if_needed()
    box.locator(".ex-input").wait_for(timeout=READY_MS)
    box.locator(".ex-input").fill(forgot.answer)
    box.locator(".ex-check").click()
    box.locator(".ex-feedback.wrong").wait_for(timeout=30_000)
    assert "forgot to divide" in box.locator(".ex-feedback").inner_text()
    box.locator(".ex-input").fill(question.solution)
    box.locator(".ex-check").click()
    box.locator(".ex-feedback.correct").wait_for(timeout=30_000)
    assert "1 of" in box.locator(".ex-score").inner_text()
