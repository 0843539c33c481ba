"""The backpropagation lab's data, network and checks, shared by the page's worker
(:mod:`mvcalc.labs.backprop` hands in the learner's Jacobians, guarded by code_runner) and the
download (this module is inlined and given the notebook's own functions).

A 1-6-7-2 sigmoid network learns to draw a heart. Conventions (as in the Imperial College /
Coursera lab): inputs are a row ``x`` of shape (1, N), targets ``y`` of shape (2, N),
activations column by column, ``C = (1/N) * sum over points of |a3 - y|^2``. The learner's
``J_W3(x, y)`` ... ``J_b1(x, y)`` read the network's weights from their globals, which the
checks set (``set_network``) before each call.
"""
from __future__ import annotations

import math

import numpy as np

from mvcalc.labs.judge import CodeFailed, LabChecksFailed, Result, attempt, missing, report, show

SHAPES = {"W1": (6, 1), "b1": (6, 1), "W2": (7, 6), "b2": (7, 1), "W3": (2, 7), "b3": (2, 1)}
ORDER = ("W3", "b3", "W2", "b2", "W1", "b1")     # the order the learner writes them in
N_POINTS = 100
STEP = 7.0               # gradient descent's step size ("aggression" in the original lab)
CHECK_SEEDS = (11, 23, 37)
REL_TOL = 1e-4           # a Jacobian agrees with finite differences within this (relative)
START_SEED = 2           # the network the page and the download start training from
TRAIN_STEPS = 4000       # the download's training run
TRAINED_COST = 0.005     # ... must bring the cost below this (the reference: 0.25 -> 0.0022)


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


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(params: dict, a0):
    z1 = params["W1"] @ a0 + params["b1"]
    a1 = sigmoid(z1)
    z2 = params["W2"] @ a1 + params["b2"]
    a2 = sigmoid(z2)
    z3 = params["W3"] @ a2 + params["b3"]
    a3 = sigmoid(z3)
    return a0, z1, a1, z2, a2, z3, a3


def network_cost(params: dict, x, y) -> float:
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
        up = network_cost(params, x, y)
        params[name][index] = saved - h
        down = network_cost(params, x, y)
        params[name][index] = saved
        out[index] = (up - down) / (2 * h)
    return out


def reference_jacobians(params: dict, x, y) -> dict:
    """The six Jacobians in plain numpy (what a correct answer computes)."""
    a0, z1, a1, z2, a2, z3, a3 = forward(params, x)
    n = x.size
    d3 = 2 * (a3 - y) * a3 * (1 - a3)
    d2 = (params["W3"].T @ d3) * a2 * (1 - a2)
    d1 = (params["W2"].T @ d2) * a1 * (1 - a1)
    return {"W3": d3 @ a2.T / n, "b3": d3.sum(axis=1, keepdims=True) / n,
            "W2": d2 @ a1.T / n, "b2": d2.sum(axis=1, keepdims=True) / n,
            "W1": d1 @ a0.T / n, "b1": d1.sum(axis=1, keepdims=True) / n}


# --- judging the learner's Jacobians ---------------------------------------------------------

def as_array(value, shape) -> tuple[np.ndarray | None, str]:
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


def check_jacobians(functions: dict, set_network) -> list[Result]:
    """Each of the learner's ``J_<name>(x, y)`` (in ``functions``) against central differences of
    the cost, on a few random networks; ``set_network(params)`` puts a network where the learner's
    functions read it. One Result per Jacobian, in the order the learner writes them."""
    x, y = training_data()
    failed: dict[str, str] = {}
    for seed in CHECK_SEEDS:
        params = random_network(seed)
        for name in ORDER:
            label = f"J_{name}"
            if label in failed:
                continue
            set_network({k: v.copy() for k, v in params.items()})
            value, error = attempt(functions[label], x.copy(), y.copy())
            if error:
                failed[label] = f"{label} did not return: {error}"
                continue
            got, problem = as_array(value, SHAPES[name])
            if problem:
                failed[label] = f"{label} {problem}."
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
                failed[label] = (f"{label} is wrong: on a random network (seed {seed}) its entries differ from "
                                 f"the finite-difference slopes of the cost by up to {_fmt(gap)} (the largest "
                                 f"entry is {_fmt(size)}).{hint}")
    return [Result(f"J_{name}", False, failed[f"J_{name}"]) if f"J_{name}" in failed else
            Result(f"J_{name}", True, f"J_{name} agrees with finite differences on {len(CHECK_SEEDS)} random networks.")
            for name in ORDER]


def train(jacobians, params: dict, steps: int, step_size: float = STEP) -> tuple[dict, list[float], str]:
    """``steps`` of gradient descent with ``jacobians(params) -> {name: gradient}`` (which may raise
    with a message). Returns the new network, the cost after each step, and "" or why it stopped."""
    params = {k: np.array(v, dtype=float) for k, v in params.items()}
    x, y = training_data()
    costs: list[float] = []
    for i in range(steps):
        grads, error = attempt(jacobians, params)
        if error:
            return params, costs, f"at step {i + 1}, {error}"
        for name in ORDER:
            params[name] = params[name] - step_size * grads[name]
        costs.append(network_cost(params, x, y))
    return params, costs, ""


def learner_jacobians(functions: dict, set_network):
    """The learner's six functions as one ``jacobians(params)`` for :func:`train`."""
    x, y = training_data()

    def jacobians(params: dict) -> dict:
        set_network({k: v.copy() for k, v in params.items()})
        grads = {}
        for name in ORDER:
            value, error = attempt(functions[f"J_{name}"], x, y)
            if error:
                raise CodeFailed(f"J_{name} did not return: {error}")
            got, problem = as_array(value, SHAPES[name])
            if problem:
                raise CodeFailed(f"J_{name} {problem}.")
            grads[name] = got
        return grads
    return jacobians


# --- the download's two steps: check, then train and draw ----------------------------------------

def _notebook(namespace: dict):
    names = [f"J_{name}" for name in ORDER]
    absent = missing(namespace, names + ["network_function"])
    if absent:
        raise LabChecksFailed("Define " + ", ".join(absent) + ": run the cell with the network and your "
                              "Jacobians first.")

    def set_network(params: dict) -> None:
        namespace.update(params)
    return {name: namespace[name] for name in names}, set_network


def check_my_jacobians(namespace: dict) -> None:
    """Check the notebook's six Jacobians against finite differences; raise naming the wrong ones."""
    functions, set_network = _notebook(namespace)
    print(f"Checking your Jacobians against finite differences of the cost on {len(CHECK_SEEDS)} random networks:")
    report(check_jacobians(functions, set_network), "Jacobians")


def train_and_draw(namespace: dict, steps: int = TRAIN_STEPS) -> None:
    """Train the network with the notebook's Jacobians, check the cost falls, draw the heart."""
    functions, set_network = _notebook(namespace)
    x, y = training_data()
    start = random_network(START_SEED)
    print(f"Training with your Jacobians: {steps} steps of gradient descent, step size {STEP:g}…")
    params, costs, error = train(learner_jacobians(functions, set_network), start, steps)
    if error:
        raise LabChecksFailed(f"Training stopped {error}")
    first = network_cost(start, x, y)
    print(f"  the cost fell from {first:.4f} to {costs[-1]:.5f}")
    if not costs[-1] < TRAINED_COST:
        raise LabChecksFailed(f"After {steps} steps the cost is {costs[-1]:.4f}, not below {TRAINED_COST}: "
                              "training with your Jacobians does not converge. Check them again.")
    set_network(params)
    import matplotlib.pyplot as plt
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4.6))
    out = forward(params, x)[-1]
    left.plot(y[0], y[1], "o", color="#bbbbbb", markersize=4, label="the target heart")
    left.plot(out[0], out[1], "-", color="#d55e00", linewidth=2, label=f"the network after {steps} steps")
    left.set_aspect("equal")
    left.legend(loc="center", fontsize=8)
    left.set_title("The network's two outputs, one against the other")
    right.semilogy(range(len(costs) + 1), [first, *costs], color="#0072b2")
    right.set_xlabel("training step")
    right.set_ylabel("cost C")
    right.set_title("The cost falls as the network learns")
    figure.tight_layout()
    show(figure, "heart")
    print("all checks passed")
