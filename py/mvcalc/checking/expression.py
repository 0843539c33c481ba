"""check_expression: is the learner's expression equal to the expected one?

Marking is a chain of named steps, each with its own message (as in
Numbas): read the answer -> compare with the expected expression -> if
wrong, name the mistake (a variable the question does not use, then the
generic slips in diagnose.py).  Invalid (unreadable, undecidable) is kept
apart from wrong.
"""
from __future__ import annotations

from typing import Iterable

from . import limits, messages
from .diagnose import diagnose, kept_exact
from .equivalence import compare
from .errors import ParseError
from .guard import never_raises
from .parser import parse
from .tex import to_tex
from .tree import Expr, free_variables, is_array, node_count
from .verdict import Verdict


def _invalid(feedback: str) -> Verdict:
    return Verdict(correct=False, valid=False, feedback=feedback)


def _looks_unsimplified(answer: Expr, expected: Expr) -> bool:
    size, target = node_count(answer), node_count(expected)
    return size > target + 1 and size > 1.5 * target


def judge_expression(answer: Expr, expected: Expr, allowed: set[str]) -> Verdict:
    """Mark one scalar answer tree against the expected tree."""
    tex = to_tex(answer)
    comparison = compare(answer, expected, allowed)
    if comparison.equal:
        feedback = (messages.CORRECT_UNSIMPLIFIED if _looks_unsimplified(answer, expected)
                    else messages.CORRECT)
        return Verdict(correct=True, valid=True, feedback=feedback, preview_tex=tex)

    # Could the answer be evaluated where the expected one could?
    failures = comparison.answer_failures
    expected_defined = comparison.tried - sum(comparison.expected_failures.values())
    mostly_undefined = (comparison.real_valid < limits.MIN_VALID_POINTS
                        and expected_defined > comparison.real_valid)
    if (comparison.equal is None or mostly_undefined) and failures["overflow"] > failures["domain"]:
        return _invalid(messages.TOO_LARGE)  # 9^9^9^9: not wrong, just unusable
    if comparison.equal is None and not mostly_undefined:
        return _invalid(messages.UNDECIDABLE)

    # Wrong: name the mistake, most fundamental first.
    extra = free_variables(answer) - allowed
    if extra:
        feedback = messages.wrong_variables(extra, allowed)
    elif mostly_undefined:
        feedback = messages.answer_undefined(free_variables(answer))
    else:
        feedback = (kept_exact(answer, expected, allowed) or diagnose(answer, expected, comparison)
                    or messages.NOT_RIGHT)
    return Verdict(correct=False, valid=True, feedback=feedback, preview_tex=tex)


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
        from .matrix import judge_array
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
