"""Module 5 in pictures: Newton-Raphson's tangent, step sizes, Newton's step and Lagrange's touch.

- newton_click: click where the next Newton-Raphson estimate lands on the x-axis;
- newton_bad_start: from which marked start does one Newton-Raphson step jump farthest;
- gamma_too_large: which of three descent paths had the step size γ too large;
- newton_arrow: which arrow on the map of a quadratic bowl is Newton's step −H⁻¹J;
- lagrange_touch: click where a linear f is largest on a circle (∇f parallel to ∇g).

Keys are worked out by hand here; the tests recompute them with sympy.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import require, shared_y_range
from mvcalc.questions.figure import Arrow, Curve, Figure, Marker, Path
from mvcalc.questions.figure_alt import fmt
from mvcalc.questions.figure_builders import pick_question, point_question
from mvcalc.questions.maps import ahead, apart, contour
from mvcalc.questions.printing import learner, matrix_tex, tex, x, y

NEWTON_1D = r"Newton-Raphson: \(x_{n+1} = x_n - \dfrac{f(x_n)}{f'(x_n)}\), where the tangent at \(x_n\) meets the \(x\)-axis."


def _nice(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw))
    return min((s * power for s in (1, 2, 5, 10)), key=lambda s: abs(math.log(s / raw)))


def newton_click(rng):
    """Where does the tangent at x₀ meet the x-axis? Click x₁."""
    p, q = rng.choice([-3, -2, -1, 1, 2]), rng.choice([-2, -1, 1, 2])
    x0 = rng.choice([-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2])
    f = x**3 + p * x + q
    df = 3 * x**2 + p
    f0, d0 = float(f.subs(x, x0)), float(df.subs(x, x0))
    require(abs(d0) >= 1 and abs(f0) >= 0.5, "a flat tangent or a start at a root")
    x1 = x0 - f0 / d0
    require(-2.8 <= x1 <= 2.8 and abs(x1 - x0) >= 0.3, "the next estimate off the figure or too near")
    window = (-3.0, 3.0)
    y_range = shared_y_range([f], window, cap=max(10.0, 1.25 * abs(f0)))
    step_y = _nice((y_range[1] - y_range[0]) / 40)
    figure = Figure((Curve(learner(f), name="f"), Marker((float(x0), f0), text="x₀")), window, y_range,
                    snap=(0.05, step_y))
    wrong = [((x0 + f0 / d0, 0.0), r"Sign: Newton-Raphson subtracts \(f(x_0)/f'(x_0)\); this went the other way."),
             ((x0 - d0 / f0, 0.0), r"The ratio is upside down: the step is \(f(x_0)/f'(x_0)\)."),
             ((x1, float(f.subs(x, x1))), r"Right \(x_1\), but the next estimate is on the \(x\)-axis, where the "
                                          r"tangent meets it, not on the curve.")]
    return point_question(
        rf"The figure shows \(f(x) = {tex(f)}\) and the estimate \(x_0 = {fmt(x0)}\) (marked on the curve). "
        r"One Newton-Raphson step follows the tangent at \(x_0\) down to the \(x\)-axis. Click where it lands: "
        r"the point \((x_1, 0)\).",
        figure, (x1, 0.0), (0.1, max(0.3, 2 * step_y)), wrong=wrong,
        hints=[NEWTON_1D, rf"\(f'(x) = {tex(df)}\)."],
        worked=[rf"\(f({fmt(x0)}) = {fmt(f0)}\) and \(f'({fmt(x0)}) = {fmt(d0)}\).",
                rf"\(x_1 = {fmt(x0)} - \frac{{{fmt(f0)}}}{{{fmt(d0)}}} = {fmt(x1)}\).",
                rf"The tangent meets the \(x\)-axis at \(({fmt(x1)}, 0)\)."],
        data={"f": learner(f), "x0": float(x0)},
    )


def newton_bad_start(rng):
    """From which start does one Newton-Raphson step jump farthest? Where f' is small and f is not."""
    c = rng.choice([-1, sp.Rational(-1, 2), sp.Rational(1, 2), 1])
    s = rng.choice([1, -1])
    f = s * (x**3 - 3 * x) + c
    df = s * (3 * x**2 - 3)
    near = rng.choice([-1.15, -0.85, 0.85, 1.15])              # close to a turning point (±1)
    others = [v for v in (-2.5, -2, -1.75, 1.75, 2, 2.5, 0.25, -0.25) if abs(v - near) > 0.5]
    rng.shuffle(others)
    starts = [near] + others[:3]

    def jump(v):
        return abs(float(f.subs(x, v) / df.subs(x, v)))
    jumps = [jump(v) for v in starts]
    best = max(range(4), key=lambda i: jumps[i])
    require(sorted(jumps)[-1] >= 2 * sorted(jumps)[-2], "no start jumps clearly farthest")
    window = (-3.0, 3.0)
    y_range = shared_y_range([f], window, cap=8.0)
    options = []
    for i, v in enumerate(starts):
        fv = float(f.subs(x, v))
        require(y_range[0] < fv < y_range[1], "a start off the figure")
        feedback = ("" if i == best else
                    rf"From \(x_0 = {fmt(v)}\) the step is \(|f/f'| \approx {fmt(jumps[i])}\): the tangent there is "
                    "steep, so Newton-Raphson moves only a little.")
        options.append({"item": Marker((float(v), fv)), "correct": i == best, "feedback": feedback})
    figure = Figure((Curve(learner(f), name="f", colour="ink"),), window, y_range)
    v = starts[best]
    return pick_question(
        rng, rf"Newton-Raphson is started on \(f(x) = {tex(f)}\) from each marked point in turn. From which one does "
             r"the first step jump farthest? Pick it on the figure.",
        options, figure=figure,
        hints=[NEWTON_1D, r"The step is \(|f(x_0)/f'(x_0)|\): long where the tangent is nearly flat and \(f\) is not near 0."],
        worked=[rf"\(f'(x) = {tex(df)}\) is 0 at \(x = \pm 1\): the tangent is flat at the turning points.",
                rf"From \(x_0 = {fmt(v)}\), near a turning point, \(f'(x_0) = {fmt(float(df.subs(x, v)))}\) and the step "
                rf"is \(|f/f'| \approx {fmt(jumps[best])}\); from the others it is at most {fmt(sorted(jumps)[-2])}.",
                "So the farthest jump starts from {key}: Newton-Raphson misbehaves near a turning point."],
        data={"f": learner(f), "starts": [float(v) for v in starts]},
    )


def _descent(a, b, start, gamma, steps, window):
    """Gradient-descent points on a x² + b y² from ``start``, stopping after the first that leaves the window."""
    px, py = start
    xs, ys = [px], [py]
    for _ in range(steps):
        px, py = px - gamma * 2 * a * px, py - gamma * 2 * b * py
        xs.append(round(px, 6))
        ys.append(round(py, 6))
        if not (window[0] <= px <= window[1] and window[0] <= py <= window[1]):
            break
    return tuple(xs), tuple(ys)


def gamma_too_large(rng):
    """Three gradient-descent runs with three step sizes: which one overshoots more each step?"""
    a, b = 1, rng.choice([3, 4, 5])
    start = (rng.choice([-2.5, 2.5]), rng.choice([-1.5, 1.5]))
    window = (-3.0, 3.0)
    big = round(2.2 / (2 * b), 4)             # 1 - 2bγ = -1.2: each step overshoots by more
    good = round(1 / (a + b), 4)              # the best single γ for this bowl
    small = 0.02                              # 1 - 2aγ = 0.96: it crawls
    runs = [(big, True, ""),
            (good, False, "That path reaches the bottom in a few steps: its \\(\\gamma\\) is about right."),
            (small, False, "That path takes tiny steps: its \\(\\gamma\\) is too small, so it crawls.")]
    f = a * x**2 + b * y**2
    options = [{"item": Path(*_descent(a, b, start, g, 8, window), name="path"), "correct": ok, "feedback": fb}
               for g, ok, fb in runs]
    figure = Figure((contour(f, window, window, count=8, labels=False, bowl=True),), window, window, equal=True)
    factor_y = 1 - 2 * b * big
    return pick_question(
        rng, rf"Gradient descent ran three times on \(f(x, y) = {tex(f)}\), each from the same start with its own "
             r"step size \(\gamma\), for up to eight steps. Which path had \(\gamma\) too large? Pick it on the figure.",
        options, figure=figure,
        hints=[r"Each step is \(-\gamma \nabla f\). Too large a \(\gamma\) overshoots the valley floor: the path "
               "jumps from side to side, farther each time.",
               rf"Along \(y\), one step multiplies \(y\) by \(1 - 2\cdot{b}\,\gamma\); if that is below \(-1\), the zig-zag grows."],
        worked=[rf"Along \(y\) a step maps \(y \mapsto (1 - {2 * b}\gamma) y\); along \(x\), \(x \mapsto (1 - 2\gamma) x\).",
                rf"With \(\gamma = {fmt(big)}\): \(1 - {2 * b}\gamma = {fmt(factor_y)}\), so \(y\) changes sign and grows: "
                rf"the path zig-zags out of the valley.",
                "That is path {key}. (The others used \\(\\gamma = " + fmt(good) + r"\), about right, and \(\gamma = "
                + fmt(small) + r"\), too small.)"],
        data={"f": learner(f), "start": list(start), "gammas": [big, good, small]},
    )


def newton_arrow(rng):
    """On a tilted bowl, which arrow is Newton's step −H⁻¹J? (It lands exactly at the bottom.)"""
    p, q = rng.choice([sp.Rational(-1, 2), 0, sp.Rational(1, 2)]), rng.choice([sp.Rational(-1, 2), 0, sp.Rational(1, 2)])
    A, C = 1, rng.choice([4, 6, 8])
    E = rng.choice([-2, -1, 0, 1, 2])
    u, v = x - p, y - q
    f = A * u**2 + C * v**2 + E * u * v
    P = (float(rng.choice([-2, -1.5, -1, 1, 1.5, 2])), float(rng.choice([-1.5, -1, 1, 1.5])))
    p, q = float(p), float(q)
    du, dv = P[0] - p, P[1] - q
    g = (2 * A * du + E * dv, 2 * C * dv + E * du)         # J at P
    H = ((2 * A, E), (E, 2 * C))
    newton = (-du, -dv)                                    # −H⁻¹J: straight to the centre of a quadratic
    length = min(math.hypot(*newton), 1.5)
    require(length >= 0.8, "a step too short to draw")
    HJ = (H[0][0] * g[0] + H[0][1] * g[1], H[1][0] * g[0] + H[1][1] * g[1])
    steepest = (-g[0], -g[1])
    require(apart([newton, steepest], 25), "steepest descent points nearly at the minimum here")
    kinds = [(newton, True, ""),
             (steepest, False, "That arrow is \\(-J\\), steepest descent: it crosses the level curves at right "
                               "angles but ignores the curvature, so on a tilted bowl it misses the bottom.")]
    for d, fb in [((du, dv), "That arrow is \\(+H^{-1}J\\): it points away from the minimum."),
                  ((-HJ[0], -HJ[1]), "That arrow is \\(-HJ\\): Newton's step solves \\(H\\delta = -J\\), it "
                                     "divides by the curvature rather than multiplying by it."),
                  ((g[0], g[1]), "That arrow is \\(+J\\): it points uphill.")]:
        if len(kinds) < 4 and apart([k[0] for k in kinds] + [d], 25):
            kinds.append((d, False, fb))
    require(len(kinds) == 4, "arrows too close together")
    window = (-3.0, 3.0)
    for d, _, _ in kinds:
        end = ahead(P, d, length)
        require(all(window[0] <= c <= window[1] for c in end), "an arrow leaves the map")
    options = [{"item": Arrow(P, ahead(P, d, length), name="arrow"), "correct": ok, "feedback": fb}
               for d, ok, fb in kinds]
    figure = Figure((contour(f, window, window, count=8, bowl=True), Marker(P, text="P")), window, window,
                    equal=True)
    return pick_question(
        rng, rf"The map shows \(f(x, y) = {tex(sp.expand(f))}\). All four arrows from P have the same length; "
             r"which one points along Newton's step \(\boldsymbol\delta = -H^{-1}J^T\)? Pick it on the figure.",
        options, figure=figure,
        hints=[r"For a quadratic, Newton's method lands on the minimum in one step: the step points straight at the "
               r"centre of the level curves.",
               rf"\(H = {matrix_tex([list(H[0]), list(H[1])])}\); solve \(H\boldsymbol\delta = -J^T\)."],
        worked=[rf"At P: \(J = ({fmt(g[0])}, {fmt(g[1])})\) and \(H = {matrix_tex([list(H[0]), list(H[1])])}\).",
                rf"Solving \(H\boldsymbol\delta = -J^T\) gives \(\boldsymbol\delta = ({fmt(newton[0])}, {fmt(newton[1])})\), "
                rf"from P straight to the minimum at \(({fmt(p)}, {fmt(q)})\).",
                "That is arrow {key}; steepest descent, \\(-J\\), points elsewhere on a tilted bowl."],
        data={"f": learner(f), "P": list(P)},
    )


DIRECTIONS = [(3, 4), (4, 3), (1, 1), (1, 2), (2, 1), (5, 12), (12, 5)]


def lagrange_touch(rng):
    """The largest (or smallest) of f = a x + b y on the circle x² + y² = r²: where ∇f ∥ ∇g."""
    a, b = rng.choice(DIRECTIONS)
    a, b = a * rng.choice([1, -1]), b * rng.choice([1, -1])
    radius = rng.choice([1.5, 2, 2.5])
    want = rng.choice(["largest", "smallest"])
    norm = math.hypot(a, b)
    sign = 1 if want == "largest" else -1
    at = (sign * radius * a / norm, sign * radius * b / norm)
    window = (-3.0, 3.0)
    f = a * x + b * y
    circle = Path(tuple(round(radius * math.cos(2 * math.pi * i / 120), 6) for i in range(121)),
                  tuple(round(radius * math.sin(2 * math.pi * i / 120), 6) for i in range(121)),
                  name=f"the circle x² + y² = {fmt(radius**2)}", colour="ink", dots=False)
    figure = Figure((contour(f, window, window, count=10), circle), window, window, equal=True, snap=(0.1, 0.1))
    other = "smallest" if want == "largest" else "largest"
    wrong = [((-at[0], -at[1]), f"That is where \\(f\\) is {other} on the circle: \\(\\nabla f\\) is parallel to "
                                "\\(\\nabla g\\) there too, pointing the other way."),
             ((at[1], at[0]), "You swapped \\(x\\) and \\(y\\).")]
    lam = sign * norm / (2 * radius)
    return point_question(
        rf"On the map of \(f(x, y) = {tex(f)}\), click the point of the circle \(x^2 + y^2 = {tex(sp.nsimplify(radius**2))}\) "
        rf"where \(f\) is {want}.",
        figure, at, (0.15, 0.15), wrong=wrong,
        hints=[r"At a constrained extreme, \(\nabla f = \lambda \nabla g\) with \(g = x^2 + y^2\): the level line of "
               r"\(f\) just touches the circle.",
               rf"\(\nabla f = ({a}, {b})\) and \(\nabla g = (2x, 2y)\), so \((x, y)\) is a multiple of \(({a}, {b})\)."],
        worked=[rf"\(({a}, {b}) = \lambda (2x, 2y)\) gives \((x, y) = \frac{{1}}{{2\lambda}}({a}, {b})\).",
                rf"On the circle: \(\frac{{{fmt(norm)}}}{{2|\lambda|}} = {fmt(radius)}\), so \(\lambda = \pm {fmt(abs(lam))}\).",
                rf"The {want} value is at \(\lambda = {fmt(lam)}\): \((x, y) = ({fmt(at[0])}, {fmt(at[1])})\), where the "
                rf"level line touches the circle."],
        data={"f": learner(f), "radius": radius, "want": want},
    )
