"""A vector of numbers as an answer (Lagrange points, gradient steps), with known slips."""
from __future__ import annotations

import sympy as sp

from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.printing import matrix_learner

VECTOR_HINT = "Type a vector in square brackets, e.g. [2, -1.5, 1/2]."


def vector_question(prompt, rows, *, hints, worked, wrong=(), data=None, hint=VECTOR_HINT,
                    variables=()) -> Question:
    rows = [sp.nsimplify(v) for v in rows]

    def same(u, v):
        return len(u) == len(v) and all(sp.expand(a - b) == 0 for a, b in zip(u, v))

    kept = []
    for w, feedback in wrong:
        w = [sp.nsimplify(v) for v in w]
        if not same(w, rows) and not any(same(w, k) for k, _ in kept):
            kept.append((w, feedback))
    return Question(
        kind="matrix", prompt=prompt, solution=matrix_learner(rows), hints=list(hints), worked=list(worked),
        misconceptions=[Misconception(matrix_learner(w), fb) for w, fb in kept], answer_hint=hint,
        variables=tuple(variables), data=dict(data or {}))
