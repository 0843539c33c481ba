"""equivalence.py: numeric disproof, then a numeric decision; never sympy."""
from __future__ import annotations

import sys

import pytest

from mvcalc.checking import parse
from mvcalc.checking.equivalence import close, compare


def comparison(a, b, variables=()):
    return compare(parse(a), parse(b), variables)


def test_wrong_answers_are_rejected_numerically_without_sympy(monkeypatch):
    monkeypatch.setitem(sys.modules, "sympy", None)  # importing sympy would now fail
    assert comparison("x^3", "x^2").equal is False
    assert comparison("sin(x)", "cos(x)").equal is False


def test_polynomial_identities_are_decided_numerically_without_sympy(monkeypatch):
    monkeypatch.setitem(sys.modules, "sympy", None)  # importing sympy would now fail
    result = comparison("(x+1)^3", "x^3 + 3x^2 + 3x + 1")
    assert result.equal and result.method == "numeric"
    assert comparison("(x^3 - 1)/(x - 1)", "x^2 + x + 1").equal
    # rounding is judged against the largest term: a high power and its expansion agree
    assert comparison("(x+1)^12 - x^12", "(x+1)^12 - x^12 + 0x").equal
    assert comparison("(x+1)^12 - (x^12 + 12x^11)", "66x^10 + 220x^9 + 495x^8 + 792x^7 + 924x^6 + 792x^5 "
                      "+ 495x^4 + 220x^3 + 66x^2 + 12x + 1").equal
    assert comparison("(x+1)^12", "x^12 + 12x^11 + 66x^10 + 220x^9 + 495x^8 + 792x^7 + 924x^6 + 792x^5 "
                      "+ 495x^4 + 220x^3 + 66x^2 + 12x").equal is False   # the constant 1 is missing


def test_trig_identities_are_decided_numerically():
    result = comparison("sin(x)^2", "1 - cos(x)^2")
    assert result.equal and result.method == "numeric"


def test_points_where_one_side_is_undefined_are_skipped():
    assert comparison("ln(x^2)", "2 ln(x)").equal          # equal where both are defined
    assert comparison("sqrt(x)^2", "x").equal


def test_few_real_points_try_wider_points():
    assert comparison("acosh(x - 5)", "ln(x - 5 + sqrt((x-5)^2 - 1))").equal
    assert comparison("ln(x - 20)", "ln(x - 21)").equal is False


def test_no_real_points_fall_back_to_complex_numbers_which_can_only_confirm():
    result = comparison("sqrt(-1 - x^2)^10", "-(1 + x^2)^5 + 0 sqrt(-1)")
    assert result.equal and result.method == "complex"
    assert comparison("sqrt(-1 - x^2)", "x").equal is None


def test_undefined_everywhere_cannot_be_decided():
    assert comparison("ln(-1 - x^2) * 0", "ln(-2 - x^2) * 0").equal in (True, None)
    assert comparison("sqrt(-1 - x^2)", "x").real_valid == 0


def test_constants_are_compared_once():
    assert comparison("sqrt(2)/2", "1/sqrt(2)").equal
    assert comparison("pi", "3.14").equal is False


def test_close_scales_with_the_largest_term():
    assert not close(1.0, 1.0 + 1e-6)
    assert close(1.0, 1.0 + 1e-6, scale=1e6)
