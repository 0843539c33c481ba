"""Gradient descent as code: gradient_descent(grad, x0, gamma, steps), run on random quadratic
landscapes and compared with the walk computed here.

Code questions are regenerated from their seed where sympy is not loaded, so this module
imports no sympy (its set, gradient-descent, lists it among its templates). Each case's
landscape is kept in ``data["cases"]`` so the tests can redo the walk with sympy's gradient.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from mvcalc.questions.m2.finite_differences import code_question
from mvcalc.questions.model import CodeCase


def _signed(coefficient: int, term: str) -> str:
    """" + 3x", " - y", "" for a zero coefficient (plain text, for the case descriptions)."""
    if coefficient == 0:
        return ""
    size = "" if abs(coefficient) == 1 and term else str(abs(coefficient))
    return f" {'-' if coefficient < 0 else '+'} {size}{term}"


def _gradient_text(a, b, c, d, e) -> str:
    """grad f of a x^2 + b xy + c y^2 + d x + e y, as "(2x + y - 1, x + 4y)"."""
    def part(first, first_term, second, second_term, const):
        text = (_signed(first, first_term) + _signed(second, second_term) + _signed(const, "")).strip()
        return text[2:] if text.startswith("+ ") else ("-" + text[2:] if text.startswith("- ") else text or "0")
    return f"({part(2 * a, 'x', b, 'y', d)}, {part(b, 'x', 2 * c, 'y', e)})"


def _walk(coefficients, start, gamma, steps):
    a, b, c, d, e = coefficients
    px, py = float(start[0]), float(start[1])
    for _ in range(steps):
        gx, gy = 2 * a * px + b * py + d, b * px + 2 * c * py + e
        px, py = px - gamma * gx, py - gamma * gy
    return [px, py]


@dataclass(frozen=True)
class QuadraticGradient:
    """grad f for f = a x^2 + b xy + c y^2 + d x + e y: a callable that compares equal by its
    coefficients, so the same seed gives an equal question."""

    a: int
    b: int
    c: int
    d: int
    e: int

    def __call__(self, p):
        return np.array([2 * self.a * p[0] + self.b * p[1] + self.d,
                         self.b * p[0] + 2 * self.c * p[1] + self.e], dtype=float)


def _source(update: str, loop: str = "range(steps)") -> str:
    return ("def gradient_descent(grad, x0, gamma, steps):\n"
            "    x = np.array(x0, dtype=float)\n"
            f"    for _ in {loop}:\n"
            f"        x = {update}\n"
            "    return list(x)\n")


def descent_code(rng):
    """gradient_descent(grad, x0, gamma, steps) -> the point after that many steps."""
    cases, landscapes = [], []
    for _ in range(16):
        a, c = rng.randint(1, 4), rng.randint(1, 4)
        b = rng.choice([-2, -1, 0, 1, 2] if a * c > 1 else [-1, 0, 1])   # 4ac > b^2: a bowl
        d, e = rng.randint(-5, 5), rng.randint(-5, 5)
        coefficients = (a, b, c, d, e)
        start = [rng.randint(-4, 4), rng.randint(-4, 4)]
        gamma = round(rng.uniform(0.02, 0.9 / (2 * max(a, c) + abs(b))), 3)   # below the stability limit
        steps = rng.randint(1, 25)
        landscapes.append([a, b, c, d, e, start[0], start[1], gamma, steps])
        cases.append(CodeCase((QuadraticGradient(*coefficients), list(start), gamma, steps),
                              _walk(coefficients, start, gamma, steps),
                              f"∇f(x, y) = {_gradient_text(*coefficients)}, x0 = {start}, gamma = {gamma}, "
                              f"steps = {steps}",
                              rel_tol=1e-7, abs_tol=1e-9))
    q = code_question(
        prompt=(r"Write <code>gradient_descent(grad, x0, gamma, steps)</code>. It starts at the point <code>x0</code> "
                r"(a list <code>[x, y]</code>), takes <code>steps</code> steps of gradient descent "
                r"\(\mathbf{x} \gets \mathbf{x} - \gamma \nabla f(\mathbf{x})\) and returns the point it reaches, as a list. "
                r"<code>grad(p)</code> returns \(\nabla f\) at the point <code>p</code> as a numpy array. "
                r"It is tested on random bowls, from random starts, with many step sizes and numbers of steps."),
        entry="gradient_descent", signature="grad, x0, gamma, steps",
        reference=_source("x - gamma * grad(x)"), cases=cases,
        hints=[r"Turn the start into a numpy array, <code>x = np.array(x0, dtype=float)</code>, so that "
               r"<code>x - gamma * grad(x)</code> works entry by entry.",
               r"Repeat the step in a loop, <code>for _ in range(steps):</code>, then <code>return list(x)</code>."],
        worked=["<code>x = np.array(x0, dtype=float)</code>",
                "<code>for _ in range(steps):</code> <code>x = x - gamma * grad(x)</code>",
                "<code>return list(x)</code>"],
        wrong=[(_source("x + gamma * grad(x)"), r"That walks uphill: subtract \(\gamma\nabla f\)."),
               (_source("x - grad(x)"), r"Multiply the gradient by the step size \(\gamma\)."),
               (_source("x - gamma * grad(x)", "range(steps - 1)"),
                r"One step too few: \(\texttt{range(steps)}\) runs the loop \(\texttt{steps}\) times.")],
        example="quadratic bowls",
    )
    return replace(q, data={**q.data, "cases": landscapes})
