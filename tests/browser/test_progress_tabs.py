"""Two tabs, one learner: neither loses the other's work, whatever order the browser tells
them of each other's saves in (storage events on time, late and reversed, or never), served
and opened by double-click (where the file store, site/assets/filestore.js, joins in). And the
same in Firefox ESR by double-click, where each file has its own storage
(firefox/progress_tabs.mjs)."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from mvcalc import course
from sitebuild.paths import DIST, ROOT

from .conftest import module_pages
from .test_exercises import exercise, wait_feedback, wait_question
from .tour import PROGRESS_STATE, Recorder

M1, M2 = "m1-what-is-calculus", "m2-multivariate-calculus"
HERE = Path(__file__).parent / "firefox"
FIREFOX = Path(os.environ.get("MVCALC_FIREFOX", "/usr/bin/firefox-esr"))
HOLD_STORAGE_EVENTS = (HERE / "hold_storage_events.js").read_text()

# Each tab answers its own questions: A in two sets, B in one of A's sets and another.
QUESTIONS = {
    "A": [(M1, "differentiate", 0), (M1, "chain-rule", 3), (M1, "differentiate", 1)],
    "B": [(M1, "differentiate", 2), (M2, "calculating-jacobian", 1), (M1, "differentiate", 3)],
}


def hold(page, mode: str) -> None:
    """Storage events on this page: "deliver" (on time), "delay" (held until released) or "drop"."""
    page.add_init_script(HOLD_STORAGE_EVENTS.replace("__MODE__", mode))


def record(page, where, correct: bool, answer: str) -> None:
    module, set_slug, index = where
    page.evaluate("([m, s, i, c, a]) => window.mvcalcProgress.recordCheck(m, s, i, {valid: true, correct: c, answer: a})",
                  [module, set_slug, index, correct, answer])


def holdings(page) -> dict:
    return json.loads(page.evaluate("window.mvcalcProgress.exportText()"))


def synced(page) -> None:
    """On file://, wait until the page has merged the shared file store's progress."""
    page.evaluate(PROGRESS_STATE, {"timeoutMs": 20_000})


def assert_holds_everything(doc: dict, expected: dict, where: str) -> None:
    for (module, set_slug, index), (correct, answer) in expected.items():
        q = doc["sets"].get(f"{module}/{set_slug}", {}).get("questions", {}).get(str(index))
        assert q, f"{where}: {module}/{set_slug} question {index} was lost: {doc['sets']}"
        assert q["correct"] is correct and q["answer"] == answer, f"{where}: {module}/{set_slug}/{index}: {q}"


def home_url(server, flavour: str) -> str:
    return server.url if flavour == "served" else (DIST / "index.html").resolve().as_uri()


ORDERS = ["ABABAB", "AAABBB", "BAABBA"]
MODES = ["deliver", "delay", "drop"]


@pytest.fixture
def file_context(browser, site):
    """A fresh profile for file:// pages (which Playwright cannot route: every request is recorded)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.recorder = Recorder(context)
    yield context
    context.close()
    root = (DIST.resolve().as_uri()) + "/"
    assert not context.recorder.outside(root), f"requests outside dist/: {context.recorder.outside(root)}"
    assert not context.recorder.errors, f"console errors: {context.recorder.errors}"


def new_page(context):
    page = context.new_page()
    if hasattr(context, "watch"):
        page.on("console", context.watch.console)
        page.on("pageerror", context.watch.page_error)
    return page


@pytest.mark.parametrize("flavour", ["served", "file"])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("order", ORDERS)
def test_two_tabs_answering_different_questions_keep_both(request, server, flavour, mode, order):
    context = request.getfixturevalue("context" if flavour == "served" else "file_context")
    pages = {}
    for tab in "AB":
        page = new_page(context)
        hold(page, mode)
        page.goto(home_url(server, flavour))
        synced(page)
        pages[tab] = page
    expected, done = {}, {"A": 0, "B": 0}
    for step, tab in enumerate(order):
        where = QUESTIONS[tab][done[tab]]
        correct = where[2] != 3          # one question of each tab is answered wrongly
        record(pages[tab], where, correct, f"{tab}{step}")
        expected[where] = (correct, f"{tab}{step}")
        done[tab] += 1
        if mode == "delay" and step == len(order) // 2:
            pages["B"].evaluate("window.__storageEvents.release(true)")   # some late, in reverse order
    if mode == "delay":
        for page in pages.values():
            page.evaluate("window.__storageEvents.release(true)")
    # A moment for what the browser passes between tabs (Chromium: other processes) and the file
    # store's messages; the store checks itself 0.4 s after a write.
    pages["A"].wait_for_timeout(1000)
    for tab, page in pages.items():
        page.reload()
        synced(page)
        assert_holds_everything(holdings(page), expected, f"tab {tab} after a reload ({flavour}, {mode}, {order})")
    fresh = new_page(context)
    fresh.goto(home_url(server, flavour))
    synced(fresh)
    assert_holds_everything(holdings(fresh), expected, "a new tab")
    card = fresh.locator(f'.module-card[data-module="{M1}"] .progress-line').inner_text()
    correct_in_m1 = sum(1 for (module, _, _), (correct, _) in expected.items() if module == M1 and correct)
    assert card.startswith(f"{correct_in_m1} of "), card


def test_an_answer_through_the_exercise_widget_and_another_tab_both_kept(context, server):
    """Tab A answers on Module 2's page through the real widget; tab B, on the course home,
    records answers before and after; neither tab hears of the other (events dropped)."""
    widget, home = new_page(context), new_page(context)
    for page in (widget, home):
        hold(page, "drop")
    widget.goto(f"{server.url}site/{M2}/index.html")
    home.goto(server.url)
    box = exercise(widget, "calculating-jacobian")
    wait_question(box, ".ex-input")
    record(home, (M1, "differentiate", 0), True, "2*x")                 # before the widget's answer
    box.locator(".ex-input").fill(course.question(M2, "calculating-jacobian", 0).solution)
    box.locator(".ex-input").press("Enter")
    wait_feedback(box, "correct")
    record(home, (M1, "chain-rule", 1), True, "cos(x)")                 # after it, knowing nothing of it
    home.reload()
    assert home.locator(f'.module-card[data-module="{M2}"] .progress-line').inner_text().startswith("1 of ")
    assert home.locator(f'.module-card[data-module="{M1}"] .progress-line').inner_text().startswith("2 of ")
    widget.reload()
    box = exercise(widget, "calculating-jacobian")
    wait_question(box, ".ex-input")
    assert box.locator(".ex-score").inner_text().startswith("1 of "), "the widget's answer is kept"
    doc = holdings(widget)
    assert doc["sets"][f"{M1}/chain-rule"]["questions"]["1"]["correct"] is True
    assert doc["sets"][f"{M1}/differentiate"]["questions"]["0"]["correct"] is True


@pytest.mark.parametrize("mode", ["deliver", "drop"])
def test_firefox_tabs_by_double_click_keep_each_others_answers(site, mode):
    """Firefox ESR, strict file origins: the course home twice and a module page (three tabs,
    two files, each file with its own storage) answering in turn; every tab, reloaded, and the
    next visit's course home hold everything."""
    if not FIREFOX.exists():
        pytest.fail(f"Firefox ESR is not at {FIREFOX}: apt-get install firefox-esr")
    if not (ROOT / "node_modules/puppeteer-core").is_dir():
        pytest.fail("npm's puppeteer-core is missing: run `npm ci`")
    run = subprocess.run(["node", str(HERE / "progress_tabs.mjs"), str(DIST), str(FIREFOX), mode, module_pages()[0]],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.strip(), f"the Firefox runner failed:\n{run.stderr[-4000:]}"
    report = json.loads(run.stdout)
    print(json.dumps(report, indent=1))
    assert report["strictOriginPolicy"] is True
    assert report["recorded"] >= 6
    assert not report["failures"], report["failures"]
    assert not report["errors"], f"console errors: {report['errors']}"
