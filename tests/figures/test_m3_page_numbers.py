"""The decimals the Module 3 page quotes, recomputed. (Its annotated formulas are checked with
every page's: test_page_maths.py.)"""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import sympy as sp

PAGE = Path(__file__).resolve().parents[2] / "site/m3-chain-rule-and-neural-networks/index.html"


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
