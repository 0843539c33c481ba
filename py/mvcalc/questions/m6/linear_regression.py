"""Linear regression: chi-squared for a line, its partial derivatives, and the closed form.

Climbs from the lesson's own computation (chi-squared for a given line) through the
closed form for the slope and the intercept to the derivative of chi-squared as an
expression and choosing the best of several lines. Data are small, with integer x, so a
learner can work by hand; the keys are recomputed by numpy.polyfit and sympy in the tests.
"""
from __future__ import annotations

import dataclasses

import sympy as sp

from mvcalc.questions.builders import choice_question, derivative_question, numeric_question, require
from mvcalc.questions.model import Question
from mvcalc.questions.printing import factor, number, terms, tex

m, c = sp.symbols("m c")
CHI2 = (r"\(\chi^2(m, c) = \sum_i \frac{\big(y_i - (m x_i + c)\big)^2}{\sigma_i^2}\): square each residual, "
        r"divide by its error bar squared, and add.")
CLOSED = (r"The closed form: \(m = \frac{\sum_i (x_i - \bar x)\, y_i}{\sum_i (x_i - \bar x)^2}\) and "
          r"\(c = \bar y - m \bar x\).")


def _data(rng, n, slope_range=(-3, 3)):
    """n points with distinct integer x and integer y near a line."""
    xs = sorted(rng.sample(range(0, 9), n))
    slope = rng.choice([k for k in range(*slope_range) if k != 0] + [0.5, 1.5])
    icpt = rng.randint(-3, 5)
    ys = [int(round(slope * x + icpt + rng.choice([-2, -1, 0, 1, 2]))) for x in xs]
    return xs, ys


def _table(xs, ys, sigma=None) -> str:
    head = r"\begin{array}{c|" + "c" * len(xs) + "} "
    rows = [r"x_i & " + " & ".join(str(v) for v in xs), r"y_i & " + " & ".join(str(v) for v in ys)]
    if sigma is not None:
        rows.append(r"\sigma_i & " + " & ".join(number(s) for s in sigma))
    return r"\[" + head + r" \\ \hline ".join(rows) + r" \end{array}\]"


def _closed(xs, ys):
    n = len(xs)
    xb, yb = sp.Rational(sum(xs), n), sp.Rational(sum(ys), n)
    sxx = sum((x - xb) ** 2 for x in xs)
    sxy = sum((x - xb) * y for x, y in zip(xs, ys))
    slope = sxy / sxx
    return xb, yb, sxx, sxy, slope, yb - slope * xb


def _numeric(prompt, value, *, hints, worked, wrong, data) -> Question:
    """builders.numeric_question, as Module 6's templates call it."""
    return numeric_question(prompt, value, hints=hints, worked=worked, wrong=wrong, data=data)


def chi2_of_a_line(rng):
    """chi^2 of a given line on four points with equal error bars (the lesson's sum)."""
    xs, ys = _data(rng, 4)
    sigma = rng.choice([0.5, 2, 2, 0.5])
    lm, lc = rng.choice([-2, -1, 1, 2, 3]), rng.randint(-2, 4)
    res = [y - (lm * x + lc) for x, y in zip(xs, ys)]
    ss = sum(r * r for r in res)
    value = sp.Rational(ss) / sp.nsimplify(sigma) ** 2
    require(ss > 0)
    shown = " + ".join(f"{factor(r)}^2" for r in res)
    residual = terms("y_i", -(lm * sp.Symbol("x_i") + lc))
    return _numeric(
        rf"Four measurements, each with error bar \(\sigma = {number(sigma)}\): {_table(xs, ys)}"
        rf"What is \(\chi^2\) for the line \(y = {tex(lm * sp.Symbol('x') + lc)}\)?",
        value,
        hints=[CHI2, rf"The residuals \(y_i - (m x_i + c) = {residual}\) are \({', '.join(map(str, res))}\)."],
        worked=[rf"Residuals \(r_i = {residual}\): \({', '.join(map(str, res))}\).",
                rf"Sum of squares: \({shown} = {ss}\).",
                rf"Divide by \(\sigma^2 = {number(sigma ** 2)}\): \(\chi^2 = {number(float(value))}\)."],
        wrong=[(ss, r"That is the sum of the squared residuals: divide it by \(\sigma^2\)."),
               (ss / sigma, r"Divide by \(\sigma^2\), not \(\sigma\): each residual is measured in units of "
                            r"its error bar, and then squared."),
               (sum(res) ** 2 / sigma ** 2, r"Square each residual before adding them, not the total.")],
        data={"x": xs, "y": ys, "sigma": [sigma] * 4, "line": [lm, lc], "ask": "chi2"},
    )


def slope_by_closed_form(rng):
    """The best slope m for four points, by the closed form."""
    while True:
        xs, ys = _data(rng, 4)
        xb, yb, sxx, sxy, slope, icpt = _closed(xs, ys)
        if sxy != 0:
            break
    through_origin = sp.Rational(sum(x * y for x, y in zip(xs, ys)), sum(x * x for x in xs))
    syy = sum((y - yb) ** 2 for y in ys)
    return _numeric(
        rf"Fit a straight line \(y = mx + c\) to these points (all with the same error bar) by least squares: "
        rf"{_table(xs, ys)} What is the best slope \(m\)?",
        slope,
        hints=[CLOSED, rf"\(\bar x = {tex(xb)}\); then \(\sum_i (x_i - \bar x)^2 = {tex(sxx)}\)."],
        worked=[rf"\(\bar x = {tex(xb)}\), \(\bar y = {tex(yb)}\).",
                rf"\(\sum_i (x_i - \bar x)\,y_i = {tex(sxy)}\) and \(\sum_i (x_i - \bar x)^2 = {tex(sxx)}\).",
                rf"\(m = {tex(sxy)} / {tex(sxx)} = {number(float(slope), 5)}\)."],
        wrong=[(through_origin, r"\(\sum x_i y_i / \sum x_i^2\) is the best line through the origin (c = 0): "
                                r"subtract the means first."),
               (sxy / syy if syy else 0, r"You have the slope of x against y: the denominator is "
                                         r"\(\sum (x_i - \bar x)^2\), the spread of the x values.")],
        data={"x": xs, "y": ys, "ask": "slope"},
    )


def intercept_by_closed_form(rng):
    """The best intercept c for five points."""
    while True:
        xs, ys = _data(rng, 5)
        xb, yb, sxx, sxy, slope, icpt = _closed(xs, ys)
        if slope != 0 and xb != 0:
            break
    return _numeric(
        rf"Fit \(y = mx + c\) to these points by least squares (equal error bars): {_table(xs, ys)}"
        r"What is the best intercept \(c\)?",
        icpt,
        hints=[CLOSED, rf"First the slope: \(m = {tex(sxy)}/{tex(sxx)}\)."],
        worked=[rf"\(\bar x = {tex(xb)}\), \(\bar y = {tex(yb)}\).",
                rf"\(m = \frac{{\sum (x_i - \bar x) y_i}}{{\sum (x_i - \bar x)^2}} = \frac{{{tex(sxy)}}}{{{tex(sxx)}}}"
                rf" = {number(float(slope), 5)}\).",
                rf"\(c = \bar y - m \bar x = {number(float(yb), 5)} - {factor(number(float(slope), 5))} \times "
                rf"{factor(number(float(xb), 5))} = {number(float(icpt), 5)}\)."],
        wrong=[(yb, r"That is \(\bar y\): the line passes through \((\bar x, \bar y)\), so \(c = \bar y - m\bar x\)."),
               (yb + slope * xb, r"Sign slip: \(c = \bar y - m \bar x\).")],
        data={"x": xs, "y": ys, "ask": "intercept"},
    )


def gradient_at_a_point(rng):
    """d chi^2/dc at a given (m, c): the partial derivative as a number."""
    xs, ys = _data(rng, 3)
    sigma = 1
    lm, lc = rng.choice([-1, 1, 2]), rng.randint(-2, 3)
    res = [y - (lm * x + lc) for x, y in zip(xs, ys)]
    value = -2 * sum(res)
    require(value != 0)
    return _numeric(
        rf"Three points with error bars \(\sigma = 1\): {_table(xs, ys)} At \(m = {lm}\), \(c = {lc}\), "
        r"what is \(\dfrac{\partial \chi^2}{\partial c}\)?",
        value,
        hints=[r"\(\frac{\partial \chi^2}{\partial c} = -2\sum_i \big(y_i - (m x_i + c)\big)\) when \(\sigma = 1\).",
               rf"The residuals are \({', '.join(map(str, res))}\)."],
        worked=[r"Chain rule: \(\frac{\partial}{\partial c}(y_i - m x_i - c)^2 = -2(y_i - m x_i - c)\).",
                rf"Residuals: \({', '.join(map(str, res))}\), adding to \({sum(res)}\).",
                rf"So \(\frac{{\partial \chi^2}}{{\partial c}} = -2 \times ({sum(res)}) = {value}\)."],
        wrong=[(-value, r"Sign slip: the inside \(y_i - m x_i - c\) has derivative \(-1\) with respect to \(c\)."),
               (sum(res), r"Differentiating the square brings down a factor 2 (and the chain rule a \(-1\))."),
               (-2 * sum(x * r for x, r in zip(xs, res)), r"That is \(\partial\chi^2/\partial m\), with the "
                                                          r"factor \(x_i\); for \(c\) the inner derivative is \(-1\).")],
        data={"x": xs, "y": ys, "line": [lm, lc], "ask": "dchi2_dc"},
    )


def derivative_of_chi2(rng):
    """d chi^2/dm as an expression in m and c, for two points."""
    xs, ys = _data(rng, 2)
    require(all(x != 0 for x in xs))
    terms = [(y - m * x - c) for x, y in zip(xs, ys)]
    chi = sum(t ** 2 for t in terms)
    answer = sum(-2 * x * t for x, t in zip(xs, terms))
    q = derivative_question(
        chi, answer,
        ask=(rf"Two points, \(({xs[0]}, {ys[0]})\) and \(({xs[1]}, {ys[1]})\), with \(\sigma = 1\), give "
             rf"\[\chi^2(m, c) = ({tex(terms[0])})^2 + ({tex(terms[1])})^2.\] Find \(\dfrac{{\partial \chi^2}}{{\partial m}}\) "
             r"(an expression in \(m\) and \(c\))."),
        wrong=[(sum(-2 * t for t in terms), r"That is \(\partial\chi^2/\partial c\): with respect to \(m\) the "
                                           r"inside \(y_i - m x_i - c\) has derivative \(-x_i\), the chain rule's factor."),
               (sum(2 * x * t for x, t in zip(xs, terms)), r"Sign slip: the derivative of \(y_i - m x_i - c\) with "
                                                          r"respect to \(m\) is \(-x_i\)."),
               (sum(-x * t for x, t in zip(xs, terms)), r"Differentiating a square brings down a factor 2.")],
        hints=[r"Differentiate each square with the chain rule, holding \(c\) constant.",
               rf"\(\frac{{\partial}}{{\partial m}}({tex(terms[0])})^2 = 2({tex(terms[0])}) \cdot ({-xs[0]})\)."],
        worked=[rf"\(\frac{{\partial}}{{\partial m}}({tex(terms[0])})^2 = {tex(-2 * xs[0] * terms[0])}\).",
                rf"\(\frac{{\partial}}{{\partial m}}({tex(terms[1])})^2 = {tex(-2 * xs[1] * terms[1])}\).",
                rf"Add: \(\frac{{\partial \chi^2}}{{\partial m}} = {tex(sp.expand(answer))}\)."],
        symbols=(m, c),
    )
    return dataclasses.replace(q, data={"x": xs, "y": ys, "chi2": str(chi), "ask": "dchi2_dm"})


def smallest_chi2(rng):
    """Which of four lines has the smallest chi^2? The best fit, against near misses."""
    xs, ys = _data(rng, 5)
    _, _, _, _, slope, icpt = _closed(xs, ys)
    best = (round(float(slope), 2), round(float(icpt), 2))
    def chi(line):
        return sum((y - (line[0] * x + line[1])) ** 2 for x, y in zip(xs, ys))

    others = [(best[0], round(best[1] + rng.choice([-1.5, 1.5]), 2)),
              (round(best[0] + rng.choice([-0.5, 0.5]), 2), best[1]),
              (round(best[0] + 0.4, 2), round(best[1] - 0.4 * sum(xs) / len(xs) - 1, 2)),
              (round(best[0] - 0.3, 2), round(best[1] + 1.2, 2))]
    rng.shuffle(others)
    others = others[:3]
    require(all(chi(o) > chi(best) + 0.5 for o in others))

    def tex_line(line):
        return rf"y = {number(line[0])}x {'+' if line[1] >= 0 else '-'} {number(abs(line[1]))}"

    options = [{"tex": tex_line(best), "correct": True, "value": f"{best[0]}, {best[1]}"}]
    for o in others:
        options.append({"tex": tex_line(o), "value": f"{o[0]}, {o[1]}",
                        "feedback": rf"\({tex_line(o)}\) gives \(\chi^2 = {number(round(chi(o), 3))}\); another line does better."})
    return choice_question(
        rng, rf"Five measurements with equal error bars \(\sigma = 1\): {_table(xs, ys)} Which line has the smallest \(\chi^2\)?",
        options,
        hints=[r"Compute \(\chi^2\) for each line, or find the best line by the closed form and look for it.",
               CLOSED],
        worked=[rf"The closed form gives \(m = {number(float(slope), 4)}\), \(c = {number(float(icpt), 4)}\).",
                rf"So {{key}}, \({tex_line(best)}\), with \(\chi^2 = {number(round(chi(best), 3))}\); every other line "
                r"has a larger \(\chi^2\)."],
        data={"x": xs, "y": ys, "lines": [list(best)] + [list(o) for o in others]},
    )


TEMPLATES = [chi2_of_a_line, slope_by_closed_form, intercept_by_closed_form, gradient_at_a_point,
             derivative_of_chi2, smallest_chi2]
