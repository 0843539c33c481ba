"""One visit to each module page, shared by the checks of many test files.

Opening a module page starts Python (Pyodide, numpy, matplotlib): about 7 core-seconds of
Chromium, most of what a browser test costs. So the checks that need a module page as a learner
opens it share one load of it, a *visit*, whichever file they are in. A test asks for one of:

- ``reading_visit``: the page as loaded, and the test leaves it so (checked afterwards: every
  control's value and the saved progress are as before);
- ``fresh_visit``: the page as loaded; the test may change it;
- ``visit``: the page as the tests before left it (each sets up what it reads).

The module is the test's ``slug`` parameter, or its file's ``SLUG``. A module's visit tests run
together, in one lane (tests/conftest.py), in ``visit_order``: the reading ones, then the
``visit`` ones (a file about that one module before the checks made of every module, so its
tests meet the page as they did when the file had a page of its own, and the checks of every
slider and figure meet it as the file's tests leave it), then the fresh ones. A module loads once,
or once more for each fresh test. Order only saves time: a fresh or reading visit after a test
that may have changed the page, or on a page that has gone elsewhere, loads it again.

What only the moment of loading can show is kept for the tests that ask: ``before`` (the page
read before Python is ready: title, KaTeX, MathML and the axe audit), ``requests`` (every URL
the page asked for), and in the page ``window.swapWatch`` (layout shifts, and when each
figure's frame gave way to its live canvas: test_frames) and ``window.statusSeen`` (each text
of the start-up's progress indicator: test_pages).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .axe import axe_violations
from .conftest import VIEWPORT, wait_python, watched_context, watched_new_page

KINDS = ("reading_visit", "visit", "fresh_visit")      # the fixtures, in the order their tests run

# Before the page's scripts: layout shifts, and for each framed figure when its frame went
# (the end of the task that drew its canvas) and its box just then.
WATCH_SWAPS = """
window.swapWatch = { shifts: [], swaps: {} };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) swapWatch.shifts.push({ t: e.startTime, value: e.value, input: e.hadRecentInput });
}).observe({ type: 'layout-shift', buffered: true });
document.addEventListener('DOMContentLoaded', () => {
  for (const plot of document.querySelectorAll('.live-figure .plot.framed')) {
    const id = plot.parentNode.id, r = plot.getBoundingClientRect();
    const entry = swapWatch.swaps[id] = { before: [r.width, r.height] };
    new MutationObserver(() => {
      if (entry.t === undefined && !plot.querySelector('.plot-frame')) {
        const r = plot.getBoundingClientRect();
        entry.t = performance.now();
        entry.after = [r.width, r.height];
      }
    }).observe(plot, { childList: true });
  }
});
"""

# Before the page's scripts: every text the start-up's progress indicator shows, in order.
WATCH_STATUS = """
window.statusSeen = [];
new MutationObserver(() => {
  const box = document.getElementById('python-status');
  const text = box && box.textContent;
  if (text && text !== statusSeen[statusSeen.length - 1]) statusSeen.push(text);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""

READ_BEFORE_PYTHON = """() => ({
  h1: (document.querySelector('h1') || {}).innerText || '',
  katex: document.querySelectorAll('.katex').length,
  math: document.querySelectorAll('math').length,
})"""

# What a reading test must leave as it found: each control changed from its default, the
# saved progress, the address.
STATE = """() => JSON.stringify({
  controls: [...document.querySelectorAll('input, textarea, select')]
    .filter((e) => e.type === 'checkbox' || e.type === 'radio' ? e.checked !== e.defaultChecked
                                                                : e.value !== e.defaultValue)
    .map((e) => [e.id || e.name || e.className, e.type === 'checkbox' || e.type === 'radio' ? e.checked : e.value]),
  stored: Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)]),
  url: location.href,
})"""


@dataclass
class Visit:
    slug: str
    page: object                          # playwright's Page
    before: dict                          # the page read before Python was ready
    requests: list[str] = field(default_factory=list)
    changed: bool = False                 # a test that may change the page has had it

    def state(self) -> str:
        return self.page.evaluate(STATE)


def url_of(server, slug: str) -> str:
    return f"{server.url}site/{slug}/index.html"


def load(browser, server, slug: str) -> Visit:
    """A fresh profile, the module page opened in it, read before Python, then Python ready."""
    context = watched_context(browser, server)
    requests: list[str] = []

    def record(request) -> None:
        if request.service_worker is None:      # the page's own, not the service worker keeping the course
            requests.append(request.url)
    context.on("request", record)
    page = watched_new_page(context)
    page.add_init_script(WATCH_SWAPS + WATCH_STATUS)
    page.goto(url_of(server, slug))
    page.wait_for_function("document.documentElement.classList.contains('math-ready')", timeout=10_000)
    before = page.evaluate(READ_BEFORE_PYTHON)
    before["axe"] = axe_violations(page)
    wait_python(page)
    watch = context.watch
    assert not watch.outside and not watch.errors, f"{slug} while loading: {watch.outside} {watch.errors}"
    return Visit(slug, page, before, requests)


class Visits:
    """The visit open in this lane (one at a time: a page with Python holds ~700 MB)."""

    def __init__(self, browser, server):
        self.browser, self.server = browser, server
        self.current: Visit | None = None

    def open(self, slug: str, kind: str) -> Visit:
        current = self.current
        if current is not None and (current.slug != slug or (kind != "visit" and current.changed)
                                    or current.page.url.split("#")[0] != url_of(self.server, slug)):
            self.close()
        if self.current is None:
            self.current = load(self.browser, self.server, slug)
        if self.current.page.viewport_size != VIEWPORT:     # a test before looked at it at another width
            self.current.page.set_viewport_size(VIEWPORT)
        return self.current

    def close(self) -> None:
        if self.current is not None:
            self.current.page.context.close()
            self.current = None


def visit_kind(item) -> str | None:
    """Which visit a collected test asks for (``KINDS``), or None."""
    return next((kind for kind in KINDS if kind in getattr(item, "fixturenames", ())), None)


def visit_order(item) -> tuple:
    """Where a visit test runs among its module's (``pytest_collection_modifyitems``)."""
    return (visit_slug(item), KINDS.index(visit_kind(item)), 0 if hasattr(item.module, "SLUG") else 1)


def visit_slug(item) -> str:
    """The module page a visit test is about: its ``slug`` parameter, or its file's ``SLUG``."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    return params["slug"] if "slug" in params else item.module.SLUG
