"""The Hessian tells a minimum, a maximum and a saddle: f(x, y) = c x² + a y² + b x y.

At the stationary point (0, 0) the Hessian is H = [[2c, b], [b, 2a]] with determinant
4ac − b². Sliders change a, b and c, and the contours follow (an animated contour set,
coarse while dragging, fine when let go: see ``LiveContours``).
"""
from __future__ import annotations

import numpy as np

from .contour import LiveContours
from .scene import Scene
from .style import INK, is_narrow, ticks_for_width
from .tangent import LABEL_BOX, fmt

LEVELS = (-6, -4, -2.5, -1.5, -0.75, -0.25, 0.25, 0.75, 1.5, 2.5, 4, 6)


def quadratic(x, y, a: float, b: float, c: float):
    return c * x**2 + a * y**2 + b * x * y


def hessian(a: float, b: float, c: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """The matrix of second partial derivatives of c x² + a y² + b x y (the same everywhere)."""
    return ((2 * c, b), (b, 2 * a))


def verdict(H) -> str:
    """'minimum', 'maximum', 'saddle' or 'undecided' (determinant zero), by the Hessian test."""
    (fxx, fxy), (fyx, fyy) = H
    det = fxx * fyy - fxy * fyx
    if abs(det) < 1e-9:
        return "undecided"
    if det < 0:
        return "saddle"
    return "minimum" if fxx > 0 else "maximum"


WORDS = {
    "minimum": "a minimum: det H > 0 and ∂²f/∂x² > 0, so the surface curves up in every direction",
    "maximum": "a maximum: det H > 0 and ∂²f/∂x² < 0, so the surface curves down in every direction",
    "saddle": "a saddle point: det H < 0, so the surface curves up one way and down another",
    "undecided": "the test cannot tell: det H = 0, so along one direction the surface is flat to second order",
}


class HessianScene(Scene):
    """Contours of c x² + a y² + b x y around the stationary point (0, 0), with the verdict."""

    aspect = 0.8
    drafts = True
    params = {"a": 1.0, "b": 0.0, "c": 1.0}
    RANGE = (-2.0, 2.0)

    def build(self, fig) -> None:
        ax = self.ax = fig.add_subplot()
        ax.set_xlim(*self.RANGE)
        ax.set_ylim(*self.RANGE)
        ax.set_aspect("equal")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ticks_for_width(fig, ax, wide=5, narrow=5)
        ax.plot([0], [0], "o", color=INK, markersize=6, zorder=6)
        self.contours = LiveContours(
            ax, lambda X, Y, key: quadratic(X, Y, *key), self.RANGE, self.RANGE, LEVELS, filled=True,
            cmap="RdBu_r", linewidths=1.0)
        self.title = ax.text(0.5, 1.02, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=10,
                             color=INK, animated=True)
        self.label = ax.text(0.02, 0.02, "", transform=ax.transAxes, fontsize=10, color=INK, bbox=LABEL_BOX,
                             animated=True, zorder=8)
        fig.subplots_adjust(left=0.14 if is_narrow(fig) else 0.1, right=0.97, top=0.91, bottom=0.1)

    def key(self) -> tuple[float, float, float]:
        return tuple(float(self.params[k]) for k in ("a", "b", "c"))

    def apply(self) -> bool:
        a, b, c = self.key()
        self.contours.update((a, b, c), self.draft)
        self.title.set_text(f"f = {_poly(a, b, c)}")
        self.label.set_text(self.verdict())
        self.animated = [*self.contours.artists, self.title, self.label]
        return False

    def H(self):
        return hessian(*self.key())

    def det(self) -> float:
        (p, q), (r, s) = self.H()
        return p * s - q * r

    def verdict(self) -> str:
        return verdict(self.H())

    def describe(self) -> str:
        a, b, c = self.key()
        (p, q), (_, s) = self.H()
        return (f"A contour map of f(x, y) = {_poly(a, b, c)} for x and y from −2 to 2 (red high, blue low), "
                f"with its stationary point at the origin. The Hessian is [[{fmt(p, 2)}, {fmt(q, 2)}], "
                f"[{fmt(q, 2)}, {fmt(s, 2)}]], its determinant is {fmt(self.det(), 2)}: the origin is "
                f"{WORDS[self.verdict()]}.")

    def readouts(self) -> dict[str, str]:
        (p, q), (_, s) = self.H()
        return {"hessian": f"[[{fmt(p, 2)}, {fmt(q, 2)}], [{fmt(q, 2)}, {fmt(s, 2)}]]",
                "det": fmt(self.det(), 2), "fxx": fmt(p, 2), "verdict": self.verdict()}


def _poly(a: float, b: float, c: float) -> str:
    """c x² + a y² + b x y in words, dropping zero terms: '1 x² − 0.5 y² + 2 x y'."""
    terms = [(c, "x²"), (a, "y²"), (b, "xy")]
    out = ""
    for value, name in terms:
        if abs(value) < 1e-12:
            continue
        size = f"{abs(value):g}"
        body = name if size == "1" else f"{size}{name}"
        if not out:
            out = ("−" if value < 0 else "") + body
        else:
            out += (" − " if value < 0 else " + ") + body
    return out or "0"
