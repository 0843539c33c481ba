"""check_numeric: a number, typed as a number or an expression (1/3, e^2, pi/4).

Evaluated in floats only (no sympy), compared with a tolerance.  An answer
with a variable in it is invalid, not wrong: the learner is told to work
out the value.  When the precision asked for is given (``figures``), a
decimal typed for e, π, √2 ... with at least that many figures counts as the
constant: 2.718^2 is e² to 4 significant figures.
"""
from __future__ import annotations

import math
import re

from . import messages
from .errors import EvaluationError, ParseError
from .constants import decimal_constants, exact
from .evaluate import evaluate
from .guard import never_raises
from .parser import parse
from .tex import to_tex
from .tree import free_variables, is_array
from .verdict import Verdict

_isclose = math.isclose     # captured at import: marking never looks it up where other code could reach
_EULER_LOOKALIKE = re.compile(r"\s*[+-]?[0-9]+e[+-]?[0-9]+\s*")  # 1e-05: e is Euler's number here
_PLAIN_DECIMAL = re.compile(r"\s*[+\-\u2212]?([0-9]*)(?:\.([0-9]*))?\s*")


def rounded_coarser(answer: str, target: float, figures: int | None) -> bool:
    """Is ``answer`` a plain decimal with fewer than ``figures`` significant figures
    (but at least 2) that is ``target`` rounded to its own last place ("13.17" for
    13.1692, 6 asked)?

    Such an answer is right but not precise enough, whatever else it is near.
    """
    match = _PLAIN_DECIMAL.fullmatch(answer) if isinstance(answer, str) else None
    if figures is None or match is None or not (match.group(1) or match.group(2)):
        return False
    whole, places = match.group(1), match.group(2) or ""
    typed = len((whole + places).lstrip("0"))
    if not 2 <= typed < figures:  # "0" or "3" for 2.6 says too little to call it a rounding
        return False
    value = float(answer.strip().replace("\u2212", "-"))
    return abs(value - target) <= 0.5 * 10.0 ** -len(places) * 1.01


def _invalid(feedback: str) -> Verdict:
    return Verdict(correct=False, valid=False, feedback=feedback)


def _expected_value(expected: float | str) -> float:
    value = expected if not isinstance(expected, str) else evaluate(parse(expected))
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("expected value is not finite")
    return value


def _slip(value: float, target: float, rel_tol: float, abs_tol: float, accuracy: str) -> str:
    # relative, so that ten times the key is compared at ten times the tolerance
    scaled = max(rel_tol, abs_tol / abs(target)) if target != 0 else rel_tol

    def near(a: float, b: float) -> bool:
        return _isclose(a, b, rel_tol=scaled, abs_tol=abs_tol if target == 0 else 0.0)

    if target != 0 and near(value, -target):
        return messages.OPPOSITE_SIGN
    for factor in (10, 100, 1000):
        if target != 0 and (near(value, target * factor) or near(value, target / factor)):
            return messages.DECIMAL_SLIP.format(factor=factor)
    for factor in range(2, 10):
        if target != 0 and (near(value, target * factor) or near(value, target / factor)):
            return messages.off_by_factor(factor)
    if abs(value - target) <= 10 * max(rel_tol * max(abs(value), abs(target)), abs_tol):
        return messages.number_close(accuracy)
    return messages.NOT_RIGHT


def _within(tree, target: float, rel_tol: float, abs_tol: float) -> bool:
    try:
        value = evaluate(tree)
    except EvaluationError:
        return False
    return _isclose(value, target, rel_tol=rel_tol, abs_tol=abs_tol)


@never_raises
def check_numeric(answer: str, expected: float, *, rel_tol: float = 1e-3,
                  abs_tol: float = 1e-6, accuracy: str = "", figures: int | None = None) -> Verdict:
    """Mark a numeric answer: right when within rel_tol (relative) or abs_tol.

    ``accuracy`` names the precision asked for ("4 significant figures") in the
    "not accurate enough" message; ``figures`` is how many significant figures
    that asks of the answer (None: no precision stated, no decimals read as
    constants).
    """
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
    found = decimal_constants(tree) if figures is not None else {}
    if found and _within(exact(tree, found), target, rel_tol, abs_tol):
        if all(c.figures >= figures for c in found.values()):  # e to the precision asked: fine
            return Verdict(correct=True, valid=True, feedback=messages.read_as_constants(found.values()),
                           preview_tex=tex)
        return Verdict(correct=False, valid=True, preview_tex=tex,
                       feedback=f"{messages.number_close(accuracy)} {messages.keep_exact(found.values())}")
    if rounded_coarser(answer, target, figures):
        feedback = messages.number_close(accuracy)
    else:
        feedback = _slip(value, target, rel_tol, abs_tol, accuracy)
    if _EULER_LOOKALIKE.fullmatch(answer) and _isclose(
            float(answer), target, rel_tol=rel_tol, abs_tol=abs_tol):
        feedback += messages.SCIENTIFIC_HINT
    return Verdict(correct=False, valid=True, feedback=feedback, preview_tex=tex)
