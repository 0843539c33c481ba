"""Decimals that stand for e, π, √2 and friends: 2.71828 typed for e.

A learner who types e as 2.71828 has not slipped in the calculus, so the
generic slips ("a constant multiple of the right answer") would mislead.
:func:`decimal_constants` finds typed decimals that are a constant rounded
or cut short to their own last place (with enough significant figures to
mean it); :func:`exact` puts the constants in their place.  The checks then
say "keep e exact" (an exact answer was asked) or accept the number (a
decimal answer within the asked precision was asked).  Floats only, no sympy.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .evaluate import evaluate
from .parser import parse
from .tree import Add, Call, Const, Expr, Matrix, Mul, Neg, Num, Pow, Var, Vector, children

MIN_FIGURES = 3  # 3.14 is π; 3.1 could be anything

# (how to type it, how to write it in a sentence), most common first
KNOWN = (
    ("e", "e"), ("pi", "π"), ("sqrt(2)", "√2"), ("sqrt(3)", "√3"),
    ("2pi", "2π"), ("pi/2", "π/2"), ("pi/4", "π/4"), ("sqrt(2)/2", "√2/2"), ("sqrt(3)/2", "√3/2"),
    ("ln(2)", "ln 2"), ("ln(10)", "ln 10"), ("e^2", "e²"), ("1/e", "1/e"),
)


@dataclass(frozen=True)
class DecimalConstant:
    """A typed decimal read as a constant: ``typed`` ("2.718") stands for ``name`` ("e")."""

    typed: str
    name: str       # learner syntax: what to type instead
    written: str    # for sentences: e, π, √2
    figures: int    # significant figures typed


@lru_cache(maxsize=None)
def _known() -> tuple[tuple[str, str, float, Expr], ...]:
    return tuple((name, written, float(evaluate(parse(name))), parse(name)) for name, written in KNOWN)


def _figures(text: str) -> tuple[int, int] | None:
    """(significant figures, decimal places) of a plain decimal like "2.718"; None otherwise."""
    if "." not in text or not all(c.isdigit() or c == "." for c in text):
        return None
    whole, _, fraction = text.partition(".")
    digits = (whole + fraction).lstrip("0")
    return len(digits), len(fraction)


def _constant_for(num: Num, min_figures: int) -> tuple[str, str, int] | None:
    if num.sci:
        return None
    shape = _figures(num.text)
    if shape is None or shape[0] < min_figures:
        return None
    for name, written, value, tree in _known():
        unit = 10.0 ** -shape[1]
        rounded = abs(num.value - value) <= 0.5 * unit * 1.01
        cut_short = 0 <= value - num.value < unit
        if rounded or cut_short:
            return name, written, shape[0]
    return None


def decimal_constants(tree: Expr, min_figures: int = MIN_FIGURES) -> dict[Num, DecimalConstant]:
    """Every decimal in ``tree`` that is a known constant to at least ``min_figures``
    significant figures (never fewer than MIN_FIGURES)."""
    found: dict[Num, DecimalConstant] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Num):
            hit = _constant_for(node, max(min_figures, MIN_FIGURES))
            if hit is not None:
                found[node] = DecimalConstant(node.text, *hit)
        else:
            stack.extend(children(node))
    return found


def exact(tree: Expr, found: dict[Num, DecimalConstant]) -> Expr:
    """``tree`` with each found decimal replaced by its constant (depth bounded by the parser)."""
    trees = {row[0]: row[3] for row in _known()}

    def swap(node: Expr) -> Expr:
        if isinstance(node, Num):
            return trees[found[node].name] if node in found else node
        if isinstance(node, (Const, Var)):
            return node
        if isinstance(node, Neg):
            return Neg(swap(node.operand))
        if isinstance(node, Add):
            return Add(tuple((sign, swap(t)) for sign, t in node.terms))
        if isinstance(node, Mul):
            return Mul(tuple((op, swap(f)) for op, f in node.factors))
        if isinstance(node, Pow):
            return Pow(swap(node.base), swap(node.exponent))
        if isinstance(node, Call):
            return Call(node.func, swap(node.arg))
        if isinstance(node, Vector):
            return Vector(tuple(swap(item) for item in node.items))
        if isinstance(node, Matrix):
            return Matrix(tuple(tuple(swap(item) for item in row) for row in node.rows))
        raise TypeError(f"not an expression node: {node!r}")

    return swap(tree)
