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


# --- a stated precision: its words in the message, decimals for constants ----------------------

FOUR = {"rel_tol": 0.0, "abs_tol": 0.000505, "accuracy": "4 significant figures", "figures": 4}


@pytest.mark.parametrize("answer, correct, feedback", [
    ("8.155", True, "Correct."),
    ("3e", True, "Correct."),
    ("3 * 2.718", True, "Correct (2.718 read as e)."),         # e typed to the 4 figures asked
    ("3 * 2.7183", True, "Correct."),                          # close enough without reading it as e
    ("2.718^2 + 0.7658", True, "Correct (2.718 read as e)."),  # e² + 0.7658 = 8.1549
    ("3 * 2.72", False, "Your answer is close, but not accurate enough: give it correct to "
                        "4 significant figures. Keep e exact: type e rather than 2.72."),
    ("8.15", False, "Your answer is close, but not accurate enough: give it correct to "
                    "4 significant figures."),
    ("8.153", False, "Your answer is close, but not accurate enough: give it correct to "
                     "4 significant figures."),
    ("-8.155", False, "Your answer has the opposite sign."),
    ("81.55", False, "Your answer is off by a factor of 10: check the decimal point."),
])
def test_stated_precision(answer, correct, feedback):
    verdict = check_numeric(answer, 3 * math.e, **FOUR)
    assert verdict.valid and verdict.correct == correct, verdict
    assert verdict.feedback == feedback


def test_constants_are_read_only_when_a_precision_is_stated():
    assert not check_numeric("2.718^2", math.e**2, rel_tol=0.0, abs_tol=5e-4).correct
    assert check_numeric("2.718^2", math.e**2, rel_tol=0.0, abs_tol=5e-4, figures=4).correct
    assert not check_numeric("2.718^2", math.e**2, rel_tol=0.0, abs_tol=5e-6, figures=6).correct


@pytest.mark.parametrize("answer, target, figures, coarse", [
    ("13.17", 13.169230769, 6, True),
    ("13.2", 13.169230769, 6, True),
    ("13.16", 13.169230769, 6, False),     # not a rounding of the key
    ("13.1692", 13.169230769, 6, False),   # 6 figures: not coarser
    ("0", -0.5, 4, False),                 # too few figures to call it a rounding
    ("−1.15", -1.1464891, 4, True),
    ("pi", 3.14159, 6, False),
])
def test_rounded_coarser(answer, target, figures, coarse):
    from mvcalc.checking.numeric import rounded_coarser
    assert rounded_coarser(answer, target, figures) == coarse
