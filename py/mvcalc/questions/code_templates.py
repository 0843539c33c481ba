"""Code questions, made again from their seed where learner code runs.

A code question's tests hold functions (``f`` in ``forward_difference(f, x, h)``), which the
question bank (JSON) cannot carry. The worker that runs learner code has no sympy, so it
cannot import every set's templates either; it imports only the template that made the
question, from a module that imports no sympy, and runs it with the same seed.
"""
from __future__ import annotations

import importlib

from mvcalc.questions.exercise_set import run_template
from mvcalc.questions.model import Question

# template name -> the sympy-free module that defines it
CODE_TEMPLATES: dict[str, str] = {
    "forward_difference": "mvcalc.questions.m2.finite_differences",
    "central_difference": "mvcalc.questions.m2.finite_differences",
    "derivative": "mvcalc.questions.m2.finite_differences",
    "partial_x": "mvcalc.questions.m2.finite_differences",
    "gradient": "mvcalc.questions.m2.finite_differences",
    "second_derivative": "mvcalc.questions.m2.finite_differences",
    "gradient_code": "mvcalc.questions.m6.gradient_code",
}


def regenerate(template: str, seed: int, set_slug: str) -> Question:
    """The code question that ``template`` makes for ``seed``, test cases included."""
    if template not in CODE_TEMPLATES:
        raise LookupError(f"{template!r} is not a code question's template")
    function = getattr(importlib.import_module(CODE_TEMPLATES[template]), template)
    return run_template(function, int(seed), set_slug)
