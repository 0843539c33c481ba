"""The numbers and claims in the Module 2 page's prose, recomputed. (Its annotated formulas are
checked with every page's: test_page_maths.py.)"""
from __future__ import annotations

from pathlib import Path

import sympy as sp

PAGE = Path(__file__).resolve().parents[2] / "site/m2-multivariate-calculus/index.html"
NAMES = {n: sp.Symbol(n) for n in ("x", "y", "z", "r", "a", "b", "c", "theta")}


def test_numbers_in_the_prose_are_right():
    from mvcalc.figures.contour import can_dm_dh, can_dm_dr
    page = PAGE.read_text()
    assert "0.560 g per cm of height and 3.07 g per cm of radius" in page
    assert f"{can_dm_dh(3.3, 11.5, 0.1):.3f}" == "0.560" and f"{can_dm_dr(3.3, 11.5, 0.1):.2f}" == "3.07"
    x, y, z = NAMES["x"], NAMES["y"], NAMES["z"]
    J = sp.Matrix([x**2 * y + 3 * z]).jacobian([x, y, z])
    assert "J = \\begin{pmatrix} 2xy &amp; x^2 &amp; 3 \\end{pmatrix}" in page or "2xy & x^2 & 3" in page
    assert list(J.subs({x: 1, y: 2, z: 3})) == [4, 1, 3] and "\\begin{pmatrix} 4 & 1 & 3 \\end{pmatrix}" in page
    u, v = x - 2 * y, 3 * y - 2 * x
    assert sp.Matrix([u, v]).jacobian([x, y]) == sp.Matrix([[1, -2], [-2, 3]])
    assert "\\begin{pmatrix} 1 & -2 \\\\ -2 & 3 \\end{pmatrix}" in page
    bump = x * sp.exp(-(x**2 + y**2))
    for p in ((1 / sp.sqrt(2), 0), (-1 / sp.sqrt(2), 0)):
        assert [sp.simplify(sp.diff(bump, s).subs({x: p[0], y: p[1]})) for s in (x, y)] == [0, 0]
    r, th = NAMES["r"], NAMES["theta"]
    P = sp.Matrix([r * sp.cos(th), r * sp.sin(th)]).jacobian([r, th])
    assert P == sp.Matrix([[sp.cos(th), -r * sp.sin(th)], [sp.sin(th), r * sp.cos(th)]])
    # the Try-this claims about the Hessian figure: a = 0 and b = 2 (with c = a = 1) make det H = 0
    a, b, c = NAMES["a"], NAMES["b"], NAMES["c"]
    det = 4 * a * c - b**2
    assert det.subs({a: 0, c: 1, b: 0}) == 0 and det.subs({a: 1, c: 1, b: 2}) == 0
    # ... and where each valley's floor lies, from the figure's own f = c x² + a y² + b x y:
    # f = 0 exactly on the floor (x = 0, the y axis; then y = -x) and f > 0 off it
    from mvcalc.figures.hessian import quadratic
    assert "a valley whose floor is the y axis, where x = 0" in page and "its floor the line y = −x" in page
    for (av, bv), floor in (((0.0, 0.0), lambda t: (0.0, t)), ((1.0, 2.0), lambda t: (t, -t))):
        for t in (-1.5, -0.4, 0.7, 1.9):
            assert abs(quadratic(*floor(t), av, bv, 1.0)) < 1e-12
            px, py = floor(t)
            assert quadratic(px + 0.3, py, av, bv, 1.0) > 0 and quadratic(px - 0.3, py, av, bv, 1.0) > 0
    assert sp.factor(x**2 + y**2 + 2 * x * y) == (x + y)**2
    # the eigenvalue refresher: [[2, 1], [1, 2]] has eigenvalues 3 and 1, eigenvectors (1, 1) and (1, -1)
    M = sp.Matrix([[2, 1], [1, 2]])
    assert sorted(M.eigenvals()) == [1, 3] and M * sp.Matrix([1, 1]) == 3 * sp.Matrix([1, 1])
    assert M * sp.Matrix([1, -1]) == sp.Matrix([1, -1])
    assert "\\((1, 1)\\) to \\((3, 3)\\) and \\((1, -1)\\) to \\((1, -1)\\)" in page
    lam = sp.Symbol("lambda")
    A = sp.Matrix(2, 2, sp.symbols("p q r s"))
    roots = sp.solve((A - lam * sp.eye(2)).det(), lam)
    assert sp.simplify(roots[0] * roots[1] - A.det()) == 0 and sp.simplify(sum(roots) - A.trace()) == 0
    # lesson 7: the measured values' best step is about 0.05
    import numpy as np
    from mvcalc.figures.step_size import central_quotient, mystery_slope
    hs = 10.0 ** np.linspace(-6, 0, 601)
    best = hs[np.argmin(np.abs(central_quotient(1.0, hs, True) - float(mystery_slope(1.0))))]
    assert 0.01 < best < 0.2 and "about 0.05" in page
