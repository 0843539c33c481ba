"""Rise over run on a real curve: a car's distance from the lights, second by second.

d(t) = 3t² − t³/5 metres for 0 ≤ t ≤ 10 s: the car pulls away, cruises and stops 100 m
on. The run is a stretch of time, the rise the distance covered in it, and rise/run
the average speed over the stretch, the gradient of the chord.
"""
from __future__ import annotations

import numpy as np

from .scene import Scene
from .style import BLUE, GREEN, INK, ORANGE, VERMILION, is_narrow, ticks_for_width
from .tangent import fmt

T_END = 10.0


def distance(t):
    return 3 * t**2 - t**3 / 5


def speed(t):
    return 6 * t - 3 * t**2 / 5


class RiseRunScene(Scene):
    """Parameters: ``t`` (start of the run, s) and ``run`` (its length, s); the pointer moves the start."""

    aspect = 0.66
    params = {"t": 2.0, "run": 3.0}

    def build(self, fig) -> None:
        ax = fig.add_subplot()
        self.ax = self.pointer_axes = ax
        ts = np.linspace(0, T_END, 300)
        ax.plot(ts, distance(ts), color=BLUE, linewidth=2.2)
        ax.set_xlim(0, T_END)
        ax.set_ylim(0, 110)
        ax.set_xlabel("time t (seconds)")
        ax.set_ylabel("distance d (metres)")
        ticks_for_width(fig, ax)
        ax.text(0.02, 0.97, "$d(t) = 3t^2 - t^3/5$", transform=ax.transAxes, va="top", color=BLUE, fontsize=11)
        self.chord, = ax.plot([], [], color=VERMILION, linewidth=1.6, animated=True)
        self.run_line, = ax.plot([], [], color=ORANGE, linewidth=3, linestyle=(0, (4, 2)), animated=True)
        self.rise_line, = ax.plot([], [], color=GREEN, linewidth=3, animated=True)
        self.points, = ax.plot([], [], "o", color=INK, markersize=6, animated=True)
        size = 9 if is_narrow(fig) else 10
        self.run_text = ax.text(0, 0, "", color=INK, fontsize=size, ha="center", va="top", animated=True)
        self.rise_text = ax.text(0, 0, "", color=INK, fontsize=size, ha="left", va="center", animated=True,
                                 bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})
        self.animated = [self.chord, self.run_line, self.rise_line, self.points, self.run_text, self.rise_text]
        fig.tight_layout()

    # --- the numbers ---------------------------------------------------------------------
    def ends(self) -> tuple[float, float]:
        start = min(max(float(self.params["t"]), 0.0), T_END)
        end = min(start + max(float(self.params["run"]), 1e-9), T_END)
        if end - start < 1e-9:            # at the very end: run backwards instead
            start = max(end - float(self.params["run"]), 0.0)
        return start, end

    def rise(self) -> float:
        start, end = self.ends()
        return float(distance(end) - distance(start))

    def gradient(self) -> float:
        start, end = self.ends()
        return self.rise() / (end - start)

    # --- drawing -------------------------------------------------------------------------
    def apply(self) -> bool:
        start, end = self.ends()
        d0, d1 = distance(start), distance(end)
        self.chord.set_data([0, T_END], [d0 + self.gradient() * (0 - start), d0 + self.gradient() * (T_END - start)])
        self.run_line.set_data([start, end], [d0, d0])
        self.rise_line.set_data([end, end], [d0, d1])
        self.points.set_data([start, end], [d0, d1])
        self.run_text.set_position(((start + end) / 2, d0 - 3))
        self.run_text.set_text(f"run {fmt(end - start, 1)} s")
        right = end < 0.75 * T_END
        self.rise_text.set_position((end + (0.15 if right else -0.15), (d0 + d1) / 2))
        self.rise_text.set_horizontalalignment("left" if right else "right")
        self.rise_text.set_text(f"rise {fmt(d1 - d0, 1)} m")
        return False

    def on_pointer(self, x: float, y: float) -> bool:
        self.params["t"] = round(min(max(x, 0.0), T_END - 0.1), 2)
        self.apply()
        return True

    def on_key(self, key: str) -> bool:
        t = float(self.params["t"])
        moves = {"ArrowRight": t + 0.1, "ArrowUp": t + 0.1, "ArrowLeft": t - 0.1, "ArrowDown": t - 0.1,
                 "PageUp": t + 1, "PageDown": t - 1, "Home": 0.0, "End": T_END - 0.1, "Enter": 5.0}
        if key not in moves:
            return False
        self.params["t"] = round(min(max(moves[key], 0.0), T_END - 0.1), 2)
        self.apply()
        return True

    def describe(self) -> str:
        start, end = self.ends()
        return (f"The car's distance d(t) = 3t² − t³/5 metres against time. The run goes from t = {fmt(start, 1)} s "
                f"to t = {fmt(end, 1)} s, {fmt(end - start, 2)} s long; in it the car covers a rise of "
                f"{fmt(self.rise(), 2)} m, so rise over run, its average speed, is {fmt(self.gradient(), 2)} m/s.")

    def readouts(self) -> dict[str, str]:
        start, end = self.ends()
        return {"run": f"{fmt(end - start, 2)} s", "rise": f"{fmt(self.rise(), 2)} m",
                "gradient": f"{fmt(self.gradient(), 2)} m/s"}
