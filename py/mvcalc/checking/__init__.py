"""Answer checking: learner maths in, Verdict out.  Pure Python, no browser imports.

Public API::

    check_expression(answer, expected, *, variables=None) -> Verdict
    check_numeric(answer, expected, *, rel_tol=1e-3, abs_tol=1e-6, accuracy="", figures=None) -> Verdict
    check_matrix(answer, expected, *, variables=None) -> Verdict
    preview(answer) -> Preview            # fast, never loads sympy
    equivalent(answer, expected) -> bool  # for matching known wrong answers
    parse(text) -> Expr, ParseError       # our own tree; see parser.py for the grammar
    evaluate(expr_or_text, {"x": 1.0}) -> float, EvaluationError
    to_tex(expr) -> str, free_variables(expr) -> set[str]

How the pieces fit (each module has one job):
tokens.py (text -> tokens, named token steps) -> parser.py (tokens -> tree.py
nodes) -> tex.py (preview TeX) / evaluate.py (floats) / to_sympy.py (lazy) ->
equivalence.py (numeric, then symbolic) -> diagnose.py (name the slip;
constants.py reads 2.71828 as e) ->
scalar.py (one expression) -> matrix.py (entry by entry) -> expression.py,
numeric.py (the checks); live_preview.py (the keystroke preview).  limits.py
holds every bound that keeps a check under a second; messages.py every
sentence a learner sees; names.py the vocabulary.

Nothing a learner types is ever passed to eval, exec, sympify or parse_expr.
sympy is imported only inside the symbolic step, never by importing this
package.
"""
from __future__ import annotations

from .errors import EvaluationError, ParseError
from .evaluate import compile_numeric, evaluate
from .expression import check_expression, equivalent
from .matrix import check_matrix
from .numeric import check_numeric
from .parser import parse
from .live_preview import Preview, preview
from .tex import to_tex
from .tree import Expr, free_variables
from .verdict import Verdict

__all__ = [
    "Verdict", "Preview", "Expr", "ParseError", "EvaluationError",
    "check_expression", "check_numeric", "check_matrix", "equivalent", "preview",
    "parse", "evaluate", "compile_numeric", "to_tex", "free_variables",
]
