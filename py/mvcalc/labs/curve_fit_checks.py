"""scipy.optimize.curve_fit in practice: the checks of a learner's model and fit, shared by the
page's worker (:mod:`mvcalc.labs.curve_fit`, which runs the course's own call) and the download
(inlined). Independent sides: the model against ``a * math.exp(-b * x)`` point by point; the
parameters against the page's own gradient descent (:func:`mvcalc.fitting.descend`); the
standard errors against the curvature of chi^2 at the best fit, cov = (Jᵀ W J)⁻¹ (the
Gauss-Newton form of 2 H⁻¹) with the model's slopes J by finite differences.
"""
from __future__ import annotations

import math
import random

import numpy as np

from mvcalc.fitting import DECAY, DECAY_SIGMA, DECAY_X, DECAY_Y, chi2, descend
from mvcalc.labs.judge import LabChecksFailed, Result, attempt, missing, report, show

P0 = (2.0, 0.2)                   # the lesson's start
DESCENT_GAMMA, DESCENT_STEPS = 3e-4, 5000


def check_model(model, seed: int = 0, cases: int = 10) -> Result:
    """``model(x, a, b)`` on random arrays against a e^(−bx), one point at a time."""
    rng = random.Random(seed)
    for _ in range(cases):
        a, b = round(rng.uniform(0.5, 8), 2), round(rng.uniform(0.05, 1.5), 3)
        x = np.array(sorted(round(rng.uniform(0, 6), 2) for _ in range(6)))
        value, error = attempt(model, x.copy(), a, b)
        if error:
            return Result("model", False, f"For x = {x.tolist()}, a = {a}, b = {b} model did not return: {error}")
        try:
            got = np.asarray(value, dtype=float).reshape(x.shape)
        except (TypeError, ValueError):
            return Result("model", False, f"model returned {value!r}: return one number per x (a numpy array).")
        expected = np.array([a * math.exp(-b * xi) for xi in x])
        if not np.allclose(got, expected, rtol=1e-9, atol=1e-12):
            hint = ""
            if np.allclose(got, [a * math.exp(b * xi) for xi in x], rtol=1e-9):
                hint = " Sign slip: a decay has e^(−bx), a negative exponent."
            elif np.allclose(got, [math.exp(-b * xi) for xi in x], rtol=1e-9):
                hint = " The factor a is missing: the model is a times e^(−bx)."
            return Result("model", False, f"For x = {x.tolist()}, a = {a}, b = {b} model returned "
                                          f"{np.round(got, 6).tolist()}, expected {np.round(expected, 6).tolist()}.{hint}")
    return Result("model", True, f"model agrees with a e^(−bx) at {cases * 6} random points.")


def best_by_descent() -> np.ndarray:
    """The decay's best (a, b) by the page's own gradient descent (no scipy)."""
    return np.array(descend(DECAY, P0, DESCENT_GAMMA, DESCENT_STEPS, DECAY_X, DECAY_Y, DECAY_SIGMA)[-1])


def errors_from_curvature(params, h: float = 1e-6) -> np.ndarray:
    """Standard errors from chi^2's curvature near its minimum: cov = (Jᵀ W J)⁻¹, the Gauss-Newton
    form of 2 H⁻¹ (H the Hessian of chi^2), with W = 1/σ² and J the model's slopes with respect to
    (a, b) at every x, by central differences of the model."""
    p = np.asarray(params, dtype=float)
    J = np.zeros((len(DECAY_X), 2))
    for k in range(2):
        step = h * max(1.0, abs(p[k]))
        up, down = p.copy(), p.copy()
        up[k] += step
        down[k] -= step
        J[:, k] = (DECAY(DECAY_X, *up) - DECAY(DECAY_X, *down)) / (2 * step)
    W = np.diag(1 / DECAY_SIGMA ** 2)
    return np.sqrt(np.diag(np.linalg.inv(J.T @ W @ J)))


def check_fit(fit) -> Result:
    """``fit(model, x, y, p0, sigma) -> (params, errors)`` on the lesson's decay data."""
    value, error = attempt(fit, DECAY, DECAY_X.copy(), DECAY_Y.copy(), list(P0), DECAY_SIGMA.copy())
    if error:
        return Result("fit", False, f"fit did not return: {error}")
    try:
        params, errors = (np.asarray(v, dtype=float).reshape(2) for v in value)
    except (TypeError, ValueError):
        return Result("fit", False, "fit must return two things, the parameters (a, b) and their standard "
                                    f"errors, each two numbers; it returned {value!r}.")
    best = best_by_descent()
    if not np.allclose(params, best, rtol=1e-5):
        return Result("fit", False, f"fit found a = {params[0]:.6g}, b = {params[1]:.6g}, but chi-squared is "
                                    f"smallest at a = {best[0]:.6g}, b = {best[1]:.6g} (by gradient descent).")
    expected = errors_from_curvature(best)
    if not np.allclose(errors, expected, rtol=2e-3):
        ratio = errors / expected
        dof = len(DECAY_X) - 2
        scale = math.sqrt(chi2(DECAY, best, DECAY_X, DECAY_Y, DECAY_SIGMA) / dof)
        hint = ""
        if np.allclose(ratio, scale, rtol=2e-3):
            hint = (f" They are {scale:.4g} times too large, √(χ²/(n − 2)): pass absolute_sigma=True, so curve_fit "
                    "trusts the error bars instead of rescaling them by the scatter.")
        elif np.allclose(ratio, 1 / DECAY_SIGMA[0], rtol=2e-3):
            hint = " They ignore the error bars: pass sigma=sigma to curve_fit."
        elif np.allclose(errors, expected ** 2, rtol=2e-3):
            hint = " These are variances: the standard errors are their square roots, np.sqrt(np.diag(cov))."
        return Result("fit", False, f"The parameters are right, but the standard errors {np.round(errors, 5).tolist()} "
                                    f"are not {np.round(expected, 5).tolist()} (from chi-squared's curvature, "
                                    f"cov = (JᵀWJ)⁻¹).{hint}")
    return Result("fit", True, f"a = {params[0]:.4f} ± {errors[0]:.4f}, b = {params[1]:.4f} ± {errors[1]:.4f}: "
                               "the best fit (as gradient descent finds it) and the errors of chi-squared's curvature.")


# --- the download's step ---------------------------------------------------------------------------

def check_and_draw(namespace: dict) -> None:
    """Check the notebook's model and fit, then fit the decay with them and draw it."""
    absent = missing(namespace, ("model", "fit"))
    if absent:
        raise LabChecksFailed("Define " + ", ".join(absent) + ": run the cell with your functions first.")
    print("Checking model and fit:")
    report([check_model(namespace["model"]), check_fit(namespace["fit"])])
    params, errors = namespace["fit"](namespace["model"], DECAY_X, DECAY_Y, list(P0), DECAY_SIGMA)
    value = chi2(DECAY, params, DECAY_X, DECAY_Y, DECAY_SIGMA)
    dof = len(DECAY_X) - 2
    print(f"χ² = {value:.2f} for {len(DECAY_X)} points and 2 parameters: {dof} degrees of freedom, "
          f"χ²/dof = {value / dof:.2f} (about 1 for a good fit with honest error bars)")
    import matplotlib.pyplot as plt
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(6.4, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    fine = np.linspace(0, 6, 300)
    top.errorbar(DECAY_X, DECAY_Y, yerr=DECAY_SIGMA, fmt="o", color="#222222", label="the counts, ±σ")
    top.plot(fine, namespace["model"](fine, *params), color="#d55e00",
             label=f"a e^(−bx): a = {params[0]:.3f} ± {errors[0]:.3f}, b = {params[1]:.3f} ± {errors[1]:.3f}")
    top.legend(fontsize=8)
    residuals = (DECAY_Y - namespace["model"](DECAY_X, *params)) / DECAY_SIGMA
    bottom.axhline(0, color="#999999", linewidth=1)
    bottom.plot(DECAY_X, residuals, "o", color="#0072b2")
    bottom.set_ylabel("residual / σ")
    bottom.set_xlabel("x")
    figure.tight_layout()
    show(figure, "curve_fit")
