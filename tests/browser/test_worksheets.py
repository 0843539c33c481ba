"""Printable worksheets (site/worksheets/): a two-set worksheet printed to PDF by Chromium holds
the questions of the chosen seeds, their figures and a key the checker accepts; the seed on a
sheet opens the same question on its module page; the page works by double-click and under a
sub-path, by keyboard alone, axe-clean and 375 px wide with sheets made."""
from __future__ import annotations

import contextlib
import io
import re
import unicodedata

import pytest

from mvcalc.questions import bank, worksheet
from mvcalc.questions.marking import mark
from sitebuild.paths import DIST
from sitebuild.server import SiteServer

from .axe import axe_violations, explain
from .conftest import wait_python
from .test_keyboard import FOCUSED, tab_to
from .test_layout import OVERFLOW
from .tour import Recorder

WORKSHEETS = "site/worksheets/index.html"
M1, M2 = "m1-what-is-calculus", "m2-multivariate-calculus"
SETS = [(M1, "graph-of-derivative"), (M2, "calculating-jacobian")]   # graphs to choose from; a map to pick on
MADE = "document.getElementById('worksheets').dataset.ready === '1' || !!document.querySelector('.ws-status.error')"
TEX = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.S)


def bank_questions(module: str, variant: int) -> dict:
    return bank.read_variant_file((DIST / "py/bank" / bank.file_name(module, variant)).read_text())


def expected_sheets(count: int, first: int, sheets: int) -> list:
    """The plan, made here from the built bank: what the page should have printed."""
    chosen = [(m, s, [i for i, q in enumerate(bank_questions(m, first)[s]) if worksheet.printable(q)])
              for m, s in SETS]
    return worksheet.plan(chosen, count, first, sheets)


def question(item):
    return bank_questions(item.module, item.seed)[item.set_slug][item.index]


def figures_of(q) -> int:
    return (q.figure is not None) + sum(1 for c in q.choices if c.plot is not None)


def tex_of(text: str) -> list[str]:
    return [" ".join((a or b).split()) for a, b in TEX.findall(text)]


def flat(text: str) -> str:
    """Text with its spaces made single and typographic ligatures (the PDF's "ﬁ") undone."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def make(page, sets, count: int, sheets: int, first: int) -> None:
    wait_python(page)
    for module, set_slug in sets:
        page.check(f"#ws-set-{module}-{set_slug}")
    page.fill("#ws-count", str(count))
    page.fill("#ws-sheets", str(sheets))
    page.fill("#ws-first", str(first))
    page.click("#ws-make")
    page.wait_for_function(MADE, timeout=120_000)
    assert page.get_attribute("#worksheets", "data-ready") == "1", page.inner_text("#ws-status")


def test_a_two_set_worksheet_prints_the_seeds_questions_figures_and_a_key_the_checker_accepts(page, server):
    from pypdf import PdfReader

    count, sheets, first = 2, 2, 19                 # seeds 19, then 0: round again after the last
    page.goto(server.url + WORKSHEETS)
    make(page, SETS, count, sheets, first)
    plan = expected_sheets(count, first, sheets)
    assert [s.seed for s in plan] == [19, 0]

    # on the page: each sheet's questions are those of its seed, maths and all (KaTeX keeps the TeX)
    shown = page.eval_on_selector_all(".ws-sheet", """sheets => sheets.map(s => ({
        seed: s.dataset.seed,
        questions: [...s.querySelectorAll('.ws-question')].map(q => ({
            source: q.querySelector('.ws-source').textContent,
            tex: [...q.querySelectorAll('.ws-prompt annotation')].map(a => a.textContent),
            images: q.querySelectorAll('img').length}))}))""")
    assert [int(s["seed"]) for s in shown] == [s.seed for s in plan]
    for sheet, seen in zip(plan, shown):
        assert len(seen["questions"]) == len(sheet.items) == count * len(SETS)
        for item, on_page in zip(sheet.items, seen["questions"]):
            q = question(item)
            assert f"question {item.index + 1} (seed {sheet.seed})" in on_page["source"]
            assert [" ".join(t.split()) for t in on_page["tex"]] == tex_of(q.prompt)
            assert on_page["images"] == figures_of(q)

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    texts = [unicodedata.normalize("NFKC", page_.extract_text()) for page_ in reader.pages]
    whole = flat("\n".join(texts))
    for control in ("Make the worksheets", "Exercise sets", "Skip to the content", "Number of sheets"):
        assert control not in whole, f"the page's controls are printed: {control!r}"
    sheets_text, key_text = whole.split("Answer key", 1)
    parts = re.split(r"Worksheet, seed (\d+)", sheets_text)[1:]
    assert [int(seed) for seed in parts[0::2]] == [s.seed for s in plan]
    for sheet, text in zip(plan, parts[1::2]):
        assert text.count("Name: ") == 1
        for position, item in enumerate(sheet.items, start=1):
            q = question(item)
            assert f"{position}. Module {1 + [M1, M2].index(item.module)}," in text
            assert f"question {item.index + 1} (seed {sheet.seed})" in text
            words = max((flat(part) for part in TEX.sub("\n", q.prompt).split("\n")), key=len)
            assert words in text, f"seed {sheet.seed}: the prompt's words {words!r} are not printed"

    # figures: every question's figure and every graph to choose from, as an image in the PDF
    images = sum(len(page_.images) for page_ in reader.pages)
    assert images == sum(figures_of(question(item)) for sheet in plan for item in sheet.items)
    first_key_page = next(i for i, t in enumerate(texts) if "Answer key" in t)
    assert all(not reader.pages[i].images for i in range(first_key_page, len(texts))), "the key has no figures"

    # the key: an answer for each question of each sheet, in order, which the checker marks correct
    answers = re.findall(r"Answer: (.+)", "\n".join(texts[first_key_page:]))
    items = [item for sheet in plan for item in sheet.items]
    assert len(answers) == len(items)
    for item, answer in zip(items, answers):
        verdict = mark(question(item), answer.strip())
        assert verdict.valid and verdict.correct, f"{item}: the key's {answer!r} is not accepted"
    assert "Seed 19 (sheet 1)" in key_text and "Seed 0 (sheet 2)" in key_text
    # the sheets start on pages of their own, and so does the key
    starts = [i for i, t in enumerate(texts) if t.lstrip().startswith(("Worksheet, seed", "Answer key"))]
    assert len(starts) == sheets + 1


def test_the_seed_on_a_sheet_opens_the_same_question_on_its_module_page(page, server):
    module, set_slug, index, seed = M2, "calculating-jacobian", 0, 13
    page.goto(f"{server.url}site/{module}/index.html")
    wait_python(page)
    box = page.locator(f".exercise-set[data-set='{set_slug}']")
    seed_box = box.locator(".ex-seed-box")
    page.wait_for_function("(el) => el.value === '0'", arg=seed_box.element_handle(), timeout=60_000)
    seed_box.fill(str(seed))
    seed_box.press("Enter")
    page.wait_for_function("(el) => el.value === '13' && el.closest('.ex-question').querySelector('.ex-prompt')",
                           arg=seed_box.element_handle(), timeout=30_000)
    q = bank_questions(module, seed)[set_slug][index]
    tex = box.locator(".ex-prompt annotation").all_text_contents()
    assert [" ".join(t.split()) for t in tex] == tex_of(q.prompt)
    assert q.seed == index + seed * 8
    assert page.evaluate("([m, s]) => window.mvcalcProgress.question(m, s, 0).variant", [module, set_slug]) == seed
    page.reload()                                          # kept, as a New variant is
    wait_python(page)
    page.wait_for_function("(el) => el.value === '13'", arg=box.locator(".ex-seed-box").element_handle(),
                           timeout=60_000)
    for bad in ("20", "-1", "seven"):
        box.locator(".ex-seed-box").fill(bad)
        box.locator(".ex-open-seed").click()
        feedback = box.locator(".ex-feedback.invalid")
        feedback.wait_for(timeout=10_000)
        assert "0 to 19" in feedback.inner_text()
    assert page.evaluate("([m, s]) => window.mvcalcProgress.question(m, s, 0).variant", [module, set_slug]) == seed


def test_made_sheets_pass_axe_fit_375_px_and_the_form_works_by_keyboard(page, server):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(server.url + WORKSHEETS)
    wait_python(page)
    tab_to(page, f"#ws-set-{M2}-calculating-jacobian")
    page.keyboard.press("Space")
    tab_to(page, "#ws-count")
    page.keyboard.press("Control+a")
    page.keyboard.type("20")
    tab_to(page, "#ws-make")
    focused = page.evaluate(FOCUSED)
    assert focused["outline"] != "none" and focused["width"] >= 2, focused
    page.keyboard.press("Enter")
    status = page.locator(".ws-status.error")
    status.wait_for(timeout=10_000)
    assert "1 to 16" in status.inner_text()
    tab_to(page, "#ws-count")
    page.keyboard.press("Control+a")
    page.keyboard.type("8")
    tab_to(page, "#ws-make")
    page.keyboard.press("Enter")
    page.wait_for_function(MADE, timeout=120_000)
    assert page.locator(".ws-question").count() == 8
    tab_to(page, "#ws-print")
    violations = axe_violations(page)
    assert not violations, explain(violations)
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["width"] and not found["out"], found


@pytest.mark.parametrize("where", ["file", "subpath"])
def test_a_worksheet_is_made_by_double_click_and_under_a_sub_path(browser, site, where):
    # The server outlives the browser context: closing it first refuses the page's last requests.
    with contextlib.ExitStack() as stack:
        if where == "file":
            root = site.resolve().as_uri() + "/"
        else:
            root = stack.enter_context(SiteServer(site, prefix="/course/")).url
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        recorder = Recorder(context)
        try:
            page = context.new_page()
            page.goto(root + WORKSHEETS)
            make(page, SETS[1:], 2, 1, 4)
            items = [item for item in expected_sheets(2, 4, 1)[0].items if item.set_slug == SETS[1][1]]
            shown = page.locator(".ws-question")
            assert shown.count() == len(items) == 2
            for n, item in enumerate(items):
                q = question(item)
                tex = shown.nth(n).locator(".ws-prompt annotation").all_text_contents()
                assert [" ".join(t.split()) for t in tex] == tex_of(q.prompt)
                assert shown.nth(n).locator("img").count() == figures_of(q)
                assert page.locator(".ws-answer code").nth(n).inner_text() == worksheet.answer(q)
            assert figures_of(question(items[1])) == 1, "a question with a figure was drawn"
        finally:
            context.close()
    assert not recorder.outside(root), recorder.outside(root)
    assert not recorder.errors, recorder.errors


def test_a_bank_file_that_cannot_be_read_is_said_plainly_and_the_next_try_works(page, server, allow_console):
    """A module's question file that fails to download: the status says the bank could not be read
    (not "an error in the page's Python"), and once the file can be had again, the same form works."""
    allow_console(r"Failed to load resource|404")
    blocked = f"**/py/bank/{M2}.*.json"
    page.route(blocked, lambda route: route.fulfill(status=404, body="not here"))
    page.goto(server.url + WORKSHEETS)
    wait_python(page)
    for module, set_slug in SETS:
        page.check(f"#ws-set-{module}-{set_slug}")
    page.click("#ws-make")
    page.wait_for_function(MADE, timeout=120_000)
    status = page.inner_text("#ws-status")
    assert "the question bank could not be read" in status and "Reloading the page may help" in status, status
    assert M2 in status and "HTTP 404" in status, status
    assert "error in the page's Python" not in status
    assert page.get_attribute("#worksheets", "data-ready") is None
    page.unroute(blocked)
    page.click("#ws-make")
    page.wait_for_function("document.getElementById('worksheets').dataset.ready === '1'", timeout=120_000)
    assert page.locator(".ws-question").count() > 0
