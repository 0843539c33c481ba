"""diagnose.py: the generic slips, named from numbers alone."""
from __future__ import annotations

import pytest

from mvcalc.checking import parse
from mvcalc.checking import messages
from mvcalc.checking.diagnose import diagnose
from mvcalc.checking.equivalence import compare


def named(answer, expected):
    a, b = parse(answer), parse(expected)
    return diagnose(a, b, compare(a, b))


@pytest.mark.parametrize("answer, expected, message", [
    ("-x e^x", "x e^x", messages.OPPOSITE_SIGN),
    ("x e^x / 2", "x e^x", messages.off_by_factor(2)),
    ("10 x", "x", messages.off_by_factor(10)),
    ("-3x", "x", messages.opposite_sign_and_factor(3)),
    ("e x", "x", messages.CONSTANT_MULTIPLE),
    ("x^2", "x^2 + sin(x)", messages.MISSING_TERM),
    ("x^2 + sin(x)", "x^2", messages.EXTRA_TERM),
    ("x^2 - sin(x)", "x^2 + sin(x)", messages.TERM_SIGN),
    ("x^2 + 7", "x^2 - 1", messages.OFF_BY_CONSTANT),
    ("x^3", "x^2", None),
    ("-1/2", "1/2", messages.OPPOSITE_SIGN),
    ("1", "2", messages.off_by_factor(2)),
    ("3", "7", None),                           # two numbers: no "constant multiple" claim
])
def test_named_slips(answer, expected, message):
    assert named(answer, expected) == message


# --- decimals for e, π, √2: "keep e exact", not a wrong-slip message -------------------------

from mvcalc.checking import check_expression, check_matrix  # noqa: E402
from mvcalc.checking.constants import decimal_constants  # noqa: E402


@pytest.mark.parametrize("answer, expected, message", [
    # applying-taylor seed 2: the degree-2 Taylor polynomial of e^x about 1
    ("2.71828 (x - 1)^2/2 + 2.71828(x - 1) + 2.71828", "e (x - 1)^2/2 + e (x - 1) + e",
     "Keep e exact: type e rather than 2.71828."),
    ("2.718 x", "e x", "Keep e exact: type e rather than 2.718."),
    ("2.7182 x", "e x", "Keep e exact: type e rather than 2.7182."),        # cut short, not rounded
    ("2.71828^(2x)", "e^(2x)", "Keep e exact: type e rather than 2.71828."),
    ("3.1416 x^2", "pi x^2", "Keep π exact: type pi rather than 3.1416."),
    ("1.414 sin(x)", "sqrt(2) sin(x)", "Keep √2 exact: type sqrt(2) rather than 1.414."),
    ("0.7071 x", "x/sqrt(2)", "Keep √2/2 exact: type sqrt(2)/2 rather than 0.7071."),
    ("1.5708 - x", "pi/2 - x", "Keep π/2 exact: type pi/2 rather than 1.5708."),
    ("3.14 x + 2.718", "pi x + e",
     "Keep e and π exact: type e rather than 2.718 and pi rather than 3.14."),
])
def test_constants_typed_as_decimals(answer, expected, message):
    verdict = check_expression(answer, expected)
    assert verdict.valid and not verdict.correct
    assert verdict.feedback == message


@pytest.mark.parametrize("answer, expected", [
    ("2.7 x", "e x"),          # two figures: could be anything
    ("2.72 x^2", "e x"),       # e to 3 figures, but the answer is wrong anyway
    ("2.719 x", "e x"),        # not e rounded or cut short
    ("3.1416 x", "e x"),
])
def test_no_keep_exact_claim_when_it_is_not_the_only_difference(answer, expected):
    verdict = check_expression(answer, expected)
    assert not verdict.correct and "exact" not in verdict.feedback


def test_a_key_with_decimals_of_its_own_is_marked_as_usual():
    assert check_expression("3.14 x", "3.14 x").correct
    assert "exact" not in check_expression("3.14 x", "3.15 x").feedback


def test_keep_exact_in_a_matrix_entry():
    verdict = check_matrix("[[2.71828 x, 1], [0, 1]]", "[[e x, 1], [0, 1]]")
    assert not verdict.correct and "Keep e exact" in verdict.feedback


def test_decimal_constants_needs_three_figures_and_a_point():
    found = decimal_constants(parse("3.14 + 3 + 2.7 + 1.73 + 2.71828E0"))
    assert sorted(c.typed for c in found.values()) == ["1.73", "3.14"]
    assert {c.name for c in found.values()} == {"pi", "sqrt(3)"}
    assert decimal_constants(parse("2.718"), 5) == {}
