"""Module 5 as a learner meets it: Newton-Raphson's cobweb stepped to the 0, 1, 0 cycle,
gradient descent answering the step size, the sandpit lab running a correct and a broken
next_step in the worker, and the Lagrange problem solved by scipy in the worker."""
from __future__ import annotations

import re

import pytest

from .conftest import canvas_ink

SLUG = "m5-optimisation"
FIGURES = ["fig-newton", "fig-descent", "fig-compare", "fig-lagrange", "fig-sandpit"]
SETS = ["newton-raphson-1d", "checking-newton-raphson", "gradient-descent", "optimisation-scenarios",
        "lagrange-multipliers"]


def readout(page, fig: str, name: str) -> str:
    return page.inner_text(f'#{fig} [data-readout="{name}"]').strip()


def number(text: str) -> float:
    return float(re.search(r"[−-]?\d+(\.\d+)?", text).group(0).replace("−", "-"))


def wait_alt_change(page, fig: str, before: str, timeout: int = 10_000) -> None:
    page.wait_for_function(
        "([id, text]) => document.querySelector(`#${id} .figure-alt`).textContent !== text",
        arg=[fig, before], timeout=timeout)


@pytest.fixture
def m5(visit):
    """The module's page, shared with other tests (visit.py): each sets up what it reads."""
    return visit.page


def test_page_has_its_lessons_figures_and_exercise_sets(m5):
    page = m5
    links = page.locator("nav.toc a")
    assert links.count() == 6
    for i in range(links.count()):
        assert page.locator(links.nth(i).get_attribute("href")).count() == 1
    assert [page.locator(".exercise-set").nth(i).get_attribute("data-set")
            for i in range(page.locator(".exercise-set").count())] == SETS
    assert page.locator(".try-this").count() >= 6
    for fig in FIGURES:
        canvas = page.locator(f"#{fig} canvas")
        assert canvas_ink(page, canvas) > 200, f"{fig} has ink"
        assert len(page.inner_text(f"#{fig} .figure-alt")) > 40, fig


def test_newton_cobweb_steps_into_the_cycle_0_1_0(m5):
    page = m5
    assert page.input_value("#newton-case") == "cycle"
    assert readout(page, "fig-newton", "x0") == "0.000000"
    assert readout(page, "fig-newton", "x1") == "–", "no step taken yet"
    for k in range(1, 5):
        before = page.inner_text("#fig-newton .figure-alt")
        page.click("#newton-next")
        wait_alt_change(page, "fig-newton", before)
        assert readout(page, "fig-newton", "steps") == str(k)
    xs = [number(readout(page, "fig-newton", f"x{k}")) for k in range(5)]
    assert xs == [0.0, 1.0, 0.0, 1.0, 0.0]
    assert [number(readout(page, "fig-newton", f"f{k}")) for k in range(3)] == [2.0, 1.0, 2.0]
    assert "cycle" in page.inner_text("#fig-newton .figure-alt")
    # another case starts at its own x0, and converges
    before = page.inner_text("#fig-newton .figure-alt")
    page.select_option("#newton-case", "converge")
    wait_alt_change(page, "fig-newton", before)
    assert page.input_value("#newton-x0") == "-2.5"
    for _ in range(6):
        before = page.inner_text("#fig-newton .figure-alt")
        page.click("#newton-next")
        wait_alt_change(page, "fig-newton", before)
    assert abs(number(readout(page, "fig-newton", "x6")) + 1.769292) < 1e-5


def test_step_size_changes_the_gradient_descent_walk(m5):
    page = m5
    fig = "fig-descent"
    steps = int(readout(page, fig, "gradient-steps"))
    length = number(readout(page, fig, "gradient-length"))
    assert "reached the bottom" in readout(page, fig, "gradient-status")
    before = page.inner_text(f"#{fig} .figure-alt")
    page.locator("#descent-gamma").fill("0.02")
    wait_alt_change(page, fig, before)
    slow = int(readout(page, fig, "gradient-steps"))
    assert slow > steps, "smaller steps take more of them"
    assert number(readout(page, fig, "gradient-length")) != length
    before = page.inner_text(f"#{fig} .figure-alt")
    page.locator("#descent-gamma").fill("0.15")
    wait_alt_change(page, fig, before)
    assert "diverged" in readout(page, fig, "gradient-status")
    assert "diverged" in page.inner_text(f"#{fig} .figure-alt")


def test_sandpit_runs_a_correct_and_a_broken_next_step(m5):
    page = m5
    editor = page.locator("#sandpit-code")
    assert "def next_step(f, J, H)" in editor.input_value() and "np.zeros(2)" in editor.input_value()
    mine = "def next_step(f, J, H):\n    return -0.05 * J\n"
    editor.fill(mine)
    page.click("#sandpit-references summary")
    page.select_option("#sandpit-preset", "hybrid")
    page.click("#sandpit-load")
    assert "np.linalg.solve" in editor.input_value()
    assert "the course's, not yours" in page.inner_text("#sandpit-status")
    page.click("#sandpit-mine")
    assert editor.input_value() == mine
    page.click("#sandpit-load")
    page.click("#sandpit-run")
    page.wait_for_function("document.querySelector('#sandpit-status').textContent.startsWith('Converged')",
                           timeout=90_000)
    status = page.inner_text("#sandpit-status")
    assert "(0, -1)" in status or "(0, 1)" in status, status
    assert int(readout(page, "fig-sandpit", "step")) > 0
    assert canvas_ink(page, page.locator("#fig-sandpit canvas")) > 200
    # broken code: a friendly message, no crash
    editor.fill("def next_step(f, J, H):\n    return J / 0.0 * 0\n")
    page.click("#sandpit-run")
    page.wait_for_function("document.querySelector('#sandpit-status').textContent.includes('not finite')",
                           timeout=60_000)
    editor.fill("def next_step(f, J, H):\n    return 1\n")
    page.click("#sandpit-run")
    page.wait_for_function("document.querySelector('#sandpit-status').textContent.includes('single number')",
                           timeout=60_000)
    # Enter on the focused map runs too, from the cross moved by the arrow keys
    editor.fill("def next_step(f, J, H):\n    return -0.2 * J\n")
    page.focus("#fig-sandpit canvas")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#sandpit-status').textContent.startsWith('Converged')",
                           timeout=60_000)


def test_sandpit_lab_grades_next_step_by_its_properties(m5):
    """A correct next_step typed in is graded correct; one that steps uphill is told which
    property it fails."""
    page = m5
    editor = page.locator("#sandpit-code")
    editor.fill("def next_step(f, J, H):\n    gamma = 0.09\n    return -gamma * J\n")
    page.click("#sandpit-grade")
    page.wait_for_selector("#sandpit-grading .lab-verdict", timeout=90_000)
    verdict = page.locator("#sandpit-grading .lab-verdict")
    assert verdict.get_attribute("data-correct") == "true", verdict.inner_text()
    assert verdict.inner_text().startswith("Correct")
    passed = page.locator('#sandpit-grading li[data-passed="true"]')
    assert [passed.nth(i).get_attribute("data-property") for i in range(passed.count())] == [
        "goes downhill", "reaches the bottom of the narrow valley", "leaves the saddle"]
    # uphill: named, and not correct
    editor.fill("def next_step(f, J, H):\n    return 0.1 * J\n")
    editor.press("Control+Enter")               # Ctrl+Enter checks too
    page.wait_for_function("document.querySelector('#sandpit-grading .lab-verdict')?.dataset.correct === 'false'",
                           timeout=60_000)
    assert "“goes downhill”" in page.inner_text("#sandpit-grading .lab-verdict")
    uphill = page.locator('#sandpit-grading li[data-property="goes downhill"]')
    assert uphill.get_attribute("data-passed") == "false"
    assert "goes uphill" in uphill.inner_text() and "J · step" in uphill.inner_text()


def test_lagrange_answer_comes_from_scipy_in_the_worker(m5):
    page = m5
    page.click("#lagrange-solve")
    page.wait_for_function("!document.querySelector('#lagrange-table').hidden", timeout=120_000)
    rows = page.locator("#lagrange-table tbody tr")
    assert rows.count() == 6
    top = [number(t) for t in rows.nth(0).locator("td").all_inner_texts()[:4]]
    assert abs(abs(top[0]) - 2 ** 0.5) < 1e-3 and abs(top[1] - 1) < 1e-3
    assert abs(top[2] - 1) < 1e-3 and abs(top[3] - 2) < 1e-3
    assert "maximum" in rows.nth(0).inner_text()
    assert "scipy found" in page.inner_text("#fig-lagrange .figure-alt")
    # scipy stays off the page's own Python
    assert page.evaluate("() => !('scipy' in (window.pyodide?.loadedPackages || {}))")


def test_a_lagrange_exercise_names_the_slip_then_accepts_the_answer(m5):
    from mvcalc import course
    page = m5
    box = page.locator('.exercise-set[data-set="lagrange-multipliers"]')
    box.locator(".ex-input").first.wait_for(timeout=120_000)
    question = course.question(SLUG, "lagrange-multipliers", 0)
    assert question.kind == "matrix" and question.misconceptions
    slip = question.misconceptions[0]
    box.locator(".ex-input").click()
    page.keyboard.type(slip.answer)
    page.keyboard.press("Enter")
    box.locator(".ex-feedback.wrong").wait_for(timeout=20_000)
    words = max(re.split(r"\\\(.*?\\\)", slip.feedback), key=len).strip()   # its longest plain words
    assert len(words) >= 10 and words in box.locator(".ex-feedback").inner_text()
    box.locator(".ex-input").fill("")
    box.locator(".ex-input").click()
    page.keyboard.type(question.solution)
    page.keyboard.press("Enter")
    box.locator(".ex-feedback.correct").wait_for(timeout=20_000)
