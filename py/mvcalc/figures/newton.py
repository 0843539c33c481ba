"""Newton-Raphson's cobweb: from each guess, up to the curve, along the tangent down to the axis.

Parameters: ``case`` (a key of :data:`mvcalc.optimise.CASES_BY_KEY`), ``x0`` (the start)
and ``step`` (how many steps are drawn). The readouts ``x0``...``x8`` and ``f0``...``f8``
fill the table of iterates; a step that has not been taken yet shows "–".
"""
from __future__ import annotations

import math

import numpy as np

from ..optimise import CASES_1D, CASES_BY_KEY, newton_1d
from .scene import Scene
from .style import BLUE, GREEN, INK, ORANGE, VERMILION, centre_axes, is_narrow, ticks_for_width
from .tangent import fmt


def big_fmt(value: float, digits: int = 3) -> str:
    """As the page shows numbers, with huge ones (a diverging walk) in scientific form."""
    if value is not None and math.isfinite(value) and abs(value) >= 1e5:
        return f"{value:.3e}".replace("-", "−")
    return fmt(value, digits)

ROWS = 9          # iterates x0..x8 in the table
MAX_STEPS = 12


class NewtonScene(Scene):
    aspect = 0.62
    params = {"case": "cycle", "x0": 0.0, "step": 0.0}

    @property
    def case(self):
        return CASES_BY_KEY.get(str(self.params.get("case")), CASES_1D[1])

    def steps(self) -> int:
        return int(max(0, min(MAX_STEPS, round(float(self.params.get("step", 0))))))

    def iterates(self) -> list[float]:
        case = self.case
        return newton_1d(case.f, case.df, float(self.params.get("x0", case.x0)), MAX_STEPS)

    def build(self, fig) -> None:
        self.fig = fig
        self.ax = fig.add_subplot(1, 1, 1)
        centre_axes(self.ax)
        self.curve, = self.ax.plot([], [], color=BLUE, linewidth=2.2)
        self.label = self.ax.text(0.01, 0.97, "", transform=self.ax.transAxes, va="top", ha="left",
                                  color=BLUE, fontsize=11,
                                  bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
        self.verticals, = self.ax.plot([], [], color=INK, linewidth=1.0, linestyle=":", animated=True)
        self.tangents, = self.ax.plot([], [], color=ORANGE, linewidth=1.8, animated=True)
        self.guesses, = self.ax.plot([], [], "o", color=VERMILION, markersize=6, animated=True)
        self.latest, = self.ax.plot([], [], "D", color=GREEN, markersize=8, animated=True)
        self.note = self.ax.text(0.99, 0.03, "", transform=self.ax.transAxes, ha="right", va="bottom",
                                 fontsize=10, color=INK, animated=True,
                                 bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
        self.ax.set_xlabel("x")
        self.animated = [self.verticals, self.tangents, self.guesses, self.latest, self.note]
        self._draw_case()
        fig.subplots_adjust(left=0.12 if is_narrow(fig) else 0.08, right=0.98, top=0.97, bottom=0.13)

    def _draw_case(self) -> None:
        case = self.case
        self.shown = case.key
        xs = np.linspace(*case.x_range, 600)
        ys = np.array([case.f(v) for v in xs])
        self.curve.set_data(xs, ys)
        self.ax.set_xlim(*case.x_range)
        self.ax.set_ylim(*case.y_range)
        self.label.set_text(f"$f(x) = {case.tex}$")
        ticks_for_width(self.fig, self.ax)

    def apply(self) -> bool:
        full = self.case.key != self.shown
        if full:
            self._draw_case()
        case, xs, n = self.case, self.iterates(), self.steps()
        shown = xs[:n + 1]
        vx, vy, tx, ty = [], [], [], []
        for k, x in enumerate(shown):
            fx = case.f(x)
            vx += [x, x, math.nan]
            vy += [0.0, fx, math.nan]
            if k + 1 < len(shown):
                nxt = shown[k + 1]
                # the tangent from (x, f(x)) to where it meets the axis, a little beyond
                over = 0.15 * (nxt - x)
                tx += [x - over, nxt + over, math.nan]
                slope = case.df(x)
                ty += [fx - slope * over, slope * over, math.nan]
        self.verticals.set_data(vx, vy)
        self.tangents.set_data(tx, ty)
        self.guesses.set_data(shown, [0.0] * len(shown))
        self.latest.set_data([shown[-1]], [0.0])
        self.note.set_text(self._note(xs, n))
        return full

    def _note(self, xs, n) -> str:
        if n >= len(xs):
            return f"no step from x = {big_fmt(xs[-1])}: f′ = 0 there"
        return f"step {n}:  x = {big_fmt(xs[n], 4)}"

    def describe(self) -> str:
        case, xs, n = self.case, self.iterates(), self.steps()
        shown = [big_fmt(v, 4) for v in xs[:n + 1]]
        text = (f"Newton-Raphson on f(x) = {case.text}, from x₀ = {big_fmt(xs[0], 2)}. "
                f"After {min(n, len(xs) - 1)} step{'s' if min(n, len(xs) - 1) != 1 else ''} the "
                f"guesses are {', '.join(shown)}. ")
        if n >= len(xs):
            text += f"The tangent at x = {big_fmt(xs[-1], 4)} is flat, so the next step cannot be taken. "
        if abs(float(self.params.get("x0", case.x0)) - case.x0) < 1e-9:
            text += f"From this start, {case.story}."
        return text.strip()

    def readouts(self) -> dict[str, str]:
        case, xs, n = self.case, self.iterates(), self.steps()
        out = {"steps": str(min(n, len(xs) - 1)), "x": big_fmt(xs[min(n, len(xs) - 1)], 6)}
        for k in range(ROWS):
            if k <= n and k < len(xs):
                out[f"x{k}"] = big_fmt(xs[k], 6)
                out[f"f{k}"] = big_fmt(case.f(xs[k]), 6)
            else:
                out[f"x{k}"] = out[f"f{k}"] = "–"
        return out
