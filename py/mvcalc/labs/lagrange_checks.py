"""Lagrange multipliers solved numerically: scipy.optimize.root on the gradient of the
Lagrangian L(x, y, lambda) = f(x, y) - lambda g(x, y), from a ring of starting guesses round
the constraint curve; and the checks of a learner's ``grad_L`` and of the solutions found.

Shared by the page's worker (:mod:`mvcalc.labs.lagrange`) and the download (inlined). Every
check is independent of the hand-written gradients: L's slopes by central differences of f
and g, the largest and smallest f on the curve by a scan of 20,000 points along it.
"""
from __future__ import annotations

import math
import random

import numpy as np

from mvcalc.labs.judge import LabChecksFailed, Result, attempt, report, show
from mvcalc.optimise import PROBLEMS_BY_KEY, Constrained, multiplier

STARTS = 24
H = 1e-6
COMPONENTS = ("∂L/∂x", "∂L/∂y", "∂L/∂λ")


def lagrangian(problem: Constrained):
    def L(v):
        x, y, lam = v
        return problem.f(x, y) - lam * problem.g(x, y)
    return L


def numerical_gradient(problem: Constrained, v) -> np.ndarray:
    """∇L at v = (x, y, λ) by central differences of f - λ g."""
    L, v = lagrangian(problem), np.asarray(v, dtype=float)
    out = np.zeros(3)
    for k in range(3):
        up, down = v.copy(), v.copy()
        up[k] += H
        down[k] -= H
        out[k] = (L(up) - L(down)) / (2 * H)
    return out


def solve(grad, problem: Constrained) -> list[dict]:
    """The distinct roots of ``grad`` (the gradient of L) found by scipy.optimize.root from
    STARTS guesses round the curve, highest f first, each labelled "maximum", "minimum" or
    "stationary" among them."""
    from scipy.optimize import root

    found: list[dict] = []
    for k in range(STARTS):
        t = 2 * math.pi * (k + 0.5) / STARTS
        x, y = problem.curve(t)
        guess = [1.1 * x, 0.9 * y, multiplier(problem, x, y)]
        sol = root(grad, guess, method="hybr")
        if not sol.success:
            continue
        x, y, lam = (float(v) for v in sol.x)
        if max(abs(float(v)) for v in grad([x, y, lam])) > 1e-9:
            continue
        if any(math.dist((x, y), (s["x"], s["y"])) < 1e-6 for s in found):
            continue
        found.append({"x": x, "y": y, "lambda": lam, "f": float(problem.f(x, y))})
    found.sort(key=lambda s: -s["f"])
    if found:
        top, bottom = found[0]["f"], found[-1]["f"]
        for s in found:
            s["kind"] = ("maximum" if abs(s["f"] - top) < 1e-6 else
                         "minimum" if abs(s["f"] - bottom) < 1e-6 else "stationary")
    return found


def scan(problem: Constrained, n: int = 20_000) -> tuple[float, float]:
    """The largest and smallest f along the constraint curve, by brute force."""
    values = [problem.f(*problem.curve(2 * math.pi * k / n)) for k in range(n)]
    return max(values), min(values)


# --- checks ----------------------------------------------------------------------------------------

def check_grad_L(grad_L, problem: Constrained, seed: int = 0, cases: int = 12) -> Result:
    """The learner's ``grad_L(v)`` against central differences of L at random (x, y, λ)."""
    rng = random.Random(seed)
    name = "grad_L"
    for _ in range(cases):
        v = [round(rng.uniform(-2, 2), 3), round(rng.uniform(-2, 2), 3), round(rng.uniform(-2, 2), 3)]
        value, error = attempt(grad_L, list(v))
        if error:
            return Result(name, False, f"At (x, y, λ) = {tuple(v)} grad_L did not return: {error}")
        try:
            got = np.asarray(value, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            return Result(name, False, f"grad_L returned {value!r}, not three numbers.")
        if got.shape != (3,):
            return Result(name, False, f"grad_L returned {got.size} numbers; return three: "
                                       "[∂L/∂x, ∂L/∂y, ∂L/∂λ].")
        expected = numerical_gradient(problem, v)
        wrong = [k for k in range(3) if not math.isclose(got[k], expected[k], rel_tol=1e-6, abs_tol=1e-6)]
        if wrong:
            plus = numerical_gradient(_plus(problem), v)
            hint = ""
            if np.allclose(got, plus, rtol=1e-6, atol=1e-6):
                hint = (" Your entries are the gradient of f + λg: the lesson writes L = f − λg (both give the "
                        "same points, with λ's sign flipped), and the checks use f − λg.")
            elif wrong == [2] and math.isclose(got[2], -expected[2], rel_tol=1e-6, abs_tol=1e-6):
                hint = " Sign slip: ∂L/∂λ = −g, since L = f − λg."
            parts = ", ".join(f"{COMPONENTS[k]} is {got[k]:.6g}, expected {expected[k]:.6g}" for k in wrong)
            return Result(name, False, f"At (x, y, λ) = {tuple(v)}: {parts} (by finite differences of L).{hint}")
    return Result(name, True, f"grad_L agrees with finite differences of L = f − λg at {cases} random points.")


def _plus(problem: Constrained) -> Constrained:
    """The same problem with the sign of g flipped, so L = f − λ(−g) = f + λg."""
    from dataclasses import replace
    return replace(problem, g=lambda x, y: -problem.g(x, y))


def check_solutions(problem: Constrained, solutions: list[dict]) -> Result:
    """The solutions found: on the curve, ∇f parallel to ∇g there (by finite differences), and
    the labelled maximum and minimum are the largest and smallest f along the whole curve."""
    name = "the solutions"
    if not solutions:
        return Result(name, False, "scipy.optimize.root found no stationary point of L.")
    for s in solutions:
        x, y = s["x"], s["y"]
        if abs(problem.g(x, y)) > 1e-8:
            return Result(name, False, f"({x:.6g}, {y:.6g}) is not on the curve: g = {problem.g(x, y):.3g}.")
        fx = (problem.f(x + H, y) - problem.f(x - H, y)) / (2 * H)
        fy = (problem.f(x, y + H) - problem.f(x, y - H)) / (2 * H)
        gx = (problem.g(x + H, y) - problem.g(x - H, y)) / (2 * H)
        gy = (problem.g(x, y + H) - problem.g(x, y - H)) / (2 * H)
        cross = fx * gy - fy * gx
        if abs(cross) > 1e-6 * max(1.0, math.hypot(fx, fy) * math.hypot(gx, gy)):
            return Result(name, False, f"At ({x:.6g}, {y:.6g}) ∇f and ∇g are not parallel (cross product {cross:.3g}).")
    top, bottom = scan(problem)
    best = max(s["f"] for s in solutions)
    worst = min(s["f"] for s in solutions)
    if abs(best - top) > 1e-6 or abs(worst - bottom) > 1e-6:
        return Result(name, False, f"The largest and smallest f found, {best:.6g} and {worst:.6g}, are not those "
                                   f"along the curve, {top:.6g} and {bottom:.6g}: some stationary point was missed.")
    return Result(name, True, f"{len(solutions)} stationary points, all on the curve with ∇f ∥ ∇g; the largest f "
                              f"({top:.6g}) and the smallest ({bottom:.6g}) agree with a scan along the curve.")


# --- the download's steps ---------------------------------------------------------------------------

PROBLEM = "x2y-circle"       # the lesson's example: x²y on x² + y² = 3


def check_and_solve(namespace: dict, key: str = PROBLEM) -> list[dict]:
    """Check the notebook's grad_L, solve with it, check the solutions, print and draw them."""
    problem = PROBLEMS_BY_KEY[key]
    if not callable(namespace.get("grad_L")):
        raise LabChecksFailed("Define grad_L(v): run the cell with your function first.")
    print(f"Checking grad_L for {problem.title} against finite differences of L:")
    first = check_grad_L(namespace["grad_L"], problem)
    if not first.passed:
        report([first])
    solutions = solve(namespace["grad_L"], problem)
    print(f"scipy.optimize.root from {STARTS} starting guesses round the curve found:")
    for s in solutions:
        print(f"  x = {s['x']:9.5f}, y = {s['y']:9.5f}, λ = {s['lambda']:9.5f}, f = {s['f']:9.5f}  ({s['kind']})")
    report([first, check_solutions(problem, solutions)], "checks")
    draw(problem, solutions)
    return solutions


def draw(problem: Constrained, solutions: list[dict]) -> None:
    import matplotlib.pyplot as plt
    x0, x1, y0, y1 = problem.box
    X, Y = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200))
    figure, ax = plt.subplots(figsize=(6.4, 5.4))
    ax.contour(X, Y, problem.f(X, Y), levels=16, cmap="RdBu_r", linewidths=0.8)
    t = np.linspace(0, 2 * np.pi, 400)
    curve = np.array([problem.curve(v) for v in t])
    ax.plot(curve[:, 0], curve[:, 1], color="#222222", linewidth=2, label="the constraint g = 0")
    for s in solutions:
        gf, gg = problem.grad_f(s["x"], s["y"]), problem.grad_g(s["x"], s["y"])
        for vector, colour in ((gf, "#0072b2"), (gg, "#d55e00")):
            size = float(np.hypot(*vector))
            if size < 1e-9:              # ∇f = 0 here: parallel to anything, no direction to draw
                continue
            ax.annotate("", xy=(s["x"] + 0.5 * vector[0] / size, s["y"] + 0.5 * vector[1] / size),
                        xytext=(s["x"], s["y"]), arrowprops={"arrowstyle": "->", "color": colour})
        ax.plot(s["x"], s["y"], "*", markersize=14, color="#f0c020", markeredgecolor="#222222")
        ax.annotate(s["kind"], (s["x"], s["y"]), textcoords="offset points", xytext=(6, 6), fontsize=8)
    ax.set_aspect("equal")
    ax.set_title(f"{problem.title}: ∇f (blue) ∥ ∇g (red) at each star")
    ax.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    show(figure, "lagrange")
