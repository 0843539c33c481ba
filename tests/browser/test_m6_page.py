"""Module 6 in Chromium, as a learner uses it: the slope slider moves chi-squared exactly as
numpy computes it, "Jump to the best fit" lands on numpy.polyfit's line, the contour map
moves the line by keyboard, the descent runs in slices, curve_fit answers from the worker,
and the heights lab names a wrong derivative, passes a right one, runs the fit with the
learner's code and compares it with curve_fit."""
from __future__ import annotations

import re

import numpy as np
import pytest

from .conftest import canvas_ink

SLUG = "m6-regression"
FIGURES = ["fig-line-fit", "fig-slices", "fig-descent", "fig-compare", "fig-heights"]
SETS = ["linear-regression", "fitting-non-linear", "fits-in-practice"]

# The lesson's data, written out here so the test does not trust the page's own module.
X = np.arange(1.0, 11.0)
Y = np.array([3.2, 4.7, 2.2, 5.0, 6.8, 8.0, 8.3, 9.9, 9.8, 10.9])
SIGMA = 0.8


def number(text: str) -> float:
    return float(re.search(r"[−-]?\d+(\.\d+)?(e[−-]?\d+)?", text).group(0).replace("−", "-"))


def readout(page, fig: str, name: str) -> float:
    return number(page.inner_text(f'#{fig} [data-readout="{name}"]'))


def set_slider(page, slider_id: str, value: str) -> None:
    """Move a slider as a learner would (an input event), and wait for its figure to follow."""
    if float(page.input_value(f"#{slider_id}")) == float(value):
        return
    figure = page.locator(f"figure:has(#{slider_id})")
    before = figure.locator(".figure-alt").inner_text()
    page.locator(f"#{slider_id}").fill(value)
    page.wait_for_function(
        "([id, text]) => document.querySelector(`figure:has(#${id}) .figure-alt`).textContent !== text",
        arg=[slider_id, before], timeout=10_000)


def chi2(m: float, c: float) -> float:
    return float(np.sum(((Y - (m * X + c)) / SIGMA) ** 2))


@pytest.fixture
def m6(visit):
    """The module's page, shared with other tests (visit.py): each sets up what it reads."""
    return visit.page


def test_every_figure_is_drawn_and_every_set_mounted(m6):
    page = m6
    for fig in FIGURES:
        canvas = page.locator(f"#{fig} canvas")
        assert canvas_ink(page, canvas) > 100, fig
        assert len(page.inner_text(f"#{fig} .figure-alt")) > 60, fig
    for slug in SETS:
        assert page.locator(f'.exercise-set[data-set="{slug}"]').count() == 1


def test_slope_slider_moves_chi_squared_as_numpy_computes_it(m6):
    page = m6
    c = float(page.input_value("#linefit-c"))
    for m in ("0.8", "1.25", "0.3"):
        set_slider(page, "linefit-m", m)
        assert readout(page, "fig-line-fit", "chi2") == pytest.approx(chi2(float(m), c), abs=1e-3)
    set_slider(page, "linefit-c", "2.5")
    assert readout(page, "fig-line-fit", "chi2") == pytest.approx(chi2(0.3, 2.5), abs=1e-3)


def test_best_fit_button_lands_on_numpy_polyfit(m6):
    page = m6
    slope, intercept = np.polyfit(X, Y, 1)
    before = page.inner_text("#fig-line-fit .figure-alt")
    page.click("#linefit-best")
    page.wait_for_function("(t) => document.querySelector('#fig-line-fit .figure-alt').textContent !== t",
                           arg=before, timeout=10_000)
    assert readout(page, "fig-line-fit", "m") == pytest.approx(slope, abs=1e-4)
    assert readout(page, "fig-line-fit", "c") == pytest.approx(intercept, abs=1e-4)
    assert float(page.input_value("#linefit-m")) == pytest.approx(slope, abs=0.01)   # a slider snaps to its step
    assert readout(page, "fig-line-fit", "chi2") == pytest.approx(chi2(slope, intercept), abs=2e-3)
    assert readout(page, "fig-line-fit", "residual-sum") == pytest.approx(0, abs=0.01)
    # the slices' button: both partial derivatives vanish there
    page.click("#slices-best")
    page.wait_for_function("() => document.querySelector('#fig-slices [data-readout=dchi2_dm]').textContent"
                           ".replace('−', '-') * 1 === 0", timeout=10_000)
    assert readout(page, "fig-slices", "dchi2_dc") == pytest.approx(0, abs=0.01)


def test_contour_map_moves_the_line_by_keyboard(m6):
    page = m6
    set_slider(page, "linefit-m", "0.5")
    set_slider(page, "linefit-c", "4")          # the page's first values, on the sliders' steps
    canvas = page.locator("#fig-line-fit canvas")
    canvas.focus()
    c = float(page.input_value("#linefit-c"))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    page.wait_for_function("() => document.querySelector('#linefit-m').value === '0.52'", timeout=10_000)
    assert float(page.input_value("#linefit-c")) == pytest.approx(c + 0.1, abs=1e-9)
    assert readout(page, "fig-line-fit", "chi2") == pytest.approx(chi2(0.52, c + 0.1), abs=1e-3)


def test_descent_runs_then_curve_fit_answers_from_the_worker(m6):
    page = m6
    page.click("#descent-step")
    page.wait_for_function("() => document.querySelector('#fig-descent [data-readout=steps]').textContent === '1'",
                           timeout=10_000)
    page.click("#descent-run")
    page.wait_for_function("() => /converged/.test(document.querySelector('#descent-status').textContent)",
                           timeout=90_000)
    a, b = readout(page, "fig-descent", "a"), readout(page, "fig-descent", "b")
    page.click("#curvefit-run")
    page.wait_for_selector("#curvefit-table", timeout=120_000)
    cells = page.locator("#curvefit-table tbody tr").all_inner_texts()
    fitted_a = number(cells[0].split("\t")[2])
    fitted_b = number(cells[1].split("\t")[2])
    assert fitted_a == pytest.approx(a, abs=2e-4) and fitted_b == pytest.approx(b, abs=2e-4)
    assert "standard errors" in page.inner_text("#curvefit-result")


WRONG_DFDMU = """
def f(x, mu, sig):
    return np.exp(-(x - mu)**2 / (2 * sig**2)) / np.sqrt(2 * np.pi) / sig

def dfdmu(x, mu, sig):
    return f(x, mu, sig) * (mu - x) / sig**2

def dfdsig(x, mu, sig):
    return f(x, mu, sig) * (-1 / sig + (x - mu)**2 / sig**3)

def steepest_step(x, y, mu, sig, aggression):
    J = np.array([-2 * (y - f(x, mu, sig)) @ dfdmu(x, mu, sig),
                  -2 * (y - f(x, mu, sig)) @ dfdsig(x, mu, sig)])
    return -aggression * J
"""


def test_heights_lab_names_a_slip_then_fits_with_the_learners_code(m6):
    page = m6
    page.fill("#heights-code", WRONG_DFDMU)
    page.click("#heights-check")
    item = page.locator('#heights-results li[data-function="dfdmu"]')
    item.wait_for(timeout=60_000)
    assert item.get_attribute("data-passed") == "false"
    assert "Sign slip" in item.inner_text()
    assert page.locator('#heights-results li[data-function="dfdsig"]').get_attribute("data-passed") == "true"

    page.fill("#heights-code", WRONG_DFDMU.replace("(mu - x) / sig**2", "(x - mu) / sig**2"))
    page.click("#heights-check")
    page.wait_for_function("() => document.querySelectorAll('#heights-results li[data-passed=true]').length === 3",
                           timeout=60_000)
    page.click("#heights-run-mine")
    page.wait_for_selector("#heights-table", timeout=120_000)
    assert "your code" in page.inner_text("#heights-fit-status")
    assert "converged" in page.inner_text("#heights-fit-status")
    rows = page.locator("#heights-table tbody tr").all_inner_texts()
    mu_descent, mu_fit = number(rows[0].split("\t")[1]), number(rows[0].split("\t")[2])
    sig_descent, sig_fit = number(rows[1].split("\t")[1]), number(rows[1].split("\t")[2])
    assert mu_descent == pytest.approx(mu_fit, abs=2e-3)
    assert sig_descent == pytest.approx(sig_fit, abs=2e-3)
    assert "agree" in page.inner_text("#heights-comparison")
    assert int(page.inner_text('#fig-heights [data-readout="steps"]')) > 10


@pytest.mark.parametrize("width", [1280, 375])
def test_no_sideways_scroll(m6, width, shots):
    page = m6
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_timeout(500)                 # figures follow their column's width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if shots:
        page.screenshot(path=str(shots / f"m6-{width}.png"), full_page=True)
