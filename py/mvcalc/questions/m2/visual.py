"""Module 2 on the map: partial derivatives, the Jacobian and the Hessian read off pictures.

- signs_from_map: the signs of ∂f/∂x and ∂f/∂y at a marked point, from labelled level curves
  (no formula: the idea, not the algebra);
- matching_slice: the slice z = f(x, k) along a line y = k, whose slope is ∂f/∂x;
- downhill_arrow: which arrow on the map is −J (answered on the figure);
- map_of_hessian: which map has a given Hessian at a stationary point;
- click_stationary: click the saddle (or the minimum or maximum) of a cubic (answered on the figure).

Keys are computed here by hand (derivatives written out); the tests recompute them with sympy.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import choice_question, distinct_curves, plot_of, require, shared_y_range
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.figure import Arrow, Figure, Marker, Path
from mvcalc.questions.figure_alt import fmt
from mvcalc.questions.figure_builders import pick_question, point_question
from mvcalc.questions.maps import ahead, apart, contour, value
from mvcalc.questions.printing import learner, matrix_tex, tex, x, y

WINDOW = (-3.0, 3.0)
HOLD_STILL = (r"\(\frac{\partial f}{\partial x}\) is how fast \(f\) changes as you move right with \(y\) "
              r"held still; \(\frac{\partial f}{\partial y}\) as you move up with \(x\) held still.")
SIGN_WORDS = {1: ">", -1: "<"}


def _family(rng):
    """A bowl, a hill or a saddle centred at (p, q), with its hand-derived partials."""
    p, q = rng.choice([-1, 0, 1]), rng.choice([-1, 0, 1])
    k = rng.choice([sp.Rational(1, 2), sp.Integer(1), sp.Integer(2)])
    shape = rng.choice(["bowl", "hill", "saddle"])
    if shape == "bowl":
        f = (x - p)**2 + k * (y - q)**2
        fx, fy = 2 * (x - p), 2 * k * (y - q)
    elif shape == "hill":
        f = 9 - (x - p)**2 - k * (y - q)**2
        fx, fy = -2 * (x - p), -2 * k * (y - q)
    else:
        f = (x - p)**2 - k * (y - q)**2
        fx, fy = 2 * (x - p), -2 * k * (y - q)
    return f, fx, fy


def _point(rng):
    return (rng.choice([-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2]), rng.choice([-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2]))


def _sign(v) -> int:
    return 1 if v > 0 else -1


def _signs_tex(sx: int, sy: int) -> str:
    return (rf"\frac{{\partial f}}{{\partial x}} {SIGN_WORDS[sx]} 0,\quad "
            rf"\frac{{\partial f}}{{\partial y}} {SIGN_WORDS[sy]} 0")


def signs_from_map(rng):
    """Read the signs of both partial derivatives at P off a labelled contour map."""
    f, fx, fy = _family(rng)
    P = _point(rng)
    gx, gy = float(fx.subs({x: P[0], y: P[1]})), float(fy.subs({x: P[0], y: P[1]}))
    require(min(abs(gx), abs(gy)) >= 1.0, "a partial derivative too small to read off the map")
    sx, sy = _sign(gx), _sign(gy)
    step = 0.5
    right, up = value(f, (P[0] + step, P[1])), value(f, (P[0], P[1] + step))
    here = value(f, P)
    swapped = ("You read them the wrong way round: \\(\\frac{\\partial f}{\\partial x}\\) is the change as you "
               "move right (along \\(x\\)), \\(\\frac{\\partial f}{\\partial y}\\) as you move up.")
    flipped = ("Those are the signs of the way downhill: a partial derivative is positive where \\(f\\) "
               "increases as its variable increases.")
    options = []
    for ox in (1, -1):
        for oy in (1, -1):
            option = {"tex": _signs_tex(ox, oy), "value": f"{'+' if ox > 0 else '-'},{'+' if oy > 0 else '-'}"}
            if (ox, oy) == (sx, sy):
                option["correct"] = True
            elif (ox, oy) == (sy, sx) and (ox, oy) == (-sx, -sy):
                option["feedback"] = swapped + " (Here that is the same as reading downhill.)"
            elif (ox, oy) == (sy, sx):
                option["feedback"] = swapped
            elif (ox, oy) == (-sx, -sy):
                option["feedback"] = flipped
            else:
                option["feedback"] = "One sign is right and one is not: " + HOLD_STILL
            options.append(option)
    contours = contour(f, WINDOW, WINDOW, count=10)
    figure = Figure((contours, Marker((float(P[0]), float(P[1])), text="P")), WINDOW, WINDOW, equal=True)
    moves = [rf"Move right from P (\(y\) held still): \(f\) goes from about \({fmt(here)}\) to "
             rf"\({fmt(right)}\), so \(\frac{{\partial f}}{{\partial x}} {SIGN_WORDS[sx]} 0\).",
             rf"Move up from P (\(x\) held still): \(f\) goes from about \({fmt(here)}\) to "
             rf"\({fmt(up)}\), so \(\frac{{\partial f}}{{\partial y}} {SIGN_WORDS[sy]} 0\).",
             rf"(The map was drawn from \(f(x, y) = {tex(f)}\), with "
             rf"\(\frac{{\partial f}}{{\partial x}} = {tex(fx)}\) and \(\frac{{\partial f}}{{\partial y}} = {tex(fy)}\) "
             rf"at P: \({fmt(gx)}\) and \({fmt(gy)}\).) That is option {{key}}."]
    return choice_question(
        rng, "The map shows the level curves of a function \\(f(x, y)\\), each labelled with its value. "
             "At the marked point P, what are the signs of the two partial derivatives?",
        options, figure=figure,
        hints=[HOLD_STILL, "From P, move a little to the right along a horizontal line: do the labels of "
                           "the level curves you cross go up or down? Then move up along a vertical line."],
        worked=moves,
        data={"f": learner(f), "P": [float(P[0]), float(P[1])]},
    )


def matching_slice(rng):
    """The slice z = f(x, k) along the line y = k: the curve whose slope is ∂f/∂x."""
    a = rng.choice([1, -1, sp.Rational(1, 2), sp.Rational(-1, 2)])
    b, c = nonzero(rng, -2, 2, not_one=False), nonzero(rng, -3, 3, not_one=False)
    k = rng.choice([-2, -1, 1, 2])
    f = a * x**2 + b * x * y + c * y
    along = f.subs(y, k)                        # the slice: a parabola in x
    across = f.subs(x, k).subs(y, x)            # the slice along x = k, drawn against its own variable
    mirror = f.subs(y, -k)
    flat = f.subs(y, 0)
    curves = [along, across, mirror, flat]
    require(distinct_curves(curves, WINDOW, min_gap=0.8), "two slices look alike")
    y_range = shared_y_range(curves, WINDOW, cap=14.0)
    options = [
        {"plot": plot_of(along, WINDOW, y_range), "value": learner(along), "correct": True},
        {"plot": plot_of(across, WINDOW, y_range), "value": learner(across),
         "feedback": rf"That is the slice along the line \(x = {k}\), where \(y\) varies: its slope is "
                     r"\(\frac{\partial f}{\partial y}\), not \(\frac{\partial f}{\partial x}\)."},
        {"plot": plot_of(mirror, WINDOW, y_range), "value": learner(mirror),
         "feedback": rf"That is the slice at \(y = {-k}\): check the sign of \(y\) you put in."},
        {"plot": plot_of(flat, WINDOW, y_range), "value": learner(flat),
         "feedback": rf"That is the slice at \(y = 0\); the line drawn is \(y = {k}\)."},
    ]
    line = Path((WINDOW[0], WINDOW[1]), (float(k), float(k)), name=f"the line y = {k}", colour="ink",
                style="dashed", dots=False)
    figure = Figure((contour(f, WINDOW, WINDOW), line), WINDOW, WINDOW, equal=True)
    slope = sp.diff(along, x)
    return choice_question(
        rng, rf"The map shows \(f(x, y) = {tex(f)}\) with the dashed line \(y = {k}\). Holding \(y = {k}\) still "
             rf"and letting \(x\) vary cuts a slice through the surface, \(z = f(x, {k})\), whose slope is "
             r"\(\frac{\partial f}{\partial x}\). Which graph shows that slice, against \(x\)?",
        options, figure=figure,
        hints=[rf"Put \(y = {k}\) into \(f\): what is left is a function of \(x\) alone.",
               "Compare where each graph has its turning point and its value at \\(x = 0\\)."],
        worked=[rf"\(f(x, {k}) = {tex(along)}\), a parabola in \(x\).",
                rf"Its slope is \(\frac{{\partial f}}{{\partial x}}(x, {k}) = {tex(slope)}\), zero at \(x = {tex(sp.solve(slope, x)[0])}\): "
                rf"that is where the slice turns.",
                rf"At \(x = 0\) it is \({tex(along.subs(x, 0))}\). That is graph {{key}}."],
        data={"f": learner(f), "k": int(k), "slice": learner(along)},
    )


def downhill_arrow(rng):
    """Which arrow is −J (steepest descent) at P: computed, then found on the map."""
    f, fx, fy = _family(rng)
    P = _point(rng)
    gx, gy = float(fx.subs({x: P[0], y: P[1]})), float(fy.subs({x: P[0], y: P[1]}))
    require(abs(gx) + abs(gy) >= 1.5, "too flat at P for the arrows to differ")
    down = (-gx, -gy)
    candidates = [
        ((gx, gy), r"That arrow is \(+J\): it points uphill, the way \(f\) increases fastest."),
        ((-gy, -gx), r"That arrow has \(\frac{\partial f}{\partial x}\) and \(\frac{\partial f}{\partial y}\) "
                     r"swapped: the first entry of \(J\) is the step along \(x\)."),
        ((gy, -gx), "That arrow runs along the level curve through P: there \\(f\\) does not change at all."),
        ((-gy, gx), "That arrow runs along the level curve through P: there \\(f\\) does not change at all."),
        ((-gx, gy), r"That arrow has the sign of \(\frac{\partial f}{\partial y}\) the wrong way round."),
    ]
    kept = [(down, "")]
    for direction, feedback in candidates:
        if len(kept) < 4 and apart([d for d, _ in kept] + [direction], 35):
            kept.append((direction, feedback))
    require(len(kept) == 4, "arrows too close together")
    at = (float(P[0]), float(P[1]))
    length = 1.0
    options = [{"item": Arrow(at, ahead(at, d, length), name="arrow"), "correct": not fb, "feedback": fb}
               for d, fb in kept]
    figure = Figure((contour(f, WINDOW, WINDOW, count=10), Marker(at, text="P")), WINDOW, WINDOW, equal=True)
    J = (tex(fx), tex(fy))
    return pick_question(
        rng, rf"The map shows \(f(x, y) = {tex(f)}\). The lesson's sandpit steps along \(-J\), the "
             r"steepest way down. Which arrow from P points along \(-J\)? Pick it on the figure.",
        options, figure=figure,
        hints=[r"Find \(J = \begin{pmatrix} \frac{\partial f}{\partial x} & \frac{\partial f}{\partial y} \end{pmatrix}\) "
               r"at P; \(-J\) points the opposite way.",
               "On the map, steepest descent crosses the level curves at right angles, towards lower values."],
        worked=[rf"\(J = \begin{{pmatrix}} {J[0]} & {J[1]} \end{{pmatrix}}\).",
                rf"At P \(= ({fmt(at[0])}, {fmt(at[1])})\): \(J = ({fmt(gx)}, {fmt(gy)})\), so \(-J = ({fmt(-gx)}, {fmt(-gy)})\).",
                "That direction crosses the level curves at right angles, towards lower values: arrow {key}."],
        data={"f": learner(f), "P": list(at)},
    )


def map_of_hessian(rng):
    """Which map has this Hessian at its stationary point (the origin)?"""
    a = rng.choice([1, 2, 3]) * rng.choice([1, -1])
    c = rng.choice([1, 2, 3]) * rng.choice([1, -1])
    b = rng.choice([-2, -1, 0, 1, 2])
    require(abs(a) != abs(c), "a round bowl looks the same turned round")
    require(4 * a * c - b * b != 0, "a degenerate Hessian")

    def quadratic(h11, h12, h22):          # f = ½ (x, y) H (x, y)ᵀ
        return sp.Rational(h11, 2) * x**2 + h12 * x * y + sp.Rational(h22, 2) * y**2

    H = (2 * a, b, 2 * c)
    kind = "saddle" if 4 * a * c - b * b < 0 else ("minimum" if a > 0 else "maximum")
    shapes = [(H, True, ""),
              ((-H[0], -H[1], -H[2]), False,
               r"That map is \(-f\): every value's sign is flipped, so curving up becomes curving down. "
               r"Check the sign of \(\frac{\partial^2 f}{\partial x^2}\)."),
              ((H[2], H[1], H[0]), False,
               r"That map has \(\frac{\partial^2 f}{\partial x^2}\) and \(\frac{\partial^2 f}{\partial y^2}\) "
               r"swapped: it bends more steeply along the other axis."),
              ((H[0], H[1], -H[2]), False,
               r"That map has the other sign of \(\frac{\partial^2 f}{\partial y^2}\): moving along \(y\) it "
               r"curves the other way.")]
    window = (-2.0, 2.0)
    options = []
    for h, correct, feedback in shapes:
        f = quadratic(*h)
        figure = Figure((contour(f, window, window, count=6),), window, window, x_label="x", y_label="y",
                        equal=True, origin=False)
        options.append({"plot": figure, "value": learner(f), "correct": correct, "feedback": feedback})
    require(len({o["value"] for o in options}) == 4, "two maps are the same")
    det = 4 * a * c - b * b
    return choice_question(
        rng, rf"At the origin \(f(x, y)\) has \(J = 0\) and Hessian \[H = {matrix_tex([[H[0], H[1]], [H[1], H[2]]])}.\] "
             "Which map could show \\(f\\) near the origin?",
        options,
        hints=[r"\(\det H > 0\): a minimum (\(\frac{\partial^2 f}{\partial x^2} > 0\)) or a maximum; "
               r"\(\det H < 0\): a saddle.",
               r"Near the origin \(f \approx \tfrac12 (H_{11} x^2 + 2 H_{12} x y + H_{22} y^2)\): along the "
               r"\(x\) axis it curves like \(\tfrac12 H_{11} x^2\), along the \(y\) axis like \(\tfrac12 H_{22} y^2\)."],
        worked=[rf"\(\det H = ({H[0]})({H[2]}) - ({H[1]})^2 = {det}\), so the origin is a {kind}.",
                rf"Along the \(x\) axis \(f \approx {tex(sp.Rational(H[0], 2) * x**2)}\); along the \(y\) axis "
                rf"\(f \approx {tex(sp.Rational(H[2], 2) * y**2)}\).",
                "The map with that shape, and values rising or falling that way along each axis, is {key}."],
        data={"H": [[H[0], H[1]], [H[1], H[2]]]},
    )


def click_stationary(rng):
    """Click the saddle (or the minimum, or the maximum) of f = s(x³ − 3a²x) + k(y − q)²."""
    a = rng.choice([1, sp.Rational(3, 2)])
    s = rng.choice([1, -1])
    k = rng.choice([1, 2, -1])
    q = rng.choice([-1, sp.Rational(-1, 2), 0, sp.Rational(1, 2), 1])
    f = s * (x**3 - 3 * a**2 * x) + k * (y - q)**2
    # stationary where 3 s (x² - a²) = 0 and 2 k (y - q) = 0; H = diag(6 s x, 2 k)
    points = {}
    for xs in (a, -a):
        curvature = 6 * s * xs
        if curvature * k < 0:
            points["saddle"] = (xs, q)
        else:
            points["minimum" if k > 0 else "maximum"] = (xs, q)
    other = "minimum" if k > 0 else "maximum"
    target = rng.choice(["saddle", other])
    miss = other if target == "saddle" else "saddle"
    at, wrong_at = points[target], points[miss]
    window = (-2.5, 2.5)
    saddle_value = value(f, points["saddle"])
    figure = Figure((contour(f, window, window, count=10, through=saddle_value),), window, window,
                    equal=True, snap=(0.25, 0.25))
    fx, fy = 3 * s * (x**2 - a**2), 2 * k * (y - q)
    wrong = [((float(wrong_at[0]), float(wrong_at[1])),
              f"That stationary point is the {miss}: check the sign of \\(\\det H\\) there."),
             ((float(q), float(at[0])), "You swapped \\(x\\) and \\(y\\).")]
    return point_question(
        rf"The map shows \(f(x, y) = {tex(f)}\). It has two stationary points. Click the {target}.",
        figure, (float(at[0]), float(at[1])), (0.2, 0.2), wrong=wrong,
        hints=[rf"Solve \(J = 0\): \(\frac{{\partial f}}{{\partial x}} = {tex(fx)}\) and "
               rf"\(\frac{{\partial f}}{{\partial y}} = {tex(fy)}\).",
               rf"\(H = \begin{{pmatrix}} {tex(6 * s * x)} & 0 \\ 0 & {2 * k} \end{{pmatrix}}\): \(\det H < 0\) is a saddle; "
               r"\(\det H > 0\) is a minimum if \(\frac{\partial^2 f}{\partial x^2} > 0\), else a maximum."],
        worked=[rf"\(J = 0\) at \(x = \pm {tex(a)}\), \(y = {tex(q)}\).",
                rf"\(\det H = {tex(12 * s * k * x)}\): at \(x = {tex(points['saddle'][0])}\) it is negative, a saddle; "
                rf"at \(x = {tex(points[other][0])}\) it is positive, a {other}.",
                rf"So the {target} is at \(({tex(at[0])}, {tex(at[1])})\); on the map the level curves "
                + ("pass it like an X, rising one way and falling the other." if target == "saddle"
                   else "close round it in rings.")],
        data={"f": learner(f), "target": target},
    )
