"""A learner's tour of the built site, the same wherever it is opened from.

Used by test_file_url.py (dist/ opened by double-click: file:// URLs) and test_subpath.py
(dist/ served under a sub-path, as on GitHub Pages). The checks made inside each page
are in firefox/*.js, shared with the Firefox ESR runner (firefox/tour.mjs), so both
browsers are held to the same checks.
"""
from __future__ import annotations

import time
from pathlib import Path

from sitebuild.paths import DIST

HERE = Path(__file__).parent / "firefox"
PAGE_CHECKS = (HERE / "page_checks.js").read_text()
PROGRESS_STATE = (HERE / "progress_state.js").read_text()
RECORD_PROGRESS = (HERE / "record_progress.js").read_text()
EXTRA_PAGE_CHECKS = (HERE / "extra_page_checks.js").read_text()
TIMEOUT_MS = 150_000


def module_slugs() -> list[str]:
    from .conftest import module_pages
    return module_pages()


def check_extra_page(page, base: str, slug: str) -> dict:
    """A page that is not a module: readable at once, and a link into a lesson lands on its anchor
    (the last of them, so a different module than the first). One that starts Python (it loads
    the loader: the worksheets) gets it ready, as a module page does."""
    page.goto(f"{base}site/{slug}/index.html")
    result = page.evaluate(EXTRA_PAGE_CHECKS)
    assert result["title"].strip() and result["paragraphs"] > 3, f"{slug}: {result}"
    if result["python"]:
        page.wait_for_function("document.documentElement.classList.contains('python-ready') || "
                               "document.documentElement.classList.contains('python-failed')", timeout=TIMEOUT_MS)
        assert page.evaluate("document.documentElement.classList.contains('python-ready')"), \
            f"{slug}: Python failed to start: {page.inner_text('#python-status')}"
    if result["lessonLinks"]:
        href = result["lessonLinks"][-1]
        page.click(f'main a[href="{href}"]')
        anchor = href.split("#", 1)[1]
        page.wait_for_function("(id) => location.hash === '#' + id && !!document.getElementById(id)", arg=anchor,
                               timeout=30_000)
        page.wait_for_function("document.documentElement.classList.contains('python-ready')",
                               timeout=TIMEOUT_MS)     # the lesson's page is whole: leave it only then
    return {"title": result["title"].strip(), "lessonLinks": len(result["lessonLinks"]), "python": result["python"]}


class Recorder:
    """Every request a page makes and every console error, for the assertions at the end."""

    def __init__(self, context):
        self.requests: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        context.on("weberror", lambda error: self.errors.append(f"uncaught: {error.error}"))

    def outside(self, allowed_prefix: str) -> list[str]:
        return [url for url in self.requests
                if not (url.startswith(allowed_prefix) or url.startswith(("data:", "blob:")))]


def check_page(page, slug: str) -> dict:
    result = page.evaluate(PAGE_CHECKS, {"timeoutMs": TIMEOUT_MS, "answer": True})
    assert result["ready"], f"{slug}: Python failed to start: {result['status']}"
    assert result["math"] > 0, f"{slug}: no maths typeset"
    assert result["ink"] > 100, f"{slug}: the figure was not drawn"
    assert len(result["label"]) > 20, f"{slug}: the figure has no text alternative"
    assert result["errorBoxes"] == 0 and not result["fontCache"], f"{slug}: an error box on the page"
    assert result["framesShown"] == result["figures"], f"{slug}: a figure showed no first frame"
    return result


def progress_keys(page) -> dict:
    return page.evaluate(PROGRESS_STATE, {"timeoutMs": 20_000})


def tour(page, base: str) -> dict:
    """Every module page: Python, a figure, an exercise (or saved progress), kept after reload
    and on the next pages and the course home. Returns what was seen, for the report."""
    keys: list[str] = []
    seen: dict = {"pages": {}, "checker": None}
    for slug in module_slugs():
        started = time.monotonic()
        page.goto(f"{base}site/{slug}/index.html")
        result = check_page(page, slug)
        if result["exercise"]:
            exercise = result["exercise"]
            assert exercise["verdict"] in ("correct", "wrong", "invalid"), exercise
            key = f"{exercise['module']}/{exercise['set']}"
        else:
            key = page.evaluate(RECORD_PROGRESS, {"module": slug})
        if key:
            keys.append(key)
        seen["pages"][slug] = {"readyMs": result["readyMs"], "seconds": round(time.monotonic() - started, 1),
                               "exercise": result["exercise"]}
        if seen["checker"] is None and not result["exercise"] and page.evaluate("!!window.mvcalcChecker"):
            seen["checker"] = ping_checker(page)
        page.reload()                                       # progress is read without waiting for Python
        state = progress_keys(page)
        if not result["exercise"]:
            assert state["tour"] == slug, f"{slug} after reload: the saved marker was lost ({state})"
        for expected in keys:
            assert expected in state["sets"], f"{slug} after reload: {expected} lost ({state})"
    from .conftest import extra_pages
    seen["extraPages"] = {slug: check_extra_page(page, base, slug) for slug in extra_pages()}
    page.goto(f"{base}index.html")
    state = progress_keys(page)
    for expected in keys:
        assert expected in state["sets"], f"course home: {expected} lost ({state})"
    if not keys or any(not page_seen["exercise"] for page_seen in seen["pages"].values()):
        assert state["tour"] in seen["pages"], f"course home: the saved marker was lost ({state})"
    seen["home"] = state
    return seen


def ping_checker(page) -> dict:
    """The background checker worker (its own Pyodide with sympy) starts and answers."""
    started = time.monotonic()
    page.evaluate("window.mvcalcChecker.start()")
    page.wait_for_function("window.mvcalcChecker.state !== 'starting'", timeout=TIMEOUT_MS)
    assert page.evaluate("window.mvcalcChecker.state") == "ready"
    reply = page.evaluate("window.mvcalcChecker.request('ping', '{}', 20000)")
    assert '"pong": true' in reply, reply
    return {"seconds": round(time.monotonic() - started, 1)}
