"""Evaluate a parsed formula on numpy arrays: a whole grid in one pass (for figures).

The same tree as :mod:`.evaluate` (learner syntax, never eval), walked once per array
instead of once per point: a contour map's 61 x 61 grid is one call. Where the formula is
not a real number (ln of a negative, a division by zero, overflow) the value is NaN, which
matplotlib leaves blank; :mod:`.evaluate` raises there instead.
"""
from __future__ import annotations

from typing import Mapping

from .names import FUNCTIONS
from .tree import Add, Call, Const, Expr, Matrix, Mul, Neg, Num, Pow, Var, Vector


def _functions(np) -> dict:
    inv = np.reciprocal
    return {
        "sin": np.sin, "cos": np.cos, "tan": np.tan,
        "sec": lambda v: inv(np.cos(v)), "csc": lambda v: inv(np.sin(v)),
        "cot": lambda v: np.cos(v) / np.sin(v),
        "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan,
        "asec": lambda v: np.arccos(inv(v)), "acsc": lambda v: np.arcsin(inv(v)),
        "acot": lambda v: np.arctan(inv(v)),
        "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh,
        "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh,
        "exp": np.exp, "ln": np.log, "sqrt": np.sqrt, "abs": np.abs,
    }


def evaluate_array(node: Expr, values: Mapping[str, object]):
    """``node`` at arrays of values (``{"x": X, "y": Y}``, broadcast together), as a float
    array with NaN where it is undefined or not finite. A missing variable is a KeyError."""
    import numpy as np

    functions = _functions(np)
    missing = set(FUNCTIONS) - set(functions)
    if missing:                                  # a function added to names.py but not here
        raise NotImplementedError(f"no array version of {sorted(missing)}")
    arrays = {name: np.asarray(value, dtype=float) for name, value in values.items()}

    def walk(n: Expr):
        if isinstance(n, Num):
            return np.float64(n.value)
        if isinstance(n, Const):
            return np.float64(np.e if n.name == "e" else np.pi)
        if isinstance(n, Var):
            return arrays[n.name]
        if isinstance(n, Neg):
            return -walk(n.operand)
        if isinstance(n, Add):
            total = np.float64(0.0)
            for sign, term in n.terms:
                total = total - walk(term) if sign == "-" else total + walk(term)
            return total
        if isinstance(n, Mul):
            product = np.float64(1.0)
            for op, factor in n.factors:
                product = product / walk(factor) if op == "/" else product * walk(factor)
            return product
        if isinstance(n, Pow):
            return np.power(walk(n.base), walk(n.exponent))
        if isinstance(n, Call):
            return functions[n.func](walk(n.arg))
        if isinstance(n, (Vector, Matrix)):
            raise ValueError("a vector or matrix is not a number")
        raise TypeError(f"not an expression node: {n!r}")

    with np.errstate(all="ignore"):
        shape = np.broadcast_shapes(*(a.shape for a in arrays.values())) if arrays else ()
        result = np.broadcast_to(np.asarray(walk(node), dtype=float), shape).copy()
    result[~np.isfinite(result)] = np.nan
    return result
