"""Marking a question, as a chain of named steps (Numbas' notes).

1. ``base``: the kind's own check (mvcalc.checking for maths, key matching for
   choices, the code runner for code).  Invalid input stops here: it is not
   wrong, and the learner is told how to fix it.
2. ``misconception``: a valid wrong answer is compared with the question's
   known wrong answers; a match replaces the feedback with that sentence.
3. The Verdict is returned.

A registry maps each kind to its two pure functions (Perseus' widget registry).
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Callable, NamedTuple

from mvcalc.checking import budget
from mvcalc.checking.guard import stopped
from mvcalc.checking.verdict import Verdict
from mvcalc.questions.model import Misconception, Question


class Marker(NamedTuple):
    base: Callable[[Question, str], Verdict]
    matches: Callable[[Question, str, Misconception], bool]


# -- expression, numeric, matrix: delegate to mvcalc.checking ----------------

def _expression(q: Question, answer: str) -> Verdict:
    from mvcalc.checking import check_expression
    return check_expression(answer, q.solution, variables=q.variables)


def _expression_matches(q: Question, answer: str, m: Misconception) -> bool:
    from mvcalc.checking import equivalent
    return equivalent(answer, m.answer, variables=q.variables)


def _numeric_against(q: Question, answer: str, value: float) -> Verdict:
    """Mark against ``value`` to the question's precision (its one source of tolerance)."""
    from mvcalc.checking import check_numeric
    return check_numeric(answer, value, rel_tol=0.0, abs_tol=q.precision.tolerance(value),
                         accuracy=q.precision.phrase, figures=q.precision.figures_at(value))


def _numeric(q: Question, answer: str) -> Verdict:
    return _numeric_against(q, answer, q.expected)


def _numeric_matches(q: Question, answer: str, m: Misconception) -> bool:
    from mvcalc.checking.numeric import rounded_coarser
    if rounded_coarser(answer, q.expected, q.precision.figures_at(q.expected)):
        # the key itself, too coarsely rounded: say so, unless it is exactly the slip's value
        typed = float(answer.strip().replace("\u2212", "-"))
        return math.isclose(typed, float(m.answer), rel_tol=1e-9, abs_tol=1e-12)
    return _numeric_against(q, answer, float(m.answer)).correct


def _matrix(q: Question, answer: str) -> Verdict:
    from mvcalc.checking import check_matrix
    return check_matrix(answer, q.solution, variables=q.variables)


def _matrix_matches(q: Question, answer: str, m: Misconception) -> bool:
    from mvcalc.checking import check_matrix
    return check_matrix(answer, m.answer, variables=q.variables).correct


# -- choice and multi: keys -------------------------------------------------

def parse_keys(answer: str) -> list[str]:
    """"b" -> ["b"]; "a, c" / "c,a" / "a c" -> ["a", "c"] (lower case, sorted)."""
    parts = answer.replace(";", ",").replace(" ", ",").lower().split(",")
    return sorted({p.strip().strip("()") for p in parts if p.strip().strip("()")})


def _keys_text(keys: list[str]) -> str:
    return ", ".join(keys[:-1]) + " or " + keys[-1] if len(keys) > 1 else keys[0]


def _choice(q: Question, answer: str) -> Verdict:
    keys = parse_keys(answer)
    if len(keys) != 1 or keys[0] not in q.keys:
        return Verdict(False, False, f"Choose one option: {_keys_text(q.keys)}.")
    if keys[0] == q.solution.strip().lower():
        return Verdict(True, True, "Correct.", f"\\text{{({keys[0]})}}")
    return Verdict(False, True, "Not this one: look again at the hint.", f"\\text{{({keys[0]})}}")


def _multi(q: Question, answer: str) -> Verdict:
    keys = parse_keys(answer)
    unknown = [k for k in keys if k not in q.keys]
    if unknown or not keys:
        return Verdict(False, False,
                       f"Give the letters of every option that applies, separated by commas "
                       f"(e.g. a,c), from: {', '.join(q.keys)}.")
    preview = "\\text{(" + ", ".join(keys) + ")}"
    expected = parse_keys(q.solution)
    if keys == expected:
        return Verdict(True, True, "Correct: exactly those.", preview)
    missing = [k for k in expected if k not in keys]
    extra = [k for k in keys if k not in expected]
    parts = []
    if extra:
        parts.append(f"{_keys_text(extra)} should not be selected")
    if missing:
        parts.append(f"you missed {'one' if len(missing) == 1 else len(missing)}")
    return Verdict(False, True, "Not quite: " + "; ".join(parts) + ".", preview)


def _keys_match(q: Question, answer: str, m: Misconception) -> bool:
    return parse_keys(answer) == parse_keys(m.answer)


# -- code: run the learner's function ----------------------------------------

def _code(q: Question, answer: str) -> Verdict:
    from mvcalc.questions.code_runner import check_code
    return check_code(answer, q.entry, q.cases)


def _code_matches(q: Question, answer: str, m: Misconception) -> bool:
    from mvcalc.questions.code_runner import same_behaviour
    return same_behaviour(answer, m.answer, q.entry, q.cases)


MARKERS: dict[str, Marker] = {
    "expression": Marker(_expression, _expression_matches),
    "numeric": Marker(_numeric, _numeric_matches),
    "matrix": Marker(_matrix, _matrix_matches),
    "choice": Marker(_choice, _keys_match),
    "multi": Marker(_multi, _keys_match),
    "code": Marker(_code, _code_matches),
}


def mark(q: Question, answer: str) -> Verdict:
    """Mark ``answer`` for ``q``: base check, then named misconceptions.

    A maths answer's whole chain shares one work budget (mvcalc.checking.budget): past it the
    base check says "stopped", and a known mistake not yet compared is simply not named.
    Learner code has its own budget (code_runner) and runs in a worker the page can stop."""
    if q.kind == "code":
        return _mark(MARKERS[q.kind], q, answer)
    with budget.limit():
        try:
            return _mark(MARKERS[q.kind], q, answer)
        except budget.CheckStopped:
            return stopped()


def _mark(marker: Marker, q: Question, answer: str) -> Verdict:
    verdict = marker.base(q, answer)
    if verdict.correct or not verdict.valid:
        return verdict
    for m in q.misconceptions:
        try:
            hit = marker.matches(q, answer, m)
        except budget.CheckStopped:   # out of budget: the verdict stands, without a named slip
            break
        except Exception:  # a misconception that cannot be compared never blocks marking
            hit = False
        if hit:
            return replace(verdict, feedback=m.feedback)
    return verdict
