"""Learner progress: one store for the home page and the exercises; export, import,
clear; and what happens when the stored data is unreadable or storage is full."""
from __future__ import annotations

import json

from mvcalc import course

from .conftest import open_module
from .test_exercises import CHECKER_READY_MS, exercise, wait_feedback, wait_question

M1, M2 = "m1-what-is-calculus", "m2-multivariate-calculus"
KEY = "mvcalc.progress"


def record(page, module: str, set_slug: str, index: int, correct: bool = True) -> None:
    page.evaluate("([m, s, i, c]) => window.mvcalcProgress.recordCheck(m, s, i, {valid: true, correct: c, answer: 'x'})",
                  [module, set_slug, index, correct])


def card_line(page, module: str) -> str:
    return page.locator(f'.module-card[data-module="{module}"] .progress-line').inner_text()


def stored(page):
    return page.evaluate(f"localStorage.getItem('{KEY}')")


def test_export_clear_import_round_trip(page, server, tmp_path):
    page.goto(server.url)
    record(page, M1, "differentiate", 0)
    record(page, M1, "chain-rule", 2)
    assert card_line(page, M1).startswith("2 of ")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export progress").click()
    download = download_info.value
    assert download.suggested_filename.startswith("mvcalc-progress-") and download.suggested_filename.endswith(".json")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["app"] == "mvcalc" and exported["schema"] == 1
    assert exported["sets"]["m1-what-is-calculus/differentiate"]["questions"]["0"]["correct"] is True

    page.get_by_role("button", name="Clear progress…").click()
    page.get_by_role("button", name="Keep it").click()
    assert card_line(page, M1).startswith("2 of "), "keeping it changes nothing"
    page.get_by_role("button", name="Clear progress…").click()
    page.get_by_role("button", name="Yes, clear it").click()
    assert card_line(page, M1).startswith("0 of ")
    page.reload()
    assert card_line(page, M1).startswith("0 of ")

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress…").click()
    chooser.value.set_files(str(path))
    page.locator(".progress-message").filter(has_text="Progress imported").wait_for()
    assert card_line(page, M1).startswith("2 of ")
    page.reload()
    assert card_line(page, M1).startswith("2 of "), "the import is stored"


def test_a_bad_file_is_refused_and_changes_nothing(page, server, tmp_path):
    page.goto(server.url)
    record(page, M1, "differentiate", 0)
    before = stored(page)
    bad_files = {
        "not-json.json": "{not json",
        "foreign.json": json.dumps({"app": "something-else", "schema": 1, "sets": {}}),
        "future.json": json.dumps({"app": "mvcalc", "schema": 99, "sets": {}}),
        "bad-shape.json": json.dumps({"app": "mvcalc", "schema": 1,
                                      "sets": {"m1-what-is-calculus/differentiate": {"questions": {"0": {"attempts": -3}}}}}),
    }
    for name, text in bad_files.items():
        path = tmp_path / name
        path.write_text(text)
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import progress…").click()
        chooser.value.set_files(str(path))
        message = page.locator(".progress-message")
        message.filter(has_text="not imported").wait_for()
        assert "unchanged" in message.inner_text() and "\u2717" in message.inner_text(), name
        assert stored(page) == before, name
        assert card_line(page, M1).startswith("1 of ")


def test_corrupt_store_is_set_aside_with_a_notice_and_the_page_works(page, server):
    page.goto(server.url)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{not json')")
    page.goto(f"{server.url}site/{M2}/index.html")
    notice = page.locator(".progress-notice")
    notice.wait_for()
    assert "could not be read" in notice.inner_text() and "set aside" in notice.inner_text()
    aside = page.evaluate(f"""Object.keys(localStorage).filter(k => k.startsWith('{KEY}.set-aside.'))
                                .map(k => localStorage.getItem(k))""")
    assert aside == ["{not json"], "the old data is kept, unchanged, under another key"
    # the page still works: Python, the checker, an answer recorded
    open_module(page, server, M2, wait_ready=False)
    box = exercise(page, "calculating-jacobian")
    wait_question(box, ".ex-input")
    box.locator(".ex-input").fill(course.question(M2, "calculating-jacobian", 0).solution)
    box.locator(".ex-input").press("Enter")
    wait_feedback(box, "correct")
    assert json.loads(stored(page))["sets"]["m2-multivariate-calculus/calculating-jacobian"]


def test_a_foreign_schema_is_set_aside_too(page, server):
    page.goto(server.url)
    foreign = json.dumps({"app": "mvcalc", "schema": 7, "sets": {}})
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, foreign])
    page.reload()
    assert "schema 7" in page.locator(".progress-notice").inner_text()
    assert stored(page) is None
    assert foreign in page.evaluate("Object.keys(localStorage).map(k => localStorage.getItem(k))")


def test_a_full_storage_quota_is_reported(page, server):
    page.add_init_script("""
      const original = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (String(key) === 'mvcalc.progress') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.call(this, key, value);
      };
    """)
    open_module(page, server, M2)
    box = exercise(page, "calculating-jacobian")
    wait_question(box, ".ex-input")
    box.locator(".ex-input").fill(course.question(M2, "calculating-jacobian", 0).solution)
    box.locator(".ex-input").press("Enter")
    wait_feedback(box, "correct")
    notice = page.locator('.progress-notice[data-notice="quota"]')
    notice.wait_for()
    assert "full" in notice.inner_text() and "Export progress" in notice.inner_text()
    assert box.locator(".ex-score").inner_text().startswith("1 of"), "progress is kept for this visit"


def test_storage_switched_off_is_reported(page, server):
    page.add_init_script("""
      Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});
    """)
    page.goto(server.url)
    notice = page.locator('.progress-notice[data-notice="unavailable"]')
    notice.wait_for()
    assert "not letting this site store" in notice.inner_text()
    assert page.locator(".module-card .progress-line").count() == 6


def test_an_import_adds_to_this_browsers_progress_and_loses_nothing(page, server, tmp_path):
    """A learner who worked on two computers keeps both: correct in either is correct."""
    page.goto(server.url)
    record(page, M1, "differentiate", 0)            # done here only
    record(page, M1, "chain-rule", 1)               # done here, wrong in the file
    theirs = {"app": "mvcalc", "schema": 1, "updated": "2026-01-01T00:00:00Z", "sets": {
        "m1-what-is-calculus/chain-rule": {"current": 3, "questions": {
            "1": {"correct": False, "attempts": 5, "variant": 2, "answer": "wrong"},
            "2": {"correct": True, "attempts": 1, "variant": 0, "answer": "2x"}}},
        "m1-what-is-calculus/toolbox": {"current": 0, "questions": {
            "0": {"correct": True, "attempts": 2, "variant": 1, "answer": "cos(x)"}}}}}
    path = tmp_path / "other-computer.json"
    path.write_text(json.dumps(theirs))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress…").click()
    chooser.value.set_files(str(path))
    page.locator(".progress-message").filter(has_text="added to what this browser already had").wait_for()
    assert card_line(page, M1).startswith("4 of "), "two done here and two in the file"
    page.reload()
    sets = json.loads(stored(page))["sets"]
    assert sets["m1-what-is-calculus/differentiate"]["questions"]["0"]["correct"] is True
    kept = sets["m1-what-is-calculus/chain-rule"]["questions"]["1"]
    assert kept["correct"] is True and kept["attempts"] == 5, kept
    assert sets["m1-what-is-calculus/chain-rule"]["questions"]["2"]["answer"] == "2x"
    assert sets["m1-what-is-calculus/toolbox"]["questions"]["0"]["variant"] == 1
