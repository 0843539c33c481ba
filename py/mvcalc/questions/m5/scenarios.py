"""Optimisation scenarios: a gradient-descent step by hand, choosing the step size, spotting a
zig-zag, Newton's step on a quadratic and the hybrid's decision.

All on f = a x^2 + b y^2 (+ cross and linear terms for Newton): hand-derived here, re-derived
with sympy (gradients, Hessians, solves, simulated walks) in the tests.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import choice_question, require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m5.common import vector_question
from mvcalc.questions.m5.newton_hessian import hybrid_step, newton_not_quadratic, where_newton_lands
from mvcalc.questions.m5.newton_raphson import numeric
from mvcalc.questions.printing import factor, learner, matrix_tex, tex, x, y
from mvcalc.questions.m5.visual import gamma_too_large, newton_arrow  # visual (issue 13)

GD = r"Gradient descent: \(\mathbf{x}_{n+1} = \mathbf{x}_n - \gamma \nabla f(\mathbf{x}_n)\)."
NEWTON = r"Newton's step: solve \(H \boldsymbol\delta = -\nabla f\), then \(\mathbf{x}_{n+1} = \mathbf{x}_n + \boldsymbol\delta\)."


def gd_step(rng):
    """One gradient-descent step on a x^2 + b y^2."""
    a, b = rng.randint(1, 4), rng.randint(1, 6)
    p = (nonzero(rng, -4, 4, not_one=False), nonzero(rng, -4, 4, not_one=False))
    gamma = sp.Rational(rng.choice([1, 2, 5]), 20)
    g = (2 * a * p[0], 2 * b * p[1])
    new = [p[0] - gamma * g[0], p[1] - gamma * g[1]]
    f = a * x**2 + b * y**2
    return vector_question(
        rf"Take one gradient-descent step on \(f(x, y) = {tex(f)}\) from \(({p[0]}, {p[1]})\) with step size "
        rf"\(\gamma = {tex(gamma)}\). Where does it land? Give \([x_1, y_1]\).",
        new,
        hints=[GD, rf"\(\nabla f = ({tex(2 * a * x)}, {tex(2 * b * y)})\), which is \(({g[0]}, {g[1]})\) at the start."],
        worked=[rf"\(\nabla f({p[0]}, {p[1]}) = ({g[0]}, {g[1]})\).",
                rf"\(x_1 = {p[0]} - {tex(gamma)} \times {factor(g[0])} = {tex(new[0])}\), "
                rf"\(y_1 = {p[1]} - {tex(gamma)} \times {factor(g[1])} = {tex(new[1])}\)."],
        wrong=[([p[0] + gamma * g[0], p[1] + gamma * g[1]], "Sign slip: that step went uphill. Subtract γ∇f."),
               ([p[0] - g[0], p[1] - g[1]], "Multiply the gradient by γ before subtracting it.")],
        data={"f": learner(f), "start": list(p), "gamma": float(gamma), "task": "step"},
    )


def largest_gamma(rng):
    """The largest step size for which gradient descent converges on a x^2 + b y^2."""
    a, b = rng.sample([1, 2, 4, 5, 10, 20, 25, 50], 2)
    f = a * x**2 + b * y**2
    top = max(a, b)
    limit = sp.Rational(1, top)
    return numeric(
        rf"Gradient descent with a fixed step size \(\gamma\) runs on \(f(x, y) = {tex(f)}\). Each step multiplies "
        rf"\(x\) by \(1 - {2 * a}\gamma\) and \(y\) by \(1 - {2 * b}\gamma\). Above what value of \(\gamma\) does it diverge "
        "(from a typical start)?",
        limit,
        hints=[GD, r"A coordinate shrinks only if its factor lies between −1 and 1: \(|1 - 2k\gamma| < 1\)."],
        worked=[rf"\(|1 - {2 * a}\gamma| < 1\) needs \(\gamma < \frac{{2}}{{{2 * a}}} = {tex(sp.Rational(1, a))}\); "
                rf"\(|1 - {2 * b}\gamma| < 1\) needs \(\gamma < {tex(sp.Rational(1, b))}\).",
                rf"Both must hold, so the steepest direction decides: \(\gamma < {tex(limit)}\)."],
        wrong=[(sp.Rational(1, min(a, b)), "That keeps the gentle direction stable, but the steep one blows up: take the smaller limit."),
               (sp.Rational(1, 2 * top), "That is where the zig-zag starts (a factor of 0), not where it diverges (a factor of −1).")],
        data={"f": learner(f), "task": "limit"},
    )


def zigzag(rng):
    """Which coordinate zig-zags for a given gamma?"""
    a, b = rng.choice([(1, 10), (1, 5), (2, 8), (10, 1), (5, 1), (1, 1)])
    gamma = sp.Rational(rng.choice([1, 2, 3, 4, 6, 8, 9]), 100)
    fx, fy = 1 - 2 * a * gamma, 1 - 2 * b * gamma
    require(fx != 0 and fy != 0 and abs(fx) < 1 and abs(fy) < 1)
    truth = ("both" if fx < 0 and fy < 0 else "x" if fx < 0 else "y" if fy < 0 else "neither")
    text = {"x": r"Only \(x\) zig-zags (flips sign every step)",
            "y": r"Only \(y\) zig-zags (flips sign every step)",
            "both": r"Both \(x\) and \(y\) zig-zag",
            "neither": r"Neither: both shrink steadily without changing sign"}
    f = a * x**2 + b * y**2
    options = [{"correct": k == truth, "text": t,
                "feedback": rf"Work out each factor: \(x\) is multiplied by \({tex(fx)}\) and \(y\) by \({tex(fy)}\); a negative factor flips the sign."}
               for k, t in text.items()]
    return choice_question(
        rng, rf"Gradient descent on \(f(x, y) = {tex(f)}\) with \(\gamma = {tex(gamma)}\) converges. Does the path zig-zag?",
        options,
        hints=[GD, rf"Each step multiplies \(x\) by \(1 - {2 * a}\gamma\) and \(y\) by \(1 - {2 * b}\gamma\)."],
        worked=[rf"\(1 - {2 * a}\gamma = {tex(fx)}\) and \(1 - {2 * b}\gamma = {tex(fy)}\).",
                "A negative factor flips that coordinate's sign at every step, bouncing across the valley: the answer is {key}."],
        data={"f": learner(f), "gamma": float(gamma), "truth": truth},
    )


def newton_quadratic(rng):
    """One Newton step lands on a quadratic's stationary point."""
    a, c = rng.randint(1, 4), rng.randint(1, 4)
    b = rng.choice([-2, -1, 0, 1, 2])
    d, e = nonzero(rng, -6, 6, not_one=False), nonzero(rng, -6, 6, not_one=False)
    require(4 * a * c - b * b > 0)
    f = a * x**2 + b * x * y + c * y**2 + d * x + e * y
    H = sp.Matrix([[2 * a, b], [b, 2 * c]])
    start = (rng.randint(-3, 3), rng.randint(-3, 3))
    J = sp.Matrix([2 * a * start[0] + b * start[1] + d, b * start[0] + 2 * c * start[1] + e])
    new = sp.Matrix(start) - H.LUsolve(J)
    return vector_question(
        rf"Take one Newton step on \[f(x, y) = {tex(f)}\] from \(({start[0]}, {start[1]})\). Where does it land? Give \([x_1, y_1]\).",
        list(new),
        hints=[NEWTON, rf"\(\nabla f = ({tex(2 * a * x + b * y + d)}, {tex(b * x + 2 * c * y + e)})\) and \(H = {matrix_tex([[2 * a, b], [b, 2 * c]])}\)."],
        worked=[rf"At the start, \(\nabla f = ({J[0]}, {J[1]})\) and \(H = {matrix_tex([[2 * a, b], [b, 2 * c]])}\).",
                rf"Solve \(H\boldsymbol\delta = -\nabla f\): \(\boldsymbol\delta = ({tex(new[0] - start[0])}, {tex(new[1] - start[1])})\).",
                rf"\((x_1, y_1) = ({tex(new[0])}, {tex(new[1])})\). Since \(f\) is quadratic this is exactly its minimum: "
                r"\(\nabla f = 0\) there, from any start."],
        wrong=[(list(sp.Matrix(start) + H.LUsolve(J)), "Sign slip: the step solves Hδ = −∇f.")],
        data={"f": learner(f), "start": list(start), "task": "newton"},
    )


def hybrid_decision(rng):
    """Newton's step or the gradient's? Uphill, too long, or fine."""
    case = rng.choice(["uphill", "long", "fine"])
    if case == "uphill":
        H = [[2, 0], [0, -rng.randint(1, 3)]]
        J = [rng.choice([-1, 1]) * rng.randint(1, 2), rng.choice([-2, -1, 1, 2])]
    elif case == "long":
        k = rng.randint(1, 2)
        H = [[k, 0], [0, k]]
        J = [rng.choice([-1, 1]) * 4 * k, rng.choice([-1, 1]) * 3 * k]
    else:
        H = [[rng.randint(2, 4), 0], [0, rng.randint(2, 4)]]
        J = [rng.choice([-2, -1, 1, 2]), rng.choice([-2, -1, 1, 2])]
    Hm, Jm = sp.Matrix(H), sp.Matrix(J)
    d = -Hm.LUsolve(Jm)
    slope = (Jm.T * d)[0]
    length = sp.sqrt(d.dot(d))
    # grad f . delta = 0 is neither uphill nor downhill (a step along the contour): re-roll it
    require(slope != 0)
    truth = "uphill" if slope > 0 else ("long" if length > 2 else "fine")
    require(truth == case)
    text = {"fine": r"Newton's step: it points downhill and is no longer than 2",
            "uphill": r"The gradient step: Newton's step points uphill \((\nabla f \cdot \boldsymbol\delta > 0)\)",
            "long": r"The gradient step: Newton's step is longer than 2"}
    options = [{"correct": k == truth, "text": t,
                "feedback": rf"Compute \(\boldsymbol\delta = -H^{{-1}}\nabla f = ({tex(d[0])}, {tex(d[1])})\): "
                            rf"\(\nabla f \cdot \boldsymbol\delta = {tex(slope)}\) and its length is \({tex(length)}\)."}
               for k, t in text.items()]
    return choice_question(
        rng, rf"The hybrid method takes Newton's step \(\boldsymbol\delta = -H^{{-1}}\nabla f\) unless it points uphill or is longer "
             rf"than 2, and otherwise a gradient step. At the current point \(\nabla f = {matrix_tex(J)}^{{\mathsf T}}\) and "
             rf"\(H = {matrix_tex(H)}\). Which step does it take?",
        options,
        hints=[NEWTON, r"Downhill means \(\nabla f \cdot \boldsymbol\delta < 0\)."],
        worked=[rf"\(\boldsymbol\delta = -H^{{-1}}\nabla f = ({tex(d[0])}, {tex(d[1])})\).",
                rf"\(\nabla f \cdot \boldsymbol\delta = {tex(slope)}\); length \(|\boldsymbol\delta| = {tex(length)}\).",
                "So the answer is {key}."],
        data={"J": J, "H": H, "truth": truth},
    )


TEMPLATES = [gd_step, largest_gamma, zigzag, newton_quadratic, hybrid_decision,
             newton_not_quadratic, hybrid_step, where_newton_lands]
TEMPLATES += [gamma_too_large, newton_arrow]  # visual (issue 13): appended, never reordered
