"""Module 6 in pictures: fits, residuals and the χ² landscape.

- lowest_chi2_line: which of three lines through the data has the lowest χ² (picked on the figure);
- residual_plot: which residual plot belongs to the best-fit line;
- chi2_map_point: click the best (m, c) on the χ² map of a straight-line fit;
- lowest_chi2_curve: which exponential-decay fit has the lowest χ²;
- chi2_descent_arrow: which arrow on the χ²(a, b) map of a decay fit is steepest descent.

Keys come from the closed form or from χ² computed here; the tests recompute them with numpy.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import choice_question, require
from mvcalc.questions.figure import Arrow, Curve, Figure, Marker, Points
from mvcalc.questions.figure_alt import fmt
from mvcalc.questions.figure_builders import pick_question, point_question
from mvcalc.questions.m6.line_data import closed_form, points, table
from mvcalc.questions.maps import ahead, apart, contour
from mvcalc.questions.printing import learner, number, tex, x, y

CHI2 = (r"\(\chi^2 = \sum_i \frac{\big(y_i - f(x_i)\big)^2}{\sigma_i^2}\): square each residual (the vertical "
        r"gap from the point to the curve), divide by \(\sigma_i^2\) and add.")


def _chi2(xs, ys, model, sigma=1.0) -> float:
    return float(sum((yi - model(xi))**2 for xi, yi in zip(xs, ys)) / sigma**2)


def _line(slope, icpt):
    return lambda v: float(slope) * v + float(icpt)


def _line_expr(slope, icpt):
    """m x + c in learner syntax, to 6 decimals (exact enough for any figure or χ²)."""
    return learner(sp.Float(round(float(slope), 6)) * x + sp.Float(round(float(icpt), 6))).replace(".0 ", " ")


def _line_tex(slope, icpt) -> str:
    """y = m x + c for the reader, to 2 decimals, signs written once."""
    c = float(icpt)
    return f"y = {fmt(float(slope))}x {'-' if c < 0 else '+'} {fmt(abs(c))}"


def _round(v, places=3):
    return float(round(float(v), places))


def lowest_chi2_line(rng):
    """Three lines through the same data: the best fit, the line through the end points, and a line
    shifted or tilted. Which has the lowest χ²?"""
    xs, ys = points(rng, 6)
    sigma = 1.0
    _, yb, _, _, slope, icpt = closed_form(xs, ys)
    xb = sum(xs) / len(xs)
    ends = (sp.Rational(ys[-1] - ys[0], xs[-1] - xs[0]),)
    ends = (ends[0], ys[0] - ends[0] * xs[0])
    shift = rng.choice([-1.5, 1.5])
    tilt = rng.choice([-0.6, 0.6])
    lines = [((slope, icpt), True, ""),
             (ends, False, "That line goes exactly through the first and last points but misses the others by more: "
                           "\\(\\chi^2\\) counts every point."),
             ((slope, icpt + shift), False, f"That line has the best slope but sits too {'high' if shift > 0 else 'low'}: "
                                             f"almost every residual has the same sign."),
             ((slope + tilt, float(yb) - (float(slope) + tilt) * xb), False,
              f"That line passes through the middle of the data but is too {'steep' if tilt > 0 else 'shallow'}: "
              "its residuals grow towards the ends.")]
    chis = [_chi2(xs, ys, _line(s, c), sigma) for (s, c), _, _ in lines]
    # three lines on one figure: the best and the two clearest slips
    order = [0] + sorted(range(1, 4), key=lambda i: -chis[i])[:2]
    require(all(chis[i] >= 1.5 * chis[0] + 1 for i in order[1:]), "a slip fits nearly as well as the best line")
    window = (min(xs) - 0.5, max(xs) + 0.5)
    y_lo, y_hi = min(ys) - 2.5, max(ys) + 2.5

    def gap(i, j):          # straight lines are farthest apart at one end of the window
        (m1, c1), (m2, c2) = lines[i][0], lines[j][0]
        return max(abs(float((m1 - m2) * x + c1 - c2)) for x in window)
    require(all(gap(i, j) >= 0.15 * (y_hi - y_lo) for i in order for j in order if i < j),
            "two lines run too close to tell apart (or to label)")
    options = [{"item": Curve(_line_expr(*lines[i][0]), name="line"), "correct": lines[i][1],
                "feedback": lines[i][2]} for i in order]
    data = Points(tuple(float(v) for v in xs), tuple(float(v) for v in ys), (sigma,) * len(xs))
    figure = Figure((data,), window, (float(y_lo), float(y_hi)))
    return pick_question(
        rng, r"Each data point has the same error bar, \(\sigma = 1\). Which line has the lowest "
             r"\(\chi^2 = \sum_i \big(y_i - (m x_i + c)\big)^2/\sigma^2\)? Pick it on the figure.",
        options, figure=figure,
        hints=[CHI2, "Look at the vertical gaps between the points and each line: large gaps count squared."],
        worked=[f"\\(\\chi^2\\) of the best-fit line, \\({_line_tex(slope, icpt)}\\), is {fmt(chis[0])}.",
                "The others: " + ", ".join(f"\\({_line_tex(*lines[i][0])}\\) has \\(\\chi^2 = {fmt(chis[i])}\\)"
                                             for i in order[1:]) + ".",
                "So the lowest \\(\\chi^2\\) is line {key}, the least-squares line."],
        data={"x": [float(v) for v in xs], "y": [float(v) for v in ys], "sigma": sigma},
    )


def _residual_figure(xs, residuals, spread) -> Figure:
    return Figure((Curve("0", name="zero", colour="grey", style="dashed"),
                   Points(tuple(float(v) for v in xs), tuple(_round(r) for r in residuals), name="residuals",
                          colour="blue")),
                  (min(xs) - 0.5, max(xs) + 0.5), (-spread, spread), x_label="x", y_label="r", origin=False)


def residual_plot(rng):
    """Residuals r = y - (m x + c): the best fit's scatter about 0 with no trend."""
    xs, ys = points(rng, 7)
    _, yb, _, _, slope, icpt = closed_form(xs, ys)
    xb = sum(xs) / len(xs)
    best = [y - float(slope) * v - float(icpt) for v, y in zip(xs, ys)]
    tilt = rng.choice([-0.7, 0.7])
    shift = rng.choice([-1.5, 1.5])
    tilted = [r - tilt * (v - xb) for v, r in zip(xs, best)]
    shifted = [r - shift for r in best]
    both = [r - tilt * (v - xb) - shift for v, r in zip(xs, best)]
    sets = [(best, True, ""),
            (tilted, False, f"Those residuals {'fall' if tilt > 0 else 'rise'} steadily from left to right: that line is "
                            f"too {'steep' if tilt > 0 else 'shallow'}. The best fit leaves no trend."),
            (shifted, False, f"Those residuals are nearly all {'negative' if shift > 0 else 'positive'}: that line sits too "
                             f"{'high' if shift > 0 else 'low'}. The best fit's residuals add up to 0."),
            (both, False, "Those residuals have a trend and do not balance about 0: that line is both tilted and shifted.")]
    spread = math.ceil(max(abs(r) for rs, _, _ in sets for r in rs) + 0.5)
    options = [{"plot": _residual_figure(xs, rs, spread), "value": ",".join(number(_round(r)) for r in rs),
                "correct": ok, "feedback": fb} for rs, ok, fb in sets]
    window = (min(xs) - 0.5, max(xs) + 0.5)
    figure = Figure((Points(tuple(float(v) for v in xs), tuple(float(v) for v in ys)),), window,
                    (min(ys) - 1.5, max(ys) + 1.5))
    return choice_question(
        rng, r"The figure shows the data. Four straight lines were fitted; each plot below shows one line's residuals "
             r"\(r_i = y_i - (m x_i + c)\) against \(x\). Which residual plot belongs to the best-fit line "
             r"(the lowest \(\chi^2\))?",
        options, figure=figure,
        hints=[r"At the minimum of \(\chi^2\), \(\partial\chi^2/\partial c = 0\) makes the residuals add up to 0, and "
               r"\(\partial\chi^2/\partial m = 0\) leaves no trend in them against \(x\).",
               "Look for residuals scattered evenly above and below 0, with no slope."],
        worked=[rf"The best fit is \({_line_tex(slope, icpt)}\).",
                r"Its residuals add up to 0 (\(\partial\chi^2/\partial c = 0\)) and show no trend in \(x\) "
                r"(\(\partial\chi^2/\partial m = 0\)).",
                "That is plot {key}."],
        data={"x": [float(v) for v in xs], "y": [float(v) for v in ys]},
    )


def chi2_map_point(rng):
    """Click the best (m, c) on the map of χ²(m, c) = Σ (yᵢ - m xᵢ - c)²."""
    xs, ys = points(rng, 5)
    _, _, _, _, slope, icpt = closed_form(xs, ys)
    m, c = sp.symbols("m c")
    chi2 = sp.expand(sum((yi - m * xi - c)**2 for xi, yi in zip(xs, ys)))
    as_xy = chi2.subs({m: x, c: y}, simultaneous=True)
    ms, cs = float(slope), float(icpt)
    m_range = (math.floor(ms) - 1.0, math.floor(ms) + 2.0)
    c_range = (math.floor(cs) - 4.0, math.floor(cs) + 5.0)
    item = contour(as_xy, m_range, c_range, count=8, bowl=True, name="χ²")
    figure = Figure((item,), m_range, c_range, x_label="m", y_label="c", snap=(0.05, 0.1))
    ends_m = (ys[-1] - ys[0]) / (xs[-1] - xs[0])
    wrong = [((ends_m, ys[0] - ends_m * xs[0]), "That is the line through the first and last points; the lowest "
                                                  "\\(\\chi^2\\) is at the centre of the innermost ring."),
             ((cs, ms), "You swapped \\(m\\) and \\(c\\): \\(m\\) runs across, \\(c\\) up.")]
    return point_question(
        r"A straight line \(y = m x + c\) is fitted to the data below. The map shows \(\chi^2(m, c) = \sum_i (y_i - m x_i - c)^2\) "
        r"over slope \(m\) (across) and intercept \(c\) (up). Click the best fit \((m, c)\)." + table(xs, ys),
        figure, (ms, cs), (0.1, 0.3), wrong=wrong,
        hints=["The best fit is the lowest point of the \\(\\chi^2\\) landscape: the centre of the innermost ring.",
               r"Or use the closed form: \(m = \frac{\sum (x_i - \bar x) y_i}{\sum (x_i - \bar x)^2}\), \(c = \bar y - m\bar x\)."],
        worked=[rf"The closed form gives \(m = {tex(slope)} \approx {fmt(ms)}\) and \(c = {tex(icpt)} \approx {fmt(cs)}\).",
                rf"On the map that is the centre of the innermost ring, \(({fmt(ms)}, {fmt(cs)})\): the \(\chi^2\) valley "
                "is long and tilted, because a steeper line can be offset by a lower intercept."],
        data={"x": [float(v) for v in xs], "y": [float(v) for v in ys]},
    )


def _decay_data(rng):
    """Five points near y = A e^(-k x) with small, seeded noise."""
    A, k = rng.choice([2, 3, 4]), rng.choice([0.5, 0.75, 1.0])
    xs = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0]
    ys = [round(A * math.exp(-k * v) + rng.choice([-0.15, -0.1, 0.0, 0.1, 0.15]), 2) for v in xs]
    return A, k, xs, ys


def _decay(A, k):
    return sp.nsimplify(A) * sp.exp(-sp.nsimplify(k) * x)


def lowest_chi2_curve(rng):
    """Four decay curves y = A e^(-k x) over the same data: which has the lowest χ²?"""
    A, k, xs, ys = _decay_data(rng)
    dA, dk = rng.choice([-0.8, 0.8]), rng.choice([0.35, -0.25])
    models = [((A, k), True, ""),
              ((A + dA, k), False, f"That curve is too {'high' if dA > 0 else 'low'} everywhere: \\(A\\) is off."),
              ((A, k + dk), False, f"That curve starts right but decays too {'fast' if dk > 0 else 'slowly'}: \\(k\\) is off."),
              ((A + dA, k + dk), False, "That curve misses both ways: its start and its decay rate are off.")]
    chis = [_chi2(xs, ys, lambda v, p=p: p[0] * math.exp(-p[1] * v)) for p, _, _ in models]
    require(all(ch >= 2 * chis[0] + 0.2 for ch in chis[1:]), "a slip fits nearly as well")
    window = (-0.25, 3.25)
    top = max(max(ys), A + abs(dA)) + 0.6
    data = Points(tuple(xs), tuple(ys))
    options = [{"plot": Figure((data, Curve(learner(_decay(*p)), name="model", colour="vermilion")), window,
                               (-0.4, float(top)), x_label="x", y_label="y"),
                "value": learner(_decay(*p)), "correct": ok, "feedback": fb} for p, ok, fb in models]
    return choice_question(
        rng, r"The model \(y = A e^{-k x}\) is fitted to the same data four times. Which fit has the lowest "
             r"\(\chi^2 = \sum_i \big(y_i - A e^{-k x_i}\big)^2\)?" + table([number(v) for v in xs], [number(v) for v in ys]),
        options,
        hints=[CHI2, "Look at every point: the best fit passes close to all of them, neither above nor below most."],
        worked=["\\(\\chi^2\\) for each fit: " + ", ".join(f"\\(A = {number(p[0])}, k = {number(p[1])}\\): {fmt(ch)}"
                                                        for (p, _, _), ch in zip(models, chis)) + ".",
                "The lowest is the fit with " + f"\\(A = {number(A)}\\), \\(k = {number(k)}\\): graph {{key}}."],
        data={"x": xs, "y": ys},
    )


def chi2_descent_arrow(rng):
    """On the χ²(A, k) map of a decay fit, which arrow from P is steepest descent, −∇χ²?"""
    A, k, xs, ys = _decay_data(rng)
    Av, kv = sp.symbols("A k")
    chi2 = sum((yi - Av * sp.exp(-kv * xi))**2 for xi, yi in zip(xs, ys))
    dA = sp.lambdify((Av, kv), sp.diff(chi2, Av))
    dk = sp.lambdify((Av, kv), sp.diff(chi2, kv))
    P = (round(A + rng.choice([-1.0, 1.0]), 6), round(k + rng.choice([-0.4, 0.4]), 6))
    g = (float(dA(*P)), float(dk(*P)))
    down = (-g[0], -g[1])
    kept = [(down, "")]
    for direction, feedback in [((g[0], g[1]), "That arrow is \\(+\\nabla\\chi^2\\): it climbs, making the fit worse."),
                                ((-g[1], g[0]), "That arrow runs along the level curve through P: \\(\\chi^2\\) hardly changes."),
                                ((g[1], -g[0]), "That arrow runs along the level curve through P: \\(\\chi^2\\) hardly changes."),
                                ((-g[1], -g[0]), "That arrow has the two partial derivatives swapped.")]:
        if len(kept) < 4 and apart([d for d, _ in kept] + [direction], 35):
            kept.append((direction, feedback))
    require(len(kept) == 4, "arrows too close together")
    a_range = (float(A) - 1.5, float(A) + 1.5)
    k_range = (float(k) - 1.0, float(k) + 1.0)
    surface = chi2.subs({Av: x, kv: y}, simultaneous=True)
    item = contour(surface, a_range, k_range, count=9, bowl=True, name="χ²")
    length = 0.5
    options = [{"item": Arrow(P, ahead(P, d, length), name="arrow"), "correct": not fb, "feedback": fb} for d, fb in kept]
    figure = Figure((item, Marker(P, text="P")), a_range, k_range, x_label="A", y_label="k", equal=True)
    return pick_question(
        rng, r"The map shows \(\chi^2(A, k) = \sum_i \big(y_i - A e^{-k x_i}\big)^2\) for fitting \(y = A e^{-k x}\) to the data "
             r"below. Steepest descent from the current fit P steps along \(-\nabla\chi^2\). Which arrow is that? Pick it "
             r"on the figure." + table([number(v) for v in xs], [number(v) for v in ys]),
        options, figure=figure,
        hints=[r"\(-\nabla\chi^2\) points the way \(\chi^2\) falls fastest: across the level curves at right angles, "
               r"towards lower values.",
               "Read the level values on either side of P to see which way is down."],
        worked=[rf"At P \(= ({fmt(P[0])}, {fmt(P[1])})\): \(\nabla\chi^2 \approx ({fmt(g[0])}, {fmt(g[1])})\).",
                rf"So \(-\nabla\chi^2 \approx ({fmt(-g[0])}, {fmt(-g[1])})\): across the level curves, downhill.",
                "That is arrow {key}."],
        data={"x": xs, "y": ys, "P": list(P)},
    )
