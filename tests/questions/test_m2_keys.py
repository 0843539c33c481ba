"""Module 2 demonstration sets: Jacobian keys against sympy, code tables against sympy."""
from __future__ import annotations

import pytest
import sympy as sp

from mvcalc.course import module
from mvcalc.questions.m2 import finite_differences as fd
from question_tools import X, Y, agree, parse, visual_template

M2 = module("m2-multivariate-calculus")
JACOBIAN = M2.exercise_set("calculating-jacobian")
CODE = M2.exercise_set("finite-differences")


def _flat(rows):
    return [e for row in rows for e in row] if rows and isinstance(rows[0], list) else list(rows)


@pytest.mark.parametrize("q", [JACOBIAN.question(i, v) for v in range(5) for i in range(JACOBIAN.size)
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
    q = CODE.question(index)
    crash = q.check(f"def {q.entry}(*args):\n    return 1 / 0\n")
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
    return [s.question(i, v) for v in range(variants) for i in range(s.size) if not visual_template(s, i)]


@pytest.mark.parametrize("q", _questions(PARTIAL), ids=lambda q: f"{q.template}-{q.seed}")
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
    kinds = {ASSESSMENT.question(i).kind for i in range(ASSESSMENT.size)}
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
