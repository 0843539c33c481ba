"""Lab: backpropagation, in the worker. A 1-6-7-2 sigmoid network learns to draw a heart.

The learner writes the Jacobians of the cost with respect to each weight matrix and bias
vector (``J_W3(x, y)`` ... ``J_b1(x, y)``), using the forward pass the starter code gives.
Their code runs through :mod:`mvcalc.questions.code_runner` (via ``sandbox``: its namespace and
step/time budget); the data, the network and the checks are :mod:`mvcalc.labs.backprop_checks`,
shared with the download.

- ``{"action": "check", "code": ...}``: each Jacobian on a few random networks against
  central finite differences of the cost; names the wrong ones and by how much.
- ``{"action": "train", "code": ... | "reference": true, "state": ..., "steps": n}``:
  ``n`` steps of gradient descent from ``state`` (weights as lists; none = a fresh
  seeded network); returns the new state, the cost after every step and the network's
  output curve, so the page can animate the curve turning into a heart.
- ``{"action": "start", "seed": n}``: a fresh network, its curve and cost, and the target.
"""
from __future__ import annotations

from mvcalc.labs import sandbox
from mvcalc.labs.backprop_checks import (ORDER, SHAPES, START_SEED, STEP, check_jacobians, forward,
                                         learner_jacobians, network_cost, random_network, reference_jacobians,
                                         train as descend, training_data)
from mvcalc.labs.blanks import fill
from mvcalc.questions import code_runner

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
    # YOUR CODE: J_b3
    # like J_W3, but dz3/db3 = 1
    return np.zeros_like(b3)
    # END YOUR CODE


def J_W2(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    # YOUR CODE: J_W2
    # dC/da2 = W3.T @ (2 (a3 - y) * d_sigma(z3)), then on through z2
    return np.zeros_like(W2)
    # END YOUR CODE


def J_b2(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    # YOUR CODE: J_b2
    return np.zeros_like(b2)
    # END YOUR CODE


def J_W1(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    # YOUR CODE: J_W1
    # one more layer back, through W2 and z1
    return np.zeros_like(W1)
    # END YOUR CODE


def J_b1(x, y):
    a0, z1, a1, z2, a2, z3, a3 = network_function(x)
    # YOUR CODE: J_b1
    return np.zeros_like(b1)
    # END YOUR CODE
'''

ANSWERS = {
    "J_b3": '''J = 2 * (a3 - y) * d_sigma(z3)
return np.sum(J, axis=1, keepdims=True) / x.size
''',
    "J_W2": '''J = 2 * (a3 - y) * d_sigma(z3)
J = (W3.T @ J) * d_sigma(z2)
return J @ a1.T / x.size
''',
    "J_b2": '''J = 2 * (a3 - y) * d_sigma(z3)
J = (W3.T @ J) * d_sigma(z2)
return np.sum(J, axis=1, keepdims=True) / x.size
''',
    "J_W1": '''J = 2 * (a3 - y) * d_sigma(z3)
J = (W3.T @ J) * d_sigma(z2)
J = (W2.T @ J) * d_sigma(z1)
return J @ a0.T / x.size
''',
    "J_b1": '''J = 2 * (a3 - y) * d_sigma(z3)
J = (W3.T @ J) * d_sigma(z2)
J = (W2.T @ J) * d_sigma(z1)
return np.sum(J, axis=1, keepdims=True) / x.size
''',
}

REFERENCE = fill(STARTER, ANSWERS)
NAMES = [f"J_{name}" for name in ORDER]


def _load(source: str, budget: code_runner.Budget):
    """The learner's six functions (guarded) and a way to set the network they read."""
    functions, namespace = sandbox.load(source, NAMES, budget)
    if not callable(namespace.get("network_function")):
        raise sandbox.NotLoaded("The given network_function is missing: put the starter code's first part back.")

    def set_network(params: dict) -> None:
        namespace.update(params)
    return functions, set_network


def check(source: str) -> dict:
    """Each learner Jacobian against finite differences on a few random networks."""
    budget = code_runner.Budget(time_limit=6.0)
    try:
        functions, set_network = _load(source, budget)
    except sandbox.NotLoaded as problem:
        return {"ok": False, "message": str(problem), "results": []}
    results = check_jacobians(functions, set_network)
    wrong = [r.name for r in results if not r.passed]
    message = ("All six Jacobians agree with finite differences. Now train the network."
               if not wrong else f"{len(wrong)} of 6 Jacobians need work: {', '.join(wrong)}.")
    return {"ok": not wrong, "message": message, "results": [r.as_dict() for r in results]}


# --- training ---------------------------------------------------------------------------

def _params_from(state) -> dict:
    import numpy as np

    if not state:
        return random_network(START_SEED)
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


def train(payload: dict) -> dict:
    steps = max(1, min(int(payload.get("steps", 200)), MAX_STEPS))
    step_size = float(payload.get("step_size", STEP))
    params = _params_from(payload.get("state"))
    x, y = training_data()
    if payload.get("reference"):
        jacobians = lambda p: reference_jacobians(p, x, y)    # noqa: E731
    else:
        budget = code_runner.Budget(time_limit=8.0, step_limit=20_000_000)
        try:
            functions, set_network = _load(str(payload.get("code", "")), budget)
        except sandbox.NotLoaded as problem:
            return {"ok": False, "message": str(problem)}
        jacobians = learner_jacobians(functions, set_network)
    params, costs, error = descend(jacobians, params, steps, step_size)
    if error:
        return {"ok": False, "message": f"Training stopped {error}"}
    return {"ok": True, "state": {k: v.tolist() for k, v in params.items()},
            "costs": [round(c, 7) for c in costs], "curve": curve(params, x)}


def start(payload: dict) -> dict:
    """A fresh network (seeded), its curve and cost, and the target heart."""
    params = random_network(int(payload.get("seed", START_SEED)))
    x, y = training_data()
    return {"ok": True, "state": {k: v.tolist() for k, v in params.items()}, "cost": network_cost(params, x, y),
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
