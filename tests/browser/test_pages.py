"""Every page of the built site opens, reads before Python, and comes alive with Python."""
from __future__ import annotations

import pytest

from .conftest import canvas_ink, module_pages


def test_home_lists_the_six_modules_in_order_with_their_summaries(page, server):
    page.goto(server.url)
    links = page.locator(".module-card h2 a")
    assert links.count() == 6
    from mvcalc.course import MODULES
    for i, module in enumerate(MODULES):
        assert links.nth(i).inner_text() == f"{i + 1}. {module.title}"
        assert links.nth(i).get_attribute("href") == f"site/{module.slug}/index.html"
        assert page.locator(".module-card .summary").nth(i).inner_text() == module.summary


def test_site_has_a_page_per_module():
    from mvcalc.course import MODULES
    assert module_pages() == sorted(m.slug for m in MODULES)


@pytest.mark.parametrize("slug", module_pages())
def test_module_page_reads_then_boots_python_and_draws(reading_visit):
    before, page = reading_visit.before, reading_visit.page
    # readable before Python: the text is there and the maths is typeset by KaTeX (visit.py)
    assert before["h1"]
    assert before["katex"] > 0
    assert before["math"] > 0, "KaTeX's MathML output is there for screen readers"
    assert "ready" in page.inner_text("#python-status")
    figure = page.locator(".live-figure canvas").first
    assert canvas_ink(page, figure) > 100, "the figure was drawn"
    label = figure.get_attribute("aria-label")
    assert label and len(label) > 20, "the figure has a text alternative"
    assert page.locator(".py-error").count() == 0, "no PyScript error box"
    assert "font cache" not in page.inner_text("body")


@pytest.mark.parametrize("slug", module_pages())
def test_progress_indicator_says_what_is_loading(reading_visit):
    page = reading_visit.page
    seen = page.evaluate("window.statusSeen")            # recorded from the start (visit.py)
    text = " ".join(seen)
    for expected in ("Python runtime", "numpy", "matplotlib"):
        assert expected in text, f"the status never mentioned {expected!r}: {seen[:20]}"
    assert page.locator("#python-status progress").count() == 0, "the bar is gone once ready"


def test_a_missing_runtime_file_is_reported_plainly(page, server, context, allow_console):
    allow_console(r"404|Failed to load resource|pyodide|Error|error")
    context.route("**/pyodide.asm.wasm*", lambda route: route.fulfill(status=404, body="missing"))   # and its .gz
    page.goto(f"{server.url}site/m1-what-is-calculus/index.html")
    page.wait_for_function("document.documentElement.classList.contains('python-failed')", timeout=60_000)
    message = page.inner_text("#python-status")
    assert "Python could not start" in message and "pyodide.asm.wasm" in message
    assert page.locator("h1").is_visible() and page.locator(".katex").count() > 0
