"""Write sympy expressions the two ways a question needs: learner syntax and TeX.

Templates build their functions and their hand-derived answers as sympy
expressions (never parsing text, never differentiating), then print them:
``learner(6*x**2*cos(x))`` is ``"6x^2 cos(x)"``, the form a learner would type,
and ``tex(...)`` is KaTeX-ready TeX.
"""
from __future__ import annotations

import re

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

x, y, z = sp.symbols("x y z")
r, theta = sp.symbols("r theta")


class _LearnerPrinter(StrPrinter):
    """StrPrinter with ``^``, ``e^(...)``, ``ln``, ``sqrt`` and ``e``."""

    def _print_Pow(self, expr, rational=False):
        base, exponent = expr.as_base_exp()
        if exponent == sp.S.Half:
            return f"sqrt({self._print(base)})"
        if exponent.is_negative:
            # 1/x, 1/sqrt(x), 1/x^(3/2), 1/(x + 1)^2 (inside a product, StrPrinter's
            # _print_Mul already moves such factors under the division line)
            denominator = sp.Pow(base, -exponent)
            text = self._print(denominator)
            if denominator.is_Add or denominator.is_Mul:
                text = f"({text})"
            return "1/" + text
        if base.is_Symbol or (base.is_Integer and base > 0) or isinstance(base, sp.Function):
            base_s = self._print(base)
        else:
            base_s = f"({self._print(base)})"
        exp_s = self._print(exponent)
        if not ((exponent.is_Integer and exponent >= 0) or exponent.is_Symbol):
            exp_s = f"({exp_s})"
        return f"{base_s}^{exp_s}"

    def _print_exp(self, expr):
        arg = expr.args[0]
        if arg.is_Symbol or (arg.is_Integer and arg > 0):
            return f"e^{self._print(arg)}"
        return f"e^({self._print(arg)})"

    def _print_Exp1(self, expr):
        return "e"

    def _print_log(self, expr):
        return f"ln({self._print(expr.args[0])})"

    def _print_ImaginaryUnit(self, expr):  # never expected in this course
        raise ValueError("complex numbers are not in learner syntax")


_LEARNER = _LearnerPrinter()
# "6*x" -> "6x", "2*e^x" -> "2e^x", "3*(x + 1)" -> "3(x + 1)"; a coefficient only
# (never an exponent: "x^2*y" must stay "x^2 y").
_JOIN = re.compile(r"(?<![\^\w.)])(\d+(?:\.\d+)?)\*(?=(?:[A-Za-z](?![A-Za-z(])|\())")


def learner(expr) -> str:
    """``expr`` in learner syntax: implicit products, ``^``, ``e^(...)``."""
    text = _LEARNER.doprint(sp.sympify(expr))
    text = _JOIN.sub(r"\1", text)
    return text.replace("*", " ")


_TEX = LatexPrinter({"ln_notation": True})


def tex(expr) -> str:
    """``expr`` as TeX (no delimiters)."""
    return _TEX.doprint(sp.sympify(expr))


def matrix_learner(rows) -> str:
    """A matrix (list of rows) or a vector (flat list) in learner syntax."""
    if rows and isinstance(rows[0], (list, tuple)):
        return "[" + ", ".join(matrix_learner(row) for row in rows) + "]"
    return "[" + ", ".join(learner(entry) for entry in rows) + "]"


def matrix_tex(rows) -> str:
    """A matrix (list of rows) or a row vector (flat list) as a pmatrix."""
    if not (rows and isinstance(rows[0], (list, tuple))):
        rows = [rows]
    body = r" \\ ".join(" & ".join(tex(entry) for entry in row) for row in rows)
    return r"\begin{pmatrix} " + body + r" \end{pmatrix}"


def number(value: float, digits: int = 6) -> str:
    """A float as a short decimal ("12", "8.15485", "-0.5")."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}g}"


def signed(expr) -> str:
    """TeX of a term with its sign for use after another term ("+ 3x", "- 2")."""
    expr = sp.sympify(expr)
    if expr.could_extract_minus_sign():
        return "- " + tex(-expr)
    return "+ " + tex(expr)


def d_dx(expr, var: str = "x") -> str:
    r"""TeX for "the derivative of expr": \frac{d}{dx} 3 x^{2}, or with brackets
    when expr is a sum or starts with a minus sign (\frac{d}{dx}\left(-3x\right))."""
    expr = sp.sympify(expr)
    body = tex(expr)
    if expr.is_Add or expr.could_extract_minus_sign() or (expr.is_Number and expr < 0):
        body = rf"\left({body}\right)"
    return rf"\frac{{d}}{{d{var}}} {body}"
