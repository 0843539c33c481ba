"""Test-only: our parser's tree -> a sympy expression, built from sympy objects (never from
strings), so tests can check that the parser means what sympy means. The course itself never
uses sympy when it reads or marks an answer.
"""
from __future__ import annotations

import sympy

from mvcalc.checking.names import FUNCTIONS
from mvcalc.checking.tree import Add, Call, Const, Expr, Mul, Neg, Num, Pow, Var


def symbol(name: str) -> sympy.Symbol:
    """Variables are real: the course is about real functions of real variables."""
    return sympy.Symbol(name, real=True)


def to_sympy(node: Expr) -> sympy.Expr:
    if isinstance(node, Num):
        return sympy.Rational(node.exact.numerator, node.exact.denominator)
    if isinstance(node, Const):
        return sympy.E if node.name == "e" else sympy.pi
    if isinstance(node, Var):
        return symbol(node.name)
    if isinstance(node, Neg):
        return -to_sympy(node.operand)
    if isinstance(node, Add):
        return sympy.Add(*[to_sympy(t) if sign == "+" else -to_sympy(t)
                           for sign, t in node.terms])
    if isinstance(node, Mul):
        return sympy.Mul(*[to_sympy(f) if op != "/" else 1 / to_sympy(f)
                           for op, f in node.factors])
    if isinstance(node, Pow):
        return sympy.Pow(to_sympy(node.base), to_sympy(node.exponent))
    if isinstance(node, Call):
        return getattr(sympy, FUNCTIONS[node.func].sympy_name)(to_sympy(node.arg))
    raise TypeError(f"only scalar expressions convert to sympy: {node!r}")
