"""Printing sympy as learner syntax: readable, and read back as the same function
by sympy's parser and by the course's own checker."""
from __future__ import annotations

import pytest
import sympy as sp

from mvcalc.checking import evaluate
from mvcalc.course import MODULES
from mvcalc.questions.printing import d_dx, learner, matrix_learner, number, r, tex, theta, x, y
from question_tools import POSITIVE, agree, parse
from every_question import cached_question

READABLE = [
    (6 * x**2 * sp.cos(x) - 2 * x * sp.sin(x), "6x^2 cos(x) - 2x sin(x)"),
    (2 * x * sp.exp(3 * x), "2x e^(3x)"),
    (sp.exp(x), "e^x"),
    (sp.exp(-x), "e^(-x)"),
    (x**2 * y, "x^2 y"),
    (2 * x * y, "2x y"),
    (1 / (6 * x**2 + 1), "1/(6x^2 + 1)"),
    (1 / (2 * x), "1/(2x)"),
    (-3 / x**2, "-3/x^2"),
    (x**sp.Rational(-3, 2), "1/x^(3/2)"),
    (sp.sqrt(x**2 + 3), "sqrt(x^2 + 3)"),
    (sp.log(x**2 + 1), "ln(x^2 + 1)"),
    (sp.cos(x)**3, "cos(x)^3"),
    (7 * sp.sin(x), "7 sin(x)"),
    ((3 * x + 2)**5, "(3x + 2)^5"),
    (sp.E * x, "e x"),
    (4 * theta * sp.cos(theta), "4 theta cos(theta)"),
    (sp.Rational(3, 2) * x, "3x/2"),
]


@pytest.mark.parametrize("expr, text", READABLE, ids=[t for _, t in READABLE])
def test_learner_syntax_reads_like_a_learner_would_type(expr, text):
    assert learner(expr) == text


MORE = [e for e, _ in READABLE] + [
    sp.sin(x**2) / (2 * x), 5 / sp.sqrt(x), (x + 1) / (x - 1)**2, x * sp.exp(x**2),
    ((10 * x**4 + 3) * sp.cos(2 * x**5 + 3 * x) - 7 * sp.sin(2 * x**5 + 3 * x)) * sp.exp(-7 * x),
    -4 * x * sp.exp(sp.cos(2 * x**2)) * sp.sin(2 * x**2), 2**x, x**3 * sp.log(x),
    sp.exp(x) / (x**2 + 1), 1 / sp.sin(x), sp.Mul(3 * x**2, x + sp.sin(x), evaluate=False),
    -(x - 2)**2 / 2 + 3, x**sp.Rational(2, 3), 1 / (x * sp.exp(x)),
]


@pytest.mark.parametrize("expr", MORE, ids=[str(e) for e in MORE])
def test_learner_syntax_round_trips(expr):
    text = learner(expr)
    symbols = tuple(sorted(expr.free_symbols, key=str)) or (x,)
    points = [tuple(p + 0.1 * i for i in range(len(symbols))) for p in POSITIVE]
    assert agree(parse(text), expr, points, symbols), text
    free = sorted(str(s) for s in expr.free_symbols)
    for p in POSITIVE[:4]:
        values = {name: p + 0.1 * i for i, name in enumerate(free)}
        expected = float(expr.subs({sp.Symbol(n): v for n, v in values.items()}))
        assert evaluate(text, values) == pytest.approx(expected, rel=1e-9), text


def test_matrices_and_vectors():
    assert matrix_learner([2 * x * y, x**2, 3]) == "[2x y, x^2, 3]"
    assert matrix_learner([[sp.cos(theta), -r * sp.sin(theta)], [sp.sin(theta), r * sp.cos(theta)]]) \
        == "[[cos(theta), -r sin(theta)], [sin(theta), r cos(theta)]]"


def test_tex_and_helpers():
    assert tex(sp.log(x)) == r"\ln{\left(x \right)}"
    assert d_dx(3 * x**2) == r"\frac{d}{dx} 3 x^{2}"
    assert d_dx(-3 * x) == r"\frac{d}{dx} \left(- 3 x\right)"
    assert number(12.0) == "12" and number(-0.0746806) == "-0.0746806"


def all_expression_answers():
    for m in MODULES:
        for s in m.exercise_sets:
            for i in range(s.size):
                q = cached_question(s, i, 1)
                if q.kind == "expression":
                    yield pytest.param(q, id=f"{s.slug}-{q.template}")


@pytest.mark.parametrize("q", all_expression_answers())
def test_both_parsers_read_every_answer_key_the_same_way(q):
    """The key and each misconception mean the same to sympy's parser and the checker's,
    in every variable they use (a partial derivative's key holds x and y)."""
    texts = [q.solution, *([q.data["f"]] if isinstance(q.data.get("f"), str) else []),
             *(m.answer for m in q.misconceptions)]
    for text in texts:
        ours = parse(text)
        names = sorted({str(s) for s in ours.free_symbols} | set(q.variables))
        for p in POSITIVE[:4]:
            point = {name: p + 0.1 * i for i, name in enumerate(names)}
            assert evaluate(text, point) == pytest.approx(
                float(ours.subs({sp.Symbol(n): v for n, v in point.items()})), rel=1e-9), text


# --- signs and brackets: the one formatting helper -------------------------------------------

from mvcalc.questions.printing import (coefficient, exact_and_decimal, factor, root,  # noqa: E402
                                       shifted, signed, terms)


def test_signed_writes_each_sign_once():
    assert signed(3 * x) == "+ 3 x"
    assert signed(-2) == "- 2" and signed(-0.9186) == "- 0.9186" and signed("-x") == "- x"
    assert signed(sp.Rational(-3, 4)) == r"- \frac{3}{4}"
    # sympy holds (x^2 + 8)(-sin x) as -(x^2 + 8) sin x, and (-x^2 - 8)(-sin x) as -(-x^2 - 8) sin x
    assert signed((x**2 + 8) * -sp.sin(x)) == r"- \left(x^{2} + 8\right) \sin{\left(x \right)}"
    assert signed((-x**2 - 8) * -sp.sin(x)) == r"+ \left(x^{2} + 8\right) \sin{\left(x \right)}"


def test_terms():
    assert terms(1, -x, -y) == "1 - x - y"
    assert terms(0, x, -2) == "x - 2"
    assert terms(0, 0) == "0"
    assert terms(r"\frac{0}{0!}", -1, keep_zero=True) == r"\frac{0}{0!} - 1"
    assert terms("y_i", -(-2 * sp.Symbol("x_i") + 1)) == "y_i + 2 x_{i} - 1"


def test_factor_brackets_negatives_and_sums():
    assert factor(-4) == "(-4)" and factor(4) == "4"
    assert factor(-0.9186) == "(-0.9186)" and factor("-4.6") == "(-4.6)"
    assert factor(x + 1) == "(x + 1)"
    assert factor(sp.Rational(-1, 2)) == r"\left(- \frac{1}{2}\right)"
    assert factor(x**2) == "x^{2}"


def test_shifted_root_coefficient():
    assert shifted("x", -1) == "x + 1" and shifted("x", 2) == "x - 2" and shifted("x", 0) == "x"
    assert shifted("x", sp.pi) == r"x - \pi"
    assert root(2, 2) == r"\sqrt{2}" and root(3, 5) == r"\sqrt[3]{5}"
    assert coefficient(1, "x^{2}") == "x^{2}" and coefficient(-1, "x^{2}") == "-x^{2}"
    assert coefficient(sp.Rational(3, 2), "x^{1/2}") == r"\frac{3}{2} x^{1/2}"


def test_exact_and_decimal():
    assert exact_and_decimal(sp.Rational(11, 3)) == r"\frac{11}{3} \approx 3.66667"
    assert exact_and_decimal(-3) == "-3"


def test_tex_never_shows_minus_a_negative_sum():
    assert tex((-x**2 - 8) * -sp.sin(x)) == r"\left(x^{2} + 8\right) \sin{\left(x \right)}"
    assert r"- \left(- x" not in tex(-2 * x * sp.cos(x) + (-x**2 - 8) * -sp.sin(x))
    assert tex((6 - 4 * x) / (-5 * x - 2)) == r"\frac{6 - 4 x}{- 5 x - 2}"   # left as it is


def _read_tex(text):
    """TeX read back with sympy's LaTeX parser (trusted strings from our own printing)."""
    import re

    from sympy.parsing.latex import parse_latex
    # a letter before a bracket is a product here, not a function call: e(x - 1), y(x + 1)
    text = re.sub(r"(?<![\\a-zA-Z])([a-z]) *\\left\(", r"\1 \\cdot \\left(", text)
    return parse_latex(text).subs({sp.Symbol("e"): sp.E, sp.Symbol("pi"): sp.pi})


SIGNED_CASES = [3 * x, -2 * x, 1 - x, -x - 1, x - 1, -(x - 1)**3, (-x**2 - 8) * -sp.sin(x),
                (x**2 + 8) * -sp.sin(x), sp.Mul(-1, x - 1, evaluate=False), sp.Mul(-2, x + 1, y, evaluate=False),
                sp.Rational(-3, 4) * sp.cos(x), -sp.exp(-x) * (x + 2), (1 - x) * (2 - x)]


@pytest.mark.parametrize("term", SIGNED_CASES, ids=[str(c) for c in SIGNED_CASES])
def test_signed_and_terms_keep_the_value(term):
    """What terms() writes means what was added: checked by reading the TeX back."""
    text = terms(x**2, term)
    assert sp.simplify(_read_tex(text) - (x**2 + term)) == 0, text
    assert "- -" not in text and "+ -" not in text


def test_taylor_polynomials_keep_the_value():
    from mvcalc.questions.m4.common import taylor, taylor_tex
    for d, a in [([1, -1, 2, -6], 1), ([0, 1, -1, 2], 1), ([sp.E] * 3, 1), ([1, 3, 9, 27], 0),
                 ([sp.exp(-1)] * 3, -1), ([0, -1, 0, 1], sp.pi), ([2, sp.Rational(1, 4), -sp.Rational(1, 32)], 4)]:
        text = taylor_tex(d, a)
        assert sp.expand(_read_tex(text) - taylor(d, a)) == 0, text


def test_approx():
    from mvcalc.questions.printing import approx
    assert approx(0.1875) == "= 0.1875" and approx(0.37754066, ".4f") == r"\approx 0.3775"
    assert approx(2.5, ".4f") == "= 2.5000" and approx(-0.12957155) == r"\approx -0.1296"


def test_formula_choices_show_the_formula_they_stand_for():
    """Each formula option's TeX (in powers of (x - a)) means its value (what the tests check)."""
    from mvcalc.course import module
    s = module("m4-taylor-series").exercise_set("matching-approximations")
    index = [t.__name__ for t in s.templates].index("formula_about_a")
    for variant in range(8):
        q = cached_question(s, index, variant)
        for c in q.choices:
            assert sp.expand(_read_tex(c.tex) - parse(c.value)) == 0, (c.tex, c.value)
