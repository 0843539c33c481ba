"""Non-linear least squares by gradient descent: fitting y = a e^(-b x) to a decay.

Left: the measurements and the current curve. Right: chi^2 over (a, b) as contours,
with the path the descent has taken, step by step: each step is
(a, b) <- (a, b) - gamma * (d chi^2/da, d chi^2/db). The page steps the scene
(``step(n)``) a few steps per animation frame, so the path grows smoothly and no task
on the page is long. A second scene shows the descent's answer beside another one
(scipy's curve_fit, computed in the worker), with its uncertainties.
"""
from __future__ import annotations

import math

import numpy as np

from ..fitting import DECAY, DECAY_SIGMA, DECAY_X, DECAY_Y, chi2, chi2_gradient, chi2_grid, fmt
from .regression import LABEL_BOX, clamp
from .style import two_panels
from .scene import Scene
from .style import BLUE, GREEN, GREY, INK, ORANGE, VERMILION, ticks_for_width

A_RANGE = (0.5, 8.0)
B_RANGE = (0.05, 1.5)
MAX_STEPS = 5000


class DescentScene(Scene):
    """Parameters: the start ``a0``, ``b0`` and the step size ``gamma``; changing any of
    them starts a new path. ``step(n)`` takes n more steps."""

    aspect = 0.5
    params = {"a0": 2.0, "b0": 0.2, "gamma": 0.0003}

    def __init__(self, model=DECAY, x=DECAY_X, y=DECAY_Y, sigma=DECAY_SIGMA, **params):
        super().__init__(**params)
        self.model = model
        self.x, self.y, self.sigma = (np.asarray(v, float) for v in (x, y, sigma))
        self.origin = None
        self.path: list[tuple[float, float]] = []
        self.status = "ready"          # ready, running, converged, stalled, diverged, limit
        self.restart()

    # --- the descent itself --------------------------------------------------------------
    def start(self) -> tuple[float, float, float]:
        return (clamp(float(self.params["a0"]), *A_RANGE), clamp(float(self.params["b0"]), *B_RANGE),
                float(self.params["gamma"]))

    def restart(self) -> None:
        a0, b0, gamma = self.origin = self.start()
        self.path = [(a0, b0)]
        self.status = "ready"

    def chi2_at(self, p) -> float:
        return chi2(self.model, p, self.x, self.y, self.sigma)

    def step(self, n: int = 1) -> int:
        """Take up to ``n`` steps; returns how many were taken (0 once converged or diverged)."""
        gamma = self.origin[2]
        taken = 0
        for _ in range(n):
            if self.done:
                break
            p = np.array(self.path[-1])
            new = p - gamma * chi2_gradient(self.model, p, self.x, self.y, self.sigma)
            if not np.all(np.isfinite(new)) or not math.isfinite(self.chi2_at(new)) or abs(new[1]) > 1e3:
                self.status = "diverged"
                break
            self.path.append((float(new[0]), float(new[1])))
            taken += 1
            if self.chi2_at(new) > 1e3 * max(self.chi2_at(self.path[0]), 1.0):
                self.status = "diverged"
            elif np.max(np.abs(new - p) / np.maximum(1.0, np.abs(p))) < 1e-9:
                # flat ground: the bottom of the valley, or a plateau far off the map
                inside = A_RANGE[0] <= new[0] <= A_RANGE[1] and B_RANGE[0] <= new[1] <= B_RANGE[1]
                self.status = "converged" if inside else "stalled"
            elif len(self.path) > MAX_STEPS:
                self.status = "limit"
            else:
                self.status = "running"
        return taken

    @property
    def done(self) -> bool:
        return self.status in ("converged", "stalled", "diverged", "limit")

    def current(self) -> tuple[float, float]:
        return self.path[-1]

    # --- drawing -----------------------------------------------------------------------------
    def build(self, fig) -> None:
        self.fig = fig
        self.data_ax, self.map_ax = two_panels(fig, wide_aspect=0.5)
        ax = self.data_ax
        ax.errorbar(self.x, self.y, yerr=self.sigma, fmt="o", color=BLUE, capsize=3, markersize=5, zorder=3)
        ax.set_xlim(-0.2, 6)
        ax.set_ylim(-0.5, 8)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ticks_for_width(fig, ax, wide=6, narrow=5)
        self.xs = np.linspace(-0.2, 6, 200)
        self.curve, = ax.plot([], [], color=ORANGE, linewidth=2, animated=True)
        self.text = ax.text(0.97, 0.96, "", transform=ax.transAxes, ha="right", va="top", fontsize=9.5,
                            animated=True, bbox=LABEL_BOX)
        a_s, b_s = np.linspace(*A_RANGE, 140), np.linspace(*B_RANGE, 140)
        grid = chi2_grid(self.model, a_s, b_s, self.x, self.y, self.sigma)
        low = float(grid.min())
        levels = low + np.geomspace(1.0, grid.max() - low, 16)
        mp = self.map_ax
        mp.contourf(a_s, b_s, grid, levels=np.concatenate([[low], levels]), cmap="Blues_r", alpha=0.55)
        mp.contour(a_s, b_s, grid, levels=levels, colors=GREY, linewidths=0.6)
        mp.set_xlim(*A_RANGE)
        mp.set_ylim(*B_RANGE)
        mp.set_xlabel("a")
        mp.set_ylabel("b")
        mp.set_title("χ² over (a, b) and the path", fontsize=10)
        mp.grid(False)
        self.trail, = mp.plot([], [], "-", color=VERMILION, linewidth=1.4, marker=".", markersize=3,
                              animated=True)
        self.first, = mp.plot([], [], "s", color=GREEN, markeredgecolor=INK, markersize=7, animated=True)
        self.head, = mp.plot([], [], "o", color=ORANGE, markeredgecolor=INK, markersize=8, animated=True)
        self.animated = [self.curve, self.text, self.trail, self.first, self.head]

    def apply(self) -> bool:
        if self.start() != self.origin:
            self.restart()
        a, b = self.current()
        self.curve.set_data(self.xs, self.model(self.xs, a, b))
        path = np.array(self.path)
        shown = path if len(path) <= 600 else path[np.unique(np.linspace(0, len(path) - 1, 600).astype(int))]
        self.trail.set_data(shown[:, 0], shown[:, 1])
        self.first.set_data([path[0, 0]], [path[0, 1]])
        self.head.set_data([a], [b])
        self.text.set_text(f"step {len(self.path) - 1}\na = {fmt(a, 3)}, b = {fmt(b, 3)}\n"
                           f"χ² = {fmt(self.chi2_at((a, b)), 2)}")
        return False

    def status_text(self) -> str:
        return {"ready": "ready to start",
                "running": "descending",
                "converged": "converged: the steps have become too small to matter",
                "stalled": ("stalled on a plateau off the map: b is so large that the curve is zero beyond the "
                            "first point, chi-squared is flat there and the gradient vanishes"),
                "diverged": "diverged: the step size is too large, each step overshoots the valley",
                "limit": f"stopped after {MAX_STEPS} steps: the step size is small, or the valley long"}[self.status]

    def describe(self) -> str:
        a, b = self.current()
        a0, b0, gamma = self.origin
        return (f"Left: {len(self.x)} measurements of a decay with error bars, and the curve "
                f"y = {fmt(a, 3)} e^(−{fmt(b, 3)} x). Right: contours of chi-squared over a and b, with the "
                f"path of gradient descent from a = {fmt(a0, 2)}, b = {fmt(b0, 2)} with step size "
                f"gamma = {gamma:g}: {len(self.path) - 1} steps so far, now at a = {fmt(a, 3)}, b = {fmt(b, 3)}, "
                f"chi-squared {fmt(self.chi2_at((a, b)), 2)}; {self.status_text()}.")

    def readouts(self) -> dict[str, str]:
        a, b = self.current()
        g = chi2_gradient(self.model, (a, b), self.x, self.y, self.sigma)
        return {"steps": str(len(self.path) - 1), "a": fmt(a, 4), "b": fmt(b, 4),
                "chi2": fmt(self.chi2_at((a, b)), 3), "grad": f"({fmt(g[0], 2)}, {fmt(g[1], 2)})",
                "status": self.status_text()}


class CompareScene(Scene):
    """The data with up to two fitted curves: ``set_fit(label, (a, b), errors)``."""

    aspect = 0.6

    def __init__(self, model=DECAY, x=DECAY_X, y=DECAY_Y, sigma=DECAY_SIGMA, **params):
        super().__init__(**params)
        self.model = model
        self.x, self.y, self.sigma = (np.asarray(v, float) for v in (x, y, sigma))
        self.fits: dict[str, tuple] = {}

    def set_fit(self, label: str, params, errors=None) -> None:
        self.fits[label] = (tuple(float(v) for v in params), None if errors is None else
                            tuple(float(v) for v in errors))

    def build(self, fig) -> None:
        ax = self.ax = fig.add_subplot()
        ax.errorbar(self.x, self.y, yerr=self.sigma, fmt="o", color=BLUE, capsize=3, markersize=5, zorder=3,
                    label="measurements")
        ax.set_xlim(-0.2, 6)
        ax.set_ylim(-0.5, 6)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ticks_for_width(fig, ax)
        self.xs = np.linspace(-0.2, 6, 200)
        self.lines = [ax.plot([], [], color=c, linewidth=w, linestyle=s, animated=True)[0]
                      for c, w, s in ((ORANGE, 2.4, "-"), (INK, 1.4, (0, (5, 3))))]
        self.legend_text = ax.text(0.97, 0.96, "", transform=ax.transAxes, ha="right", va="top", fontsize=9.5,
                                   animated=True, bbox=LABEL_BOX)
        self.animated = [*self.lines, self.legend_text]
        fig.tight_layout()

    def apply(self) -> bool:
        lines = []
        for line, (label, (p, err)) in zip(self.lines, self.fits.items()):
            line.set_data(self.xs, self.model(self.xs, *p))
            lines.append(f"{'—' if line is self.lines[0] else '- -'} {label}: a = {fmt(p[0], 3)}, b = {fmt(p[1], 3)}")
        for line in self.lines[len(self.fits):]:
            line.set_data([], [])
        self.legend_text.set_text("\n".join(lines) if lines else "no fit yet")
        return False

    def describe(self) -> str:
        if not self.fits:
            return (f"{len(self.x)} measurements of a decay with error bars; no fitted curve yet: run the "
                    "descent in section 3, or curve_fit with the button above.")
        parts = []
        for label, (p, err) in self.fits.items():
            text = f"{label}: a = {fmt(p[0], 3)}, b = {fmt(p[1], 3)}"
            if err:
                text += f" (standard errors {fmt(err[0], 3)} and {fmt(err[1], 3)})"
            parts.append(text)
        return f"{len(self.x)} measurements of a decay with error bars and the fitted curves y = a e^(−b x). " + \
            "; ".join(parts) + "."
