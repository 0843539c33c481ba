"""Module 5's answer keys, recomputed independently: Newton-Raphson iterates with sympy's own
derivative in exact or high-precision arithmetic, Newton fates by a separate iteration,
Lagrange points with sympy.solve, gradient-descent steps, stability limits and Newton steps
from sympy's gradient and Hessian."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import sympy as sp

from mvcalc.course import module
from mvcalc.questions.marking import mark
from question_tools import X, Y, parse, visual_template
from every_question import lazy_question

M5 = module("m5-optimisation")
NR = M5.exercise_set("newton-raphson-1d")
CHECK = M5.exercise_set("checking-newton-raphson")
LAGRANGE = M5.exercise_set("lagrange-multipliers")
SCENARIOS = M5.exercise_set("optimisation-scenarios")
VARIANTS = 8


def questions(es):
    return [lazy_question(es, i, v) for v in range(VARIANTS) for i in range(es.size) if not visual_template(es, i)]


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
    return {c.key: c.tex or c.text for c in q.choices}[q.solution]


# --- Newton-Raphson in one dimension ---------------------------------------------------------

@pytest.mark.parametrize("q", questions(NR), ids=ids)
def test_newton_raphson_keys(q):
    if q.template == "minimum_step":      # Newton on g' = 0, with sympy's own g' and g''
        g = parse(q.data["g"])
        x1 = newton(sp.diff(g, X), q.data["x0"], 1)
        assert q.expected == pytest.approx(float(x1), rel=1e-12)
        wrong_root_finder = newton(g, q.data["x0"], 1)
        assert any(float(m.answer) == pytest.approx(float(wrong_root_finder), rel=1e-5) for m in q.misconceptions)
        return
    if q.template == "digits_double":     # count steps at 50 digits against sympy's root
        f = parse(q.data["f"])
        root = max(sp.Poly(f, X).nroots(n=50), key=lambda r: sp.re(r) if r.is_real else -1e9)
        n, x = 0, sp.Float(q.data["x0"], 50)
        while abs(x - root) >= sp.Float(q.data["tol"], 50):
            x = x - (f / sp.diff(f, X)).subs(X, x).evalf(50)
            n += 1
        assert q.expected == n
        return
    f = parse(q.data["f"])
    if q.kind == "expression":
        expected = X - f / sp.diff(f, X)
        assert sp.simplify(parse(q.solution) - expected) == 0
        for m in q.misconceptions:
            assert sp.simplify(parse(m.answer) - expected) != 0
        return
    assert f.subs(X, q.data["x0"]) != 0, "the start is already a root"
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
    elif t == "double_root":
        f = parse(q.data["f"])
        roots = sp.roots(sp.Poly(f, X))
        assert list(roots.values()) == [2], "a double root"
        assert q.expected == pytest.approx(float(newton(f, q.data["x0"], q.data["steps"])), rel=1e-12)
    elif t == "read_the_table":
        f = parse(q.data["f"])
        fate = classify(f, q.data["x0"])
        if fate == "wanders":
            assert not sp.solveset(f, X, sp.S.Reals), "no real root"
            fate = "no root"
        elif fate == "converges":
            assert abs(float(sp.N(f.subs(X, newton(f, q.data["x0"], 5))))) < 1e-6, "already close after 5 steps"
        assert fate == q.data["truth"]
        from mvcalc.questions.m5.newton_convergence import FATES
        assert right_key(q) == FATES[fate]
    else:
        pytest.fail(f"no independent check for {t}")


# --- Lagrange multipliers ------------------------------------------------------------------------

LAM = sp.Symbol("lam")


@pytest.mark.parametrize("q", questions(LAGRANGE), ids=ids)
def test_lagrange_keys(q):
    f, g = parse(q.data["f"]), parse(q.data["g"])
    if q.template == "three_variables":
        Z = sp.Symbol("z")
        L = f - LAM * g
        sols = sp.solve([sp.diff(L, v) for v in (X, Y, Z)] + [g], [X, Y, Z, LAM], dict=True)
        if q.data.get("positive"):
            sols = [s for s in sols if all(s[v].is_positive for v in (X, Y, Z))]
        values = [f.subs(s) for s in sols]
        best = max(values) if q.data["want"] == "max" else min(values)
        (optimum,) = [s for s, v in zip(sols, values) if v == best]
        assert vector(q.solution) == pytest.approx([float(optimum[v]) for v in (X, Y, Z, LAM)], abs=1e-12)
        return
    if q.template == "lagrangian_gradient":
        lam = sp.Symbol("w")           # lambda is a Python keyword: read it as w
        L = f - lam * g
        want = [sp.diff(L, v) for v in (X, Y, lam)]
        got = parse(q.solution.replace("lambda", "w"))
        assert [sp.expand(a - b) for a, b in zip(got, want)] == [0, 0, 0]
        for m in q.misconceptions:
            wrong = parse(m.answer.replace("lambda", "w"))
            assert any(sp.expand(a - b) != 0 for a, b in zip(wrong, want))
        return
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
    elif q.template == "estimate_with_lambda":
        assert len(optimal) == 1
        c = sp.Symbol("c")
        g_c = g - g.subs({X: 0, Y: 0}) - c
        sol = sp.solve([sp.diff(f - LAM * g_c, X), sp.diff(f - LAM * g_c, Y), g_c], [X, Y, LAM], dict=True)
        (best_c,) = {sp.simplify(f.subs(s_)) for s_ in sol}
        c0, dc = q.data["c"], sp.nsimplify(str(q.data["delta"]))
        assert optimal[0][LAM] == sp.diff(best_c, c).subs(c, c0)
        estimate = best_c.subs(c, c0) + sp.diff(best_c, c).subs(c, c0) * dc
        assert q.expected == pytest.approx(float(estimate), rel=1e-12)
        assert abs(q.expected - float(best_c.subs(c, c0 + dc))) < float(dc) ** 2, "a good estimate"
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
        assert {"both": "Both", "x": r"Only \(x\)", "y": r"Only \(y\)", "neither": "Neither"}[truth] in text
    elif t == "newton_quadratic":
        f = parse(q.data["f"])
        stationary = sp.solve([sp.diff(f, X), sp.diff(f, Y)], [X, Y], dict=True)[0]
        assert vector(q.solution) == pytest.approx([float(stationary[X]), float(stationary[Y])], abs=1e-12)
        assert all(e > 0 for e in sp.hessian(f, (X, Y)).eigenvals()), "it is a minimum"
    elif t == "hybrid_decision":
        J, H = sp.Matrix(q.data["J"]), sp.Matrix(q.data["H"])
        d = -(H.inv() * J)
        assert (J.T * d)[0] != 0, "a step along the contour is neither uphill nor downhill"
        if (J.T * d)[0] > 0:
            truth = "uphill"
        elif math.sqrt(float(d.dot(d))) > 2:
            truth = "long"
        else:
            truth = "fine"
        assert q.data["truth"] == truth
        words = {"uphill": "uphill", "long": "longer than 2", "fine": "points downhill"}[truth]
        assert words in right_key(q)
    elif t == "newton_not_quadratic":
        f = parse(q.data["f"])
        p = dict(zip((X, Y), q.data["start"]))
        H = sp.hessian(f, (X, Y)).subs(p)
        g = sp.Matrix([sp.diff(f, v) for v in (X, Y)]).subs(p)
        new = sp.Matrix(q.data["start"]) - H.inv() * g
        assert vector(q.solution) == pytest.approx([float(v) for v in new], abs=1e-12)
        assert any(sp.diff(f, v).subs({X: new[0], Y: new[1]}) != 0 for v in (X, Y)), "one step does not finish"
    elif t == "hybrid_step":
        J, H = np.array(q.data["J"], float), np.array(q.data["H"], float)
        d = -np.linalg.solve(H, J)
        assert abs(J @ d) > 1e-12
        ok = J @ d < 0 and np.linalg.norm(d) <= 2
        step = d if ok else -q.data["gamma"] * J
        assert vector(q.solution) == pytest.approx(list(np.array(q.data["point"]) + step), abs=1e-12)
        assert q.data["truth"] == ("fine" if ok else "uphill" if J @ d > 0 else "long")
    elif t == "where_newton_lands":
        from mvcalc.questions.m5.newton_hessian import KINDS
        f = parse(q.data["f"])
        (point,) = sp.solve([sp.diff(f, X), sp.diff(f, Y)], [X, Y], dict=True)
        assert [point[X], point[Y]] == [sp.Rational(v) for v in q.data["point"]]
        eig = np.linalg.eigvalsh(np.array(sp.hessian(f, (X, Y)).tolist(), float))
        kind = "minimum" if eig.min() > 0 else "maximum" if eig.max() < 0 else "saddle"
        assert right_key(q) == KINDS[kind]
    else:
        pytest.fail(f"no independent check for {t}")


# --- gradient descent, step by step ---------------------------------------------------------------

GD = M5.exercise_set("gradient-descent")


def exact(value):
    return sp.nsimplify(str(value))


def walk(f, start, gamma, steps, variables=(X, Y)):
    """Gradient descent with sympy's gradient, in exact arithmetic."""
    grad = [sp.diff(f, v) for v in variables]
    p = [exact(v) for v in start]
    for _ in range(steps):
        g = [gi.subs(dict(zip(variables, p))) for gi in grad]
        p = [pi - exact(gamma) * gi for pi, gi in zip(p, g)]
    return p


def descent_kind(path):
    """Diverges (the distance grows), zig-zag (y flips sign every step, shrinking) or creeps."""
    norms = [math.hypot(float(px), float(py)) for px, py in path]
    if norms[-1] > norms[0]:
        return "diverges"
    if all(float(path[i][1]) * float(path[i + 1][1]) < 0 for i in range(len(path) - 1)):
        return "zigzag"
    ratios = [float(path[i + 1][0]) / float(path[i][0]) for i in range(len(path) - 1)]
    return "creeps" if min(ratios) > 0.95 else "other"


@pytest.mark.parametrize("q", questions(GD), ids=ids)
def test_gradient_descent_keys(q):
    from mvcalc.questions.m5 import gradient_descent as gd
    t = q.template
    if t in ("gd_1d_step", "gd_factor_after_n"):
        f = parse(q.data["f"])
        (value,) = walk(f, [q.data["x0"]], q.data["gamma"], q.data["steps"], variables=(X,))
        assert q.expected == pytest.approx(float(value), rel=1e-12, abs=1e-12)
        if t == "gd_1d_step":
            assert f.subs(X, value) < f.subs(X, q.data["x0"]), "one small step goes downhill"
    elif t == "gd_when_to_stop":
        truth = {text: ok for ok, text, _ in gd.STOPPING}
        assert q.solution == ",".join(sorted(c.key for c in q.choices if truth[c.text]))
    elif t == "gd_2d_step":
        f = parse(q.data["f"])
        assert vector(q.solution) == pytest.approx([float(v) for v in walk(f, q.data["start"], q.data["gamma"], 1)],
                                                   abs=1e-12)
    elif t == "gd_angle_to_minimum":
        f = parse(q.data["f"])
        p = q.data["point"]
        down = -np.array([float(sp.diff(f, v).subs({X: p[0], Y: p[1]})) for v in (X, Y)])
        home = -np.array(p, float)
        (minimum,) = sp.solve([sp.diff(f, X), sp.diff(f, Y)], [X, Y], dict=True)
        assert (float(minimum[X]), float(minimum[Y])) == (0.0, 0.0)
        angle = np.degrees(np.arccos(down @ home / np.linalg.norm(down) / np.linalg.norm(home)))
        assert q.expected == pytest.approx(angle, abs=1e-9)
        assert mark(q, str(round(angle))).correct, "the nearest degree is accepted"
    elif t == "gd_diagnose_run":
        f = parse(q.data["f"])
        path = [walk(f, q.data["start"], q.data["gamma"], n) for n in range(6)]
        kind = descent_kind(path)
        assert kind == q.data["truth"]
        assert right_key(q) == gd.DIAGNOSES[kind]
        last = re.findall(r"5 & (\S+) & (\S+) & (\S+) \\end", q.prompt)[0]
        assert [float(v) for v in last] == pytest.approx(
            [float(path[5][0]), float(path[5][1]), float(f.subs({X: path[5][0], Y: path[5][1]}))], rel=1e-3)
    elif t == "gd_steps_to_converge":
        f = parse(q.data["f"])
        x, n = exact(q.data["x0"]), 0
        while abs(x) >= exact(q.data["tol"]):
            (x,) = walk(f, [x], q.data["gamma"], 1, variables=(X,))
            n += 1
        assert q.expected == n
    elif t in ("gd_largest_gamma_coupled", "gd_best_gamma"):
        f = parse(q.data["f"])
        eig = np.linalg.eigvalsh(np.array(sp.hessian(f, (X, Y)).tolist(), float))
        if t == "gd_largest_gamma_coupled":
            assert q.expected == pytest.approx(2 / eig.max(), rel=1e-12)
            gx, gy = (sp.lambdify((X, Y), sp.diff(f, v)) for v in (X, Y))
            for gamma, ok in ((0.98 * q.expected, True), (1.02 * q.expected, False)):
                p = [1.0, 0.3]
                for _ in range(3000):
                    p = [p[0] - gamma * gx(*p), p[1] - gamma * gy(*p)]
                assert (max(map(abs, p)) < 1) == ok
        else:
            gammas = np.linspace(1e-4, 2 / eig.max(), 200001)
            worst = np.max(np.abs(1 - np.outer(gammas, eig)), axis=1)
            assert q.expected == pytest.approx(gammas[np.argmin(worst)], abs=2e-5)
    elif t == "descent_code":
        for case, (a, b, c, d, e, x0, y0, gamma, steps) in zip(q.cases, q.data["cases"]):
            f = a * X**2 + b * X * Y + c * Y**2 + d * X + e * Y
            grad = sp.lambdify((X, Y), [sp.diff(f, X), sp.diff(f, Y)])
            p = np.array([x0, y0], float)
            for _ in range(steps):
                p = p - gamma * np.array(grad(*p))
            assert case.expected == pytest.approx(list(p), rel=1e-9, abs=1e-9)
            shown = re.search(r"= \((.*), (.*)\), x0", case.describe).groups()
            assert [sp.expand(parse(s) - sp.diff(f, v)) for s, v in zip(shown, (X, Y))] == [0, 0]
            assert np.linalg.eigvalsh(np.array(sp.hessian(f, (X, Y)).tolist(), float)).min() > 0, "a bowl"
        assert mark(q, q.solution).correct
        for m in q.misconceptions:
            verdict = mark(q, m.answer)
            assert not verdict.correct and verdict.feedback == m.feedback
    else:
        pytest.fail(f"no independent check for {t}")
