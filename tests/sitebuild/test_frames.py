"""First frames (sitebuild/frames.py): every live figure drawn by the build, shown by the page
at once, replaced in place by the live figure.

Each built page runs its own script on the BUILT HTML (frames and all) in the stand-in browser
(sitebuild/standin.py), in the page's runtime (Pyodide under Node), as the page does; each
figure's first live frame is compared with the frame the page shipped, pixel by pixel. The
browser does the same (tests/browser/test_frames.py).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import frame_check, frames
from sitebuild.pages import PageError, rendered
from sitebuild.paths import DIST, PY, SITE

PAGES = sorted(p.parent.name for p in SITE.glob("m*/index.html"))
FIGURE = re.compile(r'<figure class="live-figure" id="([\w-]+)">(.*?)</figure>', re.S)
MAX_PAGE_BYTES = 600_000


def built(slug: str) -> str:
    path = DIST / "site" / slug / "index.html"
    if not path.is_file():
        pytest.fail("dist/ is not built: run `python3 py/make.py build`")
    return path.read_text(encoding="utf-8")


def in_standin(script: str, *args: str) -> object:
    """Run ``script`` in a fresh CPython (the stand-in browser replaces the js module, which
    must not leak into this test process); it prints one line of JSON, returned."""
    result = subprocess.run([sys.executable, "-c", script, *args], cwd=PY, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# One slider step away from the page's first state (the comparison must see it).
STEP = ("m1-what-is-calculus",
        'id="riserun-t" data-param="t" min="0" max="9.9" step="0.1" value="2"',
        'id="riserun-t" data-param="t" min="0" max="9.9" step="0.1" value="2.1"')

COMPARE = r'''
import json, sys, warnings
from pathlib import Path
sys.path.insert(0, "/host/py")
warnings.simplefilter("ignore", DeprecationWarning)
from sitebuild import frame_check, frames
task = json.loads(Path("/host/task.json").read_text())
index = json.loads(Path("/host/frames/index.json").read_text())


async def compare(slug, ratio, html=None):
    shipped = {f["id"]: f for f in index[slug]}
    drawn, _ = await frames.draw_page(slug, ratio, html=html)
    report = {}
    for figure in drawn:
        width, height, rgba = figure["pixels"]
        info = shipped[figure["id"]]
        report[figure["id"]] = dict(
            frame_check.difference(Path("/host/frames") / slug / info["files"][str(ratio)], width, height, rgba),
            alt_same=figure["alt"] == info["alt"], size=[width, height])
    return report

result = {"pages": {}}
for slug in task["slugs"]:
    for ratio in frames.RATIOS:
        result["pages"][f"{slug}@{ratio}"] = await compare(slug, ratio)
slug, old, new = task["step"]
html = Path(f"/host/site/{slug}/index.html").read_text(encoding="utf-8")
result["step"] = await compare(slug, 1, html.replace(old, new)) if old in html else None
print("RESULT " + json.dumps(result))
'''


@pytest.fixture(scope="module")
def live_frames(tmp_path_factory) -> dict:
    """Every built page's first live frames, drawn by Pyodide under Node from the built HTML,
    each compared with the frame the page shipped (and Module 1 with one slider moved a step)."""
    host = tmp_path_factory.mktemp("pyodide-host")
    frames.stage(host, PAGES, pages={slug: built(slug) for slug in PAGES})
    (host / "task.json").write_text(json.dumps({"slugs": PAGES, "step": STEP}))
    (host / "py/sitebuild/frame_check.py").write_bytes((PY / "sitebuild/frame_check.py").read_bytes())
    shutil.copytree(DIST / frames.FRAMES, host / "frames")
    script = host / "compare.py"
    script.write_text(COMPARE)
    out = frames.run_pyodide(host, script)
    return json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[len("RESULT "):])


@pytest.mark.parametrize("slug", PAGES)
def test_every_live_figure_shows_its_frame_with_its_text_alternative_in_the_built_page(slug):
    page = built(slug)
    figures = FIGURE.findall(page)
    assert figures, f"{slug} has no live figure"
    index = {f["id"]: f for f in json.loads((DIST / frames.FRAMES / frames.INDEX).read_text())[slug]}
    assert sorted(index) == sorted(fid for fid, _ in figures), "a frame for every live figure, and only for them"
    for fid, block in figures:
        image = re.search(r'<img class="plot-frame"[^>]*>', block)
        assert image, f"#{fid} has no frame"
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', image.group(0)))
        info = index[fid]
        assert (int(attrs["width"]), int(attrs["height"])) == (info["width"], info["height"])
        assert f'style="aspect-ratio: {info["width"]} / {info["height"]}"' in block, "the box keeps the frame's shape"
        assert attrs["alt"] and len(attrs["alt"]) > 30, "the frame's alt is the figure's text alternative"
        alt = re.search(r'<p class="figure-alt"[^>]*>(.*?)</p>', block, re.S).group(1)
        assert alt == attrs["alt"], "the text alternative is written out under the figure too"
        for source in [attrs["src"]] + [part.split()[0] for part in attrs["srcset"].split(",")]:
            assert (DIST / "site" / slug / source).resolve().is_file(), source
        assert "2x" in attrs["srcset"], "a sharp frame for high-density screens"
        assert "plot-placeholder" not in block, "the frame replaces the 'appears when Python is ready' box"
        assert "The controls work in a moment" in block and "Python could not start" in block
        assert not re.search(r'data-readout="[^"]+"[^>]*>…<', block), f"#{fid}: every readout shows the frame's value"


def test_the_frames_of_one_page_add_at_most_600_kB():
    index = json.loads((DIST / frames.FRAMES / frames.INDEX).read_text())
    for slug, figures in index.items():
        for ratio in map(str, frames.RATIOS):         # a page downloads one set: srcset picks it
            size = sum((DIST / frames.FRAMES / slug / f["files"][ratio]).stat().st_size for f in figures)
            assert size <= MAX_PAGE_BYTES, f"{slug}: {size / 1e3:.0f} kB of frames at {ratio}x"


@pytest.mark.parametrize("ratio", frames.RATIOS)
@pytest.mark.parametrize("slug", PAGES)
def test_each_frame_is_the_pages_first_live_frame(live_frames, slug, ratio):
    """The built page, run by its own script in Pyodide at 720 CSS px: each figure's first live
    frame is the frame it shipped, but for the 256 colours."""
    report = live_frames["pages"][f"{slug}@{ratio}"]
    assert report, f"{slug}: no figure drawn"
    for fid, result in report.items():
        assert result["same_size"], f"{slug} #{fid}: frame {result['frame']}, live {result['live']}"
        assert result["close"], f"{slug} #{fid}: {result['far']:.4%} of its pixels are far from the live figure's"
        assert result["alt_same"], f"{slug} #{fid}: the text alternative differs"
        assert result["size"][0] == 720 * ratio, "live_figure's widest"


def test_the_comparison_sees_one_slider_step(live_frames):
    """A figure one slider step away from its frame is not 'close': the tolerance is not blind."""
    report = live_frames["step"]
    assert report is not None, "the slider to move is not on the page any more: update STEP"
    assert not report["fig-rise-run"]["close"], report["fig-rise-run"]
    assert report["fig-secant"]["close"], "the other figures did not move"


SWAP = r'''
import json, sys, warnings
from pathlib import Path
warnings.simplefilter("ignore", DeprecationWarning)
from sitebuild.standin import install
browser = install()
import mvcalc.web.live_figure as live_figure
waiting = []
live_figure.when_near_view = lambda node, callback: waiting.append(callback)    # far from the viewport
browser.open(Path(sys.argv[1]).read_text(encoding="utf-8"), width=720, ratio=1)
import mvcalc.web.boot as boot
boot._import_plotting()
from mvcalc.web.live_figure import mount
figure = mount("fig-rise-run", __import__("mvcalc.figures.rise_run", fromlist=["RiseRunScene"]).RiseRunScene())
plot = figure.plot
before = {"frame": plot.querySelector(".plot-frame") is not None, "wait": plot.querySelector(".figure-wait") is not None,
          "alt": plot.querySelector(".plot-frame").getAttribute("alt"), "label": figure.canvas.getAttribute("aria-label"),
          "drawn": figure.canvas.pixels is not None}
for callback in waiting:
    callback()
after = {"frame": plot.querySelector(".plot-frame") is not None, "wait": plot.querySelector(".figure-wait") is not None,
         "drawn": figure.canvas.pixels is not None, "children": [c.tagName for c in plot.children]}
print(json.dumps({"before": before, "after": after}))
'''


def test_the_live_figure_replaces_its_frame_on_its_first_draw():
    result = in_standin(SWAP, str(DIST / "site/m1-what-is-calculus/index.html"))
    before, after = result["before"], result["after"]
    assert before["frame"] and before["wait"] and not before["drawn"], "built, not drawn: the frame stays"
    assert before["alt"] == "" and len(before["label"]) > 30, "the canvas speaks for the figure once Python runs"
    assert after["drawn"] and not after["frame"] and not after["wait"], "drawn: the frame and its note are gone"
    assert after["children"] == ["CANVAS"]


def test_page_sources_hold_no_generated_markup():
    for slug in PAGES:
        source = (SITE / slug / "index.html").read_text(encoding="utf-8")
        assert "plot-frame" not in source and "figure-wait" not in source, slug
        assert "plot-frame" not in rendered(slug), "pages.rendered() is the page without frames"


def test_markup_puts_the_frame_its_words_and_values_in_the_figure():
    main = ('<figure class="live-figure" id="fig-a">\n'
            '        <div class="plot"><div class="plot-placeholder">The live figure appears when Python is ready.</div></div>\n'
            '        <div class="controls"><input type="range" id="a-x" data-param="x" value="1">'
            '<output for="a-x"></output></div>\n'
            '        <p>slope: <span class="readout" data-readout="slope">…</span></p>\n'
            '        <p class="figure-alt" aria-live="polite"></p>\n'
            '      </figure>')
    figure = {"id": "fig-a", "width": 720, "height": 446, "alt": 'A "curve" <with> a tangent',
              "files": {"1": "fig-a.png", "2": "fig-a@2x.png"}, "readouts": {"slope": "−1.50"},
              "outputs": {"a-x": "1"}, "keys": "Arrow keys move the point."}
    out = frames.markup("m9-test", main, [figure])
    assert ('<img class="plot-frame" id="fig-a-frame" src="../frames/m9-test/fig-a.png" '
            'srcset="../frames/m9-test/fig-a.png 1x, ../frames/m9-test/fig-a@2x.png 2x" width="720" height="446" '
            'alt="A &quot;curve&quot; &lt;with&gt; a tangent"') in out
    assert '<div class="plot framed" style="aspect-ratio: 720 / 446">' in out and "plot-placeholder" not in out
    assert '<span class="readout" data-readout="slope">−1.50</span>' in out
    assert '<output for="a-x">1</output>' in out
    assert '<p class="figure-alt" aria-live="polite">A &quot;curve&quot; &lt;with&gt; a tangent</p>' in out
    assert '<p class="figure-keys" id="fig-a-keys">Arrow keys move the point.</p>\n      </figure>' in out
    with pytest.raises(PageError, match="fig-b"):
        frames.markup("m9-test", main, [figure, dict(figure, id="fig-b")])


def test_same_sources_same_bytes_and_a_rebuild_draws_nothing(tmp_path, monkeypatch):
    slug = "m6-regression"
    folder = frames.ensure_frames([slug], cache=tmp_path)[slug]        # drawn here, in a process of its own
    index = json.loads((folder / frames.INDEX).read_text())
    shipped = DIST / frames.FRAMES / slug
    for figure in index["figures"]:
        for name in figure["files"].values():
            assert (folder / name).read_bytes() == (shipped / name).read_bytes(), f"{name} differs from the build's"
    assert {"py/sitebuild/frames.py", "py/sitebuild/frames_task.py", "py/sitebuild/standin.py",
            ".cache/runtime/pyodide/pyodide-lock.json",
            f"site/{slug}/index.html", "py/mvcalc/web/live_figure.py", "py/mvcalc/web/pages/m6_regression.py",
            "py/mvcalc/figures/regression.py"} <= set(index["inputs"])

    def no_drawing(*args, **kwargs):
        raise AssertionError("drew again with nothing changed")
    monkeypatch.setattr(frames.subprocess, "run", no_drawing)
    assert frames.ensure_frames([slug], cache=tmp_path)[slug] == folder
    assert frames._up_to_date(folder)
    index["inputs"]["py/mvcalc/figures/regression.py"] = "0" * 64      # as if the figure's code changed
    (folder / frames.INDEX).write_text(json.dumps(index))
    assert not frames._up_to_date(folder)
