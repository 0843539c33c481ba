"""evaluate.py: floats and complex numbers without sympy; every failure is an EvaluationError."""
from __future__ import annotations

import math

import pytest

from mvcalc.checking import EvaluationError, evaluate, parse
from mvcalc.checking.evaluate import compile_numeric


@pytest.mark.parametrize("text, values, expected", [
    ("x^2 + 1", {"x": 2.0}, 5.0),
    ("1/2x", {"x": 4.0}, 2.0),
    ("e^2", {}, math.e**2),
    ("pi/4", {}, math.pi / 4),
    ("sqrt(2)/2", {}, math.sqrt(2) / 2),
    ("sec(x)", {"x": 0.5}, 1 / math.cos(0.5)),
    ("acot(x)", {"x": 2.0}, math.atan(0.5)),
    ("|x|", {"x": -3.0}, 3.0),
    ("2^3^2", {}, 512.0),
    ("(-8)^2", {}, 64.0),
    ("theta mu", {"theta": 2.0, "mu": 3.0}, 6.0),
])
def test_values(text, values, expected):
    assert evaluate(text, values) == pytest.approx(expected)


@pytest.mark.parametrize("text, values, kind", [
    ("ln(x)", {"x": -1.0}, "domain"),
    ("sqrt(x)", {"x": -1.0}, "domain"),
    ("1/x", {"x": 0.0}, "domain"),
    ("0^(-1)", {}, "domain"),
    ("(-8)^(1/3)", {}, "domain"),       # not real, as in sympy's principal branch
    ("asin(2)", {}, "domain"),
    ("9^9^9^9", {}, "overflow"),
    ("e^(e^x)", {"x": 10.0}, "overflow"),
    ("99999999999999999999999999^999", {}, "overflow"),
    ("10^300*10^300", {}, "overflow"),
    ("x + y", {"x": 1.0}, "variable"),
])
def test_failures(text, values, kind):
    with pytest.raises(EvaluationError) as caught:
        evaluate(text, values)
    assert caught.value.kind == kind


def test_complex_mode_uses_principal_branches():
    assert evaluate("ln(x)", {"x": -1.0 + 0j}, complex_mode=True) == pytest.approx(math.pi * 1j)
    assert evaluate("sqrt(x)", {"x": -4.0 + 0j}, complex_mode=True) == pytest.approx(2j)


def test_scale_records_the_largest_term_of_any_sum():
    scale = [0.0]
    f = compile_numeric(parse("x + (x+1)^16 - (x+1)^16"), scale=scale)
    f({"x": 3.0})
    assert scale[0] == pytest.approx(4.0**16)
