"""Everything by keyboard alone: the skip link, focus you can see, every slider moving its
figure, every interactive figure, and an exercise answered with Hint and Show solution.
Pages are found automatically.

The three checks of a module page (sliders, pointer-driven figures, an exercise) share its load
with other files' checks (``visit``, visit.py): each starts from the skip link, as a keyboard
user at the top of the page, and moves or answers only what it then reads."""
from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import extra_pages, module_pages, open_module

FOCUSED = """() => { const el = document.activeElement;
  return el ? {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className && String(el.className),
               outline: getComputedStyle(el).outlineStyle, width: parseFloat(getComputedStyle(el).outlineWidth)} : null; }"""


def tab_to(page, selector: str, limit: int = 800) -> None:
    """Press Tab until the focused element matches ``selector``, as a keyboard user would (Escape
    first to leave a code box); fail if it never does."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.matches('textarea.ex-code-input')"):
            page.keyboard.press("Escape")       # a code box keeps Tab for indenting: its help says so
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{limit} presses of Tab never reached {selector}")


def test_skip_link_is_first_and_jumps_to_the_content(page, server):
    open_module(page, server, module_pages()[0], wait_ready=False)
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["cls"] == "skip-link", f"the first Tab reaches {focused}"
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, "the skip link is visible when focused"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#content'", timeout=10_000)


@pytest.fixture
def keyboard_page(visit):
    """The module's page (shared: visit.py), the keyboard's focus on the skip link."""
    visit.page.focus(".skip-link")
    return visit.page


@pytest.mark.parametrize("slug", module_pages())
def test_every_slider_moves_its_figure_by_keyboard(keyboard_page):
    page = keyboard_page
    sliders = page.locator(".live-figure input[type=range]")
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        slider_id = slider.get_attribute("id")
        figure = page.locator(".live-figure").filter(has=page.locator(f"#{slider_id}"))
        alt = figure.locator(".figure-alt")
        tab_to(page, f"#{slider_id}")
        focused = page.evaluate(FOCUSED)
        assert focused["outline"] != "none" and focused["width"] >= 2, f"#{slider_id}: no visible focus"
        before, described = slider.input_value(), alt.inner_text()
        key = "ArrowLeft" if float(before) >= float(slider.get_attribute("max")) else "ArrowRight"
        for _ in range(5):
            page.keyboard.press(key)
        assert slider.input_value() != before, f"#{slider_id}: the arrow keys did not move it"
        page.wait_for_function("([el, text]) => el.textContent !== text", arg=[alt.element_handle(), described],
                               timeout=10_000)
        # the canvas's label follows the figure too (the five presses' redraws may still be arriving)
        try:
            page.wait_for_function("([canvas, alt]) => canvas.getAttribute('aria-label') === alt.innerText",
                                   arg=[figure.locator("canvas").element_handle(), alt.element_handle()],
                                   timeout=10_000)
        except PlaywrightTimeout:
            pytest.fail(f"#{slider_id}: the canvas's label never matched the figure's words: "
                        f"{figure.locator('canvas').get_attribute('aria-label')!r} != {alt.inner_text()!r}")


@pytest.mark.parametrize("slug", module_pages())
def test_interactive_figures_work_by_keyboard(keyboard_page, slug):
    """Every focusable (pointer-driven) figure on the page also moves with the keys."""
    page, driven = keyboard_page, []
    canvases = page.locator(".live-figure canvas[tabindex='0']")
    for i in range(canvases.count()):
        canvas = canvases.nth(i)
        assert canvas.get_attribute("aria-describedby"), "keyboard help is linked to the figure"
        canvas_id = page.evaluate("(el) => { el.id = el.id || 'kbd-canvas-' + Math.random(); return el.id; }",
                                  canvas.element_handle())
        tab_to(page, f"[id='{canvas_id}']")
        before = canvas.get_attribute("aria-label")
        for key in ("ArrowRight", "ArrowRight", "ArrowRight", "PageUp"):
            page.keyboard.press(key)
        page.wait_for_function("([el, text]) => el.getAttribute('aria-label') !== text",
                               arg=[canvas.element_handle(), before], timeout=10_000)
        driven.append(canvas_id)
    assert driven or slug != module_pages()[0], "Module 1's explorer is an interactive figure to drive"


def exercise_pages() -> list[str]:
    from sitebuild.paths import DIST
    return [slug for slug in module_pages()
            if 'class="exercise-set"' in (DIST / "site" / slug / "index.html").read_text()]


def test_some_page_has_exercises():
    assert exercise_pages(), "no page has an exercise set"


@pytest.mark.parametrize("slug", exercise_pages())
def test_an_exercise_by_keyboard_alone(keyboard_page):
    page = keyboard_page
    page.wait_for_selector(".exercise-set .ex-input", timeout=120_000)
    # the first question with an answer box (a page may open with a choice question)
    page.evaluate("""() => document.querySelector('.exercise-set .ex-input')
                        .closest('.ex-question').setAttribute('data-kbd-target', '')""")
    target = "[data-kbd-target]"
    question = page.locator(target)
    tab_to(page, f"{target} .ex-input")
    page.keyboard.type("x^2 + 1")
    page.keyboard.press("Enter")
    feedback = question.locator(".ex-feedback")
    page.wait_for_function("(el) => el.textContent.trim().length > 0", arg=feedback.element_handle(),
                           timeout=60_000)
    tab_to(page, f"{target} .ex-hint")
    page.keyboard.press("Enter")
    page.wait_for_function("(el) => el.querySelectorAll('li').length > 0",
                           arg=question.locator(".ex-hints").element_handle(), timeout=30_000)
    tab_to(page, f"{target} .ex-show-solution")
    page.keyboard.press("Enter")
    solution = question.locator(".ex-solution")
    solution.wait_for(state="visible", timeout=30_000)
    assert solution.inner_text().strip(), "the worked solution is shown"
    assert page.locator(f"{target} .ex-show-solution").get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("slug", extra_pages())
def test_an_extra_page_by_keyboard_alone(page, server, slug):
    """The skip link first, then every link of the page's main in order, each with visible focus."""
    page.goto(f"{server.url}site/{slug}/index.html")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["cls"] == "skip-link"
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#content'", timeout=10_000)
    count = page.locator("main a[href]").count()
    assert count > 0
    reached = set()
    for _ in range(count + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["tag"] == "body":
            break
        if page.evaluate("() => !!document.activeElement.closest('main')"):
            assert focused["outline"] != "none" and focused["width"] >= 2, f"no visible focus on {focused}"
            reached.add(page.evaluate("() => document.activeElement.getAttribute('href')"))
        elif reached:
            break                              # past main: the footer
    hrefs = set(page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))"))
    assert hrefs <= reached, f"links Tab never reached: {sorted(hrefs - reached)[:5]}"


def test_a_terms_glossary_link_and_back_by_keyboard(page, server):
    """From a term's first use on a module page to its glossary entry, and back to the lesson."""
    slug = "m2-multivariate-calculus"
    open_module(page, server, slug)
    tab_to(page, 'a.glossary-link[href$="#hessian"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/index.html#hessian", timeout=20_000)
    assert page.evaluate("() => document.querySelector(':target').id") == "hessian"
    tab_to(page, 'dd a[href$="m2-multivariate-calculus/index.html#hessian"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{slug}/index.html#hessian", timeout=20_000)
    assert page.evaluate("() => document.querySelector(':target').id") == "hessian"
