"""The Module 5 page's condition-number refresher, recomputed. (Its annotated formulas are
checked with every page's: test_page_maths.py.)"""
from __future__ import annotations

from pathlib import Path

import sympy as sp

PAGE = Path(__file__).resolve().parents[2] / "site/m5-optimisation/index.html"


def test_the_condition_number_refresher():
    """The valley's Hessian, its eigenvalues and condition number, and the best factor 9/11."""
    text = PAGE.read_text()
    x, y, k = sp.symbols("x y k")
    H = sp.hessian(x**2 + 10 * y**2, (x, y))
    eigen = sorted(H.eigenvals())
    assert eigen == [2, 20] and sp.Rational(eigen[1], eigen[0]) == 10
    assert "\\begin{pmatrix} 2 &amp; 0 \\\\ 0 &amp; 20 \\end{pmatrix}" in text
    best = sp.Rational(2, eigen[0] + eigen[1])
    factors = [1 - best * lam for lam in eigen]
    assert factors == [sp.Rational(9, 11), -sp.Rational(9, 11)] and best == sp.Rational(1, 11)
    assert ((k - 1) / (k + 1)).subs(k, 10) == sp.Rational(9, 11) and "\\(9/11 \\approx 0.82\\)" in text
    assert round(float(((k - 1) / (k + 1)).subs(k, 1000)), 3) == 0.998 and "would give 0.998" in text
    assert text.index('id="condition-heading"') < text.index("its condition number, 10")
