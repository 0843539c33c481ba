"""Walks downhill on a contour map: gradient descent, Newton's method and the hybrid.

Parameters: ``land`` (a key of :data:`mvcalc.optimise.LANDSCAPES_BY_KEY`), ``gamma`` (the
gradient step size), ``steps`` (the most steps taken) and the start ``sx``, ``sy``, which the
pointer and the arrow keys move. The scene draws one path per method it was made with.
"""
from __future__ import annotations

import math

import numpy as np

from ..optimise import LANDSCAPES, LANDSCAPES_BY_KEY, METHODS, Walk, descend, grid
from .scene import Scene
from .style import BLUE, GREEN, GREY, INK, ORANGE, VERMILION, is_narrow, ticks_for_width
from .tangent import fmt

COLOURS = {"gradient": VERMILION, "newton": ORANGE, "hybrid": GREEN, "yours": VERMILION}
NAMES = {"gradient": "gradient descent", "newton": "Newton", "hybrid": "hybrid", "yours": "your next_step"}
MARKERS = {"gradient": "o", "newton": "s", "hybrid": "^", "yours": "o"}
STATUS = {"converged": "reached the bottom", "saddle": "stopped on a saddle point (flat, but not a minimum)",
          "maximum": "stopped on a maximum (flat, but the top of a hill)", "diverged": "diverged (ran off the map)",
          "stopped": "still going when the steps ran out", "stuck": "stuck (no step could be taken)"}
DESCENT_KEY_HELP = ("Move the pointer over the map, or click it, to move the start (the black cross). "
            "With the map focused (click it, or Tab to it), the arrow keys move the start, "
            "Page Up and Page Down move it in bigger steps up and down, and Enter puts it back.")


def levels_for(Z) -> np.ndarray:
    """Contour levels spread over the map's values (denser near the bottom)."""
    finite = Z[np.isfinite(Z)]
    low, high = float(finite.min()), float(np.quantile(finite, 0.92))
    return low + (high - low) * np.linspace(0.03, 1, 14) ** 2


def path_length(points) -> float:
    return float(sum(math.dist(a, b) for a, b in zip(points, points[1:])))


def big_number(value: float) -> str:
    if value is not None and math.isfinite(value) and abs(value) >= 1e5:
        return f"{value:.2e}".replace("-", "−")
    return fmt(value, 3)


class DescentScene(Scene):
    """A contour map with the paths of ``methods`` from the start (sx, sy)."""

    aspect = 0.62
    params = {"land": "valley", "gamma": 0.09, "steps": 100.0, "sx": None, "sy": None}
    key_help = DESCENT_KEY_HELP

    def __init__(self, methods=("gradient",), **params):
        super().__init__(**params)
        self.methods = tuple(methods)
        self.paths: dict[str, Walk] = {}
        self.shown = None

    @property
    def land(self):
        return LANDSCAPES_BY_KEY.get(str(self.params.get("land")), LANDSCAPES[1])

    def start(self) -> tuple[float, float]:
        land = self.land
        sx, sy = self.params.get("sx"), self.params.get("sy")
        if sx is None or sy is None:
            return land.start
        return float(sx), float(sy)

    # --- drawing -------------------------------------------------------------------------
    def build(self, fig) -> None:
        self.fig = fig
        self.ax = fig.add_subplot(1, 1, 1)
        self.ax.grid(False)
        self.contours = None
        self.lines = {}
        for m in self.methods:
            self.lines[m], = self.ax.plot([], [], color=COLOURS[m], marker=MARKERS[m], markersize=4,
                                          linewidth=1.6, animated=True, label=NAMES[m])
        self.start_mark, = self.ax.plot([], [], "X", color=INK, markersize=10, animated=True)
        self.minima, = self.ax.plot([], [], "*", color=BLUE, markersize=12, linestyle="none")
        self.ax.set_xlabel("x")
        self.ax.set_ylabel("y")
        self.animated = [*self.lines.values(), self.start_mark]
        if len(self.methods) > 1:
            self.ax.legend(loc="upper right", fontsize=8, frameon=True, framealpha=0.85)
        self.shown = None
        self._draw_land()
        fig.subplots_adjust(left=0.16 if is_narrow(fig) else 0.08, right=0.98, top=0.97, bottom=0.13)

    def _draw_land(self) -> None:
        land = self.land
        self.shown = land.key
        if self.contours is not None:
            self.contours.remove()
        X, Y, Z = grid(land)
        self.contours = self.ax.contour(X, Y, Z, levels=levels_for(Z), cmap="viridis", linewidths=0.9)
        self.minima.set_data([m[0] for m in land.minima], [m[1] for m in land.minima])
        self.ax.set_xlim(*land.x_range)
        self.ax.set_ylim(*land.y_range)
        self.ax.set_aspect("equal", adjustable="box")
        ticks_for_width(self.fig, self.ax)

    def compute(self) -> None:
        land, start = self.land, self.start()
        gamma = float(self.params.get("gamma", 0.1))
        n = int(max(1, round(float(self.params.get("steps", 100)))))
        self.paths = {m: descend(land, start, METHODS[m](gamma), n) for m in self.methods if m in METHODS}

    def apply(self) -> bool:
        full = self.land.key != self.shown
        if full:
            self.params["sx"] = self.params["sy"] = None     # a new map starts at its own start
            self._draw_land()
        self.compute()
        for m, line in self.lines.items():
            path = self.paths.get(m)
            pts = path.points if path else []
            line.set_data([p[0] for p in pts], [p[1] for p in pts])
        sx, sy = self.start()
        self.start_mark.set_data([sx], [sy])
        return full

    # --- pointer and keys ----------------------------------------------------------------
    def on_pointer(self, x: float, y: float) -> bool:
        land = self.land
        self.params["sx"] = round(min(max(x, land.x_range[0]), land.x_range[1]), 3)
        self.params["sy"] = round(min(max(y, land.y_range[0]), land.y_range[1]), 3)
        self.apply()
        return True

    def on_key(self, key: str) -> bool:
        land = self.land
        sx, sy = self.start()
        dx = (land.x_range[1] - land.x_range[0]) / 40
        dy = (land.y_range[1] - land.y_range[0]) / 40
        moves = {"ArrowLeft": (sx - dx, sy), "ArrowRight": (sx + dx, sy), "ArrowUp": (sx, sy + dy),
                 "ArrowDown": (sx, sy - dy), "PageUp": (sx, sy + 5 * dy), "PageDown": (sx, sy - 5 * dy),
                 "Home": (land.x_range[0], sy), "End": (land.x_range[1], sy)}
        if key == "Enter":
            self.params["sx"] = self.params["sy"] = None
            self.apply()
            return True
        if key not in moves:
            return False
        return self.on_pointer(*moves[key])

    # --- words and numbers ---------------------------------------------------------------
    def _summary(self, m: str) -> str:
        path = self.paths.get(m)
        if path is None:
            return ""
        end = path.points[-1]
        return (f"{NAMES[m]} took {path.steps} step{'s' if path.steps != 1 else ''} and "
                f"{STATUS[path.status]}, ending at ({big_number(end[0])}, {big_number(end[1])}) where "
                f"f = {big_number(path.values[-1])}")

    def describe(self) -> str:
        land, (sx, sy) = self.land, self.start()
        minima = " and ".join(f"({fmt(a, 0)}, {fmt(b, 0)})" for a, b in land.minima)
        text = (f"Contour map of f(x, y) = {land.expr}, {land.title}, lowest at {minima}. "
                f"Start at ({fmt(sx, 2)}, {fmt(sy, 2)})")
        if "gradient" in self.methods:
            text += f", step size γ = {fmt(float(self.params.get('gamma', 0.1)), 3)}"
        text += f", at most {int(max(1, round(float(self.params.get('steps', 100)))))} steps"
        return text + ". " + "; ".join(self._summary(m) for m in self.methods if m in self.paths) + "."

    def readouts(self) -> dict[str, str]:
        out = {}
        sx, sy = self.start()
        out["start"] = f"({fmt(sx, 2)}, {fmt(sy, 2)})"
        for m, path in self.paths.items():
            out[f"{m}-steps"] = str(path.steps)
            out[f"{m}-status"] = STATUS[path.status]
            out[f"{m}-f"] = big_number(path.values[-1])
            out[f"{m}-length"] = big_number(path_length(path.points))
        return out


SANDPIT_KEY_HELP = ("Move the pointer over the map to place the start (the black cross) and click to run "
                "your next_step from there. With the map focused (click it, or Tab to it), the arrow "
                "keys move the start, Page Up and Page Down move it in bigger steps, and Enter runs.")


class SandpitScene(DescentScene):
    """The lab's map: the start cursor and a path computed elsewhere (in the worker), drawn up to
    ``shown`` points so the page can animate it. ``on_run(start)``, set by the page, is called
    when Enter is pressed."""

    params = {"land": "wells", "sx": None, "sy": None}
    key_help = SANDPIT_KEY_HELP

    def __init__(self, **params):
        super().__init__(methods=("yours",), **params)
        self.path: list = []
        self.values: list = []
        self.path_land = None
        self.shown_points = 0
        self.on_run = None

    def compute(self) -> None:
        return None

    def set_path(self, land: str, points: list, values: list) -> None:
        self.path_land, self.path, self.values = land, [tuple(p) for p in points], list(values)
        self.shown_points = 1

    def apply(self) -> bool:
        full = self.land.key != self.shown
        if full:
            self.params["sx"] = self.params["sy"] = None
            self._draw_land()
            self.path = []
        pts = self.path[:self.shown_points] if self.path_land == self.land.key else []
        self.lines["yours"].set_data([p[0] for p in pts], [p[1] for p in pts])
        sx, sy = self.start()
        self.start_mark.set_data([sx], [sy])
        return full

    def on_key(self, key: str) -> bool:
        if key == "Enter":
            if self.on_run is not None:
                self.on_run(self.start())
            return True
        return super().on_key(key)

    def describe(self) -> str:
        land, (sx, sy) = self.land, self.start()
        minima = " and ".join(f"({fmt(a, 0)}, {fmt(b, 0)})" for a, b in land.minima)
        text = (f"Contour map of f(x, y) = {land.expr}, {land.title}, lowest at {minima}. "
                f"The start cursor is at ({fmt(sx, 2)}, {fmt(sy, 2)}).")
        if self.path and self.path_land == land.key:
            k = max(0, min(self.shown_points, len(self.path)) - 1)
            x, y = self.path[k]
            text += (f" Your walk: {k} of {len(self.path) - 1} steps drawn, now at "
                     f"({big_number(x)}, {big_number(y)}) where f = {big_number(self.values[k])}.")
        return text

    def readouts(self) -> dict[str, str]:
        if not (self.path and self.path_land == self.land.key):
            return {"step": "0", "f": "–", "at": "–"}
        k = max(0, min(self.shown_points, len(self.path)) - 1)
        x, y = self.path[k]
        return {"step": str(k), "f": big_number(self.values[k]), "at": f"({big_number(x)}, {big_number(y)})"}
