"""Fitting a straight line by minimising chi-squared, drawn two ways at once.

Left: the measurements with their error bars, the line y = m x + c and each residual
(the vertical gap from a point to the line). Right: chi^2 over every (m, c) as a contour
map, with the current line's (m, c) marked; clicking or dragging on the map, or the arrow
keys, move the line. A second scene cuts the bowl along m and along c, so the two partial
derivatives that vanish at the best fit can be seen as slopes of parabolas.
"""
from __future__ import annotations

import numpy as np

from ..fitting import (LINE_SIGMA, LINE_X, LINE_Y, best_line, chi2_line, chi2_line_gradient,
                       chi2_line_grid, fmt)
from .scene import Scene
from .style import BLUE, GREY, INK, ORANGE, VERMILION, ticks_for_width, two_panels

M_RANGE = (0.0, 2.0)
C_RANGE = (-4.0, 7.0)
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1}


def clamp(value: float, low: float, high: float) -> float:
    return float(min(max(value, low), high))


class LineFitScene(Scene):
    """Parameters ``m`` (slope) and ``c`` (intercept); ``armed`` lets the pointer move them
    (the page arms it while a button is pressed on the figure, so hovering changes nothing)."""

    aspect = 0.5
    params = {"m": 0.5, "c": 4.0}
    armed = False

    def __init__(self, x=LINE_X, y=LINE_Y, sigma=LINE_SIGMA, **params):
        super().__init__(**params)
        self.x, self.y, self.sigma = (np.asarray(v, float) for v in (x, y, sigma))
        self.best = best_line(self.x, self.y, self.sigma)

    def build(self, fig) -> None:
        self.fig = fig
        self.data_ax, self.map_ax = two_panels(fig, wide_aspect=0.5)
        self.pointer_axes = self.map_ax
        ax = self.data_ax
        ax.errorbar(self.x, self.y, yerr=self.sigma, fmt="o", color=BLUE, ecolor=BLUE, capsize=3,
                    markersize=5, zorder=3)
        ax.set_xlim(0, 11)
        ax.set_ylim(-1, 15)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ticks_for_width(fig, ax, wide=6, narrow=5)
        self.line, = ax.plot([], [], color=ORANGE, linewidth=2, animated=True)
        self.residuals, = ax.plot([], [], color=VERMILION, linewidth=1.6, animated=True)
        ms, cs = np.linspace(*M_RANGE, 161), np.linspace(*C_RANGE, 161)
        grid = chi2_line_grid(ms, cs, self.x, self.y, self.sigma)
        low = chi2_line(*self.best, self.x, self.y, self.sigma)
        levels = low + np.geomspace(0.5, grid.max() - low, 14)
        mp = self.map_ax
        mp.contourf(ms, cs, grid, levels=np.concatenate([[low], levels]), cmap="Blues_r", alpha=0.55)
        mp.contour(ms, cs, grid, levels=levels, colors=GREY, linewidths=0.6)
        mp.plot(*self.best, "*", color=INK, markersize=9, zorder=4)
        mp.set_xlim(*M_RANGE)
        mp.set_ylim(*C_RANGE)
        mp.set_xlabel("slope m")
        mp.set_ylabel("intercept c")
        mp.set_title("χ² over (m, c)", fontsize=10)
        mp.grid(False)
        self.marker, = mp.plot([], [], "o", color=ORANGE, markeredgecolor=INK, markersize=8, animated=True)
        # the line and chi-squared are in the readouts below the figure, not drawn as text here:
        # a text box in every blitted frame was the slowest part of a slider move
        self.animated = [self.line, self.residuals, self.marker]

    def mc(self) -> tuple[float, float]:
        return (clamp(float(self.params.get("m", 0.5)), *M_RANGE),
                clamp(float(self.params.get("c", 4.0)), *C_RANGE))

    def chi2(self) -> float:
        return chi2_line(*self.mc(), self.x, self.y, self.sigma)

    def apply(self) -> bool:
        m, c = self.mc()
        xs = np.array([0.0, 11.0])
        self.line.set_data(xs, m * xs + c)
        fit = m * self.x + c
        rx = np.repeat(self.x, 3)
        ry = np.column_stack([self.y, fit, np.full_like(fit, np.nan)]).ravel()
        rx[2::3] = np.nan
        self.residuals.set_data(rx, ry)
        self.marker.set_data([m], [c])
        return False

    # --- pointer and keys: on the contour map -------------------------------------------
    def on_pointer(self, x: float, y: float) -> bool:
        if not self.armed or not (M_RANGE[0] <= x <= M_RANGE[1] and C_RANGE[0] <= y <= C_RANGE[1]):
            return False
        self.params["m"], self.params["c"] = round(x, 2), round(y, 2)
        self.apply()
        return True

    def on_key(self, key: str) -> bool:
        m, c = self.mc()
        moves = {"ArrowRight": (m + 0.02, c), "ArrowLeft": (m - 0.02, c), "ArrowUp": (m, c + 0.1),
                 "ArrowDown": (m, c - 0.1), "PageUp": (m, c + 1.0), "PageDown": (m, c - 1.0),
                 "Home": (M_RANGE[0], c), "End": (M_RANGE[1], c), "Enter": self.best}
        if key not in moves:
            return False
        new_m, new_c = moves[key]
        exact = key == "Enter"          # the best fit itself, not rounded to the keys' grid
        self.params["m"] = clamp(new_m, *M_RANGE) if exact else round(clamp(new_m, *M_RANGE), 2)
        self.params["c"] = clamp(new_c, *C_RANGE) if exact else round(clamp(new_c, *C_RANGE), 2)
        self.apply()
        return True

    def describe(self) -> str:
        m, c = self.mc()
        r = self.y - (m * self.x + c)
        worst = int(np.argmax(np.abs(r)))
        bm, bc = self.best
        return (f"Left: {len(self.x)} measurements with error bars of ±{fmt(self.sigma[0], 1)}, and the line "
                f"y = {fmt(m, 2)} x + {fmt(c, 2)} with the residual of each point drawn to it; the largest "
                f"residual is {fmt(r[worst], 2)} at x = {fmt(self.x[worst], 0)}. chi-squared, the sum of the "
                f"squared residuals over sigma squared, is {fmt(self.chi2(), 2)}. Right: a contour map of "
                f"chi-squared over slope m and intercept c, with the current line at ({fmt(m, 2)}, {fmt(c, 2)}) "
                f"and the bottom of the bowl, the best fit, at ({fmt(bm, 3)}, {fmt(bc, 3)}), where chi-squared "
                f"is {fmt(chi2_line(bm, bc, self.x, self.y, self.sigma), 2)}.")

    def readouts(self) -> dict[str, str]:
        m, c = self.mc()
        r = self.y - (m * self.x + c)
        return {"m": fmt(m, 4), "c": fmt(c, 4), "chi2": fmt(self.chi2(), 3),
                "residual-sum": fmt(float(np.sum(r)), 2)}


class SlicesScene(Scene):
    """The chi^2 bowl cut along m (c held) and along c (m held): two parabolas whose
    tangents at the current point have slopes d chi^2/dm and d chi^2/dc."""

    aspect = 0.5
    params = {"m": 0.5, "c": 4.0}

    def __init__(self, x=LINE_X, y=LINE_Y, sigma=LINE_SIGMA, **params):
        super().__init__(**params)
        self.x, self.y, self.sigma = (np.asarray(v, float) for v in (x, y, sigma))
        self.best = best_line(self.x, self.y, self.sigma)

    def build(self, fig) -> None:
        self.m_ax, self.c_ax = two_panels(fig, wide_aspect=0.5, tall_aspect=1.3)
        self.ms, self.cs = np.linspace(*M_RANGE, 200), np.linspace(*C_RANGE, 200)
        top = 250.0
        for ax, label, span in ((self.m_ax, "slope m  (c held fixed)", M_RANGE),
                                (self.c_ax, "intercept c  (m held fixed)", C_RANGE)):
            ax.set_xlim(*span)
            ax.set_ylim(0, top)
            ax.set_xlabel(label)
            ax.set_ylabel("χ²")
            ticks_for_width(fig, ax, wide=5, narrow=5)
        self.m_curve, = self.m_ax.plot([], [], color=BLUE, animated=True)
        self.c_curve, = self.c_ax.plot([], [], color=BLUE, animated=True)
        self.m_tan, = self.m_ax.plot([], [], color=ORANGE, linewidth=1.6, animated=True)
        self.c_tan, = self.c_ax.plot([], [], color=ORANGE, linewidth=1.6, animated=True)
        self.m_pt, = self.m_ax.plot([], [], "o", color=INK, animated=True)
        self.c_pt, = self.c_ax.plot([], [], "o", color=INK, animated=True)
        # the two slopes are in the readouts below the figure, not drawn as text: text boxes
        # in every blitted frame were the slowest part of a slider move
        self.animated = [self.m_curve, self.c_curve, self.m_tan, self.c_tan, self.m_pt, self.c_pt]

    def mc(self) -> tuple[float, float]:
        return (clamp(float(self.params.get("m", 0.5)), *M_RANGE),
                clamp(float(self.params.get("c", 4.0)), *C_RANGE))

    def gradient(self) -> tuple[float, float]:
        return chi2_line_gradient(*self.mc(), self.x, self.y, self.sigma)

    def apply(self) -> bool:
        m, c = self.mc()
        here = chi2_line(m, c, self.x, self.y, self.sigma)
        gm, gc = self.gradient()
        self.m_curve.set_data(self.ms, chi2_line_grid(self.ms, [c], self.x, self.y, self.sigma)[0])
        self.c_curve.set_data(self.cs, chi2_line_grid([m], self.cs, self.x, self.y, self.sigma)[:, 0])
        dm, dc = 0.25, 1.5
        self.m_tan.set_data([m - dm, m + dm], [here - gm * dm, here + gm * dm])
        self.c_tan.set_data([c - dc, c + dc], [here - gc * dc, here + gc * dc])
        self.m_pt.set_data([m], [here])
        self.c_pt.set_data([c], [here])
        return False

    def describe(self) -> str:
        m, c = self.mc()
        gm, gc = self.gradient()
        return (f"Two cuts through the chi-squared bowl at m = {fmt(m, 2)}, c = {fmt(c, 2)}, where chi-squared is "
                f"{fmt(chi2_line(m, c, self.x, self.y, self.sigma), 2)}. Left: chi-squared against m with c held at "
                f"{fmt(c, 2)}, a parabola whose tangent at the point has slope d chi-squared / dm = {fmt(gm, 2)}. "
                f"Right: chi-squared against c with m held at {fmt(m, 2)}, with tangent slope "
                f"d chi-squared / dc = {fmt(gc, 2)}. Both slopes are zero only at the best fit, "
                f"m = {fmt(self.best[0], 3)}, c = {fmt(self.best[1], 3)}.")

    def readouts(self) -> dict[str, str]:
        gm, gc = self.gradient()
        return {"dchi2_dm": fmt(gm, 2), "dchi2_dc": fmt(gc, 2),
                "chi2": fmt(chi2_line(*self.mc(), self.x, self.y, self.sigma), 3)}
