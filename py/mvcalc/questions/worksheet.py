"""Printable worksheets: which questions each sheet holds, and what its answer key says.

A teacher picks exercise sets, how many questions of each set, how many sheets and a first
seed. A sheet's **seed** is a variant of the question bank (0 to ``VARIANTS - 1``): every
question on the sheet is that variant of its template, the same numbers a learner gets on
screen by typing the seed into the set's "Seed" box on the module page (mvcalc.web.exercises).
Sheet after sheet, the seed goes up by one (and round again after the last variant), so
neighbours in a class get different numbers; every sheet has the same questions (the same
templates, spread from easy to hard), so the sheets are equally hard.

Code questions are left out: they are answered by running code, on screen.
Pure data and words, no browser: the page (mvcalc.web.pages.worksheets) reads the teacher's
numbers with :func:`read_choices`, and mvcalc.web.paper draws what :func:`plan` says.
"""
from __future__ import annotations

from dataclasses import dataclass

from mvcalc.questions.bank import VARIANTS, variant_of
from mvcalc.questions.model import Question

SEEDS = VARIANTS              # seeds 0 .. SEEDS - 1: one per variant in the bank
MAX_SHEETS = 60
MAX_QUESTIONS = 16            # of one set, on one sheet (the longest set has 16)
SPACE = {"choice": 1, "multi": 1, "pick": 1, "numeric": 3, "point": 3, "expression": 5, "matrix": 6}
HOW_TO_ANSWER = {"multi": "Write the letters of every right option.", "choice": "Write the letter of your choice.",
                 "pick": "Write the letter of your choice.",
                 "point": "Mark the point on the figure and write it as (x, y)."}


@dataclass(frozen=True)
class Item:
    """One question of a sheet: template ``index`` of set ``set_slug`` of ``module``, in the
    sheet's variant ``seed``."""

    module: str
    set_slug: str
    index: int
    seed: int


@dataclass(frozen=True)
class Sheet:
    seed: int
    items: tuple[Item, ...]


def printable(question: Question) -> bool:
    """Whether ``question`` can go on paper (code questions are answered by running code)."""
    return question.kind != "code"


def printable_indices(questions: list[Question]) -> list[int]:
    """The positions of a set's printable questions (in the set's order)."""
    return [i for i, q in enumerate(questions) if printable(q)]


def spread(indices: list[int], count: int) -> list[int]:
    """``count`` of ``indices`` (a set's questions, easy to hard), spread evenly from the first
    to the last: all of them if there are no more than ``count``."""
    indices = list(indices)
    if count >= len(indices):
        return indices
    if count <= 0:
        return []
    if count == 1:
        return [indices[0]]
    step = (len(indices) - 1) / (count - 1)
    return [indices[round(i * step)] for i in range(count)]


def sheet_seeds(first: int, sheets: int) -> list[int]:
    """The seeds of ``sheets`` sheets from seed ``first``: one up each time, round again after
    the last variant (so more than SEEDS sheets repeat)."""
    return [variant_of(int(first) + i) for i in range(int(sheets))]


def plan(chosen: list[tuple[str, str, list[int]]], count: int, first: int, sheets: int) -> list[Sheet]:
    """The sheets: ``chosen`` lists (module, set slug, the set's printable question indices),
    in the order they go on a sheet; ``count`` questions of each set."""
    picks = [(module, slug, spread(indices, count)) for module, slug, indices in chosen]
    return [Sheet(seed, tuple(Item(module, slug, index, seed) for module, slug, indices in picks
                              for index in indices))
            for seed in sheet_seeds(first, sheets)]


def answer(question: Question) -> str:
    """The answer key of ``question`` as a learner would type it on screen: what the
    checker marks correct (a choice's key, a number, a formula, a matrix, a point)."""
    if not printable(question):
        raise ValueError("a code question has no answer to print")
    return question.solution


def space(question: Question) -> int:
    """Lines of room to write the answer to ``question`` in (a choice needs one)."""
    return SPACE.get(question.kind, 3)


def how_to_answer(question: Question) -> str:
    """What the sheet asks the learner to write, as the question's kind says (or its answer hint)."""
    return HOW_TO_ANSWER.get(question.kind, question.answer_hint)


def titles(outline: list[dict]) -> dict[tuple[str, str], tuple[int, str]]:
    """(module, set slug) -> (the module's number, the set's title), from the course's outline
    (each module's ``slug`` and ``sets``, each set's ``slug`` and ``title``)."""
    return {(module["slug"], item["slug"]): (number, item["title"])
            for number, module in enumerate(outline, start=1) for item in module["sets"]}


def source(item: Item, titles: dict[tuple[str, str], tuple[int, str]]) -> str:
    """Where ``item`` comes from, in words: its module, its set and its place in the set."""
    module_number, set_title = titles[(item.module, item.set_slug)]
    return f"Module {module_number}, {set_title}, question {item.index + 1}"


def ready_message(sheets: int, chosen: list[tuple[str, str, list[int]]],
                  titles: dict[tuple[str, str], tuple[int, str]]) -> str:
    """What the page says when ``sheets`` sheets of the ``chosen`` sets (as :func:`plan` takes them)
    are made, naming any set left out (with code questions only)."""
    left_out = [titles[(module, slug)][1] for module, slug, indices in chosen if not indices]
    note = f" Left out (code questions only, answered on screen): {', '.join(left_out)}." if left_out else ""
    return f"{sheets} sheet{'s' if sheets != 1 else ''} and the answer key are ready below: press Print." + note


class ChoiceError(ValueError):
    """The teacher's choices make no worksheet; the message says what to change."""


def validate(sets: int, count: int, first: int, sheets: int) -> None:
    """Raise ChoiceError, in words for the teacher, unless the numbers make a worksheet."""
    if sets < 1:
        raise ChoiceError("Choose at least one exercise set.")
    if not 1 <= count <= MAX_QUESTIONS:
        raise ChoiceError(f"Questions from each set: choose a whole number from 1 to {MAX_QUESTIONS}.")
    if not 1 <= sheets <= MAX_SHEETS:
        raise ChoiceError(f"Number of sheets: choose a whole number from 1 to {MAX_SHEETS}.")
    if not 0 <= first < SEEDS:
        raise ChoiceError(f"First seed: choose a whole number from 0 to {SEEDS - 1}.")


def read_choices(sets: int, count: str, sheets: str, first: str) -> tuple[int, int, int]:
    """The teacher's numbers (the form's texts) as (count, sheets, first), checked: ChoiceError
    unless they are whole numbers that make a worksheet of ``sets`` sets."""
    numbers = [whole_number(text) for text in (count, sheets, first)]
    if None in numbers:
        raise ChoiceError("Type whole numbers in the three boxes (digits only).")
    count, sheets, first = numbers
    validate(sets, count, first, sheets)
    return count, sheets, first


def whole_number(text: str) -> int | None:
    """A form field's whole number, or None (never eval: digits only)."""
    text = str(text).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else None
