"""Fitting a non-linear function: partial derivatives of a model and of chi-squared,
gradient-descent steps by hand, local minima and starting values, and the gradient
of chi-squared as code (in gradient_code.py, a module without sympy, as code questions need).
"""
from __future__ import annotations

import dataclasses

import sympy as sp

from mvcalc.questions.builders import derivative_question, multi_question, choice_question, require
from mvcalc.questions.m6.line_data import table
from mvcalc.questions.m6.linear_regression import _numeric
from mvcalc.questions.m6.gradient_code import gradient_code
from mvcalc.questions.m6.nonlinear_fits import (chi2_gradient_b, largest_gamma_fit, model_jacobian,
                                                starting_values_from_data, wrong_valley)
from mvcalc.questions.printing import number, terms, tex

a, b, x = sp.symbols("a b x")
CHAIN = r"The chain rule: differentiate the outside, then multiply by the derivative of the inside."
HOLD = r"A partial derivative with respect to \(b\) treats \(a\) and \(x\) as constants."
STEP = (r"One step of gradient descent: \(a \gets a - \gamma \frac{\partial \chi^2}{\partial a}\), "
        r"with \(\frac{\partial \chi^2}{\partial a} = -2 \sum_i \big(y_i - f(x_i)\big) \frac{\partial f}{\partial a}(x_i)\).")


def _models(k):
    """(name, f, df/da, df/db, wrong answers for df/db) for a few model families."""
    return [
        ("decay", a * sp.exp(-b * x) + k, sp.exp(-b * x), -a * x * sp.exp(-b * x),
         [(a * sp.exp(-b * x), r"The chain rule's factor is missing: the inside \(-bx\) has derivative \(-x\) "
                               r"with respect to \(b\)."),
          (a * x * sp.exp(-b * x), r"Sign slip: \(\frac{\partial}{\partial b}(-bx) = -x\)."),
          (-b * a * sp.exp(-b * x), r"Wrong variable: the factor from the inside is \(\partial(-bx)/\partial b = -x\), "
                                    r"not \(-b\) (that would be \(\partial/\partial x\)).")]),
        ("wave", a * sp.sin(b * x) + k * x, sp.sin(b * x), a * x * sp.cos(b * x),
         [(a * sp.cos(b * x), r"The chain rule's factor \(x\) (the derivative of \(bx\) with respect to \(b\)) is missing."),
          (-a * x * sp.cos(b * x), r"Sign slip: \(\frac{d}{du}\sin u = +\cos u\)."),
          (a * b * sp.cos(b * x), r"Wrong variable: that is \(\partial f/\partial x\) (less its extra term); "
                                  r"with respect to \(b\) the inner factor is \(x\).")]),
        ("peak", a * sp.exp(-(x - b) ** 2 / k), sp.exp(-(x - b) ** 2 / k),
         2 * a * (x - b) / k * sp.exp(-(x - b) ** 2 / k),
         [(-2 * a * (x - b) / k * sp.exp(-(x - b) ** 2 / k),
           r"Sign slip: \(\frac{\partial}{\partial b}(x - b)^2 = -2(x - b)\), and the exponent's minus sign makes it positive."),
          (a * sp.exp(-(x - b) ** 2 / k), r"The chain rule's factor, the derivative of the exponent, is missing."),
          (-2 * a * (x - b) * sp.exp(-(x - b) ** 2 / k), rf"The exponent is divided by \({k}\): keep that factor.")]),
        ("saturation", a * x / (b + x) + k, x / (b + x), -a * x / (b + x) ** 2,
         [(a * x / (b + x) ** 2, r"Sign slip: \(\frac{\partial}{\partial b}(b + x)^{-1} = -(b + x)^{-2}\)."),
          (-a / (b + x) ** 2, r"The factor \(x\) in the numerator stays: only \((b + x)^{-1}\) depends on \(b\)."),
          (a * b / (b + x) ** 2, r"Wrong variable: that is \(\partial f/\partial x\).")]),
    ]


def model_partial(rng):
    """df/db for a model with two parameters: the building block of the gradient."""
    k = rng.randint(2, 5)
    name, f, dfa, dfb, wrong = rng.choice(_models(k))
    return derivative_question(
        f, dfb,
        ask=(rf"A model with parameters \(a\) and \(b\) is \[f(x; a, b) = {tex(f)}.\] Fitting it by gradient descent "
             r"needs its partial derivatives. Find \(\dfrac{\partial f}{\partial b}\)."),
        wrong=wrong,
        hints=[HOLD, CHAIN],
        worked=[HOLD, rf"\(\frac{{\partial f}}{{\partial b}} = {tex(dfb)}\)."],
        symbols=(x, a, b),
    )


def chi2_partial(rng):
    """d chi^2/da for one data point: the chain rule through the square."""
    k = rng.randint(2, 5)
    name, f, dfa, dfb, _ = rng.choice(_models(k)[:2] + _models(k)[3:])
    x1, y1 = rng.randint(1, 4), rng.randint(2, 9)
    fx, dfx = f.subs(x, x1), dfa.subs(x, x1)
    chi = (y1 - fx) ** 2
    answer = -2 * (y1 - fx) * dfx
    q = derivative_question(
        chi, answer,
        ask=(rf"The model \(f(x; a, b) = {tex(f)}\) is fitted to one measurement, \((x, y) = ({x1}, {y1})\), with "
             rf"\(\sigma = 1\), so \[\chi^2(a, b) = \left({tex(y1 - fx)}\right)^2.\] Find \(\dfrac{{\partial \chi^2}}{{\partial a}}\)."),
        wrong=[(2 * (y1 - fx) * dfx, r"Sign slip: the inside \(y - f\) has derivative \(-\partial f/\partial a\)."),
               (-2 * (y1 - fx), rf"The chain rule's factor \(\partial f/\partial a = {tex(dfx)}\) is missing."),
               (-(y1 - fx) * dfx, r"Differentiating the square brings down a factor 2.")],
        hints=[r"\(\frac{\partial}{\partial a}(y - f)^2 = 2(y - f)\cdot\left(-\frac{\partial f}{\partial a}\right)\).",
               rf"Here \(\frac{{\partial f}}{{\partial a}} = {tex(dfx)}\) at \(x = {x1}\)."],
        worked=[rf"\(\frac{{\partial f}}{{\partial a}}\) at \(x = {x1}\) is \({tex(dfx)}\).",
                rf"\(\frac{{\partial \chi^2}}{{\partial a}} = -2\left({tex(y1 - fx)}\right) \cdot {tex(dfx)}\)."],
        symbols=(a, b),
    )
    return dataclasses.replace(q, data={"model": str(f), "point": [x1, y1], "chi2": str(chi)})


def step_one_parameter(rng):
    """One gradient-descent step for y = a x^2 on three points."""
    xs = sorted(rng.sample([1, 2, 3], 3))
    true_a = rng.choice([0.5, 1.5, 2, 2.5])
    ys = [round(true_a * t * t + rng.choice([-1, 0, 1]), 1) for t in xs]
    a0 = rng.choice([0, 1, 3])
    gamma = rng.choice([0.005, 0.01, 0.002])
    res = [y - a0 * t * t for t, y in zip(xs, ys)]
    grad = -2 * sum(t * t * r for t, r in zip(xs, res))
    require(abs(grad) > 1)
    new = a0 - gamma * grad
    return _numeric(
        rf"Fit \(y = a x^2\) to {table(xs, ys)} with \(\sigma = 1\), so "
        r"\(\chi^2(a) = \sum_i (y_i - a x_i^2)^2\). "
        rf"Starting from \(a = {a0}\), take one step of gradient descent with step size \(\gamma = {gamma}\). What is the new \(a\)?",
        new,
        hints=[STEP, rf"Here \(\frac{{\partial f}}{{\partial a}} = x^2\); the residuals at \(a = {a0}\) are "
                     rf"\({', '.join(number(round(r, 6)) for r in res)}\)."],
        worked=[rf"Residuals \({terms('y_i', -a0 * sp.Symbol('x_i')**2)}\): \({', '.join(number(round(r, 6)) for r in res)}\).",
                rf"\(\frac{{\partial \chi^2}}{{\partial a}} = -2\sum_i x_i^2 (y_i - a x_i^2) = {number(round(grad, 6))}\).",
                rf"\(a \gets {a0} - {gamma} \times ({number(round(grad, 6))}) = {number(round(new, 6))}\)."],
        wrong=[(a0 + gamma * grad, r"That step goes uphill: subtract \(\gamma\) times the gradient."),
               (a0 - gamma * grad / 2, r"Differentiating the square brings down a factor 2."),
               (a0 - gamma * (-2 * sum(res)), r"The chain rule's factor \(\partial f/\partial a = x_i^2\) is missing "
                                              r"from each term.")],
        data={"x": xs, "y": ys, "a0": a0, "gamma": gamma, "model": "a x^2"},
    )


def step_two_parameters(rng):
    """One step for a straight line: the new intercept after a step from (m0, c0)."""
    xs = sorted(rng.sample(range(0, 5), 3))
    ys = [rng.randint(-2, 8) for _ in xs]
    m0, c0 = rng.choice([0, 1]), rng.choice([0, 1, 2])
    gamma = rng.choice([0.05, 0.1, 0.02])
    res = [y - (m0 * t + c0) for t, y in zip(xs, ys)]
    gm, gc = -2 * sum(t * r for t, r in zip(xs, res)), -2 * sum(res)
    require(gc != 0 and gm != gc)
    ask = rng.choice(["m", "c"])
    value = (m0 - gamma * gm) if ask == "m" else (c0 - gamma * gc)
    other = (m0 - gamma * gc) if ask == "m" else (c0 - gamma * gm)
    start = m0 if ask == "m" else c0
    grad = gm if ask == "m" else gc
    return _numeric(
        rf"Fit \(y = mx + c\) to {table(xs, ys)} (\(\sigma = 1\)) by gradient descent, starting at \(m = {m0}\), "
        rf"\(c = {c0}\), with \(\gamma = {gamma}\). After one step, what is the new \({ask}\)?",
        value,
        hints=[r"\(\frac{\partial \chi^2}{\partial m} = -2\sum_i x_i r_i\) and \(\frac{\partial \chi^2}{\partial c} = -2\sum_i r_i\), "
               r"with residuals \(r_i = y_i - (m x_i + c)\).",
               rf"The residuals at the start are \({', '.join(map(str, res))}\)."],
        worked=[rf"Residuals: \({', '.join(map(str, res))}\).",
                rf"\(\frac{{\partial \chi^2}}{{\partial m}} = {gm}\), \(\frac{{\partial \chi^2}}{{\partial c}} = {gc}\).",
                rf"New \({ask} = {start} - {gamma} \times ({grad}) = {number(round(value, 6))}\)."],
        wrong=[(start + gamma * grad, r"That step goes uphill: subtract \(\gamma\) times the gradient."),
               (other, r"You used the other partial derivative: each parameter moves by its own component.")],
        data={"x": xs, "y": ys, "start": [m0, c0], "gamma": gamma, "ask": ask},
    )


STATEMENTS = [
    (True, r"Gradient descent stops at the first place where the gradient is zero, which may be a local minimum.",
     ""),
    (True, r"Starting from different values can end in different minima.", ""),
    (True, r"A start close to the answer (e.g. the peak's position read off a plot) makes a good fit likelier.", ""),
    (True, r"For a straight line, \(\chi^2\) is a single bowl: with a small enough step size, every start "
           r"leads to the same best fit.", ""),
    (True, r"Far from the data, a narrow peak's \(\chi^2\) is almost flat, so the steps can be tiny or stall.", ""),
    (False, r"A point where the gradient of \(\chi^2\) is zero is always the global minimum.",
     r"A zero gradient only says the ground is flat there: a local minimum, a maximum or a saddle look the same to the gradient."),
    (False, r"A larger step size always finds the minimum faster.",
     r"Too large a step overshoots the valley and can diverge."),
    (False, r"The starting values do not matter for a non-linear fit.",
     r"For a non-linear model, \(\chi^2\) can have several valleys: where you start decides which one you reach."),
    (False, r"If the fit ends with a large \(\chi^2\), the data must be wrong.",
     r"A large \(\chi^2\) can also mean a local minimum or the wrong model: try other starting values first."),
]


def local_minima(rng):
    """Select all that apply: what gradient descent can and cannot promise."""
    true = [s for s in STATEMENTS if s[0]]
    false = [s for s in STATEMENTS if not s[0]]
    picked = rng.sample(true, 2) + rng.sample(false, 2)
    extra = rng.choice([s for s in STATEMENTS if s not in picked])
    picked.append(extra)
    options = [{"text": t, "correct": ok, "feedback": fb if not ok else
                "That one is true too: select every true statement."} for ok, t, fb in picked]
    return multi_question(
        rng, r"A non-linear model is fitted by gradient descent on \(\chi^2\). Select every true statement.",
        options,
        hints=[r"Gradient descent only sees the slope where it stands.",
               r"Think of a \(\chi^2\) landscape with two valleys, one deeper than the other."],
        worked=[r"The true statements are {keys}.",
                r"Gradient descent follows the slope downhill and stops where the ground is flat; it cannot see "
                r"a deeper valley elsewhere, so the start matters and a zero gradient is no proof of the best fit."],
        data={"statements": [t for _, t, _ in picked]},
    )


def starting_values(rng):
    """Choose starting values for a Gaussian peak fit (the model depends on sigma only through sigma^2)."""
    peak = rng.choice([3, 4, 5, 6, 7])
    width = rng.choice([0.3, 0.5, 0.4])
    far = peak + rng.choice([-3, 3])
    w = number(width)

    def start(mu, sigma):
        return {"tex": rf"\mu = {number(mu)},\ \sigma = {number(sigma)}", "value": f"{number(mu)}, {number(sigma)}"}

    options = [
        {**start(peak, width), "correct": True,
         "feedback": r"That start already sits on the peak with about the right width: the gradient leads "
                     r"straight to the best fit."},
        {**start(peak, -width), "correct": True,
         "feedback": rf"The model uses \(\sigma\) only through \(\sigma^2\), so \(\sigma = -{w}\) draws exactly "
                     rf"the same curve as \(\sigma = {w}\): \(\chi^2\) is the same, and the descent ends at minus the "
                     r"best \(\sigma\), which is the same fitted curve (report its size, \(|\sigma|\))."},
        {**start(far, width),
         "feedback": r"So far from the peak, the model is almost zero at every data point: \(\chi^2\) is nearly "
                     r"flat there, the gradient tiny, and the descent stalls."},
        {**start(0, width / 10),
         "feedback": r"A very narrow peak far from the data fits none of it: \(\chi^2\) is flat there and the "
                     r"descent has nothing to follow."},
        {**start(peak, 0),
         "feedback": r"With \(\sigma = 0\) the model divides by zero: it is not defined, so there is no "
                     r"gradient to follow."},
    ]
    return multi_question(
        rng, rf"Measurements show one narrow peak, centred near \(x \approx {peak}\) and about {number(4 * width)} wide. "
             r"You fit \(y = A\, e^{-(x - \mu)^2 / 2\sigma^2}\) by gradient descent, with \(A\) started at the "
             r"peak's height. Which starting values of \(\mu\) and \(\sigma\) are likely to reach the right fit? "
             r"Select all that apply.",
        options,
        hints=[r"Gradient descent needs a slope to follow: where the model misses every data point, "
               r"\(\chi^2\) barely changes as the parameters move.",
               r"Read the starting values off a plot of the data. And look closely at how \(\sigma\) enters "
               r"the model: would a negative \(\sigma\) draw a different curve?"],
        worked=[r"Start where the model already overlaps the data: \(\mu\) at the peak and a width of the "
                r"right size, so the gradient points to the best fit.",
                rf"\(\sigma\) appears only as \(\sigma^2\), so \(\sigma = -{w}\) gives the same curve as "
                rf"\(\sigma = {w}\) and works just as well; \(\sigma = 0\) is not allowed at all.",
                r"So: {keys}."],
        data={"peak": peak, "width": width},
    )


TEMPLATES = [model_partial, chi2_partial, step_one_parameter, step_two_parameters, local_minima,
             starting_values, gradient_code, model_jacobian, chi2_gradient_b, largest_gamma_fit,
             starting_values_from_data, wrong_valley]

from mvcalc.questions.m6.visual import lowest_chi2_curve, chi2_descent_arrow  # noqa: E402 (visual, issue 13; imports this module)
TEMPLATES += [lowest_chi2_curve, chi2_descent_arrow]  # visual (issue 13): appended, never reordered
