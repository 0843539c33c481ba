"""The maths on every module page is right, and says what its annotation says.

Each formula that makes a claim is wrapped in ``<... class="formula">`` with data attributes in
plain syntax (our own trusted annotation, read with sympy's ``parse_expr``; never learner input):
- ``data-f``, ``data-df`` (``data-wrt`` or ``data-var`` for the variable, else x): d f = df;
  with ``data-rule``, a general rule, f and df built from unknown functions u, v, g, h;
- ``data-f``, ``data-hessian``: the Hessian of f(x, y) is the matrix ``[[..], [..]]``;
- ``data-f``, ``data-path`` ("x(t); y(t); z(t)"), ``data-total``: the total derivative along the path;
- ``data-expr``, ``data-equals`` (``data-tolerance`` for a rounded number): a rewriting step;
- ``data-series``, ``data-about``, ``data-order``, ``data-poly``: a Taylor polynomial;
- ``data-series2``, ``data-at``, ``data-poly2``: a two-variable quadratic Taylor polynomial.
Every claim is checked with sympy. What else a page asks (how many claims it must have, how its
TeX is compared with the annotation, how its rounded numbers are read) is data: ``PAGES``.
The TeX is parsed with ``sympy.parsing.latex`` and compared at sample points, so a page cannot
show one thing while the test checks another. Pages are found automatically: a module page with
formulas and no entry in ``PAGES`` fails.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

import pytest
import sympy as sp
from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication, parse_expr, rationalize,
                                        standard_transformations)

SITE = Path(__file__).resolve().parents[2] / "site"
STEPS = standard_transformations + (implicit_multiplication, convert_xor, rationalize)
REAL = {n: sp.Symbol(n, real=True) for n in ("x", "y", "z", "t")}
NAMES = {**REAL, **{n: sp.Symbol(n) for n in ("r", "h", "a", "b", "c", "g", "k", "rho", "theta",
                                                  "c0", "c1", "c2", "c3")},
         "lam": sp.Symbol("lambda"), "pi": sp.pi, "e": sp.E, "ln": sp.log, "abs": sp.Abs,
         "heaviside": sp.Heaviside, "limit": sp.limit, "diff": sp.diff, "Subs": sp.Subs,
         "Derivative": sp.Derivative, "Matrix": sp.Matrix}
FUNCTIONS = {name: sp.Function(name) for name in ("u", "v", "g", "h")}
CLAIMS = {  # the attribute that names a claim's kind, in the order they are told apart
    "data-rule": "rule", "data-hessian": "hessian", "data-total": "total", "data-df": "derivative",
    "data-expr": "equality", "data-series": "series", "data-series2": "series2"}


@dataclass(frozen=True)
class Page:
    """What one page asks of its annotated formulas, beyond the claims being true."""
    at_least: dict = field(default_factory=dict)     # claim kind (or "formula") -> fewest on the page
    exactly: dict = field(default_factory=dict)      # claim kind -> exactly this many
    present: tuple = ()                              # attribute sets that must be annotated, once each
    tex: str = ""                                    # how the TeX shown is compared (see test_the_tex_...)
    tex_for: Callable = lambda attrs: True           # which claims' TeX is compared
    rounded: str = ""                                # a numeric data-equals: "" exact, "1e-12", "digits"
    points: tuple = ()                               # also compare both sides at these t = z = x
    definitions: tuple | None = None                 # display maths with '=' that define, not claim;
                                                     # a tuple: every other display with '=' is annotated


PAGES = {
    "m1-what-is-calculus": Page(
        at_least={"formula": 20, "derivative": 14, "equality": 5},
        present=({"data-f": "sin(2x^5+3x)/e^(7x)",
                  "data-df": "e^(-7x)((10x^4+3)cos(2x^5+3x) - 7sin(2x^5+3x))"},),
        tex="every side", tex_for=lambda attrs: "data-rule" not in attrs,   # a rule's dz/dy is not parsed
        definitions=(r"d(t) = 3t^2 - \frac{t^3}{5}", r"f'(x) = \frac{df}{dx} = \lim_{h \to 0}",
                     r"f(x) = \frac{\sin(2x^5 + 3x)}{e^{7x}}")),
    "m2-multivariate-calculus": Page(
        at_least={"derivative": 8, "hessian": 2, "equality": 4}, exactly={"total": 1}, tex="last side"),
    "m3-chain-rule-and-neural-networks": Page(at_least={"formula": 8}, points=(-1.3, 0.2, 0.9, 2.4)),
    "m4-taylor-series": Page(at_least={"series": 8, "series2": 1, "equality": 1}, rounded="1e-12"),
    "m5-optimisation": Page(at_least={"formula": 8}, tex="a number"),
    "m6-regression": Page(at_least={"formula": 8}, rounded="digits", tex="last side",
                          tex_for=lambda attrs: "diff(" in attrs.get("data-expr", "")),
}


class Formulas(HTMLParser):
    """Every element with class "formula": its attributes and its text (the TeX shown)."""

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


def module_pages() -> list[str]:
    return sorted(p.parent.name for p in SITE.glob("m*/index.html"))


def page_formulas(slug: str) -> list[dict]:
    parser = Formulas()
    parser.feed((SITE / slug / "index.html").read_text(encoding="utf-8"))
    for formula in parser.found:
        formula["page"] = slug
        formula["kind"] = next((kind for name, kind in CLAIMS.items() if name in formula["attrs"]), None)
    return parser.found


FORMULAS = [f for slug in module_pages() for f in page_formulas(slug)]


def formula_id(formula: dict) -> str:
    attrs = formula["attrs"]
    claim = next(attrs[n] for n in ("data-f", "data-expr", "data-series", "data-series2") if n in attrs)
    return f"{formula['page'][:2]}-{formula['kind']}-{claim[:40]}"


def annotation(text: str, *, rule: bool = False):
    """Our own trusted annotation text -> sympy (parse_expr is fine here, never on learner input)."""
    names = dict(NAMES)
    if rule:
        names.update(FUNCTIONS)
    return parse_expr(text, local_dict=names, transformations=STEPS)


def by_name(expr):
    """The same expression with its symbols matched by name (parse_latex makes its own)."""
    named = {s: NAMES.get(s.name, sp.Symbol(s.name)) for s in expr.free_symbols}
    return expr.subs({s: value for s, value in named.items() if isinstance(value, sp.Basic)})


def same(a, b, points: int = 6, tol: float = 1e-9) -> bool:
    """Equal as functions: at random points of every free symbol (positive, so roots and logs are real)."""
    a, b = sp.sympify(a).doit(), sp.sympify(b).doit()
    symbols = sorted((a.free_symbols | b.free_symbols), key=str)
    rng = random.Random(1)
    for _ in range(points):
        values = {s: rng.uniform(0.3, 1.9) for s in symbols}
        va, vb = complex(a.evalf(30, subs=values)), complex(b.evalf(30, subs=values))
        if abs(va - vb) > tol * max(1.0, abs(va), abs(vb)):
            return False
    return True


def claim_sides(formula: dict) -> tuple:
    """(what the claim is about, what it says that is): f and df, expr and equals, ..."""
    attrs, kind = formula["attrs"], formula["kind"]
    if kind in ("derivative", "rule"):
        rule = kind == "rule"
        return annotation(attrs["data-f"], rule=rule), annotation(attrs["data-df"], rule=rule)
    if kind == "equality":
        return annotation(attrs["data-expr"]), annotation(attrs["data-equals"])
    if kind == "total":
        return annotation(attrs["data-f"]), annotation(attrs["data-total"])
    if kind == "hessian":
        return annotation(attrs["data-f"]), sp.Matrix(annotation(attrs["data-hessian"]))
    raise AssertionError(f"no sides for a {kind} claim")


def variable(attrs: dict):
    return NAMES[attrs.get("data-wrt") or attrs.get("data-var") or "x"]


# --- the TeX shown ---------------------------------------------------------------------------

SPACING = (r"\,", r"\;", r"\!", r"\quad", r"\qquad")
DROPPED = (r"\left", r"\right", r"\Big", r"\big")


def clean(tex: str) -> str:
    body = re.sub(r"^\s*\\[\[(]|\\[\])]\s*$", "", tex.strip()).strip().rstrip(" ,.")
    body = re.sub(r"\\text\{[^}]*\}", "", body)
    for spacing in SPACING:
        body = body.replace(spacing, " ")
    for dropped in DROPPED:
        body = body.replace(dropped, "")
    body = body.replace(r"\dfrac", r"\frac").replace("_i", "")
    return body.replace(r"\approx", "=").rstrip(" ,.")


def sides(tex: str) -> list[str]:
    """The TeX's sides of its '=' signs (outside brackets)."""
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
    return [p.strip().rstrip(" ,.") for p in parts]


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


# --- the tests -------------------------------------------------------------------------------

def test_every_module_page_with_formulas_says_what_it_asks():
    assert set(PAGES) == {f["page"] for f in FORMULAS}, "a page with annotated formulas has its entry in PAGES"


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_the_page_annotates_its_claims(slug):
    page, found = PAGES[slug], [f for f in FORMULAS if f["page"] == slug]
    kinds = [f["kind"] for f in found]
    assert None not in kinds, f"an annotated formula makes no claim: {found[kinds.index(None)]}"
    count = {kind: kinds.count(kind) for kind in set(kinds)}
    count["derivative"] = count.get("derivative", 0) + count.get("rule", 0)
    count["formula"] = len(found)
    for kind, fewest in page.at_least.items():
        assert count.get(kind, 0) >= fewest, f"{slug}: {count.get(kind, 0)} {kind} claims, fewer than {fewest}"
    for kind, number in page.exactly.items():
        assert count.get(kind, 0) == number, f"{slug}: {count.get(kind, 0)} {kind} claims, not {number}"
    for wanted in page.present:
        matching = [f for f in found if all(f["attrs"].get(k) == v for k, v in wanted.items())]
        assert len(matching) == 1, f"{slug}: {wanted} is annotated {len(matching)} times"


def _exact_or_rounded(slug: str, attrs: dict, left, right) -> None:
    rounded = PAGES[slug].rounded
    if "data-tolerance" in attrs:
        assert abs(float(left) - float(right)) <= float(attrs["data-tolerance"]), (float(left), attrs)
    elif rounded and not (left.free_symbols or right.free_symbols) and sp.simplify(left - right) != 0:
        if rounded == "digits":      # the decimal written in data-equals, to its last digit
            digits = len(re.sub(r"\D", "", attrs["data-equals"].lstrip("0.")))
            assert float(left) == pytest.approx(float(right), rel=10 ** (1 - digits)), attrs
        else:
            assert abs(float(left - right)) < float(rounded), attrs
    else:
        assert sp.simplify((left - right).doit()) == 0, attrs
        assert same(left, right), attrs


@pytest.mark.parametrize("formula", FORMULAS, ids=formula_id)
def test_each_claim_is_true(formula):
    attrs, kind, page = formula["attrs"], formula["kind"], PAGES[formula["page"]]
    if kind == "series":
        f, a, n = annotation(attrs["data-series"]), annotation(attrs["data-about"]), int(attrs["data-order"])
        x = NAMES["x"]
        assert sp.simplify(sp.series(f, x, a, n + 1).removeO() - annotation(attrs["data-poly"])) == 0
        return
    if kind == "series2":
        f, (x, y), t = annotation(attrs["data-series2"]), (NAMES["x"], NAMES["y"]), sp.Symbol("t")
        p, q = (sp.Integer(v) for v in attrs["data-at"].split(","))
        quad = sp.series(f.subs({x: p + t * (x - p), y: q + t * (y - q)}), t, 0, 3).removeO().subs(t, 1)
        assert sp.simplify(quad - annotation(attrs["data-poly2"])) == 0
        return
    subject, claimed = claim_sides(formula)
    if kind == "hessian":
        x, y = NAMES["x"], NAMES["y"]
        assert sp.simplify(sp.hessian(subject, (x, y)) - claimed) == sp.zeros(2, 2)
        return
    if kind == "total":
        t = NAMES["t"]
        path = dict(zip((NAMES["x"], NAMES["y"], NAMES["z"]), (annotation(p) for p in attrs["data-path"].split(";"))))
        assert sp.simplify(sp.diff(subject.subs(path), t) - claimed) == 0
        chain = sum(sp.diff(subject, v).subs(path) * sp.diff(p, t) for v, p in path.items())
        assert sp.simplify(chain - claimed) == 0
        return
    left = sp.diff(subject, variable(attrs)) if kind in ("derivative", "rule") else subject
    if isinstance(left, sp.MatrixBase):
        assert left == claimed, attrs
        return
    if kind == "rule":
        x = NAMES["x"]
        assert sp.simplify((left - claimed).doit()) == 0 or same(sp.diff(subject, x), claimed), attrs
        return
    _exact_or_rounded(formula["page"], attrs, left, claimed)
    if page.points:
        names = [NAMES[n] for n in ("t", "z", "x")]
        for value in page.points:
            at = dict.fromkeys(names, value)
            assert float(left.subs(at)) == pytest.approx(float(claimed.subs(at)), abs=1e-12), (attrs, value)


SHOWN = [f for f in FORMULAS if PAGES[f["page"]].tex and PAGES[f["page"]].tex_for(f["attrs"])]


@pytest.mark.parametrize("formula", SHOWN, ids=formula_id)
def test_the_tex_shows_the_claim(formula):
    """How a page's TeX is compared (its ``tex`` in PAGES):
    - "every side": every side of its '=' signs is parsed; the first is the claim's subject (d/dx of f
      for a derivative), every later one its value;
    - "last side": the last side is the claim's value (a Hessian: entry by entry); a derivative's TeX
      names its variable; a rounded number (data-tolerance) is shown to its digits;
    - "a number": a claim whose value is a number shows that number."""
    attrs, kind, style = formula["attrs"], formula["kind"], PAGES[formula["page"]].tex
    tex = formula["tex"]
    subject, claimed = claim_sides(formula)
    if style == "a number":
        if claimed.is_number:
            shown = [float(v.replace("−", "-")) for v in re.findall(r"[−-]?\d+(?:\.\d+)?", tex)]
            value = float(claimed)
            assert any(abs(v - value) < 5e-6 * max(1, abs(value)) for v in shown), (tex, value)
        return
    if kind == "hessian":
        shown = matrix_entries(tex)
        assert all(same(shown[i][j], claimed[i, j]) for i in range(2) for j in range(2)), shown
        return
    if "data-wrt" in attrs:
        assert re.search(rf"\\partial {attrs['data-wrt']}\b", tex), "the TeX names the variable"
    parts = sides(tex)
    assert len(parts) >= 2, tex
    if style == "last side":
        last = parse_tex(parts[-1])
        if "data-tolerance" in attrs:
            shown = float(last)
            assert abs(shown - float(subject)) <= 0.5 * 10 ** -(len(str(shown).split(".")[1])) + 1e-12, shown
        else:
            assert same(last, claimed), (tex, claimed)
            assert sp.simplify(last - claimed) == 0, (tex, claimed)
        return
    assert style == "every side", style
    shown = [parse_tex(p) for p in parts]
    if kind == "derivative":
        first = shown[0]
        assert isinstance(first, sp.Derivative), f"the TeX's left side is d/dx of something: {first}"
        assert same(first.expr, subject), f"TeX differentiates {first.expr}, annotation says {subject}"
        later = shown
    else:
        assert same(shown[0], subject), f"TeX shows {shown[0]}, annotation says {subject}"
        later = shown[1:]
    for part in later:
        assert same(part, claimed), f"TeX part {part} is not {claimed}"


@pytest.mark.parametrize("slug", [slug for slug, page in PAGES.items() if page.definitions is not None])
def test_every_display_claim_is_annotated(slug):
    text = (SITE / slug / "index.html").read_text(encoding="utf-8")
    annotated = {f["tex"].strip() for f in FORMULAS if f["page"] == slug}
    for tex in re.findall(r"\\\[.*?\\\]", text, flags=re.S):
        if "=" not in tex or tex.strip() in annotated:
            continue
        assert any(d in tex for d in PAGES[slug].definitions), f"an unannotated claim: {tex}"
