"""Offline after one visit, and updates without a mix of builds (the service worker:
py/sitebuild/serviceworker.py, site/assets/keep-offline.js), in Chromium, served under a
sub-path as on GitHub Pages.

One learner's story, in order: a first visit to Module 1; the network goes away (the browser
is set offline AND the server is stopped, so nothing can come from it); every other page and
the course home open, draw their figures and check an answer; the server comes back with a
new build; the page says an update is ready while it still shows the old build whole; the
learner takes the update and gets the new build whole.
"""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from sitebuild import assemble, serviceworker
from sitebuild.server import SiteServer

from .tour import TIMEOUT_MS, check_page, module_slugs

PREFIX = "/course/"
FIRST = "m1-what-is-calculus"
MARKER = "A sentence only the new build has."

SW_STATUS = """() => navigator.serviceWorker.ready.then((reg) => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => resolve(event.data);
  reg.active.postMessage({ type: "status" }, [channel.port2]);
}))"""

ALL_CANVASES_INK = """() => Array.from(document.querySelectorAll('.live-figure canvas')).map((canvas) => {
  if (!canvas.width) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 16) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
  return ink;
})"""

CACHED_FILES = """async () => {
  const names = (await caches.keys()).filter((name) => name.startsWith('mvcalc:'));
  const out = {};
  for (const name of names) {
    const cache = await caches.open(name);
    out[name] = (await cache.keys()).map((request) => request.url);
  }
  return out;
}"""

CACHED_SHA = """async ([name, url]) => {
  const response = await (await caches.open(name)).match(url);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}"""


@pytest.fixture
def served(site, tmp_path):
    """A private copy of the built site (the test publishes a new build into it)."""
    root = tmp_path / "served"
    shutil.copytree(site, root, ignore=shutil.ignore_patterns("offline"))   # no double-click bundles
    return root


@pytest.fixture
def learner(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.errors = []
    context.on("console", lambda m: m.type == "error" and context.errors.append(m.text))
    context.on("weberror", lambda error: context.errors.append(f"uncaught: {error.error}"))
    yield context
    context.close()


def wait_kept(page) -> dict:
    """Until the service worker controls the page and has kept the first visit's files."""
    page.wait_for_function("!!navigator.serviceWorker.controller", timeout=TIMEOUT_MS)
    return page.evaluate(SW_STATUS)


def publish_new_build(root) -> str:
    """What a teacher's next build looks like to the browser: a page changed, a new worker."""
    page = root / f"site/{FIRST}/index.html"
    page.write_text(page.read_text().replace("</main>", f'<p id="new-build">{MARKER}</p>\n  </main>'))
    return serviceworker.write(root, assemble.load_config())["build"]


def test_after_one_visit_every_page_works_offline_and_a_new_build_replaces_the_old_whole(served, learner):
    old_build = serviceworker.manifest(served, assemble.load_config())["build"]
    with SiteServer(served, prefix=PREFIX) as server:
        port = int(server.url.split(":")[2].split("/")[0])
        base = server.url
        page = learner.new_page()
        page.goto(f"{base}site/{FIRST}/index.html")
        check_page(page, FIRST)
        status = wait_kept(page)
        assert status["build"] == old_build and not status["whole"]
        assert status["keptBytes"] < status["totalBytes"], "the first visit keeps the pages and start-up files only"

    # --- offline: the browser says so, and there is no server at all any more -------------------
    learner.set_offline(True)
    seen = {}
    for slug in [s for s in module_slugs() if s != FIRST] + [FIRST]:
        page.goto(f"{base}site/{slug}/index.html")
        result = check_page(page, slug)
        inks = page.evaluate(ALL_CANVASES_INK)
        assert inks and min(inks) > 100, f"{slug} offline: a figure was not drawn ({inks})"
        if page.locator(".exercise-set").count():
            assert result["exercise"] and result["exercise"]["verdict"] in ("correct", "wrong", "invalid"), \
                f"{slug} offline: no verdict on an answer ({result['exercise']})"
        seen[slug] = {"figures": len(inks), "verdict": (result["exercise"] or {}).get("verdict")}
    page.goto(base)
    assert page.locator(".module-card").count() == len(module_slugs()), "the course home, offline"
    assert page.locator("[data-keep-offline] .keep-button").is_visible()
    assert not learner.errors, f"console errors offline: {learner.errors}"
    print(json.dumps(seen, indent=1))

    # --- a new build is published; the learner is online again ------------------------------------
    new_build = publish_new_build(served)
    assert new_build != old_build
    learner.set_offline(False)
    with SiteServer(served, prefix=PREFIX, port=port):
        page.goto(f"{base}site/{FIRST}/index.html")
        page.wait_for_selector(".update-notice button", timeout=TIMEOUT_MS)
        assert "new version of the course is ready" in page.inner_text(".update-notice")
        assert page.locator("#new-build").count() == 0, "until the learner takes it, the old build, whole"
        check_page(page, FIRST)
        page.reload()                                       # still the old build: no mix
        assert page.locator("#new-build").count() == 0
        check_page(page, FIRST)
        caches = page.evaluate(CACHED_FILES)
        new_cache = next(name for name in caches if name.endswith(":" + new_build))
        kept_new = {url[len(base):] for url in caches[new_cache] if "/__mvcalc__/" not in url}
        manifest = serviceworker.manifest(served, assemble.load_config())["files"]
        first = {path for path, entry in manifest.items() if entry["when"] == "first"}
        assert first <= kept_new, "the new build is kept whole before it can take over"
        changed = f"site/{FIRST}/index.html"
        assert page.evaluate(CACHED_SHA, [new_cache, base + changed]) == manifest[changed]["sha256"]

        page.wait_for_selector(".update-notice button", timeout=TIMEOUT_MS)
        with page.expect_navigation():
            page.click(".update-notice button")           # "Reload to update"
        page.wait_for_selector("#new-build")
        assert page.inner_text("#new-build") == MARKER
        check_page(page, FIRST)
        assert page.evaluate(SW_STATUS)["build"] == new_build
        config = (served / "site/assets/runtime-config.js").read_bytes()
        assert page.evaluate("fetch('../assets/runtime-config.js').then(r => r.text())") == config.decode()
        page.goto(f"{base}site/{module_slugs()[1]}/index.html")      # the old build's pages are all gone
        check_page(page, module_slugs()[1])
        for _ in range(100):
            if list(page.evaluate(CACHED_FILES)) == [new_cache]:
                break
            page.wait_for_timeout(300)
        assert list(page.evaluate(CACHED_FILES)) == [new_cache], "the old build's cache is gone"
    assert not learner.errors, f"console errors: {learner.errors}"
    assert hashlib.sha256(config).hexdigest() == manifest["site/assets/runtime-config.js"]["sha256"]


PROGRESS_SEEN = """() => {
  window.keepProgress = [];
  const bar = document.querySelector('[data-keep-offline] progress');
  new MutationObserver(() => { if (!bar.hidden) keepProgress.push([bar.value, bar.max]); })
    .observe(bar, { attributes: true });
}"""

FETCH_SHA = """async (url) => {
  const response = await fetch(url);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
  return [response.status, Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')];
}"""


def test_keep_the_whole_course_fetches_the_rest_with_progress_and_says_when_it_is_done(served, learner):
    manifest = serviceworker.manifest(served, assemble.load_config())["files"]
    total = sum(entry["via"]["size"] if "via" in entry else entry["size"] for entry in manifest.values())
    later = sorted(path for path, entry in manifest.items() if entry["when"] == "later")
    with SiteServer(served, prefix=PREFIX) as server:
        base = server.url
        page = learner.new_page()
        page.goto(base)
        button = page.locator("[data-keep-offline] .keep-button")
        page.wait_for_function("document.querySelector('[data-keep-offline] .keep-button').textContent.includes('MB')",
                               timeout=TIMEOUT_MS)
        assert button.inner_text() == f"Keep the whole course for offline use ({total / 1e6:.1f} MB)"
        page.evaluate(PROGRESS_SEEN)
        button.click()
        page.wait_for_function("document.querySelector('[data-keep-offline] .keep-status').textContent.startsWith('Done')",
                               timeout=TIMEOUT_MS)
        text = page.inner_text("[data-keep-offline] .keep-status")
        assert f"the whole course ({total / 1e6:.1f} MB) is kept" in text
        progress = page.evaluate("keepProgress")
        assert progress and progress[-1] == [total, total] and any(0 < value < total for value, _ in progress)
        status = page.evaluate(SW_STATUS)
        assert status["whole"] and status["keptBytes"] == status["totalBytes"] == total
    learner.set_offline(True)                   # and the server is gone: every file from the kept copy
    page.reload()
    page.wait_for_function("document.querySelector('[data-keep-offline] .keep-status').textContent.startsWith('Done')",
                           timeout=TIMEOUT_MS)
    assert not button.is_visible()
    for path in (later[0], next(p for p in later if "scipy-" in p)):
        status, digest = page.evaluate(FETCH_SHA, base + path)
        assert status == 200 and digest == manifest[path]["sha256"], path
    assert not learner.errors, f"console errors: {learner.errors}"
