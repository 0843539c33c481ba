"""The speed benchmark: every page of the built site in headless Chromium, cold and warm.

``python3 py/make.py bench [--runs N] [--pages SUBSTR ...] [--quick]`` (make.py builds first).

What is measured (all in ms from the page's navigation start, medians over the runs):

- readable_ms: the lesson text and its KaTeX maths are rendered (loader.js's mark
  ``mvcalc:readable``; on the home page, which has no maths, DOMContentLoaded).
- python_ready_ms: the interpreter runs the page's boot code (boot.py's mark
  ``mvcalc:python-start``): Pyodide is up, numpy and matplotlib are installed, the course's
  code is unpacked. interactive_ms: every figure is mounted and live (``mvcalc:python-ready``).
- first_plot_ms: the first Python-drawn figure is on its canvas (live_figure.py's mark
  ``mvcalc:first-plot``, set once, after the first putImageData).
- first_question_ms: the page's first question is on screen and can be marked (exercises.py's
  mark ``mvcalc:first-question``: the page marks answers itself, so a question shown is a
  question that can be checked). first_verdict_ms: an answer given the moment that question
  appears (typed "1", or the first option chosen, then Check, by the benchmark's init script)
  has its feedback on screen.
- labs: each page's labs, asked for (through the page's own mvcalcChecker) the moment the page
  is interactive, one after the other: lab_first_ms from that request to the first lab's result
  (the worker that runs learner code and labs starts then, with the packages that lab needs),
  lab_after_ready_ms from the worker being ready (``mvcalc:checker-ready``) to that result, and
  each lab's own time under "labs".
- memory_mb: the browser's memory once the first question is shown and the page has settled
  (2 s): PSS summed over every process of that browser (from /proc/<pid>/smaps_rollup), so
  shared pages are counted once. The floor's is taken after its figure, the same way.
- slider_*: from a slider's ``input`` event (a real mouse drag, one move per 16 ms) to the
  end of the redraw that shows it (the RGBA buffer put on the canvas); per redraw, the
  earliest input it consumed. Every figure's first range slider is dragged (all in the JSON,
  "figures"); ``line`` reports #secant-h where a page has it, else the first figure without
  contours; ``contour``: the first figure with a contour set (n/a while no page has one).
- check_*: from a Check click to the feedback (a maths answer, marked in the page).
- longest_task_ms: the longest main-thread task ("longtask" entries) that started after
  ``mvcalc:python-ready``, while the benchmark drags sliders and checks answers.
- floor_ms: a bare page with the same vendored Pyodide, as shipped by its authors (stock
  standard library, without the build's bytecode): loadPyodide, loadPackage numpy and
  matplotlib, one figure on a canvas (floor.html). Pages are compared with it as ratios.

Cold: a new browser profile (empty HTTP cache). Warm: a second visit in the same profile.
The benchmark serves a private copy of dist/, so builds running meanwhile cannot change it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "py"))

from sitebuild.paths import DIST  # noqa: E402
from sitebuild.server import SiteServer  # noqa: E402

CHROMIUM = os.environ.get("MVCALC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
RESULTS = ROOT / "bench" / "results"
READY_TIMEOUT_MS = 180_000
FLOOR_PAGE = "bench-floor.html"
FLOOR_PYODIDE = "site/vendor/pyodide-stock"   # stock Pyodide for the floor page (add_floor),
                                               # cached by the server like the site's own runtime

BUDGETS = [  # (name, metric, limit, how the limit is given)
    ("readable <= 1000 ms cold, every page", "readable_ms", 1000, "ms"),
    ("first plot <= 1.15 x floor, cold", "first_plot_ms", 1.15, "floor"),
    ("first question <= 1.2 x the page's first plot, cold", "first_question_ms", 1.2, "page"),
    ("first verdict <= 1.2 x the page's first plot + 150 ms, cold", "first_verdict_ms", 1.2, "page+150"),
    ("memory <= 1.2 x floor, cold, questions shown", "memory_mb", 1.2, "floor-memory"),
    ("first lab result <= 1.5 x the page's first plot, from its request", "lab_first_ms", 1.5, "page"),
    ("first lab result <= 2000 ms after the worker is ready", "lab_after_ready_ms", 2000, "ms"),
    ("slider p95 <= 16 ms (line)", "slider_line_p95_ms", 16, "ms"),
    ("slider p95 <= 80 ms (contour)", "slider_contour_p95_ms", 80, "ms"),
    ("check p95 <= 150 ms", "check_p95_ms", 150, "ms"),
    ("longest task <= 200 ms once interactive", "longest_task_ms", 200, "ms"),
    ("warm python ready <= 0.5 x floor", "python_ready_ms", 0.5, "floor-warm"),
]

# Runs in every page before its own scripts: where live_figure.py and the loader report to.
INIT_SCRIPT = r"""
(() => {
  const perf = window.mvcalcPerf = { full: 0, blit: 0, redraws: [], inputs: [], longtasks: [], figures: {} };
  perf.record = (id, full, start, end) => {
    if (full) perf.full++; else perf.blit++;
    perf.redraws.push({ id: String(id), full: !!full, start: start, end: end });
  };
  perf.figure = (id, kind) => { perf.figures[String(id)] = String(kind); };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) perf.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (error) { /* no longtask support */ }
  document.addEventListener("input", (e) => {
    perf.inputs.push({ id: e.target && e.target.id || "", t: performance.now() });
  }, true);
  // The first verdict: answer the page's first question the moment it can be answered.
  const answerFirst = () => {
    for (const box of document.querySelectorAll(".exercise-set .ex-question")) {
      const check = box.querySelector(".ex-check");
      if (!check || check.getAttribute("aria-disabled") === "true") continue;
      const text = box.querySelector("input.ex-input");
      const option = box.querySelector("input[type=radio], input[type=checkbox]");
      if (!text && !option) continue;
      if (text) { text.value = "1"; text.dispatchEvent(new Event("input", { bubbles: true })); }
      else option.click();
      const feedback = box.querySelector(".ex-feedback");
      const observer = new MutationObserver(() => {
        if (/(correct|wrong|invalid|stopped)/.test(feedback.className)) {
          observer.disconnect();
          performance.mark("bench:first-verdict");
        }
      });
      observer.observe(feedback, { attributes: true, attributeFilter: ["class"] });
      check.click();
      return true;
    }
    return false;
  };
  const poll = () => { if (!answerFirst()) requestAnimationFrame(poll); };
  if (location.pathname.indexOf("/site/") >= 0) requestAnimationFrame(poll);
})();
"""

MARKS_JS = """() => {
  const at = (name) => { const e = performance.getEntriesByName(name); return e.length ? e[0].startTime : null; };
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    readable: at('mvcalc:readable'), pythonStart: at('mvcalc:python-start'),
    firstPlot: at('mvcalc:first-plot'), ready: at('mvcalc:python-ready'),
    firstQuestion: at('mvcalc:first-question'), firstVerdict: at('bench:first-verdict'),
    floor: at('floor:first-plot'), floorPyodide: at('floor:pyodide'), floorPackages: at('floor:packages'),
    dcl: nav ? nav.domContentLoadedEventEnd : null,
    failed: document.documentElement.classList.contains('python-failed'),
    status: (document.getElementById('python-status') || {}).innerText || '',
  };
}"""


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def browser_memory_mb(profile: Path) -> float | None:
    """PSS of every process of the Chromium whose profile is ``profile`` (the browser process,
    found by its --user-data-dir, and all its descendants), in MB; None where /proc is missing."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    parents: dict[int, int] = {}
    root = None
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        if any(arg == f"--user-data-dir={profile}".encode() for arg in cmdline):
            if root is None or int(entry.name) < root:
                root = int(entry.name)
    if root is None:
        return None
    family, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in family and pid not in family:
                family.add(pid)
                grew = True
    total_kb = 0
    for pid in family:
        try:
            for line in (proc / str(pid) / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


# --- the pages ---------------------------------------------------------------------------

def add_floor(root: Path) -> None:
    """The floor page, with Pyodide exactly as vendored (.cache/runtime/pyodide: the official
    files, the stock standard library), not dist/'s copy, whose python_stdlib.zip the build
    adds bytecode to (sitebuild/bytecode.py): the floor is stock Pyodide, whatever the site does."""
    from sitebuild.paths import RUNTIME
    shutil.copyfile(HERE / "floor.html", root / FLOOR_PAGE)
    shutil.copytree(RUNTIME / "pyodide", root / FLOOR_PYODIDE, ignore=shutil.ignore_patterns("*.official.json"))


def prepare_root(work: Path) -> Path:
    """A private copy of dist/ plus the floor page, served by the benchmark alone."""
    root = work / "root"
    shutil.copytree(DIST, root)
    add_floor(root)
    return root


def find_pages(root: Path, filters: list[str]) -> list[str]:
    pages = ["index.html"] + sorted(f"site/{p.parent.name}/index.html" for p in (root / "site").glob("*/index.html")
                                    if p.parent.name not in ("assets", "vendor"))
    if filters:
        pages = [p for p in pages if any(f in page_name(p) for f in filters)]
    return pages


def page_name(path: str) -> str:
    if path == FLOOR_PAGE:
        return "floor"
    return "home" if path == "index.html" else path.split("/")[-2]


class Visit:
    """One page load in a browser context, with what the network and the page reported."""

    def __init__(self, context, url: str):
        self.context = context
        self.url = url
        self.responses: list[tuple[float, int, str]] = []
        self.seen: set[str] = set()
        self.started = time.monotonic()

    def on_response(self, response) -> None:
        try:
            size = int(response.headers.get("content-length") or 0)
        except ValueError:
            size = 0
        if response.url in self.seen:      # a worker's second fetch of a file comes from the cache
            return
        self.seen.add(response.url)
        self.responses.append((time.monotonic() - self.started, size if response.status == 200 else 0, response.url))


def open_page(context, url: str, python: bool) -> tuple:
    visit = Visit(context, url)
    context.on("response", visit.on_response)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    if python:
        page.wait_for_function(
            "document.documentElement.classList.contains('python-ready') || "
            "document.documentElement.classList.contains('python-failed')", timeout=READY_TIMEOUT_MS, polling=50)
    elif url.endswith(FLOOR_PAGE):
        page.wait_for_function("performance.getEntriesByName('floor:first-plot').length > 0",
                               timeout=READY_TIMEOUT_MS, polling=50)
    else:
        page.wait_for_load_state("load")
    marks = page.evaluate(MARKS_JS)
    if marks["failed"]:
        raise RuntimeError(f"{url}: Python failed to start: {marks['status']}")
    return page, visit, marks


def drag_slider(page, selector: str, moves: int) -> dict:
    """Drag a range slider across its track with real mouse moves, one per 16 ms."""
    page.locator(selector).scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = page.locator(selector).bounding_box()
    start = page.evaluate("performance.now()")
    y = box["y"] + box["height"] / 2
    left, right = box["x"] + 6, box["x"] + box["width"] - 6
    page.mouse.move(left + (right - left) * 0.5, y)
    page.mouse.down()
    began = time.monotonic()
    for i in range(moves):
        phase = (i / max(1, moves - 1))
        x = left + (right - left) * (0.5 + 0.45 * __import__("math").sin(phase * 6.283))
        page.mouse.move(x, y)
        wait = began + (i + 1) * 0.016 - time.monotonic()
        if wait > 0:
            time.sleep(wait)
    page.mouse.up()
    page.wait_for_timeout(400)
    data = page.evaluate("""([id, start]) => ({
        inputs: mvcalcPerf.inputs.filter(e => e.id === id && e.t >= start),
        redraws: mvcalcPerf.redraws.filter(r => r.start >= start) })""", [selector.lstrip("#"), start])
    inputs = sorted(e["t"] for e in data["inputs"])
    latencies, works, previous = [], [], start
    fig_redraws = data["redraws"]
    for redraw in fig_redraws:
        consumed = [t for t in inputs if previous <= t <= redraw["start"]]
        previous = redraw["start"]
        if consumed:
            latencies.append(redraw["end"] - consumed[0])
            works.append(redraw["end"] - redraw["start"])
    return {
        "inputs": len(inputs), "redraws": len(fig_redraws),
        "full_redraws": sum(1 for r in fig_redraws if r["full"]),
        "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95),
        "work_p50_ms": percentile(works, 50), "work_p95_ms": percentile(works, 95),
    }


PREFERRED = {"line": "#secant-h"}   # the brief's line plot: Module 1's h slider


def sliders(page, moves: int) -> dict:
    """Drag the first range slider of every figure; report per kind the preferred one (else
    the first), and every figure's numbers under "figures"."""
    found = page.evaluate("""() => {
      const out = [];
      for (const [id, kind] of Object.entries(mvcalcPerf.figures)) {
        const slider = document.querySelector('#' + CSS.escape(id) + ' input[type=range][data-param][id]');
        if (slider) out.push([kind, '#' + slider.id]);
      }
      return out;
    }""")
    figures = {selector: dict(drag_slider(page, selector, moves), kind=kind) for kind, selector in found}
    result: dict = {"figures": figures}
    for kind, selector in found:
        if kind not in result or selector == PREFERRED.get(kind):
            result[kind] = dict(figures[selector], selector=selector)
    return result


def longtasks(page) -> list:
    return page.evaluate("""() => {
      const ready = (performance.getEntriesByName('mvcalc:python-ready')[0] || {}).startTime || 0;
      return mvcalcPerf.longtasks.filter(t => t.start >= ready).map(t => [Math.round(t.start - ready), Math.round(t.duration)]);
    }""")


CHECK_JS = """async ([answer, attempts]) => {
  // The exercise widget (mvcalc/web/exercises.py): a text answer, .ex-check, .ex-feedback
  // whose class ends in correct | wrong | invalid | stopped once the answer is marked.
  const sleep = (ms) => new Promise(r => setTimeout(r, ms));
  const sets = Array.from(document.querySelectorAll('.exercise-set'));
  if (!sets.length) return null;
  const started = performance.now();
  const typed = () => { for (const set of sets) { const i = set.querySelector('input[type=text]'); if (i) return i; } return null; };
  let input = null;
  while (!(input = typed()) && performance.now() - started < 190000) {
    if (sets.every(set => set.querySelector('.ex-nav-button'))) break;   // every set is shown
    await sleep(200);
  }
  for (const set of sets) {                         // else look through the sets' questions, once
    if (input) break;
    for (const b of set.querySelectorAll('.ex-nav-button')) { b.click(); await sleep(400); if ((input = typed())) break; }
  }
  if (!input) return { error: 'no typed question' };
  const box = input.closest('.exercise-set');
  const button = box.querySelector('.ex-check');
  const feedback = box.querySelector('.ex-feedback');
  const final = /(correct|wrong|invalid|stopped)/;
  const times = [];
  for (let i = 0; i < attempts; i++) {
    input.value = answer + (i % 2 ? ' + 0*x' : '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(50);
    feedback.className = 'ex-feedback';             // marking may finish in the click's own task
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (final.test(feedback.className)) { observer.disconnect(); resolve(performance.now()); }
      });
      observer.observe(feedback, { attributes: true, attributeFilter: ['class'] });
      setTimeout(() => { observer.disconnect(); resolve(null); }, 20000);
    });
    const t0 = performance.now();
    button.click();
    const t1 = await done;
    if (t1 !== null && i > 0) times.push(t1 - t0);     // the first one warms the caches up
    await sleep(100);
  }
  return { times: times };
}"""


def check_answers(page, attempts: int) -> dict | None:
    result = page.evaluate(CHECK_JS, ["2*x", attempts])
    if result is None:
        return None
    if "error" in result:
        return {"error": result["error"]}
    times = result["times"]
    return {"n": len(times), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95)}


def longest_task(page) -> float | None:
    return page.evaluate("""() => {
      const ready = (performance.getEntriesByName('mvcalc:python-ready')[0] || {}).startTime;
      if (ready === undefined) return null;
      const after = mvcalcPerf.longtasks.filter(t => t.start >= ready).map(t => t.duration);
      return after.length ? Math.max(...after) : 0;
    }""")


# --- one run ---------------------------------------------------------------------------

SETTLE_MS = 2000     # before memory is read: the page's last tasks (the other sets) have run


def lab_requests() -> dict[str, list[tuple[str, dict]]]:
    """Each module page's labs, in page order, with an answer a learner could send (the
    reference solutions), as (lab name, payload)."""
    from mvcalc.labs import backprop, heights
    return {
        "m3-chain-rule-and-neural-networks": [("backprop", {"action": "check", "code": backprop.REFERENCE})],
        "m5-optimisation": [("lagrange", {"problem": "x2y-circle"})],
        "m6-regression": [("heights", {"action": "check", "source": heights.REFERENCE, "seed": 0}),
                          ("curve_fit", {"data": "decay", "p0": [1.0, 1.0]})],
    }


LAB_JS = """async ([name, payload, packages]) => {
  const t0 = performance.now();
  const reply = JSON.parse(await mvcalcChecker.request('lab', JSON.stringify({lab: name, payload: payload}), 120000, packages));
  const ready = performance.getEntriesByName('mvcalc:checker-ready');
  return { start: t0, end: performance.now(), ready: ready.length ? ready[ready.length - 1].startTime : null,
           error: reply.error || null };
}"""


def run_labs(page, name: str) -> dict:
    from mvcalc.labs import packages
    runs = []
    for lab, payload in lab_requests().get(name, []):
        runs.append(dict(page.evaluate(LAB_JS, [lab, payload, ",".join(packages(lab))]), lab=lab))
    if not runs:
        return {}
    first = runs[0]
    if any(r["error"] for r in runs):
        raise RuntimeError(f"{name}: a lab failed: {[r['error'] for r in runs if r['error']]}")
    return {"lab_first_ms": first["end"] - first["start"],
            "lab_after_ready_ms": first["end"] - first["ready"] if first["ready"] is not None else None,
            "labs": {r["lab"]: round(r["end"] - r["start"]) for r in runs}}


def measure_page(playwright, base: str, path: str, args, work: Path) -> dict:
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
        viewport={"width": 1200, "height": 900})
    context.add_init_script(INIT_SCRIPT)
    python = "/site/" in "/" + path
    result: dict = {"page": page_name(path)}
    try:
        for mode in ("cold", "warm"):
            page, visit, marks = open_page(context, base + path, python)
            if python:
                page.wait_for_function("performance.getEntriesByName('mvcalc:first-plot').length > 0",
                                       timeout=30_000, polling=50)
                if page.locator(".exercise-set").count():
                    page.wait_for_function("performance.getEntriesByName('bench:first-verdict').length > 0",
                                           timeout=60_000, polling=50)
                marks = page.evaluate(MARKS_JS)
            memory = None
            if mode == "cold" and (python or path.endswith(FLOOR_PAGE) or path == "index.html"):
                page.wait_for_timeout(SETTLE_MS)
                memory = browser_memory_mb(profile)
            entry = {
                "readable_ms": marks["readable"] if marks["readable"] is not None else marks["dcl"],
                "python_ready_ms": marks["pythonStart"], "interactive_ms": marks["ready"],
                "first_plot_ms": marks["firstPlot"], "floor_ms": marks["floor"],
                "first_question_ms": marks["firstQuestion"], "first_verdict_ms": marks["firstVerdict"],
                "memory_mb": memory,
                "floor_pyodide_ms": marks["floorPyodide"], "floor_packages_ms": marks["floorPackages"],
            }
            if mode == "cold" and python:
                entry.update(run_labs(page, page_name(path)))
                entry["sliders"] = sliders(page, args.moves)
                entry["check"] = check_answers(page, args.checks)
                entry["longest_task_ms"] = longest_task(page)
                entry["longtasks_after_ready"] = longtasks(page)    # [ms after ready, duration]
                ready_s = (marks["ready"] or 0) / 1000
                entry["bytes"] = sum(size for _, size, _ in visit.responses)
                entry["bytes_to_interactive"] = sum(size for t, size, _ in visit.responses if t <= ready_s + 0.05)
            elif mode == "cold":
                entry["bytes"] = sum(size for _, size, _ in visit.responses)
            context.remove_listener("response", visit.on_response)
            page.close()
            result[mode] = entry
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
    return result


def flatten(result: dict, mode: str) -> dict:
    entry = dict(result.get(mode) or {})
    sliders_ = entry.pop("sliders", {}) or {}
    entry.pop("longtasks_after_ready", None)
    for kind in ("line", "contour"):
        s = sliders_.get(kind) or {}
        entry[f"slider_{kind}_p50_ms"] = s.get("p50_ms")
        entry[f"slider_{kind}_p95_ms"] = s.get("p95_ms")
        entry[f"slider_{kind}_full_redraws"] = s.get("full_redraws")
    check = entry.pop("check", None) or {}
    entry["check_p50_ms"] = check.get("p50_ms")
    entry["check_p95_ms"] = check.get("p95_ms")
    return entry


def summarise(runs: list[list[dict]]) -> dict:
    """Median of each metric over the runs, per page and mode."""
    pages: dict[str, dict] = {}
    for run in runs:
        for result in run:
            for mode in ("cold", "warm"):
                for key, value in flatten(result, mode).items():
                    if isinstance(value, (int, float)) or value is None:
                        pages.setdefault(result["page"], {}).setdefault(mode, {}).setdefault(key, []).append(value)
    return {page: {mode: {k: median(v) for k, v in metrics.items()} for mode, metrics in modes.items()}
            for page, modes in pages.items()}


# --- report ---------------------------------------------------------------------------

def fmt(value, digits: int = 0) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}"


def ratio(value, floor) -> str:
    return "" if value is None or not floor else f" ({value / floor:.2f}x)"


def site_size(root: Path) -> dict:
    files = [(p.stat().st_size, p.relative_to(root).as_posix()) for p in root.rglob("*")
             if p.is_file() and p.name != FLOOR_PAGE and not p.relative_to(root).as_posix().startswith(FLOOR_PYODIDE)]
    files.sort(reverse=True)
    return {"bytes": sum(s for s, _ in files), "files": len(files),
            "largest": [{"path": path, "bytes": size} for size, path in files[:8]]}


def budgets(summary: dict) -> list[dict]:
    """Each budget's verdict over the pages. Limits relative to a page's own first plot are
    judged page by page, so "worst" is the page furthest over (or nearest to) its own limit."""
    floor_cold = (summary.get("floor") or {}).get("cold", {})
    floor = floor_cold.get("first_plot_ms")
    pages = {p: m for p, m in summary.items() if p != "floor"}
    out = []
    for name, metric, limit, kind in BUDGETS:
        mode = "warm" if kind == "floor-warm" else "cold"
        bounds: dict[str, float] = {}
        values: dict[str, float] = {}
        for page, m in pages.items():
            value = m.get(mode, {}).get(metric)
            if value is None:
                continue
            if kind == "ms":
                bound = limit
            elif kind in ("floor", "floor-warm"):
                bound = limit * floor if floor else None
            elif kind == "floor-memory":
                bound = limit * floor_cold["memory_mb"] if floor_cold.get("memory_mb") else None
            else:                                   # relative to the page's own first plot
                first_plot = m.get("cold", {}).get("first_plot_ms")
                bound = limit * first_plot + (150 if kind == "page+150" else 0) if first_plot else None
            if bound is not None:
                bounds[page], values[page] = bound, value
        if not values:
            out.append({"budget": name, "status": "n/a", "worst": None, "limit_ms": None})
            continue
        worst_page = max(values, key=lambda p: values[p] / bounds[p])
        worst = values[worst_page]
        unit = "MB" if kind == "floor-memory" else "ms"
        out.append({"budget": name, "status": "PASS" if all(values[p] <= bounds[p] for p in values) else "FAIL",
                    "worst": worst, "worst_page": worst_page, "limit_ms": bounds[worst_page], "unit": unit})
    return out


def report(summary: dict, size: dict, checks: list[dict], bytes_: dict) -> str:
    floor_cold = (summary.get("floor") or {}).get("cold", {})
    floor = floor_cold.get("first_plot_ms")
    lines = [f"floor (bare Pyodide + numpy + matplotlib + one figure): cold {fmt(floor)} ms "
             f"(loadPyodide {fmt(floor_cold.get('floor_pyodide_ms'))}, packages {fmt(floor_cold.get('floor_packages_ms'))}); "
             f"warm {fmt((summary.get('floor') or {}).get('warm', {}).get('first_plot_ms'))} ms; "
             f"memory {fmt(floor_cold.get('memory_mb'))} MB", ""]
    head = (f"{'page':<34}{'mode':<6}{'readable':>10}{'py ready':>17}{'first plot':>17}{'interactive':>13}"
            f"{'1st question':>20}{'1st verdict':>20}{'memory':>15}"
            f"{'line p50/p95':>15}{'contour p50/p95':>17}{'check p95':>11}{'long task':>11}")
    lines += [head, "-" * len(head)]
    for page, modes in summary.items():
        if page == "floor":
            continue
        for mode in ("cold", "warm"):
            m = modes.get(mode, {})
            sl = f"{fmt(m.get('slider_line_p50_ms'), 1)}/{fmt(m.get('slider_line_p95_ms'), 1)}" if mode == "cold" else ""
            sc = f"{fmt(m.get('slider_contour_p50_ms'), 1)}/{fmt(m.get('slider_contour_p95_ms'), 1)}" if mode == "cold" else ""
            ck = fmt(m.get("check_p95_ms")) if mode == "cold" else ""
            lt = fmt(m.get("longest_task_ms")) if mode == "cold" and page != "home" else ""
            if page == "home":
                sl = sc = ck = ""
            plot = m.get("first_plot_ms")
            fq = fmt(m.get("first_question_ms")) + ratio(m.get("first_question_ms"), plot) if page != "home" else ""
            fv = fmt(m.get("first_verdict_ms")) + ratio(m.get("first_verdict_ms"), plot) if page != "home" else ""
            mem = (fmt(m.get("memory_mb")) + " MB" + ratio(m.get("memory_mb"), floor_cold.get("memory_mb"))
                   if mode == "cold" and m.get("memory_mb") is not None else "")
            lines.append(f"{page:<34}{mode:<6}{fmt(m.get('readable_ms')):>10}"
                         f"{fmt(m.get('python_ready_ms')) + ratio(m.get('python_ready_ms'), floor):>17}"
                         f"{fmt(m.get('first_plot_ms')) + ratio(m.get('first_plot_ms'), floor):>17}"
                         f"{fmt(m.get('interactive_ms')):>13}{fq:>20}{fv:>20}{mem:>15}"
                         f"{sl:>15}{sc:>17}{ck:>11}{lt:>11}")
    lines.append("")
    for page, value in bytes_.items():
        lines.append(f"downloaded by a cold visit of {page}: {value['bytes'] / 1e6:.1f} MB "
                     f"({value['bytes_to_interactive'] / 1e6:.1f} MB until interactive)")
    lines.append(f"built site: {size['bytes'] / 1e6:.1f} MB in {size['files']} files; largest: " +
                 ", ".join(f"{i['path'].split('/')[-1]} {i['bytes'] / 1e6:.1f} MB" for i in size["largest"][:6]))
    lines.append("")
    for check in checks:
        unit = check.get("unit", "ms")
        extra = f" (worst: {check['worst_page']} {fmt(check['worst'])} {unit}" if check["worst"] is not None else ""
        extra += f", limit {fmt(check['limit_ms'])} {unit})" if check["worst"] is not None else ""
        lines.append(f"{check['status']:<5} {check['budget']}{extra}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 py/make.py bench")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median reported), default 3")
    parser.add_argument("--pages", nargs="*", default=[], help="only pages whose name contains one of these (home, m1-, ...)")
    parser.add_argument("--quick", action="store_true", help="1 run, module 1 + home, fewer moves")
    parser.add_argument("--moves", type=int, default=60, help="slider moves per drag")
    parser.add_argument("--checks", type=int, default=20, help="answers checked per page")
    parser.add_argument("--out", type=Path, default=None, help="the JSON file (default bench/results/<date>.json)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
        args.moves = min(args.moves, 30)
        args.checks = min(args.checks, 8)
        args.pages = args.pages or ["home", "m1-"]

    from playwright.sync_api import sync_playwright
    work = Path(tempfile.mkdtemp(prefix="mvcalc-bench-"))
    try:
        root = prepare_root(work)
        pages = find_pages(root, args.pages)
        runs: list[list[dict]] = []
        with SiteServer(root) as server, sync_playwright() as playwright:
            for run in range(args.runs):
                results = []
                for path in [FLOOR_PAGE] + pages:
                    started = time.monotonic()
                    result = measure_page(playwright, server.url, path, args, work)
                    if path == FLOOR_PAGE:
                        result["page"] = "floor"
                        for mode in ("cold", "warm"):
                            result[mode]["first_plot_ms"] = result[mode]["floor_ms"]
                    results.append(result)
                    print(f"run {run + 1}/{args.runs} {result['page']}: {time.monotonic() - started:.1f} s", flush=True)
                runs.append(results)
        summary = summarise(runs)
        size = site_size(root)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    checks = budgets(summary)
    bytes_ = {}
    for result in runs[0]:
        cold = result.get("cold") or {}
        if result["page"] not in ("floor", "home") and "bytes" in cold:
            bytes_[result["page"]] = {"bytes": cold["bytes"], "bytes_to_interactive": cold.get("bytes_to_interactive", 0)}
    text = report(summary, size, checks, bytes_)
    print("\n" + text)
    now = dt.datetime.now()
    out = args.out or RESULTS / f"{now:%Y-%m-%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "date": now.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_avg": os.getloadavg()},
        "args": {"runs": args.runs, "pages": args.pages, "quick": args.quick, "moves": args.moves},
        "summary": summary, "budgets": checks, "site": size, "downloads": bytes_, "runs": runs,
    }, indent=1))
    print(f"\nwritten: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
