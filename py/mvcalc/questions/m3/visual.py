"""Module 3 in pictures: the chain rule along a path, a neuron's curve, a training step.

- sigmoid_match: which curve is a = σ(w x + b) for given w and b;
- activation_point: click where a neuron's activation reaches a given value (on the figure);
- level_touch: at which marked point of a line across a map is df/dt = 0 (picked on the figure);
- chain_rule_graph: which graph is df/dt, given f along a circle;
- cost_step: click where one gradient-descent step on a weight lands on the cost curve.

Keys are computed here by hand; the tests recompute them with sympy.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import choice_question, distinct_curves, require, shared_y_range
from mvcalc.questions.figure import Curve, Figure, Marker, Path
from mvcalc.questions.figure_alt import fmt
from mvcalc.questions.figure_builders import pick_question, point_question
from mvcalc.questions.maps import contour
from mvcalc.questions.printing import factor, learner, signed, tex, x, y

SIGMA = r"The sigmoid \(\sigma(z) = \dfrac{1}{1 + e^{-z}}\) is \(\tfrac12\) at \(z = 0\), near 1 for large \(z\) and near 0 for very negative \(z\)."


def _sigmoid(z):
    return 1 / (1 + sp.exp(-z))


def _curve_figure(expr, x_range, y_range, x_label="x", y_label="a") -> Figure:
    return Figure((Curve(learner(expr)),), tuple(float(v) for v in x_range), tuple(float(v) for v in y_range),
                  x_label=x_label, y_label=y_label)


def _z_tex(w, b, var="x") -> str:
    return f"{tex(w * sp.Symbol(var))} {signed(b)}"


def sigmoid_match(rng):
    """Which graph is a = σ(w x + b)? The middle is at x = −b/w, the steepness w/4, the direction sign(w)."""
    w = rng.choice([sp.Rational(1, 2), 1, 2, 3]) * rng.choice([1, -1])
    b = rng.choice([-4, -3, -2, -1, 1, 2, 3, 4])
    middle = -sp.Rational(b) / w
    require(1 <= abs(middle) <= 4, "the middle of the curve off the figure or too near 0")
    steep = 3 if abs(w) < 1 else sp.Rational(1, 3)
    right = _sigmoid(w * x + b)
    options = [
        (right, True, ""),
        (_sigmoid(-(w * x + b)), False,
         rf"That curve {'falls' if w > 0 else 'rises'} as \(x\) grows, but with \(w = {tex(w)}\) "
         rf"{'positive' if w > 0 else 'negative'} the activation {'rises' if w > 0 else 'falls'}."),
        (_sigmoid(w * x - b), False,
         rf"The middle of the curve (\(a = \tfrac12\)) is where \(w x + b = 0\), at \(x = -b/w = {tex(middle)}\): "
         r"check the sign of the bias."),
        (_sigmoid(steep * (w * x + b)), False,
         rf"That curve has the right middle but the wrong steepness: its slope at the middle is \(w/4\), "
         rf"so with \(w = {tex(w)}\) it should be {'steeper' if steep < 1 else 'gentler'}."),
    ]
    window, a_range = (-6, 6), (-0.1, 1.1)
    require(distinct_curves([e for e, _, _ in options], window, min_gap=0.2), "two curves look alike")
    choices = [{"plot": _curve_figure(e, window, a_range, y_label=""), "value": learner(e), "correct": ok,
                "feedback": fb} for e, ok, fb in options]       # no axis name "a": the options are (a), (b), ...
    return choice_question(
        rng, rf"A neuron has weight \(w = {tex(w)}\) and bias \(b = {tex(b)}\): its activation is "
             r"\(a = \sigma(w x + b)\). Which graph shows \(a\) against its input \(x\)?",
        choices,
        hints=[SIGMA, r"Where is \(w x + b = 0\)? The curve passes \(a = \tfrac12\) there. Does it rise or fall?"],
        worked=[rf"\(a = \tfrac12\) where \({_z_tex(w, b)} = 0\), at \(x = {tex(middle)}\).",
                rf"\(w = {tex(w)}\) is {'positive' if w > 0 else 'negative'}, so \(a\) "
                rf"{'rises from 0 to 1' if w > 0 else 'falls from 1 to 0'} as \(x\) grows, with slope \(w/4 = {tex(w / 4)}\) at the middle.",
                "That is graph {key}."],
        data={"w": float(w), "b": float(b)},
    )


def activation_point(rng):
    """Click where σ(w x + b) reaches σ(z*): solve w x + b = z*."""
    w = rng.choice([sp.Rational(1, 2), 1, 2]) * rng.choice([1, -1])
    b = rng.choice([-3, -2, -1, 1, 2, 3])
    z_star = rng.choice([0, 2, -2])
    x_star = (z_star - b) / sp.Rational(w)
    require(abs(x_star) <= 4.5, "the point is off the figure")
    a_star = 1 / (1 + math.exp(-z_star))
    reference = Curve(learner(_sigmoid(x)), name="σ(x), the neuron with w = 1 and b = 0", colour="grey", style="dashed")
    level = Curve(f"{a_star:.6f}", name=f"the level a = {fmt(a_star)}", colour="orange", style="dotted")
    figure = Figure((reference, level), (-5.0, 5.0), (-0.05, 1.05), x_label="x", y_label="a", snap=(0.25, 0.05))
    target = r"\tfrac12" if z_star == 0 else rf"\sigma({z_star}) \approx {a_star:.3f}"
    wrong = [((float((z_star + b) / sp.Rational(w)), a_star), "Check the sign of the bias: solve \\(w x + b = z\\) for \\(x\\)."),
             ((float(z_star - b), a_star), "Divide by the weight: \\(x = (z - b)/w\\)."),
             ((float(x_star), 1 - a_star), "Right input, but read the height again: the point must be on the dotted level.")]
    return point_question(
        rf"A neuron has weight \(w = {tex(w)}\) and bias \(b = {tex(b)}\), so \(a = \sigma(w x + b)\). "
        rf"Click the point of its curve where \(a = {target}\). (The dashed grey curve is \(\sigma(x)\), for comparison.)",
        figure, (float(x_star), a_star), (0.2, 0.05), wrong=wrong,
        hints=[SIGMA, rf"\(a = \sigma(z)\) with \(z = w x + b\); \(a = {target}\) when \(z = {z_star}\)."],
        worked=[rf"\(a = {target}\) exactly when \(z = w x + b = {z_star}\).",
                rf"\({_z_tex(w, b)} = {z_star}\) gives \(x = \frac{{{z_star} - ({tex(b)})}}{{{tex(w)}}} = {tex(x_star)}\).",
                rf"So the point is \(({fmt(float(x_star))}, {fmt(a_star)})\), on the dotted level."],
        data={"w": float(w), "b": float(b), "z": z_star},
    )


def _clip_line(start, direction, window):
    """The part of the line start + t·direction inside the square window: its two ends (t values)."""
    lo, hi = -1e9, 1e9
    for p, d in zip(start, direction):
        if d == 0:
            continue
        t1, t2 = (window[0] - p) / d, (window[1] - p) / d
        lo, hi = max(lo, min(t1, t2)), min(hi, max(t1, t2))
    return lo, hi


def level_touch(rng):
    """df/dt = ∇f · r'(t) along a straight path across the ellipses of f = x² + k y²: zero where the
    path touches a level curve."""
    t = sp.Symbol("t")
    k = rng.choice([2, 3, sp.Rational(1, 2), sp.Rational(1, 3)])
    x0, y0 = rng.choice([-2, -1, 1, 2]), rng.choice([-2, -1, 1, 2])
    u, v = rng.choice([1, 2, -1, -2]), rng.choice([1, 2, -1, -2])
    f = x**2 + k * y**2
    t_star = -(x0 * u + k * y0 * v) / (u**2 + k * v**2)
    t_near = -sp.Rational(x0 * u + y0 * v, u**2 + v**2)          # nearest the centre
    points = [(t_star, True, "")]
    points.append((t_near, False, "That is the point of the line nearest the centre, but the level curves "
                                  "are ellipses, not circles: there the line still crosses them."))
    points.append((-sp.Rational(x0, u), False,
                   r"There \(x = 0\), so \(\frac{\partial f}{\partial x}\frac{dx}{dt} = 0\), but the other term, "
                   r"\(\frac{\partial f}{\partial y}\frac{dy}{dt}\), is not."))
    points.append((-sp.Rational(y0, v), False,
                   r"There \(y = 0\), so \(\frac{\partial f}{\partial y}\frac{dy}{dt} = 0\), but the other term, "
                   r"\(\frac{\partial f}{\partial x}\frac{dx}{dt}\), is not."))
    where = [(float(x0 + u * t), float(y0 + v * t)) for t, _, _ in points]
    window = (-3.0, 3.0)
    require(all(window[0] + 0.3 <= c <= window[1] - 0.3 for p in where for c in p), "a point off the map")
    require(all(math.dist(p, q) >= 0.7 for i, p in enumerate(where) for q in where[i + 1:]), "points too close")
    lo, hi = _clip_line((x0, y0), (u, v), window)
    line = Path((x0 + u * lo, x0 + u * hi), (y0 + v * lo, y0 + v * hi), name="the path", colour="ink", dots=False)
    options = [{"item": Marker(at), "correct": ok, "feedback": fb} for at, (_, ok, fb) in zip(where, points)]
    figure = Figure((contour(f, window, window, count=7), line), window, window, equal=True)
    df_dt = 2 * (x0 + u * t) * u + 2 * k * (y0 + v * t) * v
    return pick_question(
        rng, rf"A point moves along the line \(x = {tex(x0 + u * t)}\), \(y = {tex(y0 + v * t)}\) across the map of "
             rf"\(f(x, y) = {tex(f)}\). At which marked point is \(\dfrac{{df}}{{dt}} = 0\)? Pick it on the figure.",
        options, figure=figure,
        hints=[r"The multivariate chain rule: \(\dfrac{df}{dt} = \dfrac{\partial f}{\partial x}\dfrac{dx}{dt} + "
               r"\dfrac{\partial f}{\partial y}\dfrac{dy}{dt}\).",
               "On the map, \\(f\\) stops changing along the path where the path just touches a level curve "
               "(it runs along it for a moment)."],
        worked=[rf"\(\dfrac{{df}}{{dt}} = 2x\cdot({u}) + {tex(2 * k)} y\cdot({v}) = {tex(sp.expand(df_dt))}\).",
                rf"It is zero at \(t = {tex(t_star)}\), the point \(({fmt(where[0][0])}, {fmt(where[0][1])})\).",
                "There the path touches a level curve, as the map shows: point {key}."],
        data={"f": learner(f), "start": [x0, y0], "velocity": [u, v]},
    )


def chain_rule_graph(rng):
    """f along the unit circle (x, y) = (cos t, sin t): which graph is df/dt?"""
    a, b = rng.choice([1, 2, -1, -2]), rng.choice([1, 2, -1, -2])
    t = x                                               # graphs are drawn in the figure's variable
    family = rng.choice(["linear-square", "square-linear"])
    if family == "linear-square":
        f = a * x + b * y**2
        dfx, dfy = sp.Integer(a), 2 * b * sp.sin(t)
    else:
        f = a * x**2 + b * y
        dfx, dfy = 2 * a * sp.cos(t), sp.Integer(b)
    dx, dy = -sp.sin(t), sp.cos(t)
    along = f.subs({x: sp.cos(t), y: sp.sin(t)}, simultaneous=True)
    right = dfx * dx + dfy * dy
    options = [(right, True, ""),
               (dfx * dx, False, r"Only the \(\frac{\partial f}{\partial x}\frac{dx}{dt}\) term: add "
                                 r"\(\frac{\partial f}{\partial y}\frac{dy}{dt}\) too."),
               (dfy * dy, False, r"Only the \(\frac{\partial f}{\partial y}\frac{dy}{dt}\) term: add "
                                 r"\(\frac{\partial f}{\partial x}\frac{dx}{dt}\) too."),
               (-dfx * dx + dfy * dy, False, r"Sign slip: \(\frac{d}{dt}\cos t = -\sin t\).")]
    window = (0.0, 2 * math.pi)
    require(distinct_curves([e for e, _, _ in options], window, min_gap=0.6), "two graphs look alike")
    y_range = shared_y_range([e for e, _, _ in options], window, cap=8.0)
    choices = [{"plot": _curve_figure(e, window, y_range, x_label="t", y_label=""), "value": learner(e),
                "correct": ok, "feedback": fb} for e, ok, fb in options]
    shown = Figure((Curve(learner(along)),), window, shared_y_range([along], window, cap=8.0),
                   x_label="t", y_label="f")
    T = sp.Symbol("t")
    return choice_question(
        rng, rf"A point goes round the circle \(x = \cos t\), \(y = \sin t\), and \(f(x, y) = {tex(f)}\). "
             r"The figure shows \(f\) along the way, against \(t\). Which graph shows \(\dfrac{df}{dt}\)?",
        choices, figure=shown,
        hints=[r"\(\dfrac{df}{dt} = \dfrac{\partial f}{\partial x}\dfrac{dx}{dt} + \dfrac{\partial f}{\partial y}\dfrac{dy}{dt}\), "
               r"with \(\dfrac{dx}{dt} = -\sin t\) and \(\dfrac{dy}{dt} = \cos t\).",
               r"Check your answer against the figure: \(\dfrac{df}{dt}\) is 0 where \(f\) turns, positive where it rises."],
        worked=[rf"\(\frac{{\partial f}}{{\partial x}} = {tex(dfx.subs(t, T))}\) and "
                rf"\(\frac{{\partial f}}{{\partial y}} = {tex(dfy.subs(t, T))}\) on the circle.",
                rf"\(\dfrac{{df}}{{dt}} = {tex(sp.expand(right.subs(t, T)))}\).",
                "It is zero where the figure's curve turns: graph {key}."],
        data={"f": learner(f), "df_dt": learner(right)},
    )


def cost_step(rng):
    """One gradient-descent step on a weight: C(w) = (x w - y)², w₁ = w₀ - η dC/dw."""
    xi = rng.choice([2, 3, -2, sp.Rational(1, 2)])
    target = rng.choice([1, 2, -1])
    w0 = rng.choice([-2, -1.5, -1, 1, 1.5, 2, 2.5])
    eta = rng.choice([sp.Rational(1, 20), sp.Rational(1, 10)])
    w = sp.Symbol("w")
    C = (xi * w - target)**2
    slope = 2 * xi * (xi * w0 - target)
    w1 = w0 - eta * slope
    require(abs(slope) >= 1, "too flat a start")
    require(abs(w1 - w0) >= 0.3, "too small a step to see")
    misses = [(w0 + eta * slope, "Wrong way: gradient descent steps against the slope, \\(w - \\eta\\,dC/dw\\)."),
              (w0 - eta * 2 * (xi * w0 - target), rf"The chain rule's factor \(\partial z/\partial w = x = {tex(xi)}\) is missing."),
              (w0 - eta * xi * (xi * w0 - target), "The factor 2 from differentiating the square is missing.")]
    ws = [float(w0), float(w1)] + [float(m) for m, _ in misses]
    lo, hi = math.floor(min(ws + [float(target / xi)]) - 0.5), math.ceil(max(ws + [float(target / xi)]) + 0.5)
    require(hi - lo <= 8, "the figure would be too wide")
    cost = sp.lambdify(w, C)
    top = 1.3 * max(cost(v) for v in ws)          # the points that matter, not the curve's far ends
    step_c = _nice(top / 20)
    figure = Figure((Curve(learner(C.subs(w, x)), name="the cost C(w)"),
                     Marker((float(w0), float(cost(w0))), text="w₀")),
                    (float(lo), float(hi)), (-0.06 * top, 1.08 * top), x_label="w", y_label="C",
                    snap=(0.05, step_c))
    at = (float(w1), float(cost(float(w1))))
    tol_c = max(1.5 * step_c, 0.12 * abs(float(sp.diff(C, w).subs(w, w1))))
    wrong = [((float(m), float(cost(float(m)))), fb) for m, fb in misses]
    return point_question(
        rf"One neuron without a sigmoid, \(a = w x\), learns from the example \(x = {tex(xi)}\), \(y = {tex(target)}\), "
        rf"with cost \(C(w) = (x w - y)^2 = {tex(C)}\). It starts at \(w_0 = {fmt(w0)}\) (marked) and takes one "
        rf"gradient-descent step with learning rate \(\eta = {tex(eta)}\). Click where it lands on the cost curve.",
        figure, at, (0.1, tol_c), wrong=wrong,
        hints=[r"\(w_1 = w_0 - \eta\,\dfrac{dC}{dw}(w_0)\).",
               rf"By the chain rule \(\dfrac{{dC}}{{dw}} = 2(x w - y)\cdot x\)."],
        worked=[rf"\(\dfrac{{dC}}{{dw}} = 2({tex(xi * w - target)})\cdot {factor(xi)}\); at \(w_0 = {fmt(w0)}\) "
                rf"it is \({fmt(float(slope))}\).",
                rf"\(w_1 = {fmt(w0)} - {tex(eta)}\times {factor(round(float(slope), 6))} = {fmt(float(w1))}\).",
                rf"On the curve, \(C(w_1) = {fmt(at[1])}\): the point \(({fmt(at[0])}, {fmt(at[1])})\)."],
        data={"x": float(xi), "y": float(target), "w0": float(w0), "eta": float(eta)},
    )


def _nice(raw: float) -> float:
    """A round grid step near ``raw`` (1, 2 or 5 times a power of ten)."""
    power = 10 ** math.floor(math.log10(raw))
    return min((s * power for s in (1, 2, 5, 10)), key=lambda s: abs(math.log(s / raw)))
