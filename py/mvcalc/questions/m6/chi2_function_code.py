"""Chi-squared as code: chi2(model, params, x, y, sigma) for any model, tested on random models,
parameters, data and error bars against the sum computed here.

Code questions are regenerated from their seed where sympy is not loaded, so this module imports
no sympy (its set, fits-in-practice, lists it among its templates). Each case's model is a
``Model`` named by a key of ``MODELS``, so the tests can rebuild it with sympy.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from mvcalc.questions.m2.finite_differences import code_question
from mvcalc.questions.model import CodeCase

# name -> (numpy function of (x, a, b), the formula in learner syntax)
MODELS = {
    "line": (lambda x, a, b: a * x + b, "a x + b"),
    "decay": (lambda x, a, b: a * np.exp(-b * x), "a e^(-b x)"),
    "saturation": (lambda x, a, b: a * x / (b + x), "a x/(b + x)"),
    "peak": (lambda x, a, b: a * np.exp(-(x - b) ** 2 / 2), "a e^(-(x - b)^2/2)"),
}


@dataclass(frozen=True)
class Model:
    """model(x, a, b) for one of MODELS, compared by name (so the same seed gives an equal question)."""

    name: str

    def __call__(self, x, a, b):
        return MODELS[self.name][0](np.asarray(x, dtype=float), a, b)


def _source(body: str) -> str:
    return ("def chi2(model, params, x, y, sigma):\n"
            "    x, y, sigma = np.array(x), np.array(y), np.array(sigma)\n"
            f"    return {body}\n")


def chi2_function(rng):
    """chi2(model, params, x, y, sigma) = sum(((y - model(x, *params)) / sigma)^2)."""
    cases, kept = [], []
    for _ in range(16):
        name = rng.choice(sorted(MODELS))
        fn, formula = MODELS[name]
        n = rng.randint(4, 8)
        xs = sorted(round(rng.uniform(0.2, 5), 2) for _ in range(n))
        params = [round(rng.uniform(0.5, 3), 2), round(rng.uniform(0.3, 2), 2)]
        ys = [round(float(fn(np.array(v), *params)) + rng.uniform(-0.4, 0.4), 3) for v in xs]
        sigma = [rng.choice([0.1, 0.2, 0.5, 1.0, 2.0]) for _ in xs]
        trial = [round(p + rng.uniform(-0.3, 0.3), 2) for p in params]
        value = float(sum(((yv - float(fn(np.array(xv), *trial))) / s) ** 2 for xv, yv, s in zip(xs, ys, sigma)))
        kept.append({"model": name, "params": trial, "x": xs, "y": ys, "sigma": sigma})
        cases.append(CodeCase((Model(name), trial, xs, ys, sigma), value,
                              f"model(x, a, b) = {formula}, params = {trial}, {n} points", rel_tol=1e-9, abs_tol=1e-9))
    q = code_question(
        prompt=(r"Write <code>chi2(model, params, x, y, sigma)</code> that returns "
                r"\[\chi^2 = \sum_i \left(\frac{y_i - f(x_i)}{\sigma_i}\right)^2, \quad f(x) = \texttt{model(x, *params)},\] "
                r"for any model: <code>model(x, a, b)</code> takes a numpy array <code>x</code>; <code>params</code>, "
                r"<code>x</code>, <code>y</code> and <code>sigma</code> are lists. It is tested on lines, decays, "
                r"saturation curves and peaks, with random parameters, data and error bars."),
        entry="chi2", signature="model, params, x, y, sigma",
        reference=_source("np.sum(((y - model(x, *params)) / sigma) ** 2)"), cases=cases,
        hints=[r"Turn the lists into numpy arrays, then <code>r = y - model(x, *params)</code> gives every residual at once.",
               r"Divide by <code>sigma</code> before squaring, then <code>np.sum</code>."],
        worked=["<code>x, y, sigma = np.array(x), np.array(y), np.array(sigma)</code>",
                "<code>r = (y - model(x, *params)) / sigma</code>",
                "<code>return np.sum(r ** 2)</code>"],
        wrong=[(_source("np.sum((y - model(x, *params)) ** 2)"),
                r"Each residual is measured in units of its own error bar: divide by \(\sigma_i\) before squaring."),
               (_source("np.sum((y - model(x, *params)) ** 2 / sigma)"),
                r"Divide the squared residual by \(\sigma_i^2\), not \(\sigma_i\)."),
               (_source("np.sum((y - model(x, *params)) / sigma) ** 2"),
                r"Square each residual before adding, not the total: residuals of both signs must not cancel.")],
        example="any model",
    )
    return replace(q, data={**q.data, "cases": kept})
