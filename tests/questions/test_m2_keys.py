"""Module 2 demonstration sets: Jacobian keys against sympy, code tables against sympy."""
from __future__ import annotations

import pytest
import sympy as sp

from mvcalc.course import module
from mvcalc.questions.m2 import finite_differences as fd
from mvcalc.questions.m2 import partial_ideas
from mvcalc.questions.marking import mark
from sympy.parsing.sympy_parser import parse_expr

from question_tools import X, Y, agree, parse, visual_template
from every_question import cached_question, lazy_question

M2 = module("m2-multivariate-calculus")
JACOBIAN = M2.exercise_set("calculating-jacobian")
CODE = M2.exercise_set("finite-differences")


def _flat(rows):
    return [e for row in rows for e in row] if rows and isinstance(rows[0], list) else list(rows)


@pytest.mark.parametrize("q", [lazy_question(JACOBIAN, i, v) for v in range(5) for i in range(JACOBIAN.size)
                               if not visual_template(JACOBIAN, i)],
                         ids=lambda q: f"{q.template}-{q.seed}")
def test_jacobian_keys(q):
    symbols = [parse(v) for v in q.data["variables"]]
    functions = [parse(f) for f in q.data["functions"]]
    jacobian = sp.Matrix(functions).jacobian(symbols)
    if "at" in q.data:
        jacobian = jacobian.subs(dict(zip(symbols, q.data["at"])))
    expected = jacobian.tolist()
    if len(functions) == 1:
        expected = expected[0]
    answer = parse(q.solution)
    points = [tuple(0.3 + 0.41 * k + 0.17 * i for i in range(len(symbols))) for k in range(6)]
    flat_answer, flat_expected = _flat(answer), _flat(expected)
    assert len(flat_answer) == len(flat_expected)
    for a, e in zip(flat_answer, flat_expected):
        assert agree(sp.sympify(a), e, points, symbols), (a, e)
    for m in q.misconceptions:
        wrong = _flat(parse(m.answer))
        assert not all(agree(sp.sympify(a), e, points, symbols) for a, e in zip(wrong, flat_expected))


@pytest.mark.parametrize("label, f, df, d2f", fd.ONE_D, ids=[row[0] for row in fd.ONE_D])
def test_one_variable_table_matches_sympy(label, f, df, d2f):
    expr = parse(label)
    for x in (0.3, 0.9, 1.7, 2.6):
        assert df(x) == pytest.approx(float(sp.diff(expr, X).subs(X, x)), rel=1e-12)
        assert d2f(x) == pytest.approx(float(sp.diff(expr, X, 2).subs(X, x)), rel=1e-12)
        assert f(x) == pytest.approx(float(expr.subs(X, x)), rel=1e-12)
    assert label in fd.TEX


@pytest.mark.parametrize("label, f, fx, fy", fd.TWO_D, ids=[row[0] for row in fd.TWO_D])
def test_two_variable_table_matches_sympy(label, f, fx, fy):
    expr = parse(label)
    for x, y in ((0.3, -1.2), (1.1, 0.7), (-1.6, 1.9)):
        at = {X: x, Y: y}
        assert f(x, y) == pytest.approx(float(expr.subs(at)), rel=1e-12)
        assert fx(x, y) == pytest.approx(float(sp.diff(expr, X).subs(at)), rel=1e-12, abs=1e-12)
        assert fy(x, y) == pytest.approx(float(sp.diff(expr, Y).subs(at)), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("index", range(CODE.size))
def test_code_questions_reject_their_misconceptions_and_a_crash(index):
    q = cached_question(CODE, index)
    crash = mark(q, f"def {q.entry}(*args):\n    return 1 / 0\n")
    assert crash.valid and not crash.correct and "ZeroDivisionError" in crash.feedback
    assert "line 2" in crash.feedback
    assert q.misconceptions, "each code template names at least one slip"


# --- the Module 2 page's own sets: every key recomputed with sympy ---------------------------
PARTIAL = M2.exercise_set("partial-differentiation")
BIGGER = M2.exercise_set("bigger-jacobians")
HESSIANS = M2.exercise_set("calculating-hessians")
ASSESSMENT = M2.exercise_set("jacobian-hessian-assessment")


def _sample_points(n_vars: int) -> list[tuple]:
    return [tuple(0.35 + 0.29 * k + 0.13 * i for i in range(n_vars)) for k in range(7)]


def _questions(s, variants=6):
    return [lazy_question(s, i, v) for v in range(variants) for i in range(s.size) if not visual_template(s, i)]


ALGEBRA = ("monomial", "polynomial_in_y", "product_with_exponential", "three_variables", "log_and_quotient",
           "can_mass")


@pytest.mark.parametrize("q", [q for q in _questions(PARTIAL) if q.template in ALGEBRA],
                         ids=lambda q: f"{q.template}-{q.seed}")
def test_partial_differentiation_keys(q):
    symbols = [sp.Symbol(v) for v in q.data["variables"]]
    f = parse(q.data["f"]).subs({sp.Symbol(v): s for v, s in zip(q.data["variables"], symbols)})
    expected = sp.diff(f, sp.Symbol(q.data["wrt"]))
    points = _sample_points(len(symbols))
    assert agree(parse(q.solution), expected, points, symbols)
    assert q.variables == tuple(q.data["variables"])
    assert q.misconceptions, "each template names at least one slip"
    for m in q.misconceptions:
        assert not agree(parse(m.answer), expected, points, symbols), m.answer
    if q.template != "can_mass":
        assert any(m.feedback.startswith("You treated") for m in q.misconceptions), "the named slip is offered"


# --- the partial-differentiation set's templates on the idea ----------------------------------
CAN = [sp.Symbol(v) for v in ("r", "h", "t", "rho")]
IDEA_NAMES = [t.__name__ for t in partial_ideas.IDEAS]           # (visual's figure templates test their own)
IDEAS = [q for q in _questions(PARTIAL, 20) if q.template in IDEA_NAMES]


def test_at_least_half_of_the_partial_set_is_about_the_idea():
    ideas = [t for t in PARTIAL.templates if t.__name__ not in ALGEBRA]
    assert len(ideas) >= 6 and 2 * len(ideas) >= PARTIAL.size
    assert [t.__name__ for t in PARTIAL.templates[:6]] == list(ALGEBRA), "existing templates keep their places"


def _chosen(q):
    return set(q.solution.split(","))


@pytest.mark.parametrize("q", IDEAS, ids=lambda q: f"{q.template}-{q.seed}")
def test_partial_idea_keys(q):
    d = q.data
    if q.template == "zero_terms":
        wrt = sp.Symbol(d["wrt"])
        for c in q.choices:
            assert (sp.diff(parse(c.value), wrt) == 0) == (c.key in _chosen(q)), (c.value, q.solution)
        assert 1 <= len(_chosen(q)) < len(q.choices)
    elif q.template == "can_in_context":
        m = parse(d["f"])
        assert m.free_symbols == set(CAN), "t and rho stay letters"
        expected = sp.diff(m, sp.Symbol(d["wrt"]))
        points = _sample_points(4)
        assert agree(parse(q.solution), expected, points, CAN)
        assert q.variables == ("r", "h", "t", "rho")
        assert len(q.misconceptions) >= 3
        for mc in q.misconceptions:
            assert not agree(parse(mc.answer), expected, points, CAN), mc.answer
        # every other letter's partial derivative is a named slip
        for v in CAN:
            if str(v) != d["wrt"]:
                assert any(agree(parse(mc.answer), sp.diff(m, v), points, CAN) for mc in q.misconceptions)
    elif q.template == "units_of_partial":
        units = {n: sp.Symbol(n, positive=True) for n in ("g", "cm", "K", "kPa", "L", "m", "km", "s", "GBP", "loaf")}
        read = lambda text: parse_expr(text.replace("^", "**").replace(" ", "*"), local_dict=units)   # noqa: E731
        expected = read(d["f_unit"]) / read(d["v_unit"])
        values = {c.key: sp.simplify(read(c.value) - expected) == 0 for c in q.choices}
        assert [k for k, ok in values.items() if ok] == [q.solution]
    elif q.template == "can_estimate":
        m = parse(d["f"])
        at = {v: d["at"][str(v)] for v in CAN}
        wrt = sp.Symbol(d["wrt"])
        rate = float(sp.diff(m, wrt).subs(at))
        assert q.expected == pytest.approx(rate * d["step"], rel=1e-9)
        fn = sp.lambdify(wrt, m.subs({v: at[v] for v in CAN if v != wrt}))
        centred = (fn(at[wrt] + 1e-6) - fn(at[wrt] - 1e-6)) / 2e-6          # numerical differentiation
        assert q.expected == pytest.approx(centred * d["step"], rel=1e-6)
        exact = fn(at[wrt] + d["step"]) - fn(at[wrt])
        assert exact == pytest.approx(q.expected, rel=0.05), "a small change: the estimate is close"
        assert mark(q, f"{q.expected:.4g}").correct
        for mc in q.misconceptions:
            assert abs(float(mc.answer) - q.expected) > 1e-3 * abs(q.expected)
    elif q.template == "total_terms":
        s_ = sp.Symbol("s")
        m = parse(d["f"])
        moving = {v: sp.Function(f"{v}_of_s")(s_) for v in CAN if str(v) in d["varying"]}
        total = sp.diff(m.subs(moving), s_)
        present = {str(v) for v, fn in moving.items() if total.coeff(sp.Derivative(fn, s_)) != 0}
        assert present == set(d["varying"])
        assert {c.value for c in q.choices if c.key in _chosen(q)} == present
    elif q.template == "partial_versus_total":
        f, path = parse(d["f"]), parse(d["path"])
        expected = sp.diff(f.subs(Y, path), X)
        points = [0.4, 0.7, 1.1, 1.5, -0.6, -1.3]
        assert agree(parse(q.solution), expected, points)
        partial_only = sp.diff(f, X).subs(Y, path)
        assert any(agree(parse(mc.answer), partial_only, points) for mc in q.misconceptions), "the slip is named"
        for mc in q.misconceptions:
            assert not agree(parse(mc.answer), expected, points)
    else:
        raise AssertionError(f"no key test for {q.template}")


def _jacobian_expected(q):
    symbols = [sp.Symbol(v) for v in q.data["variables"]]
    functions = [parse(f) for f in q.data["functions"]]
    jacobian = sp.Matrix(functions).jacobian(symbols)
    if "at" in q.data:
        jacobian = jacobian.subs(dict(zip(symbols, q.data["at"])))
    rows = jacobian.tolist()
    return (rows[0] if len(functions) == 1 else rows), symbols


@pytest.mark.parametrize("q", _questions(BIGGER), ids=lambda q: f"{q.template}-{q.seed}")
def test_bigger_jacobian_keys(q):
    expected, symbols = _jacobian_expected(q)
    answer = parse(q.solution)
    points = _sample_points(len(symbols))
    assert len(_flat(answer)) == len(_flat(expected)) >= 6
    for a, e in zip(_flat(answer), _flat(expected)):
        assert agree(sp.sympify(a), e, points, symbols), (a, e)
    for m in q.misconceptions:
        wrong = _flat(parse(m.answer))
        assert not all(agree(sp.sympify(a), e, points, symbols) for a, e in zip(wrong, _flat(expected)))
    if q.template == "cylindrical":
        assert sp.simplify(sp.Matrix(expected).det()) != 0 and "determinant" in q.worked[-1]
        r = sp.Symbol("r")
        assert sp.simplify(sp.Matrix(expected).det() / r).free_symbols == set()


@pytest.mark.parametrize("q", _questions(HESSIANS), ids=lambda q: f"{q.template}-{q.seed}")
def test_hessian_keys(q):
    symbols = [sp.Symbol(v) for v in q.data["variables"]]
    H = sp.hessian(parse(q.data["f"]), symbols)
    if "at" in q.data:
        H = H.subs(dict(zip(symbols, q.data["at"])))
    answer = sp.Matrix(parse(q.solution))
    assert answer.shape == H.shape and answer == answer.T, "a Hessian is square and symmetric"
    points = _sample_points(len(symbols))
    for a, e in zip(answer, H):
        assert agree(sp.sympify(a), e, points, symbols), (a, e)
    for m in q.misconceptions:
        wrong = list(sp.Matrix(parse(m.answer)))
        assert not all(agree(sp.sympify(a), e, points, symbols) for a, e in zip(wrong, H))


def _classify(f, symbols, point):
    J = [sp.diff(f, s).subs(dict(zip(symbols, point))) for s in symbols]
    assert all(sp.simplify(j) == 0 for j in J), "the point is stationary"
    H = sp.hessian(f, symbols).subs(dict(zip(symbols, point)))
    eig = [float(e) for e in H.eigenvals(multiple=True)]
    if any(abs(e) < 1e-12 for e in eig):
        return "undecided"
    return "minimum" if min(eig) > 0 else "maximum" if max(eig) < 0 else "saddle"


@pytest.mark.parametrize("q", _questions(ASSESSMENT, 8), ids=lambda q: f"{q.template}-{q.seed}")
def test_assessment_keys(q):
    kinds = {cached_question(ASSESSMENT, i).kind for i in range(ASSESSMENT.size)}
    assert {"numeric", "choice", "matrix"} <= kinds
    if q.kind == "choice":
        symbols = [sp.Symbol(v) for v in q.data["variables"]]
        verdict = _classify(parse(q.data["f"]), symbols, q.data["point"])
        chosen = next(c for c in q.choices if c.key == q.solution)
        assert chosen.value == verdict
        assert sorted(c.value for c in q.choices) == ["maximum", "minimum", "saddle", "undecided"]
    elif q.kind == "matrix":
        expected, symbols = _jacobian_expected(q)
        assert [float(v) for v in parse(q.solution)] == pytest.approx([float(e) for e in expected])
    else:
        symbols = [sp.Symbol(v) for v in q.data["variables"]]
        at = dict(zip(symbols, q.data["at"]))
        if q.data["quantity"] == "partial":
            expected = sp.diff(parse(q.data["f"]), sp.Symbol(q.data["wrt"])).subs(at)
        elif q.data["quantity"] == "hessian_det":
            f = parse(q.data["f"])
            assert all(sp.diff(f, s).subs(at) == 0 for s in symbols), "asked at a stationary point"
            expected = sp.hessian(f, symbols).subs(at).det()
        else:
            expected = sp.Matrix([parse(f) for f in q.data["functions"]]).jacobian(symbols).det().subs(at)
        assert q.expected == pytest.approx(float(expected), rel=1e-9, abs=1e-12)
        for m in q.misconceptions:
            assert float(m.answer) != pytest.approx(float(expected), rel=1e-3)
