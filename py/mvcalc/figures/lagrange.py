"""Lagrange multipliers seen: contours of f, the constraint curve g = 0, a point moving along
it with the arrows of grad f and grad g; at a constrained optimum the two arrows line up.

Parameters: ``problem`` (a key of :data:`mvcalc.optimise.PROBLEMS_BY_KEY`) and ``t`` (where
the point is on the curve, an angle in degrees). ``solutions`` (found in the worker with
scipy) are marked when the page hands them over with :meth:`LagrangeScene.mark`.
"""
from __future__ import annotations

import math

import numpy as np

from ..optimise import PROBLEMS, PROBLEMS_BY_KEY, multiplier, parallel_gap
from .scene import Scene
from .style import BLUE, GREEN, INK, VERMILION, is_narrow, ticks_for_width
from .tangent import fmt

LAGRANGE_KEY_HELP = ("Move the pointer over the map to move the point along the curve to the nearest place. "
            "With the map focused, the arrow keys move it along the curve (Page Up and Page Down "
            "in bigger steps).")


class LagrangeScene(Scene):
    aspect = 0.62
    params = {"problem": "x2y-circle", "t": 20.0}
    key_help = LAGRANGE_KEY_HELP

    def __init__(self, **params):
        super().__init__(**params)
        self.solutions: dict[str, list[dict]] = {}
        self.shown = None

    @property
    def problem(self):
        return PROBLEMS_BY_KEY.get(str(self.params.get("problem")), PROBLEMS[0])

    def point(self) -> tuple[float, float]:
        return self.problem.curve(math.radians(float(self.params.get("t", 0.0))))

    def build(self, fig) -> None:
        self.fig = fig
        self.ax = fig.add_subplot(1, 1, 1)
        self.ax.grid(False)
        self.contours = None
        self.curve, = self.ax.plot([], [], color=INK, linewidth=2.4, label="g(x, y) = 0")
        self.found, = self.ax.plot([], [], "*", color=GREEN, markersize=13, linestyle="none",
                                   label="found by scipy")
        self.dot, = self.ax.plot([], [], "o", color=INK, markersize=7, animated=True)
        # grad g long and wide underneath, grad f shorter on top: both show when they line up
        self.arrow_g = self.ax.annotate("", xy=(0, 0), xytext=(0, 0), animated=True,
                                        arrowprops={"arrowstyle": "-|>", "color": VERMILION, "lw": 3.4})
        self.arrow_f = self.ax.annotate("", xy=(0, 0), xytext=(0, 0), animated=True,
                                        arrowprops={"arrowstyle": "-|>", "color": BLUE, "lw": 2.0})
        self.key = self.ax.text(0.01, 0.98, "", transform=self.ax.transAxes, va="top", ha="left", fontsize=9,
                                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5})
        self.ax.set_xlabel("x")
        self.ax.set_ylabel("y")
        self.animated = [self.dot, self.arrow_g, self.arrow_f]
        self.shown = None
        self._draw_problem()
        fig.subplots_adjust(left=0.16 if is_narrow(fig) else 0.08, right=0.98, top=0.97, bottom=0.13)

    def _draw_problem(self) -> None:
        pr = self.problem
        self.shown = pr.key
        if self.contours is not None:
            self.contours.remove()
        x0, x1, y0, y1 = pr.box
        X, Y = np.meshgrid(np.linspace(x0, x1, 120), np.linspace(y0, y1, 120))
        Z = pr.f(X, Y)
        levels = np.unique(np.quantile(Z, np.linspace(0.04, 0.96, 15)))
        self.contours = self.ax.contour(X, Y, Z, levels=levels, cmap="viridis", linewidths=0.9)
        ts = np.linspace(0, 2 * math.pi, 361)
        pts = [pr.curve(t) for t in ts]
        self.curve.set_data([p[0] for p in pts], [p[1] for p in pts])
        sols = self.solutions.get(pr.key, [])
        self.found.set_data([s["x"] for s in sols], [s["y"] for s in sols])
        self.ax.set_xlim(x0, x1)
        self.ax.set_ylim(y0, y1)
        self.ax.set_aspect("equal", adjustable="box")
        self.key.set_text(f"$f = {pr.f_tex}$ (contours)\n$g = {pr.g_tex} = 0$ (black)\n"
                          r"blue: $\nabla f$   red: $\nabla g$")
        ticks_for_width(self.fig, self.ax)

    def mark(self, key: str, solutions: list[dict]) -> None:
        """Show the constrained stationary points found for problem ``key``."""
        self.solutions[key] = list(solutions)
        self.shown = None

    def apply(self) -> bool:
        full = self.problem.key != self.shown
        if full:
            self._draw_problem()
        pr = self.problem
        x, y = self.point()
        span = (pr.box[1] - pr.box[0]) * 0.16
        for arrow, vec, length in ((self.arrow_f, pr.grad_f(x, y), 0.65 * span),
                                   (self.arrow_g, pr.grad_g(x, y), span)):
            n = float(np.linalg.norm(vec))
            tip = (x + length * vec[0] / n, y + length * vec[1] / n) if n > 0 else (x, y)
            arrow.xy = tip
            arrow.set_position((x, y))
            arrow.xyann = (x, y)
        self.dot.set_data([x], [y])
        return full

    # --- pointer and keys ----------------------------------------------------------------
    def on_pointer(self, x: float, y: float) -> bool:
        pr = self.problem
        best = min(range(360), key=lambda d: math.dist(pr.curve(math.radians(d)), (x, y)))
        self.params["t"] = float(best)
        self.apply()
        return True

    def on_key(self, key: str) -> bool:
        t = float(self.params.get("t", 0.0))
        moves = {"ArrowRight": 1, "ArrowUp": 1, "ArrowLeft": -1, "ArrowDown": -1, "PageUp": 10, "PageDown": -10}
        if key not in moves:
            return False
        self.params["t"] = float((t + moves[key]) % 360)
        self.apply()
        return True

    # --- words and numbers ---------------------------------------------------------------
    def describe(self) -> str:
        pr, (x, y) = self.problem, self.point()
        gap = parallel_gap(pr, x, y)
        gf, gg = pr.grad_f(x, y), pr.grad_g(x, y)
        text = (f"Contours of f(x, y) = {pr.f_expr} with the constraint curve {pr.g_expr} = 0. "
                f"The point ({fmt(x, 2)}, {fmt(y, 2)}) on the curve has f = {fmt(pr.f(x, y))}; "
                f"∇f = ({fmt(gf[0], 2)}, {fmt(gf[1], 2)}) and ∇g = ({fmt(gg[0], 2)}, {fmt(gg[1], 2)}). ")
        if gap < 0.02:
            text += (f"The two gradients are parallel here (λ = {fmt(multiplier(pr, x, y))}): "
                     "f cannot change to first order by moving along the curve, a constrained "
                     "stationary point.")
        else:
            text += (f"The gradients are not parallel (the sine of the angle between them is {fmt(gap, 2)}), "
                     "so moving along the curve still changes f.")
        sols = self.solutions.get(pr.key)
        if sols:
            text += " scipy found: " + "; ".join(
                f"({fmt(s['x'])}, {fmt(s['y'])}) with λ = {fmt(s['lambda'])} and f = {fmt(s['f'])}" for s in sols) + "."
        return text

    def readouts(self) -> dict[str, str]:
        pr, (x, y) = self.problem, self.point()
        return {"point": f"({fmt(x, 2)}, {fmt(y, 2)})", "f": fmt(pr.f(x, y)),
                "gap": fmt(parallel_gap(pr, x, y)), "lambda": fmt(multiplier(pr, x, y))}
