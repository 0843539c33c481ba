"""Where a page's questions come from: the build's question bank, read in the page's own runtime.

The build made every question (py/sitebuild/bank.py); the page fetches one small file per
variant, once (:mod:`.course_files`; the loader starts fetching variant 0 while Python is still
loading: ``mvcalcLoader.bankFile``), turns it back into Question objects, and marks maths answers right
here, in its own runtime, without sympy (a check's work is bounded: mvcalc.checking.budget).
Only learner code goes to the background worker (:mod:`.checker`), which the page can stop.
"""
from __future__ import annotations

import js

from ..checking import budget
from ..questions import bank
from ..questions.marking import mark
from ..questions.model import Question
from ..questions.view import question_view
from . import checker
from .course_files import BankUnreadable, questions_of

async def question(module: str, set_slug: str, index: int, variant: int) -> Question:
    """Question ``index`` of set ``set_slug`` (of the page's ``module``) in the learner's ``variant``."""
    try:
        sets = await questions_of(module, bank.variant_of(variant))
    except BankUnreadable as error:
        raise QuestionsError(_unavailable(error.__cause__ or error)) from error
    try:
        return sets[set_slug][index]
    except (KeyError, IndexError):
        raise QuestionsError("this question is not in the page's question bank (was the site built "
                             "from other sources?)") from None


def view(q: Question, module: str) -> dict:
    return question_view(q, module)


def check_maths(q: Question, answer: str) -> dict:
    """The verdict for a maths answer, here and now: its work is bounded (a check past its
    budget says "stopped" and the page goes on at once)."""
    work = getattr(js.window, "mvcalcCheckWork", None)     # tests only: a smaller budget
    with budget.limit(work=int(work) if isinstance(work, (int, float)) else None):
        return mark(q, answer).to_dict()


async def check_code(module: str, q: Question, answer: str) -> dict:
    """The verdict for learner code: run in the worker, which the page can stop."""
    return await checker.check_code(module, q, answer)


class QuestionsError(RuntimeError):
    """The page's questions could not be read; the message is fit for the learner."""


def _unavailable(error) -> str:
    text = str(getattr(error, "message", "") or error)
    return f"the page's questions could not be loaded ({text}). Reloading the page may help."
