"""Test-only tools: read learner syntax with sympy's own parser (trusted strings
from our generators, never learner input), so answer keys can be checked
independently of both the templates and mvcalc.checking."""
from __future__ import annotations

import math

import sympy as sp
from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication_application,
                                        parse_expr, standard_transformations)

X, Y, Z, R, THETA = sp.symbols("x y z r theta")
_NAMES = {"e": sp.E, "ln": sp.log, "pi": sp.pi, "x": X, "y": Y, "z": Z, "r": R, "theta": THETA}
_STEPS = standard_transformations + (implicit_multiplication_application, convert_xor)


def parse(text: str):
    """A learner-syntax formula (or [..] list of them) as sympy."""
    return parse_expr(text, local_dict=dict(_NAMES), transformations=_STEPS)


def numbers(expr, points, symbols=(X,)):
    """Values of ``expr`` at ``points`` (a list of tuples or floats), None where undefined."""
    out = []
    fn = sp.lambdify(symbols, expr, "math")
    for p in points:
        args = p if isinstance(p, tuple) else (p,)
        try:
            v = float(fn(*args))
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            v = None
        out.append(v if v is not None and math.isfinite(v) else None)
    return out


def agree(a, b, points, symbols=(X,), tol=1e-7) -> bool:
    """Whether two sympy expressions agree at every point where both are defined."""
    va, vb = numbers(a, points, symbols), numbers(b, points, symbols)
    pairs = [(p, q) for p, q in zip(va, vb) if p is not None and q is not None]
    assert len(pairs) >= len(points) // 2, "too few points where both are defined"
    return all(abs(p - q) <= tol * max(1.0, abs(p), abs(q)) for p, q in pairs)


POSITIVE = [0.31, 0.58, 0.93, 1.27, 1.66, 2.04, 2.49, 2.87]


def visual_template(exercise_set, index: int) -> bool:
    """Whether template ``index`` is one of issue 13's visual templates (in mvcalc.questions.mN.visual):
    their keys are checked by test_visual_keys.py, so a set's own key tests leave them out."""
    return exercise_set.templates[index].__module__.endswith(".visual")
