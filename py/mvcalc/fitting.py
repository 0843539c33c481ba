"""Least-squares fitting, by hand: chi-squared, the straight line's closed form, and
gradient descent for any model with known partial derivatives.

Pure numpy, no scipy: the lessons' figures and the heights lab use it on the page's
main thread and in the worker, and the tests compare it with numpy.polyfit, sympy
and scipy.optimize.curve_fit.
"""
from __future__ import annotations

import math

import numpy as np

# --- the lessons' data ----------------------------------------------------------------------
# A straight-line experiment: ten measurements, each with the same error bar sigma = 0.8.
# Made once with numpy (y = 0.9 x + 1.5 plus noise of sd 0.8, seed 6) and rounded.
LINE_X = np.arange(1.0, 11.0)
LINE_Y = np.array([3.2, 4.7, 2.2, 5.0, 6.8, 8.0, 8.3, 9.9, 9.8, 10.9])
LINE_SIGMA = np.full(10, 0.8)

# A decay: y = a e^(-b x) with a = 5, b = 0.6, plus noise of sd 0.15 (same generator).
DECAY_X = np.arange(0.0, 6.0, 0.5)
DECAY_Y = np.array([5.03, 3.54, 2.62, 2.09, 1.42, 1.31, 1.02, 0.88, 0.45, 0.54, 0.11, 0.06])
DECAY_SIGMA = np.full(12, 0.15)


# --- straight lines -------------------------------------------------------------------------
def chi2_line(m: float, c: float, x, y, sigma) -> float:
    """chi^2 = sum ((y_i - (m x_i + c)) / sigma_i)^2."""
    x, y, sigma = (np.asarray(v, dtype=float) for v in (x, y, sigma))
    return float(np.sum(((y - (m * x + c)) / sigma) ** 2))


def chi2_line_grid(ms, cs, x, y, sigma):
    """chi^2 on a grid: rows follow ``cs``, columns ``ms`` (as contour() wants)."""
    x, y, sigma = (np.asarray(v, dtype=float) for v in (x, y, sigma))
    mm, cc = np.meshgrid(np.asarray(ms, float), np.asarray(cs, float))
    w = 1.0 / sigma ** 2
    # expand the square: sum w (y - m x - c)^2, as sums over the data (no 3-D array)
    sw, sx, sy = w.sum(), (w * x).sum(), (w * y).sum()
    sxx, sxy, syy = (w * x * x).sum(), (w * x * y).sum(), (w * y * y).sum()
    return (syy + mm ** 2 * sxx + cc ** 2 * sw - 2 * mm * sxy - 2 * cc * sy + 2 * mm * cc * sx)


def chi2_line_gradient(m: float, c: float, x, y, sigma) -> tuple[float, float]:
    """(d chi^2 / dm, d chi^2 / dc) = (-2 sum x_i r_i / s_i^2, -2 sum r_i / s_i^2)."""
    x, y, sigma = (np.asarray(v, dtype=float) for v in (x, y, sigma))
    r = (y - m * x - c) / sigma ** 2
    return float(-2 * np.sum(x * r)), float(-2 * np.sum(r))


def best_line(x, y, sigma=None) -> tuple[float, float]:
    """The (m, c) that make chi^2 smallest: setting both partial derivatives to zero gives
    m = (S Sxy - Sx Sy) / (S Sxx - Sx^2) and c = (Sy - m Sx) / S (weights 1/sigma^2);
    with equal error bars, m = sum (x_i - xbar) y_i / sum (x_i - xbar)^2, c = ybar - m xbar."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    w = np.ones_like(x) if sigma is None else 1.0 / np.asarray(sigma, float) ** 2
    s, sx, sy = w.sum(), (w * x).sum(), (w * y).sum()
    sxx, sxy = (w * x * x).sum(), (w * x * y).sum()
    m = (s * sxy - sx * sy) / (s * sxx - sx ** 2)
    c = (sy - m * sx) / s
    return float(m), float(c)


# --- models with their partial derivatives --------------------------------------------------
class Model:
    """y = f(x; p1, p2) with the partial derivatives written out by hand (checked by tests)."""

    def __init__(self, name, names, tex, value, partials):
        self.name, self.names, self.tex = name, names, tex
        self.value, self.partials = value, partials

    def __call__(self, x, *p):
        return self.value(np.asarray(x, float), *p)

    def jacobian(self, x, *p) -> np.ndarray:
        """Rows: d f / d p_k at every x."""
        x = np.asarray(x, float)
        return np.array([d(x, *p) for d in self.partials])


def _decay(x, a, b):
    return a * np.exp(-b * x)


DECAY = Model("decay", ("a", "b"), r"a e^{-b x}", _decay,
              (lambda x, a, b: np.exp(-b * x),
               lambda x, a, b: -a * x * np.exp(-b * x)))


def gaussian(x, mu, sig):
    """The normal distribution's density: exp(-(x - mu)^2 / (2 sig^2)) / (sqrt(2 pi) sig)."""
    x = np.asarray(x, float)
    return np.exp(-((x - mu) ** 2) / (2 * sig ** 2)) / (math.sqrt(2 * math.pi) * sig)


def gaussian_partial_mu(x, mu, sig):
    """d/dmu of the density: f (x - mu) / sig^2."""
    return gaussian(x, mu, sig) * (np.asarray(x, float) - mu) / sig ** 2


def gaussian_partial_sig(x, mu, sig):
    """d/dsig of the density: f (-1/sig + (x - mu)^2 / sig^3)."""
    x = np.asarray(x, float)
    return gaussian(x, mu, sig) * (-1 / sig + (x - mu) ** 2 / sig ** 3)


GAUSSIAN = Model("gaussian", ("mu", "sig"), r"\frac{1}{\sqrt{2\pi}\,\sigma} e^{-(x-\mu)^2/2\sigma^2}",
                 gaussian, (gaussian_partial_mu, gaussian_partial_sig))
MODELS = {m.name: m for m in (DECAY, GAUSSIAN)}


# --- chi-squared for any model, and its gradient -------------------------------------------------
def chi2(model: Model, params, x, y, sigma=None) -> float:
    x, y = np.asarray(x, float), np.asarray(y, float)
    s = 1.0 if sigma is None else np.asarray(sigma, float)
    return float(np.sum(((y - model(x, *params)) / s) ** 2))


def chi2_gradient(model: Model, params, x, y, sigma=None) -> np.ndarray:
    """d chi^2 / d p_k = -2 sum_i (y_i - f(x_i)) / sigma_i^2 * d f(x_i) / d p_k."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    w = 1.0 if sigma is None else 1.0 / np.asarray(sigma, float) ** 2
    r = (y - model(x, *params)) * w
    return -2 * model.jacobian(x, *params) @ r


def chi2_grid(model: Model, p1s, p2s, x, y, sigma=None) -> np.ndarray:
    """chi^2 over a grid of the two parameters: rows follow ``p2s``, columns ``p1s``."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    s = 1.0 if sigma is None else np.asarray(sigma, float)
    out = np.empty((len(p2s), len(p1s)))
    for j, p2 in enumerate(p2s):
        pred = model.value(x[None, :], np.asarray(p1s, float)[:, None], p2)
        out[j] = np.sum(((y[None, :] - pred) / s) ** 2, axis=1)
    return out


def descent_step(model: Model, params, gamma: float, x, y, sigma=None) -> np.ndarray:
    """One step of gradient descent: p <- p - gamma * grad chi^2."""
    return np.asarray(params, float) - gamma * chi2_gradient(model, params, x, y, sigma)


def descend(model: Model, start, gamma: float, steps: int, x, y, sigma=None,
            stop=1e-10) -> list[tuple[float, float]]:
    """The path of gradient descent from ``start``: at most ``steps`` steps, stopping early
    when a step moves less than ``stop`` (relative) or chi^2 stops being finite."""
    path = [tuple(float(v) for v in start)]
    p = np.asarray(start, float)
    for _ in range(steps):
        new = descent_step(model, p, gamma, x, y, sigma)
        if not np.all(np.isfinite(new)) or not math.isfinite(chi2(model, new, x, y, sigma)):
            break
        path.append(tuple(float(v) for v in new))
        if np.max(np.abs(new - p) / np.maximum(1.0, np.abs(p))) < stop:
            break
        p = new
    return path


def fmt(value: float, digits: int = 3) -> str:
    """A number as the page shows it, with a true minus sign."""
    if value is None or not math.isfinite(value):
        return "undefined"
    text = f"{value:.{digits}f}"
    if float(text) == 0:
        text = f"{0:.{digits}f}"
    return text.replace("-", "−")


# --- the heights lab's data: synthetic, made here, the same everywhere ----------------------------
HEIGHTS_SEED = 1850
HEIGHTS_N = 10_000
BIN_WIDTH = 2.5
BIN_EDGES = np.arange(50.0, 250.0 + BIN_WIDTH / 2, BIN_WIDTH)     # 50, 52.5, ..., 250 cm


def heights_sample() -> np.ndarray:
    """10,000 adult heights in cm, rounded to 1 mm. SYNTHETIC, not measured: half drawn from
    a normal distribution with mean 162.0 cm and sd 6.6 cm, half from one with mean 175.5 cm
    and sd 7.2 cm (roughly adult women and men), with numpy's PCG64 generator, seed 1850,
    so every computer (and the browser) makes the same sample."""
    rng = np.random.default_rng(HEIGHTS_SEED)
    taller = rng.random(HEIGHTS_N) < 0.5
    heights = np.where(taller, rng.normal(175.5, 7.2, HEIGHTS_N), rng.normal(162.0, 6.6, HEIGHTS_N))
    return np.round(heights, 1)


_HISTOGRAM: list = []


def heights_histogram() -> tuple[np.ndarray, np.ndarray]:
    """(bin centres, normalised counts): bins of 2.5 cm from 50 cm, scaled so that the bars'
    total area is 1 (numpy.histogram's density=True), comparable with a probability density."""
    if not _HISTOGRAM:
        counts, _ = np.histogram(heights_sample(), bins=BIN_EDGES, density=True)
        _HISTOGRAM.append(((BIN_EDGES[:-1] + BIN_EDGES[1:]) / 2, counts))
    return _HISTOGRAM[0]
