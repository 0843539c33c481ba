"""Lagrange multipliers solved numerically, in the worker: scipy.optimize.root on the gradient
of the Lagrangian L(x, y, lambda) = f(x, y) - lambda g(x, y), from a ring of starting guesses.

Payload: ``{"problem": key}`` (a key of :data:`mvcalc.optimise.PROBLEMS_BY_KEY`).
Answer: ``{"solutions": [{"x", "y", "lambda", "f", "kind"}...], "starts": n}``, the distinct
roots, highest f first; ``kind`` is "maximum", "minimum" or "stationary" among them.
"""
from __future__ import annotations

import math

from mvcalc.optimise import PROBLEMS_BY_KEY, lagrangian_gradient, multiplier

STARTS = 24


def solve(key: str) -> list[dict]:
    from scipy.optimize import root

    problem = PROBLEMS_BY_KEY[key]
    grad = lagrangian_gradient(problem)
    found: list[dict] = []
    for k in range(STARTS):
        t = 2 * math.pi * (k + 0.5) / STARTS
        x, y = problem.curve(t)
        guess = [1.1 * x, 0.9 * y, multiplier(problem, x, y)]
        sol = root(grad, guess, method="hybr")
        if not sol.success:
            continue
        x, y, lam = (float(v) for v in sol.x)
        if max(abs(v) for v in grad([x, y, lam])) > 1e-9:
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


def handle(payload: dict) -> dict:
    key = str(payload.get("problem", ""))
    if key not in PROBLEMS_BY_KEY:
        raise ValueError(f"there is no constrained problem {key!r}")
    return {"problem": key, "solutions": solve(key), "starts": STARTS}
