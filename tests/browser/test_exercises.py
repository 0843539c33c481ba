"""The exercise widgets on real pages, used as a learner would: typing, keyboard, reload.

Questions come from the build's question bank; the tests know the right
answers from the same generators in CPython (mvcalc.course.question), seed for seed.
"""
from __future__ import annotations

import json
import re
import time

import pytest

from mvcalc import course

from .conftest import open_module, watched_context, watched_new_page, watching

M1, M2 = "m1-what-is-calculus", "m2-multivariate-calculus"
CHECKER_READY_MS = 120_000
# The tests of a code check's time limit set a shorter one (window.mvcalcCodeLimitMs, read by
# mvcalc.web.checker at each check instead of its CODE_LIMIT_MS, 15 s): the same mechanism,
# without a runaway burning a core for the full limit
TEST_LIMIT_MS = 5_000
SHORT_LIMIT = f"window.mvcalcCodeLimitMs = {TEST_LIMIT_MS};"


@pytest.fixture(scope="module")
def shared(browser, server):
    """One load of each module page for this file's tests that can share it (a page with Python
    costs about 7 core-seconds to open): on Module 1 each works in a set of its own; on Module 2
    the code tests take turns with the one worker for learner code, each setting up what it reads
    (see ``fresh_feedback``). A test that needs the page as it loads (a reload, an init script)
    has a page of its own."""
    opened = {}

    def get(slug: str):
        if slug not in opened:
            opened[slug] = open_module(watched_new_page(watched_context(browser, server)), server, slug)
        with watching(opened[slug]) as page:
            yield page
    yield get
    for page in opened.values():
        page.context.close()


@pytest.fixture
def m1_page(shared):
    yield from shared(M1)


@pytest.fixture
def m2_page(shared):
    yield from shared(M2)


def exercise(page, set_slug: str):
    return page.locator(f'.exercise-set[data-set="{set_slug}"]')


def wait_question(box, selector: str = ".ex-prompt"):
    box.locator(selector).first.wait_for(timeout=CHECKER_READY_MS)


def plain_start(text: str) -> str:
    """The words of a sentence before its first TeX (KaTeX changes how TeX reads)."""
    return re.split(r"\\\(|\\\[", text)[0].strip()[:40]


def wait_feedback(box, kind: str, timeout: int = 20_000):
    box.locator(f".ex-feedback.{kind}").wait_for(timeout=timeout)
    return box.locator(".ex-feedback").inner_text()


def tab_to(page, label: str, most: int = 4) -> None:
    """Press Tab (at most ``most`` times) until the focused control reads ``label``."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").startswith(label):
            return
    raise AssertionError(f"Tab never reached {label!r}")


def fresh_feedback(box) -> None:
    """Clear the verdict a test before left in this set (on a shared page), so that waiting for
    one waits for this test's."""
    box.evaluate("(el) => { el.querySelector('.ex-feedback').className = 'ex-feedback'; }")


def stored(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('mvcalc.progress') || '{}'"))


def test_expression_question_live_preview_wrong_right_and_invalid(m1_page):
    page = m1_page
    box = exercise(page, "differentiate")
    wait_question(box, ".ex-input")
    question = course.question(M1, "differentiate", 0)
    answer = box.locator(".ex-input")
    assert "Type e.g." in box.locator(".ex-help").inner_text() or box.locator(".ex-help").inner_text()
    assert box.locator(".ex-howto summary").inner_text() == "How to type maths"

    # the live preview follows the typing, read by mvcalc.checking on the main thread
    answer.click()
    page.keyboard.type("3x^2 cos(x)")
    box.locator(".ex-preview-math .katex").wait_for()
    assert "cos" in box.locator(".ex-preview-math").inner_text()
    page.keyboard.type(" +")
    box.locator(".ex-preview-message").filter(has_text=re.compile(r"\w")).wait_for()
    assert answer.get_attribute("aria-invalid") == "true"

    # unreadable: said so, and not counted as an attempt
    page.keyboard.press("Enter")
    text = wait_feedback(box, "invalid")
    assert "Couldn't read your answer" in text and "did not count" in text
    assert stored(page)["sets"]["m1-what-is-calculus/differentiate"]["questions"]["0"]["attempts"] == 0

    # a known slip: its own sentence
    slip = question.misconceptions[0]
    answer.fill(slip.answer)
    started = time.monotonic()
    answer.press("Enter")
    text = wait_feedback(box, "wrong")
    wrong_ms = (time.monotonic() - started) * 1000
    assert "Not quite." in text and "\u2717" in text
    assert plain_start(slip.feedback) in text

    # the right answer, typed as a learner would
    answer.fill("")
    answer.click()
    page.keyboard.type(question.solution)
    started = time.monotonic()
    box.locator(".ex-check").click()
    text = wait_feedback(box, "correct")
    right_ms = (time.monotonic() - started) * 1000
    assert "\u2713" in text and "Correct" in text
    assert box.locator(".ex-score").inner_text() == f"1 of {box.locator('.ex-nav-button').count()} correct"
    assert "\u2713" in box.locator(".ex-nav-button").first.inner_text()
    record = stored(page)["sets"]["m1-what-is-calculus/differentiate"]["questions"]["0"]
    assert record["correct"] is True and record["attempts"] == 2
    print(f"\ncheck round trip: wrong {wrong_ms:.0f} ms, right {right_ms:.0f} ms")
    assert max(wrong_ms, right_ms) < 2000, "a check answers within a second or so"


def test_hint_solution_and_new_variant_by_keyboard_only(m1_page):
    page, set_slug = m1_page, "product-rule"
    box = exercise(page, set_slug)
    wait_question(box, ".ex-input")
    prompt = box.locator(".ex-prompt").inner_text()
    box.locator(".ex-input").focus()
    tab_to(page, "Hint")                    # past "How to type maths" and Check
    page.keyboard.press("Enter")
    assert box.locator(".ex-hint-item").count() == 1
    page.keyboard.press("Space")
    assert box.locator(".ex-hint-item").count() == 2
    tab_to(page, "Show solution", most=1)
    page.keyboard.press("Enter")
    solution = box.locator(".ex-solution")
    assert solution.is_visible() and solution.locator("li").count() >= 2
    assert box.locator(".ex-show-solution").get_attribute("aria-expanded") == "true"
    tab_to(page, "New variant", most=1)
    page.keyboard.press("Enter")
    page.wait_for_function("([sel, old]) => { const p = document.querySelector(sel); return p && p.innerText !== old; }",
                           arg=[f'.exercise-set[data-set="{set_slug}"] .ex-prompt', prompt])
    assert box.locator(".ex-hint-item").count() == 0 and not solution.is_visible()
    # the new variant is the generator's next one, and it is remembered
    assert stored(page)["sets"][f"{M1}/{set_slug}"]["questions"]["0"]["variant"] == 1
    size = box.locator(".ex-nav-button").count()
    box.locator(".ex-input").fill(course.question(M1, set_slug, size).solution)
    box.locator(".ex-input").press("Enter")
    wait_feedback(box, "correct")
    # the navigator moves between questions by keyboard too: one Tab stop, arrows within it
    assert box.locator('.ex-nav-button[tabindex="0"]').count() == 1
    box.locator('.ex-nav-button[tabindex="0"]').focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Question 2 of")
    page.keyboard.press("Enter")
    page.wait_for_function("""(set) => document.querySelector(`.exercise-set[data-set="${set}"] .ex-qtitle`)
                              .textContent.startsWith('Question 2')""", arg=set_slug)
    assert box.locator(".ex-nav-button").nth(1).get_attribute("aria-current") == "step"


def test_choice_between_graphs(m1_page):
    page = m1_page
    box = exercise(page, "matching-functions")
    wait_question(box, ".ex-choice")
    question = course.question(M1, "matching-functions", 0)
    canvases = box.locator(".ex-choice canvas")
    assert canvases.count() == len(question.choices)
    for i in range(canvases.count()):
        label = canvases.nth(i).get_attribute("aria-label")
        assert label.startswith("Graph (") and "crosses" in label
        assert question.choices[i].value not in label, "the text alternative never gives the formula"
    # each graph is painted in a task of its own once its canvas comes near the viewport
    canvases.first.scroll_into_view_if_needed()
    page.wait_for_function("(el) => el.dataset.drawn === '1'", arg=canvases.first.element_handle(), timeout=20_000)
    ink = page.evaluate("""(el) => { const d = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
                           let n = 0; for (let i = 0; i < d.length; i += 16) if (d[i] < 150) n++; return n; }""",
                        canvases.first.element_handle())
    assert ink > 50, "the graph was drawn"
    wrong = next(m for m in question.misconceptions)
    box.locator(f'input[value="{wrong.answer}"]').check()
    box.locator(".ex-check").click()
    assert plain_start(wrong.feedback) in wait_feedback(box, "wrong")
    radio = box.locator(f'input[value="{question.solution}"]')
    radio.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    wait_feedback(box, "correct")


def test_code_question_runs_tests_and_survives_an_endless_loop(m2_page):
    page = m2_page
    box = exercise(page, "finite-differences")
    wait_question(box, ".ex-code-input")
    fresh_feedback(box)
    question = course.question(M2, "finite-differences", 0)
    area = box.locator(".ex-code-input")
    assert question.entry in area.input_value()

    # Tab indents; Escape then Tab leaves the box
    area.fill(f"def {question.entry}(f, x, h):")
    area.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert area.input_value().endswith("\n    ")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Run tests"

    area.fill(f"def {question.entry}(f, x, h):\n    while True:\n        pass\n")
    box.locator(".ex-check").click()
    text = wait_feedback(box, "wrong", timeout=CHECKER_READY_MS)   # the worker may start first
    assert "stopped" in text
    area.fill(question.solution)
    area.press("Control+Enter")
    assert "tests passed" in wait_feedback(box, "correct", timeout=30_000)


def test_a_runaway_inside_c_is_stopped_by_ending_the_worker(m2_page):
    """One long numpy call gives the budget's ticks no chance; the page's limit ends it."""
    page = m2_page
    box = exercise(page, "finite-differences")
    wait_question(box, ".ex-code-input")
    fresh_feedback(box)
    page.evaluate(SHORT_LIMIT)
    question = course.question(M2, "finite-differences", 0)
    area = box.locator(".ex-code-input")
    area.fill(f"def {question.entry}(f, x, h):\n    a = np.ones((3000, 3000))\n    return float((a @ a @ a)[0, 0])\n")
    box.locator(".ex-check").click()
    text = wait_feedback(box, "stopped", timeout=CHECKER_READY_MS)   # the worker may start first
    assert "took too long" in text and "stopped" in text
    assert page.evaluate("1 + 1") == 2, "the page is responsive"
    page.evaluate("delete window.mvcalcCodeLimitMs")
    # a fresh checker starts; the next check waits for it and then works
    area.fill(question.solution)
    box.locator(".ex-check").click()
    wait_feedback(box, "correct", timeout=CHECKER_READY_MS)


# The worker for learner code as on a slow computer: its "ready" reaches the page late.
SLOW_START = """
window.Worker = class extends window.Worker {
  constructor(url, options) { super(url, options); this.slow = String(url).includes('checker-worker'); }
  set onmessage(handler) {
    super.onmessage = (event) => this.slow && event.data && event.data.type === 'ready'
      ? setTimeout(() => handler(event), DELAY) : handler(event);
  }
};
"""


def test_a_slow_start_of_python_for_code_is_not_counted_against_the_check(page, server):
    """On a slow or busy computer the worker can take longer to start than a check may run: the
    limit counts from when the worker takes the check, so a right answer is still marked right
    (counted from the click, it was stopped, and stopped again in each fresh worker)."""
    page.add_init_script(SHORT_LIMIT + SLOW_START.replace("DELAY", str(TEST_LIMIT_MS + 3000)))
    open_module(page, server, M2)
    box = exercise(page, "finite-differences")
    wait_question(box, ".ex-code-input")
    question = course.question(M2, "finite-differences", 0)
    box.locator(".ex-code-input").fill(question.solution)
    started = time.monotonic()
    box.locator(".ex-check").click()
    assert "tests passed" in wait_feedback(box, "correct", timeout=CHECKER_READY_MS)
    assert time.monotonic() - started > (TEST_LIMIT_MS + 3000) / 1000, "the worker's start was slowed"


TIMED_CHECK = """(selector) => new Promise((resolve) => {
  const box = document.querySelector(selector);
  const feedback = box.querySelector('.ex-feedback');
  feedback.className = 'ex-feedback';        // a maths verdict may come in the click's own task
  const observer = new MutationObserver(() => {
    if (/(correct|wrong|invalid|stopped)/.test(feedback.className)) {
      observer.disconnect();
      resolve({ ms: performance.now() - t0, kind: feedback.className, text: feedback.innerText });
    }
  });
  observer.observe(feedback, { attributes: true, attributeFilter: ['class'] });
  const t0 = performance.now();
  box.querySelector('.ex-check').click();
})"""


def test_a_maths_check_that_is_stopped_leaves_the_page_ready_for_the_next(m1_page):
    """The page marks maths itself, on its main thread, under a work budget: past it the check
    stops with a maths message (nothing about code), and the next answer is marked at once."""
    page, set_slug = m1_page, "chain-rule"
    box = exercise(page, set_slug)
    wait_question(box, ".ex-input")
    selector = f'.exercise-set[data-set="{set_slug}"]'
    question = course.question(M1, set_slug, 0)
    page.evaluate("window.mvcalcCheckWork = 10")          # a budget no check can keep to
    box.locator(".ex-input").fill(question.solution)
    try:
        stopped = page.evaluate(TIMED_CHECK, selector)
    finally:
        page.evaluate("delete window.mvcalcCheckWork")
    assert "stopped" in stopped["kind"], stopped
    assert "took too long" in stopped["text"] and "code" not in stopped["text"], stopped
    assert box.locator(".ex-score").inner_text().startswith("0 of"), "a stopped check is not counted"
    verdict = page.evaluate(TIMED_CHECK, selector)
    assert "correct" in verdict["kind"], verdict
    assert verdict["ms"] < 1000, f"the next check took {verdict['ms']:.0f} ms"


def test_a_worker_that_dies_in_the_middle_of_a_request_is_replaced(m2_page):
    """Learner code runs in a worker; if it dies mid-request the learner is told in a sentence
    and the next run starts a fresh worker that answers."""
    page = m2_page
    box = exercise(page, "finite-differences")
    wait_question(box, ".ex-code-input")
    fresh_feedback(box)
    question = course.question(M2, "finite-differences", 0)
    area = box.locator(".ex-code-input")
    area.fill(question.solution)
    box.locator(".ex-check").click()
    wait_feedback(box, "correct", timeout=CHECKER_READY_MS)          # the worker is up
    area.fill(f"def {question.entry}(f, x, h):\n    import_nothing = 1\n    while True:\n        pass\n")
    box.locator(".ex-check").click()
    page.wait_for_function("document.querySelector('.exercise-set[data-set=\"finite-differences\"] "
                           ".ex-feedback').className.includes('info')")
    page.wait_for_timeout(300)
    page.evaluate("window.mvcalcChecker.crash()")                    # the worker dies mid-request
    text = wait_feedback(box, "invalid", timeout=10_000)
    assert "started afresh" in text and "Nothing was counted" in text, text
    area.fill(question.solution)
    box.locator(".ex-check").click()
    assert "tests passed" in wait_feedback(box, "correct", timeout=CHECKER_READY_MS)


def test_matrix_question_with_preview(m2_page):
    page = m2_page
    box = exercise(page, "calculating-jacobian")
    wait_question(box, ".ex-input")
    question = course.question(M2, "calculating-jacobian", 0)
    box.locator(".ex-input").click()
    page.keyboard.type(question.solution)
    box.locator(".ex-preview-math .katex").wait_for()
    page.keyboard.press("Enter")
    wait_feedback(box, "correct")


def test_progress_and_typed_answer_survive_a_reload_and_show_on_the_home(page, server):
    open_module(page, server, M1)
    box = exercise(page, "differentiate")
    wait_question(box, ".ex-input")
    box.locator(".ex-input").fill(course.question(M1, "differentiate", 0).solution)
    box.locator(".ex-input").press("Enter")
    wait_feedback(box, "correct")
    box.locator(".ex-nav-button").nth(1).click()
    page.wait_for_function("""document.querySelector('.exercise-set[data-set="differentiate"] .ex-qtitle')
                              .textContent.startsWith('Question 2') &&
                              document.querySelector('.exercise-set[data-set="differentiate"] .ex-input')""")
    box.locator(".ex-input").click()
    page.keyboard.type("2x + sin")
    page.reload()
    page.wait_for_function("document.documentElement.classList.contains('python-ready')", timeout=120_000)
    box = exercise(page, "differentiate")
    size = box.locator(".ex-nav-button").count()
    assert box.locator(".ex-score").inner_text() == f"1 of {size} correct"
    wait_question(box, ".ex-input")
    assert box.locator(".ex-qtitle").inner_text().startswith("Question 2"), "the learner's place is kept"
    assert box.locator(".ex-input").input_value() == "2x + sin", "the typed answer is restored"
    page.goto(server.url)
    card = page.locator('.module-card[data-module="m1-what-is-calculus"]')
    assert re.match(r"1 of \d+ questions correct", card.locator(".progress-line").inner_text())
    assert "1 of" in card.locator('li[data-set="differentiate"]').text_content()
