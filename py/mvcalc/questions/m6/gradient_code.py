"""The non-linear fit's code question: grad_chi2(a, b, x, y), tested against finite differences.

Its own module, free of sympy, because code questions are made again from their seed in the
worker that runs learner code (see mvcalc.questions.code_templates).
"""
from __future__ import annotations

import numpy as np

from mvcalc.questions.m2.finite_differences import code_question
from mvcalc.questions.model import CodeCase

CODE_MODELS = [
    ("a * np.exp(-b * x)", r"a e^{-b x}", lambda x, a, b: a * np.exp(-b * x)),
    ("a * np.sin(b * x)", r"a \sin(b x)", lambda x, a, b: a * np.sin(b * x)),
    ("a * x / (b + x)", r"\frac{a x}{b + x}", lambda x, a, b: a * x / (b + x)),
    ("a * np.exp(-(x - b)**2 / 2)", r"a e^{-(x - b)^2/2}", lambda x, a, b: a * np.exp(-(x - b) ** 2 / 2)),
]
REFERENCES = {
    "a * np.exp(-b * x)": ("np.exp(-b * x)", "-a * x * np.exp(-b * x)"),
    "a * np.sin(b * x)": ("np.sin(b * x)", "a * x * np.cos(b * x)"),
    "a * x / (b + x)": ("x / (b + x)", "-a * x / (b + x)**2"),
    "a * np.exp(-(x - b)**2 / 2)": ("np.exp(-(x - b)**2 / 2)", "a * (x - b) * np.exp(-(x - b)**2 / 2)"),
}


def _code(model: str, dfa: str, dfb: str, *, factor: str = "-2", sign_in_model: str = "y - ") -> str:
    return ("def grad_chi2(a, b, x, y):\n"
            "    x, y = np.array(x), np.array(y)\n"
            f"    r = {sign_in_model}({model})\n"
            f"    dfda = {dfa}\n"
            f"    dfdb = {dfb}\n"
            f"    return [{factor} * np.sum(r * dfda), {factor} * np.sum(r * dfdb)]\n")


def gradient_code(rng):
    """grad_chi2(a, b, x, y) for a model, checked against finite differences of chi^2."""
    model, model_tex, fn = rng.choice(CODE_MODELS)
    dfa, dfb = REFERENCES[model]
    cases = []
    for _ in range(16):
        xs = np.round(np.sort(np.array([rng.uniform(0.2, 4) for _ in range(6)])), 2)
        pa, pb = round(rng.uniform(0.5, 4), 2), round(rng.uniform(0.3, 2), 2)
        ys = np.round(fn(xs, pa, pb) + np.array([rng.uniform(-0.3, 0.3) for _ in range(6)]), 2)
        ga, gb = round(pa + rng.uniform(-0.4, 0.4), 2), round(pb + rng.uniform(-0.2, 0.2), 2)

        def chi2(p, q, xs=xs, ys=ys):
            return float(np.sum((ys - fn(xs, p, q)) ** 2))
        h = 1e-6
        expected = [(chi2(ga + h, gb) - chi2(ga - h, gb)) / (2 * h), (chi2(ga, gb + h) - chi2(ga, gb - h)) / (2 * h)]
        cases.append(CodeCase((ga, gb, [float(v) for v in xs], [float(v) for v in ys]), expected,
                              f"a = {ga}, b = {gb}, x = [{', '.join(f'{v:g}' for v in xs[:3])}, ...], "
                              f"y = [{', '.join(f'{v:g}' for v in ys[:3])}, ...]",
                              rel_tol=1e-5, abs_tol=1e-6))
    reference = _code(model, dfa, dfb)
    return code_question(
        prompt=(rf"The model is \(f(x; a, b) = {model_tex}\), and \(\chi^2(a, b) = \sum_i \big(y_i - f(x_i; a, b)\big)^2\). "
                r"Write <code>grad_chi2(a, b, x, y)</code> that returns the gradient "
                r"\(\left[\frac{\partial \chi^2}{\partial a}, \frac{\partial \chi^2}{\partial b}\right]\) as a list of two "
                r"numbers; <code>x</code> and <code>y</code> are lists of the data (turn them into numpy arrays with <code>np.array(x)</code>). It is tested against finite "
                r"differences of \(\chi^2\) at random parameters and data."),
        entry="grad_chi2", signature="a, b, x, y",
        reference=reference, cases=cases,
        hints=[r"\(\frac{\partial \chi^2}{\partial a} = -2\sum_i (y_i - f(x_i))\,\frac{\partial f}{\partial a}(x_i)\), "
               r"and the same with \(b\).",
               "With numpy: <code>r = y - (model)</code>, then <code>-2 * np.sum(r * dfda)</code>."],
        worked=["<code>x, y = np.array(x), np.array(y)</code>",
                rf"\(\partial f/\partial a\): <code>{dfa}</code>; \(\partial f/\partial b\): <code>{dfb}</code>.",
                f"<code>r = y - ({model})</code>",
                "<code>return [-2 * np.sum(r * dfda), -2 * np.sum(r * dfdb)]</code>"],
        wrong=[(_code(model, dfa, dfb, factor="2"),
                r"Sign slip: the inside \(y - f\) has derivative \(-\partial f/\partial a\), so each sum carries \(-2\)."),
               (_code(model, dfa, dfb, factor="-1"), "Differentiating the square brings down a factor 2."),
               (_code(model, dfb, dfa), r"The two entries are swapped: \(\partial/\partial a\) comes first.")],
        example=model,
    )
