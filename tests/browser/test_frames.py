"""First frames in the browser (sitebuild/frames.py): every figure is a picture as soon as the
page is parsed, stays one when Python cannot start (and in print), and becomes live in place:
same box, no layout shift, the very picture Pyodide draws, each frame loaded once."""
from __future__ import annotations

import base64
import json

import pytest

from sitebuild import frame_check, frames
from sitebuild.paths import DIST

from .conftest import module_pages, open_module, watched_context, watched_new_page

MAX_SWAP_SHIFT = 0.01        # layout-shift score allowed for all of a page's swaps together

FIGURES_JS = """() => Array.from(document.querySelectorAll('.live-figure')).map((figure) => {
  const plot = figure.querySelector('.plot'), frame = plot.querySelector('img.plot-frame');
  const box = plot.getBoundingClientRect();
  const shown = (node) => !!node && getComputedStyle(node).display !== 'none' && getComputedStyle(node).visibility !== 'hidden';
  return {
    id: figure.id, box: [box.width, box.height], canvas: !!plot.querySelector('canvas'),
    drawn: !!plot.querySelector('canvas[data-drawn="1"]'),
    frame: frame && {complete: frame.complete, natural: [frame.naturalWidth, frame.naturalHeight], alt: frame.alt,
                     src: frame.currentSrc, shown: shown(frame)},
    alt: (figure.querySelector('.figure-alt') || {}).textContent || '',
    failedNote: shown(figure.querySelector('.figure-wait .wait-failed')),
    note: shown(figure.querySelector('.figure-wait')),
  };
})"""

def index() -> dict:
    return json.loads((DIST / frames.FRAMES / frames.INDEX).read_text())


def frame_requests(requests: list[str]) -> list[str]:
    return [url.split("/site/frames/", 1)[1] for url in requests if "/site/frames/" in url]


@pytest.mark.parametrize("slug", module_pages())
def test_without_python_every_figure_shows_its_frame_and_its_text_alternative(page, server, context, allow_console,
                                                                            slug):
    allow_console(r"404|Failed to load resource|pyodide|Error|error")
    context.route("**/pyodide.asm.wasm*", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(f"{server.url}site/{slug}/index.html")
    page.wait_for_function("document.documentElement.classList.contains('python-failed')", timeout=60_000)
    page.wait_for_load_state("load")
    shipped = {f["id"]: f for f in index()[slug]}
    figures = page.evaluate(FIGURES_JS)
    assert [f["id"] for f in figures] and {f["id"] for f in figures} == set(shipped)
    for figure in figures:
        fid, frame, info = figure["id"], figure["frame"], shipped[figure["id"]]
        assert frame and frame["complete"] and frame["shown"], f"#{fid}: no frame shown"
        assert frame["natural"] == [info["width"], info["height"]], f"#{fid}: the 1x frame at 1 device px per CSS px"
        assert frame["alt"] == info["alt"] == figure["alt"], f"#{fid}: the text alternative, on the image and below it"
        assert not figure["canvas"]
        width, height = figure["box"]
        assert abs(height - width * info["height"] / info["width"]) < 0.5, f"#{fid}: the box keeps the frame's shape"
        assert figure["failedNote"], f"#{fid}: the figure says that it cannot move"
    page.emulate_media(media="print")
    for figure in page.evaluate(FIGURES_JS):
        assert figure["frame"]["shown"] and not figure["note"], f"#{figure['id']} in print: the frame, no note"


def canvas_rgba(page, figure_id: str) -> tuple[int, int, bytes]:
    """The live canvas's pixels, as the page drew them (a lossless PNG from the canvas)."""
    import io

    from PIL import Image
    url = page.evaluate(f"document.querySelector('#{figure_id} canvas').toDataURL('image/png')")
    image = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGBA")
    return image.width, image.height, image.tobytes()


def go_live_everywhere(page) -> list[str]:
    """Scroll to each figure in turn (each is drawn when near the viewport); the ids, in order."""
    ids = page.evaluate("Array.from(document.querySelectorAll('.live-figure')).map((f) => f.id)")
    for fid in ids:
        canvas = page.locator(f"#{fid} canvas")
        canvas.scroll_into_view_if_needed()
        page.wait_for_function("(c) => c.dataset.drawn === '1'", arg=canvas.element_handle(), timeout=30_000)
    page.wait_for_timeout(500)
    return ids


@pytest.mark.parametrize("slug", module_pages())
def test_each_figure_goes_live_in_place_as_the_picture_it_showed(reading_visit, slug):
    page, requests = reading_visit.page, reading_visit.requests     # watched from the start (visit.py)
    ids = go_live_everywhere(page)
    watch = page.evaluate("swapWatch")
    shipped = {f["id"]: f for f in index()[slug]}
    assert set(watch["swaps"]) == set(ids) == set(shipped)
    swapped_at = []
    for fid, swap in watch["swaps"].items():
        assert "t" in swap, f"#{fid}: the frame was never replaced"
        assert swap["after"] == swap["before"], f"#{fid}: its box changed from {swap['before']} to {swap['after']}"
        swapped_at.append(swap["t"])
    # the shift a swap could cause is reported with the next frame: just after its task
    shifts = [s for s in watch["shifts"] if not s["input"] and any(t - 50 <= s["t"] <= t + 250 for t in swapped_at)]
    assert sum(s["value"] for s in shifts) < MAX_SWAP_SHIFT, shifts
    assert page.locator(".plot-frame, .figure-wait").count() == 0, "every frame and note gone once live"
    for fid in ids:
        width, height, rgba = canvas_rgba(page, fid)
        result = frame_check.difference(DIST / frames.FRAMES / slug / shipped[fid]["files"]["1"], width, height, rgba)
        assert result["close"], f"#{fid}: the live figure is not its frame: {result}"
    loaded = frame_requests(requests)
    assert sorted(loaded) == sorted(f"{slug}/{f['files']['1']}" for f in shipped.values()), \
        "each 1x frame loaded once, and no 2x frame, at 1 device px per CSS px"


@pytest.fixture
def sharp_page(browser, server):
    """A page at 2 device px per CSS px (a phone's or a laptop's high-density screen)."""
    context = watched_context(browser, server, device_scale_factor=2)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = watched_new_page(context)
    page.requests = requests
    yield page
    context.close()
    assert not context.watch.outside and not context.watch.errors, (context.watch.outside, context.watch.errors)


def test_a_high_density_screen_gets_the_2x_frames_and_they_are_its_live_figures(sharp_page, server):
    slug = "m1-what-is-calculus"
    page = sharp_page
    open_module(page, server, slug)
    ids = go_live_everywhere(page)
    shipped = {f["id"]: f for f in index()[slug]}
    for fid in ids:
        width, height, rgba = canvas_rgba(page, fid)
        assert width == 2 * shipped[fid]["width"]
        result = frame_check.difference(DIST / frames.FRAMES / slug / shipped[fid]["files"]["2"], width, height, rgba)
        assert result["close"], f"#{fid}: the live figure is not its 2x frame: {result}"
    assert sorted(frame_requests(page.requests)) == sorted(f"{slug}/{f['files']['2']}" for f in shipped.values())


def test_the_frames_show_when_the_page_is_opened_as_a_file(browser):
    """Double-click (file://): the frames are plain images beside the page, and load as such."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        for slug in module_pages():
            page.goto((DIST / "site" / slug / "index.html").resolve().as_uri())
            figures = page.evaluate(FIGURES_JS)
            assert figures
            for figure in figures:          # Python may have drawn a figure already: then it is live
                frame = figure["frame"]
                shown = frame and frame["complete"] and frame["natural"][0] > 0 and frame["src"].startswith("file:")
                assert shown or (not frame and figure["drawn"]), f"{slug} #{figure['id']}: no frame from the file"
    finally:
        context.close()
