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
