"""Module 6's answer keys, recomputed independently: numpy.polyfit and numpy sums for the
line fits, sympy for every derivative, finite differences for the code question."""
from __future__ import annotations

import re

import numpy as np
import pytest
import sympy as sp

from mvcalc.course import module
from mvcalc.questions.m6 import fitting_non_linear as fnl
from mvcalc.questions.m6 import gradient_code
from mvcalc.questions.marking import mark
from question_tools import parse
from every_question import cached_question, lazy_question

M6 = module("m6-regression")
LINEAR = M6.exercise_set("linear-regression")
NONLINEAR = M6.exercise_set("fitting-non-linear")
A, B, M, C, X = sp.symbols("a b m c x")
VARIANTS = range(8)


def vector(text):
    return [float(v) for v in parse(text)]


def questions(exercise_set, name):
    index = [t.__name__ for t in exercise_set.templates].index(name)
    return [lazy_question(exercise_set, index, v) for v in VARIANTS]


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
    assert not any("every start" in t and "step" not in t for t in truth), "a too-large step can diverge"
    right = {c.key for c in q.choices if truth[c.text]}
    assert set(q.solution.split(",")) == right


def _descent_reaches_the_peak(peak, width, mu, sigma, steps=6000, gamma=0.002):
    """Gradient descent on chi^2(mu, sigma) for noise-free data of the peak (A = 1 known):
    does it end on the right curve (mu at the peak, |sigma| the width)?"""
    x = np.arange(peak - 4, peak + 4.001, 0.1)
    y = np.exp(-(x - peak) ** 2 / (2 * width ** 2))
    p = np.array([mu, sigma], float)
    with np.errstate(all="ignore"):
        for _ in range(steps):
            m, s = p
            f = np.exp(-(x - m) ** 2 / (2 * s ** 2))
            g = -2 * np.array([(y - f) @ (f * (x - m) / s ** 2), (y - f) @ (f * (x - m) ** 2 / s ** 3)])
            if not np.all(np.isfinite(g)):
                return False
            p = p - gamma * g
    return abs(p[0] - peak) < 0.01 and abs(abs(p[1]) - width) < 0.01


@pytest.mark.parametrize("q", questions(NONLINEAR, "starting_values"), ids=lambda q: str(q.seed))
def test_starting_values_are_the_ones_a_descent_finishes_from(q):
    reached = sorted(c.key for c in q.choices
                     if _descent_reaches_the_peak(q.data["peak"], q.data["width"],
                                                  *(float(v) for v in c.value.split(","))))
    assert q.solution == ",".join(reached)
    assert any(float(c.value.split(",")[1]) < 0 for c in q.choices if c.key in reached), \
        "a negative sigma draws the same curve, so it is a right answer"


@pytest.mark.parametrize("q", questions(NONLINEAR, "gradient_code"), ids=lambda q: str(q.seed))
def test_gradient_code_cases_against_sympy(q):
    model = next(m for m in gradient_code.CODE_MODELS if m[0] == q.data["example"])
    expr = sp.sympify(model[0].replace("np.", ""), locals={"a": A, "b": B, "x": X})
    for case in q.cases[:6]:
        a, b, xs, ys = case.args
        chi2 = sum((yi - expr.subs(X, xi)) ** 2 for xi, yi in zip(xs, ys))
        exact = [float(sp.diff(chi2, v).subs({A: a, B: b})) for v in (A, B)]
        assert case.expected == pytest.approx(exact, rel=1e-5, abs=1e-6)
    assert mark(q, q.solution).correct
    for m in q.misconceptions:
        verdict = mark(q, m.answer)
        assert not verdict.correct and verdict.feedback == m.feedback


def _expression_questions():
    for s in (LINEAR, NONLINEAR):
        for i in range(s.size):
            for v in range(3):
                q = cached_question(s, i, v)
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


# --- linear regression, continued ----------------------------------------------------------------

@pytest.mark.parametrize("q", questions(LINEAR, "chi2_unequal_errors"), ids=lambda q: str(q.seed))
def test_chi2_with_unequal_error_bars(q):
    x, y, s = (np.array(q.data[k], float) for k in ("x", "y", "sigma"))
    m, c = q.data["line"]
    assert len(set(q.data["sigma"])) > 1
    assert q.expected == pytest.approx(float(np.sum(((y - (m * x + c)) / s) ** 2)), rel=1e-12)


@pytest.mark.parametrize("q", questions(LINEAR, "is_it_the_best_line"), ids=lambda q: str(q.seed))
def test_best_line_against_polyfit(q):
    from mvcalc.questions.m6.linear_regression import BEST_LINE
    x, y = np.array(q.data["x"], float), np.array(q.data["y"], float)
    m, c = q.data["line"]
    assert list(y - (m * x + c)) == pytest.approx(q.data["residuals"])
    slope, intercept = np.polyfit(x, y, 1)
    if np.allclose([slope, intercept], [m, c]):
        truth = "best"
    else:
        # which single change lowers chi^2: shifting c alone (the best c for this m) or not
        best_c_for_m = float(np.mean(y - m * x))
        truth = "shift" if not np.isclose(best_c_for_m, c) else "tilt"
    assert {v: k for k, v in BEST_LINE.items()}[next(ch.text for ch in q.choices if ch.key == q.solution)] == truth


@pytest.mark.parametrize("q", questions(LINEAR, "normal_equations_matrix"), ids=lambda q: str(q.seed))
def test_normal_equations_matrix_from_the_gradient(q):
    chi2 = sum((yi - (M * xi + C)) ** 2 for xi, yi in zip(q.data["x"], q.data["y"]))
    eqs = [sp.expand(sp.diff(chi2, v) / 2) for v in (M, C)]       # A (m, c) - b = 0, row by row
    A = [[eq.coeff(v) for v in (M, C)] for eq in eqs]
    assert parse(q.solution) == A
    for m in q.misconceptions:
        assert parse(m.answer) != A


@pytest.mark.parametrize("q", questions(LINEAR, "solve_normal_equations"), ids=lambda q: str(q.seed))
def test_solved_normal_equations_against_polyfit(q):
    n, sx, sxx, sy, sxy = q.data["sums"]
    x, y = np.array(q.data["x"], float), np.array(q.data["y"], float)
    assert [len(x), x.sum(), (x * x).sum(), y.sum(), (x * y).sum()] == pytest.approx([n, sx, sxx, sy, sxy])
    assert vector(q.solution) == pytest.approx(list(np.polyfit(x, y, 1)), abs=1e-9)
    assert any(abs(r) > 0 for r in y - np.polyval(np.polyfit(x, y, 1), x)), "the points scatter"


@pytest.mark.parametrize("q", questions(LINEAR, "fit_through_origin"), ids=lambda q: str(q.seed))
def test_fit_through_origin_against_lstsq(q):
    x, y = np.array(q.data["x"], float), np.array(q.data["y"], float)
    (m,), *_ = np.linalg.lstsq(x[:, None], y, rcond=None)
    assert q.expected == pytest.approx(m, rel=1e-12)


@pytest.mark.parametrize("q", questions(LINEAR, "why_least_squares"), ids=lambda q: str(q.seed))
def test_why_least_squares_keys_follow_the_statements(q):
    from mvcalc.questions.m6.linear_regression import WHY_SQUARES
    truth = {t: ok for ok, t, _ in WHY_SQUARES}
    assert q.solution == ",".join(sorted(c.key for c in q.choices if truth[c.text]))


@pytest.mark.parametrize("q", questions(LINEAR, "weighted_mean"), ids=lambda q: str(q.seed))
def test_weighted_mean_minimises_chi2(q):
    y, s = np.array(q.data["y"], float), np.array(q.data["sigma"], float)
    c = sp.Symbol("c")
    chi2 = sum((yi - c) ** 2 / si ** 2 for yi, si in zip(q.data["y"], q.data["sigma"]))
    (best,) = sp.solve(sp.diff(chi2, c), c)
    assert q.expected == pytest.approx(float(best), rel=1e-9)
    assert q.expected == pytest.approx(float(np.average(y, weights=1 / s ** 2)), rel=1e-12)


# --- fitting a non-linear function, continued -----------------------------------------------------

@pytest.mark.parametrize("q", questions(NONLINEAR, "model_jacobian"), ids=lambda q: str(q.seed))
def test_model_jacobian_against_sympy(q):
    f = parse(q.data["model"])
    a0, b0 = (sp.Rational(v) for v in q.data["params"])
    want = [[sp.diff(f, v).subs({A: a0, B: b0, X: xi}) for v in (A, B)] for xi in q.data["x"]]
    assert parse(q.solution) == want
    h = 1e-6                                      # and by central differences
    fn = sp.lambdify((X, A, B), f)
    for xi, row in zip(q.data["x"], want):
        assert [(fn(xi, float(a0) + h, float(b0)) - fn(xi, float(a0) - h, float(b0))) / (2 * h),
                (fn(xi, float(a0), float(b0) + h) - fn(xi, float(a0), float(b0) - h)) / (2 * h)] == \
            pytest.approx([float(v) for v in row], rel=1e-6)


@pytest.mark.parametrize("q", questions(NONLINEAR, "chi2_gradient_b"), ids=lambda q: str(q.seed))
def test_chi2_gradient_against_sympy(q):
    f = A * sp.exp(-B * X)
    chi2 = sum((yi - f.subs(X, xi)) ** 2 for xi, yi in zip(q.data["x"], q.data["y"]))
    a0, b0 = q.data["start"]
    assert q.expected == pytest.approx(float(sp.diff(chi2, B).subs({A: a0, B: b0})), rel=1e-9)


@pytest.mark.parametrize("q", questions(NONLINEAR, "largest_gamma_fit"), ids=lambda q: str(q.seed))
def test_largest_gamma_for_a_fit_by_simulation(q):
    x, y = np.array(q.data["x"], float), np.array(q.data["y"], float)

    def descend(gamma, a=0.0, steps=400):
        for _ in range(steps):
            a -= gamma * (-2 * np.sum(x ** 2 * (y - a * x ** 2)))
        return a
    best = float(np.sum(x ** 2 * y) / np.sum(x ** 4))
    assert descend(0.98 * q.expected) == pytest.approx(best, rel=1e-3)
    assert abs(descend(1.02 * q.expected) - best) > 10 * abs(best)
    a_sym = sp.Symbol("a")
    chi2 = sum((yi - a_sym * xi ** 2) ** 2 for xi, yi in zip(q.data["x"], q.data["y"]))
    assert q.expected == pytest.approx(2 / float(sp.diff(chi2, a_sym, 2)), rel=1e-12)


@pytest.mark.parametrize("q", questions(NONLINEAR, "starting_values_from_data"), ids=lambda q: str(q.seed))
def test_starting_rate_passes_through_both_points(q):
    (x1, y1), (x2, y2) = q.data["points"]
    sol = sp.solve([A * sp.exp(-B * x1) - y1, A * sp.exp(-B * x2) - y2], [A, B], dict=True)
    (b_exact,) = {float(s[B]) for s in sol if s[B].is_real}
    assert q.expected == pytest.approx(b_exact, rel=1e-12) and q.expected > 0


@pytest.mark.parametrize("q", questions(NONLINEAR, "wrong_valley"), ids=lambda q: str(q.seed))
def test_wrong_valley_by_a_simulated_descent(q):
    b = sp.Symbol("b")
    chi2 = parse(q.data["chi2"]).subs(sp.Symbol("b"), b)
    slope = sp.lambdify(b, sp.diff(chi2, b))
    p = float(q.data["start"])
    for _ in range(20000):
        p -= 0.002 * slope(p)
    assert q.expected == pytest.approx(p, rel=1e-6)
    minima = [float(r) for r in sp.Poly(sp.diff(chi2, b), b).nroots()
              if abs(sp.im(r)) < 1e-12 and sp.diff(chi2, b, 2).subs(b, r) > 0]
    deepest = min(minima, key=lambda r: float(chi2.subs(b, r)))
    assert abs(deepest - p) > 1, "the descent stops in the shallower valley"
    assert all(float(chi2.subs(b, r)) > 0 for r in minima), "chi-squared is never negative"
    assert mark(q, f"{float(f'{q.expected:.3g}')}").correct, "3 significant figures are accepted"


# --- fits in practice ------------------------------------------------------------------------------

PRACTICE = M6.exercise_set("fits-in-practice")


@pytest.mark.parametrize("q", questions(PRACTICE, "chi2_per_point"), ids=lambda q: str(q.seed))
def test_chi2_per_point_against_the_chi2_distribution(q):
    from scipy.stats import chi2
    from mvcalc.questions.m6.fit_practice import VERDICTS
    dof = q.data["n"] - 2
    below = chi2.cdf(q.data["chi2"], dof)
    truth = "good" if 0.05 < below < 0.95 else "bad" if chi2.sf(q.data["chi2"], dof) < 0.01 else \
        "too good" if below < 0.01 else "unclear"
    assert truth == q.data["truth"]
    assert next(c.text for c in q.choices if c.key == q.solution) == VERDICTS[truth]


@pytest.mark.parametrize("q", questions(PRACTICE, "scaled_error_bars"), ids=lambda q: str(q.seed))
def test_scaled_error_bars_by_refitting(q):
    rng = np.random.default_rng(q.seed)
    x = np.arange(8.0)
    sigma = rng.uniform(0.5, 2, 8)
    y = 1.3 * x - 2 + rng.normal(0, sigma)
    k = q.data["factor"]

    def fit(s):
        line = np.polyfit(x, y, 1, w=1 / s)
        return line, float(np.sum(((y - np.polyval(line, x)) / s) ** 2))
    (line1, chi1), (line2, chi2) = fit(sigma), fit(k * sigma)
    assert line2 == pytest.approx(line1)
    assert q.expected == pytest.approx(q.data["chi2"] * chi2 / chi1, rel=1e-9)


@pytest.mark.parametrize("q", questions(PRACTICE, "error_from_curvature"), ids=lambda q: str(q.seed))
def test_error_from_a_fitted_parabola(q):
    c2, c1, c0 = np.polyfit(q.data["a"], q.data["chi2"], 2)
    assert q.expected == pytest.approx(np.sqrt(2 / (2 * c2)), rel=1e-9)
    best = -c1 / (2 * c2)
    assert np.polyval([c2, c1, c0], best + q.expected) - np.polyval([c2, c1, c0], best) == pytest.approx(1, rel=1e-9)


@pytest.mark.parametrize("q", questions(PRACTICE, "correlation"), ids=lambda q: str(q.seed))
def test_correlation_against_numpy(q):
    cov = np.array(q.data["cov"])
    corr = cov / np.outer(np.sqrt(np.diag(cov)), np.sqrt(np.diag(cov)))
    assert q.expected == pytest.approx(corr[0, 1], rel=1e-9)
    shown = [float(v) for v in re.findall(r"-?\d+\.?\d*(?:e-?\d+)?", q.prompt.split(r"\[C =")[1].split(r"\]")[0])]
    assert shown == pytest.approx(cov.flatten(), rel=1e-6), "the matrix shown is the one computed"


@pytest.mark.parametrize("q", questions(PRACTICE, "covariance_from_hessian"), ids=lambda q: str(q.seed))
def test_standard_error_from_the_hessian(q):
    H = np.array(q.data["H"], float)
    assert np.all(np.linalg.eigvalsh(H) > 0), "a minimum"
    cov = 2 * np.linalg.inv(H)
    assert q.expected == pytest.approx(np.sqrt(cov[1, 1]), rel=1e-12)
    # moving b by one standard error, with a re-fitted, raises chi^2 = 1/2 dp^T H dp by exactly 1
    db = q.expected
    da = -H[0, 1] * db / H[0, 0]
    dp = np.array([da, db])
    assert 0.5 * dp @ H @ dp == pytest.approx(1, rel=1e-9)


@pytest.mark.parametrize("q", questions(PRACTICE, "curve_fit_facts"), ids=lambda q: str(q.seed))
def test_curve_fit_facts_keys_follow_the_statements(q):
    from mvcalc.questions.m6.fit_practice import CURVE_FIT
    truth = {t: ok for ok, t, _ in CURVE_FIT}
    assert q.solution == ",".join(sorted(c.key for c in q.choices if truth[c.text]))


def test_curve_fit_really_returns_variances_on_the_diagonal_and_needs_no_derivatives():
    """Two of the statements above, checked against scipy itself."""
    from scipy.optimize import curve_fit
    rng = np.random.default_rng(3)
    x = np.linspace(0, 4, 30)
    sigma = np.full_like(x, 0.05)
    y = 3 * np.exp(-0.6 * x) + rng.normal(0, 0.05, x.size)
    params, cov = curve_fit(lambda t, a, b: a * np.exp(-b * t), x, y, p0=[2, 0.2], sigma=sigma, absolute_sigma=True)

    def chi2(a, b):
        return float(np.sum(((y - a * np.exp(-b * x)) / sigma) ** 2))
    h = 1e-4
    H = np.array([[(chi2(*(params + h * (np.eye(2)[i] + np.eye(2)[j]))) - chi2(*(params + h * (np.eye(2)[i] - np.eye(2)[j])))
                    - chi2(*(params - h * (np.eye(2)[i] - np.eye(2)[j]))) + chi2(*(params - h * (np.eye(2)[i] + np.eye(2)[j]))))
                   / (4 * h * h) for j in range(2)] for i in range(2)])
    assert cov == pytest.approx(2 * np.linalg.inv(H), rel=2e-2), "cov = 2 H^-1: variances on the diagonal"


@pytest.mark.parametrize("q", questions(PRACTICE, "chi2_function"), ids=lambda q: str(q.seed))
def test_chi2_function_cases_against_sympy(q):
    from mvcalc.questions.m6.chi2_function_code import MODELS
    for case, data in zip(q.cases, q.data["cases"]):
        f = sp.lambdify((X, A, B), parse(MODELS[data["model"]][1]), "mpmath")   # from the formula shown, not the template's numpy
        total = sum(((yi - f(xi, *data["params"])) / si) ** 2 for xi, yi, si in zip(data["x"], data["y"], data["sigma"]))
        assert case.expected == pytest.approx(float(total), rel=1e-9)
    assert mark(q, q.solution).correct
    for m in q.misconceptions:
        verdict = mark(q, m.answer)
        assert not verdict.correct and verdict.feedback == m.feedback
