"""check_numeric: numbers typed as numbers or expressions, compared with a tolerance."""
from __future__ import annotations

import math

import pytest

from mvcalc.checking import check_numeric

CORRECT = [
    ("1/3", 1 / 3),
    ("0.3333", 1 / 3),
    ("e^2", math.e**2),
    ("7.389", math.e**2),
    ("pi/4", math.pi / 4),
    ("2.50", 2.5),
    ("5/2", 2.5),
    ("-0.5", -0.5),
    ("−1/2", -0.5),
    ("sqrt(2)/2", math.sqrt(2) / 2),
    ("1.5e-3", 0.0015),
    ("2E5", 2e5),
    ("2^10", 1024),
    ("ln(2)", math.log(2)),
    ("0", 0.0),
    ("0.0000001", 0.0),          # within abs_tol
    ("2e - 1", 2 * math.e - 1),  # e is Euler's number
]

WRONG = [
    ("0.5", -0.5, "opposite sign"),
    ("1/6", 1 / 3, "factor of 2"),
    ("2/3", 1 / 3, "factor of 2"),
    ("0.25", 2.5, "decimal point"),
    ("0.33", 1 / 3, "close"),
    ("3.1", math.pi, "Not quite"),
    ("e^3", math.e**2, "Not quite"),
    ("1e-05", 1e-5, "scientific notation"),   # read as e - 5, with a hint
]

INVALID = [
    ("x", 1.0, "contains x"),
    ("2x + 1", 3.0, "contains x"),
    ("theta", 1.0, "contains theta"),
    ("", 1.0, "Type your answer"),
    ("1/0", 1.0, "cannot be evaluated"),
    ("ln(-1)", 1.0, "cannot be evaluated"),
    ("sqrt(-4)", 1.0, "cannot be evaluated"),
    ("10^10^10", 1.0, "too large"),
    ("99999999999999999999999999^999", 1.0, "too large"),
    ("[1, 2]", 1.0, "single number"),
    ("1,5", 1.5, "point for decimals"),
]


@pytest.mark.parametrize("answer, expected", CORRECT, ids=[a for a, _ in CORRECT])
def test_correct(answer, expected):
    verdict = check_numeric(answer, expected)
    assert verdict.correct and verdict.valid and verdict.feedback == "Correct.", verdict


@pytest.mark.parametrize("answer, expected, words", WRONG, ids=[a for a, _, _ in WRONG])
def test_wrong(answer, expected, words):
    verdict = check_numeric(answer, expected)
    assert verdict.valid and not verdict.correct, verdict
    assert words.lower() in verdict.feedback.lower(), verdict.feedback


@pytest.mark.parametrize("answer, expected, words", INVALID, ids=[a for a, _, _ in INVALID])
def test_invalid(answer, expected, words):
    verdict = check_numeric(answer, expected)
    assert not verdict.valid and not verdict.correct, verdict
    assert words.lower() in verdict.feedback.lower(), verdict.feedback


def test_tolerances_are_keyword_arguments():
    assert check_numeric("3.14", math.pi).correct            # within 0.1 %
    assert not check_numeric("3.14", math.pi, rel_tol=1e-4).correct
    assert check_numeric("3.1", math.pi, rel_tol=2e-2).correct
    assert check_numeric("0.01", 0.0, abs_tol=0.1).correct


def test_expected_may_be_written_as_an_expression():
    assert check_numeric("0.785398", "pi/4").correct
    assert "tell your teacher" in check_numeric("1", "x +").feedback
    assert "tell your teacher" in check_numeric("1", float("nan")).feedback


def test_numeric_check_does_not_need_sympy(monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "sympy", None)  # any import of sympy now fails
    assert check_numeric("e^2 + pi", math.e**2 + math.pi).correct
