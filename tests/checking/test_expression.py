"""check_expression, as tables of answer -> verdict (in the style of Perseus' scorer tests)."""
from __future__ import annotations

import pytest

from mvcalc.checking import Verdict, check_expression, equivalent

CORRECT = [
    # answer                                   expected
    ("x^2 sin(x)",                              "x^2 sin(x)"),
    ("sin(x) x^2",                              "x^2 sin(x)"),
    ("x*x*sin(x)",                              "x^2 sin(x)"),
    ("(x+1)^2",                                 "x^2 + 2x + 1"),            # factored / expanded
    ("x^2 + 2x + 1",                            "(x+1)^2"),
    ("(x+1)(x-1)",                              "x^2 - 1"),
    ("e^(-7x)",                                 "1/e^(7x)"),
    ("-7e^(-7x)",                               "-7/e^(7x)"),
    ("exp(3x)",                                 "e^(3x)"),
    ("2x e^(3x)",                               "2x exp(3x)"),
    ("cos^2(x)",                                "1 - sin(x)^2"),            # trig identity
    ("ln(x^2)",                                 "2ln(x)"),                  # on the domain
    ("log(x)",                                  "ln(x)"),
    ("sqrt(x)",                                 "x^(1/2)"),
    ("1/2 x^2",                                 "x^2/2"),
    ("0.5x^2",                                  "x^2/2"),
    ("|x|",                                     "sqrt(x^2)"),
    ("tan(x)^2 + 1",                            "sec(x)^2"),
    ("sin(2x)",                                 "2 sin(x) cos(x)"),
    ("sinh(x)",                                 "(e^x - e^-x)/2"),
    # the quotient rule and the product rule give different-looking forms
    ("(cos(x) x - sin(x))/x^2",                 "cos(x)/x - sin(x)/x^2"),
    ("(2x(x+1) - x^2)/(x+1)^2",                 "(x^2 + 2x)/(x+1)^2"),
    ("2xy + x^2",                               "x(2y + x)"),
    ("e^(x+y)",                                 "e^x e^y"),
    ("sin(theta) r^2",                          "r^2 sin(theta)"),
    ("pi/4",                                    "atan(1)"),
    ("x + (x+1)^16 - (x+1)^16",                 "x"),                       # rounding-safe
]

WRONG = [
    # answer               expected                 feedback contains
    ("-x^2 sin(x)",        "x^2 sin(x)",            "opposite sign"),
    ("x^2 sin(-x)",        "x^2 sin(x)",            "opposite sign"),
    ("2x^2 sin(x)",        "x^2 sin(x)",            "factor of 2"),
    ("x^2 sin(x)/2",       "x^2 sin(x)",            "factor of 2"),
    ("3x",                 "x",                     "factor of 3"),
    ("-2x",                "x",                     "opposite sign and is off by a factor of 2"),
    ("pi x",               "x",                     "constant multiple"),
    ("x^2 + 2x",           "x^2 + 2x + 1",          "missing a term"),
    ("2x cos(x)",          "2x cos(x) - x^2 sin(x)", "missing a term"),    # product rule, half of it
    ("x^2 + 2x + 1 + x",   "x^2 + 2x + 1",          "extra term"),
    ("x^2 - 2x + 1",       "x^2 + 2x + 1",          "wrong sign"),
    ("e^x + 5",            "e^x",                   "extra term"),
    ("x^2 + 3",            "x^2 + 1",               "by a constant"),
    ("y^2",                "x^2",                   "uses y, but this question is about x only"),
    ("x^2 + z",            "x^2 + y",               "uses z"),
    ("x^2",                "x^3",                   "Not quite"),
    ("sin(x)",             "cos(x)",                "Not quite"),
    ("e^(7x)",             "e^(-7x)",               "Not quite"),
    ("x",                  "sqrt(x^2)",             "Not quite"),          # differs for x < 0
    ("ln(-1 - x^2)",       "x",                     "undefined"),
    ("1/0",                "x",                     "undefined"),
    ("x^2 sin(x) + 0.001", "x^2 sin(x)",            "extra term"),         # near misses count
    ("e^x + 0.001",        "e^x + 0.002",           "by a constant"),
    ("x^(10^9)",           "x^2",                   "Not quite"),
]

INVALID = [
    ("",                   "x",                     "Type your answer"),
    ("   ",                "x",                     "Type your answer"),
    ("x +",                "x",                     "missing"),
    ("9^9^9^9",            "x",                     "too large"),
    ("10^10^10 x",         "x",                     "too large"),
    ("[x, 1]",             "x",                     "single expression"),
]


@pytest.mark.parametrize("answer, expected", CORRECT, ids=[a for a, _ in CORRECT])
def test_equivalent_forms_are_accepted(answer, expected):
    verdict = check_expression(answer, expected)
    assert verdict.correct and verdict.valid, verdict
    assert verdict.feedback.startswith("Correct")
    assert verdict.preview_tex


@pytest.mark.parametrize("answer, expected, words", WRONG, ids=[a for a, _, _ in WRONG])
def test_wrong_answers_are_rejected_with_named_mistakes(answer, expected, words):
    verdict = check_expression(answer, expected)
    assert verdict.valid and not verdict.correct, verdict
    assert words.lower() in verdict.feedback.lower(), verdict.feedback
    assert verdict.preview_tex


@pytest.mark.parametrize("answer, expected, words", INVALID, ids=[a for a, _, _ in INVALID])
def test_invalid_answers_are_not_marked_wrong(answer, expected, words):
    verdict = check_expression(answer, expected)
    assert not verdict.valid and not verdict.correct
    assert words.lower() in verdict.feedback.lower(), verdict.feedback
    assert verdict.preview_tex == ""


def test_unsimplified_correct_answer_gets_a_note():
    verdict = check_expression("x + x + x + x", "4x")
    assert verdict.correct
    assert verdict.feedback == "Correct. (You could simplify it further, but it is right.)"
    assert check_expression("4x", "4x").feedback == "Correct."


def test_variables_argument_allows_names_not_in_the_expected_answer():
    # the answer to "differentiate x^2 + y^2 with respect to x" does not contain y
    assert "about x and y only" in check_expression("2x + z", "2x", variables=["x", "y"]).feedback
    assert check_expression("2x + 0y", "2x", variables=["x", "y"]).correct


def test_extra_variable_that_cancels_is_still_correct():
    assert check_expression("x + y - y", "x").correct


def test_constant_answers():
    assert check_expression("sqrt(2)/2", "1/sqrt(2)").correct
    assert "opposite sign" in check_expression("-1/2", "1/2").feedback
    assert check_expression("3", "2").feedback.startswith("Not quite")


def test_vector_expected_is_marked_as_a_vector():
    assert check_expression("[2x, 1]", "[2x, 1]").correct
    assert "entry 2" in check_expression("[2x, 2]", "[2x, 1]").feedback.lower()


def test_unreadable_expected_answer_is_reported_not_raised():
    verdict = check_expression("x", "x +")
    assert not verdict.valid and "tell your teacher" in verdict.feedback


def test_equivalent_for_misconceptions():
    forgot_chain_rule = "cos(x^2)"
    assert equivalent("cos(x^2)", forgot_chain_rule)
    assert equivalent("cos(x*x)", forgot_chain_rule)
    assert not equivalent("2x cos(x^2)", forgot_chain_rule)
    assert not equivalent("x +", forgot_chain_rule)         # unreadable: simply not a match
    assert equivalent("[1, 2x]", "[1, x + x]")


def test_never_raises_on_odd_types():
    for odd in (None, 3, b"x", ["x"]):
        verdict = check_expression(odd, "x")  # type: ignore[arg-type]
        assert isinstance(verdict, Verdict) and not verdict.valid and verdict.feedback
