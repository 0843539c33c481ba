"""Module 5's answer keys, recomputed independently: Newton-Raphson iterates with sympy's own
derivative in exact or high-precision arithmetic, Newton fates by a separate iteration,
Lagrange points with sympy.solve, gradient-descent steps, stability limits and Newton steps
from sympy's gradient and Hessian."""
from __future__ import annotations

import math
import re

import pytest
import sympy as sp

from mvcalc.course import module
from question_tools import X, Y, parse

M5 = module("m5-optimisation")
NR = M5.exercise_set("newton-raphson-1d")
CHECK = M5.exercise_set("checking-newton-raphson")
LAGRANGE = M5.exercise_set("lagrange-multipliers")
SCENARIOS = M5.exercise_set("optimisation-scenarios")
VARIANTS = 8


def questions(es):
    return [es.question(i, v) for v in range(VARIANTS) for i in range(es.size)]


def ids(q):
    return f"{q.template}-{q.seed}"


def newton(f, x0, steps):
    """Iterates of Newton-Raphson with sympy's derivative, at 30 digits."""
    df = sp.diff(f, X)
    x = sp.Float(x0, 30)
    for _ in range(steps):
        x = x - (f / df).subs(X, x).evalf(30)
    return x


def vector(text):
    return [complex(sp.N(v)).real for v in parse(text)]


def right_key(q):
    """The text of the option the key names (choice), or the set of keys (multi)."""
    return {c.key: c.tex for c in q.choices}[q.solution]


# --- Newton-Raphson in one dimension ---------------------------------------------------------

@pytest.mark.parametrize("q", questions(NR), ids=ids)
def test_newton_raphson_keys(q):
    f = parse(q.data["f"])
    if q.kind == "expression":
        expected = X - f / sp.diff(f, X)
        assert sp.simplify(parse(q.solution) - expected) == 0
        for m in q.misconceptions:
            assert sp.simplify(parse(m.answer) - expected) != 0
        return
    value = newton(f, q.data["x0"], q.data["steps"])
    assert q.expected == pytest.approx(float(value), rel=1e-9)
    assert float(sp.N(parse(q.solution))) == pytest.approx(float(value), abs=q.tolerance)
    if q.template == "iterate_to_root":
        assert abs(float(f.subs(X, value))) < 1e-9, "it is a root"
    for m in q.misconceptions:
        assert not math.isclose(float(m.answer), q.expected, abs_tol=q.tolerance)


# --- checking Newton-Raphson -------------------------------------------------------------------

def classify(f, x0, steps=80):
    df = sp.lambdify(X, sp.diff(f, X), "mpmath")
    fn = sp.lambdify(X, f, "mpmath")
    import mpmath
    mpmath.mp.dps = 30
    x = mpmath.mpf(x0)
    xs = [x]
    for _ in range(steps):
        d = df(x)
        if d == 0:
            return "flat"
        x = x - fn(x) / d
        if abs(x) > 1e8:
            return "diverges"
        xs.append(x)
    if abs(fn(x)) < 1e-20:
        return "converges"
    if abs(xs[-1] - xs[-3]) < 1e-20:
        return "cycle"
    return "wanders"


@pytest.mark.parametrize("q", questions(CHECK), ids=ids)
def test_checking_newton_keys(q):
    t = q.template
    if t == "the_cycle":
        f = parse(q.data["f"])
        assert classify(f, q.data["x0"]) == "cycle"
        assert "cycles" in right_key(q)
        s = q.data["x0"]
        assert newton(f, s, 1) == pytest.approx(s + 1) and newton(f, s, 2) == pytest.approx(s)
    elif t == "which_starts_converge":
        f = parse(q.data["f"])
        want = sorted(c.key for c in q.choices
                      if classify(f, float(re.search(r"= (-?[\d.]+)", c.tex).group(1))) == "converges")
        assert q.solution == ",".join(want)
        for c in q.choices:
            start = float(re.search(r"= (-?[\d.]+)", c.tex).group(1))
            if abs(start) == 1:
                assert c.key not in q.solution.split(","), "f' = 0 at ±1: no step"
    elif t == "doubling":
        # x^(1/3) for real x: sign(x)|x|^(1/3); its f/f' is 3x exactly
        x0 = q.data["x0"]
        x = sp.Rational(str(x0))
        u = sp.Symbol("u", positive=True)
        ratio = sp.simplify(u ** sp.Rational(1, 3) / sp.diff(u ** sp.Rational(1, 3), u))
        assert ratio == 3 * u
        for _ in range(q.data["steps"]):
            x = x - 3 * x
        assert q.expected == pytest.approx(float(x))
    elif t == "jump_root":
        x0 = q.data["x0"]
        root = newton(sp.sin(X), x0, 60)
        assert abs(float(sp.sin(root))) < 1e-12
        assert q.expected == pytest.approx(float(root), abs=1e-9)
        k = round(float(root) / math.pi)
        assert abs(float(root) - k * math.pi) < 1e-12 and k != round(x0 / math.pi)
    elif t == "cycle_start":
        f = parse(q.data["f"])
        assert q.expected == pytest.approx(float(newton(f, q.data["x0"], 2)), abs=1e-12)
        assert q.expected == pytest.approx(q.data["x0"])
    else:
        pytest.fail(f"no independent check for {t}")


# --- Lagrange multipliers ------------------------------------------------------------------------

LAM = sp.Symbol("lam")


@pytest.mark.parametrize("q", questions(LAGRANGE), ids=ids)
def test_lagrange_keys(q):
    f, g = parse(q.data["f"]), parse(q.data["g"])
    L = f - LAM * g
    sols = sp.solve([sp.diff(L, X), sp.diff(L, Y), g], [X, Y, LAM], dict=True)
    real = [s for s in sols if all(v.is_real for v in s.values())]
    values = [float(f.subs(s)) for s in real]
    best = max(values) if q.data["want"] == "max" else min(values)
    optimal = [s for s, v in zip(real, values) if abs(v - best) < 1e-12]
    if q.kind == "matrix":
        answer = vector(q.solution)
        assert any(all(abs(a - float(s[k])) < 1e-12 for a, k in zip(answer, (X, Y, LAM))) for s in optimal), \
            (answer, optimal)
        for m in q.misconceptions:
            wrong = vector(m.answer)
            assert not all(abs(a - b) < 1e-9 for a, b in zip(wrong, answer))
    elif q.template == "cubic_on_circle":
        assert q.expected == pytest.approx(best, rel=1e-12)
    elif q.template == "multiplier_meaning":
        assert len(optimal) == 1
        assert q.expected == pytest.approx(float(optimal[0][LAM]), rel=1e-12)
        # lambda is d(best f)/dc: re-solve with c + h
        c = sp.Symbol("c")
        g_c = g - g.subs({X: 0, Y: 0}) - c        # x + y - c
        c0 = -float(g.subs({X: 0, Y: 0}))
        sol = sp.solve([sp.diff(f - LAM * g_c, X), sp.diff(f - LAM * g_c, Y), g_c], [X, Y, LAM], dict=True)[0]
        best_c = f.subs(sol)
        assert float(sp.diff(best_c, c).subs(c, c0)) == pytest.approx(q.expected, rel=1e-12)
    else:
        pytest.fail(f"no independent check for {q.template}")


# --- scenarios ------------------------------------------------------------------------------------

@pytest.mark.parametrize("q", questions(SCENARIOS), ids=ids)
def test_scenario_keys(q):
    t = q.template
    if t == "gd_step":
        f = parse(q.data["f"])
        p = dict(zip((X, Y), q.data["start"]))
        grad = [float(sp.diff(f, v).subs(p)) for v in (X, Y)]
        expected = [q.data["start"][i] - q.data["gamma"] * grad[i] for i in range(2)]
        assert vector(q.solution) == pytest.approx(expected, abs=1e-12)
    elif t == "largest_gamma":
        f = parse(q.data["f"])
        H = sp.hessian(f, (X, Y))
        L = max(H.eigenvals())
        assert q.expected == pytest.approx(float(2 / L), rel=1e-12)
        # simulate with sympy's gradient: just below converges, just above diverges
        gx, gy = (sp.lambdify((X, Y), sp.diff(f, v)) for v in (X, Y))
        for gamma, ok in ((0.98 * q.expected, True), (1.02 * q.expected, False)):
            p = [1.0, 1.0]
            for _ in range(2000):
                p = [p[0] - gamma * gx(*p), p[1] - gamma * gy(*p)]
            assert (max(map(abs, p)) < 1) == ok
    elif t == "zigzag":
        f = parse(q.data["f"])
        gamma = q.data["gamma"]
        p = [1.0, 1.0]
        signs = []
        for _ in range(4):
            g = [float(sp.diff(f, v).subs({X: p[0], Y: p[1]})) for v in (X, Y)]
            p = [p[0] - gamma * g[0], p[1] - gamma * g[1]]
            signs.append([math.copysign(1, v) for v in p])
        flips = [any(signs[i][k] != signs[i + 1][k] for i in range(3)) for k in range(2)]
        truth = {(True, True): "both", (True, False): "x", (False, True): "y", (False, False): "neither"}[tuple(flips)]
        assert q.data["truth"] == truth
        text = right_key(q)
        assert {"both": "Both", "x": r"\text{Only } x", "y": r"\text{Only } y", "neither": "Neither"}[truth] in text
    elif t == "newton_quadratic":
        f = parse(q.data["f"])
        stationary = sp.solve([sp.diff(f, X), sp.diff(f, Y)], [X, Y], dict=True)[0]
        assert vector(q.solution) == pytest.approx([float(stationary[X]), float(stationary[Y])], abs=1e-12)
        assert all(e > 0 for e in sp.hessian(f, (X, Y)).eigenvals()), "it is a minimum"
    elif t == "hybrid_decision":
        J, H = sp.Matrix(q.data["J"]), sp.Matrix(q.data["H"])
        d = -(H.inv() * J)
        if (J.T * d)[0] >= 0:
            truth = "uphill"
        elif math.sqrt(float(d.dot(d))) > 2:
            truth = "long"
        else:
            truth = "fine"
        assert q.data["truth"] == truth
        words = {"uphill": "uphill", "long": "longer than 2", "fine": "points downhill"}[truth]
        assert words in right_key(q)
    else:
        pytest.fail(f"no independent check for {t}")
