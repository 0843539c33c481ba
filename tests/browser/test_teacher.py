"""The teacher's desk (site/teacher/): learners export progress in their own browsers, the
teacher drops the files, and the tables, the left-out list and the CSV say exactly what the
learners did. Served, under a sub-path, by double-click in Chromium and in Firefox ESR;
by keyboard alone; axe-clean and 375 px wide with a class loaded."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from sitebuild.paths import DIST, ROOT
from sitebuild.server import SiteServer

from .axe import axe_violations, explain
from .test_keyboard import FOCUSED, tab_to
from .test_layout import OVERFLOW

M1, M2 = "m1-what-is-calculus", "m2-multivariate-calculus"
TEACHER = "site/teacher/index.html"
FIREFOX = Path(os.environ.get("MVCALC_FIREFOX", "/usr/bin/firefox-esr"))

# What each learner does: (module, set, question, valid, correct) in order; name ("" for none).
LEARNERS = {
    "Ada Lovelace": [(M1, "differentiate", 0, True, True), (M1, "differentiate", 1, True, False),
                     (M1, "chain-rule", 2, True, True), (M2, "calculating-jacobian", 0, True, True)],
    "Grace Hopper": [(M1, "differentiate", 0, True, False), (M1, "differentiate", 0, True, False),
                     (M1, "differentiate", 0, True, True), (M1, "differentiate", 1, False, False),
                     (M1, "toolbox", 3, True, False)],
    "": [(M1, "toolbox", 1, True, True), (M1, "differentiate", 1, True, False),
         (M2, "calculating-jacobian", 2, True, False), (M2, "calculating-jacobian", 2, True, True)],
}


def expected_counts(actions) -> dict:
    """(module, set) -> (correct, attempted), computed here from the actions themselves."""
    correct, attempted = set(), set()
    for module, set_slug, index, valid, right in actions:
        if right:
            correct.add((module, set_slug, index))
        if valid or right:
            attempted.add((module, set_slug, index))
    sets = {(m, s) for m, s, _ in attempted | correct}
    return {key: (sum(1 for m, s, _ in correct if (m, s) == key), sum(1 for m, s, _ in attempted if (m, s) == key))
            for key in sets}


def export_learner(browser, url: str, name: str, actions, folder: Path) -> Path:
    """One learner in a browser profile of their own: answers, a name (or none), Export."""
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(url)
        for module, set_slug, index, valid, right in actions:
            page.evaluate("([m, s, i, v, c]) => window.mvcalcProgress.recordCheck(m, s, i, {valid: v, correct: c, answer: 'x'})",
                          [module, set_slug, index, valid, right])
        if name:
            field = page.get_by_label("Your name on exported files (optional)")
            field.fill(name)
            field.press("Enter")
        with page.expect_download() as download:
            page.get_by_role("button", name="Export progress").click()
        target = folder / (name.split()[0].lower() if name else "unnamed")
        target.mkdir()
        path = target / download.value.suggested_filename
        download.value.save_as(path)
        return path
    finally:
        context.close()


DROP = """({files}) => {
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(new File([f.text], f.name, {type: 'application/json'}));
  const zone = document.getElementById('drop-zone');
  for (const type of ['dragenter', 'dragover', 'drop'])
    zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: transfer}));
}"""

TABLES = (Path(__file__).parent / "firefox" / "teacher_tables.js").read_text()


def left_out(page) -> dict:
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.left-out-list li')]
        .map(li => [li.getAttribute('data-file'), li.textContent]))""")


def outline(page) -> list[dict]:
    return page.evaluate("window.MVCALC_RUNTIME.course")


def check_tables(tables: dict, course: list[dict], files: dict[str, Path]) -> None:
    """Every cell of every module's tables (as teacher_tables.js reads them) against the counts
    computed here from LEARNERS."""
    labels = {name: (name or files[name].name) for name in LEARNERS}
    for module in course:
        shown = tables[module["slug"]]
        if not module["sets"]:
            continue
        assert sorted(shown["learners"]) == sorted(labels.values()), module["slug"]
        for name, actions in LEARNERS.items():
            counts = expected_counts(actions)
            row = shown["learners"][labels[name]]
            total = [0, 0]
            for s in module["sets"]:
                c, a = counts.get((module["slug"], s["slug"]), (0, 0))
                assert row[s["slug"]] == f"{c} / {a}", (name, module["slug"], s["slug"], row)
                total[0] += c
                total[1] += a
            assert row["total"] == f"{total[0]} / {total[1]}", (name, module["slug"])
        for s in module["sets"]:
            c = sum(expected_counts(a).get((module["slug"], s["slug"]), (0, 0))[0] for a in LEARNERS.values())
            a = sum(expected_counts(x).get((module["slug"], s["slug"]), (0, 0))[1] for x in LEARNERS.values())
            assert shown["total"][s["slug"]] == f"{c} / {a}", (module["slug"], s["slug"])
        # per question: learners who got it right, learners who tried it
        expected_questions = {}
        for actions in LEARNERS.values():
            done = {}
            for m, s, i, valid, right in actions:
                if m != module["slug"]:
                    continue
                was = done.get((s, i), (False, False))
                done[(s, i)] = (was[0] or right, was[1] or valid or right)
            for (s, i), (right, tried) in done.items():
                if tried:
                    c, t = expected_questions.get(f"{s}/{i}", (0, 0))
                    expected_questions[f"{s}/{i}"] = (c + right, t + 1)
        assert {k: tuple(v) for k, v in shown["questions"].items()} == expected_questions, module["slug"]


def check_csv(text: str, tables: dict, course: list[dict]) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["Learner", "File"]
    assert len(body) == len(LEARNERS)
    for row in body:
        label = row[0]
        column = 2
        for number, module in enumerate(course, start=1):
            if not module["sets"]:
                continue
            cells = tables[module["slug"]]["learners"][label]
            for s in module["sets"]:
                assert header[column] == f"M{number} {s['title']}: correct"
                assert f"{row[column]} / {row[column + 1]}" == cells[s["slug"]], (label, s["slug"])
                column += 2
            assert f"{row[column]} / {row[column + 1]}" == cells["total"], (label, module["slug"])
            column += 2
        assert column == len(header)


@pytest.fixture(scope="module")
def class_files(browser, server, tmp_path_factory) -> dict[str, Path]:
    """Three learners' exported files, each from a browser profile of its own."""
    folder = tmp_path_factory.mktemp("class")
    return {name: export_learner(browser, server.url, name, actions, folder) for name, actions in LEARNERS.items()}


def drop(page, paths: list[Path]) -> None:
    page.evaluate(DROP, {"files": [{"name": p.name, "text": p.read_text(encoding="utf-8")} for p in paths]})


def test_three_learners_and_a_corrupt_file_dropped_on_the_teachers_page(page, server, class_files, tmp_path):
    exported = {name: json.loads(path.read_text()) for name, path in class_files.items()}
    assert exported["Ada Lovelace"]["name"] == "Ada Lovelace" and exported[""]["name"] == ""
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"app": "mvcalc", "schema": 1, "sets": {')
    page.goto(server.url)
    page.get_by_role("link", name="teacher’s desk").click()
    page.wait_for_url("**/site/teacher/index.html")
    drop(page, [*class_files.values(), corrupt])
    page.locator(".teacher-module").first.wait_for()
    assert page.locator("#teacher-status").inner_text() == \
        "3 learners in the summary; 1 file left out (listed below, with the reason)."
    assert left_out(page) == {"corrupt.json": "corrupt.json: it is not a progress file (not valid JSON)."}
    tables = page.evaluate(TABLES)
    check_tables(tables, outline(page), class_files)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    assert download.value.suggested_filename.startswith("mvcalc-class-progress-")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    check_csv(text, tables, outline(page))

    page.get_by_label("Show").select_option(M2)        # the filter: one module, and the CSV follows it
    shown = page.evaluate(TABLES)
    assert [m for m, t in shown.items() if not t["hidden"]] == [M2]
    m2_only = list(csv.reader(io.StringIO(page.evaluate("window.mvcalcTeacher.csvText()").lstrip("\ufeff"))))
    assert all(h.startswith("M2 ") for h in m2_only[0][2:]) and len(m2_only) == 4
    violations = axe_violations(page)
    assert not violations, explain(violations)


def test_bad_files_are_listed_with_their_reason_and_nothing_else_is_affected(page, server, class_files, tmp_path):
    ada = json.loads(class_files["Ada Lovelace"].read_text())
    older = dict(ada, updated="2020-01-01T00:00:00.000Z", sets={})            # an older export of Ada's
    files = {
        "foreign.json": json.dumps({"app": "another-course", "schema": 1, "sets": {}}),
        "future.json": json.dumps({"app": "mvcalc", "schema": 2, "sets": {}}),
        "picture.json": "\x89PNG\r\n",
        "ada-old.json": json.dumps(older),
        "huge.json": json.dumps(dict(ada, padding="x" * 1_100_000)),
        "bad-variant.json": json.dumps(dict(ada, name="Someone Else", sets={f"{M1}/toolbox": {"questions": {"0": {"variant": -2}}}})),
    }
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text)
        paths.append(tmp_path / name)
    page.goto(f"{server.url}{TEACHER}")
    drop(page, [*class_files.values(), *paths])
    page.locator(".teacher-module").first.wait_for()
    drop(page, [class_files["Ada Lovelace"]])                                   # the same file again, later
    page.wait_for_function("document.querySelectorAll('.left-out-list li').length === 7")
    reasons = left_out(page)
    ada_file = class_files["Ada Lovelace"].name
    assert "not progress from this course" in reasons["foreign.json"]
    assert "newer version of the course (schema 2" in reasons["future.json"]
    assert "not a progress file (not valid JSON)" in reasons["picture.json"]
    assert f"another export of the same learner (“Ada Lovelace”): “{ada_file}”, saved later, is used" in reasons["ada-old.json"]
    assert "larger than 1 MB" in reasons["huge.json"]
    assert "variant that is not a whole number" in reasons["bad-variant.json"]
    assert reasons[ada_file].endswith("it was chosen twice: the other copy is used.")
    check_tables(page.evaluate(TABLES), outline(page), class_files)      # exactly the three learners, unchanged
    page.get_by_role("button", name="Start again").click()
    assert page.locator("#teacher-status").inner_text() == "No files chosen yet."
    assert page.locator(".teacher-module").count() == 0 and page.locator(".left-out-list li").count() == 0


def test_the_teachers_page_by_keyboard_alone(page, server, class_files):
    page.on("filechooser", lambda chooser: None)   # file choosers intercepted from the start (else Enter can beat it)
    page.goto(f"{server.url}{TEACHER}")
    tab_to(page, "#choose-files")
    assert page.evaluate(FOCUSED)["outline"] != "none"
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files([str(p) for p in class_files.values()])
    page.locator(".teacher-module").first.wait_for()
    tab_to(page, "#module-filter")
    page.keyboard.press("ArrowDown")                   # All modules -> Module 1
    page.wait_for_function("document.querySelectorAll('.teacher-module:not([hidden])').length === 1")
    assert page.locator(".teacher-module:not([hidden])").get_attribute("data-module") == M1
    tab_to(page, f"#learners-{M1} th:nth-child(1) .sort-button")
    page.keyboard.press("Enter")
    order = page.eval_on_selector_all(f"#learners-{M1} tbody th", "els => els.map(e => e.getAttribute('data-sort'))")
    assert order == sorted(order, key=str.lower) and page.get_attribute(f"#learners-{M1} th:nth-child(1)", "aria-sort") == "ascending"
    page.keyboard.press("Enter")
    again = page.eval_on_selector_all(f"#learners-{M1} tbody th", "els => els.map(e => e.getAttribute('data-sort'))")
    assert again == order[::-1] and page.get_attribute(f"#learners-{M1} th:nth-child(1)", "aria-sort") == "descending"
    tab_to(page, f"#learners-{M1} th:last-child .sort-button")      # by the module's total, most correct last
    page.keyboard.press("Enter")
    totals = page.eval_on_selector_all(f"#learners-{M1} tbody td[data-set=total]", "els => els.map(e => +e.dataset.sort)")
    assert totals == sorted(totals)
    page.keyboard.press("Tab")                                         # on to the next table, which scrolls by keyboard
    assert page.evaluate("document.activeElement.matches('.table-scroll[role=region][tabindex=\"0\"]')")


def test_a_class_on_a_phone_fits_the_screen(browser, server, class_files):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{server.url}{TEACHER}")
        page.set_input_files("#file-input", [str(p) for p in class_files.values()])
        page.locator(".teacher-module").first.wait_for()
        found = page.evaluate(OVERFLOW)
        assert found["scroll"] <= found["width"] and not found["out"], found
    finally:
        context.close()


def test_the_teachers_page_under_a_sub_path_and_by_double_click(browser, site, class_files):
    """Served under /course/ and opened as a file in Chromium: the files read, the tables drawn."""
    with SiteServer(site, prefix="/course/") as sub:
        for url in (f"{sub.url}{TEACHER}", (DIST / TEACHER).resolve().as_uri()):
            context = browser.new_context()
            errors = []
            context.on("console", lambda m: m.type == "error" and errors.append(m.text))
            try:
                page = context.new_page()
                page.goto(url)
                page.set_input_files("#file-input", [str(p) for p in class_files.values()])
                page.locator(".teacher-module").first.wait_for()
                check_tables(page.evaluate(TABLES), outline(page), class_files)
                assert not errors, errors
            finally:
                context.close()


def test_firefox_esr_reads_the_class_by_double_click(site, class_files, tmp_path):
    if not FIREFOX.exists():
        pytest.fail(f"Firefox ESR is not at {FIREFOX}: apt-get install firefox-esr")
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text("{")
    files = [*map(str, class_files.values()), str(corrupt)]
    run = subprocess.run(["node", str(Path(__file__).parent / "firefox" / "teacher.mjs"), str(DIST), str(FIREFOX), *files],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.strip(), f"the Firefox runner failed:\n{run.stderr[-4000:]}"
    report = json.loads(run.stdout)
    assert not report["errors"], report["errors"]
    assert report["status"] == "3 learners in the summary; 1 file left out (listed below, with the reason).", report
    assert report["leftOut"] == {"corrupt.json": "corrupt.json: it is not a progress file (not valid JSON)."}
    check_tables(report["tables"], report["course"], class_files)
    check_csv(report["csv"].lstrip("\ufeff"), report["tables"], report["course"])
