"""A point answer as text: "(1.25, -0.5)" read and written the same way on the page and in marking.

The figure widget writes the clicked point with :func:`format_point`; the learner may type
it instead, and then the same :func:`parse_point` that marks the answer moves the point on
the figure. Each coordinate may be a number or a constant expression (``pi/2``, ``-1/3``),
read by the project's own parser (never eval).
"""
from __future__ import annotations

import math

EMPTY = "Click the figure, or type the point as (x, y), first: nothing was counted."
FORM = "Type the point as two numbers in brackets, e.g. (1.5, -0.5), or click the figure."


class PointError(ValueError):
    """The text is not a point; the message says how to write one."""


def parse_point(text: str) -> tuple[float, float]:
    """``"(1.25, -0.5)"`` -> (1.25, -0.5). Brackets are optional; a semicolon may separate
    the two numbers (so "(1,5; 2)" is not misread). PointError with words otherwise."""
    from mvcalc.checking.errors import EvaluationError, ParseError
    from mvcalc.checking.evaluate import evaluate
    from mvcalc.checking.parser import parse
    from mvcalc.checking.tree import free_variables

    body = (text or "").strip()
    if not body:
        raise PointError(EMPTY)
    if body[0] in "([" and body[-1] in ")]":
        body = body[1:-1].strip()
    parts = body.split(";") if ";" in body else body.split(",")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise PointError(FORM)
    values = []
    for name, part in zip("xy", parts):
        try:
            tree = parse(part.strip())
            if free_variables(tree):
                raise PointError(f"Give {name} as a number, e.g. (1.5, -0.5), not a formula in "
                                 f"{', '.join(sorted(free_variables(tree)))}.")
            value = float(evaluate(tree))
        except (ParseError, EvaluationError, TypeError, ValueError) as error:
            if isinstance(error, PointError):
                raise
            raise PointError(f"Could not read {name} = {part.strip()!r}. " + FORM) from None
        if not math.isfinite(value):
            raise PointError(FORM)
        values.append(value)
    return values[0], values[1]


def _decimals(step: float) -> int:
    """How many decimals show a grid of this step exactly (0.25 -> 2, 0.1 -> 1, 1 -> 0)."""
    for decimals in range(7):
        if abs(round(step, decimals) - step) < 1e-9:
            return decimals
    return 6


def format_point(x: float, y: float, snap: tuple[float, float] | None = None) -> str:
    """The point as the answer box shows it: "(1.25, -0.5)", to the grid's decimals."""
    def one(value: float, step: float | None) -> str:
        decimals = _decimals(step) if step else 3
        text = f"{value:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    sx, sy = snap if snap else (None, None)
    return f"({one(x, sx)}, {one(y, sy)})"
