"""tex.py: the preview shows the reading that was taken."""
from __future__ import annotations

import pytest

from mvcalc.checking import parse, to_tex

TEX = [
    ("x^2 sin(x)", r"x^{2} \sin\left(x\right)"),
    ("1/2x", r"\frac{1}{2} x"),
    ("x/(2y)", r"\frac{x}{2 y}"),
    ("(x+1)/2", r"\frac{x + 1}{2}"),
    ("2*x", r"2 \cdot x"),
    ("x2", r"x \cdot 2"),
    ("cos^2(x)", r"\cos^{2}\left(x\right)"),
    ("ln^-1(x)", r"\left(\ln\left(x\right)\right)^{-1}"),
    ("sqrt(x)^2", r"\left(\sqrt{x}\right)^{2}"),
    ("|x|^2", r"\left|x\right|^{2}"),
    ("-x^2", r"-x^{2}"),
    ("(-x)^2", r"\left(-x\right)^{2}"),
    ("x - (y - z)", r"x - \left(y - z\right)"),
    ("x + -y", r"x + \left(-y\right)"),
    ("e^(-7x)", r"e^{-7 x}"),
    ("log(x)", r"\ln\left(x\right)"),
    ("asin(x)", r"\arcsin\left(x\right)"),
    ("theta", r"\theta"),
    ("1.5e-3", r"1.5 \times 10^{-3}"),
    ("2.5^x", r"\left(2.5\right)^{x}"),
    ("[1, x]", r"\left[1,\; x\right]"),
    ("[[1, 2], [3, 4]]", r"\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}"),
]


@pytest.mark.parametrize("text, tex", TEX, ids=[t for t, _ in TEX])
def test_tex(text, tex):
    assert to_tex(parse(text)) == tex
