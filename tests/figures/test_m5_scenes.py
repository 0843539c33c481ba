"""Module 5's algorithms and figures against independent computations: sympy derivatives,
Hessians and solutions, exact Newton-Raphson iterates, and the closed forms of gradient
descent on a quadratic."""
from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, implicit_multiplication_application, parse_expr, standard_transformations

from mvcalc.figures.descent import DescentScene, SandpitScene
from mvcalc.figures.lagrange import LagrangeScene
from mvcalc.figures.newton import NewtonScene
from mvcalc.optimise import (CASES_1D, CASES_BY_KEY, LANDSCAPES, LANDSCAPES_BY_KEY, METHODS, PROBLEMS,
                             PROBLEMS_BY_KEY, descend, flat_kind, gradient_step, hybrid_step,
                             lagrangian_gradient, multiplier, newton_1d, newton_step, parallel_gap)

X, Y = sp.symbols("x y")
STEPS = standard_transformations + (implicit_multiplication_application, convert_xor)


def parse(text):
    return parse_expr(text, local_dict={"x": X, "y": Y}, transformations=STEPS)


POINTS = [(0.3, -0.7), (1.2, 0.4), (-1.1, 1.3), (0.05, -1.6), (2.0, 0.9)]


# --- the landscapes' hand-written derivatives ------------------------------------------------

@pytest.mark.parametrize("land", LANDSCAPES, ids=lambda s: s.key)
def test_landscape_gradient_and_hessian_match_sympy(land):
    f = parse(land.expr)
    grad = [sp.diff(f, v) for v in (X, Y)]
    hess = sp.hessian(f, (X, Y))
    for x, y in POINTS:
        at = {X: x, Y: y}
        p = np.array([x, y])
        assert land.f(p) == pytest.approx(float(f.subs(at)), rel=1e-12, abs=1e-12)
        assert land.J(p) == pytest.approx([float(g.subs(at)) for g in grad], rel=1e-12, abs=1e-12)
        assert np.asarray(land.H(p)).ravel() == pytest.approx([float(h) for h in hess.subs(at)], rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("land", LANDSCAPES, ids=lambda s: s.key)
def test_landscape_minima_are_minima(land):
    f = parse(land.expr)
    hess = sp.hessian(f, (X, Y))
    for mx, my in land.minima:
        at = {X: mx, Y: my}
        assert all(abs(float(sp.diff(f, v).subs(at))) < 1e-12 for v in (X, Y))
        assert all(float(e) > 0 for e in hess.subs(at).eigenvals())


# --- Newton-Raphson in one dimension ------------------------------------------------------------

@pytest.mark.parametrize("case", CASES_1D, ids=lambda c: c.key)
def test_cases_derivatives_match_sympy(case):
    f = {"x³ − 2x + 2": X**3 - 2 * X + 2, "sin x": sp.sin(X), "arctan x": sp.atan(X),
         "x³ − 3x + 1": X**3 - 3 * X + 1}[case.text]
    for x in (-1.3, 0.2, 0.9, 2.1):
        assert case.f(x) == pytest.approx(float(f.subs(X, x)), rel=1e-12)
        assert case.df(x) == pytest.approx(float(sp.diff(f, X).subs(X, x)), rel=1e-12)


def test_the_cycle_is_exactly_0_1_0_1():
    case = CASES_BY_KEY["cycle"]
    assert newton_1d(case.f, case.df, 0.0, 8) == [0.0, 1.0] * 4 + [0.0]
    f = X**3 - 2 * X + 2                       # exact rational iteration with sympy
    x = sp.Integer(0)
    seen = [x]
    for _ in range(4):
        x = x - f.subs(X, x) / sp.diff(f, X).subs(X, x)
        seen.append(x)
    assert seen == [0, 1, 0, 1, 0]


def test_converging_case_reaches_the_real_root_quadratically():
    case = CASES_BY_KEY["converge"]
    root = float(sp.nsolve(X**3 - 2 * X + 2, X, -1.7))
    xs = newton_1d(case.f, case.df, case.x0, 8)
    errors = [abs(v - root) for v in xs]
    assert errors[5] < 1e-12
    assert errors[3] < errors[2] ** 2 * 5, "the error roughly squares each step"


def test_jump_lands_on_minus_two_pi_and_arctan_diverges():
    jump = CASES_BY_KEY["jump"]
    assert newton_1d(jump.f, jump.df, jump.x0, 12)[-1] == pytest.approx(-2 * math.pi, abs=1e-12)
    div = CASES_BY_KEY["diverge"]
    xs = newton_1d(div.f, div.df, div.x0, 6)
    assert all(abs(b) > abs(a) for a, b in zip(xs[1:], xs[2:]))
    assert all(a * b < 0 for a, b in zip(xs, xs[1:])), "it swings from side to side"
    smaller = newton_1d(div.f, div.df, 1.3, 30)
    assert abs(smaller[-1]) < 1e-9, "below about 1.39 it converges"


def test_flat_tangent_takes_no_step():
    flat = CASES_BY_KEY["flat"]
    assert newton_1d(flat.f, flat.df, 1.0, 5) == [1.0]
    root = newton_1d(flat.f, flat.df, flat.x0, 10)[-1]
    assert abs(flat.f(root)) < 1e-12


def test_newton_scene_readouts_follow_the_steps(build):
    scene = build(NewtonScene(case="cycle", x0=0.0, step=0.0))
    assert scene.readouts()["x1"] == "–"
    scene.update(step=4.0)
    out = scene.readouts()
    assert [out[f"x{k}"] for k in range(5)] == ["0.000000", "1.000000", "0.000000", "1.000000", "0.000000"]
    assert out["f1"] == "1.000000" and out["steps"] == "4"
    assert "cycle 0, 1, 0, 1" in scene.describe()
    assert scene.update(case="diverge", x0=1.5, step=12.0) is True, "a new function needs a full redraw"
    assert "e+" in scene.readouts()["x8"], "huge iterates are shown in scientific form"
    scene.update(case="flat", x0=1.0, step=3.0)
    assert "cannot be taken" in scene.describe()


# --- gradient descent, Newton and the hybrid -----------------------------------------------------

def test_one_gradient_step_matches_the_lesson():
    land = LANDSCAPES_BY_KEY["valley"]
    walk = descend(land, (-4.5, 2.0), METHODS["gradient"](0.09), 1)
    assert walk.points[1] == pytest.approx((-3.69, -1.6), abs=1e-12)


@pytest.mark.parametrize("gamma", [0.01, 0.05, 0.09, 0.099])
def test_gradient_descent_on_the_valley_follows_the_closed_form(gamma):
    land = LANDSCAPES_BY_KEY["valley"]
    walk = descend(land, (-4.5, 2.0), METHODS["gradient"](gamma), 12)
    for n, (x, y) in enumerate(walk.points):
        assert x == pytest.approx(-4.5 * (1 - 2 * gamma) ** n, rel=1e-9, abs=1e-12)
        assert y == pytest.approx(2.0 * (1 - 20 * gamma) ** n, rel=1e-9, abs=1e-12)


def test_step_size_limits_on_the_valley():
    land = LANDSCAPES_BY_KEY["valley"]
    assert descend(land, land.start, METHODS["gradient"](0.09), 300).status == "converged"
    assert descend(land, land.start, METHODS["gradient"](0.11), 300).status == "diverged"
    slow = descend(land, land.start, METHODS["gradient"](0.01), 300)
    fast = descend(land, land.start, METHODS["gradient"](1 / 11), 300)
    assert fast.steps < slow.steps


def test_newton_solves_a_quadratic_in_one_step():
    for key in ("bowl", "valley"):
        land = LANDSCAPES_BY_KEY[key]
        walk = descend(land, (3.3, -1.7), METHODS["newton"](0.1), 10)
        assert walk.points[1] == pytest.approx((0.0, 0.0), abs=1e-12)
        assert walk.status == "converged" and walk.steps == 1


@pytest.mark.parametrize("key", ["bowl", "valley", "banana", "wells", "egg"])
def test_hybrid_converges_on_a_true_minimum(key):
    land = LANDSCAPES_BY_KEY[key]
    walk = descend(land, land.start, METHODS["hybrid"](0.1), 400)
    assert walk.status == "converged"
    assert min(math.dist(walk.points[-1], m) for m in land.minima) < 1e-4


def test_newton_stops_on_the_saddle_and_the_hybrid_does_not():
    land = LANDSCAPES_BY_KEY["wells"]
    newton = descend(land, land.start, METHODS["newton"](0.1), 50)
    assert newton.status == "saddle" and newton.points[-1] == pytest.approx((0, 0), abs=1e-6)
    hybrid = descend(land, land.start, METHODS["hybrid"](0.1), 200)
    assert hybrid.status == "converged" and abs(abs(hybrid.points[-1][1]) - 1) < 1e-4


def test_steps_and_the_hybrid_rule():
    J, H = np.array([1.0, -2.0]), np.array([[2.0, 0.0], [0.0, -1.0]])
    d = newton_step(J, H)
    assert d == pytest.approx([-0.5, -2.0])
    assert float(J @ d) >= 0, "Newton's step points uphill here"
    assert hybrid_step(J, H, 0.1) == pytest.approx(gradient_step(J, H, 0.1))
    far = hybrid_step(np.array([8.0, 6.0]), np.eye(2), 0.1)       # Newton's step has length 10
    assert far == pytest.approx([-0.8, -0.6])
    near = hybrid_step(np.array([0.5, 0.2]), np.eye(2) * 2, 0.1)
    assert near == pytest.approx([-0.25, -0.1])
    assert newton_step(J, np.zeros((2, 2))) is None
    assert flat_kind(np.diag([1.0, 2.0])) == "converged"
    assert flat_kind(np.diag([1.0, -2.0])) == "saddle" and flat_kind(-np.eye(2)) == "maximum"


def test_descent_scene_readouts_answer_the_step_size(build):
    scene = build(DescentScene(("gradient",), land="valley", gamma=0.09, steps=100.0))
    first = scene.readouts()
    assert first["gradient-status"] == "reached the bottom"
    scene.update(gamma=0.02)
    assert int(scene.readouts()["gradient-steps"]) > int(first["gradient-steps"])
    scene.update(gamma=0.15)
    assert "diverged" in scene.readouts()["gradient-status"] and "diverged" in scene.describe()
    assert scene.on_key("ArrowUp") and scene.start()[1] == pytest.approx(2.0 + 6 / 40)
    assert scene.on_pointer(100.0, -100.0) and scene.start() == (5.0, -3.0), "clamped to the map"
    assert scene.on_key("Enter") and scene.start() == LANDSCAPES_BY_KEY["valley"].start
    assert scene.update(land="banana") is True


def test_compare_scene_names_every_method(build):
    scene = build(DescentScene(("gradient", "newton", "hybrid"), land="wells", gamma=0.1))
    out = scene.readouts()
    assert "saddle" in out["newton-status"] and out["hybrid-status"] == "reached the bottom"
    text = scene.describe()
    assert "Newton took" in text and "hybrid took" in text


def test_sandpit_scene_draws_a_path_it_is_given(build):
    scene = build(SandpitScene(land="wells"))
    assert scene.readouts()["step"] == "0"
    runs = []
    scene.on_run = runs.append
    assert scene.on_key("Enter") and runs == [LANDSCAPES_BY_KEY["wells"].start]
    scene.set_path("wells", [[1.5, 0.3], [1.2, 0.35], [0.9, 0.4]], [2.0, 1.5, 1.0])
    scene.shown_points = 3
    scene.apply()
    assert scene.readouts() == {"step": "2", "f": "1.000", "at": "(0.900, 0.400)"}
    assert "2 of 2 steps" in scene.describe()


# --- Lagrange multipliers -------------------------------------------------------------------------

@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.key)
def test_problem_functions_match_sympy_and_the_curve_is_the_constraint(problem):
    f, g = parse(problem.f_expr), parse(problem.g_expr)
    for x, y in POINTS:
        at = {X: x, Y: y}
        assert problem.f(x, y) == pytest.approx(float(f.subs(at)), rel=1e-12, abs=1e-12)
        assert problem.g(x, y) == pytest.approx(float(g.subs(at)), rel=1e-12, abs=1e-12)
        assert problem.grad_f(x, y) == pytest.approx([float(sp.diff(f, v).subs(at)) for v in (X, Y)], abs=1e-12)
        assert problem.grad_g(x, y) == pytest.approx([float(sp.diff(g, v).subs(at)) for v in (X, Y)], abs=1e-12)
    for t in np.linspace(0, 2 * math.pi, 13):
        assert abs(problem.g(*problem.curve(t))) < 1e-12


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.key)
def test_gradients_are_parallel_exactly_at_the_sympy_solutions(problem):
    f, g = parse(problem.f_expr), parse(problem.g_expr)
    lam = sp.Symbol("lam")
    L = f - lam * g
    sols = sp.solve([sp.diff(L, X), sp.diff(L, Y), g], [X, Y, lam], dict=True)
    assert sols
    for s in sols:
        x, y, l = float(s[X]), float(s[Y]), float(s[lam])
        assert parallel_gap(problem, x, y) < 1e-12
        assert multiplier(problem, x, y) == pytest.approx(l, abs=1e-12)
        assert lagrangian_gradient(problem)([x, y, l]) == pytest.approx([0, 0, 0], abs=1e-12)
    assert parallel_gap(problem, *problem.curve(1.0 + 0.123)) > 1e-3 or len(sols) > 4


def test_lagrange_scene_sees_the_gradients_line_up(build):
    scene = build(LagrangeScene(problem="x2y-circle", t=20.0))
    assert "not parallel" in scene.describe()
    best = math.degrees(math.atan2(1, math.sqrt(2)))            # (sqrt 2, 1) on the circle
    scene.update(t=best)
    out = scene.readouts()
    assert out["f"] == "2.000" and out["lambda"] == "1.000" and float(out["gap"]) < 1e-3
    assert "parallel here" in scene.describe()
    scene.mark("x2y-circle", [{"x": 2 ** 0.5, "y": 1.0, "lambda": 1.0, "f": 2.0}])
    assert scene.update(t=best) is True and "scipy found" in scene.describe()
    assert scene.on_pointer(-1.5, -0.9)
    x, y = scene.point()
    assert math.dist((x, y), (-1.5, -0.9)) < 0.2
    assert scene.on_key("PageUp")
    assert scene.update(problem="xy-ellipse") is True
    assert PROBLEMS_BY_KEY["xy-ellipse"].g(*scene.point()) == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize("land", LANDSCAPES, ids=lambda s: s.key)
def test_the_contour_grid_is_f_at_every_point(land):
    from mvcalc.optimise import grid
    X, Y, Z = grid(land, 12)
    f = sp.lambdify((X_ := sp.Symbol("x"), Y_ := sp.Symbol("y")), parse(land.expr))
    for i in (0, 5, 11):
        for j in (0, 7, 11):
            assert Z[i, j] == pytest.approx(f(X[i, j], Y[i, j]), rel=1e-12, abs=1e-12)
