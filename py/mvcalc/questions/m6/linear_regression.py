"""Linear regression: chi-squared for a line, its partial derivatives, and the closed form.

Climbs from the lesson's own computation (chi-squared for a given line) through the
closed form for the slope and the intercept to the derivative of chi-squared as an
expression and choosing the best of several lines. Data are small, with integer x, so a
learner can work by hand; the keys are recomputed by numpy.polyfit and sympy in the tests.
"""
from __future__ import annotations

import dataclasses
import itertools

import sympy as sp

from mvcalc.questions.builders import (choice_question, derivative_question, multi_question, numeric_question,
                                      require)
from mvcalc.questions.m6.line_data import closed_form, points, table
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.precision import FOUR_FIGURES, Precision
from mvcalc.questions.printing import factor, matrix_learner, matrix_tex, number, terms, tex

m, c = sp.symbols("m c")
CHI2 = (r"\(\chi^2(m, c) = \sum_i \frac{\big(y_i - (m x_i + c)\big)^2}{\sigma_i^2}\): square each residual, "
        r"divide by its error bar squared, and add.")
CLOSED = (r"The closed form: \(m = \frac{\sum_i (x_i - \bar x)\, y_i}{\sum_i (x_i - \bar x)^2}\) and "
          r"\(c = \bar y - m \bar x\).")


def _numeric(prompt, value, *, hints, worked, wrong, data, precision: Precision = FOUR_FIGURES) -> Question:
    """builders.numeric_question, as Module 6's templates call it."""
    return numeric_question(prompt, value, hints=hints, worked=worked, wrong=wrong, data=data, precision=precision)


def chi2_of_a_line(rng):
    """chi^2 of a given line on four points with equal error bars (the lesson's sum)."""
    xs, ys = points(rng, 4)
    sigma = rng.choice([0.5, 2, 2, 0.5])
    lm, lc = rng.choice([-2, -1, 1, 2, 3]), rng.randint(-2, 4)
    res = [y - (lm * x + lc) for x, y in zip(xs, ys)]
    ss = sum(r * r for r in res)
    value = sp.Rational(ss) / sp.nsimplify(sigma) ** 2
    require(ss > 0)
    shown = " + ".join(f"{factor(r)}^2" for r in res)
    residual = terms("y_i", -(lm * sp.Symbol("x_i") + lc))
    return _numeric(
        rf"Four measurements, each with error bar \(\sigma = {number(sigma)}\): {table(xs, ys)}"
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
        xs, ys = points(rng, 4)
        xb, yb, sxx, sxy, slope, icpt = closed_form(xs, ys)
        if sxy != 0:
            break
    through_origin = sp.Rational(sum(x * y for x, y in zip(xs, ys)), sum(x * x for x in xs))
    syy = sum((y - yb) ** 2 for y in ys)
    return _numeric(
        rf"Fit a straight line \(y = mx + c\) to these points (all with the same error bar) by least squares: "
        rf"{table(xs, ys)} What is the best slope \(m\)?",
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
        xs, ys = points(rng, 5)
        xb, yb, sxx, sxy, slope, icpt = closed_form(xs, ys)
        if slope != 0 and xb != 0:
            break
    return _numeric(
        rf"Fit \(y = mx + c\) to these points by least squares (equal error bars): {table(xs, ys)}"
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
    xs, ys = points(rng, 3)
    sigma = 1
    lm, lc = rng.choice([-1, 1, 2]), rng.randint(-2, 3)
    res = [y - (lm * x + lc) for x, y in zip(xs, ys)]
    value = -2 * sum(res)
    require(value != 0)
    return _numeric(
        rf"Three points with error bars \(\sigma = 1\): {table(xs, ys)} At \(m = {lm}\), \(c = {lc}\), "
        r"what is \(\dfrac{\partial \chi^2}{\partial c}\)?",
        value,
        hints=[r"\(\frac{\partial \chi^2}{\partial c} = -2\sum_i \big(y_i - (m x_i + c)\big)\) when \(\sigma = 1\).",
               rf"The residuals are \({', '.join(map(str, res))}\)."],
        worked=[r"Chain rule: \(\frac{\partial}{\partial c}(y_i - m x_i - c)^2 = -2(y_i - m x_i - c)\).",
                rf"Residuals: \({', '.join(map(str, res))}\), adding to \({sum(res)}\).",
                rf"So \(\frac{{\partial \chi^2}}{{\partial c}} = -2 \times {f'({sum(res)})' if sum(res) < 0 else sum(res)} = {value}\)."],
        wrong=[(-value, r"Sign slip: the inside \(y_i - m x_i - c\) has derivative \(-1\) with respect to \(c\)."),
               (sum(res), r"Differentiating the square brings down a factor 2 (and the chain rule a \(-1\))."),
               (-2 * sum(x * r for x, r in zip(xs, res)), r"That is \(\partial\chi^2/\partial m\), with the "
                                                          r"factor \(x_i\); for \(c\) the inner derivative is \(-1\).")],
        data={"x": xs, "y": ys, "line": [lm, lc], "ask": "dchi2_dc"},
    )


def derivative_of_chi2(rng):
    """d chi^2/dm as an expression in m and c, for two points."""
    xs, ys = points(rng, 2)
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
    xs, ys = points(rng, 5)
    _, _, _, _, slope, icpt = closed_form(xs, ys)
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
        rng, rf"Five measurements with equal error bars \(\sigma = 1\): {table(xs, ys)} Which line has the smallest \(\chi^2\)?",
        options,
        hints=[r"Compute \(\chi^2\) for each line, or find the best line by the closed form and look for it.",
               CLOSED],
        worked=[rf"The closed form gives \(m = {number(float(slope), 4)}\), \(c = {number(float(icpt), 4)}\).",
                rf"So {{key}}, \({tex_line(best)}\), with \(\chi^2 = {number(round(chi(best), 3))}\); every other line "
                r"has a larger \(\chi^2\)."],
        data={"x": xs, "y": ys, "lines": [list(best)] + [list(o) for o in others]},
    )


def _line_tex(slope, icpt) -> str:
    return tex(slope * sp.Symbol("x") + icpt)


def _orthogonal_noise(rng, xs, size=2):
    """A non-zero integer vector e (entries -size..size) with sum(e) = 0 and sum(x e) = 0: added to a
    line, it scatters the points while leaving the least-squares line exactly that line."""
    choices = [e for e in itertools.product(range(-size, size + 1), repeat=len(xs))
               if any(e) and sum(e) == 0 and sum(x * v for x, v in zip(xs, e)) == 0]
    require(bool(choices), "no scatter keeps this line")
    return list(rng.choice(choices))


def _nice_data(rng, n):
    """n points whose least-squares line is exactly y = m x + c with small integers m, c."""
    xs = sorted(rng.sample(range(0, 9), n))
    slope = rng.choice([-2, -1, 1, 2, 3])
    icpt = rng.randint(-3, 5)
    noise = _orthogonal_noise(rng, xs)
    ys = [slope * x + icpt + e for x, e in zip(xs, noise)]
    return xs, ys, slope, icpt, noise


def chi2_unequal_errors(rng):
    """chi^2 when the error bars differ: each residual in units of its own sigma."""
    xs, ys = points(rng, 4)
    sigma = [rng.choice([0.5, 1, 2]) for _ in xs]
    require(len(set(sigma)) >= 2)
    _, _, _, _, best_m, best_c = closed_form(xs, ys)
    lm, lc = int(round(best_m)), int(round(best_c)) + rng.choice([-1, 0, 1])   # a line near the data
    res = [y - (lm * x + lc) for x, y in zip(xs, ys)]
    require(sum(r != 0 for r in res) >= 3)
    parts = [sp.Rational(r * r) / sp.nsimplify(s) ** 2 for r, s in zip(res, sigma)]
    value = sum(parts)
    shown = " + ".join(rf"\left(\frac{{{r}}}{{{number(s)}}}\right)^2" for r, s in zip(res, sigma))
    return _numeric(
        rf"Four measurements with their error bars: {table(xs, ys, sigma)} What is \(\chi^2\) for the line "
        rf"\(y = {_line_tex(lm, lc)}\)?",
        value,
        hints=[CHI2, rf"The residuals \({terms('y_i', -(lm * sp.Symbol('x') + lc))}\) are \({', '.join(map(str, res))}\); divide each by "
                     r"its own \(\sigma_i\) before squaring."],
        worked=[rf"Residuals \(r_i = {terms('y_i', -(lm * sp.Symbol('x') + lc))}\): \({', '.join(map(str, res))}\).",
                rf"\(\chi^2 = {shown} = {' + '.join(number(float(t)) for t in parts)} = {number(float(value))}\).",
                r"A point with a small error bar counts for more: the same residual costs four times as much at "
                r"\(\sigma = 0.5\) as at \(\sigma = 1\)."],
        wrong=[(sum(r * r for r in res), r"That is the plain sum of squared residuals: divide each by its own \(\sigma_i^2\)."),
               (sum(r * r / s for r, s in zip(res, sigma)), r"Divide each squared residual by \(\sigma_i^2\), not \(\sigma_i\)."),
               (sum(r * r * s * s for r, s in zip(res, sigma)), r"Divide by \(\sigma_i^2\), do not multiply: precise points "
                                                               r"(small \(\sigma_i\)) must count more, not less.")],
        data={"x": xs, "y": ys, "sigma": sigma, "line": [lm, lc], "ask": "chi2"},
    )


BEST_LINE = {
    "best": r"Yes: the residuals add up to 0, and so does \(\sum_i x_i r_i\).",
    "shift": r"No: the residuals do not add up to 0, so changing \(c\) would lower \(\chi^2\).",
    "tilt": r"No: \(\sum_i x_i r_i \ne 0\), so changing the slope \(m\) would lower \(\chi^2\).",
    "zero": r"No: the best line would have every residual equal to 0.",
}


def is_it_the_best_line(rng):
    """The normal equations read as facts about residuals: sum r = 0 and sum x r = 0 at the best line."""
    xs, ys, slope, icpt, noise = _nice_data(rng, 5)
    case = rng.choice(["best", "shift", "tilt"])
    xbar = sp.Rational(sum(xs), len(xs))
    if case == "best":
        res = noise
    elif case == "shift":
        res = [e + rng.choice([-1, 1]) for e in noise]
    else:
        k = rng.choice([-1, 1])
        res = [e + k * (x - xbar) for x, e in zip(xs, noise)]
        require(all(r == int(r) for r in res))
    res = [int(r) for r in res]
    line = (slope, icpt)
    data_y = [slope * x + icpt + r for x, r in zip(xs, res)]
    sums = (sum(res), sum(x * r for x, r in zip(xs, res)))
    truth = "best" if sums == (0, 0) else ("shift" if sums[0] != 0 else "tilt")
    require(truth == case)
    why = (rf"\(\sum_i r_i = {sums[0]}\) and \(\sum_i x_i r_i = {sums[1]}\)." + {
        "best": r" Both normal equations hold, so no small change of \(m\) or \(c\) lowers \(\chi^2\).",
        "shift": r" \(\partial\chi^2/\partial c = -2\sum_i r_i \ne 0\): moving the line up or down lowers \(\chi^2\).",
        "tilt": r" \(\sum_i r_i = 0\), but \(\partial\chi^2/\partial m = -2\sum_i x_i r_i \ne 0\): turning the line lowers \(\chi^2\)."}[truth])
    options = [{"text": t, "correct": k == truth, "feedback": rf"Add up the residuals, then the products \(x_i r_i\): {why}"}
               for k, t in BEST_LINE.items()]
    return choice_question(
        rng, rf"A line \(y = {_line_tex(*line)}\) is drawn through five points with equal error bars. "
             rf"At \(x_i = {', '.join(map(str, xs))}\) its residuals \(r_i = y_i - (m x_i + c)\) are "
             rf"\({', '.join(map(str, res))}\). Is it the least-squares line?",
        options,
        hints=[r"At the best line both partial derivatives of \(\chi^2\) are zero: "
               r"\(\partial\chi^2/\partial c = -2\sum_i r_i\) and \(\partial\chi^2/\partial m = -2\sum_i x_i r_i\) (for \(\sigma = 1\)).",
               r"So check two sums: \(\sum_i r_i\) and \(\sum_i x_i r_i\)."],
        worked=[why, "So the answer is {key}. Real data never lie exactly on a line, so the best line still has residuals: "
                     "what makes it best is that they balance."],
        data={"x": xs, "y": data_y, "line": list(line), "residuals": res, "truth": truth},
    )


def _sums(xs, ys):
    return len(xs), sum(xs), sum(x * x for x in xs), sum(ys), sum(x * y for x, y in zip(xs, ys))


def normal_equations_matrix(rng):
    """The 2 x 2 matrix of the normal equations for y = m x + c."""
    xs, ys = points(rng, rng.choice([4, 5]))
    n, sx, sxx, sy, sxy = _sums(xs, ys)
    answer = [[sxx, sx], [sx, n]]
    q = Question(
        kind="matrix",
        prompt=(rf"Fit \(y = mx + c\) to {table(xs, ys)} by least squares (equal error bars). Setting "
                r"\(\partial\chi^2/\partial m = 0\) and \(\partial\chi^2/\partial c = 0\) gives two linear equations, the "
                r"normal equations, \[A \begin{pmatrix} m \\ c \end{pmatrix} = \mathbf{b}.\] "
                r"With the first row from \(\partial\chi^2/\partial m = 0\), what is the matrix \(A\)?"),
        solution=matrix_learner(answer),
        hints=[r"\(\partial\chi^2/\partial m = -2\sum_i x_i (y_i - m x_i - c) = 0\) rearranges to "
               r"\(m \sum x_i^2 + c \sum x_i = \sum x_i y_i\).",
               r"\(\partial\chi^2/\partial c = -2\sum_i (y_i - m x_i - c) = 0\) rearranges to \(m \sum x_i + c\,n = \sum y_i\)."],
        worked=[r"\(\partial\chi^2/\partial m = 0\): \(m \sum x_i^2 + c \sum x_i = \sum x_i y_i\); "
                r"\(\partial\chi^2/\partial c = 0\): \(m \sum x_i + c\, n = \sum y_i\).",
                rf"Here \(n = {n}\), \(\sum x_i = {sx}\), \(\sum x_i^2 = {sxx}\) (and \(\mathbf{{b}} = ({sxy}, {sy})\)).",
                rf"So \(A = {matrix_tex(answer)}\). Solving this 2 × 2 system gives the same line as the closed form."],
        misconceptions=[Misconception(matrix_learner(w), fb) for w, fb in (
            ([[n, sx], [sx, sxx]], r"That is the matrix for the unknowns in the order \((c, m)\): with the first row from "
                                   r"\(\partial\chi^2/\partial m\) and the unknowns \((m, c)\), \(\sum x_i^2\) comes first."),
            ([[sx * sx, sx], [sx, n]], r"\(\sum x_i^2\) squares each \(x_i\) before adding: it is not \(\left(\sum x_i\right)^2\)."),
            ([[sxx, sx], [sx, 1]], r"\(\sum_i c = n\,c\): the bottom-right entry counts the points."),
        ) if w != answer],
        answer_hint="Type a matrix row by row, e.g. [[30, 10], [10, 4]].",
        variables=(),
        data={"x": xs, "y": ys, "ask": "normal_matrix"},
    )
    return q


def solve_normal_equations(rng):
    """From the five sums to the best line: solve the normal equations."""
    xs, ys, slope, icpt, _ = _nice_data(rng, rng.choice([4, 5]))
    n, sx, sxx, sy, sxy = _sums(xs, ys)
    det = sxx * n - sx * sx
    return_q = _vector(
        rf"A least-squares fit of \(y = mx + c\) to {n} points (equal error bars) has \(\sum x_i = {sx}\), "
        rf"\(\sum x_i^2 = {sxx}\), \(\sum y_i = {sy}\) and \(\sum x_i y_i = {sxy}\). Solve the normal equations "
        r"\[\begin{pmatrix} \sum x_i^2 & \sum x_i \\ \sum x_i & n \end{pmatrix} \begin{pmatrix} m \\ c \end{pmatrix} "
        r"= \begin{pmatrix} \sum x_i y_i \\ \sum y_i \end{pmatrix}\] for the best line. Give \([m, c]\).",
        [slope, icpt],
        hints=[r"Two equations, two unknowns: eliminate \(c\) (or use the inverse of a 2 × 2 matrix).",
               rf"\({sxx}m + {sx}c = {sxy}\) and \({sx}m + {n}c = {sy}\)."],
        worked=[rf"\({sxx}m + {sx}c = {sxy}\) and \({sx}m + {n}c = {sy}\).",
                rf"Determinant: \({sxx} \times {n} - {factor(sx)}^2 = {det}\). Then "
                rf"\(m = \dfrac{{{n} \times {factor(sxy)} - {factor(sx)} \times {factor(sy)}}}{{{det}}} = {slope}\) and "
                rf"\(c = \dfrac{{{sxx} \times {factor(sy)} - {factor(sx)} \times {factor(sxy)}}}{{{det}}} = {icpt}\).",
                rf"The best line is \(y = {_line_tex(slope, icpt)}\)."],
        wrong=[([icpt, slope], "The order is [m, c]: slope first."),
               ([sp.Rational(sxy, sxx), 0], r"\(\sum x_i y_i / \sum x_i^2\) is the best line through the origin: the "
                                            r"intercept must be solved for too."),
               ([sp.Rational(sy, sx) if sx else 0, 0], r"\(\sum y_i / \sum x_i\) is not the slope: solve both equations together.")],
        data={"sums": [n, sx, sxx, sy, sxy], "x": xs, "y": ys},
    )
    return return_q


def _vector(prompt, rows, *, hints, worked, wrong, data) -> Question:
    rows = [sp.nsimplify(v) for v in rows]
    kept = []
    for w, fb in wrong:
        w = [sp.nsimplify(v) for v in w]
        if w != rows and all(w != k for k, _ in kept):
            kept.append((w, fb))
    return Question(kind="matrix", prompt=prompt, solution=matrix_learner(rows), hints=list(hints), worked=list(worked),
                    misconceptions=[Misconception(matrix_learner(w), fb) for w, fb in kept],
                    answer_hint="Type a vector in square brackets, e.g. [2, -1.5] (fractions are fine).",
                    variables=(), data=data)


def fit_through_origin(rng):
    """A model with one parameter, y = m x: set d chi^2/dm = 0 yourself."""
    xs = sorted(rng.sample(range(1, 9), 4))
    k = rng.choice([0.5, 1.5, 2, 2.5, 3])
    ys = [round(k * x + rng.choice([-1, -0.5, 0, 0.5, 1]), 1) for x in xs]
    sxy = sum(x * y for x, y in zip(xs, ys))
    sxx = sum(x * x for x in xs)
    value = sxy / sxx
    _, _, _, _, full_slope, _ = closed_form(xs, [sp.nsimplify(v) for v in ys])
    ratios = sum(y / x for x, y in zip(xs, ys)) / len(xs)
    return _numeric(
        rf"A spring stretches \(y\) cm under a load \(x\) N, and theory says \(y = mx\) (no intercept: no load, no "
        rf"stretch). Fit \(m\) by least squares to {table(xs, [number(v) for v in ys])} (equal error bars). "
        r"What is the best \(m\)?",
        value,
        hints=[r"\(\chi^2(m) = \sum_i (y_i - m x_i)^2\), a parabola in \(m\): set \(\dfrac{d\chi^2}{dm} = 0\).",
               r"\(\dfrac{d\chi^2}{dm} = -2\sum_i x_i (y_i - m x_i)\)."],
        worked=[r"\(\dfrac{d\chi^2}{dm} = -2\sum_i x_i (y_i - m x_i) = 0\) gives \(m = \dfrac{\sum x_i y_i}{\sum x_i^2}\).",
                rf"\(\sum x_i y_i = {number(sxy)}\) and \(\sum x_i^2 = {sxx}\), so \(m = {number(value, 5)}\).",
                r"With one parameter there is one equation: the same recipe as for the line, with the model changed."],
        wrong=[(full_slope, r"That is the slope of the best line \(y = mx + c\) with an intercept; here the model has no "
                            r"\(c\), so \(\chi^2\) and its minimum are different."),
               (sum(ys) / sum(xs), r"\(\sum y_i / \sum x_i\) is not where \(d\chi^2/dm = 0\): weight each point by its \(x_i\)."),
               (ratios, r"The mean of the ratios \(y_i/x_i\) is not the least-squares answer: set \(d\chi^2/dm = 0\).")],
        data={"x": xs, "y": ys, "ask": "through_origin"},
    )


WHY_SQUARES = [
    (True, r"Squares are never negative, so residuals above and below the line cannot cancel.", ""),
    (True, r"\(\chi^2\) is smooth in the parameters, so setting its derivatives to 0 gives equations we can solve.", ""),
    (True, r"Dividing by \(\sigma_i^2\) lets precise measurements count for more.", ""),
    (True, r"If the errors are Gaussian, the smallest \(\chi^2\) is the most likely set of parameters.", ""),
    (False, r"Squaring makes large residuals (outliers) count for less.",
     r"Squaring makes large residuals count for more: a residual of 3 costs 9 times as much as one of 1."),
    (False, r"The least-squares line passes through every data point.",
     r"Measurements scatter: the best line passes near the points, and its residuals balance out."),
    (False, r"Adding the residuals without squaring would find the same line.",
     r"Plain residuals cancel: every line through \((\bar x, \bar y)\) has residuals adding up to 0."),
    (False, r"\(\chi^2\) does not depend on the error bars.",
     r"Each residual is divided by its own \(\sigma_i\): change the error bars and \(\chi^2\) changes."),
]


def why_least_squares(rng):
    """Select all that apply: why minimise a sum of squares?"""
    true = [s for s in WHY_SQUARES if s[0]]
    false = [s for s in WHY_SQUARES if not s[0]]
    picked = rng.sample(true, 2) + rng.sample(false, 2)
    picked.append(rng.choice([s for s in WHY_SQUARES if s not in picked]))
    options = [{"text": t, "correct": ok, "feedback": fb if not ok else "That one is true too: select every true statement."}
               for ok, t, fb in picked]
    return multi_question(
        rng, r"A fit minimises \(\chi^2 = \sum_i \big(y_i - f(x_i)\big)^2 / \sigma_i^2\), a sum of squared "
             r"residuals. Select every true statement about this choice.",
        options,
        hints=[r"Think of two residuals, \(+2\) and \(-2\): what does their plain sum say, and what does the sum of squares say?",
               r"The lesson: each residual is measured in units of its own error bar, then squared."],
        worked=[r"Squares stop positive and negative residuals cancelling, make \(\chi^2\) smooth (so calculus finds its "
                r"minimum), and with the \(1/\sigma_i^2\) weights give precise points more say; for Gaussian errors "
                r"the smallest \(\chi^2\) is also the most likely fit.",
                r"The true statements here: {keys}."],
        data={"statements": [t for _, t, _ in picked]},
    )


def weighted_mean(rng):
    """Fit a constant y = c to measurements with different error bars: the weighted mean."""
    n = 3
    ys = [round(rng.uniform(9.0, 11.0), 1) for _ in range(n)]
    sigma = [rng.choice([0.1, 0.2, 0.5, 1]) for _ in range(n)]
    require(len(set(sigma)) >= 2 and len(set(ys)) == n)
    w = [1 / s**2 for s in sigma]
    value = sum(wi * yi for wi, yi in zip(w, ys)) / sum(w)
    plain = sum(ys) / n
    require(abs(value - plain) > 0.02)
    by_sigma = sum(yi / s for yi, s in zip(ys, sigma)) / sum(1 / s for s in sigma)
    rows = [r"\text{measurement} & " + " & ".join(str(i + 1) for i in range(n)),
            r"y_i & " + " & ".join(number(v) for v in ys), r"\sigma_i & " + " & ".join(number(s) for s in sigma)]
    shown = r"\[\begin{array}{c|" + "c" * n + "} " + r" \\ \hline ".join(rows) + r" \end{array}\]"
    return _numeric(
        rf"Three measurements of the same length, each with its error bar: {shown} Fit the model \(y = c\) (a constant) "
        r"by minimising \(\chi^2 = \sum_i (y_i - c)^2/\sigma_i^2\). What is the best \(c\)?",
        value,
        hints=[r"Set \(\dfrac{d\chi^2}{dc} = -2\sum_i \dfrac{y_i - c}{\sigma_i^2} = 0\) and solve for \(c\).",
               r"You get a weighted mean, \(c = \dfrac{\sum_i y_i/\sigma_i^2}{\sum_i 1/\sigma_i^2}\)."],
        worked=[r"\(\dfrac{d\chi^2}{dc} = 0\) gives \(c = \dfrac{\sum_i y_i/\sigma_i^2}{\sum_i 1/\sigma_i^2}\), each "
                r"measurement weighted by \(1/\sigma_i^2\).",
                rf"Weights \(1/\sigma_i^2\): \({', '.join(number(v) for v in w)}\). So \(c = {number(value, 5)}\).",
                rf"The plain mean, {number(plain, 5)}, ignores that some measurements are more precise."],
        wrong=[(plain, r"That is the plain mean: \(\chi^2\) weights each measurement by \(1/\sigma_i^2\)."),
               (by_sigma, r"Weight by \(1/\sigma_i^2\), not \(1/\sigma_i\): the residual is divided by \(\sigma_i\) and then squared."),
               (sum(yi * s**2 for yi, s in zip(ys, sigma)) / sum(s**2 for s in sigma),
                r"Precise measurements (small \(\sigma_i\)) should count more: the weight is \(1/\sigma_i^2\), not \(\sigma_i^2\).")],
        data={"y": ys, "sigma": sigma, "ask": "weighted_mean"},
    )


TEMPLATES = [chi2_of_a_line, slope_by_closed_form, intercept_by_closed_form, gradient_at_a_point,
             derivative_of_chi2, smallest_chi2, chi2_unequal_errors, is_it_the_best_line, normal_equations_matrix,
             solve_normal_equations, fit_through_origin, why_least_squares, weighted_mean]

from mvcalc.questions.m6.visual import lowest_chi2_line, residual_plot, chi2_map_point  # noqa: E402 (visual, issue 13; imports this module)
TEMPLATES += [lowest_chi2_line, residual_plot, chi2_map_point]  # visual (issue 13): appended, never reordered
