"""The multivariate chain rule as an idea: walking along a contour, and Jacobians as dominoes.

df/dt = J_f · dx/dt is zero exactly when the velocity runs along a contour; and a chain of
Jacobians multiplies only when the sizes match, the outer function's on the left.  Named slips:
a sign slip, the two partial derivatives swapped, rows and columns swapped.
"""
from __future__ import annotations

from fractions import Fraction

from mvcalc.questions.builders import choice_question, numeric_question, require
from mvcalc.questions.precision import Precision
from mvcalc.questions.exercise_set import nonzero
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.printing import number


def _frac_tex(v: Fraction) -> str:
    if v.denominator == 1:
        return str(v.numerator)
    sign = "-" if v < 0 else ""
    return rf"{sign}\tfrac{{{abs(v.numerator)}}}{{{v.denominator}}}"


def along_a_contour(rng):
    """Which dy/dt keeps f constant, given ∂f/∂x, ∂f/∂y and dx/dt: J_f · v = 0."""
    fx, fy = nonzero(rng, -5, 5, not_one=False), nonzero(rng, -5, 5)
    vx = nonzero(rng, -3, 3, not_one=False)
    require(abs(fx) != abs(fy))
    value = Fraction(-fx * vx, fy)
    wrong = [(-value, r"Sign slip: the two terms must cancel, "
                      r"\(\frac{\partial f}{\partial x}\frac{dx}{dt} + \frac{\partial f}{\partial y}\frac{dy}{dt} = 0\)."),
             (Fraction(-fy * vx, fx), r"The partial derivatives are swapped: solve "
                                      r"\(f_x\,\frac{dx}{dt} + f_y\,\frac{dy}{dt} = 0\) for \(\frac{dy}{dt}\), which "
                                      r"divides by \(f_y\)."),
             (Fraction(-fx * vx), r"Divide by \(\frac{\partial f}{\partial y}\) to find \(\frac{dy}{dt}\)."),
             (Fraction(0), r"If \(dy/dt = 0\), \(f\) still changes at the rate \(f_x\,\frac{dx}{dt} \neq 0\).")]
    return numeric_question(
        (r"You walk across a landscape \(f(x, y)\). Where you are, "
                rf"\(\dfrac{{\partial f}}{{\partial x}} = {fx}\) and \(\dfrac{{\partial f}}{{\partial y}} = {fy}\), "
                rf"and you are moving with \(\dfrac{{dx}}{{dt}} = {vx}\). What must \(\dfrac{{dy}}{{dt}}\) be for your "
                r"height to stay the same at that moment (so that you walk along a contour)?"),
        float(value), wrong=[(float(w), fb) for w, fb in wrong], precision=Precision(figures=4),
        hints=[r"The chain rule: \(\dfrac{df}{dt} = \dfrac{\partial f}{\partial x}\dfrac{dx}{dt} + "
               r"\dfrac{\partial f}{\partial y}\dfrac{dy}{dt}\). Staying level means \(\dfrac{df}{dt} = 0\).",
               r"In vector form: the velocity is at right angles to the gradient, \(J_f\cdot\dfrac{d\mathbf x}{dt} = 0\)."],
        worked=[rf"\(\dfrac{{df}}{{dt}} = ({fx})({vx}) + ({fy})\dfrac{{dy}}{{dt}} = 0\).",
                rf"\(\dfrac{{dy}}{{dt}} = -\dfrac{{({fx})({vx})}}{{{fy}}} = {_frac_tex(value)}"
                + ("" if value.denominator == 1 else rf" \approx {number(float(value), 4)}") + r"\).",
                rf"Check: the velocity \(({vx}, {_frac_tex(value)})\) is at right angles to the gradient "
                rf"\(({fx}, {fy})\), so it runs along the contour."],
        data={"kind": "contour", "fx": fx, "fy": fy, "vx": vx},
    )


def _shape(rows, cols) -> str:
    return rf"{rows} \times {cols}"


def jacobian_shapes(rng):
    """The sizes of the Jacobians in a chain u ∈ Rᵖ → x ∈ Rⁿ → f ∈ Rᵐ: dominoes."""
    m, n, p = rng.sample(range(1, 6), 3)
    asked = rng.choice(["outer", "inner", "whole"])
    name, right = {"outer": (r"\dfrac{\partial \mathbf f}{\partial \mathbf x}", (m, n)),
                   "inner": (r"\dfrac{\partial \mathbf x}{\partial \mathbf u}", (n, p)),
                   "whole": (r"\dfrac{\partial \mathbf f}{\partial \mathbf u}", (m, p))}[asked]
    why = {"outer": rf"A Jacobian has one row per output and one column per input: \(\mathbf f\) has {m} components "
                    rf"and \(\mathbf x\) has {n}, so it is \({_shape(m, n)}\).",
           "inner": rf"One row per component of \(\mathbf x\) ({n}) and one column per component of \(\mathbf u\) "
                    rf"({p}): \({_shape(n, p)}\).",
           "whole": rf"\(\frac{{\partial \mathbf f}}{{\partial \mathbf u}} = \frac{{\partial \mathbf f}}{{\partial \mathbf x}}"
                    rf"\frac{{\partial \mathbf x}}{{\partial \mathbf u}}\) is \(({_shape(m, n)})({_shape(n, p)}) = "
                    rf"{_shape(m, p)}\): the inner sizes ({n}) meet like dominoes and drop out."}[asked]
    shapes = {(m, n), (n, m), (n, p), (p, n), (m, p), (p, m)}
    shapes.discard(right)
    others = rng.sample(sorted(shapes), 3)
    def feedback(shape):
        r, c = shape
        if shape == right[::-1]:
            return rf"Rows and columns are swapped. {why}"
        return rf"That would be \({_shape(r, c)}\). {why}"
    options = [{"tex": _shape(*right), "value": f"{right[0]} x {right[1]}", "correct": True}] + [
        {"tex": _shape(*s), "value": f"{s[0]} x {s[1]}", "feedback": feedback(s)} for s in others]
    return choice_question(
        rng, (rf"A chain of functions: \(\mathbf u\) has {p} components, \(\mathbf x = \mathbf g(\mathbf u)\) has "
              rf"{n}, and \(\mathbf f(\mathbf x)\) has {m}. The chain rule says "
              r"\(\dfrac{\partial \mathbf f}{\partial \mathbf u} = \dfrac{\partial \mathbf f}{\partial \mathbf x}"
              rf"\dfrac{{\partial \mathbf x}}{{\partial \mathbf u}}\). What is the shape (rows \(\times\) columns) "
              rf"of \({name}\)?"),
        options,
        hints=[r"A Jacobian \(\partial(\text{outputs})/\partial(\text{inputs})\) has one row per output and one column "
               r"per input.",
               r"In a matrix product \((a \times b)(b \times c) = a \times c\): the sizes must meet in the middle."],
        worked=[why, "So the answer is {key}."],
        data={"kind": "jacobian-shape", "m": m, "n": n, "p": p, "asked": asked, "shape": list(right)},
    )


IDEAS = [along_a_contour, jacobian_shapes]
