"""Module 4's answer keys, each recomputed independently with sympy: Taylor polynomials
and coefficients with sympy.series, 2D expansions with sympy's own derivatives, radii of
convergence from the series' coefficients (the ratio test), and which functions have a
Maclaurin series from one-sided limits of their derivatives at 0."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from mvcalc.course import module
from mvcalc.questions.marking import mark
from mvcalc.questions.printing import number
from question_tools import X, Y, agree, parse, visual_template
from every_question import Lazy, cached_question

M4 = module("m4-taylor-series")
SEEDS = range(30)


def questions(slug):
    s = M4.exercise_set(slug)
    return [pytest.param(Lazy(s, seed), id=f"{slug}-{seed}") for seed in SEEDS
            if not visual_template(s, seed % s.size)]


def series_poly(f, about, order):
    """sympy's own Taylor polynomial of f about ``about`` up to (x − about)^order."""
    return sp.series(f, X, about, order + 1).removeO()


def near(about) -> list[float]:
    a = float(about)
    return [a + d for d in (-0.37, -0.21, -0.08, 0.06, 0.19, 0.33)]


def taylor2d(f, at, order):
    """f(p + t(x − p), q + t(y − q)) expanded in t to t^order, then t = 1."""
    t = sp.Symbol("t")
    p, q = (sp.nsimplify(v) for v in at)
    g = f.subs({X: p + t * (X - p), Y: q + t * (Y - q)}, simultaneous=True)
    return sp.series(g, t, 0, order + 1).removeO().subs(t, 1)


def check_wrong_differs(q, key_expr, symbols, points):
    for m in q.misconceptions:
        wrong = parse(m.answer)
        assert not agree(wrong, key_expr, points, symbols), f"misconception equals the key: {m.answer}"


def check_expression(q):
    kind = q.data["kind"]
    f = parse(q.data["f"])
    answer = parse(q.solution)
    if kind == "taylor":
        about = parse(q.data["about"])
        expected = series_poly(f, about, q.data["order"])
        assert sp.simplify(sp.expand(answer - expected)) == 0, (q.solution, expected)
        check_wrong_differs(q, expected, (X,), near(about))
    elif kind == "taylor2d":
        expected = taylor2d(f, q.data["at"], q.data["order"])
        assert sp.simplify(sp.expand(answer - expected)) == 0, (q.solution, expected)
        pts = [(0.3 + 0.2 * i, -0.4 + 0.15 * i) for i in range(6)]
        check_wrong_differs(q, expected, (X, Y), pts)
    else:
        raise AssertionError(kind)


def check_numeric(q):
    kind = q.data["kind"]
    if kind == "coefficient":
        f, about, n = parse(q.data["f"]), parse(q.data["about"]), q.data["power"]
        poly = sp.expand(series_poly(f, about, n).subs(X, X + about))
        expected = poly.coeff(X, n)
    elif kind == "approx":
        f, about = parse(q.data["f"]), parse(q.data["about"])
        expected = series_poly(f, about, q.data["order"]).subs(X, parse(q.data["at"]))
    elif kind == "radius":
        f, about = parse(q.data["f"]), parse(q.data["about"])
        poly = sp.expand(series_poly(f, about, 41).subs(X, X + about))
        c40, c41 = poly.coeff(X, 40), poly.coeff(X, 41)
        ratio = abs(float(c40 / c41))          # the ratio test: |c_n / c_(n+1)| -> R
        assert ratio == pytest.approx(q.expected, rel=0.05)
        expected = q.expected
    elif kind == "approx2d":
        f = parse(q.data["f"])
        plane = taylor2d(f, q.data["at"], 1)
        to = [parse(v) for v in q.data["to"]]
        expected = plane.subs({X: to[0], Y: to[1]})
    elif kind == "error-scaling":
        # measure it: the error of each method for e^x at 1, at dx and dx / k
        k, dx = q.data["factor"], sp.Rational(1, 1000)
        def error(h):
            change = sp.exp(1 + h) - sp.E
            return abs(change - sp.E * h) if q.data["method"] == "linearisation" else abs(change / h - sp.E)
        measured = float(error(dx) / error(dx / k))
        assert measured == pytest.approx(q.expected, rel=0.01)
        expected = q.expected
    else:
        raise AssertionError(kind)
    assert float(expected) == pytest.approx(q.expected, rel=1e-9, abs=1e-12)
    for m in q.misconceptions:
        assert abs(float(m.answer) - float(expected)) > 1e-6 * max(1.0, abs(float(expected)))


def check_matrix(q):
    kind = q.data["kind"]
    f = parse(q.data["functions"][0])
    if kind == "gradient":
        expected = [sp.diff(f, X), sp.diff(f, Y)]
    else:
        expected = [sp.diff(f, X, X), sp.diff(f, X, Y), sp.diff(f, Y, X), sp.diff(f, Y, Y)]
    if "at" in q.data:
        at = {X: sp.nsimplify(q.data["at"][0], [sp.pi]), Y: sp.nsimplify(q.data["at"][1], [sp.pi])}
        expected = [e.subs(at) for e in expected]
    answer = parse(q.solution)
    flat = [e for row in answer for e in row] if isinstance(answer[0], list) else list(answer)
    assert len(flat) == len(expected)
    pts = [(0.3 + 0.2 * i, -0.4 + 0.15 * i) for i in range(6)]
    for a, e in zip(flat, expected):
        assert agree(sp.sympify(a), e, pts, (X, Y)), (a, e)


def has_maclaurin(f) -> bool:
    """f, f' and f'' have the same finite limit from both sides of 0."""
    xr = sp.Symbol("xr", real=True)
    g = f.subs(X, xr)
    for n in range(3):
        d = sp.diff(g, xr, n)
        left, right = sp.limit(d, xr, 0, "-"), sp.limit(d, xr, 0, "+")
        if not (left.is_finite and right.is_finite and sp.simplify(left - right) == 0):
            return False
    return True


def check_choice(q):
    kind = q.data["kind"]
    keys = q.solution.split(",")
    if kind == "taylor-choice":
        f, about = parse(q.data["f"]), parse(q.data["about"])
        expected = series_poly(f, about, q.data["order"])
        for c in q.choices:
            right = agree(parse(c.value), expected, near(about), (X,))
            assert right == (c.key in keys), (c.key, c.value, expected)
    elif kind == "has-maclaurin":
        for c, text in zip(sorted(q.choices, key=lambda c: c.key), q.data["functions"]):
            pass
        for c in q.choices:
            assert has_maclaurin(parse(c.value)) == (c.key in keys), (c.value, keys)
    elif kind == "converges-at":
        f = parse(q.data["f"])
        poly = sp.lambdify(X, series_poly(f, 0, 60))
        value = sp.lambdify(X, f)
        for c in q.choices:
            point = float(parse(c.value))
            try:
                target = complex(value(point))
                good = target.imag == 0
            except (ValueError, ZeroDivisionError):
                good = False
            converged = good and abs(poly(point) - target.real) < 1e-3
            assert converged == (c.key in keys), (c.value, keys)
    else:
        raise AssertionError(kind)


CHECKS = {"expression": check_expression, "numeric": check_numeric, "matrix": check_matrix,
          "choice": check_choice, "multi": check_choice}


@pytest.mark.parametrize("q", [p for slug in ("matching-approximations", "applying-taylor", "special-cases",
                                              "taylor-2d", "taylor-assessment") for p in questions(slug)])
def test_answer_key_matches_sympy(q):
    CHECKS[q.kind](q)


def test_every_set_climbs_with_at_least_five_templates_and_several_kinds():
    kinds = set()
    for s in M4.exercise_sets:
        assert s.size >= 5
        kinds |= {cached_question(s, i).kind for i in range(s.size)}
    assert {"expression", "numeric", "matrix", "choice", "multi"} <= kinds


def test_forgot_the_factorial_is_named():
    s = M4.exercise_set("applying-taylor")
    q = cached_question(s, 0)
    f = parse(q.data["f"])
    wrong = sum(sp.diff(f, X, n).subs(X, 0) * X**n for n in range(4))      # no n!
    verdict = mark(q, str(wrong).replace("**", "^"))
    assert not verdict.correct and "k!" in verdict.feedback


# --- linearisation: keys against sympy, and against the functions' true values -----------------------

LINEARISATION = M4.exercise_set("linearisation")


def linear_estimate(f, about, target):
    """f(a) + f'(a)(target − a), with sympy's own derivative (on the real line, so |x| has one)."""
    xr = sp.Symbol("xr", real=True)
    g = f.subs(X, xr)
    return g.subs(xr, about) + sp.diff(g, xr).subs(xr, about) * (target - about)


def check_linearisation(q):
    d = q.data
    kind = d["kind"]
    if kind == "taylor":                                   # the tangent line itself
        check_expression(q)
        f, about = parse(d["f"]), parse(d["about"])
        tangent = parse(q.solution)
        assert sp.simplify(sp.diff(tangent, X, 2)) == 0, "a straight line"
        assert float((tangent - f).subs(X, about)) == pytest.approx(0, abs=1e-12)
        assert float(sp.diff(tangent - f, X).subs(X, about)) == pytest.approx(0, abs=1e-12)
    elif kind == "approx":                                 # estimating a value
        check_numeric(q)
        f, about, at = parse(d["f"]), parse(d["about"]), parse(d["at"])
        true = float(f.subs(X, at))
        assert q.expected == pytest.approx(float(linear_estimate(f, about, at)), rel=1e-12)
        assert not mark(q, number(true, 10)).correct, "the calculator's value is not the estimate"
        assert abs(true - q.expected) <= abs(float(sp.diff(f, X, 2).subs(X, about))) * float(at - about) ** 2, \
            "the error is of the size of the dropped term"
    elif kind == "over-under":
        f, about, to = parse(d["f"]), parse(d["about"]), parse(d["to"])
        gap = float(linear_estimate(f, about, to) - f.subs(X, to))
        verdict = "exactly right" if abs(gap) < 1e-12 else ("too high" if gap > 0 else "too low")
        chosen = next(c for c in q.choices if c.key == q.solution)
        assert verdict in chosen.tex and d["verdict"] == verdict
    elif kind == "forward-difference":
        slope = np.polyfit([d["x0"], d["x1"]], [d["f0"], d["f1"]], 1)[0]
        assert q.expected == pytest.approx(slope, rel=1e-9)
    elif kind == "error-step":
        # a function whose error is exactly of the stated order: c·Δx² (linearisation of c x²) or
        # c·Δx (the forward difference of c x²), with c set by the first error
        dx1, dx2, e1 = d["dx1"], d["dx2"], d["e1"]
        if d["method"] == "linearisation":
            c = e1 / dx1**2
            error = lambda h: abs(c * (1 + h) ** 2 - (c + 2 * c * h))           # noqa: E731 (about x = 1)
        else:
            c = e1 / dx1
            error = lambda h: abs((c * (1 + h) ** 2 - c) / h - 2 * c)          # noqa: E731
        assert error(dx1) == pytest.approx(e1, rel=1e-9)
        assert q.expected == pytest.approx(error(dx2), rel=1e-9)
    elif kind == "fd-error":
        f, x0, dx = parse(d["f"]), parse(d["x0"]), d["dx"]
        fn = sp.lambdify(X, f)
        forward = (fn(float(x0) + dx) - fn(float(x0))) / dx
        actual = abs(forward - float(sp.diff(f, X).subs(X, x0)))
        assert q.expected == pytest.approx(abs(float(sp.diff(f, X, 2).subs(X, x0))) * dx / 2, rel=1e-12)
        assert mark(q, number(actual, 6)).correct, "the real error is within the tolerance of 'about'"
        for m in q.misconceptions:
            assert not mark(q, m.answer).correct
    elif kind == "plane-estimate":
        R, H = sp.symbols("r h")
        V = parse(d["f"]).subs({sp.Symbol("r"): R, sp.Symbol("h"): H})
        (r0, h0), (dr, dh) = d["at"], d["step"]
        at = {R: r0, H: h0}
        plane = sp.diff(V, R).subs(at) * dr + sp.diff(V, H).subs(at) * dh
        assert q.expected == pytest.approx(float(plane), rel=1e-12)
        exact = float(V.subs({R: r0 + dr, H: h0 + dh}) - V.subs(at))
        assert abs(exact - q.expected) < 0.1 * abs(exact) + 0.05, "a small change: the plane is close"
        for m in q.misconceptions:
            assert abs(float(m.answer) - q.expected) > 1e-3 * abs(q.expected)
    elif kind == "when-poor":
        chosen = set(q.solution.split(","))
        assert sorted(c.value for c in q.choices) == sorted("; ".join(case) for case in d["cases"])
        for c in q.choices:
            f, about, target = (parse(part) for part in c.value.split("; "))
            true = float(f.subs(X, target))
            estimate = float(linear_estimate(f, about, target))
            off = abs(estimate - true) / abs(true)
            if c.key in chosen:
                assert off > 0.1, (c.value, off)
            else:
                assert off < 0.01, (c.value, off)
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize("q", [pytest.param(Lazy(LINEARISATION, seed), id=f"linearisation-{seed}")
                               for seed in range(120)])
def test_linearisation_keys(q):
    check_linearisation(q)


def test_linearisation_set_has_its_ideas_and_module_4_its_count():
    names = [t.__name__ for t in LINEARISATION.templates]
    assert len(names) >= 5
    kinds = {cached_question(LINEARISATION, i).data["kind"] for i in range(LINEARISATION.size)}
    assert {"taylor", "approx", "forward-difference", "error-step", "plane-estimate", "when-poor"} <= kinds
    assert sum(s.size for s in M4.exercise_sets) >= 29
