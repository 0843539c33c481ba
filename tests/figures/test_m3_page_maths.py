"""The maths on the Module 3 page: every annotated formula (data-expr = data-equals, or
d/dvar data-f = data-df) checked with sympy, and the decimals the page quotes recomputed."""
from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, implicit_multiplication, parse_expr, standard_transformations

PAGE = Path(__file__).resolve().parents[2] / "site/m3-chain-rule-and-neural-networks/index.html"
STEPS = standard_transformations + (implicit_multiplication, convert_xor)
t, z, x = sp.symbols("t z x", real=True)
NAMES = {"e": sp.E, "t": t, "z": z, "x": x, "Matrix": sp.Matrix}


class Formulas(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += 1
        elif "formula" in (attrs.get("class") or "").split():
            self.depth = 1
            self.found.append({"attrs": attrs, "tex": ""})

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1]["tex"] += data


def formulas():
    parser = Formulas()
    parser.feed(PAGE.read_text())
    return parser.found


def parse(text):
    return parse_expr(text, local_dict=dict(NAMES), transformations=STEPS)


def test_the_page_has_annotated_formulas():
    found = formulas()
    assert len(found) >= 8
    assert all(("data-expr" in f["attrs"]) or ("data-f" in f["attrs"]) for f in found)


@pytest.mark.parametrize("formula", formulas(), ids=lambda f: f["attrs"].get("data-expr") or f["attrs"].get("data-f"))
def test_each_formula_holds(formula):
    a = formula["attrs"]
    if "data-expr" in a:
        left, right = parse(a["data-expr"]), parse(a["data-equals"])
        if isinstance(left, sp.MatrixBase):
            assert left == right
            return
    else:
        var = NAMES[a.get("data-var", "x")]
        left, right = sp.diff(parse(a["data-f"]), var), parse(a["data-df"])
    assert sp.simplify(left - right) == 0
    for value in (-1.3, 0.2, 0.9, 2.4):
        assert float(left.subs({t: value, z: value, x: value})) == pytest.approx(
            float(right.subs({t: value, z: value, x: value})), abs=1e-12)


def s(v):
    return 1 / (1 + math.exp(-v))


def test_quoted_decimals():
    text = PAGE.read_text()
    assert "0.8808" in text and f"{s(2):.4f}" == "0.8808"                       # a neuron, sigma(2)
    assert f"{s(2):.3f}" == "0.881" and f"{s(1):.3f}" == "0.731"                  # the layer example
    assert f"{(s(2) - 1) ** 2 + s(-2) ** 2:.4f}" == "0.0284" and "0.0284" in text   # the NOT cost
    assert f"{s(-2):.3f}" == "0.119" and "0.119" in text
    # the lesson's chain of Jacobians gives (5, -2) in the middle
    assert (sp.Matrix([[1, 2]]) * sp.Matrix([[3, 0], [1, -1]])).tolist() == [[5, -2]]
    assert re.search(r"\\begin\{pmatrix\} 5 & -2 \\end\{pmatrix\}", text)
    assert (sp.Matrix([[5, -2]]) * sp.Matrix([2, 1]))[0] == 8 and re.search(r"\\end\{pmatrix\} = 8\. ", text)
    # the NOT gate's formula on the page is the figure's cost
    from mvcalc.figures.neuron import not_cost
    assert not_cost(-4, 2) == pytest.approx(2 / (1 + math.e ** 2) ** 2)
    # the heart: h2 in [-1, 1], so (h + 1)/2 is in (0, 1)
    ts = [2 * math.pi * k / 1000 for k in range(1000)]
    h2 = [(13 * math.cos(v) - 5 * math.cos(2 * v) - 2 * math.cos(3 * v) - math.cos(4 * v)) / 20 for v in ts]
    assert -1 < min(h2) and max(h2) < 1
