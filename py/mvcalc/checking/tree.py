"""Our own small expression tree: the only thing learner text becomes.

Sums and products are n-ary (``Add``/``Mul`` hold a tuple of signed parts),
so a long answer like x+x+...+x gives a wide, shallow tree: every recursive
walk here is bounded by the parser's nesting limit, not by the text length.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterator, Union


@dataclass(frozen=True)
class Num:
    """A number literal, kept exactly (``2.50`` is 5/2) with its typed text."""

    text: str
    exact: Fraction
    sci: bool = False  # typed in scientific notation (1.5e-3)

    @property
    def value(self) -> float:
        return float(self.exact)


@dataclass(frozen=True)
class Const:
    name: str  # "e" or "pi"


@dataclass(frozen=True)
class Var:
    name: str  # a letter or a Greek name


@dataclass(frozen=True)
class Neg:
    operand: "Expr"


@dataclass(frozen=True)
class Add:
    """``terms`` is ((sign, term), ...) with sign "+" or "-"; the first is "+"."""

    terms: tuple[tuple[str, "Expr"], ...]


@dataclass(frozen=True)
class Mul:
    """``factors`` is ((op, factor), ...) read left to right.

    op is "*" (typed), "" (implicit: 2x) or "/"; the first op is "*".
    ``a/b*c`` means (a/b)*c, as in most calculators.
    """

    factors: tuple[tuple[str, "Expr"], ...]


@dataclass(frozen=True)
class Pow:
    base: "Expr"
    exponent: "Expr"


@dataclass(frozen=True)
class Call:
    func: str  # a key of names.FUNCTIONS
    arg: "Expr"


@dataclass(frozen=True)
class Vector:
    """A plain list ``[a, b, c]``: a vector with no orientation."""

    items: tuple["Expr", ...]


@dataclass(frozen=True)
class Matrix:
    """``[[a, b], [c, d]]``: a list of rows (``[[a], [b]]`` is a column)."""

    rows: tuple[tuple["Expr", ...], ...]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0])


Expr = Union[Num, Const, Var, Neg, Add, Mul, Pow, Call, Vector, Matrix]


def children(node: Expr) -> tuple[Expr, ...]:
    if isinstance(node, (Num, Const, Var)):
        return ()
    if isinstance(node, Neg):
        return (node.operand,)
    if isinstance(node, Add):
        return tuple(t for _, t in node.terms)
    if isinstance(node, Mul):
        return tuple(f for _, f in node.factors)
    if isinstance(node, Pow):
        return (node.base, node.exponent)
    if isinstance(node, Call):
        return (node.arg,)
    if isinstance(node, Vector):
        return node.items
    if isinstance(node, Matrix):
        return tuple(x for row in node.rows for x in row)
    raise TypeError(f"not an expression node: {node!r}")


def walk(node: Expr) -> Iterator[Expr]:
    """Every node, parents before children (iterative: no recursion limit)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def node_count(node: Expr) -> int:
    return sum(1 for _ in walk(node))


def free_variables(node: Expr) -> set[str]:
    """The variable names used, e.g. {"x", "theta"} (not e or pi)."""
    return {n.name for n in walk(node) if isinstance(n, Var)}


def is_constant(node: Expr) -> bool:
    return not any(isinstance(n, Var) for n in walk(node))


def is_array(node: Expr) -> bool:
    return isinstance(node, (Vector, Matrix))
