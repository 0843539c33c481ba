"""The Lagrange lab: scipy.optimize.root on the Lagrangian's gradient (in the worker) finds
exactly the stationary points sympy's solve finds, with the right multipliers and labels."""
from __future__ import annotations

import json

import pytest
import sympy as sp

from mvcalc import service
from mvcalc.labs import LABS, packages
from mvcalc.labs.lagrange import handle
from mvcalc.optimise import PROBLEMS

X, Y, LAM = sp.symbols("x y lam")


def analytic(problem):
    from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication_application,
                                            parse_expr, standard_transformations)
    steps = standard_transformations + (implicit_multiplication_application, convert_xor)
    f = parse_expr(problem.f_expr, local_dict={"x": X, "y": Y}, transformations=steps)
    g = parse_expr(problem.g_expr, local_dict={"x": X, "y": Y}, transformations=steps)
    L = f - LAM * g
    sols = sp.solve([sp.diff(L, X), sp.diff(L, Y), g], [X, Y, LAM], dict=True)
    return f, [(float(s[X]), float(s[Y]), float(s[LAM]), float(f.subs(s))) for s in sols]


def test_the_lab_needs_scipy_and_answers_through_the_service():
    assert LABS["lagrange"] == ("mvcalc.labs.lagrange", ("scipy",)) and packages("lagrange") == ["scipy"]
    reply = json.loads(service.handle("lab", json.dumps({"lab": "lagrange", "payload": {"problem": "line-circle"}})))
    sols = reply["result"]["solutions"]
    assert [(round(s["x"], 9), round(s["y"], 9), round(s["lambda"], 9)) for s in sols] == [(1, 2, 0.5), (-1, -2, -0.5)]


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.key)
def test_scipy_finds_every_analytic_solution(problem):
    f, expected = analytic(problem)
    found = handle({"problem": problem.key})["solutions"]
    assert len(found) == len(expected)
    for x, y, lam, value in expected:
        match = [s for s in found if abs(s["x"] - x) < 1e-7 and abs(s["y"] - y) < 1e-7]
        assert len(match) == 1, (x, y)
        assert match[0]["lambda"] == pytest.approx(lam, abs=1e-7)
        assert match[0]["f"] == pytest.approx(value, abs=1e-7)
    top = max(v for *_, v in expected)
    assert all(s["kind"] == "maximum" for s in found if abs(s["f"] - top) < 1e-6)
    assert found[0]["f"] == pytest.approx(top, abs=1e-7)


def test_the_lesson_example_maximum():
    found = handle({"problem": "x2y-circle"})["solutions"]
    best = [s for s in found if s["kind"] == "maximum"]
    assert sorted(round(s["x"], 6) for s in best) == [round(-2 ** 0.5, 6), round(2 ** 0.5, 6)]
    assert all(s["y"] == pytest.approx(1) and s["lambda"] == pytest.approx(1) and s["f"] == pytest.approx(2)
               for s in best)


def test_unknown_problem_is_refused():
    with pytest.raises(ValueError):
        handle({"problem": "nope"})
