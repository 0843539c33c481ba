"""The worked numbers on the Module 5 page are right: every ``.formula`` with ``data-expr`` and
``data-equals`` (in plain learner syntax) is checked with sympy, and a numeric result must be the
number the TeX shows."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sympy as sp
from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication, parse_expr, rationalize,
                                        standard_transformations)

PAGE = Path(__file__).resolve().parents[2] / "site/m5-optimisation/index.html"
NAMES = {n: sp.Symbol(n) for n in ("x", "y", "g", "k")}
STEPS = standard_transformations + (implicit_multiplication, convert_xor, rationalize)


class Formulas(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self.depth, self.text = [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += 1
        elif "formula" in (attrs.get("class") or "").split():
            self.depth = 1
            self.found.append({"attrs": attrs, "tex": ""})
            self.text = []

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.found[-1]["tex"] = "".join(self.text)

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def formulas():
    parser = Formulas()
    parser.feed(PAGE.read_text())
    return parser.found


def parse(text):
    return parse_expr(text, local_dict=dict(NAMES), transformations=STEPS)


def test_the_page_has_annotated_formulas():
    assert len(formulas()) >= 8


@pytest.mark.parametrize("formula", formulas(), ids=lambda f: f["attrs"]["data-expr"])
def test_formula_is_right(formula):
    expr, equals = parse(formula["attrs"]["data-expr"]), parse(formula["attrs"]["data-equals"])
    assert sp.simplify(expr - equals) == 0
    if equals.is_number:
        shown = [float(v.replace("−", "-")) for v in re.findall(r"[−-]?\d+(?:\.\d+)?", formula["tex"])]
        value = float(equals)
        assert any(abs(v - value) < 5e-6 * max(1, abs(value)) for v in shown), (formula["tex"], value)


def test_the_condition_number_refresher():
    """The valley's Hessian, its eigenvalues and condition number, and the best factor 9/11."""
    text = PAGE.read_text()
    x, y, k = sp.symbols("x y k")
    H = sp.hessian(x**2 + 10 * y**2, (x, y))
    eigen = sorted(H.eigenvals())
    assert eigen == [2, 20] and sp.Rational(eigen[1], eigen[0]) == 10
    assert "\\begin{pmatrix} 2 &amp; 0 \\\\ 0 &amp; 20 \\end{pmatrix}" in text
    best = sp.Rational(2, eigen[0] + eigen[1])
    factors = [1 - best * lam for lam in eigen]
    assert factors == [sp.Rational(9, 11), -sp.Rational(9, 11)] and best == sp.Rational(1, 11)
    assert ((k - 1) / (k + 1)).subs(k, 10) == sp.Rational(9, 11) and "\\(9/11 \\approx 0.82\\)" in text
    assert round(float(((k - 1) / (k + 1)).subs(k, 1000)), 3) == 0.998 and "would give 0.998" in text
    assert text.index('id="condition-heading"') < text.index("its condition number, 10")
