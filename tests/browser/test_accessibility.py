"""axe-core on every page of the built site, before and after Python: no serious or critical
violations. Plus what axe cannot judge: every figure says in words what it shows, the maths
has MathML for screen readers, and nothing animates for a learner who asked for less motion.

Pages are found automatically (dist/index.html, every module page and every extra page such
as the glossary), so a page added later must pass too.
"""
from __future__ import annotations

import pytest

from sitebuild.paths import DIST, ROOT

from .conftest import extra_pages, module_pages, wait_python

AXE = ROOT / "node_modules/axe-core/axe.min.js"
BLOCKING = ("serious", "critical")

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n')[1])
  }));
}"""


def all_pages() -> list[str]:
    """Paths relative to the site root: the course home, every module page and every extra page."""
    return ["index.html", *(f"site/{slug}/index.html" for slug in module_pages() + extra_pages())]


def axe_violations(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]


def explain(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']})\n    " + "\n    ".join(v["nodes"])
                     for v in violations)


@pytest.fixture(scope="module", autouse=True)
def axe_is_installed():
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (it is a devDependency)")


@pytest.mark.parametrize("path", all_pages())
def test_no_serious_axe_violations_before_and_after_python(page, server, path):
    page.goto(server.url + path)
    is_module = path.startswith("site/") and path.split("/")[1] in module_pages()
    if is_module:
        page.wait_for_function("document.documentElement.classList.contains('math-ready')", timeout=20_000)
    before = axe_violations(page)
    assert not before, f"{path} before Python:\n{explain(before)}"
    if not is_module:
        return
    wait_python(page)
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
