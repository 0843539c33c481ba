"""Module 6's answer keys, recomputed independently: numpy.polyfit and numpy sums for the
line fits, sympy for every derivative, finite differences for the code question."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from mvcalc.course import module
from mvcalc.questions.m6 import fitting_non_linear as fnl
from mvcalc.questions.m6 import gradient_code
from question_tools import parse

M6 = module("m6-regression")
LINEAR = M6.exercise_set("linear-regression")
NONLINEAR = M6.exercise_set("fitting-non-linear")
A, B, M, C, X = sp.symbols("a b m c x")
VARIANTS = range(8)


def questions(exercise_set, name):
    index = [t.__name__ for t in exercise_set.templates].index(name)
    return [exercise_set.question(index, v) for v in VARIANTS]


def test_each_set_has_at_least_five_templates():
    assert LINEAR.size >= 5 and NONLINEAR.size >= 5


@pytest.mark.parametrize("q", questions(LINEAR, "chi2_of_a_line"), ids=lambda q: str(q.seed))
def test_chi2_of_a_line(q):
    x, y, s = (np.array(q.data[k], float) for k in ("x", "y", "sigma"))
    m, c = q.data["line"]
    assert q.expected == pytest.approx(float(np.sum(((y - (m * x + c)) / s) ** 2)), rel=1e-12)


@pytest.mark.parametrize("q", questions(LINEAR, "slope_by_closed_form"), ids=lambda q: str(q.seed))
def test_slope_against_polyfit(q):
    slope, _ = np.polyfit(q.data["x"], q.data["y"], 1)
    assert q.expected == pytest.approx(slope, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("q", questions(LINEAR, "intercept_by_closed_form"), ids=lambda q: str(q.seed))
def test_intercept_against_polyfit(q):
    _, intercept = np.polyfit(q.data["x"], q.data["y"], 1)
    assert q.expected == pytest.approx(intercept, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("q", questions(LINEAR, "gradient_at_a_point"), ids=lambda q: str(q.seed))
def test_gradient_at_a_point_against_sympy(q):
    chi2 = sum((yi - (M * xi + C)) ** 2 for xi, yi in zip(q.data["x"], q.data["y"]))
    m, c = q.data["line"]
    assert q.expected == pytest.approx(float(sp.diff(chi2, C).subs({M: m, C: c})))


@pytest.mark.parametrize("q", questions(LINEAR, "derivative_of_chi2"), ids=lambda q: str(q.seed))
def test_derivative_of_chi2_against_sympy(q):
    chi2 = sum((yi - (M * xi + C)) ** 2 for xi, yi in zip(q.data["x"], q.data["y"]))
    assert sp.simplify(parse(q.data["chi2"]).subs({sp.Symbol("m"): M, sp.Symbol("c"): C}) - chi2) == 0
    answer = parse(q.solution)
    assert sp.simplify(answer - sp.diff(chi2, M)) == 0
    for m in q.misconceptions:
        assert sp.simplify(parse(m.answer) - sp.diff(chi2, M)) != 0


@pytest.mark.parametrize("q", questions(LINEAR, "smallest_chi2"), ids=lambda q: str(q.seed))
def test_smallest_chi2_is_the_right_choice(q):
    x, y = np.array(q.data["x"], float), np.array(q.data["y"], float)
    chi = {}
    for choice in q.choices:
        m, c = (float(v) for v in choice.value.split(","))
        chi[choice.key] = float(np.sum((y - (m * x + c)) ** 2))
    assert min(chi, key=chi.get) == q.solution
    slope, intercept = np.polyfit(x, y, 1)
    right = next(ch for ch in q.choices if ch.key == q.solution)
    assert [float(v) for v in right.value.split(",")] == pytest.approx([slope, intercept], abs=0.006)


@pytest.mark.parametrize("q", questions(NONLINEAR, "model_partial"), ids=lambda q: str(q.seed))
def test_model_partial_against_sympy(q):
    f = parse(q.data["f"])
    assert sp.simplify(parse(q.solution) - sp.diff(f, B)) == 0
    for m in q.misconceptions:
        assert sp.simplify(parse(m.answer) - sp.diff(f, B)) != 0


@pytest.mark.parametrize("q", questions(NONLINEAR, "chi2_partial"), ids=lambda q: str(q.seed))
def test_chi2_partial_against_sympy(q):
    model = sp.sympify(q.data["model"])
    x1, y1 = q.data["point"]
    chi2 = (y1 - model.subs(X, x1)) ** 2
    assert sp.simplify(parse(q.data["chi2"]) - chi2) == 0
    assert sp.simplify(parse(q.solution) - sp.diff(chi2, A)) == 0


@pytest.mark.parametrize("q", questions(NONLINEAR, "step_one_parameter"), ids=lambda q: str(q.seed))
def test_one_parameter_step(q):
    x, y = np.array(q.data["x"], float), np.array(q.data["y"], float)
    a0, gamma = q.data["a0"], q.data["gamma"]

    def chi2(a):
        return float(np.sum((y - a * x ** 2) ** 2))
    grad = (chi2(a0 + 1e-6) - chi2(a0 - 1e-6)) / 2e-6
    assert q.expected == pytest.approx(a0 - gamma * grad, rel=1e-6, abs=1e-6)
    assert chi2(q.expected) < chi2(a0), "the step goes downhill"


@pytest.mark.parametrize("q", questions(NONLINEAR, "step_two_parameters"), ids=lambda q: str(q.seed))
def test_two_parameter_step_against_polyfit_direction(q):
    x, y = np.array(q.data["x"], float), np.array(q.data["y"], float)
    m0, c0 = q.data["start"]
    gamma = q.data["gamma"]
    chi2 = sum((yi - (M * xi + C)) ** 2 for xi, yi in zip(x, y))
    gm, gc = (float(sp.diff(chi2, v).subs({M: m0, C: c0})) for v in (M, C))
    expected = m0 - gamma * gm if q.data["ask"] == "m" else c0 - gamma * gc
    assert q.expected == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("q", questions(NONLINEAR, "local_minima"), ids=lambda q: str(q.seed))
def test_local_minima_keys_follow_the_statements(q):
    truth = {t: ok for ok, t, _ in fnl.STATEMENTS}
    right = {c.key for c in q.choices if truth[c.tex]}
    assert set(q.solution.split(",")) == right


@pytest.mark.parametrize("q", questions(NONLINEAR, "starting_values"), ids=lambda q: str(q.seed))
def test_starting_values_choose_the_peak(q):
    right = next(c for c in q.choices if c.key == q.solution)
    assert rf"\mu = {q.data['peak']}," in right.tex and "-" not in right.tex


@pytest.mark.parametrize("q", questions(NONLINEAR, "gradient_code"), ids=lambda q: str(q.seed))
def test_gradient_code_cases_against_sympy(q):
    model = next(m for m in gradient_code.CODE_MODELS if m[0] == q.data["example"])
    expr = sp.sympify(model[0].replace("np.", ""), locals={"a": A, "b": B, "x": X})
    for case in q.cases[:6]:
        a, b, xs, ys = case.args
        chi2 = sum((yi - expr.subs(X, xi)) ** 2 for xi, yi in zip(xs, ys))
        exact = [float(sp.diff(chi2, v).subs({A: a, B: b})) for v in (A, B)]
        assert case.expected == pytest.approx(exact, rel=1e-5, abs=1e-6)
    assert q.check(q.solution).correct
    for m in q.misconceptions:
        verdict = q.check(m.answer)
        assert not verdict.correct and verdict.feedback == m.feedback


def _expression_questions():
    for s in (LINEAR, NONLINEAR):
        for i in range(s.size):
            for v in range(3):
                q = s.question(i, v)
                if q.kind == "expression":
                    yield pytest.param(q, id=f"{s.slug}-{q.template}-{v}")


@pytest.mark.parametrize("q", _expression_questions())
def test_both_parsers_read_every_key_the_same_way_in_all_its_variables(q):
    """The key and each misconception mean the same to sympy's parser and the checker's, at points
    in every variable of the question (x, a, b or m, c), not only x."""
    from mvcalc.checking import evaluate
    names = list(q.variables)
    for text in [q.solution, *(m.answer for m in q.misconceptions)]:
        ours = parse(text)
        for k in range(4):
            values = {n: 0.4 + 0.37 * k + 0.21 * i for i, n in enumerate(names)}
            expected = float(ours.subs({sp.Symbol(n): v for n, v in values.items()}))
            assert evaluate(text, values) == pytest.approx(expected, rel=1e-9), text
