"""judge_expression: one parsed scalar answer against the expected tree.

The marking chain of a single expression (as in Numbas): compare with the expected expression
-> if wrong, name the mistake (a variable the question does not use, then the generic slips in
diagnose.py). Invalid (undecidable, unusably large) is kept apart from wrong. check_expression
(expression.py) and check_matrix (matrix.py, entry by entry) both mark with it.
"""
from __future__ import annotations

from . import limits, messages
from .diagnose import diagnose, kept_exact
from .equivalence import compare
from .tex import to_tex
from .tree import Expr, free_variables, node_count
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
