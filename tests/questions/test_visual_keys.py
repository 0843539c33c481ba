"""The keys of every visual template, checked against an independent computation.

The templates work their keys out by hand; here sympy (differentiation, solving, series),
numpy (least squares) and finite differences redo each one from the question's ``data`` and
its figure, for several variants.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from mvcalc.course import module
from mvcalc.questions.figure import Contour, Curve, Marker, Path, Points
from mvcalc.questions.point_answer import parse_point
from question_tools import X, Y, agree, parse
from every_question import lazy_question

VARIANTS = range(6)


def questions(module_slug, set_slug, template):
    exercise_set = module(module_slug).exercise_set(set_slug)
    index = [t.__name__ for t in exercise_set.templates].index(template)
    return [pytest.param(lazy_question(exercise_set, index, v), id=f"{template}-{v}") for v in VARIANTS]


def grid2(n=5, lo=-2.7, hi=2.6):
    return [(lo + (hi - lo) * i / (n - 1) + 0.013 * j, lo + (hi - lo) * j / (n - 1) - 0.017 * i)
            for i in range(n) for j in range(n)]


def line(lo, hi, n=17):
    return [lo + (hi - lo) * (i + 0.5) / n for i in range(n)]


def the(q, kind):
    return next(item for item in q.figure.items if isinstance(item, kind))


def direction(arrow):
    return (arrow.end[0] - arrow.start[0], arrow.end[1] - arrow.start[1])


def cos_angle(u, v):
    return (u[0] * v[0] + u[1] * v[1]) / (math.hypot(*u) * math.hypot(*v))


def choice(q, key):
    return next(c for c in q.choices if c.key == key)


def figure_curve(plot):
    """The one curve of a graph choice (a Plot or a one-curve Figure), as sympy."""
    if hasattr(plot, "expr"):
        return parse(plot.expr)
    return parse(next(i for i in plot.items if isinstance(i, Curve)).expr)


M2, M3, M4, M5, M6 = ("m2-multivariate-calculus", "m3-chain-rule-and-neural-networks", "m4-taylor-series",
                      "m5-optimisation", "m6-regression")


# --- Module 2 --------------------------------------------------------------------------------

@pytest.mark.parametrize("q", questions(M2, "partial-differentiation", "signs_from_map"))
def test_signs_from_map(q):
    f = parse(q.data["f"])
    at = {X: q.data["P"][0], Y: q.data["P"][1]}
    signs = ["+" if sp.diff(f, v).subs(at) > 0 else "-" for v in (X, Y)]
    assert choice(q, q.solution).value == ",".join(signs)
    assert agree(parse(the(q, Contour).expr), f, grid2(), (X, Y))
    assert the(q, Marker).at == tuple(q.data["P"])


@pytest.mark.parametrize("q", questions(M2, "partial-differentiation", "matching_slice"))
def test_matching_slice(q):
    f, k = parse(q.data["f"]), q.data["k"]
    slice_ = f.subs(Y, k)
    points = line(-3, 3)
    assert agree(figure_curve(choice(q, q.solution).plot), slice_, points)
    for c in q.choices:
        if c.key != q.solution:
            assert not agree(figure_curve(c.plot), slice_, points)
    drawn = the(q, Path)
    assert set(drawn.ys) == {float(k)}, "the dashed line is y = k"


@pytest.mark.parametrize("q", questions(M2, "calculating-jacobian", "downhill_arrow"))
def test_downhill_arrow(q):
    f = parse(q.data["f"])
    at = {X: q.data["P"][0], Y: q.data["P"][1]}
    down = tuple(-float(sp.diff(f, v).subs(at)) for v in (X, Y))
    assert cos_angle(direction(q.figure.item(q.solution)), down) > 0.9999
    for key in q.keys:
        if key != q.solution:
            assert cos_angle(direction(q.figure.item(key)), down) < 0.9
        assert q.figure.item(key).start == tuple(q.data["P"])


@pytest.mark.parametrize("q", questions(M2, "calculating-hessians", "map_of_hessian"))
def test_map_of_hessian(q):
    for c in q.choices:
        g = parse(the_contour_of(c.plot))
        H = sp.hessian(g, (X, Y)).subs({X: 0, Y: 0}).tolist()
        assert [sp.diff(g, v).subs({X: 0, Y: 0}) for v in (X, Y)] == [0, 0]
        assert (H == q.data["H"]) == (c.key == q.solution)


def the_contour_of(figure):
    return next(i for i in figure.items if isinstance(i, Contour)).expr


@pytest.mark.parametrize("q", questions(M2, "jacobian-hessian-assessment", "click_stationary"))
def test_click_stationary(q):
    f = parse(q.data["f"])
    found = {}
    for point in sp.solve([sp.diff(f, X), sp.diff(f, Y)], [X, Y], dict=True):
        eigen = [float(e) for e in sp.hessian(f, (X, Y)).subs(point).eigenvals()]
        kind = "saddle" if min(eigen) < 0 < max(eigen) else ("minimum" if min(eigen) > 0 else "maximum")
        found[kind] = (float(point[X]), float(point[Y]))
    assert len(found) == 2
    assert parse_point(q.solution) == pytest.approx(found[q.data["target"]], abs=1e-6)


# --- Module 3 --------------------------------------------------------------------------------

def sigma(z):
    return 1 / (1 + sp.exp(-z))


@pytest.mark.parametrize("q", questions(M3, "simple-neural-networks", "sigmoid_match"))
def test_sigmoid_match(q):
    neuron = sigma(q.data["w"] * X + q.data["b"])
    points = line(-6, 6)
    for c in q.choices:
        assert agree(figure_curve(c.plot), neuron, points, tol=1e-6) == (c.key == q.solution)


@pytest.mark.parametrize("q", questions(M3, "simple-neural-networks", "activation_point"))
def test_activation_point(q):
    w, b, z = q.data["w"], q.data["b"], q.data["z"]
    (x_star,) = sp.solve(sp.Eq(w * X + b, z), X)
    expected = (float(x_star), float(sigma(sp.Integer(z))))
    assert parse_point(q.solution) == pytest.approx(expected, abs=1e-5)
    assert float(sigma(w * x_star + b)) == pytest.approx(expected[1])


@pytest.mark.parametrize("q", questions(M3, "multivariate-chain-rule", "level_touch"))
def test_level_touch(q):
    t = sp.Symbol("t")
    f = parse(q.data["f"])
    (x0, y0), (u, v) = q.data["start"], q.data["velocity"]
    along = f.subs({X: x0 + u * t, Y: y0 + v * t}, simultaneous=True)
    (t_star,) = sp.solve(sp.diff(along, t), t)
    point = (float(x0 + u * t_star), float(y0 + v * t_star))
    assert q.figure.item(q.solution).at == pytest.approx(point, abs=1e-6)
    for key in q.keys:          # every marker lies on the path; only the key has df/dt = 0
        at = q.figure.item(key).at
        s = (at[0] - x0) / u
        assert y0 + v * s == pytest.approx(at[1], abs=1e-6)
        assert (abs(float(sp.diff(along, t).subs(t, s))) < 1e-9) == (key == q.solution)


@pytest.mark.parametrize("q", questions(M3, "multivariate-chain-rule", "chain_rule_graph"))
def test_chain_rule_graph(q):
    f = parse(q.data["f"])
    t = sp.Symbol("t")
    df_dt = sp.diff(f.subs({X: sp.cos(t), Y: sp.sin(t)}, simultaneous=True), t).subs(t, X)
    points = line(0, 2 * math.pi)
    for c in q.choices:
        assert agree(figure_curve(c.plot), df_dt, points) == (c.key == q.solution)
    shown = figure_curve(q.figure)
    assert agree(shown, f.subs({X: sp.cos(X), Y: sp.sin(X)}, simultaneous=True), points)


@pytest.mark.parametrize("q", questions(M3, "training-neural-networks", "cost_step"))
def test_cost_step(q):
    w = sp.Symbol("w")
    cost = (q.data["x"] * w - q.data["y"])**2
    w1 = q.data["w0"] - q.data["eta"] * sp.diff(cost, w).subs(w, q.data["w0"])
    assert parse_point(q.solution) == pytest.approx((float(w1), float(cost.subs(w, w1))), abs=1e-5)
    assert agree(figure_curve(q.figure), cost.subs(w, X), line(*q.figure.x_range))


# --- Module 4 --------------------------------------------------------------------------------

@pytest.mark.parametrize("q", questions(M4, "matching-approximations", "linearisation_error"))
def test_linearisation_error(q):
    f, a = parse(q.data["f"]), parse(q.data["about"])
    tangent = sp.series(f, X, a, 2).removeO()
    error = f - tangent
    lo, hi = (max(float(a) - 2, 0.15), float(a) + 2)
    for c in q.choices:
        assert agree(figure_curve(c.plot), error, line(lo, hi)) == (c.key == q.solution)


@pytest.mark.parametrize("q", questions(M4, "taylor-2d", "quadratic_map"))
def test_quadratic_map(q):
    f = parse(q.data["f"])
    t = sp.Symbol("t")
    quadratic = sp.series(f.subs({X: t * X, Y: t * Y}, simultaneous=True), t, 0, 3).removeO().subs(t, 1)
    for c in q.choices:
        assert agree(parse(the_contour_of(c.plot)), quadratic, grid2(lo=-1.4, hi=1.3), (X, Y)) == (c.key == q.solution)


# --- Module 5 --------------------------------------------------------------------------------

@pytest.mark.parametrize("q", questions(M5, "newton-raphson-1d", "newton_click"))
def test_newton_click(q):
    f, x0 = parse(q.data["f"]), q.data["x0"]
    x1 = x0 - f.subs(X, x0) / sp.diff(f, X).subs(X, x0)
    assert parse_point(q.solution) == pytest.approx((float(x1), 0.0), abs=1e-5)
    assert the(q, Marker).at == pytest.approx((x0, float(f.subs(X, x0))))


@pytest.mark.parametrize("q", questions(M5, "newton-raphson-1d", "newton_bad_start"))
def test_newton_bad_start(q):
    f = parse(q.data["f"])

    def jump(x0):
        return abs(float((f / sp.diff(f, X)).subs(X, x0)))
    farthest = max(q.keys, key=lambda k: jump(q.figure.item(k).at[0]))
    assert farthest == q.solution
    for key in q.keys:
        x0, y0 = q.figure.item(key).at
        assert float(f.subs(X, x0)) == pytest.approx(y0), "each start sits on the curve"


@pytest.mark.parametrize("q", questions(M5, "optimisation-scenarios", "gamma_too_large"))
def test_gamma_too_large(q):
    f = parse(q.data["f"])
    grad = [sp.lambdify((X, Y), sp.diff(f, v)) for v in (X, Y)]
    largest_stable = 2 / max(float(e) for e in sp.hessian(f, (X, Y)).eigenvals())
    gammas = {}
    for key in q.keys:
        path = q.figure.item(key)
        assert (path.xs[0], path.ys[0]) == tuple(q.data["start"])
        g0 = (grad[0](path.xs[0], path.ys[0]), grad[1](path.xs[0], path.ys[0]))
        gamma = -(path.xs[1] - path.xs[0]) / g0[0]
        for (xa, ya), (xb, yb) in zip(zip(path.xs, path.ys), zip(path.xs[1:], path.ys[1:])):
            assert xb == pytest.approx(xa - gamma * grad[0](xa, ya), abs=1e-5)
            assert yb == pytest.approx(ya - gamma * grad[1](xa, ya), abs=1e-5)
        gammas[key] = gamma
    assert max(gammas, key=gammas.get) == q.solution
    assert gammas[q.solution] > largest_stable > max(g for k, g in gammas.items() if k != q.solution)


@pytest.mark.parametrize("q", questions(M5, "optimisation-scenarios", "newton_arrow"))
def test_newton_arrow(q):
    f = parse(q.data["f"])
    at = {X: q.data["P"][0], Y: q.data["P"][1]}
    J = sp.Matrix([sp.diff(f, v) for v in (X, Y)]).subs(at)
    step = -sp.hessian(f, (X, Y)).subs(at).inv() * J
    for key in q.keys:
        same = cos_angle(direction(q.figure.item(key)), (float(step[0]), float(step[1]))) > 0.9999
        assert same == (key == q.solution)
    minimum = sp.solve([sp.diff(f, X), sp.diff(f, Y)], [X, Y])
    assert float(at[X] + step[0]) == pytest.approx(float(minimum[X]))


@pytest.mark.parametrize("q", questions(M5, "lagrange-multipliers", "lagrange_touch"))
def test_lagrange_touch(q):
    f, r = parse(q.data["f"]), q.data["radius"]
    lam = sp.Symbol("lambda")
    g = X**2 + Y**2 - sp.nsimplify(r)**2
    solutions = sp.solve([sp.diff(f, X) - lam * sp.diff(g, X), sp.diff(f, Y) - lam * sp.diff(g, Y), g], [X, Y, lam],
                         dict=True)
    pick = max if q.data["want"] == "largest" else min
    best = pick(solutions, key=lambda s: float(f.subs(s)))
    assert parse_point(q.solution) == pytest.approx((float(best[X]), float(best[Y])), abs=1e-5)


# --- Module 6 --------------------------------------------------------------------------------

def chi2(xs, ys, model):
    return float(sum((y - model(x))**2 for x, y in zip(xs, ys)))


@pytest.mark.parametrize("q", questions(M6, "linear-regression", "lowest_chi2_line"))
def test_lowest_chi2_line(q):
    xs, ys = q.data["x"], q.data["y"]
    slope, icpt = np.polyfit(xs, ys, 1)
    scores = {key: chi2(xs, ys, sp.lambdify(X, parse(q.figure.item(key).expr))) for key in q.keys}
    assert min(scores, key=scores.get) == q.solution
    assert agree(parse(q.figure.item(q.solution).expr), slope * X + icpt, line(0, 8), tol=1e-5)
    points = the(q, Points)
    assert list(points.xs) == xs and list(points.ys) == ys


@pytest.mark.parametrize("q", questions(M6, "linear-regression", "residual_plot"))
def test_residual_plot(q):
    xs, ys = q.data["x"], q.data["y"]
    slope, icpt = np.polyfit(xs, ys, 1)
    residuals = [y - (slope * x + icpt) for x, y in zip(xs, ys)]
    for c in q.choices:
        drawn = next(i for i in c.plot.items if isinstance(i, Points))
        assert (np.allclose(drawn.ys, residuals, atol=2e-3)) == (c.key == q.solution)


@pytest.mark.parametrize("q", questions(M6, "linear-regression", "chi2_map_point"))
def test_chi2_map_point(q):
    xs, ys = q.data["x"], q.data["y"]
    slope, icpt = np.polyfit(xs, ys, 1)
    assert parse_point(q.solution) == pytest.approx((slope, icpt), abs=1e-5)
    surface = sum((yi - X * xi - Y)**2 for xi, yi in zip(xs, ys))          # m across (x), c up (y)
    assert agree(parse(the(q, Contour).expr), surface, grid2(), (X, Y))


@pytest.mark.parametrize("q", questions(M6, "fitting-non-linear", "lowest_chi2_curve"))
def test_lowest_chi2_curve(q):
    xs, ys = q.data["x"], q.data["y"]
    scores = {c.key: chi2(xs, ys, sp.lambdify(X, figure_curve(c.plot))) for c in q.choices}
    assert min(scores, key=scores.get) == q.solution


@pytest.mark.parametrize("q", questions(M6, "fitting-non-linear", "chi2_descent_arrow"))
def test_chi2_descent_arrow(q):
    xs, ys = np.array(q.data["x"]), np.array(q.data["y"])

    def chi2_at(A, k):
        return float(np.sum((ys - A * np.exp(-k * xs))**2))
    A, k = q.data["P"]
    h = 1e-6                                           # central differences, not the template's calculus
    grad = ((chi2_at(A + h, k) - chi2_at(A - h, k)) / (2 * h), (chi2_at(A, k + h) - chi2_at(A, k - h)) / (2 * h))
    for key in q.keys:
        same = cos_angle(direction(q.figure.item(key)), (-grad[0], -grad[1])) > 0.9999
        assert same == (key == q.solution)
    d = direction(q.figure.item(q.solution))
    assert chi2_at(A + 1e-3 * d[0], k + 1e-3 * d[1]) < chi2_at(A, k), "a short step along it lowers chi-squared"
