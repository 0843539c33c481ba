"""The heights lab and curve_fit lab, as the worker runs them: the data are what the page says
(synthetic, seeded, 2.5 cm bins from 50 cm, normalised), the reference derivatives match
sympy, the checker passes the reference, fails the starter and names each slip, a runaway
loop is stopped, and the reference descent reaches scipy's curve_fit."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy.optimize import curve_fit

from mvcalc import fitting
from mvcalc.labs import LABS, packages, run
from mvcalc.labs import heights as lab
from mvcalc.labs import heights_checks as checks
from mvcalc.questions import code_runner

MU, SIG, XS = sp.symbols("mu sig x", real=True)
GAUSS = sp.exp(-(XS - MU) ** 2 / (2 * SIG ** 2)) / (sp.sqrt(2 * sp.pi) * SIG)


def test_registered_and_scipy_only_where_needed():
    assert LABS["heights"][0] == "mvcalc.labs.heights" and packages("heights") == []
    assert packages("curve_fit") == ["scipy"]


def test_the_data_are_the_documented_synthetic_sample():
    heights = fitting.heights_sample()
    assert heights.shape == (10_000,)
    assert np.array_equal(heights, np.round(heights, 1))
    # made again here from the documented recipe: the same numbers
    rng = np.random.default_rng(1850)
    taller = rng.random(10_000) < 0.5
    again = np.round(np.where(taller, rng.normal(175.5, 7.2, 10_000), rng.normal(162.0, 6.6, 10_000)), 1)
    assert np.array_equal(heights, again)
    # a fingerprint, so a change in numpy's generator would show
    assert float(heights.sum()) == pytest.approx(1686842.9, abs=0.05)
    x, y = fitting.heights_histogram()
    assert x[0] == 51.25 and np.allclose(np.diff(x), 2.5) and x[-1] == 248.75
    assert float(np.sum(y) * 2.5) == pytest.approx(1.0, abs=1e-12)
    counts, _ = np.histogram(heights, bins=np.arange(50, 252.5, 2.5))
    assert np.allclose(y, counts / counts.sum() / 2.5)


def test_the_models_derivatives_match_sympy():
    fmu, fsig = sp.lambdify((XS, MU, SIG), sp.diff(GAUSS, MU)), sp.lambdify((XS, MU, SIG), sp.diff(GAUSS, SIG))
    f = sp.lambdify((XS, MU, SIG), GAUSS)
    xs = np.linspace(130, 210, 17)
    for mu, sig in ((160.0, 7.0), (171.3, 11.2), (150.0, 4.0)):
        assert np.allclose(fitting.gaussian(xs, mu, sig), f(xs, mu, sig), rtol=1e-12, atol=0)
        assert np.allclose(fitting.gaussian_partial_mu(xs, mu, sig), fmu(xs, mu, sig), rtol=1e-10, atol=1e-300)
        assert np.allclose(fitting.gaussian_partial_sig(xs, mu, sig), fsig(xs, mu, sig), rtol=1e-10, atol=1e-300)
    a, b = sp.symbols("a b")
    decay = a * sp.exp(-b * XS)
    for (da, db) in [fitting.DECAY.partials]:
        for p in ((5.0, 0.6), (2.0, 1.3)):
            at = {a: p[0], b: p[1]}
            assert np.allclose(da(xs / 40, *p), [float(sp.diff(decay, a).subs({**at, XS: v})) for v in xs / 40])
            assert np.allclose(db(xs / 40, *p), [float(sp.diff(decay, b).subs({**at, XS: v})) for v in xs / 40])


@pytest.mark.slow
def test_the_reference_code_runs_the_same_sums_as_sympy():
    env = code_runner.namespace()
    exec(compile(lab.REFERENCE, "<reference>", "exec"), env)
    fmu = sp.lambdify((XS, MU, SIG), sp.diff(GAUSS, MU))
    fsig = sp.lambdify((XS, MU, SIG), sp.diff(GAUSS, SIG))
    x, y = fitting.heights_histogram()
    mu, sig, aggression = 160.0, 8.0, 1000.0
    assert np.allclose(env["dfdmu"](x, mu, sig), fmu(x, mu, sig), rtol=1e-10, atol=1e-300)
    assert np.allclose(env["dfdsig"](x, mu, sig), fsig(x, mu, sig), rtol=1e-10, atol=1e-300)
    chi2 = sp.Add(*[(float(yi) - GAUSS.subs(XS, float(xi))) ** 2 for xi, yi in zip(x[36:60], y[36:60])])
    exact = [float(sp.diff(chi2, v).subs({MU: mu, SIG: sig})) for v in (MU, SIG)]
    step = env["steepest_step"](x[36:60], y[36:60], mu, sig, aggression)
    assert np.allclose(step, -aggression * np.array(exact), rtol=1e-9)


@pytest.mark.parametrize("seed", [0, 1, 7, 123456])
def test_checker_passes_the_reference_and_fails_the_starter(seed):
    assert run("heights", {"action": "check", "source": lab.REFERENCE, "seed": seed})["passed"]
    reply = run("heights", {"action": "check", "source": lab.STARTER, "seed": seed})
    assert not reply["passed"] and not any(r["passed"] for r in reply["results"])


def _variant(body_mu=None, body_sig=None, step=None) -> str:
    """The reference with one function's body replaced: learner code with a known slip."""
    text = lab.REFERENCE
    if body_mu:
        text = text.replace("    return f(x, mu, sig) * (x - mu) / sig**2\n", f"    return {body_mu}\n")
    if body_sig:
        text = text.replace("    return f(x, mu, sig) * (-1 / sig + (x - mu)**2 / sig**3)\n", f"    return {body_sig}\n")
    if step:
        text = text.replace("    step = -aggression * J\n", f"    step = {step}\n")
    assert text != lab.REFERENCE
    return text


# learner code showing each slip, in the order of heights_checks.SLIPS
SLIPPED = {
    "dfdmu": [_variant(body_mu="f(x, mu, sig) * (mu - x) / sig**2"), _variant(body_mu="f(x, mu, sig) * (x - mu)"),
              _variant(body_mu="f(x, mu, sig) * (x - mu) / sig"), _variant(body_mu="(x - mu) / sig**2")],
    "dfdsig": [_variant(body_sig="f(x, mu, sig) * (x - mu)**2 / sig**3"),
               _variant(body_sig="f(x, mu, sig) * (1 / sig - (x - mu)**2 / sig**3)"),
               _variant(body_sig="f(x, mu, sig) * (-1 / sig + (x - mu)**2 / sig**2)"),
               _variant(body_sig="f(x, mu, sig) * (-1 / sig + (x - mu)**2 / (2 * sig**3))")],
    "steepest_step": [_variant(step="aggression * J"),
                      lab.REFERENCE.replace("    -2 * (y - f(x, mu, sig)) @ dfdmu", "    -(y - f(x, mu, sig)) @ dfdmu")
                      .replace("    -2 * (y - f(x, mu, sig)) @ dfdsig", "    -(y - f(x, mu, sig)) @ dfdsig"),
                      _variant(step="-J")],
}


def test_every_slip_has_learner_code_showing_it():
    assert {name: len(v) for name, v in SLIPPED.items()} == {name: len(v) for name, v in checks.SLIPS.items()}


@pytest.mark.parametrize("name, index", [(n, i) for n, slips in checks.SLIPS.items() for i in range(len(slips))])
def test_each_slip_is_named(name, index):
    source, said = SLIPPED[name][index], checks.SLIPS[name][index][1]
    reply = run("heights", {"action": "check", "source": source, "seed": 3})
    result = next(r for r in reply["results"] if r["name"] == name)
    assert not result["passed"] and result["message"].startswith(said)
    others = [r for r in reply["results"] if r["name"] != name]
    assert all(r["passed"] for r in others if not (name != "steepest_step" and r["name"] == "steepest_step"))


def test_an_unknown_mistake_is_reported_with_numbers_not_a_slip():
    reply = run("heights", {"action": "check", "source": _variant(body_mu="f(x, mu, sig) * (x - mu) / sig**2 + 1e-3"),
                            "seed": 5})
    result = reply["results"][0]
    assert not result["passed"] and result["message"].startswith("For x = [") and "expected" in result["message"]


def test_the_starter_and_reference_are_one_template():
    from mvcalc.labs.blanks import fill, names
    assert names(lab.STARTER) == ["dfdmu", "dfdsig", "steepest_step"]
    assert lab.REFERENCE == fill(lab.STARTER, lab.ANSWERS) and "# YOUR CODE" not in lab.REFERENCE


@pytest.mark.slow
def test_a_runaway_loop_and_a_crash_are_reported_not_fatal():
    looping = lab.REFERENCE.replace("    step = -aggression * J\n", "    while True:\n        pass\n")
    reply = run("heights", {"action": "fit", "source": looping, "mu": 155, "sig": 6, "aggression": 1000})
    assert reply["status"] == "error" and "stopped" in reply["error"]
    crash = lab.REFERENCE.replace("    step = -aggression * J\n", "    step = 1 / 0\n")
    reply = run("heights", {"action": "check", "source": crash, "seed": 2})
    step = next(r for r in reply["results"] if r["name"] == "steepest_step")
    assert not step["passed"] and "ZeroDivisionError" in step["message"]


def test_the_descent_reaches_curve_fits_answer():
    x, y = fitting.heights_histogram()
    (mu_fit, sig_fit), cov = curve_fit(lambda x, mu, sig: np.exp(-(x - mu) ** 2 / (2 * sig ** 2))
                                       / np.sqrt(2 * np.pi) / sig, x, y, p0=[155, 6])
    errors = np.sqrt(np.diag(cov))
    reply = run("heights", {"action": "fit", "source": "", "mu": 155, "sig": 6, "aggression": 1000, "steps": 2000})
    assert reply["who"] == "reference" and reply["status"] == "converged"
    mu, sig = reply["path"][-1]
    assert abs(mu - mu_fit) < 0.01 * errors[0] and abs(sig - sig_fit) < 0.01 * errors[1]
    assert all(b <= a * (1 + 1e-9) for a, b in zip(reply["chi2"], reply["chi2"][1:])), "chi2 falls at every step"
    # the learner's own correct code does exactly the same
    mine = run("heights", {"action": "fit", "source": lab.REFERENCE, "mu": 155, "sig": 6, "aggression": 1000,
                           "steps": 2000})
    assert mine["who"] == "yours" and mine["path"] == reply["path"]
    too_big = run("heights", {"action": "fit", "source": "", "mu": 155, "sig": 6, "aggression": 60000, "steps": 400})
    assert too_big["status"] in ("diverged", "limit") and too_big["status"] != "converged"


def test_curve_fit_lab_reports_parameters_and_errors():
    reply = run("curve_fit", {"data": "heights", "p0": [155, 6]})
    assert reply["params"] == pytest.approx([168.455, 10.345], abs=0.01)
    assert reply["errors"] == pytest.approx(np.sqrt(np.diag(reply["covariance"])).tolist(), rel=1e-12)
    decay = run("curve_fit", {"data": "decay", "p0": [2, 0.2]})
    params, cov = curve_fit(lambda x, a, b: a * np.exp(-b * x), fitting.DECAY_X, fitting.DECAY_Y, p0=[2, 0.2],
                            sigma=fitting.DECAY_SIGMA, absolute_sigma=True)
    assert decay["params"] == pytest.approx(params.tolist(), rel=1e-6)
    assert decay["errors"] == pytest.approx(np.sqrt(np.diag(cov)).tolist(), rel=1e-5)
    # the page's words: b = 0.571 +- 0.024, a slightly larger a goes with a larger b
    assert round(decay["params"][1], 3) == 0.571 and round(decay["errors"][1], 3) == 0.024
    assert decay["covariance"][0][1] > 0
    # the descent of lesson 3 reaches the same answer
    path = fitting.descend(fitting.DECAY, (2, 0.2), 3e-4, 5000, fitting.DECAY_X, fitting.DECAY_Y, fitting.DECAY_SIGMA)
    assert path[-1] == pytest.approx(decay["params"], rel=1e-6)


def test_unknown_action_is_refused():
    with pytest.raises(ValueError):
        run("heights", {"action": "format-disk"})
