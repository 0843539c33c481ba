"""The speed instrumentation and the blitting path, in the real page (not timed: see
`python3 py/make.py bench` for the numbers)."""
from __future__ import annotations

import json

from bench.run import INIT_SCRIPT
from sitebuild.paths import DIST

from .conftest import open_module


def test_a_dragged_slider_blits_and_the_marks_are_set(page, server):
    page.add_init_script(INIT_SCRIPT)          # window.mvcalcPerf, as the benchmark uses it
    open_module(page, server, "m1-what-is-calculus")
    marks = page.evaluate("""['mvcalc:readable', 'mvcalc:python-start', 'mvcalc:first-plot', 'mvcalc:python-ready']
        .map(name => performance.getEntriesByName(name).length)""")
    assert marks == [1, 1, 1, 1], "each start-up mark is set exactly once"
    assert page.evaluate("mvcalcPerf.figures['fig-secant']") == "line"
    precompiled = page.evaluate("""performance.getEntriesByType('mark')
        .map(m => m.name).find(n => n.startsWith('mvcalc:precompiled-modules:'))""")
    assert precompiled, "boot reports how many modules were imported as bytecode"
    record = json.loads((DIST / "site/vendor/transform.json").read_text())
    if record["bytecode"]["packages"]:
        assert int(precompiled.rsplit(":", 1)[1]) > 100, "numpy and matplotlib were imported from bytecode"
    assert page.evaluate("performance.getEntriesByName('mvcalc:font-scan').length") == 0, \
        "matplotlib read the build's font list (sitebuild/transform.py) instead of scanning its fonts"

    slider = page.locator("#secant-h")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    for i in range(30):
        page.mouse.move(box["x"] + 10 + (box["width"] - 20) * (i % 15) / 15, y)
        page.wait_for_timeout(16)
    page.mouse.up()
    page.wait_for_timeout(300)
    redraws = page.evaluate("mvcalcPerf.redraws.filter(r => r.id === 'fig-secant')")
    inputs = page.evaluate("mvcalcPerf.inputs.filter(e => e.id === 'secant-h').length")
    full = [r for r in redraws if r["full"]]
    assert len(full) == 1, "only the first drawing renders the whole figure"
    assert inputs >= 20 and len(redraws) - 1 >= 10, "the slider's moves were drawn by blitting"
    assert len(redraws) - 1 <= inputs, "at most one redraw per input event (coalesced per frame)"
