"""Numeric evaluation of a tree in floats (math) or complex numbers (cmath).

No sympy and no eval: the tree is compiled once into nested Python closures,
which then run at many sample points cheaply.  Every failure (ln of a
negative number, division by zero, overflow to inf) raises EvaluationError,
and a result is always a finite number.  Powers are computed in floats, so
``9^9^9^9`` overflows at once instead of building a huge integer.
"""
from __future__ import annotations

import cmath
import math
from typing import Callable, Mapping, Union

from .errors import EvaluationError
from .names import FUNCTIONS
from .tree import Add, Call, Const, Expr, Matrix, Mul, Neg, Num, Pow, Var, Vector

Number = Union[float, complex]
Compiled = Callable[[Mapping[str, Number]], Number]

_CONSTANTS = {"e": math.e, "pi": math.pi}


def _finite(value: Number) -> Number:
    if isinstance(value, complex):
        if not cmath.isfinite(value):
            raise EvaluationError("overflow")
    elif not math.isfinite(value):
        raise EvaluationError("overflow")
    return value


def _real_pow(base: float, exponent: float) -> float:
    try:
        return math.pow(base, exponent)  # ValueError for (-8)^(1/3): not real
    except ValueError:
        if base == 0.0:
            raise EvaluationError("domain", "division by zero") from None
        raise EvaluationError("domain", "not a real number") from None
    except OverflowError:
        raise EvaluationError("overflow") from None


def _complex_pow(base: complex, exponent: complex) -> complex:
    try:
        if base == 0:
            if exponent.real > 0:
                return 0j
            raise EvaluationError("domain", "division by zero")
        return cmath.exp(exponent * cmath.log(base))  # principal branch, like sympy
    except OverflowError:
        raise EvaluationError("overflow") from None


def compile_numeric(node: Expr, *, complex_mode: bool = False,
                    scale: list[float] | None = None) -> Compiled:
    """A function of a {name: value} mapping that evaluates ``node``.

    If ``scale`` is a one-item list, each evaluation raises scale[0] to the
    largest |term| met in any sum: rounding errors are relative to that, not
    to the result (in x + (x+1)^16 - (x+1)^16 the x is nearly lost).
    """
    def sub(child: Expr) -> Compiled:
        return compile_numeric(child, complex_mode=complex_mode, scale=scale)

    if isinstance(node, Num):
        try:
            value: Number = complex(node.value) if complex_mode else node.value
        except OverflowError:  # the parser limits digits, but a tree may come from elsewhere
            def too_large(env: Mapping[str, Number]) -> Number:
                raise EvaluationError("overflow")
            return too_large
        return lambda env: value
    if isinstance(node, Const):
        const: Number = complex(_CONSTANTS[node.name]) if complex_mode else _CONSTANTS[node.name]
        return lambda env: const
    if isinstance(node, Var):
        name = node.name

        def variable(env: Mapping[str, Number]) -> Number:
            try:
                return env[name]
            except KeyError:
                raise EvaluationError("variable", name) from None
        return variable
    if isinstance(node, Neg):
        operand = sub(node.operand)
        return lambda env: -operand(env)
    if isinstance(node, Add):
        terms = [(sign == "-", sub(t)) for sign, t in node.terms]

        def add(env: Mapping[str, Number]) -> Number:
            total: Number = 0.0
            for negative, term in terms:
                value = term(env)
                if scale is not None:
                    scale[0] = max(scale[0], abs(value))
                total = total - value if negative else total + value
            return _finite(total)
        return add
    if isinstance(node, Mul):
        factors = [(op == "/", sub(f)) for op, f in node.factors]

        def mul(env: Mapping[str, Number]) -> Number:
            product: Number = 1.0
            for divide, factor in factors:
                value = factor(env)
                if divide and value == 0:
                    raise EvaluationError("domain", "division by zero")
                try:
                    product = product / value if divide else product * value
                except (OverflowError, ZeroDivisionError):  # complex division can raise
                    raise EvaluationError("overflow") from None
            return _finite(product)
        return mul
    if isinstance(node, Pow):
        base, exponent = sub(node.base), sub(node.exponent)
        power = _complex_pow if complex_mode else _real_pow
        return lambda env: _finite(power(base(env), exponent(env)))
    if isinstance(node, Call):
        function = FUNCTIONS[node.func]
        apply = function.complex if complex_mode else function.real
        arg = sub(node.arg)

        def call(env: Mapping[str, Number]) -> Number:
            try:
                return _finite(apply(arg(env)))
            except (ValueError, ZeroDivisionError):
                raise EvaluationError("domain", f"{node.func} is not defined there") from None
            except OverflowError:
                raise EvaluationError("overflow") from None
        return call
    if isinstance(node, (Vector, Matrix)):
        raise EvaluationError("domain", "a vector or matrix is not a number")
    raise TypeError(f"not an expression node: {node!r}")


def evaluate(node: Expr | str, values: Mapping[str, Number] | None = None, *,
             complex_mode: bool = False) -> Number:
    """The value of an expression (a tree, or learner text to parse first).

    ``evaluate("x^2 + 1", {"x": 2.0}) == 5.0``.  Raises EvaluationError when
    the value is not defined or not finite, ParseError for unreadable text.
    """
    if isinstance(node, str):
        from .parser import parse
        node = parse(node)
    return compile_numeric(node, complex_mode=complex_mode)(values or {})
