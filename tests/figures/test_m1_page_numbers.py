"""The numbers the Module 1 page quotes, and the beast's derivative, recomputed. (Its annotated
formulas are checked with every page's: test_page_maths.py.)"""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

PAGE = Path(__file__).resolve().parents[2] / "site/m1-what-is-calculus/index.html"


def test_the_beast_matches_sympy_exactly():
    x = sp.Symbol("x")
    f = sp.sin(2 * x**5 + 3 * x) / sp.exp(7 * x)
    stated = sp.exp(-7 * x) * ((10 * x**4 + 3) * sp.cos(2 * x**5 + 3 * x) - 7 * sp.sin(2 * x**5 + 3 * x))
    assert sp.simplify(sp.diff(f, x) - stated) == 0
    from mvcalc.figures.functions import BEAST
    for value in (-0.3, 0.0, 0.135, 0.5, 1.0):
        assert BEAST.slope(value) == pytest.approx(float(stated.subs(x, value)), rel=1e-12)
    assert BEAST.slope(0.0) == pytest.approx(3.0), "the lesson's worked value at x = 0"


def test_numbers_in_the_prose_are_right():
    page = PAGE.read_text()
    def d(t): return 3 * t**2 - t**3 / 5
    assert "\\(d(2) = 10.4\\)" in page and d(2) == pytest.approx(10.4)
    assert "\\(d(5) = 50\\)" in page and d(5) == pytest.approx(50)
    assert d(10) == pytest.approx(100) and "100 metres on" in page
    from scipy.optimize import brentq
    from mvcalc.figures.functions import beast_slope
    assert "(near x = 0.14)" in page and brentq(beast_slope, 0.01, 0.4) == pytest.approx(0.14, abs=0.005)
    assert "past about 1.25" in page and float(sp.sqrt(sp.pi / 2)) == pytest.approx(1.25, abs=0.01)
