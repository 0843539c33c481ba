"""Real pages in real Chromium: the built site, served locally, Python included.

Every request outside the local origin fails the test, and so does every console
error or uncaught page error. A test that expects an error says so with the
``allow_console`` fixture. The checks of a module page as a learner opens it share one load
of it, whichever file they are in (``reading_visit``, ``visit``, ``fresh_visit``: visit.py).
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from sitebuild.paths import DIST
from sitebuild.server import SiteServer

CHROMIUM = os.environ.get("MVCALC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
PYTHON_READY_MS = 120_000   # a generous bound for a cold start on a busy 2-core machine


def _site_pages() -> list:
    return sorted((DIST / "site").glob("*/index.html"))


def is_extra_page(path) -> bool:
    """A page that is not a module (the glossary, ...): the build marks its <body data-extra-page>."""
    return "data-extra-page" in path.read_text(encoding="utf-8").split("<body", 1)[-1].split(">", 1)[0]


def module_pages() -> list[str]:
    """Every module page the built site has, found automatically."""
    return [p.parent.name for p in _site_pages() if not is_extra_page(p)]


def extra_pages() -> list[str]:
    """Every page of the built site that is not a module (no Python), found automatically."""
    return [p.parent.name for p in _site_pages() if is_extra_page(p)]


@pytest.fixture(scope="session")
def site() -> Path:
    if not (DIST / "site/assets/runtime-config.js").is_file():
        pytest.fail("dist/ is not built: run `python3 py/make.py test` (it builds first)")
    return DIST


@pytest.fixture(scope="session")
def server(site):
    with SiteServer(site) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Watch:
    """What a page did that a test must know: outside requests, console errors."""

    def __init__(self, origin: str):
        self.origin = origin
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.allowed: list[re.Pattern] = []

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def console(self, message) -> None:
        if message.type == "error" and not any(p.search(message.text) for p in self.allowed):
            self.errors.append(message.text)

    def page_error(self, error) -> None:
        text = str(error)
        if not any(p.search(text) for p in self.allowed):
            self.errors.append(f"uncaught: {text}")

    def route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.origin) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


VIEWPORT = {"width": 1200, "height": 900}


def watched_context(browser, server, **options):
    """A fresh browser profile (no cache, no storage) whose requests outside the local origin
    are refused and recorded (``context.watch``); the viewport is ``VIEWPORT`` unless given.

    It blocks service workers: the course's offline copy (site/assets/keep-offline.js: once a
    page has been left alone for 3 s, a background download of about 22 MB, some 2 core-seconds)
    is tested where it is the subject (test_offline.py, and the sub-path tour in its own
    profile); in every other test it would only compete with what the test watches."""
    context = browser.new_context(**{"viewport": VIEWPORT, "service_workers": "block", **options})
    context.watch = Watch("/".join(server.url.split("/")[:3]))
    context.route("**/*", context.watch.route)
    return context


def watched_new_page(context):
    """A new page in a ``watched_context`` whose console errors and uncaught errors are recorded."""
    page = context.new_page()
    page.on("console", context.watch.console)
    page.on("pageerror", context.watch.page_error)
    return page


@pytest.fixture
def context(browser, server):
    """A fresh browser profile (no cache, no storage) for one test."""
    context = watched_context(browser, server)
    yield context
    context.close()
    watch = context.watch
    assert not watch.outside, f"requests outside the local origin: {watch.outside}"
    assert not watch.errors, f"console errors: {watch.errors}"


@pytest.fixture
def page(context):
    return watched_new_page(context)


@contextmanager
def watching(page):
    """One test's turn on a shared page: a request outside the local origin or a console error
    while it runs fails it, as with ``page``."""
    watch = page.context.watch
    outside, errors = len(watch.outside), len(watch.errors)
    yield page
    assert not watch.outside[outside:], f"requests outside the local origin: {watch.outside[outside:]}"
    assert not watch.errors[errors:], f"console errors: {watch.errors[errors:]}"


# --- visits: one load of a module page shared by the checks of many files (visit.py) ------------

@pytest.fixture(scope="session")
def visits(browser, server):
    from .visit import Visits
    registry = Visits(browser, server)
    yield registry
    registry.close()


@pytest.fixture
def slug(request) -> str:
    """The module page a test is about: its file's ``SLUG``, unless the test is parametrised by
    ``slug`` (then each parameter)."""
    return request.module.SLUG


def _turn(visits, slug: str, kind: str):
    visit = visits.open(slug, kind)
    if kind != "reading_visit":
        visit.changed = True
    with watching(visit.page):
        state = visit.state() if kind == "reading_visit" else None
        yield visit
        if state is not None:
            assert visit.state() == state, "a test that only reads the page changed it (use `visit`)"


@pytest.fixture
def reading_visit(visits, slug):
    """The module page as loaded (visit.py), left so by the test: checked afterwards."""
    yield from _turn(visits, slug, "reading_visit")


@pytest.fixture
def fresh_visit(visits, slug):
    """The module page as loaded (visit.py); the test may change it."""
    yield from _turn(visits, slug, "fresh_visit")


@pytest.fixture
def visit(visits, slug):
    """The module page as the visit tests before this one left it (visit.py)."""
    yield from _turn(visits, slug, "visit")


@pytest.hookimpl(trylast=True)                       # after the test's own fixtures are finished
def pytest_runtest_teardown(item, nextitem):
    """A module's last visit test in this lane closes its page (the next one would load another)."""
    from .visit import visit_kind, visit_slug
    registry = item.funcargs.get("visits") if hasattr(item, "funcargs") else None
    if registry is not None and registry.current is not None and (
            nextitem is None or visit_kind(nextitem) is None or visit_slug(nextitem) != registry.current.slug):
        registry.close()


@pytest.fixture(scope="session")
def shots():
    """The folder for screenshots for a human to look at (``MVCALC_SHOTS=<folder>``), or None:
    none (they take about 4 s a page and assert nothing)."""
    if not os.environ.get("MVCALC_SHOTS"):
        return None
    folder = Path(os.environ["MVCALC_SHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture
def allow_console(context):
    """Let a test say which console errors it expects (a regex each)."""
    return context.watch.allow


CANVAS_INK = """(canvas) => {
  if (!canvas || !canvas.width) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 16) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
  return ink;
}"""


def canvas_ink(page, canvas) -> int:
    """How many sampled pixels of a canvas (a locator) are not near-white: a drawn figure has many.
    Figures are drawn when they come near the viewport, so the canvas is scrolled to first."""
    canvas.scroll_into_view_if_needed()
    handle = canvas.element_handle()
    page.wait_for_function("(c) => c.dataset.drawn === '1'", arg=handle, timeout=20_000)
    return page.evaluate(CANVAS_INK, handle)


def open_module(page, server, slug: str, *, wait_ready: bool = True):
    page.goto(f"{server.url}site/{slug}/index.html")
    if wait_ready:
        wait_python(page)
    return page


def wait_python(page, timeout: int = PYTHON_READY_MS) -> None:
    page.wait_for_function(
        "document.documentElement.classList.contains('python-ready') || "
        "document.documentElement.classList.contains('python-failed')", timeout=timeout)
    failed = page.evaluate("document.documentElement.classList.contains('python-failed')")
    assert not failed, "Python failed to start: " + page.inner_text("#python-status")
