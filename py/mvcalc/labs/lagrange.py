"""Lagrange multipliers solved numerically, in the worker: scipy.optimize.root on the gradient
of the Lagrangian L(x, y, lambda) = f(x, y) - lambda g(x, y), from a ring of starting guesses
(:mod:`mvcalc.labs.lagrange_checks`, shared with the download).

Payload: ``{"problem": key}`` (a key of :data:`mvcalc.optimise.PROBLEMS_BY_KEY`).
Answer: ``{"solutions": [{"x", "y", "lambda", "f", "kind"}...], "starts": n}``, the distinct
roots, highest f first; ``kind`` is "maximum", "minimum" or "stationary" among them.
"""
from __future__ import annotations

from mvcalc.labs.lagrange_checks import STARTS, solve as solve_with
from mvcalc.optimise import PROBLEMS_BY_KEY, lagrangian_gradient

# The download's blank: the gradient of L for the lesson's example, x²y on x² + y² = 3.
STARTER = '''def grad_L(v):
    """The gradient of L(x, y, λ) = f − λ g for f = x² y and g = x² + y² − 3."""
    x, y, lam = v
    # YOUR CODE: grad_L
    # return [dL/dx, dL/dy, dL/dlambda]
    return [0.0, 0.0, 0.0]
    # END YOUR CODE
'''
ANSWERS = {"grad_L": '''return [2*x*y - lam * 2*x,      # dL/dx = f_x - lambda g_x
        x**2  - lam * 2*y,      # dL/dy = f_y - lambda g_y
        -(x**2 + y**2 - 3)]     # dL/dlambda = -g
'''}


def solve(key: str) -> list[dict]:
    problem = PROBLEMS_BY_KEY[key]
    return solve_with(lagrangian_gradient(problem), problem)


def handle(payload: dict) -> dict:
    key = str(payload.get("problem", ""))
    if key not in PROBLEMS_BY_KEY:
        raise ValueError(f"there is no constrained problem {key!r}")
    return {"problem": key, "solutions": solve(key), "starts": STARTS}
