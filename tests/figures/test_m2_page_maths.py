"""The maths on the Module 2 page is right, and says what its annotation says.

Each formula that makes a claim is wrapped in ``<div class="formula">`` with data attributes in
plain syntax:
- ``data-f``, ``data-wrt``, ``data-df``: the partial derivative of f with respect to wrt is df;
- ``data-f``, ``data-hessian``: the Hessian of f(x, y) is the matrix ``[[..], [..]]``;
- ``data-f``, ``data-path`` ("x(t); y(t); z(t)"), ``data-total``: the total derivative along the path;
- ``data-expr``, ``data-equals`` (and ``data-tolerance`` for a rounded number): a rewriting step.
Each claim is checked with sympy, and the TeX shown is parsed (``sympy.parsing.latex``; matrix
entries one by one) and its right-hand side compared with the annotation at sample points.
"""
from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, implicit_multiplication, parse_expr, standard_transformations

PAGE = Path(__file__).resolve().parents[2] / "site/m2-multivariate-calculus/index.html"
NAMES = {n: sp.Symbol(n) for n in ("x", "y", "z", "t", "r", "h", "a", "b", "c", "rho", "theta")}
NAMES.update({"pi": sp.pi, "e": sp.E, "lam": sp.Symbol("lambda")})


class Formulas(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self.depth = 0
        self.text: list[str] = []

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


def formulas() -> list[dict]:
    parser = Formulas()
    parser.feed(PAGE.read_text())
    return parser.found


def plain(text: str):
    """Our own trusted annotation -> sympy (parse_expr is fine here, never on learner input)."""
    return parse_expr(text, local_dict=dict(NAMES),
                      transformations=standard_transformations + (implicit_multiplication, convert_xor))


def by_name(expr):
    return expr.subs({s: NAMES.get(s.name, s) for s in expr.free_symbols})


def same(a, b, points: int = 6, tol: float = 1e-9) -> bool:
    a, b = sp.sympify(a).doit(), sp.sympify(b).doit()
    symbols = sorted((a.free_symbols | b.free_symbols), key=str)
    rng = random.Random(2)
    for _ in range(points):
        values = {s: rng.uniform(0.3, 1.9) for s in symbols}
        va, vb = complex(a.evalf(30, subs=values)), complex(b.evalf(30, subs=values))
        if abs(va - vb) > tol * max(1.0, abs(va), abs(vb)):
            return False
    return True


def clean(tex: str) -> str:
    body = re.sub(r"^\s*\\[\[(]|\\[\])]\s*$", "", tex.strip()).strip().rstrip(" ,.")
    body = re.sub(r"\\text\{[^}]*\}", "", body)
    for spacing in (r"\,", r"\;", r"\!", r"\quad", r"\left", r"\right", r"\dfrac"):
        body = body.replace(spacing, " " if spacing != r"\dfrac" else r"\frac")
    return body.replace(r"\approx", "=").rstrip(" ,.")


def last_side(tex: str) -> str:
    parts, depth, current = [], 0, ""
    for ch in clean(tex):
        depth += ch in "{(" and 1 or 0
        depth -= ch in "})" and 1 or 0
        if ch == "=" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts[-1].strip()


def parse_tex(tex: str):
    """TeX -> sympy; a letter before brackets, as in \\rho\\,(r + h), is a product, not a function."""
    from sympy.core.function import AppliedUndef
    from sympy.parsing.latex import parse_latex
    expr = parse_latex(tex).subs(sp.Symbol("e"), sp.E)
    expr = expr.replace(lambda e: isinstance(e, AppliedUndef),
                        lambda e: sp.Symbol(e.func.__name__) * sp.Mul(*e.args))
    return by_name(expr)


def matrix_entries(tex: str) -> list[list]:
    body = re.findall(r"\\begin\{pmatrix\}(.*?)\\end\{pmatrix\}", clean(tex), flags=re.S)[-1]
    return [[parse_tex(cell.strip()) for cell in row.split("&")] for row in body.split(r"\\")]


FORMULAS = formulas()


def test_the_page_annotates_its_claims():
    kinds = [tuple(k in f["attrs"] for k in ("data-wrt", "data-hessian", "data-total", "data-expr")) for f in FORMULAS]
    assert sum(k[0] for k in kinds) >= 8 and sum(k[1] for k in kinds) >= 2
    assert sum(k[2] for k in kinds) == 1 and sum(k[3] for k in kinds) >= 4


@pytest.mark.parametrize("formula", [f for f in FORMULAS if "data-wrt" in f["attrs"]],
                         ids=lambda f: f"{f['attrs']['data-f']}-d{f['attrs']['data-wrt']}")
def test_each_partial_derivative_is_true_and_is_what_the_tex_shows(formula):
    attrs = formula["attrs"]
    f, df, wrt = plain(attrs["data-f"]), plain(attrs["data-df"]), NAMES[attrs["data-wrt"]]
    assert sp.simplify(sp.diff(f, wrt) - df) == 0, attrs
    assert re.search(rf"\\partial {attrs['data-wrt']}\b", formula["tex"]), "the TeX names the variable"
    assert same(parse_tex(last_side(formula["tex"])), df), formula["tex"]


@pytest.mark.parametrize("formula", [f for f in FORMULAS if "data-hessian" in f["attrs"]],
                         ids=lambda f: f["attrs"]["data-f"])
def test_each_hessian_is_true_and_is_what_the_tex_shows(formula):
    attrs = formula["attrs"]
    f, claimed = plain(attrs["data-f"]), sp.Matrix(plain(attrs["data-hessian"]))
    x, y = NAMES["x"], NAMES["y"]
    assert sp.simplify(sp.hessian(f, (x, y)) - claimed) == sp.zeros(2, 2)
    shown = matrix_entries(formula["tex"])
    assert all(same(shown[i][j], claimed[i, j]) for i in range(2) for j in range(2)), shown


def test_the_total_derivative_is_true_by_substitution_and_by_the_chain_rule():
    formula = next(f for f in FORMULAS if "data-total" in f["attrs"])
    attrs = formula["attrs"]
    f, total = plain(attrs["data-f"]), plain(attrs["data-total"])
    t = NAMES["t"]
    path = dict(zip((NAMES["x"], NAMES["y"], NAMES["z"]), (plain(p) for p in attrs["data-path"].split(";"))))
    assert sp.simplify(sp.diff(f.subs(path), t) - total) == 0
    chain = sum(sp.diff(f, v).subs(path) * sp.diff(p, t) for v, p in path.items())
    assert sp.simplify(chain - total) == 0
    assert same(parse_tex(last_side(formula["tex"])), total)


@pytest.mark.parametrize("formula", [f for f in FORMULAS if "data-expr" in f["attrs"]],
                         ids=lambda f: f["attrs"]["data-expr"])
def test_each_rewriting_step_is_true_and_is_what_the_tex_shows(formula):
    attrs = formula["attrs"]
    expr, equals = plain(attrs["data-expr"]), plain(attrs["data-equals"])
    tolerance = float(attrs.get("data-tolerance", 0))
    if tolerance:
        assert abs(float(expr) - float(equals)) <= tolerance, (float(expr), attrs)
        shown = float(parse_tex(last_side(formula["tex"])))
        assert abs(shown - float(expr)) <= 0.5 * 10 ** -(len(str(shown).split(".")[1])) + 1e-12, shown
    else:
        assert sp.simplify(expr - equals) == 0, attrs
        assert same(parse_tex(last_side(formula["tex"])), equals), formula["tex"]


def test_numbers_in_the_prose_are_right():
    from mvcalc.figures.contour import can_dm_dh, can_dm_dr
    page = PAGE.read_text()
    assert "0.560 g per cm of height and 3.07 g per cm of radius" in page
    assert f"{can_dm_dh(3.3, 11.5, 0.1):.3f}" == "0.560" and f"{can_dm_dr(3.3, 11.5, 0.1):.2f}" == "3.07"
    x, y, z = NAMES["x"], NAMES["y"], NAMES["z"]
    J = sp.Matrix([x**2 * y + 3 * z]).jacobian([x, y, z])
    assert "J = \\begin{pmatrix} 2xy &amp; x^2 &amp; 3 \\end{pmatrix}" in page or "2xy & x^2 & 3" in page
    assert list(J.subs({x: 1, y: 2, z: 3})) == [4, 1, 3] and "\\begin{pmatrix} 4 & 1 & 3 \\end{pmatrix}" in page
    u, v = x - 2 * y, 3 * y - 2 * x
    assert sp.Matrix([u, v]).jacobian([x, y]) == sp.Matrix([[1, -2], [-2, 3]])
    assert "\\begin{pmatrix} 1 & -2 \\\\ -2 & 3 \\end{pmatrix}" in page
    bump = x * sp.exp(-(x**2 + y**2))
    for p in ((1 / sp.sqrt(2), 0), (-1 / sp.sqrt(2), 0)):
        assert [sp.simplify(sp.diff(bump, s).subs({x: p[0], y: p[1]})) for s in (x, y)] == [0, 0]
    r, th = NAMES["r"], NAMES["theta"]
    P = sp.Matrix([r * sp.cos(th), r * sp.sin(th)]).jacobian([r, th])
    assert P == sp.Matrix([[sp.cos(th), -r * sp.sin(th)], [sp.sin(th), r * sp.cos(th)]])
    # the Try-this claims about the Hessian figure: a = 0 and b = 2 (with c = a = 1) make det H = 0
    a, b, c = NAMES["a"], NAMES["b"], NAMES["c"]
    det = 4 * a * c - b**2
    assert det.subs({a: 0, c: 1, b: 0}) == 0 and det.subs({a: 1, c: 1, b: 2}) == 0
    # ... and where each valley's floor lies, from the figure's own f = c x² + a y² + b x y:
    # f = 0 exactly on the floor (x = 0, the y axis; then y = -x) and f > 0 off it
    from mvcalc.figures.hessian import quadratic
    assert "a valley whose floor is the y axis, where x = 0" in page and "its floor the line y = −x" in page
    for (av, bv), floor in (((0.0, 0.0), lambda t: (0.0, t)), ((1.0, 2.0), lambda t: (t, -t))):
        for t in (-1.5, -0.4, 0.7, 1.9):
            assert abs(quadratic(*floor(t), av, bv, 1.0)) < 1e-12
            px, py = floor(t)
            assert quadratic(px + 0.3, py, av, bv, 1.0) > 0 and quadratic(px - 0.3, py, av, bv, 1.0) > 0
    assert sp.factor(x**2 + y**2 + 2 * x * y) == (x + y)**2
    # the eigenvalue refresher: [[2, 1], [1, 2]] has eigenvalues 3 and 1, eigenvectors (1, 1) and (1, -1)
    M = sp.Matrix([[2, 1], [1, 2]])
    assert sorted(M.eigenvals()) == [1, 3] and M * sp.Matrix([1, 1]) == 3 * sp.Matrix([1, 1])
    assert M * sp.Matrix([1, -1]) == sp.Matrix([1, -1])
    assert "\\((1, 1)\\) to \\((3, 3)\\) and \\((1, -1)\\) to \\((1, -1)\\)" in page
    lam = sp.Symbol("lambda")
    A = sp.Matrix(2, 2, sp.symbols("p q r s"))
    roots = sp.solve((A - lam * sp.eye(2)).det(), lam)
    assert sp.simplify(roots[0] * roots[1] - A.det()) == 0 and sp.simplify(sum(roots) - A.trace()) == 0
    # lesson 7: the measured values' best step is about 0.05
    import numpy as np
    from mvcalc.figures.step_size import central_quotient, mystery_slope
    hs = 10.0 ** np.linspace(-6, 0, 601)
    best = hs[np.argmin(np.abs(central_quotient(1.0, hs, True) - float(mystery_slope(1.0))))]
    assert 0.01 < best < 0.2 and "about 0.05" in page
