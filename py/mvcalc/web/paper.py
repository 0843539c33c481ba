"""Questions on paper: a worksheet's sheets (a heading, the questions, room to write) and its
answer key, written into the page as HTML to print.

What goes where is :func:`mvcalc.questions.worksheet.plan`'s; the words are the worksheet's too.
Figures become PNG pictures drawn by the one plotting layer (mvcalc.figures.question_figure),
which print well; the maths is TeX, typeset with KaTeX by the page afterwards. The key shows
each answer as a learner would type it on screen (the checker marks exactly that correct), and
the worked solution.
"""
from __future__ import annotations

import asyncio
import base64
from typing import Awaitable, Callable

from ..figures.question_figure import png
from ..questions import worksheet
from ..questions.figure_view import figure_view
from ..questions.model import Question
from .dom import element
from .widgets.answer_box import katex

FIGURE_WIDTH = 420             # CSS px on paper (an A4 page's text is about 680 px wide)
CHOICE_FIGURE_WIDTH = 250

Titles = dict[tuple[str, str], tuple[int, str]]


async def draw(host, plan: list[worksheet.Sheet], titles: Titles,
               questions_of: Callable[[str, int], Awaitable[dict]], say: Callable[[str], None]) -> None:
    """``host``'s content replaced by the sheets of ``plan`` and their answer key, sheet by sheet
    (``say`` tells which), letting the page show its progress after every question."""
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
            _question(section, number, position, worksheet.source(item, titles), item.seed, q)
            await asyncio.sleep(0)
        key_entries.append((number, sheet, questions))
    _key(host, key_entries, titles)


def _sheet_head(section, number: int, sheet: worksheet.Sheet) -> None:
    head = element("header", cls="ws-sheet-head", parent=section)
    element("h2", text=f"Worksheet, seed {sheet.seed}", parent=head, attrs={"id": f"ws-sheet-{number}"})
    element("p", cls="ws-name", text="Name: ____________________________   Date: ______________", parent=head)
    element("p", cls="ws-howto", parent=head,
            text=f"Seed {sheet.seed}: to see these questions on screen, open the module's page, choose the "
                 f"question in its exercise set, type {sheet.seed} in the set's Seed box and press Open.")


def _question(section, sheet_number: int, position: int, source: str, seed: int, q: Question) -> None:
    box = element("section", cls="ws-question", parent=section,
                  attrs={"aria-labelledby": f"ws-q-{sheet_number}-{position}"})
    heading = element("h3", parent=box, attrs={"id": f"ws-q-{sheet_number}-{position}"})
    element("span", cls="ws-number", text=f"{position}.", parent=heading)
    element("span", cls="ws-source", text=f" {source} (seed {seed})", parent=heading)
    element("div", cls="ws-prompt", text=q.prompt, parent=box)
    if q.figure is not None:
        _figure(box, figure_view(q.figure), FIGURE_WIDTH)
    if q.choices:
        _choices(box, q)
    if how := worksheet.how_to_answer(q):
        element("p", cls="ws-how", text=how, parent=box)
    element("div", cls=f"ws-space lines-{worksheet.space(q)}", parent=box, attrs={"aria-hidden": "true"})


def _choices(box, q: Question) -> None:
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


def _figure(parent, view: dict, width: int) -> None:
    figure = element("figure", cls="ws-figure", parent=parent)
    data = base64.b64encode(png(view, width)).decode("ascii")
    element("img", parent=figure, attrs={"src": f"data:image/png;base64,{data}", "alt": view.get("alt", "A graph"),
                                         "width": width})


def _key(host, entries, titles: Titles) -> None:
    key = element("section", cls="ws-key", parent=host, attrs={"aria-labelledby": "ws-key-heading"})
    element("h2", text="Answer key", parent=key, attrs={"id": "ws-key-heading"})
    element("p", text="Each answer is written as a learner would type it on screen, where the checker marks it "
                      "correct; the worked solution follows.", parent=key)
    for number, sheet, questions in entries:
        part = element("section", cls="ws-key-sheet", parent=key, attrs={"data-seed": sheet.seed})
        element("h3", text=f"Seed {sheet.seed} (sheet {number})", parent=part)
        for position, (item, q) in enumerate(questions, start=1):
            entry = element("div", cls="ws-key-item", parent=part)
            element("h4", text=f"{position}. {worksheet.source(item, titles)}", parent=entry)
            answer = element("p", cls="ws-answer", parent=entry)
            answer.textContent = "Answer: "
            element("code", text=worksheet.answer(q), parent=answer)
            steps = element("ol", cls="ws-worked", parent=entry, attrs={"aria-label": "Worked solution"})
            for step in q.worked:
                element("li", text=step, parent=steps)
