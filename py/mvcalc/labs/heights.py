"""The heights lab, run in the checker worker: check the learner's derivatives and
steepest-descent step, then run the fit with their code (or the reference).

Requests (JSON):
- ``{"action": "check", "source": ..., "seed": n}`` -> ``{"passed": bool, "results": [{"name",
  "passed", "message"}, ...]}``: ``dfdmu``, ``dfdsig`` and ``steepest_step`` are each called on
  random inputs drawn from ``seed`` and compared with central finite differences of the
  Gaussian (and of chi^2); known slips are named (:mod:`mvcalc.labs.heights_checks`, shared
  with the download).
- ``{"action": "fit", "source": ... or "", "mu": m0, "sig": s0, "aggression": g, "steps": n}``
  -> ``{"path": [[mu, sig], ...], "chi2": [...], "status": ..., "who": "yours" | "reference"}``:
  repeated ``[mu, sig] += steepest_step(x, y, mu, sig, aggression)`` on the histogram.
- ``{"action": "reference"}`` -> the reference code and the starter.

Learner code runs only through :mod:`mvcalc.questions.code_runner` (via ``sandbox``).
"""
from __future__ import annotations

from mvcalc.labs import sandbox
from mvcalc.labs.blanks import fill
from mvcalc.labs.heights_checks import ENTRIES, check_functions, fit as fit_with
from mvcalc.questions import code_runner

GIVEN = '''def f(x, mu, sig):
    """The Gaussian (normal) density. Given: do not change it."""
    return np.exp(-(x - mu)**2 / (2 * sig**2)) / np.sqrt(2 * np.pi) / sig
'''

STARTER = GIVEN + '''

def dfdmu(x, mu, sig):
    # YOUR CODE: dfdmu
    # the partial derivative of f with respect to mu
    return 0 * x
    # END YOUR CODE


def dfdsig(x, mu, sig):
    # YOUR CODE: dfdsig
    # the partial derivative of f with respect to sig
    return 0 * x
    # END YOUR CODE


def steepest_step(x, y, mu, sig, aggression):
    # YOUR CODE: steepest_step
    # chi2 = sum over the bins of (y - f(x, mu, sig))**2
    # J = [d chi2 / d mu, d chi2 / d sig]; the step goes downhill, scaled by aggression
    J = np.array([0.0, 0.0])
    step = -aggression * J
    return step
    # END YOUR CODE
'''

ANSWERS = {
    "dfdmu": "return f(x, mu, sig) * (x - mu) / sig**2\n",
    "dfdsig": "return f(x, mu, sig) * (-1 / sig + (x - mu)**2 / sig**3)\n",
    "steepest_step": '''J = np.array([
    -2 * (y - f(x, mu, sig)) @ dfdmu(x, mu, sig),
    -2 * (y - f(x, mu, sig)) @ dfdsig(x, mu, sig),
])
step = -aggression * J
return step
''',
}

REFERENCE = fill(STARTER, ANSWERS)


def check(source: str, seed: int = 0) -> dict:
    budget = code_runner.Budget(time_limit=code_runner.TIME_LIMIT * 2)
    try:
        functions, _ = sandbox.load(source, ENTRIES, budget)
    except sandbox.NotLoaded as problem:
        results = [{"name": name, "passed": False, "message": str(problem)} for name in ENTRIES]
        return {"passed": False, "results": results}
    results = check_functions(functions, seed)
    return {"passed": all(r.passed for r in results), "results": [r.as_dict() for r in results]}


def fit(source: str, mu: float, sig: float, aggression: float, steps: int) -> dict:
    """Run steepest descent with ``steepest_step`` from ``source`` (the reference if empty)."""
    who = "yours" if source.strip() else "reference"
    source = source if source.strip() else REFERENCE
    budget = code_runner.Budget(time_limit=8.0, step_limit=20_000_000)
    try:
        functions, _ = sandbox.load(source, ["steepest_step"], budget)
    except sandbox.NotLoaded as problem:
        return {"error": str(problem), "who": who, "path": [[mu, sig]], "chi2": [], "status": "error"}
    return {**fit_with(functions["steepest_step"], mu, sig, aggression, steps), "who": who}


def handle(payload: dict) -> dict:
    action = payload.get("action")
    if action == "check":
        return check(str(payload.get("source", "")), int(payload.get("seed", 0)))
    if action == "fit":
        return fit(str(payload.get("source", "")), float(payload.get("mu", 155.0)),
                   float(payload.get("sig", 6.0)), float(payload.get("aggression", 2000.0)),
                   int(payload.get("steps", 400)))
    if action == "reference":
        return {"source": REFERENCE, "starter": STARTER}
    raise ValueError(f"the heights lab has no action {action!r}")
