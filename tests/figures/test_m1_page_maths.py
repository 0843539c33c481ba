"""The maths on the Module 1 page is right, and says what its annotation says.

Each formula that makes a claim is wrapped in ``<... class="formula">`` with data
attributes in plain learner syntax:
- ``data-f`` and ``data-df``: the derivative of f is df (checked with sympy's diff);
- ``data-expr`` and ``data-equals``: a rewriting step, expr equals equals;
- ``data-rule``: a general rule, f and df built from unknown functions u, v, g, h.
The TeX shown is parsed with ``sympy.parsing.latex`` and each side of its ``=`` signs is
compared with the annotation at sample points, so the page cannot show one thing and
the test check another. (The general rules' TeX, with dz/dy written as a fraction, is not
parsed; their claim is still checked with sympy.)
"""
from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, implicit_multiplication, parse_expr, standard_transformations

PAGE = Path(__file__).resolve().parents[2] / "site/m1-what-is-calculus/index.html"
FUNCTIONS = {name: sp.Function(name) for name in ("u", "v", "g", "h")}


class Formulas(HTMLParser):
    """Every element with class "formula": its attributes and its text; and every display maths."""

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


def learner(text: str, *, rule: bool = False):
    """Our own trusted annotation text -> sympy (parse_expr is fine here, never on learner input)."""
    names = {"e": sp.E, "x": sp.Symbol("x"), "limit": sp.limit, "diff": sp.diff, "Subs": sp.Subs,
             "Derivative": sp.Derivative}
    if rule:
        names.update(FUNCTIONS)
    return parse_expr(text, local_dict=names,
                      transformations=standard_transformations + (implicit_multiplication, convert_xor))


def tex_parts(tex: str) -> list:
    from sympy.parsing.latex import parse_latex
    body = tex.strip()
    body = re.sub(r"^\\[\[(]|\\[\])]$", "", body).strip()
    body = body.rstrip(" ,.")
    for spacing in (r"\,", r"\;", r"\!", r"\quad", r"\big", r"\Big"):
        body = body.replace(spacing, " ")
    body = body.rstrip(" ,.")
    parts, depth, current = [], 0, ""
    for ch in body:
        depth += ch in "{(" and 1 or 0
        depth -= ch in "})" and 1 or 0
        if ch == "=" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    out = []
    for part in parts:
        expr = parse_latex(part.strip())
        out.append(expr.subs(sp.Symbol("e"), sp.E))
    return out


def same(a, b, points: int = 6) -> bool:
    """Equal as functions: at random points of every free symbol (positive, so roots and logs are real)."""
    a, b = sp.sympify(a).doit(), sp.sympify(b).doit()
    symbols = sorted((a.free_symbols | b.free_symbols), key=str)
    rng = random.Random(1)
    for _ in range(points):
        values = {s: rng.uniform(0.3, 1.9) for s in symbols}
        va, vb = complex(a.evalf(30, subs=values)), complex(b.evalf(30, subs=values))
        if abs(va - vb) > 1e-9 * max(1.0, abs(va), abs(vb)):
            return False
    return True


def by_name(expr):
    """The same expression with its symbols matched by name (parse_latex and parse_expr make their own)."""
    return expr.subs({s: sp.Symbol(s.name) for s in expr.free_symbols})


FORMULAS = formulas()


def test_the_page_annotates_its_claims():
    kinds = [("data-f" in f["attrs"], "data-expr" in f["attrs"], "data-rule" in f["attrs"]) for f in FORMULAS]
    assert len(FORMULAS) >= 20
    assert sum(k[0] for k in kinds) >= 14 and sum(k[1] for k in kinds) >= 5
    beast = [f for f in FORMULAS if f["attrs"].get("data-df") == "e^(-7x)((10x^4+3)cos(2x^5+3x) - 7sin(2x^5+3x))"]
    assert len(beast) == 1 and beast[0]["attrs"]["data-f"] == "sin(2x^5+3x)/e^(7x)"


@pytest.mark.parametrize("formula", [f for f in FORMULAS if "data-f" in f["attrs"]],
                         ids=lambda f: f["attrs"]["data-f"])
def test_each_derivative_claim_is_true_and_is_what_the_tex_shows(formula):
    attrs = formula["attrs"]
    rule = "data-rule" in attrs
    f, df = learner(attrs["data-f"], rule=rule), learner(attrs["data-df"], rule=rule)
    x = sp.Symbol("x")
    assert sp.simplify((sp.diff(f, x) - df).doit()) == 0 or same(sp.diff(f, x), df), attrs
    if rule:
        return
    parts = [by_name(p) for p in tex_parts(formula["tex"])]
    assert len(parts) >= 2, formula["tex"]
    first = parts[0]
    assert isinstance(first, sp.Derivative), f"the TeX's left side is d/dx of something: {first}"
    assert same(first.expr, f), f"TeX differentiates {first.expr}, annotation says {f}"
    for part in parts:
        assert same(part, df), f"TeX part {part} is not {df}"


@pytest.mark.parametrize("formula", [f for f in FORMULAS if "data-expr" in f["attrs"]],
                         ids=lambda f: f["attrs"]["data-expr"])
def test_each_rewriting_step_is_true_and_is_what_the_tex_shows(formula):
    attrs = formula["attrs"]
    expr, equals = learner(attrs["data-expr"]), learner(attrs["data-equals"])
    assert same(expr, equals) and sp.simplify((expr - equals).doit()) == 0, attrs
    parts = [by_name(p) for p in tex_parts(formula["tex"])]
    assert len(parts) >= 2
    assert same(parts[0], expr), f"TeX shows {parts[0]}, annotation says {expr}"
    for part in parts[1:]:
        assert same(part, equals), f"TeX part {part} is not {equals}"


def test_the_beast_matches_sympy_exactly():
    x = sp.Symbol("x")
    f = sp.sin(2 * x**5 + 3 * x) / sp.exp(7 * x)
    stated = sp.exp(-7 * x) * ((10 * x**4 + 3) * sp.cos(2 * x**5 + 3 * x) - 7 * sp.sin(2 * x**5 + 3 * x))
    assert sp.simplify(sp.diff(f, x) - stated) == 0
    from mvcalc.figures.functions import BEAST
    for value in (-0.3, 0.0, 0.135, 0.5, 1.0):
        assert BEAST.slope(value) == pytest.approx(float(stated.subs(x, value)), rel=1e-12)
    assert BEAST.slope(0.0) == pytest.approx(3.0), "the lesson's worked value at x = 0"


DEFINITIONS = (  # display maths with '=' that define rather than claim
    r"d(t) = 3t^2 - \frac{t^3}{5}",
    r"f'(x) = \frac{df}{dx} = \lim_{h \to 0}",
    r"f(x) = \frac{\sin(2x^5 + 3x)}{e^{7x}}",
)


def test_every_display_claim_is_annotated():
    page = PAGE.read_text()
    annotated = {f["tex"].strip() for f in FORMULAS}
    for tex in re.findall(r"\\\[.*?\\\]", page, flags=re.S):
        if "=" not in tex or tex.strip() in annotated:
            continue
        assert any(d in tex for d in DEFINITIONS), f"an unannotated claim: {tex}"


def test_numbers_in_the_prose_are_right():
    page = PAGE.read_text()
    def d(t): return 3 * t**2 - t**3 / 5
    assert "\\(d(2) = 10.4\\)" in page and d(2) == pytest.approx(10.4)
    assert "\\(d(5) = 50\\)" in page and d(5) == pytest.approx(50)
    assert d(10) == pytest.approx(100) and "100 metres on" in page
    from scipy.optimize import brentq
    from mvcalc.figures.functions import beast_slope
    assert "(near x = 0.14)" in page and brentq(beast_slope, 0.01, 0.4) == pytest.approx(0.14, abs=0.005)
    assert "past about 1.25" in page and float(sp.sqrt(sp.pi / 2)) == pytest.approx(1.25, abs=0.01)
