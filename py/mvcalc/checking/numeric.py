"""check_numeric: a number, typed as a number or an expression (1/3, e^2, pi/4).

Evaluated in floats only (no sympy), compared with a tolerance.  An answer
with a variable in it is invalid, not wrong: the learner is told to work
out the value.
"""
from __future__ import annotations

import math
import re

from . import messages
from .errors import EvaluationError, ParseError
from .evaluate import evaluate
from .guard import never_raises
from .parser import parse
from .tex import to_tex
from .tree import free_variables, is_array
from .verdict import Verdict

_isclose = math.isclose     # captured at import: marking never looks it up where other code could reach
_EULER_LOOKALIKE = re.compile(r"\s*[+-]?[0-9]+e[+-]?[0-9]+\s*")  # 1e-05: e is Euler's number here


def _invalid(feedback: str) -> Verdict:
    return Verdict(correct=False, valid=False, feedback=feedback)


def _expected_value(expected: float | str) -> float:
    value = expected if not isinstance(expected, str) else evaluate(parse(expected))
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("expected value is not finite")
    return value


def _slip(value: float, target: float, rel_tol: float, abs_tol: float) -> str:
    def near(a: float, b: float) -> bool:
        return _isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)

    if target != 0 and near(value, -target):
        return messages.OPPOSITE_SIGN
    for factor in (10, 100, 1000):
        if target != 0 and (near(value, target * factor) or near(value, target / factor)):
            return messages.DECIMAL_SLIP.format(factor=factor)
    for factor in range(2, 10):
        if target != 0 and (near(value, target * factor) or near(value, target / factor)):
            return messages.off_by_factor(factor)
    if abs(value - target) <= 10 * max(rel_tol * max(abs(value), abs(target)), abs_tol):
        return messages.NUMBER_CLOSE
    return messages.NOT_RIGHT


@never_raises
def check_numeric(answer: str, expected: float, *, rel_tol: float = 1e-3,
                  abs_tol: float = 1e-6) -> Verdict:
    """Mark a numeric answer: right when within rel_tol (relative) or abs_tol."""
    try:
        target = _expected_value(expected)
    except (ParseError, EvaluationError, ValueError, TypeError, OverflowError):
        return _invalid(messages.QUESTION_BUG)
    if not isinstance(answer, str):
        return _invalid(messages.NOT_TEXT)
    try:
        tree = parse(answer)
    except ParseError as error:
        return _invalid(error.message)
    if is_array(tree):
        return _invalid(messages.EXPECTED_NUMBER)
    names = free_variables(tree)
    if names:
        return _invalid(messages.number_has_variable(names))
    try:
        value = evaluate(tree)
    except EvaluationError as error:
        if error.kind == "overflow":
            return _invalid(messages.TOO_LARGE)
        return _invalid(messages.NUMBER_UNDEFINED.format(detail=str(error)))
    tex = to_tex(tree)
    if _isclose(value, target, rel_tol=rel_tol, abs_tol=abs_tol):
        return Verdict(correct=True, valid=True, feedback=messages.CORRECT, preview_tex=tex)
    feedback = _slip(value, target, rel_tol, abs_tol)
    if _EULER_LOOKALIKE.fullmatch(answer) and _isclose(
            float(answer), target, rel_tol=rel_tol, abs_tol=abs_tol):
        feedback += messages.SCIENTIFIC_HINT
    return Verdict(correct=False, valid=True, feedback=feedback, preview_tex=tex)
