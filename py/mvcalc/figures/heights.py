"""The heights lab: a normalised histogram of (synthetic) heights with a Gaussian over it,
and chi^2 = sum_i (y_i - f(x_i; mu, sig))^2 over (mu, sig) as a contour map with the
path of a steepest-descent fit.

Parameters ``mu`` and ``sig`` (the curve); ``show_path(path, upto)`` draws the first
``upto`` points of a fit's path and moves the curve with them, so the page can animate a
fit made in the worker a few steps per frame.
"""
from __future__ import annotations

import numpy as np

from ..fitting import BIN_EDGES, BIN_WIDTH, GAUSSIAN, chi2, chi2_grid, fmt, gaussian, heights_histogram
from .regression import LABEL_BOX, clamp
from .style import two_panels
from .scene import Scene
from .style import BLUE, GREEN, GREY, INK, ORANGE, SKY, VERMILION, ticks_for_width

MU_RANGE = (145.0, 190.0)
SIG_RANGE = (3.0, 22.0)
X_SHOWN = (125.0, 215.0)


class HeightsScene(Scene):
    aspect = 0.5
    params = {"mu": 155.0, "sig": 6.0}

    def __init__(self, **params):
        super().__init__(**params)
        self.x, self.y = heights_histogram()
        self.path: list[tuple[float, float]] = []
        self.label = ""

    def show_path(self, path, upto: int | None = None, label: str = "") -> None:
        """Show the fit's path up to point ``upto`` (all of it when None); the curve follows its end."""
        path = [tuple(float(v) for v in p) for p in path]
        self.path = path[: len(path) if upto is None else max(1, upto)]
        self.label = label or self.label
        if self.path:
            self.params["mu"], self.params["sig"] = self.path[-1]

    def clear_path(self) -> None:
        self.path, self.label = [], ""

    def mu_sig(self) -> tuple[float, float]:
        return (clamp(float(self.params["mu"]), -1e6, 1e6), clamp(float(self.params["sig"]), 1e-3, 1e6))

    def chi2(self) -> float:
        return chi2(GAUSSIAN, self.mu_sig(), self.x, self.y)

    def build(self, fig) -> None:
        self.fig = fig
        self.hist_ax, self.map_ax = two_panels(fig, wide_aspect=0.5)
        ax = self.hist_ax
        ax.bar(BIN_EDGES[:-1], self.y, width=BIN_WIDTH, align="edge", color=SKY, edgecolor="white",
               linewidth=0.5)
        ax.set_xlim(*X_SHOWN)
        ax.set_ylim(0, 0.075)
        ax.set_xlabel("height (cm)")
        ax.set_ylabel("fraction per cm")
        ticks_for_width(fig, ax, wide=5, narrow=5)
        self.xs = np.linspace(*X_SHOWN, 300)
        self.curve, = ax.plot([], [], color=VERMILION, linewidth=2.2, animated=True)
        self.text = ax.text(0.03, 0.96, "", transform=ax.transAxes, va="top", fontsize=9.5, animated=True,
                            bbox=LABEL_BOX)
        mus, sigs = np.linspace(*MU_RANGE, 120), np.linspace(*SIG_RANGE, 120)
        grid = chi2_grid(GAUSSIAN, mus, sigs, self.x, self.y)
        low = float(grid.min())
        levels = low + (grid.max() - low) * np.geomspace(1e-3, 1, 15)
        mp = self.map_ax
        mp.contourf(mus, sigs, grid, levels=np.concatenate([[low], levels]), cmap="Blues_r", alpha=0.55)
        mp.contour(mus, sigs, grid, levels=levels, colors=GREY, linewidths=0.6)
        mp.set_xlim(*MU_RANGE)
        mp.set_ylim(*SIG_RANGE)
        mp.set_xlabel("μ (cm)")
        mp.set_ylabel("σ (cm)")
        mp.set_title("χ² over (μ, σ)", fontsize=10)
        mp.grid(False)
        self.trail, = mp.plot([], [], "-", color=VERMILION, marker=".", markersize=3, linewidth=1.3,
                              animated=True)
        self.first, = mp.plot([], [], "s", color=GREEN, markeredgecolor=INK, markersize=7, animated=True)
        self.head, = mp.plot([], [], "o", color=ORANGE, markeredgecolor=INK, markersize=8, animated=True)
        self.animated = [self.curve, self.text, self.trail, self.first, self.head]

    def apply(self) -> bool:
        mu, sig = self.mu_sig()
        self.curve.set_data(self.xs, gaussian(self.xs, mu, sig))
        head = f"{self.label}, step {len(self.path) - 1}\n" if self.path else ""
        self.text.set_text(f"{head}μ = {fmt(mu, 2)} cm, σ = {fmt(sig, 2)} cm\nχ² = {self.chi2():.3e}")
        if self.path:
            path = np.array(self.path)
            self.trail.set_data(path[:, 0], path[:, 1])
            self.first.set_data([path[0, 0]], [path[0, 1]])
        else:
            self.trail.set_data([], [])
            self.first.set_data([], [])
        self.head.set_data([mu], [sig])
        return False

    def describe(self) -> str:
        mu, sig = self.mu_sig()
        text = (f"Left: a histogram of 10,000 synthetic adult heights in bins of 2.5 cm, normalised to area 1, "
                f"with the Gaussian of mean mu = {fmt(mu, 2)} cm and width sigma = {fmt(sig, 2)} cm drawn over it. "
                f"chi-squared, the sum of squared gaps between the bars and the curve, is {self.chi2():.3e}. "
                f"Right: a contour map of chi-squared over mu and sigma with the current point marked")
        if len(self.path) > 1:
            text += (f", and the path of the fit ({self.label}) from mu = {fmt(self.path[0][0], 2)}, sigma = "
                     f"{fmt(self.path[0][1], 2)}, {len(self.path) - 1} steps so far")
        return text + "."

    def readouts(self) -> dict[str, str]:
        mu, sig = self.mu_sig()
        return {"mu": fmt(mu, 3), "sig": fmt(sig, 3), "chi2": f"{self.chi2():.4e}",
                "steps": str(max(len(self.path) - 1, 0))}
