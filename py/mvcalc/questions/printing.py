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


def _tidy(expr):
    """``expr`` with each negative sum in a product turned round: sympy holds
    (-x^2 - 8)(-sin x) as -(-x^2 - 8) sin x; here it is (x^2 + 8) sin x."""
    if expr.is_Atom or not expr.args:
        return expr
    args = [_tidy(a) for a in expr.args]
    if expr.is_Mul:
        coefficient, rest = sp.Mul(*args).as_coeff_mul()
        negative = [i for i, a in enumerate(rest) if a.is_Add and a.could_extract_minus_sign()]
        if coefficient < 0 and negative:  # -(-x - 1) y: the two minus signs cancel
            i = negative[0]
            rest = rest[:i] + (-rest[i],) + rest[i + 1:]
            return sp.Mul(-coefficient, *rest, evaluate=False) if -coefficient != 1 else sp.Mul(*rest, evaluate=False)
    return expr.func(*args) if args != list(expr.args) else expr


def tex(expr) -> str:
    """``expr`` as TeX (no delimiters); a product never shows -(-x - 1)."""
    expr = sp.sympify(expr)
    try:
        expr = _tidy(expr)
    except (TypeError, ValueError, AttributeError):  # an unusual object: print it as it is
        pass
    return _TEX.doprint(expr)


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


# -- signs and brackets in generated TeX: one helper for every template ---------
#
# A value here is TeX already (a str), a float (written with number()), or
# anything sympy takes (written with tex()).  These keep "6 · -4", "1 + - x",
# "x - -1", "(x - (-1))" and "\sqrt[2]{2}" out of questions; the sweep in
# tests/questions/test_typography.py looks for them in every set.

def _tex_of(value) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float):
        return number(value)
    return tex(value)


def _top_level_sign(text: str) -> bool:
    """Whether TeX ``text`` has a + or - outside braces and brackets, after its start."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif ch in "+-" and depth == 0 and i > 0 and text[:i].strip():
            return True
    return False


def _sign_and_size(expr):
    """(sign, size): ``expr`` is sign times size, and size prints without a leading minus.

    sympy's -expr can print with a minus of its own: -((4x^2 + 7) sin x) is held as
    (-4x^2 - 7) sin x.  Here each negative number or sum among a product's factors
    gives up its sign, so the size prints as (4x^2 + 7) sin x.
    """
    expr = sp.sympify(expr)
    if not expr.is_Mul:
        return (-1, -expr) if expr.could_extract_minus_sign() else (1, expr)
    sign, factors = 1, []
    for f in sp.Mul.make_args(expr):
        if (f.is_Number and f < 0) or (f.is_Add and f.could_extract_minus_sign()):
            sign, f = -sign, -f
        if f != 1:
            factors.append(f)
    if not factors:
        return sign, sp.S.One
    return sign, sp.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]


def _negative(value) -> bool:
    if isinstance(value, str):
        return value.strip().startswith("-")
    if isinstance(value, (int, float)):
        return value < 0
    return sp.sympify(value).could_extract_minus_sign()


def _is_zero(value) -> bool:
    if isinstance(value, str):
        return value.strip() == "0"
    if isinstance(value, (int, float)):
        return value == 0
    return sp.sympify(value) == 0


def _negated(value):
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("-"):
            return text[1:].strip()
        return "-" + text
    return -value if isinstance(value, (int, float)) else -sp.sympify(value)


def plain(value: float, digits: int = 10) -> str:
    """A number as a plain decimal, never in e-notation: a learner reads "5e-05" as 5e − 5."""
    from decimal import Decimal
    text = number(value, digits)
    return format(Decimal(text), "f") if "e" in text else text


def signed(value) -> str:
    """TeX of a term with its sign for use after another term ("+ 3x", "- 2", "- 0.9186")."""
    if isinstance(value, (str, int, float)):
        return ("- " + _tex_of(_negated(value))) if _negative(value) else "+ " + _tex_of(value)
    expr = sp.sympify(value)
    if expr.is_Add:  # a sum continues the sum: + 1 - x, - x - 1 (never "- x - 1" for 1 - x)
        text = tex(expr)
        return "- " + text[1:].lstrip() if text.startswith("-") else "+ " + text
    sign, size = _sign_and_size(expr)
    text = tex(size)
    if sign < 0 and size.is_Add:  # - (x - 1), not - x - 1
        text = rf"\left({text}\right)"
    return ("- " if sign < 0 else "+ ") + text


def terms(*values, keep_zero: bool = False) -> str:
    """TeX of a sum, each sign written once: terms(1, -x, -y) is "1 - x - y".

    Zero terms are left out (all zero: "0") unless ``keep_zero`` (a worked line
    that shows every term of a formula).
    """
    kept = [v for v in values if keep_zero or not _is_zero(v)]
    if not kept:
        return "0"
    return " ".join([_tex_of(kept[0])] + [signed(v) for v in kept[1:]])


def factor(value) -> str:
    """TeX of a factor after another factor or a sign: bracketed if negative or a sum.

    "6 \\cdot " + factor(-4) is "6 \\cdot (-4)"; "-4.6 - " + factor(-0.9186) is
    "-4.6 - (-0.9186)"; factor(x + 1) is "(x + 1)"; factor(3) is "3".
    """
    text = _tex_of(value)
    if _negative(value) or _top_level_sign(text):
        return rf"\left({text}\right)" if r"\frac" in text else f"({text})"
    return text


def shifted(var, about) -> str:
    """TeX of ``var`` minus ``about``: "x - 2", "x + 1" (not "x - (-1)"), "x" for 0."""
    return terms(var, _negated(about) if not isinstance(about, str) else "-" + about)


def root(index: int, radicand) -> str:
    """TeX of the ``index``-th root: \\sqrt{2} for a square root, \\sqrt[3]{2} otherwise."""
    body = _tex_of(radicand)
    return rf"\sqrt{{{body}}}" if index == 2 else rf"\sqrt[{index}]{{{body}}}"


def coefficient(value, rest: str) -> str:
    """TeX of ``value`` times TeX ``rest``, with 1 and -1 written as nothing and "-"."""
    if not isinstance(value, str) and value == 1:
        return rest
    if not isinstance(value, str) and value == -1:
        return "-" + rest
    return f"{_tex_of(value)} {rest}"


def approx(value, spec: str = ".4g") -> str:
    """TeX "= 0.1875" when ``value`` written with format ``spec`` is exact, else "\\approx 0.3775"."""
    shown = format(float(value), spec)
    if "." in shown and not any(c in shown for c in "eE"):
        shown = shown.rstrip("0").rstrip(".") if spec.endswith("g") else shown
    return ("= " if float(shown) == float(value) else r"\approx ") + shown


def exact_and_decimal(value, digits: int = 6) -> str:
    """TeX of an exact number and, unless it is an integer, its decimal: "\\frac{11}{3} \\approx 3.66667"."""
    value = sp.nsimplify(value)
    if value.is_Integer:
        return tex(value)
    return rf"{tex(value)} \approx {number(float(value), digits)}"


def d_dx(expr, var: str = "x") -> str:
    r"""TeX for "the derivative of expr": \frac{d}{dx} 3 x^{2}, or with brackets
    when expr is a sum or starts with a minus sign (\frac{d}{dx}\left(-3x\right))."""
    expr = sp.sympify(expr)
    body = tex(expr)
    if expr.is_Add or expr.could_extract_minus_sign() or (expr.is_Number and expr < 0):
        body = rf"\left({body}\right)"
    return rf"\frac{{d}}{{d{var}}} {body}"
