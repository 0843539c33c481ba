"""Gradient descent, slowly: one step in one variable, the factor each step multiplies by, when to
stop, a step in two variables, why the path zig-zags, reading a run, how many steps, the largest
and the best step size, and the loop as code (descent_code.py).

Every answer is hand-derived here from the template's own landscape (exact rationals where the
learner works by hand); the tests recompute each one with sympy's gradients and Hessians,
numpy's eigenvalues and simulated walks.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import choice_question, multi_question, require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m5.common import vector_question
from mvcalc.questions.m5.descent_code import descent_code
from mvcalc.questions.m5.newton_raphson import numeric
from mvcalc.questions.precision import Precision
from mvcalc.questions.printing import factor, learner, number, tex, x, y

GD_1D = r"Gradient descent: \(x_{n+1} = x_n - \gamma f'(x_n)\): a step against the slope, \(\gamma\) times as long."
GD = r"Gradient descent: \(\mathbf{x}_{n+1} = \mathbf{x}_n - \gamma \nabla f(\mathbf{x}_n)\)."
FACTOR = (r"On \(f = kx^2\), \(f'(x) = 2kx\), so a step is \(x_{n+1} = x_n - \gamma \cdot 2k x_n = (1 - 2k\gamma)\,x_n\): "
          r"every step multiplies \(x\) by the same factor.")
DECIMAL_VECTOR = "Type a vector in square brackets, e.g. [1.5, -0.2] (decimals or fractions)."

# (k, factor r): gamma = (1 - r)/(2k) is a short decimal for these
_FACTORS = [0.5, -0.5, 0.8, -0.6, 0.9, 0.2, -0.8]
_KS = [1, 2, 5, 10]


def _dec(value) -> str:
    """An exact rational as a short decimal ("0.05", "-1.2")."""
    return number(float(value))


def gd_1d_step(rng):
    """One step downhill on a parabola: which way and how far."""
    a = rng.choice([1, 2, 3, 5])
    p, q = rng.randint(-3, 3), rng.randint(0, 4)
    x0 = rng.randint(-4, 5)
    gamma = sp.Rational(rng.choice([1, 2, 5]), 20)
    require(x0 != p and 2 * a * gamma < 1)          # a step that lands short of the bottom
    f = a * (x - p) ** 2 + q
    slope = 2 * a * (x0 - p)
    x1 = x0 - gamma * slope
    side = "right" if x0 > p else "left"
    return numeric(
        rf"Take one step of gradient descent on \[f(x) = {tex(f)}\] from \(x_0 = {x0}\) with step size "
        rf"\(\gamma = {_dec(gamma)}\). Where does it land: what is \(x_1\)?",
        x1,
        hints=[GD_1D, rf"\(f'(x) = {tex(sp.expand(2 * a * (x - p)))}\), so the slope at \(x_0 = {x0}\) is \({slope}\)."],
        worked=[rf"\(f'(x) = {tex(sp.expand(2 * a * (x - p)))}\), so \(f'({x0}) = {slope}\).",
                rf"\(x_1 = {x0} - {_dec(gamma)} \times {factor(slope)} = {_dec(x1)}\).",
                rf"The start is to the {side} of the bottom at \(x = {p}\), where the curve slopes "
                f"{'up' if slope > 0 else 'down'}; so the step goes {'left' if slope > 0 else 'right'}, towards the bottom."],
        wrong=[(x0 + gamma * slope, "That step went uphill: subtract γ times the slope, do not add it."),
               (x0 - slope, "Multiply the slope by the step size γ before subtracting it."),
               (x0 - gamma * f.subs(x, x0), "Use the slope f′(x₀), not the height f(x₀)."),
               (x0 - gamma * slope / 2, rf"Differentiate the square fully: the slope of \({tex(f)}\) is \({tex(sp.expand(2 * a * (x - p)))}\).")],
        data={"f": learner(f), "x0": x0, "gamma": float(gamma), "steps": 1},
    )


def gd_factor_after_n(rng):
    """On k x^2 every step multiplies x by 1 - 2k gamma: shrink, zig-zag or blow up."""
    k = rng.choice(_KS)
    r = sp.nsimplify(rng.choice(_FACTORS + [-1.2, -1.5]))
    gamma = (1 - r) / (2 * k)
    x0 = nonzero(rng, -5, 5)
    n = rng.choice([3, 4, 5])
    value = r ** n * x0
    if abs(r) > 1:
        fate = r"Since \(|" + tex(r) + r"| > 1\) the walk bounces across the minimum further every time: it diverges."
    elif r < 0:
        fate = r"The factor is negative, so \(x\) changes sign every step (a zig-zag), but it shrinks: it converges."
    else:
        fate = r"The factor is between 0 and 1, so \(x\) shrinks steadily towards 0 without changing sign."
    return numeric(
        rf"Gradient descent runs on \(f(x) = {tex(k * x**2)}\) with step size \(\gamma = {_dec(gamma)}\), "
        rf"starting at \(x_0 = {x0}\). What is \(x_{{{n}}}\), after {n} steps?",
        value,
        hints=[GD_1D, FACTOR],
        worked=[rf"\(f'(x) = {2 * k}x\), so \(x_{{n+1}} = x_n - {_dec(gamma)} \times {2 * k}x_n = {_dec(r)}\,x_n\).",
                rf"After {n} steps: \(x_{{{n}}} = ({_dec(r)})^{{{n}}} \times {factor(x0)} = {_dec(value)}\).",
                fate],
        wrong=[((1 - k * gamma) ** n * x0, r"The slope of \(kx^2\) is \(2kx\): the factor is \(1 - 2k\gamma\), not \(1 - k\gamma\)."),
               (r * x0, rf"That is \(x_1\), one step: the factor applies once per step, {n} times in all."),
               ((1 + 2 * k * gamma) ** n * x0, r"Sign slip: each step subtracts \(\gamma f'(x)\), so the factor is \(1 - 2k\gamma\)."),
               (abs(r) ** n * x0, r"Keep the factor's sign: a negative factor flips the sign of \(x\) at every step.")],
        data={"f": learner(k * x**2), "x0": x0, "gamma": float(gamma), "steps": n},
    )


STOPPING = [
    (True, r"Stop when the gradient is nearly zero, e.g. \(|\nabla f| < 10^{-6}\): the ground is flat there.", ""),
    (True, r"Stop when a step changes \(f\) by less than some tiny amount.", ""),
    (True, r"Also set a largest number of steps, in case the walk never settles.", ""),
    (True, r"A nearly zero gradient can also mean a saddle point, so check what you have found.", ""),
    (False, r"Stop when \(f\) reaches 0.",
     r"The lowest value of \(f\) need not be 0: on \(x^2 + y^2 + 1\) the walk would never stop."),
    (False, r"Stop once the step size \(\gamma\) is small.",
     r"\(\gamma\) is a setting you choose, fixed during the run: a small \(\gamma\) says nothing about where the walk is. "
     r"It is the steps \(\gamma\nabla f\) that shrink near a minimum."),
    (False, r"Stop as soon as \(f\) goes up: the minimum must be just behind you.",
     r"If \(f\) goes up, the step overshot the valley: that calls for a smaller \(\gamma\), not for stopping."),
    (False, r"A nearly zero gradient proves you are at the lowest point of the whole landscape.",
     r"Flat ground is only flat ground: a local minimum or a saddle has \(\nabla f = 0\) too."),
]


def gd_when_to_stop(rng):
    """Select every sensible stopping rule."""
    true = [s for s in STOPPING if s[0]]
    false = [s for s in STOPPING if not s[0]]
    picked = rng.sample(true, 2) + rng.sample(false, 2)
    picked.append(rng.choice([s for s in STOPPING if s not in picked]))
    options = [{"text": t, "correct": ok,
                "feedback": fb if not ok else "That one is sensible too: select every sensible rule."}
               for ok, t, fb in picked]
    return multi_question(
        rng, r"Gradient descent never lands exactly on the minimum: it only gets closer and closer. "
             r"Which of these are sensible ways to decide when to stop? Select all that apply.",
        options,
        hints=[r"Near a minimum the ground flattens, so \(\nabla f\) and the steps \(\gamma\nabla f\) shrink.",
               r"Think of landscapes whose lowest value is not 0, and of walks that never settle."],
        worked=[r"Stop when the ground is flat (\(|\nabla f|\) tiny) or when steps stop improving \(f\); "
                r"and always cap the number of steps, since a walk with too large a \(\gamma\) never settles.",
                r"Flat ground is not proof of the lowest point: a local minimum or a saddle is flat too.",
                r"The sensible rules here: {keys}."],
        data={"statements": [t for _, t, _ in picked]},
    )


def gd_2d_step(rng):
    """One step on a landscape with a cross term: both partial derivatives, then the step."""
    a, c = rng.randint(1, 3), rng.randint(1, 3)
    b = nonzero(rng, -2, 2, not_one=False)
    d, e = rng.randint(-4, 4), rng.randint(-4, 4)
    p = (rng.randint(-3, 3), rng.randint(-3, 3))
    gamma = sp.Rational(rng.choice([1, 2]), 20)
    f = a * x**2 + b * x * y + c * y**2 + d * x + e * y
    gx, gy = 2 * a * x + b * y + d, b * x + 2 * c * y + e
    g = [gx.subs({x: p[0], y: p[1]}), gy.subs({x: p[0], y: p[1]})]
    require(g[0] != 0 and g[1] != 0)
    new = [p[0] - gamma * g[0], p[1] - gamma * g[1]]
    no_cross = [(2 * a * x + d).subs(x, p[0]), (2 * c * y + e).subs(y, p[1])]
    return vector_question(
        rf"Take one step of gradient descent on \[f(x, y) = {tex(f)}\] from \(({p[0]}, {p[1]})\) with step size "
        rf"\(\gamma = {_dec(gamma)}\). Give the new point \([x_1, y_1]\).",
        new,
        hints=[GD, rf"\(\frac{{\partial f}}{{\partial x}} = {tex(gx)}\) (the term \({tex(b * x * y)}\) gives \({tex(b * y)}\)); "
                   rf"\(\frac{{\partial f}}{{\partial y}} = {tex(gy)}\)."],
        worked=[rf"\(\nabla f = ({tex(gx)},\ {tex(gy)})\), so \(\nabla f({p[0]}, {p[1]}) = ({g[0]}, {g[1]})\).",
                rf"\(x_1 = {p[0]} - {_dec(gamma)} \times {factor(g[0])} = {_dec(new[0])}\), "
                rf"\(y_1 = {p[1]} - {_dec(gamma)} \times {factor(g[1])} = {_dec(new[1])}\)."],
        wrong=[([p[0] + gamma * g[0], p[1] + gamma * g[1]], "That step went uphill: subtract γ∇f."),
               ([p[0] - g[0], p[1] - g[1]], "Multiply the gradient by γ before subtracting it."),
               ([p[0] - gamma * no_cross[0], p[1] - gamma * no_cross[1]],
                rf"The cross term \({tex(b * x * y)}\) has a partial derivative in both directions: "
                rf"\({tex(b * y)}\) with respect to \(x\), \({tex(b * x)}\) with respect to \(y\).")],
        data={"f": learner(f), "start": list(p), "gamma": float(gamma), "task": "step"},
        hint=DECIMAL_VECTOR,
    )


def gd_angle_to_minimum(rng):
    """Why the path zig-zags: downhill is not towards the minimum in a narrow valley."""
    k = rng.choice([2, 4, 5, 10, 25])
    x0, y0 = nonzero(rng, -5, 5), nonzero(rng, -3, 3)
    down = (-2 * x0, -2 * k * y0)
    home = (-x0, -y0)
    cos_t = (down[0] * home[0] + down[1] * home[1]) / (math.hypot(*down) * math.hypot(*home))
    angle = math.degrees(math.acos(min(1.0, cos_t)))
    require(angle > 10)
    f = x**2 + k * y**2
    return numeric(
        rf"On the valley \(f(x, y) = {tex(f)}\), the minimum is at the origin. At \(({x0}, {y0})\), what is the angle, "
        r"in degrees, between the downhill direction \(-\nabla f\) and the straight line to the minimum? "
        "Give it to {precision}.",
        angle,
        hints=[rf"\(\nabla f = (2x, {2 * k}y)\). The direction to the minimum from \(({x0}, {y0})\) is \(({-x0}, {-y0})\).",
               r"The angle between \(\mathbf{u}\) and \(\mathbf{v}\): \(\cos\theta = \dfrac{\mathbf{u}\cdot\mathbf{v}}{|\mathbf{u}|\,|\mathbf{v}|}\)."],
        worked=[rf"\(-\nabla f({x0}, {y0}) = ({down[0]}, {down[1]})\); towards the minimum: \(({-x0}, {-y0})\).",
                rf"\(\cos\theta = \dfrac{{{down[0] * home[0] + down[1] * home[1]}}}{{\sqrt{{{down[0]**2 + down[1]**2}}}\,"
                rf"\sqrt{{{home[0]**2 + home[1]**2}}}}} \approx {cos_t:.4f}\), so \(\theta \approx {angle:.1f}^\circ\).",
                rf"Across the valley (\(y\)) \(f\) curves {k} times as sharply as along it (\(x\)), so \(-\nabla f\) leans "
                r"across the valley instead of pointing at the minimum: a step overshoots the valley floor, and the path "
                r"zig-zags. On a round bowl, \(x^2 + y^2\), the angle would be 0."],
        wrong=[(180 - angle, r"That is the angle with \(+\nabla f\), which points uphill: use \(-\nabla f\)."),
               (math.radians(angle), "That is the angle in radians: give it in degrees.")],
        data={"f": learner(f), "point": [x0, y0]},
        precision=Precision(places=0),
    )


def _run(a, b, gamma, start, steps=5):
    pts = [tuple(sp.nsimplify(v) for v in start)]
    for _ in range(steps):
        px, py = pts[-1]
        pts.append((px - gamma * 2 * a * px, py - gamma * 2 * b * py))
    return pts


DIAGNOSES = {
    "diverges": r"\(\gamma\) is too large: each bounce across the valley is wider, so the walk diverges. Make \(\gamma\) smaller.",
    "zigzag": r"It zig-zags across the valley (\(y\) flips sign each step) but still converges.",
    "creeps": r"\(\gamma\) is too small: each step removes only a little of the distance. A larger \(\gamma\) would be faster.",
    "done": r"It has converged: \(f\) hardly changes, so stop here.",
}


def gd_diagnose_run(rng):
    """Read a table of iterates: diverging, zig-zagging or creeping?"""
    case = rng.choice(["diverges", "zigzag", "creeps"])
    a, b = rng.choice([(1, 10), (1, 5), (2, 10), (1, 20)])
    rx = {"diverges": None, "zigzag": None, "creeps": sp.Rational(rng.choice([96, 97, 98]), 100)}[case]
    if case == "creeps":
        gamma = (1 - rx) / (2 * a)
    else:
        ry = sp.Rational(rng.choice([-12, -13, -15]) if case == "diverges" else rng.choice([-5, -6, -7]), 10)
        gamma = (1 - ry) / (2 * b)
    start = (rng.choice([-4, -3, 3, 4]), rng.choice([-2, -1, 1, 2]))
    pts = _run(a, b, gamma, start)
    f = a * x**2 + b * y**2
    fs = [f.subs({x: px, y: py}) for px, py in pts]
    factors = (1 - 2 * a * gamma, 1 - 2 * b * gamma)
    rows = [r"n & x_n & y_n & f(x_n, y_n) \\ \hline"] + [
        rf"{i} & {float(px):.4g} & {float(py):.4g} & {float(fv):.4g}" for i, ((px, py), fv) in enumerate(zip(pts, fs))]
    table = r"\[\begin{array}{c|ccc} " + rows[0] + " " + r" \\ ".join(rows[1:]) + r" \end{array}\]"
    why = {
        "diverges": rf"\(y\) is multiplied by \({_dec(factors[1])}\) at every step: it flips sign and grows, so \(f\) grows.",
        "zigzag": rf"\(y\) is multiplied by \({_dec(factors[1])}\) at every step: it flips sign but shrinks, "
                  rf"while \(x\) shrinks by the factor \({_dec(factors[0])}\).",
        "creeps": rf"\(x\) is multiplied by \({_dec(factors[0])}\) at every step: only {round(100 * float(1 - factors[0]))}% "
                  rf"closer each time, though \(f\) is still far from its minimum, 0.",
    }[case]
    options = [{"text": t, "correct": key == case,
                "feedback": rf"Look at how \(x_n\) and \(y_n\) change from row to row: {why}"}
               for key, t in DIAGNOSES.items()]
    return choice_question(
        rng, rf"Gradient descent on \(f(x, y) = {tex(f)}\), whose lowest point is \(f = 0\) at the origin, "
             rf"runs with step size \(\gamma = {_dec(gamma)}\). The first steps: {table} What is happening?",
        options,
        hints=[r"Divide each \(x_n\) by the one before, and each \(y_n\) likewise: what factor is it multiplied by?",
               r"A factor below \(-1\) grows while flipping sign; between \(-1\) and 0 it flips and shrinks; "
               r"just below 1 it barely shrinks."],
        worked=[rf"Each step multiplies \(x\) by \(1 - {2 * a}\gamma = {_dec(factors[0])}\) and \(y\) by "
                rf"\(1 - {2 * b}\gamma = {_dec(factors[1])}\).", why, "So the answer is {key}."],
        data={"f": learner(f), "gamma": float(gamma), "start": list(start), "truth": case},
    )


def gd_steps_to_converge(rng):
    """How many steps until x is within a tolerance: the factor to the power n."""
    k = rng.choice(_KS)
    r = sp.nsimplify(rng.choice([0.5, -0.5, 0.8, -0.6, 0.9, -0.8, 0.2]))
    gamma = (1 - r) / (2 * k)
    x0 = rng.choice([1, 2, 5, -3, 4, 10])
    tol = rng.choice([sp.Rational(1, 1000), sp.Rational(1, 100), sp.Rational(1, 10000)])
    exact = math.log(float(tol) / abs(x0)) / math.log(abs(float(r)))
    require(abs(exact - round(exact)) > 1e-6)     # never on the boundary
    n = math.ceil(exact)
    rk = 1 - k * gamma
    n_half = math.ceil(math.log(float(tol) / abs(x0)) / math.log(abs(float(rk))))
    return numeric(
        rf"Gradient descent runs on \(f(x) = {tex(k * x**2)}\) with \(\gamma = {_dec(gamma)}\) from \(x_0 = {x0}\). "
        rf"The minimum is at 0. After how many steps is \(|x_n| < {_dec(tol)}\) for the first time?",
        n,
        hints=[FACTOR, r"So \(|x_n| = |1 - 2k\gamma|^n\,|x_0|\): find the smallest \(n\) that makes it smaller than the tolerance "
                       r"(take logarithms, or keep multiplying)."],
        worked=[rf"Each step multiplies \(x\) by \(1 - {2 * k} \times {_dec(gamma)} = {_dec(r)}\), so \(|x_n| = {_dec(abs(r))}^n \times {abs(x0)}\).",
                rf"\({_dec(abs(r))}^n \times {abs(x0)} < {_dec(tol)}\) when \(n > \dfrac{{\ln({_dec(tol)}/{abs(x0)})}}{{\ln {_dec(abs(r))}}} \approx {exact:.3f}\).",
                rf"So the first such step is \(n = {n}\)."
                + (" (The sign flips every step, but the distance to 0 shrinks all the same.)" if r < 0 else "")],
        wrong=[(n - 1, rf"At \(n = {n - 1}\), \(|x_n| \approx {abs(float(r)) ** (n - 1) * abs(x0):.3g}\), not yet below {_dec(tol)}: round \(n\) up."),
               (n_half, r"The slope of \(kx^2\) is \(2kx\), so the factor is \(1 - 2k\gamma\), not \(1 - k\gamma\).")],
        data={"f": learner(k * x**2), "x0": x0, "gamma": float(gamma), "tol": float(tol)},
        precision=Precision(places=0),
    )


def gd_largest_gamma_coupled(rng):
    """A cross term: the largest stable gamma comes from the Hessian's largest eigenvalue."""
    p = rng.randint(2, 5)
    q = nonzero(rng, -(p - 1), p - 1, not_one=False)
    f = p * x**2 + 2 * q * x * y + p * y**2
    lam_max, lam_min = 2 * (p + abs(q)), 2 * (p - abs(q))
    limit = sp.Rational(2, lam_max)
    diag = sp.Rational(2, 2 * p)
    along = "(1, 1)" if q > 0 else "(1, -1)"
    return numeric(
        rf"Gradient descent with a fixed step size runs on \[f(x, y) = {tex(f)}.\] Above what value of \(\gamma\) "
        "does it diverge (from a typical start)?",
        limit,
        hints=[r"For a quadratic, \(\gamma\) must stay below \(2/\lambda_{\mathrm{max}}\), where \(\lambda_{\mathrm{max}}\) is the largest "
               r"eigenvalue of the Hessian: the steepest curvature in any direction.",
               rf"\(H = {_hessian_tex(p, q)}\). Its eigenvectors are \((1, 1)\) and \((1, -1)\): try \(H\) on them."],
        worked=[rf"\(H = {_hessian_tex(p, q)}\); \(H(1, 1)^{{\mathsf T}} = {2 * (p + q)}(1, 1)^{{\mathsf T}}\) and "
                rf"\(H(1, -1)^{{\mathsf T}} = {2 * (p - q)}(1, -1)^{{\mathsf T}}\): eigenvalues \({lam_max}\) and \({lam_min}\).",
                rf"Along {along} the valley is steepest; a step there multiplies the distance by \(1 - {lam_max}\gamma\), "
                rf"which stays above \(-1\) only while \(\gamma < 2/{lam_max} = {tex(limit)}\).",
                rf"So it diverges for \(\gamma > {tex(limit)}\). Reading only the diagonal of \(H\) would give \({tex(diag)}\): "
                r"too generous, because the cross term makes one direction steeper."],
        wrong=[(diag, r"That reads only the diagonal of \(H\) (the \(x\) and \(y\) directions); with the cross term the steepest "
                      r"direction is a diagonal one: use the largest eigenvalue."),
               (sp.Rational(2, lam_min), r"That keeps the gentlest direction stable: the steepest one (the largest eigenvalue) sets the limit."),
               (sp.Rational(1, lam_max), r"That is \(1/\lambda_{\mathrm{max}}\), where the steepest direction lands in one step; "
                                         r"divergence starts at \(2/\lambda_{\mathrm{max}}\).")],
        data={"f": learner(f), "task": "limit"},
    )


def _hessian_tex(p, q) -> str:
    return rf"\begin{{pmatrix}} {2 * p} & {2 * q} \\ {2 * q} & {2 * p} \end{{pmatrix}}"


def gd_best_gamma(rng):
    """The best fixed step size: both factors equal in size, gamma = 2/(lambda_min + lambda_max)."""
    a, b = rng.choice([(1, 10), (1, 4), (1, 5), (2, 5), (1, 3), (3, 5), (1, 9), (2, 7)])
    if rng.random() < 0.5:
        a, b = b, a
    lo, hi = min(a, b), max(a, b)
    steep = "x" if a > b else "y"
    best = sp.Rational(1, a + b)
    rate = sp.Rational(hi - lo, hi + lo)
    f = a * x**2 + b * y**2
    return numeric(
        rf"On \(f(x, y) = {tex(f)}\) each step of gradient descent multiplies \(x\) by \(1 - {2 * a}\gamma\) and \(y\) by "
        rf"\(1 - {2 * b}\gamma\). The slower of the two decides how fast the walk converges. Which \(\gamma\) makes the "
        "slower factor as small as possible in size?",
        best,
        hints=[r"Making \(\gamma\) larger speeds up the gentle direction but makes the steep one overshoot. "
               r"The best balance is where the two factors are equal in size and opposite in sign.",
               rf"Solve \(1 - {2 * lo}\gamma = -(1 - {2 * hi}\gamma)\)."],
        worked=[rf"Set \(1 - {2 * lo}\gamma = -(1 - {2 * hi}\gamma)\): \({2 * (lo + hi)}\gamma = 2\), so "
                rf"\(\gamma = {tex(best)} \approx {float(best):.4g}\).",
                rf"Both factors are then \(\pm {tex(rate)}\): each step keeps a fraction {number(float(rate), 3)} of the "
                rf"distance, and \({steep}\), the steep direction, zig-zags. The more unequal the curvatures ({2 * hi} against {2 * lo}), the nearer "
                r"this is to 1 and the slower gradient descent is, however \(\gamma\) is chosen."],
        wrong=[(sp.Rational(1, hi), r"That is where the steep direction starts to diverge (a factor of \(-1\)), not the best choice."),
               (sp.Rational(1, 2 * hi), r"That sends the steep direction to 0 in one step, but leaves the gentle one crawling."),
               (sp.Rational(1, 2 * lo), r"That sends the gentle direction to 0 in one step, but the steep one then diverges.")],
        data={"f": learner(f), "task": "best"},
    )


TEMPLATES = [gd_1d_step, gd_factor_after_n, gd_when_to_stop, gd_2d_step, gd_angle_to_minimum,
             gd_diagnose_run, gd_steps_to_converge, gd_largest_gamma_coupled, gd_best_gamma, descent_code]
