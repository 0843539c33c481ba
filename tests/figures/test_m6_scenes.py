"""Module 6's figures and fitting code, checked against independent computations: numpy sums
and numpy.polyfit for the line, finite differences for every gradient, scipy's curve_fit for
the descent's answer; and the scenes draw what they say, on a desktop and a phone."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import curve_fit

from mvcalc import fitting
from mvcalc.figures.descent_fit import CompareScene, DescentScene
from mvcalc.figures.heights import HeightsScene
from mvcalc.figures.regression import LineFitScene, SlicesScene

X, Y, S = fitting.LINE_X, fitting.LINE_Y, fitting.LINE_SIGMA


def numpy_chi2(m, c):
    return float(np.sum(((Y - (m * X + c)) / S) ** 2))


def central(fn, p, k, h=1e-6):
    up, down = list(p), list(p)
    up[k] += h
    down[k] -= h
    return (fn(*up) - fn(*down)) / (2 * h)


# --- the fitting module --------------------------------------------------------------------------
def test_best_line_is_polyfits_with_and_without_weights():
    assert fitting.best_line(X, Y, S) == pytest.approx(tuple(np.polyfit(X, Y, 1)), rel=1e-12)
    rng = np.random.default_rng(0)
    sigma = rng.uniform(0.3, 2, 10)
    assert fitting.best_line(X, Y, sigma) == pytest.approx(tuple(np.polyfit(X, Y, 1, w=1 / sigma)), rel=1e-10)


def test_chi2_grid_and_gradient_agree_with_direct_sums():
    ms, cs = np.linspace(0, 2, 7), np.linspace(-4, 7, 5)
    grid = fitting.chi2_line_grid(ms, cs, X, Y, S)
    for j, c in enumerate(cs):
        for i, m in enumerate(ms):
            assert grid[j, i] == pytest.approx(numpy_chi2(m, c), rel=1e-10)
    for m, c in ((0.5, 4.0), (1.3, -2.0)):
        g = fitting.chi2_line_gradient(m, c, X, Y, S)
        assert g == pytest.approx((central(numpy_chi2, (m, c), 0), central(numpy_chi2, (m, c), 1)), rel=1e-6)


@pytest.mark.parametrize("model, params, x, y, sigma", [
    (fitting.DECAY, (3.0, 0.4), fitting.DECAY_X, fitting.DECAY_Y, fitting.DECAY_SIGMA),
    (fitting.GAUSSIAN, (160.0, 8.0), *fitting.heights_histogram(), None),
])
def test_model_gradients_match_finite_differences(model, params, x, y, sigma):
    def chi2(*p):
        return fitting.chi2(model, p, x, y, sigma)
    grad = fitting.chi2_gradient(model, params, x, y, sigma)
    assert grad == pytest.approx([central(chi2, params, k, h=1e-5 * abs(params[k])) for k in range(2)], rel=1e-5)
    p1s, p2s = np.linspace(params[0] * 0.8, params[0] * 1.2, 4), np.linspace(params[1] * 0.8, params[1] * 1.2, 3)
    grid = fitting.chi2_grid(model, p1s, p2s, x, y, sigma)
    assert grid[2, 1] == pytest.approx(chi2(p1s[1], p2s[2]), rel=1e-12)


def test_descent_on_the_decay_reaches_curve_fit():
    params, _ = curve_fit(lambda x, a, b: a * np.exp(-b * x), fitting.DECAY_X, fitting.DECAY_Y, p0=[2, 0.2],
                          sigma=fitting.DECAY_SIGMA, absolute_sigma=True)
    scene = DescentScene()
    scene.step(5000)
    assert scene.status == "converged"
    assert scene.current() == pytest.approx(tuple(params), rel=1e-6)


# --- the scenes ----------------------------------------------------------------------------------
def test_line_fit_reads_chi2_and_draws_each_residual(build):
    scene = build(LineFitScene(m=0.5, c=4.0))
    for m, c in ((0.5, 4.0), (1.2, -1.0), (0.9, 1.7)):
        scene.update(m=m, c=c)
        assert float(scene.readouts()["chi2"]) == pytest.approx(numpy_chi2(m, c), abs=1e-3)
        xs, ys = scene.residuals.get_data()
        gaps = np.array(ys, float).reshape(-1, 3)
        assert np.allclose(gaps[:, 0] - gaps[:, 1], Y - (m * X + c))
        assert np.allclose(np.array(xs, float).reshape(-1, 3)[:, 0], X)
    assert scene.best == pytest.approx(tuple(np.polyfit(X, Y, 1)), rel=1e-12)
    assert "best fit" in scene.describe()
    if scene.fig.get_figwidth() < 4.6:          # a phone: the map goes below the data
        assert scene.map_ax.get_position().y1 < scene.data_ax.get_position().y0
    else:
        assert scene.map_ax.get_position().x0 > scene.data_ax.get_position().x1


def test_line_fit_map_moves_only_while_pressed_and_by_keys(build):
    scene = build(LineFitScene(m=0.5, c=4.0))
    assert not scene.on_pointer(1.2, 0.5), "hovering changes nothing"
    scene.armed = True
    assert not scene.on_pointer(5.0, 0.5), "outside the map changes nothing"
    assert scene.on_pointer(1.2, 0.5) and scene.mc() == (1.2, 0.5)
    assert scene.on_key("ArrowRight") and scene.mc() == pytest.approx((1.22, 0.5))
    assert scene.on_key("PageDown") and scene.mc() == pytest.approx((1.22, -0.5))
    assert scene.on_key("Enter") and scene.mc() == pytest.approx(scene.best)
    assert not scene.on_key("x")


def test_slices_tangents_have_the_partial_derivatives(build):
    scene = build(SlicesScene(m=0.5, c=4.0))
    for m, c in ((0.5, 4.0), (1.5, -2.0)):
        scene.update(m=m, c=c)
        gm, gc = scene.gradient()
        assert gm == pytest.approx(central(numpy_chi2, (m, c), 0), rel=1e-6)
        assert gc == pytest.approx(central(numpy_chi2, (m, c), 1), rel=1e-6)
        (x0, x1), (y0, y1) = scene.m_tan.get_data()
        assert (y1 - y0) / (x1 - x0) == pytest.approx(gm)
        xs, ys = scene.m_curve.get_data()
        assert ys[50] == pytest.approx(numpy_chi2(xs[50], c))
    scene.update(m=scene.best[0], c=scene.best[1])
    assert np.abs(scene.gradient()).max() < 1e-9


def test_descent_scene_steps_downhill_and_restarts_on_new_settings(build):
    scene = build(DescentScene(a0=2.0, b0=0.2, gamma=0.0001))
    scene.step(1)
    (a0, b0), (a1, b1) = scene.path
    grad = fitting.chi2_gradient(fitting.DECAY, (a0, b0), fitting.DECAY_X, fitting.DECAY_Y, fitting.DECAY_SIGMA)
    assert (a1, b1) == pytest.approx((a0 - 0.0001 * grad[0], b0 - 0.0001 * grad[1]))
    assert scene.chi2_at((a1, b1)) < scene.chi2_at((a0, b0))
    scene.step(20)
    scene.apply()
    assert len(scene.trail.get_xdata()) == 22 and scene.readouts()["steps"] == "21"
    scene.update(gamma=0.0003)
    assert len(scene.path) == 1 and scene.status == "ready"
    assert "gamma = 0.0003" in scene.describe()


def test_compare_scene_draws_the_fits_it_is_given(build):
    scene = build(CompareScene())
    assert "no fitted curve" in scene.describe()
    scene.set_fit("gradient descent", (4.8, 0.55))
    scene.set_fit("curve_fit", (4.888, 0.571), (0.125, 0.024))
    scene.apply()
    xs, ys = scene.lines[1].get_data()
    assert np.allclose(ys, 4.888 * np.exp(-0.571 * np.asarray(xs)))
    assert "standard errors 0.125 and 0.024" in scene.describe()


def test_heights_scene_draws_the_histogram_the_curve_and_a_path(build):
    scene = build(HeightsScene(mu=160.0, sig=8.0))
    x, y = fitting.heights_histogram()
    bars = scene.hist_ax.patches
    assert len(bars) == len(y) and bars[40].get_height() == pytest.approx(y[40])
    assert bars[0].get_x() == 50.0 and bars[0].get_width() == 2.5
    xs, ys = scene.curve.get_data()
    assert np.allclose(ys, np.exp(-(np.asarray(xs) - 160) ** 2 / 128) / np.sqrt(2 * np.pi) / 8)
    chi2 = float(np.sum((y - np.exp(-(x - 160) ** 2 / 128) / np.sqrt(2 * np.pi) / 8) ** 2))
    assert float(scene.readouts()["chi2"]) == pytest.approx(chi2, rel=1e-4)
    path = fitting.descend(fitting.GAUSSIAN, (155, 6), 1000, 300, x, y)
    scene.show_path(path, 10, label="reference code")
    scene.apply()
    assert scene.mu_sig() == pytest.approx(path[9]) and len(scene.trail.get_xdata()) == 10
    assert "reference code" in scene.describe() and scene.readouts()["steps"] == "9"


def test_likelihood_scene_draws_each_log_density_and_follows_its_sliders(build):
    from scipy.stats import norm

    from mvcalc.figures.likelihood import BAR_FLOOR, LikelihoodScene
    scene = build(LikelihoodScene())
    first = scene.describe()
    z = scene.residuals() / scene.sigma
    tops = [segment[1][1] for segment in scene.bars.get_segments()]
    assert tops == pytest.approx(np.maximum(-z ** 2 / 2, BAR_FLOOR).tolist()) and min(tops) > BAR_FLOOR
    # each tick reaches the height of its measurement on its bell: the normal density, relative to its peak
    xs, ys = scene.ticks.get_data()
    lengths = (np.asarray(xs).reshape(-1, 3)[:, 1] - scene.x) / 0.8
    expected = norm.pdf(scene.y, loc=0.5 * scene.x + 4, scale=scene.sigma) / norm.pdf(0, scale=scene.sigma)
    assert lengths == pytest.approx(expected)
    scene.update(m=float(scene.best[0]), c=float(scene.best[1]))
    assert scene.relative_likelihood() == pytest.approx(1) and scene.describe() != first
    assert "most likely" in scene.describe() and scene.readouts()["relative"] == "1"
