"""Module 2 demonstration sets: Jacobian keys against sympy, code tables against sympy."""
from __future__ import annotations

import pytest
import sympy as sp

from mvcalc.course import module
from mvcalc.questions.m2 import finite_differences as fd
from question_tools import X, Y, agree, parse

M2 = module("m2-multivariate-calculus")
JACOBIAN = M2.exercise_set("calculating-jacobian")
CODE = M2.exercise_set("finite-differences")


def _flat(rows):
    return [e for row in rows for e in row] if rows and isinstance(rows[0], list) else list(rows)


@pytest.mark.parametrize("q", [JACOBIAN.question(i, v) for v in range(5) for i in range(JACOBIAN.size)],
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
