"""The worksheet page (site/worksheets/): printable sheets of questions from the bank, and a key.

The teacher ticks exercise sets and says how many questions of each, how many sheets and the
first seed; :func:`mvcalc.questions.worksheet.plan` says which question goes where, the bank's
files come from :mod:`..course_files`, and :mod:`..paper` draws the sheets and the key.
"""
from __future__ import annotations

import asyncio

import js

from ...questions import worksheet
from .. import paper
from ..course_files import BankUnreadable, outline, questions_of
from ..dom import by_id, element, on, render_math, window

_busy = False


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
    on(by_id("worksheet-form"), "submit", _submit)
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
    asyncio.ensure_future(make()).add_done_callback(_report)


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


async def make() -> None:
    global _busy
    sets = chosen_sets()
    texts = [by_id(f"ws-{name}").value for name in ("count", "sheets", "first")]
    try:
        count, sheets, first = worksheet.read_choices(len(sets), *texts)
    except worksheet.ChoiceError as problem:
        say(str(problem), "error")
        return
    _busy = True
    by_id("ws-print").setAttribute("disabled", "")
    try:
        await _make(sets, count, first, sheets)
    except BankUnreadable as error:     # (any other error is the page's own: _report says so)
        say(f"The worksheets could not be made: the question bank could not be read ({error}). "
            "Reloading the page may help.", "error")
    finally:
        _busy = False


async def _make(sets: list[tuple[str, str]], count: int, first: int, sheets: int) -> None:
    titles = worksheet.titles(outline())
    say("Reading the questions…")
    chosen = [(module, slug, worksheet.printable_indices((await questions_of(module, first))[slug]))
              for module, slug in sets]
    plan = worksheet.plan(chosen, count, first, sheets)
    host = by_id("worksheets")
    await paper.draw(host, plan, titles, questions_of, say)
    render_math(host)
    by_id("ws-print").removeAttribute("disabled")
    say(worksheet.ready_message(len(plan), chosen, titles), "ready")
    host.dataset.ready = "1"
