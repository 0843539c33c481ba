"""Why least squares: with Gaussian noise, the most likely line is the one with the smallest χ².

Left: the line y = m x + c through the lesson's ten measurements, and at each x_i the bell
curve of where a measurement would land if this line were true (a normal distribution of width
σ centred on the line, drawn sideways); a tick shows how high the real measurement sits on its
bell, its probability density. Right: each measurement's log density, −(r_i/σ)²/2 (above the
bell's constant), as a bar; the bars add up to ln L = −χ²/2 + constant, so the line that makes
the data most likely (all bars short) is the least-squares line.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.collections import LineCollection

from ..fitting import LINE_SIGMA, LINE_X, LINE_Y, best_line, chi2_line, fmt
from .regression import C_RANGE, M_RANGE, clamp
from .scene import Scene
from .style import BLUE, GREY, ORANGE, VERMILION, is_narrow, ticks_for_width, two_panels

BELL_WIDTH = 0.8             # how far (in x) a bell's peak reaches to the right of its point
BAR_FLOOR = -9.5             # the right panel's lowest log density shown


def log_density(r, sigma):
    """ln of the normal density at residual r (width sigma): −r²/(2σ²) − ln(σ√(2π))."""
    r, sigma = np.asarray(r, float), np.asarray(sigma, float)
    return -(r / sigma) ** 2 / 2 - np.log(sigma * math.sqrt(2 * math.pi))


class LikelihoodScene(Scene):
    """Sliders ``m`` and ``c``: a line, its bells and each measurement's log density."""

    aspect = 0.5
    params = {"m": 0.5, "c": 4.0}

    def __init__(self, x=LINE_X, y=LINE_Y, sigma=LINE_SIGMA, **params):
        super().__init__(**params)
        self.x, self.y, self.sigma = (np.asarray(v, float) for v in (x, y, sigma))
        self.best = best_line(self.x, self.y, self.sigma)
        self.u = np.linspace(-3, 3, 41)              # a bell, in units of sigma

    def build(self, fig) -> None:
        self.fig = fig
        self.data_ax, self.bar_ax = two_panels(fig, wide_aspect=0.5)
        ax = self.data_ax
        ax.plot(self.x, self.y, "o", color=BLUE, markersize=5, zorder=4)
        ax.set_xlim(0, 11.8)
        ax.set_ylim(-1, 15)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title("a bell of width σ about the line", fontsize=9 if is_narrow(fig) else 10)
        ticks_for_width(fig, ax, wide=6, narrow=5)
        self.line, = ax.plot([], [], color=ORANGE, linewidth=2, animated=True)
        self.bells, = ax.plot([], [], color=GREY, linewidth=1, animated=True)
        self.ticks, = ax.plot([], [], color=VERMILION, linewidth=2.2, animated=True)
        bars = self.bar_ax
        bars.set_xlim(0.3, len(self.x) + 0.7)
        bars.set_ylim(BAR_FLOOR, 0.4)
        bars.axhline(0, color=GREY, linewidth=1)
        bars.set_xlabel("measurement i")
        bars.set_ylabel("−(rᵢ / σ)² / 2")      # plain text: this page's only mathtext cost ~100 ms at first draw
        bars.set_xticks(range(1, len(self.x) + 1, 1 if len(self.x) <= 10 else 2))
        bars.set_title("log densities: together, −χ²/2", fontsize=9 if is_narrow(fig) else 10)
        self.bars = LineCollection([], colors=VERMILION, linewidths=7 if fig.get_figwidth() > 4.6 else 5,
                                   animated=True)
        bars.add_collection(self.bars)
        self.apply()

    def mc(self) -> tuple[float, float]:
        return (clamp(float(self.params.get("m", 0.5)), *M_RANGE),
                clamp(float(self.params.get("c", 4.0)), *C_RANGE))

    def residuals(self) -> np.ndarray:
        m, c = self.mc()
        return self.y - (m * self.x + c)

    def chi2(self) -> float:
        return chi2_line(*self.mc(), self.x, self.y, self.sigma)

    def log_likelihood(self) -> float:
        """ln L: the sum of the measurements' log densities."""
        return float(np.sum(log_density(self.residuals(), self.sigma)))

    def relative_likelihood(self) -> float:
        """L / L at the best line = exp(−(χ² − χ²_min)/2)."""
        best = chi2_line(*self.best, self.x, self.y, self.sigma)
        return math.exp(-(self.chi2() - best) / 2)

    def apply(self) -> bool:
        m, c = self.mc()
        xs = np.array([0.0, 11.8])
        self.line.set_data(xs, m * xs + c)
        fit = m * self.x + c
        peak = np.exp(-self.u ** 2 / 2)                                 # the bell, 1 at its centre
        bx = np.concatenate([np.append(x + BELL_WIDTH * peak, np.nan) for x in self.x])
        by = np.concatenate([np.append(f + s * self.u, np.nan) for f, s in zip(fit, self.sigma)])
        self.bells.set_data(bx, by)
        z = self.residuals() / self.sigma
        heights = np.exp(-z ** 2 / 2)
        tx = np.column_stack([self.x, self.x + BELL_WIDTH * heights, np.full_like(self.x, np.nan)]).ravel()
        ty = np.column_stack([self.y, self.y, np.full_like(self.y, np.nan)]).ravel()
        self.ticks.set_data(tx, ty)
        tops = np.maximum(-z ** 2 / 2, BAR_FLOOR)
        self.bars.set_segments([[(i + 1, 0.0), (i + 1, t)] for i, t in enumerate(tops)])
        self.animated = [self.bells, self.line, self.ticks, self.bars]
        return False

    def describe(self) -> str:
        m, c = self.mc()
        z = self.residuals() / self.sigma
        worst = int(np.argmax(np.abs(z)))
        bm, bc = self.best
        return (f"Left: the ten measurements, the line y = {fmt(m, 2)} x + {fmt(c, 2)}, and at each x a bell curve "
                f"of width σ = {fmt(self.sigma[0], 1)} centred on the line: where a measurement would land if this "
                f"line were true. Each measurement sits {fmt(float(np.min(np.abs(z))), 2)} to "
                f"{fmt(float(np.max(np.abs(z))), 2)} widths from the centre of its bell; the furthest is at x = "
                f"{fmt(self.x[worst], 0)}. Right: each measurement's log density, −(r/σ)²/2, as a bar; the bars add "
                f"up to {fmt(float(np.sum(-z ** 2 / 2)), 2)}, which is −χ²/2 with χ² = {fmt(self.chi2(), 2)}. The "
                f"likelihood of this line is {self.relative_likelihood():.3g} times that of the least-squares "
                f"line y = {fmt(bm, 3)} x + {fmt(bc, 3)}, the most likely one.")

    def readouts(self) -> dict[str, str]:
        m, c = self.mc()
        return {"m": fmt(m, 2), "c": fmt(c, 2), "chi2": fmt(self.chi2(), 2),
                "logl": fmt(self.log_likelihood(), 2), "relative": f"{self.relative_likelihood():.3g}"}
