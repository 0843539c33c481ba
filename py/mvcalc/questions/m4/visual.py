"""Module 4 in pictures: the error of a linearisation, and a quadratic approximation as a map.

- linearisation_error: which graph is f − L, the error of the tangent line about a (it
  touches zero at a and grows like (x − a)², on the side the curvature says);
- quadratic_map: which contour map is the second-order Taylor approximation of f(x, y)
  about the origin.

Derivatives are written by hand here; the tests recompute every key with sympy.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import choice_question, distinct_curves, plot_of, require, shared_y_range
from mvcalc.questions.figure import Curve, Figure, Marker
from mvcalc.questions.maps import contour
from mvcalc.questions.printing import learner, matrix_tex, tex, x, y

# f, f', f'' by hand, and the points a the template may expand about
FUNCTIONS = {
    "exp": (sp.exp(x), sp.exp(x), sp.exp(x), [0, 1, -1]),
    "sin": (sp.sin(x), sp.cos(x), -sp.sin(x), [1, 2, -1]),
    "cos": (sp.cos(x), -sp.sin(x), -sp.cos(x), [0, 1, 2]),
    "ln": (sp.log(x), 1 / x, -1 / x**2, [1, 2]),
}


def linearisation_error(rng):
    """The error f(x) − L(x) of the linearisation about a: zero at a, about ½ f''(a)(x − a)² nearby."""
    name = rng.choice(sorted(FUNCTIONS))
    f, df, d2f, points = FUNCTIONS[name]
    a = rng.choice(points)
    fa, dfa, d2fa = f.subs(x, a), df.subs(x, a), d2f.subs(x, a)
    require(abs(float(d2fa)) > 0.2, "too little curvature at a to see")
    L = fa + dfa * (x - a)
    error = f - L
    other = a + rng.choice([-1, 1])
    x_range = (max(a - 2, 0.15), a + 2) if name == "ln" else (a - 2, a + 2)
    require(x_range[0] < other < x_range[1] and (name != "ln" or other > 0), "the other point off the window")
    wrong_point = f - (f.subs(x, other) + df.subs(x, other) * (x - other))
    bends = "up" if d2fa > 0 else "down"
    options = [(error, True, ""),
               (-error, False, rf"Sign: \(f\) bends {bends} at \(a\) (\(f''(a) {'>' if d2fa > 0 else '<'} 0\)), so it lies "
                               rf"{'above' if d2fa > 0 else 'below'} its tangent line and \(f - L\) is "
                               rf"{'positive' if d2fa > 0 else 'negative'} near \(a\)."),
               (f - fa, False, r"That is the error of the constant \(f(a)\), without the slope term: it grows like "
                               r"\(\Delta x\), not \(\Delta x^2\), and has a slope at \(a\)."),
               (wrong_point, False, rf"That error is zero at \(x = {tex(other)}\), but the linearisation is about "
                                    rf"\(a = {tex(a)}\): the error must vanish there.")]
    exprs = [e for e, _, _ in options]
    require(distinct_curves(exprs, x_range, min_gap=0.25), "two error curves look alike")
    y_range = shared_y_range(exprs, x_range, cap=4.0)
    choices = [{"plot": plot_of(e, x_range, y_range), "value": learner(e), "correct": ok, "feedback": fb}
               for e, ok, fb in options]
    both = shared_y_range([f, L], x_range, cap=6.0)
    figure = Figure((Curve(learner(f), name="f"), Curve(learner(L), name="the tangent line L", colour="orange",
                                                         style="dashed"),
                     Marker((float(a), float(fa)), text="a")),
                    tuple(float(v) for v in x_range), both, x_label="x", y_label="")
    return choice_question(
        rng, rf"The figure shows \(f(x) = {tex(f)}\) (solid) and its linearisation about \(a = {tex(a)}\), "
             rf"\(L(x) = f(a) + f'(a)(x - a)\) (dashed). Which graph shows the error \(f(x) - L(x)\)?",
        choices, figure=figure,
        hints=[r"At \(x = a\) the error is 0, and so is its slope: the tangent matches the value and the slope.",
               r"Near \(a\), \(f(x) - L(x) \approx \tfrac12 f''(a)(x - a)^2\): its sign is the sign of \(f''(a)\)."],
        worked=[rf"\(L(x) = {tex(L)}\).",
                rf"\(f''(a) = {tex(d2fa)}\), so near \(a\) the error is about \({tex(d2fa / 2)} {tex((x - a)**2)}\): "
                rf"a parabola-like curve touching 0 at \(x = {tex(a)}\), "
                rf"{'above' if d2fa > 0 else 'below'} the axis.",
                "That is graph {key}: the error of a linearisation is of order \\(\\Delta x^2\\)."],
        data={"f": learner(f), "about": learner(a), "kind": "linearisation-error"},
    )


def quadratic_map(rng):
    """Which map is f ≈ f(0) + J·Δx + ½ Δxᵀ H Δx about the origin?"""
    p, q = rng.choice([1, 2, -1]), rng.choice([1, 2])
    family = rng.choice(["exp-cos", "sin-exp"])
    if family == "exp-cos":
        f = sp.exp(p * x) * sp.cos(q * y)
        # f = 1, J = (p, 0), H = [[p², 0], [0, -q²]]
        right = 1 + p * x + sp.Rational(p**2, 2) * x**2 - sp.Rational(q**2, 2) * y**2
        H = [[p**2, 0], [0, -q**2]]
        slips = [(1 + p * x, "That is only the tangent plane (first order): straight level lines, no curvature."),
                 (1 + p * x + sp.Rational(p**2, 2) * x**2 + sp.Rational(q**2, 2) * y**2,
                  rf"Sign: \(\cos({tex(q * y)})\) curves down, \(\frac{{\partial^2 f}}{{\partial y^2}} = -{q**2}\) at the origin."),
                 (1 + p * x + p**2 * x**2 - q**2 * y**2,
                  r"The second-order terms carry a \(\tfrac12\): \(\tfrac12 \Delta x^T H \Delta x\).")]
    else:
        f = sp.sin(p * x) * sp.exp(q * y)
        # f = 0, J = (p, 0), H = [[0, pq], [pq, 0]]
        right = p * x + p * q * x * y
        H = [[0, p * q], [p * q, 0]]
        slips = [(p * x, "That is only the tangent plane (first order): it misses the mixed term."),
                 (p * x - p * q * x * y, rf"Sign: \(\frac{{\partial^2 f}}{{\partial x\,\partial y}} = {p * q}\) at the origin."),
                 (p * x + sp.Rational(p * q, 2) * x * y,
                  r"The mixed derivative appears twice in \(\tfrac12 \Delta x^T H \Delta x\) (as \(H_{12}\) and "
                  r"\(H_{21}\)), so the \(x y\) term is \(H_{12}\,x y\), without a \(\tfrac12\).")]
    window = (-1.5, 1.5)
    options = [(right, True, "")] + [(e, False, fb) for e, fb in slips]
    choices = []
    for expr, ok, fb in options:
        figure = Figure((contour(expr, window, window, count=7),), window, window, equal=True)
        choices.append({"plot": figure, "value": learner(expr), "correct": ok, "feedback": fb})
    require(len({c["value"] for c in choices}) == 4, "two maps are the same")
    return choice_question(
        rng, rf"Which map shows the second-order Taylor approximation of \(f(x, y) = {tex(f)}\) about the origin, "
             r"\(f(\mathbf{0}) + J\,\Delta\mathbf{x} + \tfrac12 \Delta\mathbf{x}^T H\, \Delta\mathbf{x}\)?",
        choices,
        hints=[r"Find \(f\), \(J\) and \(H\) at the origin.",
               r"The map's labels tell you the value at the centre and how fast it changes along each axis."],
        worked=[rf"At the origin: \(f = {tex(f.subs({x: 0, y: 0}))}\), \(J = ({p}, 0)\) and \(H = {matrix_tex(H)}\).",
                rf"The approximation is \({tex(right)}\).",
                "Its map, with those level values, is {key}."],
        data={"f": learner(f), "approximation": learner(right), "kind": "quadratic-map"},
    )
