"""Phones, tablets, desktops: every page at 375, 768 and 1280 px wide, nothing wider than the
screen, figures following their column when the window changes size. For a human to look at,
``MVCALC_SHOTS=<folder>`` saves each page at each width there (about 4 s a page, so not by default).

A module page, shared with other checks (``reading_visit``, visit.py: it booted Python at
desktop width), is narrowed to a phone's width and widened again: each figure's canvas must
re-lay itself out to its new column, as on a tablet turned sideways. A phone that boots a
module page at its own width is the touch test's; every other page opens at phone width.
"""
from __future__ import annotations

import pytest

from .conftest import extra_pages, module_pages, wait_python

WIDTHS = (375, 768, 1280)
HEIGHT = 900

# Elements poking out to the right of the viewport, ignoring what sits inside a box that
# scrolls or clips horizontally (a wide equation scrolls in its own .katex-display).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1 || clipped(el)) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
  }
  return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 10)};
}"""

# Each live canvas's drawing buffer against its box on screen, in device pixels.
CANVAS_FIT = """() => [...document.querySelectorAll('.live-figure canvas')].map(c => ({
  id: c.closest('figure').id, buffer: c.width, shown: c.getBoundingClientRect().width * devicePixelRatio,
  height: c.getBoundingClientRect().height}))"""


def other_pages() -> list[str]:
    """The course home and every extra page (the glossary, ...): no module's Python."""
    return ["index.html", *(f"site/{slug}/index.html" for slug in extra_pages())]


def check_width(page, path: str, width: int) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["width"], \
        f"{path} at {width} px scrolls sideways ({found['scroll']} > {found['width']}): {found['out']}"
    assert not found["out"], f"{path} at {width} px: wider than the screen: {found['out']}"


def check_fits(page, path: str, width: int, shots=None) -> None:
    """Nothing wider than the screen, and each live figure drawn for the column it has now."""
    check_width(page, path, width)
    for canvas in page.evaluate(CANVAS_FIT):
        assert canvas["height"] > 120, f"{path} at {width} px: figure {canvas['id']} is squashed"
        assert abs(canvas["buffer"] - canvas["shown"]) <= 0.12 * canvas["shown"] + 2, \
            f"{path} at {width} px: figure {canvas['id']} was drawn {canvas['buffer']} px wide " \
            f"for a {canvas['shown']:.0f} px box: it did not follow its column"
    if shots:
        name = path.replace("/index.html", "").replace("/", "-").replace(".html", "")
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)


def at_each_width(page, path: str, shots) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.wait_for_timeout(600)           # resize observers, then a frame
        check_fits(page, path, width, shots)


@pytest.mark.parametrize("slug", module_pages())
def test_a_module_page_fits_phone_tablet_and_desktop(reading_visit, slug, shots):
    at_each_width(reading_visit.page, f"site/{slug}/index.html", shots)


@pytest.mark.parametrize("path", other_pages())
def test_every_other_page_fits_phone_tablet_and_desktop(page, server, path, shots):
    page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
    page.goto(server.url + path)
    at_each_width(page, path, shots)


def test_sliders_take_touch(browser, server):
    """A phone: the page booted at its width fits it; tapping along a slider's track moves it,
    and the figure follows."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True,
                                  device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(f"{server.url}site/{module_pages()[0]}/index.html")
        wait_python(page)
        check_fits(page, f"site/{module_pages()[0]}/index.html", 375)      # booted at a phone's width
        slider = page.locator(".live-figure input[type=range]").first
        slider.scroll_into_view_if_needed()
        alt = page.locator(".live-figure .figure-alt").first
        before_value, before_alt = slider.input_value(), alt.inner_text()
        box = slider.bounding_box()
        for fraction in (0.1, 0.9):
            page.touchscreen.tap(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)
            page.wait_for_timeout(200)
            if slider.input_value() != before_value:
                break
        assert slider.input_value() != before_value, "a tap on the slider's track did not move it"
        page.wait_for_function("([el, text]) => el.textContent !== text", arg=[alt.element_handle(), before_alt])
        target = min(box["height"], 44)
        assert target >= 24, f"the slider is {box['height']} px tall: too small a touch target"
    finally:
        context.close()
