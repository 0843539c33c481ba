"""Eigenvalues and "positive definite", for a symmetric 2 × 2 matrix H = [[p, q], [q, s]]
(a Hessian): which directions H only stretches, and how the curvature uᵀHu along a direction
u depends on it.

Left: the unit circle of directions u, one direction u at the chosen angle and its image Hu,
the ellipse {Hu : |u| = 1} with the eigenvectors along its axes. Right: the curvature uᵀHu
against the angle of u, between the two eigenvalues (its smallest and largest values).
Positive definite (a bowl) means the whole curve is above zero.
"""
from __future__ import annotations

import math

import numpy as np

from .scene import Scene
from .style import BLUE, GREY, INK, ORANGE, VERMILION, is_narrow, ticks_for_width, two_panels
from .tangent import fmt

LIMIT = 3.8                 # the left panel's half-width: |λ| <= |p + s|/2 + sqrt(((p - s)/2)² + q²) <= 3.5
CURVATURE_LIMIT = 3.8


def eigen(p: float, q: float, s: float) -> tuple[tuple[float, float], tuple[tuple[float, float], tuple[float, float]]]:
    """The eigenvalues (smaller first) of [[p, q], [q, s]] and their unit eigenvectors, by formula:
    λ = m ∓ r with m = (p + s)/2 and r = sqrt(((p − s)/2)² + q²), the roots of λ² − (p + s)λ + ps − q²."""
    m, r = (p + s) / 2, math.hypot((p - s) / 2, q)
    low, high = m - r, m + r
    if r < 1e-12:                       # a multiple of the identity: every direction is an eigenvector
        return (low, high), ((0.0, 1.0), (1.0, 0.0))
    angle = 0.5 * math.atan2(2 * q, p - s)          # the direction of the larger eigenvalue
    big = (math.cos(angle), math.sin(angle))
    small = (-big[1], big[0])
    return (low, high), (small, big)


def curvature(p: float, q: float, s: float, angle) -> np.ndarray:
    """uᵀHu for the unit vector u at ``angle`` (radians): the second derivative of ½ xᵀHx along u."""
    c, d = np.cos(angle), np.sin(angle)
    return p * c * c + 2 * q * c * d + s * d * d


def definiteness(low: float, high: float, tol: float = 1e-9) -> str:
    if low > tol:
        return "positive definite"
    if high < -tol:
        return "negative definite"
    if low < -tol and high > tol:
        return "indefinite"
    return "semi-definite"


SHAPES = {
    "positive definite": "a bowl: the surface curves up in every direction, so a flat point is a minimum",
    "negative definite": "a dome: the surface curves down in every direction, so a flat point is a maximum",
    "indefinite": "a saddle: the surface curves up along one eigenvector and down along the other",
    "semi-definite": "a trough or a ridge: along one eigenvector the curvature is zero, and the test cannot tell",
}


class EigenScene(Scene):
    """Sliders p, q, s (the matrix) and ``angle`` (degrees, the direction u)."""

    aspect = 0.5
    params = {"p": 2.0, "q": 1.0, "s": 2.0, "angle": 20.0}

    def build(self, fig) -> None:
        self.fig = fig
        self.left, self.right = two_panels(fig, wide_aspect=0.5, tall_aspect=1.5)
        left, right = self.left, self.right
        left.set_xlim(-LIMIT, LIMIT)
        left.set_ylim(-LIMIT, LIMIT)
        left.set_aspect("equal")
        left.set_title("directions u (black), images Hu (orange)", fontsize=9 if is_narrow(fig) else 10)
        t = np.linspace(0, 2 * math.pi, 200)
        left.plot(np.cos(t), np.sin(t), color=GREY, linewidth=1, label="|u| = 1")
        ticks_for_width(fig, left, wide=5, narrow=5)
        self.ellipse, = left.plot([], [], color=BLUE, linewidth=1.2, alpha=0.6, animated=True)
        self.eigen_lines = [left.plot([], [], "--", color=colour, linewidth=1.2, animated=True)[0]
                            for colour in (VERMILION, BLUE)]
        self.u_line, = left.plot([], [], color=INK, linewidth=2.2, animated=True)
        self.hu_line, = left.plot([], [], color=ORANGE, linewidth=2.2, animated=True)
        self.u_tip, = left.plot([], [], "o", color=INK, markersize=5, animated=True)
        self.hu_tip, = left.plot([], [], "o", color=ORANGE, markersize=5, animated=True)
        right.set_xlim(0, 180)
        right.set_ylim(-CURVATURE_LIMIT, CURVATURE_LIMIT)
        right.set_xlabel("angle of u (degrees)")
        right.set_ylabel(r"curvature $u^T H u$")
        right.axhline(0, color=GREY, linewidth=1)
        right.set_xticks([0, 45, 90, 135, 180])
        self.angles = np.linspace(0, 180, 181)
        self.curve, = right.plot([], [], color=INK, linewidth=1.8, animated=True)
        self.level_lines = [right.axhline(0, color=colour, linestyle="--", linewidth=1.2, animated=True)
                            for colour in (VERMILION, BLUE)]
        self.marker, = right.plot([], [], "o", color=ORANGE, markersize=7, animated=True)
        self.verdict = right.text(0.5, 1.03, "", transform=right.transAxes, ha="center", va="bottom",
                                  fontsize=8.5 if is_narrow(fig) else 9.5, color=INK, animated=True)
        self.apply()

    def matrix(self) -> tuple[float, float, float]:
        return tuple(float(self.params[k]) for k in ("p", "q", "s"))

    def u(self) -> tuple[float, float]:
        a = math.radians(float(self.params["angle"]))
        return math.cos(a), math.sin(a)

    def hu(self) -> tuple[float, float]:
        p, q, s = self.matrix()
        x, y = self.u()
        return p * x + q * y, q * x + s * y

    def apply(self) -> bool:
        p, q, s = self.matrix()
        (low, high), (small, big) = eigen(p, q, s)
        t = np.linspace(0, 2 * math.pi, 200)
        self.ellipse.set_data(p * np.cos(t) + q * np.sin(t), q * np.cos(t) + s * np.sin(t))
        for line, vector in zip(self.eigen_lines, (small, big)):
            line.set_data([-LIMIT * vector[0], LIMIT * vector[0]], [-LIMIT * vector[1], LIMIT * vector[1]])
        (ux, uy), (hx, hy) = self.u(), self.hu()
        self.u_line.set_data([0, ux], [0, uy])
        self.u_tip.set_data([ux], [uy])
        self.hu_line.set_data([0, hx], [0, hy])
        self.hu_tip.set_data([hx], [hy])
        self.curve.set_data(self.angles, curvature(p, q, s, np.radians(self.angles)))
        for line, level in zip(self.level_lines, (low, high)):
            line.set_ydata([level, level])
        self.marker.set_data([float(self.params["angle"]) % 180], [self.curvature()])
        self.verdict.set_text(f"$\\lambda_1$ = {fmt(low, 2)}, $\\lambda_2$ = {fmt(high, 2)}: {definiteness(low, high)}")
        self.animated = [self.ellipse, *self.eigen_lines, self.u_line, self.hu_line, self.u_tip, self.hu_tip,
                         self.curve, *self.level_lines, self.marker, self.verdict]
        return False

    def curvature(self) -> float:
        p, q, s = self.matrix()
        return float(curvature(p, q, s, math.radians(float(self.params["angle"]))))

    def eigenvalues(self) -> tuple[float, float]:
        return eigen(*self.matrix())[0]

    def aligned(self, tol: float = 0.02) -> str:
        """"" or which eigenvector u lies along (up to sign)."""
        (low, high), (small, big) = eigen(*self.matrix())
        ux, uy = self.u()
        if abs(high - low) < 1e-9:
            return "both"
        for name, vector in (("the first", small), ("the second", big)):
            if abs(abs(ux * vector[0] + uy * vector[1]) - 1) < tol:
                return name
        return ""

    def describe(self) -> str:
        p, q, s = self.matrix()
        low, high = self.eigenvalues()
        kind = definiteness(low, high)
        (hx, hy), angle = self.hu(), float(self.params["angle"])
        along = self.aligned()
        where = ("u lies along an eigenvector, so Hu points the same way as u (or exactly the other way), "
                 "only stretched" if along else "u is not an eigenvector, so Hu points in another direction")
        return (f"The matrix H = [[{fmt(p, 2)}, {fmt(q, 2)}], [{fmt(q, 2)}, {fmt(s, 2)}]] has eigenvalues "
                f"{fmt(low, 2)} and {fmt(high, 2)}, so it is {kind}: {SHAPES[kind]}. Left: the direction u at "
                f"{angle:g}° and its image Hu = ({fmt(hx, 2)}, {fmt(hy, 2)}); {where}. Right: the curvature "
                f"uᵀHu against the angle of u, which swings between the two eigenvalues; at {angle:g}° it is "
                f"{fmt(self.curvature(), 2)}.")

    def readouts(self) -> dict[str, str]:
        p, q, s = self.matrix()
        low, high = self.eigenvalues()
        return {"matrix": f"[[{fmt(p, 2)}, {fmt(q, 2)}], [{fmt(q, 2)}, {fmt(s, 2)}]]",
                "eigenvalues": f"{fmt(low, 2)} and {fmt(high, 2)}", "curvature": fmt(self.curvature(), 2),
                "kind": definiteness(low, high)}
