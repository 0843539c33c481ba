"""Every number a Module 4 figure reports, against sympy: each function's derivative rule
(so every Taylor coefficient) against sympy.series, the explorer's readouts and curves,
the linearisation errors' log-log slopes, the 2D gradient and Hessian; and the numbers the page
quotes. (Its annotated formulas are checked with every page's: test_page_maths.py.)"""
from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, implicit_multiplication, parse_expr, standard_transformations

from mvcalc.figures import taylor_series as ts
from mvcalc.figures.taylor import (LinearisationScene, MatchScene, PowerSeriesScene, TaylorScene, polynomial_text,
                                   show)
from mvcalc.figures.taylor2d import SURFACES, Taylor2DScene

x, y = sp.symbols("x y", real=True)
PAGE = Path(__file__).resolve().parents[2] / "site/m4-taylor-series/index.html"


def expr(text: str):
    names = {"x": x, "y": y, "e": sp.E, "ln": sp.log, "abs": sp.Abs, "heaviside": sp.Heaviside,
             "diff": sp.diff, "c0": sp.Symbol("c0"), "c1": sp.Symbol("c1"), "c2": sp.Symbol("c2"),
             "c3": sp.Symbol("c3")}
    return parse_expr(text, local_dict=names,
                      transformations=standard_transformations + (implicit_multiplication, convert_xor))


def reading(text: str) -> float:
    text = text.replace("−", "-")
    match = re.fullmatch(r"(-?[\d.]+)(?:×10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?", text)
    assert match, text
    value = float(match.group(1))
    if match.group(2):
        power = match.group(2).translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        value *= 10 ** int(power)
    return value


POINTS = {"exp": (-2, 0, 1.5), "sin": (-2.5, 0, 1), "cos": (0, 0.7, 3), "ln": (0.5, 1, 2.5),
          "ln1p": (-0.5, 0, 2), "reciprocal": (-2, 1, 2.5), "geometric": (-1, 0, 2.5), "sqrt": (0.5, 1, 4),
          "runge": (-1, 0, 1.5), "abs": (-1.5, 2), "step": (-1, 1.2)}


@pytest.mark.parametrize("series", ts.ALL, ids=lambda s: s.key)
def test_every_derivative_rule_gives_sympys_taylor_coefficients(series):
    f = expr(series.text)
    for a in POINTS[series.key]:
        a_exact = sp.nsimplify(a)
        expected = sp.series(f, x, a_exact, 9).removeO()
        shifted = sp.expand(expected.subs(x, x + a_exact))
        ours = series.coefficients(a, 8)
        for n, c in enumerate(ours):
            assert c == pytest.approx(float(shifted.coeff(x, n)), rel=1e-9, abs=1e-12), (series.key, a, n)


@pytest.mark.parametrize("series", ts.ALL, ids=lambda s: s.key)
def test_curves_are_the_functions(series):
    f = sp.lambdify(x, expr(series.text), "mpmath")
    for v in np.linspace(*series.x_range, 17)[1:-1]:
        if abs(v) < 1e-9 or abs(v - 1) < 1e-9:
            continue
        try:
            exact = complex(f(v))
        except (ZeroDivisionError, ValueError):
            continue
        if exact.imag != 0 or not math.isfinite(exact.real):
            assert not math.isfinite(series.value(v))
        else:
            assert series.value(v) == pytest.approx(exact.real, rel=1e-9, abs=1e-12)


def test_where_there_is_no_series():
    assert not ts.RECIPROCAL.has_series(0.0) and not ts.LN.has_series(0.0) and not ts.LN.has_series(-1.0)
    assert not ts.SQRT.has_series(0.0) and not ts.ABS.has_series(0.0) and not ts.GEOMETRIC.has_series(1.0)
    assert ts.RECIPROCAL.has_series(1.0) and ts.EXP.has_series(0.0)


@pytest.mark.parametrize("key, a, radius", [("reciprocal", 1, 1), ("reciprocal", -2, 2), ("ln", 2, 2),
                                            ("geometric", 0, 1), ("geometric", -1, 2), ("ln1p", 0, 1),
                                            ("sqrt", 4, 4), ("runge", 0, 1), ("runge", 1, math.sqrt(2))])
def test_radius_of_convergence_by_the_ratio_test(key, a, radius):
    series = ts.BY_KEY[key]
    c = series.coefficients(a, 60)
    assert abs(c[59] / c[60]) == pytest.approx(radius, rel=0.05) or abs(c[58] / c[60]) ** 0.5 == pytest.approx(radius, rel=0.05)
    assert series.radius(a) == pytest.approx(radius)


def test_explorer_readouts_are_the_known_series(build):
    scene = build(TaylorScene(ts.EXPLORER, fn="exp", order=4, a=0.0, probe=1.0))
    out = scene.readouts()
    assert out["poly"] == "1 + x + 0.5x² + 0.1667x³ + 0.04167x⁴"
    assert [reading(out[f"c{n}"]) for n in range(5)] == pytest.approx([1, 1, 1 / 2, 1 / 6, 1 / 24], rel=1e-5)
    assert out["c5"] == "·"
    assert reading(out["p_probe"]) == pytest.approx(1 + 1 + 1 / 2 + 1 / 6 + 1 / 24, rel=1e-3)
    assert reading(out["error"]) == pytest.approx(math.e - (1 + 1 + 1 / 2 + 1 / 6 + 1 / 24), rel=1e-3)
    scene.update(fn="sin", order=5)
    assert scene.readouts()["poly"] == "x − 0.1667x³ + 0.008333x⁵"
    scene.update(fn="reciprocal", order=3, a=1.0)
    assert scene.readouts()["poly"] == "1 − (x − 1) + (x − 1)² − (x − 1)³"
    assert scene.readouts()["radius"] == "1"
    scene.update(a=0.0)
    assert "no series" in scene.readouts()["poly"] and "no series" in scene.describe()


def test_explorer_draws_the_polynomial_and_the_gap(build):
    scene = build(TaylorScene(ts.EXPLORER, fn="cos", order=6, a=0.5, probe=2.0))
    xs, ys = (np.asarray(v, dtype=float) for v in scene.p_line.get_data())
    f = expr("cos(x)")
    poly = sp.lambdify(x, sp.series(f, x, sp.Rational(1, 2), 7).removeO())
    ok = np.isfinite(ys)
    assert np.allclose(ys[ok], poly(xs[ok]), rtol=1e-9, atol=1e-9)
    assert len(scene.gap.get_paths()) >= 1
    before = scene.describe()
    assert scene.on_key("ArrowRight") and scene.probe > 2.0 and scene.describe() != before
    assert scene.on_pointer(-1.0, 0.0) and scene.probe == -1.0


def test_match_scene_copies_value_slope_and_curvature(build):
    scene = build(MatchScene(fn="exp", a=1.0, terms=2))
    out = scene.readouts()
    assert reading(out["f0"]) == pytest.approx(math.e, rel=1e-3)
    assert out["parabola"] == "2.718 + 2.718(x − 1) + 1.359(x − 1)²"
    scene.update(fn="cos", a=0.0)
    assert scene.readouts()["parabola"] == "1 − 0.5x²"


def test_power_series_derivatives_are_factorial_times_coefficients(build):
    scene = build(PowerSeriesScene(fn="exp", c0=1.0, c1=1.0, c2=0.5, c3=0.15))
    out = scene.readouts()
    assert [reading(out[f"g{n}"]) for n in range(4)] == pytest.approx([1, 1, 1, 0.9])
    assert [reading(out[f"t{n}"]) for n in range(4)] == [1, 1, 1, 1]
    c = sp.symbols("c0:4")
    g = sum(ci * x**i for i, ci in enumerate(c))
    assert [sp.diff(g, x, n).subs(x, 0) for n in range(4)] == [c[0], c[1], 2 * c[2], 6 * c[3]]


@pytest.mark.parametrize("fn", ["exp", "cos", "sin", "ln"])
def test_linearisation_is_second_order_and_the_forward_difference_first(build, fn):
    scene = build(LinearisationScene(fn=fn, x=1.2, logdx=-2))
    f = expr(ts.BY_KEY[fn].text)
    fx = sp.lambdify(x, f, "mpmath")
    d1 = float(sp.diff(f, x).subs(x, sp.Rational(6, 5)))
    dx = 0.01
    lin, fd = scene.errors(np.array([dx]))
    assert lin[0] == pytest.approx(abs(float(fx(1.2 + dx) - fx(1.2)) - d1 * dx), rel=1e-6)
    assert fd[0] == pytest.approx(abs(float((fx(1.2 + dx) - fx(1.2)) / dx) - d1), rel=1e-6)
    slope_lin, slope_fd = scene.slopes()
    assert slope_lin == pytest.approx(2, abs=0.05) and slope_fd == pytest.approx(1, abs=0.05)
    # the same slopes from a straight-line fit to the drawn curves
    xs, ys = (np.log10(np.asarray(v, dtype=float)) for v in scene.lin_curve.get_data())
    assert np.polyfit(xs[:30], ys[:30], 1)[0] == pytest.approx(2, abs=0.05)
    xs, ys = (np.log10(np.asarray(v, dtype=float)) for v in scene.fd_curve.get_data())
    assert np.polyfit(xs[:30], ys[:30], 1)[0] == pytest.approx(1, abs=0.05)
    half = abs(float(sp.diff(f, x, 2).subs(x, sp.Rational(6, 5)))) / 2
    assert reading(scene.readouts()["half_f2"]) == pytest.approx(half, rel=1e-3)


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.key)
def test_surface_gradient_and_hessian_match_sympy(surface):
    f = expr(surface.text)
    for px, py in ((0.5, 0.3), (-1.2, 0.8), (0.0, -1.5)):
        at = {x: px, y: py}
        assert float(surface.f(px, py)) == pytest.approx(float(f.subs(at)), rel=1e-12, abs=1e-12)
        gx, gy = surface.gradient(px, py)
        assert gx == pytest.approx(float(sp.diff(f, x).subs(at)), abs=1e-12)
        assert gy == pytest.approx(float(sp.diff(f, y).subs(at)), abs=1e-12)
        (hxx, hxy), (hyx, hyy) = surface.hessian(px, py)
        assert hxx == pytest.approx(float(sp.diff(f, x, x).subs(at)), abs=1e-12)
        assert hxy == hyx == pytest.approx(float(sp.diff(f, x, y).subs(at)), abs=1e-12)
        assert hyy == pytest.approx(float(sp.diff(f, y, y).subs(at)), abs=1e-12)


def test_2d_scene_moves_by_keys_and_reports_j_and_h(build):
    scene = build(Taylor2DScene(fn="waves", px=0.5, py=0.3, order=2))
    out = scene.readouts()
    assert out["J"] == f"({math.cos(0.5) * math.cos(0.3):.3f}, {-math.sin(0.5) * math.sin(0.3):.3f})".replace("-", "−")
    assert scene.on_key("ArrowUp") and scene.point == (0.5, 0.4)
    assert scene.on_key("ArrowLeft") and scene.point == (0.4, 0.4)
    # the second-order mesh is f's quadratic Taylor polynomial
    xs, ys, zs = scene.mesh[0].get_data_3d()
    quad = sp.lambdify((x, y), sp.series(expr("sin(x) cos(y)").subs({x: 0.4 + sp.Symbol("t") * (x - 0.4),
                                                                      y: 0.4 + sp.Symbol("t") * (y - 0.4)}),
                                         sp.Symbol("t"), 0, 3).removeO().subs(sp.Symbol("t"), 1))
    ok = np.isfinite(zs)
    assert np.allclose(zs[ok], quad(np.asarray(xs)[ok], np.asarray(ys)[ok]), atol=1e-9)
    share2 = scene.good_share()
    scene.update(order=1)
    assert scene.good_share() < share2, "the quadratic is good over a wider patch than the plane"


def test_numbers_shown_are_formatted_plainly():
    assert show(-0.5) == "−0.5" and show(1 / 6) == "0.1667" and show(float("nan")) == "undefined"
    assert polynomial_text([1, -1, 0, 0.5], 2.0) == "1 − (x − 2) + 0.5(x − 2)³"
    assert polynomial_text([0, 1], -1.0) == "(x + 1)"


def test_numbers_in_the_prose_are_right():
    page = PAGE.read_text()
    assert "it gives 0.955, against \\(\\cos 0.3 = 0.95534\\)" in page
    assert round(1 - 0.3**2 / 2, 3) == 0.955 and round(math.cos(0.3), 5) == 0.95534
    assert "\\(10! = 3\\,628\\,800\\)" in page and math.factorial(10) == 3628800 and math.factorial(5) == 120
    assert "(about (0.7, 0); the exact peak is at \\((1/\\sqrt{2}, 0)\\))" in page
    assert 1 / math.sqrt(2) == pytest.approx(0.7, abs=0.01)
    from mvcalc.figures.taylor2d import SURFACE
    assert SURFACE["bump"].gradient(1 / math.sqrt(2), 0) == pytest.approx((0, 0), abs=1e-12)
    assert all(v < 0 for v in np.linalg.eigvalsh(np.array(SURFACE["bump"].hessian(1 / math.sqrt(2), 0))))
    from mvcalc.figures.taylor_series import SIN, polynomial
    assert "from about −4 to 4 (error under 0.01)" in page
    coefficients = SIN.coefficients(0, 12)
    assert all(abs(math.sin(v) - polynomial(coefficients, 0, np.array([v]))[0]) < 0.011 for v in np.linspace(-4, 4, 41))
    assert "move x to 1.55, near π/2" in page and abs(math.cos(1.55)) < 0.03
    assert "\\approx 0.0517" in page and (math.exp(0.1) - 1) / 0.1 - 1 == pytest.approx(0.0517, abs=5e-5)


def test_where_the_curvature_vanishes_the_cubic_term_takes_over(build):
    """The lesson's claim for cos x near π/2: a steeper slope (nearer 3) until Δx is tiny, then 2."""
    scene = build(LinearisationScene(fn="cos", x=1.55, logdx=-0.3))
    assert scene.slopes()[0] > 2.6
    scene.update(logdx=-3.5)
    assert scene.slopes()[0] == pytest.approx(2, abs=0.1)
