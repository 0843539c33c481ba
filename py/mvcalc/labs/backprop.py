"""Lab: backpropagation. A 1-6-7-2 sigmoid network learns to draw a heart.

The learner writes the Jacobians of the cost with respect to each weight matrix and
bias vector (``J_W3(x, y)`` ... ``J_b1(x, y)``), using the forward pass the starter
code gives.  This module runs that code through :mod:`mvcalc.questions.code_runner`
(its namespace and step/time budget), in the checker worker:

- ``{"action": "check", "code": ...}``: each Jacobian on a few random networks against
  central finite differences of the cost; names the wrong ones and by how much.
- ``{"action": "train", "code": ... | "reference": true, "state": ..., "steps": n}``:
  ``n`` steps of gradient descent from ``state`` (weights as lists; none = a fresh
  seeded network); returns the new state, the cost after every step and the network's
  output curve, so the page can animate the curve turning into a heart.

Conventions (as in the Imperial College / Coursera lab): inputs are a row ``x`` of
shape (1, N), targets ``y`` of shape (2, N), activations column by column,
``C = (1/N) * sum over points of |a3 - y|^2``.
"""
from __future__ import annotations

import math

import numpy as np

from mvcalc.questions import code_runner

SHAPES = {"W1": (6, 1), "b1": (6, 1), "W2": (7, 6), "b2": (7, 1), "W3": (2, 7), "b3": (2, 1)}
ORDER = ("W3", "b3", "W2", "b2", "W1", "b1")     # the order the learner writes them in
N_POINTS = 100
STEP = 7.0               # gradient descent's step size ("aggression" in the original lab)
CHECK_SEEDS = (11, 23, 37)
REL_TOL = 1e-4           # a Jacobian agrees with finite differences within this (relative)
MAX_STEPS = 2000         # per train request

PRELUDE = '''\
# Given: the network and its forward pass (do not change these).
# W1, b1, W2, b2, W3, b3 are set by the lab before your functions are called.

sigma = lambda z: 1 / (1 + np.exp(-z))
d_sigma = lambda z: np.cosh(z / 2) ** (-2) / 4      # sigma'(z) = sigma(z) (1 - sigma(z))


def network_function(a0):
    z1 = W1 @ a0 + b1
    a1 = sigma(z1)
    z2 = W2 @ a1 + b2
    a2 = sigma(z2)
    z3 = W3 @ a2 + b3
    a3 = sigma(z3)
    return a0, z1, a1, z2, a2, z3, a3


def cost(x, y):
    return np.linalg.norm(network_function(x)[-1] - y) ** 2 / x.size

'''

STARTER = PRELUDE + '''
# Your part: the Jacobian of the cost with respect to each parameter.
# x is a row of inputs (shape 1 x N), y the targets (2 x N); divide by x.size
# to average over the N points. Each function returns an array shaped like
# its parameter (J_W3 like W3, 2 x 7; J_b3 like b3, 2 x 1; and so on).

def J_W3(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    J = 2 * (a3 - y)          # dC/da3, for each point
    J = J * d_sigma(z3)       # times da3/dz3
    J = J @ a2.T / x.size     # times dz3/dW3 = a2, summed over the points
    return J


def J_b3(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    # your code here: like J_W3, but dz3/db3 = 1
    return np.zeros_like(b3)


def J_W2(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    # your code here: dC/da2 = W3.T @ (2 (a3 - y) * d_sigma(z3)), then on through z2
    return np.zeros_like(W2)


def J_b2(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    # your code here
    return np.zeros_like(b2)


def J_W1(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    # your code here: one more layer back, through W2 and z1
    return np.zeros_like(W1)


def J_b1(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    # your code here
    return np.zeros_like(b1)
'''

REFERENCE = PRELUDE + '''
def J_W3(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    J = 2 * (a3 - y) * d_sigma(z3)
    return J @ a2.T / x.size


def J_b3(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    J = 2 * (a3 - y) * d_sigma(z3)
    return np.sum(J, axis=1, keepdims=True) / x.size


def J_W2(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    J = 2 * (a3 - y) * d_sigma(z3)
    J = (W3.T @ J) * d_sigma(z2)
    return J @ a1.T / x.size


def J_b2(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    J = 2 * (a3 - y) * d_sigma(z3)
    J = (W3.T @ J) * d_sigma(z2)
    return np.sum(J, axis=1, keepdims=True) / x.size


def J_W1(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    J = 2 * (a3 - y) * d_sigma(z3)
    J = (W3.T @ J) * d_sigma(z2)
    J = (W2.T @ J) * d_sigma(z1)
    return J @ a0.T / x.size


def J_b1(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    J = 2 * (a3 - y) * d_sigma(z3)
    J = (W3.T @ J) * d_sigma(z2)
    J = (W2.T @ J) * d_sigma(z1)
    return np.sum(J, axis=1, keepdims=True) / x.size
'''


# --- the data and the network, in plain numpy (the independent side of every check) -----

def heart(t):
    """The heart curve at angle(s) t, scaled into [-1, 1] (before the (y + 1)/2 map)."""
    t = np.asarray(t, dtype=float)
    return np.array([16 * np.sin(t) ** 3,
                     13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t)]) / 20


def training_data():
    """x: (1, 100) row 0, 0.01, ..., 0.99; y: (2, 100), the heart mapped into (0, 1)."""
    x = np.arange(N_POINTS, dtype=float).reshape(1, -1) / N_POINTS
    y = (heart(2 * np.pi * x[0]) + 1) / 2
    return x, y


def sigma(z):
    return 1 / (1 + np.exp(-z))


def forward(params: dict, a0):
    z1 = params["W1"] @ a0 + params["b1"]
    a1 = sigma(z1)
    z2 = params["W2"] @ a1 + params["b2"]
    a2 = sigma(z2)
    z3 = params["W3"] @ a2 + params["b3"]
    a3 = sigma(z3)
    return a0, z1, a1, z2, a2, z3, a3


def cost(params: dict, x, y) -> float:
    return float(np.sum((forward(params, x)[-1] - y) ** 2) / x.size)


def random_network(seed: int) -> dict:
    """Weights and biases drawn as in the original lab: standard normal, halved."""
    rng = np.random.default_rng(seed)
    return {name: rng.standard_normal(shape) / 2 for name, shape in SHAPES.items()}


def numerical_jacobian(params: dict, name: str, x, y, h: float = 1e-6) -> np.ndarray:
    """dC/d(params[name]) by central differences, entry by entry."""
    out = np.zeros(SHAPES[name])
    for index in np.ndindex(*SHAPES[name]):
        saved = params[name][index]
        params[name][index] = saved + h
        up = cost(params, x, y)
        params[name][index] = saved - h
        down = cost(params, x, y)
        params[name][index] = saved
        out[index] = (up - down) / (2 * h)
    return out


# --- the learner's code ---------------------------------------------------------------

class CodeProblem(Exception):
    """The learner's code cannot be used (it does not load, or a function is missing)."""


def _load(source: str, budget: code_runner.Budget) -> dict:
    """The learner's six functions, loaded in code_runner's namespace; their shared globals."""
    loaded = code_runner.load(source, "J_W3", budget)
    if loaded.function is None:
        raise CodeProblem(loaded.error)
    env = loaded.function.__globals__
    missing = [f"J_{name}" for name in ORDER if not callable(env.get(f"J_{name}"))]
    if missing:
        raise CodeProblem("Define " + ", ".join(missing) + " (each as def J_...(x, y):).")
    if not callable(env.get("network_function")):
        raise CodeProblem("The given network_function is missing: put the starter code's first part back.")
    return env


def _set_network(env: dict, params: dict) -> None:
    for name, value in params.items():
        env[name] = value.copy()


def _as_array(value, shape) -> tuple[np.ndarray | None, str]:
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError):
        return None, f"returned {type(value).__name__}, not an array of numbers"
    if array.shape != shape:
        return None, (f"returned an array of shape {array.shape}, but it must have the shape of "
                      f"its parameter, {shape}")
    if not np.all(np.isfinite(array)):
        return None, "returned nan or infinite values"
    return array, ""


def _fmt(v: float) -> str:
    return f"{v:.3g}"


def check(source: str) -> dict:
    """Each learner Jacobian against finite differences on a few random networks."""
    budget = code_runner.Budget(time_limit=6.0)
    try:
        env = _load(source, budget)
    except CodeProblem as problem:
        return {"ok": False, "message": str(problem), "results": []}
    x, y = training_data()
    results = {name: {"name": f"J_{name}", "ok": True, "message": ""} for name in ORDER}
    for seed in CHECK_SEEDS:
        params = random_network(seed)
        for name in ORDER:
            row = results[name]
            if not row["ok"]:
                continue
            _set_network(env, params)
            out = code_runner.call(env[f"J_{name}"], (x.copy(), y.copy()), budget, source)
            if out.error:
                row.update(ok=False, message=f"J_{name} did not return: {out.error}")
                continue
            got, problem = _as_array(out.value, SHAPES[name])
            if problem:
                row.update(ok=False, message=f"J_{name} {problem}.")
                continue
            expected = numerical_jacobian(params, name, x, y)
            gap = float(np.max(np.abs(got - expected)))
            size = float(np.max(np.abs(expected)))
            if gap > REL_TOL * max(size, 1e-3):
                ratio = float(np.sum(got * expected) / np.sum(expected * expected)) if size else float("nan")
                hint = ""
                if not np.any(got):
                    hint = " It is all zeros: is it still the starter's placeholder?"
                elif math.isfinite(ratio) and abs(ratio) > 1e-9 and np.allclose(got, ratio * expected,
                                                                              rtol=1e-3, atol=1e-9):
                    hint = f" It is {_fmt(ratio)} times the right answer: a constant factor is off."
                elif np.allclose(got, -expected, rtol=1e-3, atol=1e-9):
                    hint = " It has the wrong sign."
                row.update(ok=False, message=(
                    f"J_{name} is wrong: on a random network (seed {seed}) its entries differ from the "
                    f"finite-difference slopes of the cost by up to {_fmt(gap)} (the largest entry is "
                    f"{_fmt(size)}).{hint}"), gap=gap, size=size)
    rows = [results[name] for name in ORDER]
    for row in rows:
        if row["ok"]:
            row["message"] = (f"J_{row['name'][2:]} agrees with finite differences on "
                              f"{len(CHECK_SEEDS)} random networks.")
    wrong = [row["name"] for row in rows if not row["ok"]]
    ok = not wrong
    message = ("All six Jacobians agree with finite differences. Now train the network."
               if ok else f"{len(wrong)} of 6 Jacobians need work: {', '.join(wrong)}.")
    return {"ok": ok, "message": message, "results": rows}


# --- training ---------------------------------------------------------------------------

def _params_from(state) -> dict:
    if not state:
        return random_network(2)
    params = {}
    for name, shape in SHAPES.items():
        array = np.array(state[name], dtype=float)
        if array.shape != shape:
            raise ValueError(f"state {name} has shape {array.shape}, expected {shape}")
        params[name] = array
    return params


def curve(params: dict, x) -> list[list[float]]:
    out = forward(params, x)[-1]
    return [[round(float(v), 5) for v in row] for row in out]


def reference_jacobians(params: dict, x, y) -> dict:
    """The six Jacobians in plain numpy (the reference the learner's code is compared with)."""
    a0, z1, a1, z2, a2, z3, a3 = forward(params, x)
    n = x.size
    d3 = 2 * (a3 - y) * a3 * (1 - a3)
    d2 = (params["W3"].T @ d3) * a2 * (1 - a2)
    d1 = (params["W2"].T @ d2) * a1 * (1 - a1)
    return {"W3": d3 @ a2.T / n, "b3": d3.sum(axis=1, keepdims=True) / n,
            "W2": d2 @ a1.T / n, "b2": d2.sum(axis=1, keepdims=True) / n,
            "W1": d1 @ a0.T / n, "b1": d1.sum(axis=1, keepdims=True) / n}


def train(payload: dict) -> dict:
    steps = max(1, min(int(payload.get("steps", 200)), MAX_STEPS))
    step_size = float(payload.get("step_size", STEP))
    params = _params_from(payload.get("state"))
    x, y = training_data()
    costs = []
    if payload.get("reference"):
        for _ in range(steps):
            grads = reference_jacobians(params, x, y)
            for name in ORDER:
                params[name] = params[name] - step_size * grads[name]
            costs.append(cost(params, x, y))
    else:
        source = str(payload.get("code", ""))
        budget = code_runner.Budget(time_limit=8.0, step_limit=20_000_000)
        try:
            env = _load(source, budget)
        except CodeProblem as problem:
            return {"ok": False, "message": str(problem)}
        for i in range(steps):
            _set_network(env, params)
            grads = {}
            for name in ORDER:
                out = code_runner.call(env[f"J_{name}"], (x, y), budget, source)
                if out.error:
                    return {"ok": False, "message": f"J_{name} did not return at step {i + 1}: {out.error}"}
                got, problem = _as_array(out.value, SHAPES[name])
                if problem:
                    return {"ok": False, "message": f"J_{name} {problem}."}
                grads[name] = got
            for name in ORDER:
                params[name] = params[name] - step_size * grads[name]
            costs.append(cost(params, x, y))
    return {"ok": True, "state": {k: v.tolist() for k, v in params.items()},
            "costs": [round(c, 7) for c in costs], "curve": curve(params, x)}


def start(payload: dict) -> dict:
    """A fresh network (seeded), its curve and cost, and the target heart."""
    params = random_network(int(payload.get("seed", 2)))
    x, y = training_data()
    return {"ok": True, "state": {k: v.tolist() for k, v in params.items()}, "cost": cost(params, x, y),
            "curve": curve(params, x), "target": [[round(float(v), 5) for v in row] for row in y]}


def handle(payload: dict) -> dict:
    action = payload.get("action")
    if action == "check":
        return check(str(payload.get("code", "")))
    if action == "train":
        return train(payload)
    if action == "start":
        return start(payload)
    if action == "starter":
        return {"starter": STARTER, "reference": REFERENCE}
    raise ValueError(f"the backprop lab has no action {action!r}")
