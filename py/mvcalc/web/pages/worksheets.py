"""The worksheet page (site/worksheets/): printable sheets of questions from the bank, and a key.

The teacher ticks exercise sets and says how many questions of each, how many sheets and the
first seed; :func:`mvcalc.questions.worksheet.plan` says which question goes where. The
questions come from the build's question bank (any module's: ``mvcalcLoader.bankFile(variant,
module)``), the maths is typeset with KaTeX as on the module pages, and the figures are drawn
by the one plotting layer (mvcalc.figures.question_figure) into PNG pictures, which print
well. The answer key shows each answer as a learner would type it on screen (the checker
marks exactly that correct) and the worked solution.
"""
from __future__ import annotations

import asyncio
import base64

import js

from ...figures.question_figure import png
from ...questions import bank, worksheet
from ...questions.figure_view import figure_view
from ..dom import by_id, element, on, render_math, window
from ..widgets.answer_box import katex

FIGURE_WIDTH = 420             # CSS px on paper (an A4 page's text is about 680 px wide)
CHOICE_FIGURE_WIDTH = 250
SPACE = {"choice": 1, "multi": 1, "pick": 1, "numeric": 3, "point": 3, "expression": 5, "matrix": 6}

_files: dict[tuple[str, int], asyncio.Future] = {}
_busy = False


def outline() -> list[dict]:
    """The course's modules and their exercise sets (title, size), from the build's outline."""
    runtime = getattr(window, "MVCALC_RUNTIME", None)
    return runtime.course.to_py() if runtime is not None else []


def main() -> None:
    chooser = by_id("worksheet-sets")
    for number, module in enumerate(outline(), start=1):
        group = element("fieldset", cls="ws-module", parent=chooser)
        element("legend", text=f"Module {number}: {module['title']}", parent=group)
        for item in module["sets"]:
            box_id = f"ws-set-{module['slug']}-{item['slug']}"
            row = element("div", cls="ws-set", parent=group)
            element("input", parent=row, attrs={"type": "checkbox", "id": box_id, "value": item["slug"],
                                                "data-module": module["slug"]})
            element("label", text=item["title"], parent=row, attrs={"for": box_id})
    form = by_id("worksheet-form")
    on(form, "submit", _submit)
    on(by_id("ws-print"), "click", lambda event: window.print())
    by_id("ws-make").removeAttribute("disabled")
    say("Tick the exercise sets you want, then press Make the worksheets.")


def say(text: str, kind: str = "") -> None:
    status = by_id("ws-status")
    status.className = f"ws-status {kind}".strip()
    status.textContent = text


def _submit(event) -> None:
    event.preventDefault()
    if _busy:
        return
    say("Making the worksheets…")
    by_id("worksheets").removeAttribute("data-ready")
    task = asyncio.ensure_future(make())
    task.add_done_callback(_report)


def _report(task) -> None:
    if not task.cancelled() and task.exception() is not None:
        import traceback
        js.console.error("".join(traceback.format_exception(task.exception())))
        say("The worksheets could not be made: an error in the page's Python (the console has the details).",
            "error")


def chosen_sets() -> list[tuple[str, str]]:
    """(module, set) of every ticked set, in the order of the course."""
    return [(str(box.dataset.module), str(box.value))
            for box in js.document.querySelectorAll("#worksheet-sets input[type=checkbox]") if box.checked]


def field(element_id: str) -> int | None:
    return worksheet.whole_number(by_id(element_id).value)


async def questions_of(module: str, variant: int) -> dict:
    """One bank file's questions, by set (each file is fetched once)."""
    key = (module, variant)
    if key not in _files:
        async def read():
            text = await window.mvcalcLoader.bankFile(variant, module)
            return bank.read_variant_file(str(text))
        _files[key] = asyncio.ensure_future(read())
    try:
        return await _files[key]
    except Exception:
        _files.pop(key, None)
        raise


async def make() -> None:
    global _busy
    sets = chosen_sets()
    numbers = {name: field(f"ws-{name}") for name in ("count", "sheets", "first")}
    try:
        if any(value is None for value in numbers.values()):
            raise worksheet.ChoiceError("Type whole numbers in the three boxes (digits only).")
        worksheet.validate(len(sets), numbers["count"], numbers["first"], numbers["sheets"])
    except worksheet.ChoiceError as problem:
        say(str(problem), "error")
        return
    _busy = True
    by_id("ws-print").setAttribute("disabled", "")
    try:
        await _make(sets, numbers["count"], numbers["first"], numbers["sheets"])
    except Exception as error:
        say(f"The worksheets could not be made: the question bank could not be read ({error}). "
            "Reloading the page may help.", "error")
        raise
    finally:
        _busy = False


async def _make(sets, count: int, first: int, sheets: int) -> None:
    titles = {(m["slug"], s["slug"]): (number, s["title"])
              for number, m in enumerate(outline(), start=1) for s in m["sets"]}
    say("Reading the questions…")
    chosen = []
    for module, slug in sets:
        first_questions = (await questions_of(module, first))[slug]
        chosen.append((module, slug, [i for i, q in enumerate(first_questions) if worksheet.printable(q)]))
    left_out = [titles[(module, slug)][1] for module, slug, indices in chosen if not indices]
    plan = worksheet.plan(chosen, count, first, sheets)
    host = by_id("worksheets")
    host.innerHTML = ""
    key_entries = []
    for number, sheet in enumerate(plan, start=1):
        say(f"Drawing sheet {number} of {len(plan)}…")
        await asyncio.sleep(0)                     # let the page show it
        section = element("section", cls="ws-sheet", parent=host,
                          attrs={"aria-labelledby": f"ws-sheet-{number}", "data-seed": sheet.seed})
        _sheet_head(section, number, sheet)
        questions = []
        for position, item in enumerate(sheet.items, start=1):
            q = (await questions_of(item.module, item.seed))[item.set_slug][item.index]
            if not worksheet.printable(q):
                continue
            questions.append((item, q))
            _question(section, number, position, item, q, titles)
            await asyncio.sleep(0)
        key_entries.append((number, sheet, questions))
    _key(host, key_entries, titles)
    render_math(host)
    by_id("ws-print").removeAttribute("disabled")
    note = f" Left out (code questions only, answered on screen): {', '.join(left_out)}." if left_out else ""
    say(f"{len(plan)} sheet{'s' if len(plan) != 1 else ''} and the answer key are ready below: press Print."
        + note, "ready")
    host.dataset.ready = "1"


def _sheet_head(section, number: int, sheet) -> None:
    head = element("header", cls="ws-sheet-head", parent=section)
    element("h2", text=f"Worksheet, seed {sheet.seed}", parent=head, attrs={"id": f"ws-sheet-{number}"})
    element("p", cls="ws-name", text="Name: ____________________________   Date: ______________", parent=head)
    element("p", cls="ws-howto", parent=head,
            text=f"Seed {sheet.seed}: to see these questions on screen, open the module's page, choose the "
                 f"question in its exercise set, type {sheet.seed} in the set's Seed box and press Open.")


def _label(item, titles) -> str:
    module_number, set_title = titles[(item.module, item.set_slug)]
    return f"Module {module_number}, {set_title}, question {item.index + 1}"


def _question(section, sheet_number: int, position: int, item, q, titles) -> None:
    box = element("section", cls="ws-question", parent=section,
                  attrs={"aria-labelledby": f"ws-q-{sheet_number}-{position}"})
    heading = element("h3", parent=box, attrs={"id": f"ws-q-{sheet_number}-{position}"})
    element("span", cls="ws-number", text=f"{position}.", parent=heading)
    element("span", cls="ws-source", text=f" {_label(item, titles)} (seed {item.seed})", parent=heading)
    element("div", cls="ws-prompt", text=q.prompt, parent=box)
    if q.figure is not None:
        _figure(box, figure_view(q.figure), FIGURE_WIDTH)
    if q.choices:
        label = "Choose all that apply" if q.kind == "multi" else "Choose one"
        choices = element("ol", cls="ws-choices" + (" graphs" if any(c.plot for c in q.choices) else ""),
                          parent=box, attrs={"aria-label": label})
        for choice in q.choices:
            entry = element("li", parent=choices)
            element("span", cls="ws-choice-key", text=f"({choice.key}) ", parent=entry)
            if choice.plot is not None:
                _figure(entry, figure_view(choice.plot), CHOICE_FIGURE_WIDTH)
            if choice.tex:
                katex(choice.tex, element("span", cls="ws-choice-tex", parent=entry))
            if choice.text:
                element("span", cls="ws-choice-text", text=choice.text, parent=entry)
    how = {"multi": "Write the letters of every right option.", "choice": "Write the letter of your choice.",
           "pick": "Write the letter of your choice.",
           "point": "Mark the point on the figure and write it as (x, y)."}.get(q.kind, q.answer_hint)
    if how:
        element("p", cls="ws-how", text=how, parent=box)
    element("div", cls=f"ws-space lines-{SPACE.get(q.kind, 3)}", parent=box, attrs={"aria-hidden": "true"})


def _figure(parent, view: dict, width: int) -> None:
    figure = element("figure", cls="ws-figure", parent=parent)
    data = base64.b64encode(png(view, width)).decode("ascii")
    element("img", parent=figure, attrs={"src": f"data:image/png;base64,{data}", "alt": view.get("alt", "A graph"),
                                         "width": width})


def _key(host, entries, titles) -> None:
    key = element("section", cls="ws-key", parent=host, attrs={"aria-labelledby": "ws-key-heading"})
    element("h2", text="Answer key", parent=key, attrs={"id": "ws-key-heading"})
    element("p", text="Each answer is written as a learner would type it on screen, where the checker marks it "
                      "correct; the worked solution follows.", parent=key)
    for number, sheet, questions in entries:
        part = element("section", cls="ws-key-sheet", parent=key, attrs={"data-seed": sheet.seed})
        element("h3", text=f"Seed {sheet.seed} (sheet {number})", parent=part)
        for position, (item, q) in enumerate(questions, start=1):
            entry = element("div", cls="ws-key-item", parent=part)
            element("h4", text=f"{position}. {_label(item, titles)}", parent=entry)
            answer = element("p", cls="ws-answer", parent=entry)
            answer.textContent = "Answer: "
            element("code", text=worksheet.answer(q), parent=answer)
            steps = element("ol", cls="ws-worked", parent=entry, attrs={"aria-label": "Worked solution"})
            for step in q.worked:
                element("li", text=step, parent=steps)
