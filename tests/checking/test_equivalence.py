"""equivalence.py: numeric disproof, bounded symbolic proof, numeric decision."""
from __future__ import annotations

import sys

import pytest

from mvcalc.checking import parse
from mvcalc.checking.equivalence import close, compare, symbolic_equal, symbolic_safe


def comparison(a, b, variables=()):
    return compare(parse(a), parse(b), variables)


def test_wrong_answers_are_rejected_numerically_without_sympy(monkeypatch):
    monkeypatch.setitem(sys.modules, "sympy", None)  # importing sympy would now fail
    assert comparison("x^3", "x^2").equal is False
    assert comparison("sin(x)", "cos(x)").equal is False


def test_polynomial_identities_are_proved_symbolically():
    result = comparison("(x+1)^3", "x^3 + 3x^2 + 3x + 1")
    assert result.equal and result.method == "symbolic"
    assert comparison("(x^3 - 1)/(x - 1)", "x^2 + x + 1").method == "symbolic"


def test_trig_identities_are_decided_numerically():
    result = comparison("sin(x)^2", "1 - cos(x)^2")
    assert result.equal and result.method in ("numeric", "symbolic")


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


@pytest.mark.parametrize("text", [
    "x^(10^9)",                    # a huge exponent
    "x^7",                         # over SYMBOLIC_MAX_EXPONENT
    "(10^8)^8^8",                  # a constant too large for floats: sympy would build it
    "(a+b+c+d+e)^6",               # expands to 210 terms
    "x" + " + x" * 70,             # too many nodes
])
def test_symbolic_step_refuses_expensive_trees(text):
    assert not symbolic_safe(parse(text), parse("x"))


def test_symbolic_step_accepts_ordinary_answers():
    assert symbolic_safe(parse("x^2 sin(x) + 2x cos(x)"), parse("(x+1)^6"))


def test_symbolic_equal_never_raises():
    assert symbolic_equal(parse("1/0"), parse("x")) is False
