"""The heights lab, run in the checker worker: check the learner's derivatives and
steepest-descent step, then run the fit with their code (or the reference).

Requests (JSON):
- ``{"action": "check", "source": ..., "seed": n}`` -> ``{"passed": bool, "results": [{"name",
  "passed", "feedback"}, ...]}``: ``dfdmu``, ``dfdsig`` and ``steepest_step`` are each called on
  random inputs drawn from ``seed`` and compared with central finite differences of the
  Gaussian (and of chi^2); known slips are named.
- ``{"action": "fit", "source": ... or "", "mu": m0, "sig": s0, "aggression": g, "steps": n}``
  -> ``{"path": [[mu, sig], ...], "chi2": [...], "status": ..., "who": "yours" | "reference"}``:
  repeated ``[mu, sig] += steepest_step(x, y, mu, sig, aggression)`` on the histogram.

Learner code runs only through :mod:`mvcalc.questions.code_runner` (its namespace and budget).
"""
from __future__ import annotations

import math
import random

import numpy as np

from mvcalc.fitting import gaussian, heights_histogram
from mvcalc.questions import code_runner
from mvcalc.questions.model import CodeCase

GIVEN = '''def f(x, mu, sig):
    """The Gaussian (normal) density. Given: do not change it."""
    return np.exp(-(x - mu)**2 / (2 * sig**2)) / np.sqrt(2 * np.pi) / sig
'''

STARTER = GIVEN + '''

def dfdmu(x, mu, sig):
    # the partial derivative of f with respect to mu
    return 0 * x


def dfdsig(x, mu, sig):
    # the partial derivative of f with respect to sig
    return 0 * x


def steepest_step(x, y, mu, sig, aggression):
    # chi2 = sum over the bins of (y - f(x, mu, sig))**2
    # J = [d chi2 / d mu, d chi2 / d sig]; the step goes downhill, scaled by aggression
    J = np.array([0.0, 0.0])
    step = -aggression * J
    return step
'''

REFERENCE = GIVEN + '''

def dfdmu(x, mu, sig):
    return f(x, mu, sig) * (x - mu) / sig**2


def dfdsig(x, mu, sig):
    return f(x, mu, sig) * (-1 / sig + (x - mu)**2 / sig**3)


def steepest_step(x, y, mu, sig, aggression):
    J = np.array([
        -2 * (y - f(x, mu, sig)) @ dfdmu(x, mu, sig),
        -2 * (y - f(x, mu, sig)) @ dfdsig(x, mu, sig),
    ])
    step = -aggression * J
    return step
'''


def _variant(body_mu=None, body_sig=None, step=None) -> str:
    """The reference with one function's body replaced: a known slip, for naming it."""
    text = REFERENCE
    if body_mu:
        text = text.replace("    return f(x, mu, sig) * (x - mu) / sig**2\n", f"    return {body_mu}\n")
    if body_sig:
        text = text.replace("    return f(x, mu, sig) * (-1 / sig + (x - mu)**2 / sig**3)\n", f"    return {body_sig}\n")
    if step:
        text = text.replace("    step = -aggression * J\n", f"    step = {step}\n")
    return text


SLIPS = {
    "dfdmu": [
        (_variant(body_mu="f(x, mu, sig) * (mu - x) / sig**2"),
         "Sign slip: d/dμ of −(x − μ)²/(2σ²) is +(x − μ)/σ², because the inner derivative d(x − μ)/dμ is −1."),
        (_variant(body_mu="f(x, mu, sig) * (x - mu)"),
         "The chain rule's factor is (x − μ)/σ²: you have left out the 1/σ²."),
        (_variant(body_mu="f(x, mu, sig) * (x - mu) / sig"),
         "Divide by σ², not σ: the exponent is −(x − μ)²/(2σ²)."),
        (_variant(body_mu="(x - mu) / sig**2"),
         "The derivative of e^u is e^u times u′: keep the factor f(x, μ, σ) itself."),
    ],
    "dfdsig": [
        (_variant(body_sig="f(x, mu, sig) * (x - mu)**2 / sig**3"),
         "Only half of the product rule: the normalisation 1/(√(2π) σ) depends on σ too, which adds −f/σ."),
        (_variant(body_sig="f(x, mu, sig) * (1 / sig - (x - mu)**2 / sig**3)"),
         "Sign slip: it is f · (−1/σ + (x − μ)²/σ³); yours has both signs flipped."),
        (_variant(body_sig="f(x, mu, sig) * (-1 / sig + (x - mu)**2 / sig**2)"),
         "d/dσ of −(x − μ)²/(2σ²) = (x − μ)²/σ³: the power of σ is 3, not 2."),
        (_variant(body_sig="f(x, mu, sig) * (-1 / sig + (x - mu)**2 / (2 * sig**3))"),
         "d/dσ of σ⁻² is −2σ⁻³: the 2 cancels the ½, so the term is (x − μ)²/σ³."),
    ],
    "steepest_step": [
        (_variant(step="aggression * J"),
         "That step goes uphill: steepest descent moves against the gradient, step = −aggression · J."),
        (REFERENCE.replace("        -2 * (y - f(x, mu, sig)) @ dfdmu", "        -(y - f(x, mu, sig)) @ dfdmu")
         .replace("        -2 * (y - f(x, mu, sig)) @ dfdsig", "        -(y - f(x, mu, sig)) @ dfdsig"),
         "Half the gradient: differentiating the square (y − f)² brings down a factor 2."),
        (_variant(step="-J"),
         "The step ignores aggression: scale it, step = −aggression · J."),
    ],
}

ENTRIES = ("dfdmu", "dfdsig", "steepest_step")
N_CASES = 12
H = 1e-4


def _central(fn, p, k):
    up, down = list(p), list(p)
    up[k] += H
    down[k] -= H
    return (fn(*up) - fn(*down)) / (2 * H)


def _show(values) -> str:
    return "[" + ", ".join(f"{v:.1f}" for v in values[:3]) + (", ...]" if len(values) > 3 else "]")


def cases(seed: int) -> dict[str, list[CodeCase]]:
    """Random inputs for each function, with the expected results by central differences."""
    rng = random.Random(seed)
    out: dict[str, list[CodeCase]] = {name: [] for name in ENTRIES}
    centres, density = heights_histogram()
    for _ in range(N_CASES):
        mu, sig = round(rng.uniform(150, 185), 2), round(rng.uniform(4, 16), 2)
        x = np.array(sorted(round(rng.uniform(mu - 2.5 * sig, mu + 2.5 * sig), 1) for _ in range(5)))
        where = f"x = {_show(x)}, mu = {mu}, sig = {sig}"
        for k, name in ((0, "dfdmu"), (1, "dfdsig")):
            expected = [float(_central(lambda m, s, xi=xi: gaussian(xi, m, s), (mu, sig), k)) for xi in x]
            out[name].append(CodeCase((x.copy(), mu, sig), expected, where, rel_tol=1e-5, abs_tol=1e-10))
        # a stretch of the real histogram, with a little noise so no two cases are alike
        start = rng.randint(30, 50)
        xs = centres[start:start + 12].copy()
        ys = np.clip(density[start:start + 12] + np.array([rng.uniform(-0.003, 0.003) for _ in range(12)]), 0, None)
        aggression = float(rng.choice([100, 1000, 2000, 5000]))

        def chi2(m, s, xs=xs, ys=ys):
            return float(np.sum((ys - gaussian(xs, m, s)) ** 2))
        step = [-aggression * float(_central(chi2, (mu, sig), k)) for k in (0, 1)]
        out["steepest_step"].append(CodeCase(
            (xs, ys, mu, sig, aggression), step,
            f"x = {_show(xs)} (12 bins), mu = {mu}, sig = {sig}, aggression = {aggression:g}",
            rel_tol=1e-4, abs_tol=1e-9))
    return out


def check(source: str, seed: int = 0) -> dict:
    tests = cases(seed)
    results = []
    for name in ENTRIES:
        verdict = code_runner.check_code(source, name, tests[name])
        feedback = verdict.feedback
        if verdict.valid and not verdict.correct:
            for wrong, said in SLIPS[name]:
                if code_runner.same_behaviour(source, wrong, name, tests[name]):
                    feedback = f"{said} ({verdict.feedback})"
                    break
        results.append({"name": name, "passed": bool(verdict.correct), "feedback": feedback})
    return {"passed": all(r["passed"] for r in results), "results": results}


def fit(source: str, mu: float, sig: float, aggression: float, steps: int) -> dict:
    """Run steepest descent with ``steepest_step`` from ``source`` (the reference if empty)."""
    who = "yours" if source.strip() else "reference"
    source = source if source.strip() else REFERENCE
    x, y = heights_histogram()
    budget = code_runner.Budget(time_limit=8.0, step_limit=20_000_000)
    loaded = code_runner.load(source, "steepest_step", budget)
    if loaded.function is None:
        return {"error": loaded.error, "who": who, "path": [[mu, sig]], "chi2": [], "status": "error"}
    p = np.array([float(mu), float(sig)])
    path, values = [p.tolist()], [float(np.sum((y - gaussian(x, *p)) ** 2))]
    status = "limit"
    for _ in range(int(min(max(steps, 1), 2000))):
        out = code_runner.call(loaded.function, (x.copy(), y.copy(), float(p[0]), float(p[1]), float(aggression)),
                               budget, source)
        if out.error:
            return {"error": f"steepest_step did not return: {out.error}", "who": who, "path": path,
                    "chi2": values, "status": "error"}
        try:
            step = np.asarray(out.value, dtype=float).reshape(2)
        except (TypeError, ValueError):
            return {"error": "steepest_step must return two numbers, the change in mu and in sig.",
                    "who": who, "path": path, "chi2": values, "status": "error"}
        new = p + step
        if not np.all(np.isfinite(new)) or new[1] <= 0:
            status = "diverged"
            break
        value = float(np.sum((y - gaussian(x, *new)) ** 2))
        path.append(new.tolist())
        values.append(value)
        if not math.isfinite(value) or value > 100 * values[0] + 1:
            status = "diverged"
            break
        if np.max(np.abs(step)) < 1e-6:
            status = "converged"
            break
        p = new
    return {"path": path, "chi2": values, "status": status, "who": who}


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
