"""Learner progress: one store for the home page and the exercises; export, import,
clear; and what happens when the stored data is unreadable or storage is full."""
from __future__ import annotations

import json

from mvcalc import course

from .conftest import open_module
from .test_exercises import exercise, wait_feedback, wait_question

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


def progress_file(question: dict, **extra) -> str:
    """An exported file with one question of Module 1's first set (and ``extra`` top-level fields)."""
    return json.dumps({"app": "mvcalc", "schema": 1, **extra,
                       "sets": {f"{M1}/differentiate": {"current": 0, "questions": {"0": question}}}})


def import_file(page, path) -> str:
    page.evaluate("document.querySelector('.progress-message').textContent = ''")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress…").click()
    chooser.value.set_files(str(path))
    page.wait_for_function("document.querySelector('.progress-message').textContent !== ''")
    return page.locator(".progress-message").inner_text()


# A bad file and why it is refused (what the message must say).
BAD_FILES = {
    "not-json.json": ("{not json", "not valid JSON"),
    "foreign.json": (json.dumps({"app": "something-else", "schema": 1, "sets": {}}), "not progress from this course"),
    "future.json": (json.dumps({"app": "mvcalc", "schema": 99, "sets": {}}), "newer version of the course (schema 99"),
    "negative-attempts.json": (progress_file({"attempts": -3}), "attempt count that is not a whole number from 0 to 1000000"),
    "attempts-too-many.json": (progress_file({"attempts": 10**7}), "attempt count"),
    "variant-past-2-53.json": (progress_file({"variant": 2**53}), "variant that is not a whole number from 0 to 9007199254740991"),
    "variant-negative.json": (progress_file({"variant": -1}), "variant that is not a whole number"),
    "variant-fraction.json": (progress_file({"variant": 1.5}), "variant that is not a whole number"),
    "answer-too-long.json": (progress_file({"answer": "x" * 10_001}), "answer that is not text of at most 10000 characters"),
    "name-too-long.json": (progress_file({}, name="A" * 101), "name is not text of at most 100 characters"),
    "bad-set.json": (json.dumps({"app": "mvcalc", "schema": 1, "sets": {"Module One": {"questions": {}}}}),
                     'the entry "Module One" is not an exercise set'),
    "bad-question.json": (json.dumps({"app": "mvcalc", "schema": 1, "sets": {f"{M1}/toolbox": {"questions": {"-1": {}}}}}),
                          "not a question number from 0 to 999"),
}


def test_a_bad_file_is_refused_says_why_and_changes_nothing(page, server, tmp_path):
    page.goto(server.url)
    record(page, M1, "differentiate", 0)
    before = stored(page)
    for name, (text, reason) in BAD_FILES.items():
        path = tmp_path / name
        path.write_text(text)
        message = import_file(page, path)
        assert "not imported" in message and reason in message, (name, message)
        assert "unchanged" in message and "\u2717" in message, name
        assert stored(page) == before, name
        assert card_line(page, M1).startswith("1 of ")
    page.reload()
    assert stored(page) == before and card_line(page, M1).startswith("1 of ")


def test_a_file_over_1_mb_is_refused_before_it_is_read(page, server, tmp_path):
    page.goto(server.url)
    record(page, M1, "differentiate", 0)
    before = stored(page)
    huge = tmp_path / "huge.json"     # well-formed progress, padded past the limit
    huge.write_text(progress_file({"correct": True}, padding="x" * 1_100_000))
    message = import_file(page, huge)
    assert "not imported" in message and "larger than 1 MB" in message and "unchanged" in message, message
    assert stored(page) == before
    assert page.evaluate("(text) => window.mvcalcProgress.importText(text).message", huge.read_text()) == \
        "That file was not imported: it is larger than 1 MB, much more than any progress file. Your progress is unchanged."
    assert stored(page) == before


def test_an_import_that_would_not_fit_in_storage_changes_nothing(page, server, tmp_path):
    """A small quota (20,000 characters for the progress): the file is valid but does not fit."""
    page.add_init_script("""
      const original = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (String(key) === 'mvcalc.progress' && String(value).length > 20000)
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.call(this, key, value);
      };
    """)
    page.goto(server.url)
    record(page, M1, "differentiate", 0)
    before = stored(page)
    path = tmp_path / "long-answers.json"
    path.write_text(json.dumps({"app": "mvcalc", "schema": 1, "sets": {f"{M1}/toolbox": {"questions": {
        str(i): {"correct": True, "attempts": 1, "answer": "y" * 9000} for i in range(3)}}}}))
    message = import_file(page, path)
    assert "not imported" in message and "would not fit in this browser's storage" in message and "unchanged" in message, message
    assert stored(page) == before
    assert card_line(page, M1).startswith("1 of "), "nothing of the file is shown either"
    assert not page.locator('.progress-notice[data-notice="quota"]').count(), "later saves are not failing"
    record(page, M1, "chain-rule", 0)             # work after the failed import is saved
    page.reload()
    assert card_line(page, M1).startswith("2 of ")
    assert f"{M1}/toolbox" not in json.loads(stored(page))["sets"]


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


def test_the_learners_name_goes_into_the_exported_file_only(page, server, tmp_path):
    requests = []
    page.on("request", lambda request: requests.append(request.url + " " + (request.post_data or "")))
    page.goto(server.url)
    record(page, M1, "differentiate", 0)
    field = page.get_by_label("Your name on exported files (optional)")
    field.fill("  Ada\tLovelace ")
    field.press("Tab")
    assert field.input_value() == "Ada Lovelace"
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export progress").click()
    download = download_info.value
    assert download.suggested_filename.startswith("mvcalc-progress-ada-lovelace-"), download.suggested_filename
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["name"] == "Ada Lovelace"
    assert exported["sets"][f"{M1}/differentiate"]["questions"]["0"]["correct"] is True
    page.reload()
    assert page.get_by_label("Your name on exported files (optional)").input_value() == "Ada Lovelace", "kept"
    page.get_by_role("button", name="Clear progress…").click()
    page.get_by_role("button", name="Yes, clear it").click()
    assert page.get_by_label("Your name on exported files (optional)").input_value() == ""
    assert json.loads(stored(page))["name"] == "", "clearing clears the name too"
    message = import_file(page, path)
    assert message.startswith("\u2713 Progress imported (Ada Lovelace)"), message
    assert page.get_by_label("Your name on exported files (optional)").input_value() == "Ada Lovelace"
    assert not [r for r in requests if "Lovelace" in r], f"the name was sent: {requests}"


# A made-up schema 2 (in this test only): every question carries its own time, taken from the
# document's time of saving where an older document has none.
SCHEMA_2 = """window.MVCALC_PROGRESS_TEST = {migrations: {1: function (doc) {
  var saved = Date.parse(doc.updated) || 0;
  Object.keys(doc.sets).forEach(function (key) {
    var questions = doc.sets[key].questions;
    Object.keys(questions).forEach(function (i) { if (!questions[i].at) questions[i].at = saved; });
  });
  return doc;
}}};"""

# A store as the first release wrote it: schema 1 without any of the later optional fields.
OLD_STORE = {"app": "mvcalc", "schema": 1, "updated": "2026-03-01T10:00:00.000Z", "sets": {
    f"{M1}/differentiate": {"current": 1, "questions": {
        "0": {"correct": True, "attempts": 2, "variant": 0, "answer": "2*x"},
        "1": {"correct": False, "attempts": 3, "variant": 4, "answer": "x^"}}},
    f"{M1}/chain-rule": {"current": 0, "questions": {"2": {"correct": True, "attempts": 1, "variant": 1, "answer": "cos(x^2)*2*x"}}},
    f"{M2}/calculating-jacobian": {"current": 0, "questions": {"0": {"correct": True, "attempts": 1, "variant": 0, "answer": "[2*x, 1]"}}}}}


def test_a_schema_1_store_read_by_a_schema_2_build_keeps_everything(page, context, server, tmp_path):
    page.goto(server.url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(OLD_STORE)])
    page.reload()
    lines = {m: card_line(page, m) for m in (M1, M2)}
    assert lines[M1].startswith("2 of ") and lines[M2].startswith("1 of ")

    newer = context.new_page()                     # the same browser, a build whose schema is 2
    newer.on("console", context.watch.console)
    newer.on("pageerror", context.watch.page_error)
    newer.add_init_script(SCHEMA_2)
    newer.goto(server.url)
    assert newer.evaluate("window.mvcalcProgress.SCHEMA") == 2
    assert {m: card_line(newer, m) for m in (M1, M2)} == lines
    doc = json.loads(newer.evaluate("window.mvcalcProgress.exportText()"))
    assert doc["schema"] == 2
    saved = newer.evaluate("Date.parse('2026-03-01T10:00:00.000Z')")
    for key, old_set in OLD_STORE["sets"].items():
        assert doc["sets"][key]["current"] == old_set["current"]
        for index, old in old_set["questions"].items():
            assert doc["sets"][key]["questions"][index] == {**old, "at": saved}, (key, index)
    assert not newer.locator(".progress-notice").count()

    record(newer, M2, "calculating-jacobian", 1)   # its first write stores schema 2, everything kept
    after = json.loads(stored(newer))
    assert after["schema"] == 2 and after["sets"][f"{M1}/differentiate"]["questions"]["1"]["answer"] == "x^"
    assert after["sets"][f"{M2}/calculating-jacobian"]["questions"]["1"]["correct"] is True
    path = tmp_path / "schema-1.json"              # and a schema-1 file is imported into it
    path.write_text(progress_file({"correct": True, "attempts": 1}, name="Grace"))
    newer.evaluate("document.querySelector('.progress-message').textContent = ''")
    with newer.expect_file_chooser() as chooser:
        newer.get_by_role("button", name="Import progress…").click()
    chooser.value.set_files(str(path))
    newer.locator(".progress-message").filter(has_text="Progress imported (Grace)").wait_for()
    assert json.loads(stored(newer))["schema"] == 2

    page.reload()                                  # the schema-1 build cannot read it: set aside, kept
    assert "newer version of the course (schema 2" in page.locator(".progress-notice").inner_text()
    aside = page.evaluate(f"""Object.keys(localStorage).filter(k => k.startsWith('{KEY}.set-aside.'))
                                .map(k => JSON.parse(localStorage.getItem(k)))""")
    assert len(aside) == 1 and aside[0]["schema"] == 2 and aside[0]["name"] == "Grace"
