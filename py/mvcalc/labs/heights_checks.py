"""The heights lab's checks and its fit, shared by the page's worker (:mod:`mvcalc.labs.heights`
hands in the learner's functions, guarded by code_runner) and the download (this module is
inlined and given the notebook's own functions).

The learner writes ``dfdmu(x, mu, sig)`` and ``dfdsig(x, mu, sig)``, the partial derivatives
of the Gaussian density, and ``steepest_step(x, y, mu, sig, aggression)``, a steepest-descent
step on chi^2 = sum (y - f)^2. Each is called on random inputs drawn from a seed and compared
with central finite differences of the Gaussian (and of chi^2), never with a formula; a wrong
answer that behaves like a known slip is named.
"""
from __future__ import annotations

import math
import random

import numpy as np

from mvcalc.fitting import gaussian, gaussian_partial_mu, gaussian_partial_sig, heights_histogram
from mvcalc.labs.judge import LabChecksFailed, Result, attempt, missing, report, show

ENTRIES = ("dfdmu", "dfdsig", "steepest_step")
N_CASES = 12
H = 1e-4
START = (155.0, 6.0)           # the fit's default start (mu, sig), in cm
AGGRESSION = 1000.0
FIT_STEPS = 2000


def _central(fn, p, k):
    up, down = list(p), list(p)
    up[k] += H
    down[k] -= H
    return (fn(*up) - fn(*down)) / (2 * H)


def _show(values) -> str:
    return "[" + ", ".join(f"{v:.1f}" for v in values[:3]) + (", ...]" if len(values) > 3 else "]")


class Case:
    """One call of a learner's function: its arguments, the expected numbers and a description."""

    def __init__(self, args, expected, describe, rel_tol, abs_tol):
        self.args, self.expected, self.describe = args, [float(v) for v in expected], describe
        self.rel_tol, self.abs_tol = rel_tol, abs_tol

    def close(self, got) -> bool:
        return len(got) == len(self.expected) and all(
            math.isclose(g, e, rel_tol=self.rel_tol, abs_tol=self.abs_tol) for g, e in zip(got, self.expected))


def cases(seed: int) -> dict[str, list[Case]]:
    """Random inputs for each function, with the expected results by central differences."""
    rng = random.Random(seed)
    out: dict[str, list[Case]] = {name: [] for name in ENTRIES}
    centres, density = heights_histogram()
    for _ in range(N_CASES):
        mu, sig = round(rng.uniform(150, 185), 2), round(rng.uniform(4, 16), 2)
        x = np.array(sorted(round(rng.uniform(mu - 2.5 * sig, mu + 2.5 * sig), 1) for _ in range(5)))
        where = f"x = {_show(x)}, mu = {mu}, sig = {sig}"
        for k, name in ((0, "dfdmu"), (1, "dfdsig")):
            expected = [float(_central(lambda m, s, xi=xi: gaussian(xi, m, s), (mu, sig), k)) for xi in x]
            out[name].append(Case((x.copy(), mu, sig), expected, where, 1e-5, 1e-10))
        # a stretch of the real histogram, with a little noise so no two cases are alike
        start = rng.randint(30, 50)
        xs = centres[start:start + 12].copy()
        ys = np.clip(density[start:start + 12] + np.array([rng.uniform(-0.003, 0.003) for _ in range(12)]), 0, None)
        aggression = float(rng.choice([100, 1000, 2000, 5000]))

        def chi2(m, s, xs=xs, ys=ys):
            return float(np.sum((ys - gaussian(xs, m, s)) ** 2))
        step = [-aggression * float(_central(chi2, (mu, sig), k)) for k in (0, 1)]
        out["steepest_step"].append(Case(
            (xs, ys, mu, sig, aggression), step,
            f"x = {_show(xs)} (12 bins), mu = {mu}, sig = {sig}, aggression = {aggression:g}", 1e-4, 1e-9))
    return out


# --- known slips: what a wrong answer computes, to name the mistake -------------------------------

def _right_step(x, y, mu, sig, aggression):
    r = y - gaussian(x, mu, sig)
    return -aggression * np.array([-2 * r @ gaussian_partial_mu(x, mu, sig), -2 * r @ gaussian_partial_sig(x, mu, sig)])


SLIPS = {
    "dfdmu": [
        (lambda x, mu, sig: gaussian(x, mu, sig) * (mu - x) / sig**2,
         "Sign slip: d/dμ of −(x − μ)²/(2σ²) is +(x − μ)/σ², because the inner derivative d(x − μ)/dμ is −1."),
        (lambda x, mu, sig: gaussian(x, mu, sig) * (x - mu),
         "The chain rule's factor is (x − μ)/σ²: you have left out the 1/σ²."),
        (lambda x, mu, sig: gaussian(x, mu, sig) * (x - mu) / sig,
         "Divide by σ², not σ: the exponent is −(x − μ)²/(2σ²)."),
        (lambda x, mu, sig: (x - mu) / sig**2,
         "The derivative of e^u is e^u times u′: keep the factor f(x, μ, σ) itself."),
    ],
    "dfdsig": [
        (lambda x, mu, sig: gaussian(x, mu, sig) * (x - mu)**2 / sig**3,
         "Only half of the product rule: the normalisation 1/(√(2π) σ) depends on σ too, which adds −f/σ."),
        (lambda x, mu, sig: gaussian(x, mu, sig) * (1 / sig - (x - mu)**2 / sig**3),
         "Sign slip: it is f · (−1/σ + (x − μ)²/σ³); yours has both signs flipped."),
        (lambda x, mu, sig: gaussian(x, mu, sig) * (-1 / sig + (x - mu)**2 / sig**2),
         "d/dσ of −(x − μ)²/(2σ²) = (x − μ)²/σ³: the power of σ is 3, not 2."),
        (lambda x, mu, sig: gaussian(x, mu, sig) * (-1 / sig + (x - mu)**2 / (2 * sig**3)),
         "d/dσ of σ⁻² is −2σ⁻³: the 2 cancels the ½, so the term is (x − μ)²/σ³."),
    ],
    "steepest_step": [
        (lambda x, y, mu, sig, aggression: -_right_step(x, y, mu, sig, aggression),
         "That step goes uphill: steepest descent moves against the gradient, step = −aggression · J."),
        (lambda x, y, mu, sig, aggression: _right_step(x, y, mu, sig, aggression) / 2,
         "Half the gradient: differentiating the square (y − f)² brings down a factor 2."),
        (lambda x, y, mu, sig, aggression: _right_step(x, y, mu, sig, aggression) / aggression,
         "The step ignores aggression: scale it, step = −aggression · J."),
    ],
}


def _numbers(value) -> tuple[list[float] | None, str]:
    try:
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, (list, tuple)):
            return [float(v) for v in value], ""
        if isinstance(value, bool) or value is None or isinstance(value, str):
            raise TypeError
        return [float(value)], ""
    except (TypeError, ValueError):
        return None, f"{value!r} (a {type(value).__name__}), not numbers"


def _fmt(values) -> str:
    return "[" + ", ".join(f"{v:.6g}" for v in values) + "]"


def check_function(name: str, function, tests: list[Case]) -> Result:
    """One learner function on every case; the first failure is reported, a known slip named."""
    outputs, failures = [], []
    for case in tests:
        value, error = attempt(function, *case.args)
        if error:
            return Result(name, False, f"For {case.describe} your function did not return: {error}")
        got, problem = _numbers(value)
        if problem:
            failures.append(f"For {case.describe} your function returned {problem}.")
            outputs = None
            continue
        if outputs is not None:
            outputs.append(got)
        if not case.close(got):
            failures.append(f"For {case.describe} your function returned {_fmt(got)}, expected {_fmt(case.expected)}.")
    if not failures:
        return Result(name, True, f"All {len(tests)} tests passed.")
    more = f" ({len(failures)} of {len(tests)} tests failed.)" if len(failures) > 1 else ""
    message = failures[0] + more
    if outputs is not None:
        for slip, said in SLIPS[name]:
            with np.errstate(all="ignore"):
                theirs = [np.atleast_1d(np.asarray(slip(*case.args), dtype=float)).tolist() for case in tests]
            if all(Case(c.args, t, "", c.rel_tol, c.abs_tol).close(g) for c, t, g in zip(tests, theirs, outputs)):
                return Result(name, False, f"{said} ({message})")
    return Result(name, False, message)


def check_functions(functions: dict, seed: int = 0) -> list[Result]:
    """dfdmu, dfdsig and steepest_step (in ``functions``) on random inputs from ``seed``."""
    tests = cases(seed)
    return [check_function(name, functions[name], tests[name]) for name in ENTRIES]


def fit(steepest_step, mu: float, sig: float, aggression: float, steps: int) -> dict:
    """Repeated ``[mu, sig] += steepest_step(x, y, mu, sig, aggression)`` on the histogram:
    ``{"path": [[mu, sig], ...], "chi2": [...], "status": "converged" | "diverged" | "limit" | "error"}``
    (and ``"error"``: why, when the learner's function failed)."""
    x, y = heights_histogram()
    p = np.array([float(mu), float(sig)])
    path, values = [p.tolist()], [float(np.sum((y - gaussian(x, *p)) ** 2))]
    status = "limit"
    for _ in range(int(min(max(steps, 1), 2000))):
        value, error = attempt(steepest_step, x.copy(), y.copy(), float(p[0]), float(p[1]), float(aggression))
        if error:
            return {"error": f"steepest_step did not return: {error}", "path": path, "chi2": values, "status": "error"}
        try:
            step = np.asarray(value, dtype=float).reshape(2)
        except (TypeError, ValueError):
            return {"error": "steepest_step must return two numbers, the change in mu and in sig.",
                    "path": path, "chi2": values, "status": "error"}
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
    return {"path": path, "chi2": values, "status": status}


# --- the download's steps: check, then fit, compare with curve_fit, draw --------------------------

def _functions(namespace: dict) -> dict:
    absent = missing(namespace, ("f",) + ENTRIES)
    if absent:
        raise LabChecksFailed("Define " + ", ".join(absent) + ": run the cell with your functions first.")
    return {name: namespace[name] for name in ENTRIES}


def check_my_functions(namespace: dict, seed: int = 0) -> None:
    """Check the notebook's dfdmu, dfdsig and steepest_step; raise naming the wrong ones."""
    print(f"Checking your functions on random inputs (seed {seed}) against finite differences:")
    report(check_functions(_functions(namespace), seed))


def fit_and_compare(namespace: dict, start=START, aggression: float = AGGRESSION, steps: int = FIT_STEPS) -> dict:
    """Fit with the notebook's steepest_step, compare with scipy's curve_fit, draw both."""
    from scipy.optimize import curve_fit

    functions = _functions(namespace)
    x, y = heights_histogram()
    print(f"Steepest descent with your steepest_step from mu = {start[0]:g}, sig = {start[1]:g}, "
          f"aggression {aggression:g}…")
    result = fit(functions["steepest_step"], start[0], start[1], aggression, steps)
    if result["status"] != "converged":
        why = result.get("error") or {"diverged": "it diverged: lower the aggression",
                                      "limit": f"it had not converged after {steps} steps"}[result["status"]]
        raise LabChecksFailed(f"The fit did not converge: {why}.")
    mu, sig = result["path"][-1]
    (cmu, csig), cov = curve_fit(lambda x, mu, sig: gaussian(x, mu, sig), x, y, p0=list(start))
    emu, esig = np.sqrt(np.diag(cov))
    gap = max(abs(mu - cmu) / emu, abs(sig - csig) / esig)
    print(f"  steepest descent: mu = {mu:.3f} cm, sig = {sig:.3f} cm after {len(result['path']) - 1} steps")
    print(f"  scipy's curve_fit: mu = {cmu:.3f} ± {emu:.3f} cm, sig = {csig:.3f} ± {esig:.3f} cm")
    if gap > 0.1:
        raise LabChecksFailed(f"The descent ended {gap:.2g} standard errors from curve_fit's answer.")
    print(f"  they agree, within {gap:.2g} standard errors")
    import matplotlib.pyplot as plt
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.4))
    left.bar(x, y, width=2.5, color="#cccccc", edgecolor="#999999", label="the heights (normalised)")
    fine = np.linspace(130, 210, 400)
    left.plot(fine, gaussian(fine, *start), "--", color="#999999", label="the start")
    left.plot(fine, gaussian(fine, mu, sig), color="#d55e00", linewidth=2, label="your fit")
    left.set_xlim(130, 210)
    left.set_xlabel("height (cm)")
    left.legend(fontsize=8)
    ms, ss = np.linspace(145, 190, 120), np.linspace(3, 22, 120)
    grid = np.array([[float(np.sum((y - gaussian(x, m, s)) ** 2)) for m in ms] for s in ss])
    right.contour(ms, ss, np.log10(grid), levels=15, colors="#888888", linewidths=0.6)
    path = np.array(result["path"])
    right.plot(path[:, 0], path[:, 1], ".-", color="#d55e00", markersize=3, label="steepest descent")
    right.plot([cmu], [csig], "*", color="#0072b2", markersize=14, label="curve_fit")
    right.set_xlabel("mu (cm)")
    right.set_ylabel("sig (cm)")
    right.legend(fontsize=8)
    right.set_title("chi-squared over (mu, sig), log contours")
    figure.tight_layout()
    show(figure, "heights_fit")
    print("all checks passed")
    return {"mu": mu, "sig": sig, "curve_fit": (float(cmu), float(csig)), "errors": (float(emu), float(esig))}
