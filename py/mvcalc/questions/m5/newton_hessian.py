"""Optimisation scenarios, continued: Newton's step with the Hessian on a landscape that is not a
quadratic, the step the hybrid actually takes, and what kind of flat place Newton's method lands on.

Hand-derived here with exact rationals; the tests redo each with sympy's gradient, Hessian,
solve and eigenvalues.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.builders import choice_question, require
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.m5.common import vector_question
from mvcalc.questions.printing import learner, matrix_tex, number, tex, x, y

NEWTON = r"Newton's step: solve \(H \boldsymbol\delta = -\nabla f\), then \(\mathbf{x}_{n+1} = \mathbf{x}_n + \boldsymbol\delta\)."
FRACTIONS = "Type a vector in square brackets, e.g. [2, -1/3] (fractions are fine)."


def _vec(values) -> str:
    return "(" + ", ".join(tex(v) for v in values) + ")"


def newton_not_quadratic(rng):
    """One Newton step on x^4 + ...: the local quadratic is only a model, so it does not land on the minimum."""
    c = rng.randint(1, 3)
    b = rng.choice([-2, -1, 0, 1, 2])
    d = rng.randint(-4, 4)
    p = (rng.choice([-2, -1, 1, 2]), rng.randint(-2, 2))
    f = x**4 + b * x * y + c * y**2 + d * y
    grad = sp.Matrix([sp.diff(f, x), sp.diff(f, y)])
    H = sp.hessian(f, (x, y))
    at = {x: p[0], y: p[1]}
    g, Hp = grad.subs(at), H.subs(at)
    require(Hp.det() != 0 and any(v != 0 for v in g))
    delta = -Hp.LUsolve(g)
    new = [p[0] + delta[0], p[1] + delta[1]]
    g_new = grad.subs({x: new[0], y: new[1]})
    diagonal = [p[0] - g[0] / Hp[0, 0], p[1] - g[1] / Hp[1, 1]]
    return vector_question(
        rf"Take one Newton step on \[f(x, y) = {tex(f)}\] from \(({p[0]}, {p[1]})\). Give the new point \([x_1, y_1]\).",
        new,
        hints=[NEWTON, rf"\(\nabla f = ({tex(grad[0])},\ {tex(grad[1])})\) and \(H = {matrix_tex(H.tolist())}\); "
                       r"evaluate both at the start."],
        worked=[rf"At \(({p[0]}, {p[1]})\): \(\nabla f = {_vec(g)}\) and \(H = {matrix_tex(Hp.tolist())}\).",
                rf"Solve \(H\boldsymbol\delta = -\nabla f\): \(\boldsymbol\delta = {_vec(delta)}\), so "
                rf"\((x_1, y_1) = {_vec(new)}\).",
                rf"There \(\nabla f = {_vec(g_new)}\), not zero: \(f\) is not a quadratic (the \(x^4\)), so its local "
                r"quadratic model is only an approximation, and Newton's method needs several steps, each from a new model."],
        wrong=[([p[0] - delta[0], p[1] - delta[1]], r"Sign slip: the step solves \(H\boldsymbol\delta = -\nabla f\)."),
               (diagonal, r"That divides each slope by the diagonal of \(H\) alone; with the cross term, solve the "
                          r"whole system \(H\boldsymbol\delta = -\nabla f\)."),
               ([p[0] - g[0], p[1] - g[1]], r"That is a gradient step with \(\gamma = 1\): Newton's step uses \(H^{-1}\).")],
        data={"f": learner(f), "start": list(p), "task": "newton"},
        hint=FRACTIONS,
    )


def hybrid_step(rng):
    """Where does the hybrid go? Newton's step if it is downhill and at most 2 long, else -gamma grad f."""
    case = rng.choice(["uphill", "long", "fine"])
    if case == "uphill":
        H = [[rng.randint(1, 3), 0], [0, -rng.randint(1, 3)]]
        J = [rng.choice([-1, 1]), rng.choice([-3, -2, 2, 3])]
    elif case == "long":
        k = rng.choice([1, 2])
        H = [[k, 0], [0, k]]
        J = [rng.choice([-1, 1]) * 3 * k, rng.choice([-1, 1]) * 4 * k]
    else:
        H = [[rng.randint(2, 4), rng.choice([-1, 0, 1])], [0, rng.randint(2, 4)]]
        H[1][0] = H[0][1]
        J = [rng.choice([-2, -1, 1, 2]), rng.choice([-2, -1, 1, 2])]
    p = [rng.randint(-3, 3), rng.randint(-3, 3)]
    gamma = sp.Rational(rng.choice([1, 2, 5]), 10)
    Hm, Jm = sp.Matrix(H), sp.Matrix(J)
    d = -Hm.LUsolve(Jm)
    slope = (Jm.T * d)[0]
    length = sp.sqrt(d.dot(d))
    require(slope != 0)
    truth = "uphill" if slope > 0 else ("long" if length > 2 else "fine")
    require(truth == case)
    newton_point = [p[0] + d[0], p[1] + d[1]]
    gradient_point = [p[0] - gamma * J[0], p[1] - gamma * J[1]]
    answer = newton_point if truth == "fine" else gradient_point
    reason = {"uphill": rf"\(\nabla f \cdot \boldsymbol\delta = {tex(slope)} > 0\): Newton's step climbs, so take the gradient step.",
              "long": rf"\(\nabla f \cdot \boldsymbol\delta = {tex(slope)} < 0\) but \(|\boldsymbol\delta| = {tex(length)} > 2\): "
                      r"too long to trust the quadratic model, so take the gradient step.",
              "fine": rf"\(\nabla f \cdot \boldsymbol\delta = {tex(slope)} < 0\) and \(|\boldsymbol\delta| = {tex(length)} \le 2\): "
                      r"Newton's step is safe, so take it."}[truth]
    wrong = [(gradient_point, r"Newton's step passes both checks here, so the hybrid takes it, not the gradient step.")
             if truth == "fine" else
             (newton_point, r"The hybrid checks Newton's step before taking it: here it fails a check, so it falls back to "
                            r"\(-\gamma\nabla f\)."),
             ([p[0] + gamma * J[0], p[1] + gamma * J[1]], r"The gradient step goes downhill: \(-\gamma\nabla f\), not \(+\gamma\nabla f\).")]
    return vector_question(
        rf"The hybrid method takes Newton's step \(\boldsymbol\delta = -H^{{-1}}\nabla f\) if it points downhill "
        rf"(that is, \(\nabla f \cdot \boldsymbol\delta < 0\)) and is at most 2 long; otherwise it takes the gradient step "
        rf"\(-\gamma\nabla f\) with \(\gamma = {number(float(gamma))}\). At the point \(({p[0]}, {p[1]})\), "
        rf"\(\nabla f = {_vec(J)}\) and \(H = {matrix_tex(H)}\). Where does the hybrid step to? Give \([x_1, y_1]\).",
        answer,
        hints=[NEWTON, r"Compute \(\boldsymbol\delta\), then check its sign against \(\nabla f\) and its length; "
                       r"only then decide which step to take."],
        worked=[rf"\(\boldsymbol\delta = -H^{{-1}}\nabla f = {_vec(d)}\).", reason,
                rf"So \((x_1, y_1) = {_vec(answer)}\)."],
        wrong=wrong,
        data={"J": J, "H": H, "point": p, "gamma": float(gamma), "truth": truth},
        hint=FRACTIONS,
    )


KINDS = {
    "minimum": r"A minimum: \(H\) is positive definite there.",
    "maximum": r"A maximum: Newton's method climbed to the top.",
    "saddle": r"A saddle: flat, but downhill in some directions, so not a minimum.",
}


def where_newton_lands(rng):
    """Newton's step on a quadratic lands on its flat place, whatever kind it is."""
    kind = rng.choice(["minimum", "maximum", "saddle", "saddle"])
    a, c = rng.randint(1, 3), rng.randint(1, 3)
    b = rng.choice([-2, -1, 0, 1, 2])
    if kind == "maximum":
        a, c, b = -a, -c, b
    elif kind == "saddle":
        c = -c if rng.random() < 0.5 else c
        a = -a if c > 0 else a
    d, e = nonzero(rng, -4, 4, not_one=False), nonzero(rng, -4, 4, not_one=False)
    f = a * x**2 + b * x * y + c * y**2 + d * x + e * y
    H = sp.Matrix([[2 * a, b], [b, 2 * c]])
    det, trace = H.det(), H.trace()
    require(det != 0)
    truth = "saddle" if det < 0 else ("minimum" if trace > 0 else "maximum")
    require(truth == kind)
    point = H.LUsolve(-sp.Matrix([d, e]))
    why = {"minimum": rf"\(\det H = {det} > 0\) and the diagonal is positive: both eigenvalues are positive, a bowl.",
           "maximum": rf"\(\det H = {det} > 0\) and the diagonal is negative: both eigenvalues are negative, an upside-down bowl.",
           "saddle": rf"\(\det H = {det} < 0\): one eigenvalue is positive and one negative, so \(f\) curves up one way "
                     r"and down the other."}[truth]
    options = [{"text": t, "correct": k == truth,
                "feedback": rf"Newton's step lands where \(\nabla f = 0\); what kind of place it is, \(H\) decides: {why}"}
               for k, t in KINDS.items()]
    return choice_question(
        rng, rf"Newton's method with the Hessian runs on \[f(x, y) = {tex(f)}.\] Because \(f\) is a quadratic, the "
             rf"first step lands exactly on its flat place, \({_vec(point)}\), from any start. What kind of point is it?",
        options,
        hints=[r"Newton's step goes to where the gradient is zero, whatever is there.",
               rf"\(H = {matrix_tex(H.tolist())}\). The signs of its determinant and its diagonal tell a minimum, "
               r"a maximum and a saddle apart."],
        worked=[rf"\(H = {matrix_tex(H.tolist())}\). {why}", "So the answer is {key}."
                + ("" if truth == "minimum" else " Newton's method heads for any flat place, which is why the hybrid "
                                                 "checks that each step goes downhill.")],
        data={"f": learner(f), "truth": truth, "point": [str(v) for v in point]},
    )


TEMPLATES = [newton_not_quadratic, hybrid_step, where_newton_lands]
