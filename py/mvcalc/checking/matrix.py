"""check_matrix: vectors and matrices, entry by entry.

Shapes: ``[a, b, c]`` is a vector without orientation, so it matches an
expected vector, a 3 x 1 column ``[[a], [b], [c]]`` or a 1 x 3 row
``[[a, b, c]]``.  An explicit row and an explicit column do not match each
other, and other shape differences are reported ("Your answer is a 2 x 3
matrix, but the answer is 2 x 2.").  Wrong entries are named ("Row 2,
column 1 is not right.", "Entry 3 is not right.").
"""
from __future__ import annotations

from typing import Iterable

from . import messages
from .errors import ParseError
from .constants import decimal_constants
from .guard import never_raises
from .parser import parse
from .scalar import judge_expression
from .tex import to_tex
from .tree import Expr, Matrix, Vector, free_variables, is_array
from .verdict import Verdict


def describe(node: Expr, *, short: bool = False) -> str:
    if isinstance(node, Vector):
        n = len(node.items)
        return f"a vector with {n} {'entry' if n == 1 else 'entries'}"
    if isinstance(node, Matrix):
        rows, cols = node.shape
        kind = " (a row)" if rows == 1 else " (a column)" if cols == 1 else ""
        return f"{rows} x {cols}{kind}" if short else f"a {rows} x {cols} matrix{kind}"
    return "a single expression"


def flatten(node: Expr) -> list[Expr]:
    if isinstance(node, Vector):
        return list(node.items)
    return [x for row in node.rows for x in row]


def same_shape(answer: Expr, expected: Expr) -> bool:
    if isinstance(answer, Matrix) and isinstance(expected, Matrix):
        return answer.shape == expected.shape
    if isinstance(answer, Vector) and isinstance(expected, Vector):
        return len(answer.items) == len(expected.items)
    matrix = answer if isinstance(answer, Matrix) else expected
    vector = answer if isinstance(answer, Vector) else expected
    return 1 in matrix.shape and max(matrix.shape) == len(vector.items)


def entry_names(expected: Expr) -> list[str]:
    if isinstance(expected, Matrix) and min(expected.shape) > 1:
        rows, cols = expected.shape
        return [f"row {r}, column {c}" for r in range(1, rows + 1) for c in range(1, cols + 1)]
    return [f"entry {k}" for k in range(1, len(flatten(expected)) + 1)]


def _join(names: list[str], separator: str) -> str:
    if len(names) == 1:
        return names[0]
    return separator.join(names[:-1]) + " and " + names[-1]


def _wrong_entries_feedback(names: list[str], details: list[str], total: int) -> str:
    if len(names) == total and total >= 3:
        return "None of the entries is right yet."
    if len(names) == 1:
        text = f"{names[0][0].upper()}{names[0][1:]} is not right"
        detail = details[0]
        if detail.startswith("Your answer "):
            text += " (that entry " + detail[len("Your answer "):].rstrip(".") + ")"
        return text + "."
    if names[0].startswith("entry"):
        listed = "Entries " + _join([n[len("entry "):] for n in names], ", ")
    else:
        listed = _join(names, "; ")
        listed = listed[0].upper() + listed[1:]
    return f"{listed} are not right."


def judge_array(answer: Expr, expected: Expr,
                variables: Iterable[str] | None = None) -> Verdict:
    """Mark a parsed answer against a parsed vector or matrix."""
    if not is_array(answer):
        example = "[1, 2, 3]" if isinstance(expected, Vector) else "[[1, 2], [3, 4]]"
        return Verdict(correct=False, valid=False,
                       feedback=messages.expected_array(describe(expected), example))
    tex = to_tex(answer)
    if not same_shape(answer, expected):
        short = isinstance(answer, Matrix) and isinstance(expected, Matrix)
        return Verdict(correct=False, valid=True, preview_tex=tex,
                       feedback=messages.wrong_shape(describe(answer),
                                                     describe(expected, short=short)))
    allowed = set(variables) if variables is not None else free_variables(expected)
    verdicts = [judge_expression(a, e, allowed)
                for a, e in zip(flatten(answer), flatten(expected))]
    names = entry_names(expected)
    wrong = [(name, v) for name, v in zip(names, verdicts) if v.valid and not v.correct]
    if wrong:
        if all(messages.says_keep_exact(v.feedback) for _, v in wrong):
            # right but for decimals typed for e, π, √2 ...: say that, once for the whole answer
            entries = [a for a, v in zip(flatten(answer), verdicts) if v.valid and not v.correct]
            feedback = messages.keep_exact([c for a in entries for c in decimal_constants(a).values()])
        else:
            feedback = _wrong_entries_feedback([n for n, _ in wrong], [v.feedback for _, v in wrong],
                                               len(verdicts))
        extra = free_variables(answer) - allowed
        if extra:
            feedback += " " + messages.wrong_variables(extra, allowed)
        return Verdict(correct=False, valid=True, feedback=feedback, preview_tex=tex)
    invalid = [v for v in verdicts if not v.valid]
    if invalid:
        return Verdict(correct=False, valid=False, feedback=invalid[0].feedback)
    return Verdict(correct=True, valid=True, feedback=messages.CORRECT, preview_tex=tex)


@never_raises
def check_matrix(answer: str, expected: str, *,
                 variables: Iterable[str] | None = None) -> Verdict:
    """Mark a vector or matrix answer, e.g. expected ``[[2x, 1], [0, 3y^2]]``."""
    try:
        target = parse(expected)
    except ParseError:
        target = None
    if target is None or not is_array(target):
        return Verdict(correct=False, valid=False, feedback=messages.QUESTION_BUG)
    if not isinstance(answer, str):
        return Verdict(correct=False, valid=False, feedback=messages.NOT_TEXT)
    try:
        tree = parse(answer)
    except ParseError as error:
        return Verdict(correct=False, valid=False, feedback=error.message)
    return judge_array(tree, target, variables)
