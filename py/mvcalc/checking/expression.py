"""check_expression: is the learner's expression equal to the expected one?

Read the answer (unreadable is invalid, not wrong), then mark it: a scalar with
scalar.py's judge_expression, a vector or matrix expected with matrix.py's
judge_array. The entry point above both.
"""
from __future__ import annotations

from typing import Iterable

from . import messages
from .errors import ParseError
from .guard import never_raises
from .matrix import judge_array
from .parser import parse
from .scalar import judge_expression
from .tree import free_variables, is_array
from .verdict import Verdict


def _invalid(feedback: str) -> Verdict:
    return Verdict(correct=False, valid=False, feedback=feedback)


@never_raises
def check_expression(answer: str, expected: str, *,
                     variables: Iterable[str] | None = None) -> Verdict:
    """Mark ``answer`` against ``expected`` (both in learner syntax).

    ``variables``: the names the question is about; by default those in
    ``expected``.  A vector or matrix ``expected`` is marked by check_matrix.
    """
    try:
        target = parse(expected)
    except ParseError:
        return _invalid(messages.QUESTION_BUG)
    if not isinstance(answer, str):
        return _invalid(messages.NOT_TEXT)
    try:
        tree = parse(answer)
    except ParseError as error:
        return _invalid(error.message)
    if is_array(target):
        return judge_array(tree, target, variables)
    if is_array(tree):
        return _invalid(messages.EXPECTED_SCALAR)
    allowed = set(variables) if variables is not None else free_variables(target)
    return judge_expression(tree, target, allowed)


def equivalent(answer: str, expected: str, *, variables: Iterable[str] | None = None) -> bool:
    """True when ``answer`` means the same as ``expected``, with the same logic as the checks.

    For question code matching known wrong answers (misconceptions)::

        if equivalent(answer, "x^2 cos(x)"):   # forgot the product rule
            ...
    Unreadable text is simply not equivalent; this never raises.
    """
    verdict = check_expression(answer, expected, variables=variables)
    return verdict.correct
