"""Tree -> TeX, showing exactly how an answer was read.

The preview is where a learner sees that ``1/2x`` was read as x/2, so the
TeX follows the tree literally: a typed ``*`` shows as a dot, implicit
multiplication as juxtaposition, division as a fraction of everything to its
left in the same product.  All names come from the whitelist in names.py,
so learner text can never inject TeX commands.
"""
from __future__ import annotations

import re

from .names import CONSTANTS, FUNCTIONS, GREEK
from .tree import Add, Call, Const, Expr, Matrix, Mul, Neg, Num, Pow, Var, Vector

_SUM, _PRODUCT, _POWER, _ATOM = 1, 2, 3, 4


def _precedence(node: Expr) -> int:
    if isinstance(node, Add):
        return _SUM
    if isinstance(node, (Mul, Neg)) or (isinstance(node, Num) and node.sci):
        return _PRODUCT
    if isinstance(node, Pow):
        return _POWER
    return _ATOM


def _paren(tex: str) -> str:
    return rf"\left({tex}\right)"


def to_tex(node: Expr) -> str:
    """TeX for a parsed answer (no surrounding $ signs)."""
    if isinstance(node, Num):
        if node.sci:
            mantissa, exponent = re.split("[eE]", node.text)
            return rf"{mantissa} \times 10^{{{int(exponent)}}}"
        return node.text
    if isinstance(node, Const):
        return CONSTANTS[node.name]
    if isinstance(node, Var):
        return GREEK.get(node.name, node.name)
    if isinstance(node, Neg):
        inner = to_tex(node.operand)
        if isinstance(node.operand, (Add, Neg)) or inner.startswith("-"):
            inner = _paren(inner)
        return "-" + inner
    if isinstance(node, Add):
        return _add_tex(node)
    if isinstance(node, Mul):
        return _mul_tex(node)
    if isinstance(node, Pow):
        return _pow_tex(node)
    if isinstance(node, Call):
        arg = to_tex(node.arg)
        if node.func == "abs":
            return rf"\left|{arg}\right|"
        if node.func == "sqrt":
            return rf"\sqrt{{{arg}}}"
        return FUNCTIONS[node.func].tex + _paren(arg)
    if isinstance(node, Vector):
        return r"\left[" + r",\; ".join(to_tex(x) for x in node.items) + r"\right]"
    if isinstance(node, Matrix):
        rows = r" \\ ".join(" & ".join(to_tex(x) for x in row) for row in node.rows)
        return r"\begin{bmatrix}" + rows + r"\end{bmatrix}"
    raise TypeError(f"not an expression node: {node!r}")


def _add_tex(node: Add) -> str:
    parts = []
    for k, (sign, term) in enumerate(node.terms):
        tex = to_tex(term)
        if k and (isinstance(term, (Add, Neg)) or tex.startswith("-")):
            tex = _paren(tex)
        elif not k and isinstance(term, Add):
            tex = _paren(tex)
        parts.append(tex if not k else f" {sign} {tex}")
    return "".join(parts)


def _factor_tex(node: Expr, first: bool) -> str:
    tex = to_tex(node)
    if _precedence(node) == _SUM or (not first and (isinstance(node, Neg) or tex.startswith("-"))):
        return _paren(tex)
    if isinstance(node, Num) and node.sci and not first:
        return _paren(tex)
    return tex


def _mul_tex(node: Mul) -> str:
    (_, first), *rest = node.factors
    acc = _factor_tex(first, first=True)
    single: Expr | None = first  # the one node acc shows, while there is just one
    for op, factor in rest:
        if op == "/":
            numerator = to_tex(single) if single is not None else acc
            acc = rf"\frac{{{numerator}}}{{{to_tex(factor)}}}"
            single = None
            continue
        piece = _factor_tex(factor, first=False)
        if op == "*" or piece[0].isdigit():
            acc = rf"{acc} \cdot {piece}"
        else:
            acc = f"{acc} {piece}"
        single = None
    return acc


def _pow_tex(node: Pow) -> str:
    exponent = to_tex(node.exponent)
    base = node.base
    if (isinstance(base, Call) and base.func not in ("abs", "sqrt")
            and isinstance(node.exponent, Num) and not node.exponent.sci):
        # cos^2(x) is shown the way it is written in books
        return FUNCTIONS[base.func].tex + f"^{{{exponent}}}" + _paren(to_tex(base.arg))
    base_tex = to_tex(base)
    if _precedence(base) < _ATOM or (isinstance(base, Call) and base.func != "abs"):
        base_tex = _paren(base_tex)
    elif isinstance(base, Num) and "." in base.text:
        base_tex = _paren(base_tex)
    return f"{base_tex}^{{{exponent}}}"
