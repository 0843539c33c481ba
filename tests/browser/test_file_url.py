"""dist/ opened by double-click: file:// URLs, no server, no network.

Chromium is driven by Playwright. Playwright cannot route file:// requests, so every
request is recorded and each must be a file:// URL inside dist/, a data: or a blob: URL.
Firefox ESR is driven by Puppeteer (firefox/tour.mjs, with Firefox's strict file-origin
policy, which Puppeteer turns off by default) and makes the same checks.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import pytest

from sitebuild.paths import DIST, ROOT

from .tour import Recorder, module_slugs, tour

FIREFOX = Path(os.environ.get("MVCALC_FIREFOX", "/usr/bin/firefox-esr"))
RUNNER = Path(__file__).parent / "firefox" / "tour.mjs"


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


@pytest.fixture(scope="module")
def file_tour(browser, site) -> tuple[dict, Recorder]:
    """The learner's tour of dist/ opened as files, in a fresh profile, once for this file: what
    it saw and every request and console error. Its first page, Module 1, is also the start-up
    from the files that test_start_up_... compares with the served site's."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    recorder = Recorder(context)
    try:
        seen = tour(context.new_page(), file_url(DIST) + "/")
    finally:
        context.close()
    return seen, recorder


def test_every_module_page_works_opened_as_a_file(file_tour):
    seen, recorder = file_tour
    root = file_url(DIST) + "/"
    assert recorder.requests, "no request was recorded at all"
    assert not recorder.outside(root), f"requests that are not file:// inside dist/, data: or blob: {recorder.outside(root)}"
    assert not recorder.errors, f"console errors: {recorder.errors}"
    assert "teacher" in seen["extraPages"], "the teacher's page opened as a file too"
    assert "glossary" in seen["extraPages"], "the glossary opened as a file too"
    assert seen["extraPages"]["worksheets"]["python"], "the worksheets' Python started from the files too"
    print(json.dumps(seen, indent=1))


def start_up_ms(browser, url: str) -> float:
    """Navigation to python-ready on a fresh profile (the page's own performance mark)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("document.documentElement.classList.contains('python-ready') || "
                               "document.documentElement.classList.contains('python-failed')", timeout=150_000)
        mark = page.evaluate("performance.getEntriesByName('mvcalc:python-ready').map(e => e.startTime)")
        assert mark, "Python did not start: " + page.inner_text("#python-status")
        return mark[0]
    finally:
        context.close()


def test_start_up_from_a_file_is_about_as_fast_as_served(browser, server, file_tour):
    """Budget: at most 1.5 x the served site's start-up (one sample each, alternated; a
    little slack for a busy machine: 5 s). The median-of-3 figures are in the README. The first
    sample from the files is the tour's first page (Module 1 in a fresh profile, as here)."""
    first = "m1-what-is-calculus"
    assert module_slugs()[0] == first
    served, local = [], [file_tour[0]["pages"][first]["readyMs"]]
    for run in range(int(os.environ.get("MVCALC_STARTUP_RUNS", "1"))):
        served.append(start_up_ms(browser, f"{server.url}site/{first}/index.html"))
        if run:
            local.append(start_up_ms(browser, file_url(DIST / f"site/{first}/index.html")))
    served_ms, local_ms = statistics.median(served), statistics.median(local)
    print(f"python-ready on Module 1: served {served} ms, file:// {local} ms")
    assert local_ms <= 1.5 * served_ms + 5000, (served, local)


def link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:                                              # another file system
        shutil.copy2(source, target)


def test_a_missing_bundle_is_reported_plainly(browser, tmp_path):
    copy = tmp_path / "dist"
    shutil.copytree(DIST, copy, copy_function=link_or_copy)     # hard links where it can: quick, no extra space
    (copy / "site/offline/pyodide.asm.wasm.js").unlink()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(file_url(copy / "site/m1-what-is-calculus/index.html"))
        page.wait_for_function("document.documentElement.classList.contains('python-failed')", timeout=90_000)
        message = page.inner_text("#python-status")
        assert "Python could not start" in message and "pyodide.asm.wasm" in message, message
        assert page.locator("h1").is_visible() and page.locator(".katex").count() > 0
    finally:
        context.close()


def test_firefox_esr_opens_every_module_page_as_a_file(site):
    if not FIREFOX.exists():
        pytest.fail(f"Firefox ESR is not at {FIREFOX}: `python3 py/make.py test` installs it (apt-get install firefox-esr)")
    if not (ROOT / "node_modules/puppeteer-core").is_dir():
        pytest.fail("npm's puppeteer-core is missing: run `npm ci`")
    started = time.monotonic()
    run = subprocess.run(["node", str(RUNNER), str(DIST), str(FIREFOX)], capture_output=True, text=True,
                         timeout=1500, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.strip(), f"the Firefox runner failed:\n{run.stderr[-4000:]}"
    report = json.loads(run.stdout)
    print(json.dumps({k: v for k, v in report.items() if k != "requests"}, indent=1),
          f"\n{len(report['requests'])} requests, {time.monotonic() - started:.0f} s")
    assert report["strictOriginPolicy"] is True
    assert not report["failures"], report["failures"]
    from .conftest import extra_pages, module_pages
    assert report["pages"].keys() == set(module_pages())
    assert report["extraPages"].keys() == set(extra_pages()) and {"teacher", "glossary"} <= report["extraPages"].keys()
    assert all(page.get("landed") for page in report["extraPages"].values() if page.get("lessonLinks"))
    assert report["extraPages"]["worksheets"]["python"], "the worksheets' Python started in Firefox from the files"
    root = file_url(DIST) + "/"
    outside = [u for u in report["requests"] if not (u.startswith(root) or u.startswith(("data:", "blob:")))]
    assert not outside, f"requests that are not file:// inside dist/, data: or blob: {outside}"
    assert not report["errors"], f"console errors: {report['errors']}"


def test_progress_survives_closing_the_browser(browser, site, tmp_path):
    """A learner's next visit: the same browser profile, started again, from the files."""
    from .conftest import CHROMIUM, CHROMIUM_ARGS
    from .tour import PROGRESS_STATE, RECORD_PROGRESS
    profile = tmp_path / "profile"
    key = None
    for visit in (1, 2):
        context = browser.browser_type.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = context.new_page()
            if visit == 1:     # progress is made without waiting for Python: progress.js is plain JS
                page.goto(file_url(DIST / "site/m1-what-is-calculus/index.html"))
                page.evaluate(PROGRESS_STATE, {"timeoutMs": 20_000})
                key = page.evaluate(RECORD_PROGRESS, {"module": "m1-what-is-calculus"})
                page.wait_for_timeout(500)        # the shared store answers by postMessage
            else:
                page.goto(file_url(DIST / "index.html"))
                state = page.evaluate(PROGRESS_STATE, {"timeoutMs": 20_000})
                assert state["tour"] == "m1-what-is-calculus", state
                if key:
                    assert key in state["sets"], state
        finally:
            context.close()
