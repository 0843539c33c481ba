"""axe-core on every page of the built site, before and after Python: no serious or critical
violations. Plus what axe cannot judge: every figure says in words what it shows, the maths
has MathML for screen readers, and nothing animates for a learner who asked for less motion.

Pages are found automatically (dist/index.html, every module page and every extra page such
as the glossary), so a page added later must pass too.
"""
from __future__ import annotations

import pytest

from .axe import axe_violations, explain
from .conftest import extra_pages, module_pages, wait_python


def other_pages() -> list[str]:
    """Paths relative to the site root of every page that is not a module: the course home and
    every extra page."""
    return ["index.html", *(f"site/{slug}/index.html" for slug in extra_pages())]


@pytest.mark.parametrize("slug", module_pages())
def test_no_serious_axe_violations_on_a_module_page_before_and_after_python(reading_visit):
    page, path = reading_visit.page, f"site/{reading_visit.slug}/index.html"
    before = reading_visit.before["axe"]               # audited when the maths was typeset (visit.py)
    assert not before, f"{path} before Python:\n{explain(before)}"
    if page.locator(".exercise-set").count():      # exercises appear once their checker has started
        page.wait_for_selector(".exercise-set .ex-question", timeout=120_000)
        page.wait_for_function("!document.querySelector('.exercise-set .ex-waiting')", timeout=120_000)
    page.wait_for_timeout(300)
    after = axe_violations(page)
    assert not after, f"{path} with Python running:\n{explain(after)}"

    # what axe cannot judge
    assert page.locator("math").count() > 0, "KaTeX renders MathML beside the HTML, for screen readers"
    figures = page.locator(".live-figure")
    for i in range(figures.count()):
        figure = figures.nth(i)
        canvas = figure.locator("canvas").first
        label = canvas.get_attribute("aria-label") or ""
        assert canvas.get_attribute("role") == "img" and len(label) > 20, f"figure {i}: no text alternative"
        assert figure.locator(".figure-alt").first.inner_text().strip() == label.strip(), \
            f"figure {i}: the visible description is not the canvas's label"


@pytest.mark.parametrize("path", other_pages())
def test_no_serious_axe_violations_on_every_other_page(page, server, path):
    page.goto(server.url + path)
    violations = axe_violations(page)
    assert not violations, f"{path}:\n{explain(violations)}"


def test_reduced_motion_means_no_animation(browser, server):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(f"{server.url}site/{module_pages()[0]}/index.html")
        wait_python(page)
        running = page.evaluate("""() => document.getAnimations()
            .filter(a => a.playState === 'running')
            .map(a => (a.effect && a.effect.target ? a.effect.target.className : '') + ' ' + (a.animationName || ''))""")
        assert running == [], f"animations despite prefers-reduced-motion: {running}"
        smooth = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
        assert smooth != "smooth"
    finally:
        context.close()
