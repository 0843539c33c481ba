"""Fitting a non-linear function, continued: the model's Jacobian at the data, a component of the
gradient of chi-squared, the largest stable step size, starting values read off the data, and a
descent that stops in the wrong valley.

Hand-derived here; the tests recompute each with sympy's derivatives, numpy and simulated descents.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import require
from mvcalc.questions.m6.line_data import table
from mvcalc.questions.m6.linear_regression import _numeric
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.precision import Precision
from mvcalc.questions.printing import learner, matrix_learner, matrix_tex, number, signed, tex

a, b, x = sp.symbols("a b x")
GRAD = (r"\(\dfrac{\partial \chi^2}{\partial b} = -2 \sum_i \big(y_i - f(x_i)\big)\,\dfrac{\partial f}{\partial b}(x_i)\) "
        r"(with \(\sigma = 1\)): the chain rule through each square.")


def model_jacobian(rng):
    """The Jacobian of the model's predictions: one row per data point, one column per parameter."""
    f = rng.choice([a / (1 + b * x), a * x / (b + x)])
    xs = sorted(rng.sample([1, 2, 3, 4], 2))
    a0, b0 = rng.choice([2, 3, 4, 6]), rng.choice([1, 2, sp.Rational(1, 2)])
    dfa, dfb = sp.diff(f, a), sp.diff(f, b)
    at = {a: a0, b: b0}
    rows = [[dfa.subs(at).subs(x, xi), dfb.subs(at).subs(x, xi)] for xi in xs]
    require(all(v != 0 for row in rows for v in row))
    wrong = [([[r[1], r[0]] for r in rows], r"The columns are swapped: the first column is \(\partial f/\partial a\)."),
             ([[rows[0][0], rows[1][0]], [rows[0][1], rows[1][1]]],
              r"That is \(J^{\mathsf T}\): one row per data point, one column per parameter."),
             ([[r[0], -r[1]] for r in rows],
              r"Check the sign of \(\partial f/\partial b\): \(b\) sits in the denominator, so increasing it lowers \(f\).")]
    misconceptions, seen = [], [rows]
    for w, fb in wrong:
        if w not in seen:
            seen.append(w)
            misconceptions.append(Misconception(matrix_learner(w), fb))
    return Question(
        kind="matrix",
        prompt=(rf"The model \[f(x; a, b) = {tex(f)}\] is fitted to data at \(x = {xs[0]}\) and \(x = {xs[1]}\). Its "
                r"Jacobian \(J\) has one row per data point and one column per parameter: "
                r"\(J_{i1} = \dfrac{\partial f}{\partial a}(x_i)\) and \(J_{i2} = \dfrac{\partial f}{\partial b}(x_i)\). "
                rf"What is \(J\) at \(a = {tex(a0)}\), \(b = {tex(b0)}\)?"),
        solution=matrix_learner(rows),
        hints=[r"Differentiate the model with respect to each parameter, holding \(x\) and the other parameter constant.",
               rf"\[\frac{{\partial f}}{{\partial a}} = {tex(dfa)}, \qquad \frac{{\partial f}}{{\partial b}} = {tex(dfb)};\] "
               r"then put in the numbers."],
        worked=[rf"\[\frac{{\partial f}}{{\partial a}} = {tex(dfa)}, \qquad \frac{{\partial f}}{{\partial b}} = {tex(dfb)}.\]",
                rf"At \(a = {tex(a0)}\), \(b = {tex(b0)}\): \[J = {matrix_tex(rows)}.\]",
                r"Each row says how that point's prediction moves when \(a\) or \(b\) is nudged; the gradient of "
                r"\(\chi^2\) is \(-2J^{\mathsf T}\mathbf{r}\), built from these and the residuals \(\mathbf{r}\)."],
        misconceptions=misconceptions,
        answer_hint="Type a matrix row by row, e.g. [[1/2, -3/4], [1/3, -2/9]] (fractions are fine).",
        variables=(),
        data={"model": learner(f), "x": xs, "params": [str(a0), str(b0)]},
    )


def chi2_gradient_b(rng):
    """One component of the gradient of chi^2 for the lesson's decay a e^(-bx), at a start."""
    xs = sorted(rng.sample([0, 1, 2, 3, 4], 3))
    a_true, b_true = rng.choice([4, 5, 6, 8]), rng.choice([0.3, 0.5, 0.7])
    ys = [round(a_true * math.exp(-b_true * t) + rng.choice([-0.2, 0, 0.2]), 1) for t in xs]
    a0, b0 = rng.choice([4, 5, 6]), rng.choice([0.2, 0.4, 0.6, 1])
    model = [a0 * math.exp(-b0 * t) for t in xs]
    res = [y - m for y, m in zip(ys, model)]
    dfb = [-a0 * t * math.exp(-b0 * t) for t in xs]
    dfa = [math.exp(-b0 * t) for t in xs]
    value = -2 * sum(r * d for r, d in zip(res, dfb))
    require(abs(value) > 0.5)
    f = sp.Symbol("a") * sp.exp(-sp.Symbol("b") * sp.Symbol("x"))
    return _numeric(
        rf"The decay model \(f(x; a, b) = {tex(f)}\) is fitted to {table(xs, [number(v) for v in ys])} with \(\sigma = 1\). "
        rf"At the start \(a = {a0}\), \(b = {number(b0)}\), what is \(\dfrac{{\partial \chi^2}}{{\partial b}}\)?",
        value,
        hints=[GRAD, r"\(\dfrac{\partial f}{\partial b} = -a x\, e^{-bx}\). Tabulate \(f(x_i)\), the residual and "
                     r"\(\partial f/\partial b\) at each point."],
        worked=[r"At each point: " + "; ".join(
                    rf"\(x = {t}\): \(f = {m:.4f}\), \(r = {r:.4f}\), \(\partial f/\partial b = {d:.4f}\)"
                    for t, m, r, d in zip(xs, model, res, dfb)) + ".",
                rf"\(\dfrac{{\partial \chi^2}}{{\partial b}} = -2 \sum_i r_i \dfrac{{\partial f}}{{\partial b}}(x_i) = {value:.5g}\).",
                r"Its sign says which way \(b\) should move: gradient descent changes \(b\) by \(-\gamma\) times this."],
        wrong=[(-value, r"Sign slip: the inside \(y_i - f(x_i)\) has derivative \(-\partial f/\partial b\), so the sum carries \(-2\)."),
               (-2 * sum(r * d for r, d in zip(res, dfa)), r"That uses \(\partial f/\partial a = e^{-bx}\): for \(b\) the "
                                                           r"chain rule's factor is \(\partial f/\partial b = -ax\,e^{-bx}\)."),
               (value / 2, r"Differentiating the square brings down a factor 2.")],
        data={"x": xs, "y": ys, "start": [a0, b0], "model": "a e^(-b x)"},
    )


def largest_gamma_fit(rng):
    """chi^2 of a model linear in its parameter is a parabola: gamma < 2 / (chi^2)''."""
    xs = sorted(rng.sample([1, 2, 3], rng.choice([2, 3])))
    k = rng.choice([0.5, 1.5, 2, 2.5])
    ys = [round(k * t * t + rng.choice([-0.5, 0, 0.5]), 1) for t in xs]
    s4 = sum(t**4 for t in xs)
    s2 = sum(t**2 for t in xs)
    limit = sp.Rational(1, s4)
    return _numeric(
        rf"Fit \(y = a x^2\) to {table(xs, [number(v) for v in ys])} by gradient descent on "
        r"\(\chi^2(a) = \sum_i (y_i - a x_i^2)^2\). Above what step size \(\gamma\) does the descent diverge?",
        limit,
        hints=[r"\(\chi^2(a)\) is a parabola in \(a\). As in Module 5, a fixed step is stable only while "
               r"\(\gamma < 2/\lambda\), where \(\lambda\) is the curvature, here \(\dfrac{d^2\chi^2}{da^2}\).",
               r"\(\dfrac{d\chi^2}{da} = -2\sum_i x_i^2 (y_i - a x_i^2)\), so \(\dfrac{d^2\chi^2}{da^2} = 2\sum_i x_i^4\)."],
        worked=[rf"\(\dfrac{{d^2\chi^2}}{{da^2}} = 2\sum_i x_i^4 = 2 \times {s4} = {2 * s4}\), whatever the data \(y_i\).",
                rf"Each step multiplies the distance to the best \(a\) by \(1 - {2 * s4}\gamma\), which stays above \(-1\) "
                rf"only while \(\gamma < \tfrac{{2}}{{{2 * s4}}} = {tex(limit)} \approx {float(limit):.4g}\).",
                rf"(With \(\gamma = \tfrac{{1}}{{{2 * s4}}}\) one step lands exactly on the best fit: that is Newton's step.)"],
        wrong=[(sp.Rational(1, 2 * s4), r"That is the step that lands on the minimum in one go; divergence starts at twice it."),
               (sp.Rational(2, s4), r"The curvature is \(2\sum x_i^4\), with the factor 2 from differentiating the square."),
               (sp.Rational(1, s2), r"Differentiate twice: each term \((y_i - a x_i^2)^2\) gives \(2x_i^4\), not \(x_i^2\).")],
        data={"x": xs, "y": ys, "model": "a x^2"},
    )


def starting_values_from_data(rng):
    """Two points of a decay give its rate: b = ln(y1/y2)/(x2 - x1), from a straight line in ln y."""
    x1 = rng.choice([0, 1])
    gap = rng.choice([1, 2, 3])
    y1 = rng.choice([8, 10, 12, 20, 16])
    y2 = rng.choice([v for v in (1, 2, 3, 4, 5, 6) if v < y1 * 0.8])
    x2 = x1 + gap
    rate = math.log(y1 / y2) / gap
    return _numeric(
        rf"Counts from a radioactive source fall off roughly as \(y = a\,e^{{-bx}}\). Before a fit, you read two points off "
        rf"a plot of the data: \(({x1}, {y1})\) and \(({x2}, {y2})\). Find the starting value of \(b\) for which the model "
        r"passes through both.",
        rate,
        hints=[r"Divide the two equations \(y_1 = a e^{-b x_1}\) and \(y_2 = a e^{-b x_2}\): \(a\) cancels.",
               r"\(\dfrac{y_1}{y_2} = e^{b(x_2 - x_1)}\); take natural logarithms."],
        worked=[rf"\(\dfrac{{y_1}}{{y_2}} = e^{{b(x_2 - x_1)}}\), so \(b = \dfrac{{\ln({y1}/{y2})}}{{{gap}}} \approx {rate:.4f}\).",
                rf"Then \(a = y_1 e^{{b x_1}} \approx {y1 * math.exp(rate * x1):.4g}\). Taking logarithms turns the decay into "
                r"a straight line, \(\ln y = \ln a - bx\): its slope is \(-b\).",
                r"Starting values read off the data like this put the descent in the right valley, close to the best fit."],
        wrong=[(math.log10(y1 / y2) / gap, r"Use the natural logarithm: \(e^{bx}\) is undone by \(\ln\), not \(\log_{10}\)."),
               ((y1 - y2) / gap, r"That is the slope of a straight line through the points; the model is exponential: "
                                 r"compare \(\ln y\), not \(y\)."),
               (-rate, r"Sign: \(y\) falls, so \(e^{-bx}\) must shrink, and \(b\) is positive.")],
        data={"points": [[x1, y1], [x2, y2]]},
    )


def wrong_valley(rng):
    """chi^2(b) with two valleys: a descent from the wrong side stops in the shallower one."""
    s = rng.choice([1, 2, 3])
    t = rng.choice([1, 2, 3, 4, -1, -2, -3, -4])
    b = sp.Symbol("b")
    lift = 2 * abs(t) * s + rng.randint(2, 6)          # chi^2 is a sum of squares: keep it positive
    chi2 = (b**2 - s**2) ** 2 + t * b + lift
    chi2_tex = rf"\left(b^2 - {s * s}\right)^2 {signed(t * b)} + {lift}"
    slope = sp.diff(chi2, b)
    roots = sorted(float(r) for r in sp.Poly(slope, b).nroots() if abs(sp.im(r)) < 1e-12)
    require(all(float(chi2.subs(b, r)) > 0 for r in roots))
    require(len(roots) == 3)
    local, global_ = (roots[2], roots[0]) if t > 0 else (roots[0], roots[2])
    start = (s + 1) if t > 0 else -(s + 1)
    require(abs(abs(local) - s) > 0.02 * s)       # the tilt moves the valley visibly (3 figures tell it from s)
    f_local, f_global = float(chi2.subs(b, local)), float(chi2.subs(b, global_))
    return _numeric(
        rf"A fit with one parameter \(b\) has \(\chi^2(b) = {chi2_tex}\), which has two valleys. Gradient descent with a small "
        rf"step starts at \(b = {start}\). Where does it stop? Give \(b\) to {{precision}}.",
        local,
        hints=[rf"It walks downhill until \(\dfrac{{d\chi^2}}{{db}} = {tex(sp.expand(slope))} = 0\): find the flat place "
               r"nearest the start, on the same side.",
               r"Solve that cubic numerically, with Newton-Raphson from Module 5 starting near the valley."],
        worked=[rf"\(\dfrac{{d\chi^2}}{{db}} = {tex(sp.expand(slope))}\), zero at \(b \approx "
                rf"{', '.join(f'{r:.4f}' for r in roots)}\).",
                rf"From \(b = {start}\) the slope is {'positive' if slope.subs(b, start) > 0 else 'negative'}, so the "
                rf"descent moves towards the valley at \(b \approx {local:.4f}\) and stops there.",
                rf"There \(\chi^2 \approx {f_local:.4g}\), but the other valley, at \(b \approx {global_:.4f}\), is deeper "
                rf"(\(\chi^2 \approx {f_global:.4g}\)). The descent cannot see it: a local minimum, not the best fit."],
        wrong=[(global_, r"That is the deepest valley, but the descent starts on the other side and never crosses the "
                         r"hump between them."),
               (s if t > 0 else -s, rf"That is where \((b^2 - {s * s})^2\) alone is smallest; the term "
                                    rf"\({tex(t * b)}\) tilts the valley, so solve \(d\chi^2/db = 0\)."),
               (roots[1], r"That flat place is the hump between the valleys, a local maximum: the descent walks away from it.")],
        data={"chi2": learner(chi2), "start": start},
        precision=Precision(figures=3),
    )


TEMPLATES = [model_jacobian, chi2_gradient_b, largest_gamma_fit, starting_values_from_data, wrong_valley]
