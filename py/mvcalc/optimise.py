"""Optimisation algorithms, pure and small: what the Module 5 figures draw and the lab runs.

Newton-Raphson in one dimension, gradient descent, Newton's method with the Hessian and
the hybrid that falls back to the gradient, on a few two-dimensional landscapes whose
gradients and Hessians are written out by hand (and checked against sympy in the tests);
and the constrained problems of the Lagrange lesson. numpy only: no scipy, no sympy.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

# --- Newton-Raphson in one dimension ---------------------------------------------------


def newton_1d(f: Callable[[float], float], df: Callable[[float], float], x0: float,
              steps: int) -> list[float]:
    """The iterates x0, x1, ... of x <- x - f(x)/f'(x): ``steps`` of them after x0, fewer
    when a step cannot be taken (f'(x) = 0, or a number that is not finite)."""
    xs = [float(x0)]
    for _ in range(steps):
        x = xs[-1]
        try:
            slope, value = float(df(x)), float(f(x))
        except (OverflowError, ValueError, ZeroDivisionError):
            break
        if slope == 0 or not math.isfinite(slope) or not math.isfinite(value):
            break
        nxt = x - value / slope
        if not math.isfinite(nxt):
            break
        xs.append(nxt)
    return xs


@dataclass(frozen=True)
class Case1D:
    """One Newton-Raphson case of the cobweb figure."""

    key: str
    text: str                     # f in words, e.g. "x³ − 2x + 2"
    tex: str
    f: Callable
    df: Callable
    x0: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    story: str                    # what happens, for the figure's description


CUBIC = (lambda x: x**3 - 2 * x + 2, lambda x: 3 * x**2 - 2)

CASES_1D: tuple[Case1D, ...] = (
    Case1D("converge", "x³ − 2x + 2", "x^3 - 2x + 2", *CUBIC, -2.5, (-3.0, 2.5), (-8.0, 10.0),
           "the iterates close in on the root near −1.769, the number of correct digits "
           "roughly doubling each step"),
    Case1D("cycle", "x³ − 2x + 2", "x^3 - 2x + 2", *CUBIC, 0.0, (-3.0, 2.5), (-8.0, 10.0),
           "from 0 the tangent lands on 1, and from 1 the tangent lands back on 0: the iterates "
           "cycle 0, 1, 0, 1 for ever and never reach the root"),
    Case1D("jump", "sin x", r"\sin x", math.sin, math.cos, 1.45, (-8.0, 3.5), (-1.6, 1.6),
           "the start is near a peak, where the tangent is almost flat, so the first step flies "
           "far away, past the roots 0 and −π, and the method settles on −2π, not on 0 or π, "
           "the roots either side of the start"),
    Case1D("diverge", "arctan x", r"\arctan x", math.atan, lambda x: 1 / (1 + x * x), 1.5,
           (-30.0, 30.0), (-2.0, 2.0),
           "the tangents are shallow far from the root, so each step overshoots further than "
           "the last: the iterates swing from side to side and grow, diverging"),
    Case1D("flat", "x³ − 3x + 1", "x^3 - 3x + 1", lambda x: x**3 - 3 * x + 1,
           lambda x: 3 * x**2 - 3, 0.0, (-2.5, 2.5), (-4.0, 5.0),
           "a good start converges in a few steps; but a start at x = 1 or −1, where the tangent is "
           "flat, gives no step at all (division by f′ = 0)"),
)
CASES_BY_KEY = {c.key: c for c in CASES_1D}


# --- landscapes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Landscape:
    """A function of two variables with its Jacobian (gradient) and Hessian, by hand."""

    key: str
    title: str
    tex: str
    f: Callable[[np.ndarray], float]
    J: Callable[[np.ndarray], np.ndarray]
    H: Callable[[np.ndarray], np.ndarray]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    levels: tuple[float, ...] = field(default=())
    expr: str = ""                       # learner syntax in x and y, for the tests


def _quadratic(a: float, b: float):
    return (lambda p: a * p[0] ** 2 + b * p[1] ** 2,
            lambda p: np.array([2 * a * p[0], 2 * b * p[1]]),
            lambda p: np.array([[2 * a, 0.0], [0.0, 2 * b]]))


def _banana():
    # a gentle Rosenbrock valley: f = (1 - x)^2 + 4 (y - x^2)^2, minimum at (1, 1)
    return (lambda p: (1 - p[0]) ** 2 + 4 * (p[1] - p[0] ** 2) ** 2,
            lambda p: np.array([-2 * (1 - p[0]) - 16 * p[0] * (p[1] - p[0] ** 2),
                                8 * (p[1] - p[0] ** 2)]),
            lambda p: np.array([[2 - 16 * p[1] + 48 * p[0] ** 2, -16 * p[0]],
                                [-16 * p[0], 8.0]]))


def _two_wells():
    # f = x^2 + y^4/4 - y^2/2 (+ 1/4): a saddle at the origin, minima at (0, +-1)
    return (lambda p: p[0] ** 2 + p[1] ** 4 / 4 - p[1] ** 2 / 2 + 0.25,
            lambda p: np.array([2 * p[0], p[1] ** 3 - p[1]]),
            lambda p: np.array([[2.0, 0.0], [0.0, 3 * p[1] ** 2 - 1]]))


def _egg():
    # a bumpy bowl: f = (x^2 + y^2)/8 - cos(x) cos(y) + 1, lowest at the origin
    return (lambda p: (p[0] ** 2 + p[1] ** 2) / 8 - np.cos(p[0]) * np.cos(p[1]) + 1,
            lambda p: np.array([p[0] / 4 + np.sin(p[0]) * np.cos(p[1]),
                                p[1] / 4 + np.cos(p[0]) * np.sin(p[1])]),
            lambda p: np.array([[0.25 + np.cos(p[0]) * np.cos(p[1]), -np.sin(p[0]) * np.sin(p[1])],
                                [-np.sin(p[0]) * np.sin(p[1]), 0.25 + np.cos(p[0]) * np.cos(p[1])]]))


LANDSCAPES: tuple[Landscape, ...] = (
    Landscape("bowl", "a round bowl", "x^2 + y^2", *_quadratic(1, 1), (-5, 5), (-3, 3), (-4.0, 2.0),
              ((0.0, 0.0),), expr="x^2 + y^2"),
    Landscape("valley", "a narrow valley", "x^2 + 10y^2", *_quadratic(1, 10), (-5, 5), (-3, 3), (-4.5, 2.0),
              ((0.0, 0.0),), expr="x^2 + 10y^2"),
    Landscape("banana", "a curved (banana) valley", "(1 - x)^2 + 4(y - x^2)^2", *_banana(), (-2.2, 2.2),
              (-0.8, 1.84), (-1.5, 1.5), ((1.0, 1.0),), expr="(1 - x)^2 + 4(y - x^2)^2"),
    Landscape("wells", "two wells and a saddle", "x^2 + y^4/4 - y^2/2 + 1/4",
              *_two_wells(), (-2.5, 2.5), (-1.5, 1.5), (1.5, 0.3), ((0.0, 1.0), (0.0, -1.0)),
              expr="x^2 + y^4/4 - y^2/2 + 1/4"),
    Landscape("egg", "an egg box in a bowl", r"(x^2 + y^2)/8 - \cos x \cos y + 1", *_egg(),
              (-7, 7), (-4.2, 4.2), (4.5, 3.5), ((0.0, 0.0),), expr="(x^2 + y^2)/8 - cos(x) cos(y) + 1"),
)
LANDSCAPES_BY_KEY = {s.key: s for s in LANDSCAPES}


def grid(land: Landscape, n: int = 90):
    """Samples of f on an n x n grid over the landscape's box, for contour plots (f is
    written with numpy, so one call evaluates the whole grid)."""
    X, Y = np.meshgrid(np.linspace(*land.x_range, n), np.linspace(*land.y_range, n))
    with np.errstate(all="ignore"):
        Z = np.asarray(land.f(np.stack([X, Y])), dtype=float)
    return X, Y, Z


# --- steps -------------------------------------------------------------------------------


def gradient_step(J, H, gamma: float = 0.1):
    """Steepest descent with a fixed step size: -gamma J."""
    return -gamma * np.asarray(J, dtype=float)


def newton_step(J, H):
    """Newton's step: solve H d = -J (None if H is singular)."""
    try:
        return np.linalg.solve(np.asarray(H, dtype=float), -np.asarray(J, dtype=float))
    except np.linalg.LinAlgError:
        return None


def hybrid_step(J, H, gamma: float = 0.1, max_length: float = 2.0):
    """Newton's step, unless it points uphill (J . d >= 0), is longer than ``max_length`` or
    cannot be taken (H singular): then the gradient step -gamma J."""
    d = newton_step(J, H)
    if d is None or float(np.dot(J, d)) >= 0 or float(np.linalg.norm(d)) > max_length:
        return gradient_step(J, H, gamma)
    return d


@dataclass
class Walk:
    points: list                 # [(x, y), ...] from the start
    values: list                 # f at each point
    status: str                  # "converged", "diverged", "stopped" (out of steps), "stuck"

    @property
    def steps(self) -> int:
        return len(self.points) - 1


GRAD_TOL = 1e-4
STEP_TOL = 1e-7
ESCAPE = 1e3


def descend(land: Landscape, start, step: Callable, max_steps: int = 200) -> Walk:
    """Follow ``step(J, H) -> d`` from ``start`` until the gradient vanishes, the walk
    leaves the map far behind (diverged), a step cannot be taken, or ``max_steps``."""
    p = np.array(start, dtype=float)
    points, values = [tuple(float(v) for v in p)], [float(land.f(p))]
    status = "stopped"
    for _ in range(max_steps):
        J = land.J(p)
        if float(np.linalg.norm(J)) < GRAD_TOL:
            status = "converged"
            break
        d = step(J, land.H(p))
        if d is None:
            status = "stuck"
            break
        p = p + np.asarray(d, dtype=float)
        if not np.all(np.isfinite(p)) or float(np.max(np.abs(p))) > ESCAPE:
            status = "diverged"
            break
        points.append((float(p[0]), float(p[1])))
        values.append(float(land.f(p)))
        if float(np.linalg.norm(d)) < STEP_TOL:
            status = "converged" if float(np.linalg.norm(land.J(p))) < 1e-2 else "stuck"
            break
    else:
        if float(np.linalg.norm(land.J(p))) < GRAD_TOL:
            status = "converged"
    if status == "converged":
        status = flat_kind(land.H(p))
    return Walk(points, values, status)


def flat_kind(H) -> str:
    """What a flat point is, from the Hessian there: "converged" (a minimum), "saddle" or "maximum"."""
    eigen = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    if eigen.min() > -1e-9:
        return "converged"
    return "maximum" if eigen.max() < 0 else "saddle"


METHODS: dict[str, Callable] = {
    "gradient": lambda gamma: (lambda J, H: gradient_step(J, H, gamma)),
    "newton": lambda gamma: newton_step,
    "hybrid": lambda gamma: (lambda J, H: hybrid_step(J, H, gamma)),
}


# --- constrained problems (Lagrange multipliers) ----------------------------------------


@dataclass(frozen=True)
class Constrained:
    """Optimise f(x, y) on the curve g(x, y) = 0, the curve given as (x(t), y(t))."""

    key: str
    title: str
    f_tex: str
    g_tex: str
    f: Callable
    grad_f: Callable
    g: Callable
    grad_g: Callable
    curve: Callable               # t in [0, 2 pi) -> (x, y) on g = 0
    box: tuple[float, float, float, float]
    f_expr: str                   # learner syntax, for the tests
    g_expr: str
    start_t: float = 0.3


PROBLEMS: tuple[Constrained, ...] = (
    Constrained("x2y-circle", "x²y on the circle x² + y² = 3", "x^2 y", "x^2 + y^2 - 3",
                lambda x, y: x * x * y, lambda x, y: np.array([2 * x * y, x * x]),
                lambda x, y: x * x + y * y - 3, lambda x, y: np.array([2 * x, 2 * y]),
                lambda t: (math.sqrt(3) * math.cos(t), math.sqrt(3) * math.sin(t)),
                (-2.6, 2.6, -2.2, 2.2), "x^2 y", "x^2 + y^2 - 3", 0.2),
    Constrained("line-circle", "x + 2y on the circle x² + y² = 5", "x + 2y", "x^2 + y^2 - 5",
                lambda x, y: x + 2 * y, lambda x, y: np.array([1.0, 2.0]),
                lambda x, y: x * x + y * y - 5, lambda x, y: np.array([2 * x, 2 * y]),
                lambda t: (math.sqrt(5) * math.cos(t), math.sqrt(5) * math.sin(t)),
                (-3.4, 3.4, -2.8, 2.8), "x + 2y", "x^2 + y^2 - 5", 2.4),
    Constrained("xy-ellipse", "xy on the ellipse x²/4 + y² = 1", "x y", "x^2/4 + y^2 - 1",
                lambda x, y: x * y, lambda x, y: np.array([y, x]),
                lambda x, y: x * x / 4 + y * y - 1, lambda x, y: np.array([x / 2, 2 * y]),
                lambda t: (2 * math.cos(t), math.sin(t)),
                (-2.8, 2.8, -1.7, 1.7), "x y", "x^2/4 + y^2 - 1", 0.2),
)
PROBLEMS_BY_KEY = {p.key: p for p in PROBLEMS}


def lagrangian_gradient(problem: Constrained):
    """The gradient of L(x, y, lambda) = f - lambda g, as a function of (x, y, lambda):
    (f_x - lambda g_x, f_y - lambda g_y, -g). Its zeros are the constrained stationary points."""
    def grad(v):
        x, y, lam = (float(t) for t in v)
        gf, gg = problem.grad_f(x, y), problem.grad_g(x, y)
        return [gf[0] - lam * gg[0], gf[1] - lam * gg[1], -problem.g(x, y)]
    return grad


def multiplier(problem: Constrained, x: float, y: float) -> float:
    """The best lambda with grad f = lambda grad g at (x, y) (least squares)."""
    gf, gg = problem.grad_f(x, y), problem.grad_g(x, y)
    return float(np.dot(gf, gg) / max(float(np.dot(gg, gg)), 1e-300))


def parallel_gap(problem: Constrained, x: float, y: float) -> float:
    """sin of the angle between grad f and grad g (0 when they are parallel)."""
    gf, gg = problem.grad_f(x, y), problem.grad_g(x, y)
    nf, ng = float(np.linalg.norm(gf)), float(np.linalg.norm(gg))
    if nf == 0 or ng == 0:
        return 0.0
    return float(abs(gf[0] * gg[1] - gf[1] * gg[0]) / (nf * ng))
