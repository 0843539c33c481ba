"""A function the learner typed, as an Fn the explorer can draw: parsed by the course's own
safe parser (never eval), evaluated point by point, differentiated by central differences."""
from __future__ import annotations

import math

import numpy as np

from .functions import Fn

X_RANGE = (-5.0, 5.0)


class TypedFunctionError(ValueError):
    """The text cannot be drawn; ``message`` says why, in words for the learner."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def typed_function(text: str) -> Fn:
    from ..checking import EvaluationError, ParseError, compile_numeric, free_variables, parse
    text = text.strip()
    if not text:
        raise TypedFunctionError("Type a function of x first, for example x^3 - 2x or sin(2x).")
    try:
        tree = parse(text)
    except ParseError as error:
        raise TypedFunctionError(error.message) from None
    others = sorted(set(free_variables(tree)) - {"x"})
    if others:
        raise TypedFunctionError(f"The explorer draws functions of x only; {', '.join(others)} is another letter.")
    compiled = compile_numeric(tree)

    def one(x: float) -> float:
        try:
            value = compiled({"x": float(x)})
        except (EvaluationError, ZeroDivisionError, OverflowError, ValueError):
            return math.nan
        return float(value) if isinstance(value, (int, float)) else math.nan

    def f(xs):
        if np.ndim(xs) == 0:
            return one(xs)
        return np.fromiter((one(x) for x in np.ravel(xs)), dtype=float, count=np.size(xs)).reshape(np.shape(xs))

    samples = f(np.linspace(*X_RANGE, 201))
    if not np.isfinite(samples).any():
        raise TypedFunctionError("That has no real value anywhere between x = −5 and 5, so there is nothing to draw.")
    return Fn("typed", text, text, "", f, None, "", "", X_RANGE)
