"""The numbers the Module 6 page quotes are the ones the data give, and the lab's starter code
in the page is the one the worker checks. (Its annotated formulas are checked with every page's:
test_page_maths.py.)"""
from __future__ import annotations

import html
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from mvcalc import fitting
from mvcalc.labs import heights as lab

PAGE = Path(__file__).resolve().parents[2] / "site/m6-regression/index.html"
TEXT = PAGE.read_text()


def test_the_numbers_in_the_words_follow_from_the_data():
    x, y = fitting.LINE_X, fitting.LINE_Y
    slope, intercept = np.polyfit(x, y, 1)
    assert "m ≈ 0.937, c ≈ 1.727" in TEXT and (round(slope, 3), round(intercept, 3)) == (0.937, 1.727)
    chi2_min = float(np.sum(((y - slope * x - intercept) / 0.8) ** 2))
    assert "χ² is about 13.1" in TEXT and round(chi2_min, 1) == 13.1
    assert r"\bar{y} = 6.88" in TEXT and round(float(y.mean()), 2) == 6.88
    assert r"\sum (x_i - \bar x) y_i = 77.3" in TEXT and round(float(np.sum((x - x.mean()) * y)), 6) == 77.3
    residuals = y - (0.5 * x + 4)
    assert np.allclose(residuals, [-1.3, -0.3, -3.3, -1.0, 0.3, 1.0, 0.8, 1.9, 1.3, 1.9])
    assert r"are \(-1.3, -0.3, -3.3, -1.0, 0.3, 1.0, 0.8, 1.9, 1.3\) and \(1.9\)" in TEXT
    hx, hy = fitting.heights_histogram()
    path = fitting.descend(fitting.GAUSSIAN, (155, 6), 1000, 3000, hx, hy)
    assert "μ ≈ 168.5 cm and σ ≈ 10.3 cm" in TEXT
    assert (round(path[-1][0], 1), round(path[-1][1], 1)) == (168.5, 10.3)


def test_descent_claims_in_try_this():
    """gamma = 0.0003 converges, 0.00002 crawls, 0.0006 leaps onto a plateau, 0.0008 stalls there,
    0.0012 diverges; the far corner converges too."""
    from mvcalc.figures.descent_fit import DescentScene
    for words in ("Set γ to 0.00002", "raise γ to 0.0006", "b leaps to about 6", "at 0.0008 it stalls",
                  "At 0.0012 it diverges", "(a = 8, b = 1.5) with γ = 0.0003"):
        assert words in TEXT, words

    def run(a0, b0, gamma, steps=5000):
        scene = DescentScene(a0=a0, b0=b0, gamma=gamma)
        scene.step(steps)
        return scene
    assert run(2, 0.2, 0.0003).status == "converged"
    slow = run(2, 0.2, 0.00002, 500)
    assert slow.status == "running" and len(slow.path) == 501
    best = run(2, 0.2, 0.0003)
    leap = run(2, 0.2, 0.0006)
    assert round(leap.path[3][1]) == 6 and leap.status == "limit"
    assert leap.chi2_at(leap.current()) > 2 * best.chi2_at(best.current())
    stuck = run(2, 0.2, 0.0008)
    assert stuck.status == "stalled" and stuck.current()[1] > 10
    assert run(2, 0.2, 0.0012).status == "diverged"
    corner = run(8, 1.5, 0.0003)
    assert corner.status == "converged" and corner.current() == pytest.approx(run(2, 0.2, 0.0003).current(), rel=1e-6)


def test_the_lab_editor_starts_with_the_workers_starter_code():
    found = re.search(r'<textarea id="heights-code"[^>]*>(.*?)</textarea>', TEXT, re.S)
    assert found and html.unescape(found.group(1)) == lab.STARTER


def test_the_labs_try_this_claims():
    from mvcalc.labs.heights import fit
    for words in ("raise the aggression to 12000", "overshoots to σ ≈ 44", "2000 steps are not enough",
                  "from μ = 168, σ = 20 (aggression 1000)", "the steps mostly shrink σ"):
        assert words in TEXT, words
    wild = fit("", 155, 6, 12000, 2000)
    assert round(wild["path"][1][1]) == 44 and wild["status"] == "limit"
    narrow = fit("", 168, 20, 1000, 2000)
    steps = np.diff(np.array(narrow["path"][:6]), axis=0)
    assert np.all(np.abs(steps[:, 1]) > 5 * np.abs(steps[:, 0])) and np.all(steps[:, 1] < 0)
    assert narrow["status"] == "converged"


def test_degrees_of_freedom_claims():
    """chi^2_min scatters about n - 2 with spread sqrt(2 nu): by simulation, and by scipy's chi^2
    distribution; 13.1 or more happens about one time in nine."""
    from scipy.stats import chi2
    x, sigma = fitting.LINE_X, fitting.LINE_SIGMA
    rng = np.random.default_rng(7)
    values = []
    for _ in range(20_000):
        y = 0.9 * x + 1.5 + rng.normal(0, 0.8, x.size)
        values.append(fitting.chi2_line(*fitting.best_line(x, y, sigma), x, y, sigma))
    assert np.mean(values) == pytest.approx(8, abs=0.1) and np.std(values) == pytest.approx(4, abs=0.15)
    best = fitting.chi2_line(*fitting.best_line(x, fitting.LINE_Y, sigma), x, fitting.LINE_Y, sigma)
    assert round(best, 1) == 13.1 and r"\chi^2_{\mathrm{min}} \approx 13.1" in TEXT
    assert 1 / chi2.sf(best, 8) == pytest.approx(9, abs=0.5) and "about one time in nine" in TEXT
    assert "with a standard deviation of \\(\\sqrt{2\\nu}\\), here 4" in TEXT
    assert fitting.DECAY_X.size == 12 and "12 points and 2 parameters, so \\(\\nu = 10\\)" in TEXT


def test_least_squares_is_maximum_likelihood():
    """ln L = -chi^2/2 - sum ln(sigma sqrt(2 pi)), symbolically and with scipy's normal density; the
    most likely line (found by scipy, maximising L) is the least-squares line."""
    from scipy.optimize import minimize
    from scipy.stats import norm
    r, s = sp.symbols("r sigma", positive=True)
    density = sp.exp(-r**2 / (2 * s**2)) / (s * sp.sqrt(2 * sp.pi))
    assert sp.simplify(sp.expand_log(sp.log(density), force=True) - (-r**2 / (2 * s**2) - sp.log(s * sp.sqrt(2 * sp.pi)))) == 0
    x, y, sigma = fitting.LINE_X, fitting.LINE_Y, fitting.LINE_SIGMA

    def log_l(p):
        return float(np.sum(norm.logpdf(y, loc=p[0] * x + p[1], scale=sigma)))
    from mvcalc.figures.likelihood import LikelihoodScene
    for m, c in ((0.5, 4.0), (1.2, -1.0), (0.94, 1.73)):
        scene = LikelihoodScene(m=m, c=c)
        assert scene.log_likelihood() == pytest.approx(log_l((m, c)), rel=1e-12)
        constant = float(np.sum(np.log(sigma * np.sqrt(2 * np.pi))))
        assert log_l((m, c)) == pytest.approx(-fitting.chi2_line(m, c, x, y, sigma) / 2 - constant, rel=1e-12)
    found = minimize(lambda p: -log_l(p), [0.5, 4.0]).x
    assert found == pytest.approx(fitting.best_line(x, y, sigma), abs=1e-4)
    # the Try this: the point at x = 3, the best line, the constant
    assert "\\(-(3.3/0.8)^2/2 \\approx -8.5\\)" in TEXT and round(-(3.3 / 0.8) ** 2 / 2, 1) == -8.5
    assert "m ≈ 0.94, c ≈ 1.73" in TEXT
    assert LikelihoodScene(m=fitting.best_line(x, y, sigma)[0], c=fitting.best_line(x, y, sigma)[1]).relative_likelihood() == pytest.approx(1)
    assert "ten times ln(0.8 √(2π))" in TEXT
