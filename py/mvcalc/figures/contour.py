"""Contour maps for Module 2: the can's mass, a slice through a surface, the uphill Jacobian.

``LiveContours`` keeps a contour set as an *animated* artist (so a slider that changes the
function never needs a full redraw of the figure): it is recomputed on a coarse grid while a
slider is dragged (``scene.draft``, see ``Scene``) and on a fine grid when the learner lets go.
Every formula here has its derivative written by hand; tests check them with sympy.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np
from matplotlib.patches import FancyArrowPatch

from .scene import Scene
from .style import BLUE, GREY, INK, ORANGE, VERMILION, is_narrow, ticks_for_width
from .tangent import LABEL_BOX, fmt

COARSE, FINE = 33, 121           # grid points per side: while dragging, and when let go


class LiveContours:
    """An animated contour set of ``fn(X, Y, key)`` that follows ``key`` (the parameters it
    depends on) and is drawn on a ``COARSE`` grid in drafts, on a ``FINE`` grid otherwise.

    A final (let-go) update makes matplotlib ContourSets. A draft skips ContourSet: contourpy's
    lines (and filled bands) go straight into two persistent collections, coloured as the last
    ContourSets were, so a frame makes few new objects and the picture does not change colour
    when the slider is let go."""

    def __init__(self, ax, fn: Callable, x_range, y_range, levels, *, filled: bool = False,
                 cmap: str = "viridis", colors=None, linewidths: float = 1.2):
        from matplotlib.collections import LineCollection, PathCollection
        self.ax, self.fn, self.levels, self.filled = ax, fn, levels, filled
        self.style = {"cmap": cmap} if colors is None else {"colors": colors}
        self.linewidths = linewidths
        self.grids = {n: np.meshgrid(np.linspace(*x_range, n), np.linspace(*y_range, n)) for n in (COARSE, FINE)}
        self.sets: list = []
        self.bands = PathCollection([], animated=True, zorder=1, linewidths=0, transform=ax.transData)
        self.lines = LineCollection([], linewidths=linewidths, animated=True, zorder=2)
        for draft in (self.bands, self.lines):
            draft.set_visible(False)
            ax.add_collection(draft, autolim=False)
        self.line_colours: list = []
        self.band_colours: list = []
        self.shown: tuple | None = None
        self.computed = 0                       # how many contour sets were made (tests count)

    def update(self, key: tuple, draft: bool) -> bool:
        """Recompute if ``key`` or the resolution changed; True if it did."""
        wanted = (key, draft)
        if wanted == self.shown:
            return False
        for artist in self.sets:
            if artist not in (self.lines, self.bands):
                artist.remove()
        X, Y = self.grids[COARSE if draft else FINE]
        Z = self.fn(X, Y, key)
        levels = list(self.levels(key) if callable(self.levels) else self.levels)
        self.sets = []
        self.lines.set_visible(False)
        self.bands.set_visible(False)
        if draft and self.line_colours:
            self._draft(X, Y, Z, levels)
        else:
            if self.filled:
                self.sets.append(self.ax.contourf(X, Y, Z, levels=levels, alpha=0.55, extend="both",
                                                  **self.style))
                self.band_colours = list(self.sets[-1].get_facecolor())
            self.sets.append(self.ax.contour(X, Y, Z, levels=levels, linewidths=self.linewidths, **self.style))
            self.line_colours = list(self.sets[-1].get_edgecolor())
            for artist in self.sets:
                artist.set_animated(True)   # drawn by blitting only, never in the cached background
        self.shown = wanted
        self.computed += 1
        return True

    def _draft(self, X, Y, Z, levels) -> None:
        import contourpy
        from matplotlib.path import Path as MPath
        generator = contourpy.contour_generator(X, Y, Z, line_type="Separate", fill_type="OuterCode")
        if self.filled and len(self.band_colours) == len(levels) + 1:
            low, high = float(Z.min()) - 1.0, float(Z.max()) + 1.0
            bounds = [min(low, levels[0] - 1.0), *levels, max(high, levels[-1] + 1.0)]
            paths, colours = [], []
            for (lower, upper), colour in zip(zip(bounds[:-1], bounds[1:]), self.band_colours):
                points, codes = generator.filled(lower, upper)
                for pts, cds in zip(points, codes):
                    paths.append(MPath(pts, cds))
                    colours.append(colour)
            self.bands.set_paths(paths)
            self.bands.set_facecolor(colours)
            self.bands.set_visible(True)
            self.sets.append(self.bands)
        segments, colours = [], []
        for level, colour in zip(levels, self.line_colours):
            for line in generator.lines(level):
                segments.append(line)
                colours.append(colour)
        self.lines.set_segments(segments)
        self.lines.set_color(colours)
        self.lines.set_visible(True)
        self.sets.append(self.lines)

    @property
    def artists(self) -> list:
        return list(self.sets)


def _arrow(ax, color=VERMILION, width=2.2, animated=True) -> FancyArrowPatch:
    arrow = FancyArrowPatch((0, 0), (0, 0), arrowstyle="-|>", mutation_scale=16, color=color,
                            linewidth=width, animated=animated, zorder=6)
    ax.add_patch(arrow)
    return arrow


# --- lesson 1: the can -----------------------------------------------------------------------
RHO = 2.7            # aluminium, g per cm³
CAN = (3.3, 11.5)     # a drinks can: radius and height in cm
CAN_LEVELS = (2.5, 5, 10, 20, 40, 80)   # grams
CAN_COLOURS = ("#56B4E9", "#0072B2", "#009E73", "#E69F00", "#D55E00", "#CC79A7")


def can_mass(r, h, t_mm: float, rho: float = RHO):
    """m = 2πr²tρ + 2πrhtρ grams: the ends and the side of a can (r, h in cm, t in mm)."""
    t = t_mm / 10
    return 2 * math.pi * r**2 * t * rho + 2 * math.pi * r * h * t * rho


def can_dm_dh(r, h, t_mm: float, rho: float = RHO):
    return 2 * math.pi * r * (t_mm / 10) * rho


def can_dm_dr(r, h, t_mm: float, rho: float = RHO):
    return 4 * math.pi * r * (t_mm / 10) * rho + 2 * math.pi * h * (t_mm / 10) * rho


class CanScene(Scene):
    """A map of the can's mass over radius and height, for one wall thickness t.

    r and h are the variables of the map; t (a slider) and ρ are constants in this context.
    Moving t changes every contour (drafts while dragging); r and h move the marked can."""

    aspect = 0.72
    drafts = True
    params = {"t": 0.1, "r": CAN[0], "h": CAN[1]}
    R_RANGE, H_RANGE = (0.5, 6.0), (1.0, 20.0)

    def build(self, fig) -> None:
        ax = self.ax = fig.add_subplot()
        ax.set_xlim(*self.R_RANGE)
        ax.set_ylim(*self.H_RANGE)
        ax.set_xlabel("radius r (cm)")
        ax.set_ylabel("height h (cm)")
        ticks_for_width(fig, ax)
        self.contours = LiveContours(ax, lambda R, H, key: can_mass(R, H, key[0]), self.R_RANGE, self.H_RANGE,
                                     CAN_LEVELS, colors=CAN_COLOURS, linewidths=1.8)
        self.point, = ax.plot([], [], "o", color=VERMILION, markersize=8, animated=True, zorder=5)
        self.label = ax.text(0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=10,
                             color=INK, bbox=LABEL_BOX, animated=True, zorder=7)
        self.level_labels = [ax.text(0, 0, "", fontsize=8, ha="center", va="center", color=INK, animated=True,
                                     zorder=6) for _ in CAN_LEVELS]
        fig.subplots_adjust(left=0.16 if is_narrow(fig) else 0.1, right=0.97, top=0.97,
                            bottom=0.19 if is_narrow(fig) else 0.14)

    def apply(self) -> bool:
        p = self.params
        p["r"] = float(min(max(float(p["r"]), self.R_RANGE[0]), self.R_RANGE[1]))
        p["h"] = float(min(max(float(p["h"]), self.H_RANGE[0]), self.H_RANGE[1]))
        t = float(p["t"])
        self.contours.update((t,), self.draft)
        shown_labels = []
        for level, text in zip(CAN_LEVELS, self.level_labels):   # each contour's mass, near the top edge
            r_top = self._r_at(level, self.H_RANGE[1] * 0.93, t)
            if r_top is not None and not self.draft:      # labels wait until the slider is let go
                text.set_position((r_top, self.H_RANGE[1] * 0.93))
                text.set_text(f"{level:g} g")
                shown_labels.append(text)
        self.point.set_data([p["r"]], [p["h"]])
        self.label.set_text(f"{self.mass():.1f} g" if is_narrow(self.ax.figure) else
                            f"t = {t:.2f} mm: this can weighs {self.mass():.1f} g")
        self.animated = [*self.contours.artists, *shown_labels, self.point, self.label]
        return False

    def _r_at(self, level, h, t):
        """The radius where the mass is ``level`` at height h (the positive root of a quadratic in r)."""
        k = 2 * math.pi * (t / 10) * RHO          # m = k (r² + r h)
        r = (-h + math.sqrt(h * h + 4 * level / k)) / 2
        return r if self.R_RANGE[0] + 0.3 < r < self.R_RANGE[1] - 0.5 else None

    def mass(self) -> float:
        return can_mass(self.params["r"], self.params["h"], float(self.params["t"]))

    def describe(self) -> str:
        p = self.params
        return (f"A contour map of the can's mass over radius r (across, 0.5 to 6 cm) and height h (up, 1 to "
                f"20 cm), for walls {float(p['t']):.2f} mm thick. Each curve joins cans of equal mass: "
                f"{', '.join(f'{v:g}' for v in CAN_LEVELS)} grams, heavier towards the top right. "
                f"The marked can, r = {p['r']:.1f} cm and h = {p['h']:.1f} cm, weighs {self.mass():.1f} g.")

    def readouts(self) -> dict[str, str]:
        p, t = self.params, float(self.params["t"])
        return {"mass": f"{self.mass():.2f} g",
                "dm_dh": f"{can_dm_dh(p['r'], p['h'], t):.3f} g/cm",
                "dm_dr": f"{can_dm_dr(p['r'], p['h'], t):.3f} g/cm"}


# --- lesson 2: a slice through a surface -----------------------------------------------------
def slice_f(x, y):
    """f(x, y) = x²y: the lesson's example."""
    return x**2 * y


def slice_fx(x, y):
    return 2 * x * y


def slice_fy(x, y):
    return x**2


SLICE_LEVELS = (-6, -4, -2, -1, -0.25, 0.25, 1, 2, 4, 6)


class SliceScene(Scene):
    """Left: the contour map of f(x, y) = x²y with a line where one variable is held still.
    Right: the slice along that line, an ordinary curve, with its tangent: a partial derivative."""

    aspect = 0.5
    params = {"x0": 1.0, "y0": 1.0, "hold": "y"}
    RANGE = (-2.0, 2.0)

    def build(self, fig) -> None:
        self.fig = fig
        self.map, self.cut = fig.subplots(1, 2)
        s = np.linspace(*self.RANGE, 121)
        X, Y = np.meshgrid(s, s)
        self.map.contourf(X, Y, slice_f(X, Y), levels=[-8, *SLICE_LEVELS, 8], cmap="RdBu_r", alpha=0.55)
        self.map.contour(X, Y, slice_f(X, Y), levels=SLICE_LEVELS, colors=GREY, linewidths=0.8)
        self.map.set_xlim(*self.RANGE)
        self.map.set_ylim(*self.RANGE)
        self.map.set_aspect("equal")
        self.map.set_xlabel("x")
        self.map.set_ylabel("y")
        self.map.set_title(r"$f = x^2 y$" if is_narrow(fig) else r"$f(x, y) = x^2 y$", fontsize=10)
        self.line, = self.map.plot([], [], color=ORANGE, linewidth=2.2, animated=True)
        self.dot, = self.map.plot([], [], "o", color=INK, markersize=6, animated=True)
        self.cut.set_xlim(*self.RANGE)
        self.cut.set_ylim(-8.5, 8.5)
        self.cut.axhline(0, color=GREY, linewidth=0.9)
        self.curve, = self.cut.plot([], [], color=ORANGE, linewidth=2.2, animated=True)
        self.tangent, = self.cut.plot([], [], color=VERMILION, linewidth=1.6, linestyle=(0, (5, 2)), animated=True)
        self.cdot, = self.cut.plot([], [], "o", color=INK, markersize=6, animated=True)
        self.ctitle = self.cut.set_title("", fontsize=10)
        self.ctitle.set_animated(True)
        for ax in (self.map, self.cut):
            ticks_for_width(fig, ax, wide=5, narrow=3)
        narrow = self.narrow = is_narrow(fig)
        fig.subplots_adjust(left=0.13 if narrow else 0.07, right=0.98, top=0.88, bottom=0.2 if narrow else 0.17,
                            wspace=0.35)
        self.animated = [self.line, self.dot, self.curve, self.tangent, self.cdot, self.ctitle]

    def apply(self) -> bool:
        x0, y0 = float(self.params["x0"]), float(self.params["y0"])
        s = np.linspace(*self.RANGE, 121)
        if self.hold == "y":
            self.line.set_data(s, np.full_like(s, y0))
            self.curve.set_data(s, slice_f(s, y0))
            at, value, slope = x0, slice_f(x0, y0), slice_fx(x0, y0)
            self.cut.set_xlabel("x")
            self.ctitle.set_text(f"∂f/∂x = {fmt(slope, 2)}" if self.narrow else
                                 f"slice at y = {y0:.2f}: slope ∂f/∂x = {fmt(slope, 2)}")
        else:
            self.line.set_data(np.full_like(s, x0), s)
            self.curve.set_data(s, slice_f(x0, s))
            at, value, slope = y0, slice_f(x0, y0), slice_fy(x0, y0)
            self.cut.set_xlabel("y")
            self.ctitle.set_text(f"∂f/∂y = {fmt(slope, 2)}" if self.narrow else
                                 f"slice at x = {x0:.2f}: slope ∂f/∂y = {fmt(slope, 2)}")
        span = np.array([at - 0.8, at + 0.8])
        self.tangent.set_data(span, value + slope * (span - at))
        self.dot.set_data([x0], [y0])
        self.cdot.set_data([at], [value])
        return False

    @property
    def hold(self) -> str:
        return "x" if str(self.params.get("hold", "y")) == "x" else "y"

    def describe(self) -> str:
        x0, y0 = float(self.params["x0"]), float(self.params["y0"])
        if self.hold == "y":
            return (f"Left: the contour map of f(x, y) = x²y, with a horizontal line where y is held at {fmt(y0, 2)}. "
                    f"Right: the slice along that line, the curve {fmt(y0, 2)}·x², with its tangent at x = "
                    f"{fmt(x0, 2)}. Its slope is ∂f/∂x = 2xy = {fmt(slice_fx(x0, y0))}.")
        return (f"Left: the contour map of f(x, y) = x²y, with a vertical line where x is held at {fmt(x0, 2)}. "
                f"Right: the slice along that line, the straight line {fmt(x0 * x0, 3)}·y, with its tangent at y = "
                f"{fmt(y0, 2)}. Its slope is ∂f/∂y = x² = {fmt(slice_fy(x0, y0))}.")

    def readouts(self) -> dict[str, str]:
        x0, y0 = float(self.params["x0"]), float(self.params["y0"])
        return {"f": fmt(slice_f(x0, y0)), "fx": fmt(slice_fx(x0, y0)), "fy": fmt(slice_fy(x0, y0))}


# --- lesson 4: the Jacobian as an uphill arrow ----------------------------------------------
class Field:
    """A function of (x, y) with its hand-written gradient, for the uphill-arrow map."""

    def __init__(self, key, text, tex, f, fx, fy, levels):
        self.key, self.text, self.tex, self.f, self.fx, self.fy, self.levels = key, text, tex, f, fx, fy, levels


def _bump(x, y):
    return x * np.exp(-(x**2 + y**2))


FIELDS = (
    Field("bump", "x e^(-(x^2 + y^2))", r"$f = x\,e^{-(x^2+y^2)}$", _bump,
          lambda x, y: (1 - 2 * x**2) * np.exp(-(x**2 + y**2)),
          lambda x, y: -2 * x * y * np.exp(-(x**2 + y**2)),
          np.linspace(-0.4, 0.4, 9)),
    Field("bowl", "(x^2 + y^2)/4", r"$f = (x^2+y^2)/4$", lambda x, y: (x**2 + y**2) / 4,
          lambda x, y: x / 2, lambda x, y: y / 2, np.linspace(0.1, 2.0, 8)),
    Field("waves", "sin(x) cos(y)", r"$f = \sin x \cos y$", lambda x, y: np.sin(x) * np.cos(y),
          lambda x, y: np.cos(x) * np.cos(y), lambda x, y: -np.sin(x) * np.sin(y),
          np.linspace(-0.9, 0.9, 7)),
)

class GradientScene(Scene):
    """A contour map with a point; the arrow at the point is J = (∂f/∂x, ∂f/∂y), drawn to scale."""

    aspect = 0.8
    params = {"fn": "bump", "x": -0.6, "y": 0.4}
    RANGE = (-2.0, 2.0)
    START = (-0.6, 0.4)

    def build(self, fig) -> None:
        self.fig = fig
        ax = self.ax = fig.add_subplot()
        self.pointer_axes = ax
        ax.set_xlim(*self.RANGE)
        ax.set_ylim(*self.RANGE)
        ax.set_aspect("equal")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ticks_for_width(fig, ax, wide=5, narrow=5)
        self.static: list = []
        self.arrow = _arrow(ax)
        self.dot, = ax.plot([], [], "o", color=INK, markersize=7, animated=True, zorder=7)
        self.label = ax.text(0.02, 0.02, "", transform=ax.transAxes, fontsize=10, color=INK, bbox=LABEL_BOX,
                             animated=True, zorder=8)
        self.shown = None
        self._draw_field()
        fig.subplots_adjust(left=0.12, right=0.97, top=0.9 if is_narrow(fig) else 0.93, bottom=0.1)
        self.animated = [self.arrow, self.dot, self.label]

    @property
    def field(self) -> Field:
        for f in FIELDS:
            if f.key == str(self.params.get("fn")):
                return f
        return FIELDS[0]

    def _draw_field(self) -> None:
        for artist in self.static:
            artist.remove()
        field = self.field
        s = np.linspace(*self.RANGE, 121)
        X, Y = np.meshgrid(s, s)
        Z = field.f(X, Y)
        filled = self.ax.contourf(X, Y, Z, levels=np.linspace(Z.min(), Z.max(), 13), cmap="RdBu_r", alpha=0.5)
        lines = self.ax.contour(X, Y, Z, levels=field.levels, colors=GREY, linewidths=0.9)
        self.static = [filled, lines]
        self.ax.set_title(field.tex, fontsize=10)
        self.shown = field.key

    def apply(self) -> bool:
        full = self.field.key != self.shown
        if full:
            self._draw_field()
        lo, hi = self.RANGE
        x = float(min(max(float(self.params["x"]), lo), hi))
        y = float(min(max(float(self.params["y"]), lo), hi))
        self.params.update(x=x, y=y)
        gx, gy = self.gradient()
        self.arrow.set_positions((x, y), (x + gx, y + gy))
        self.dot.set_data([x], [y])
        self.label.set_text(f"J = ({fmt(gx, 2)}, {fmt(gy, 2)})")
        return full

    def gradient(self) -> tuple[float, float]:
        x, y, field = self.params["x"], self.params["y"], self.field
        return float(field.fx(x, y)), float(field.fy(x, y))

    def on_pointer(self, x: float, y: float) -> bool:
        self.params.update(x=x, y=y)
        self.apply()
        return True

    def on_key(self, key: str) -> bool:
        x, y = self.params["x"], self.params["y"]
        step = 0.05
        lo, hi = self.RANGE
        moves = {"ArrowRight": (x + step, y), "ArrowLeft": (x - step, y), "ArrowUp": (x, y + step),
                 "ArrowDown": (x, y - step), "PageUp": (x + 5 * step, y), "PageDown": (x - 5 * step, y),
                 "Home": (lo, y), "End": (hi, y), "Enter": self.START}
        if key not in moves:
            return False
        nx, ny = moves[key]
        self.params.update(x=round(nx, 6), y=round(ny, 6))
        self.apply()
        return True

    def describe(self) -> str:
        x, y, field = self.params["x"], self.params["y"], self.field
        gx, gy = self.gradient()
        size = math.hypot(gx, gy)
        if size < 1e-3:
            way = "The Jacobian is zero here: the ground is flat, a top, a bottom or a saddle."
        else:
            angle = math.degrees(math.atan2(gy, gx))
            way = (f"The arrow J = ({fmt(gx)}, {fmt(gy)}) points uphill, {compass(angle)}, "
                   f"across the contours; its length {fmt(size)} is how steep the climb is.")
        return (f"A contour map of f(x, y) = {field.text} for x and y from −2 to 2 (red high, blue low). "
                f"The point is at ({fmt(x, 2)}, {fmt(y, 2)}), where f = {fmt(float(field.f(x, y)))}. " + way)

    def readouts(self) -> dict[str, str]:
        x, y, field = self.params["x"], self.params["y"], self.field
        gx, gy = self.gradient()
        return {"point": f"({fmt(x, 2)}, {fmt(y, 2)})", "f": fmt(float(field.f(x, y))),
                "jacobian": f"({fmt(gx)}, {fmt(gy)})", "size": fmt(math.hypot(gx, gy))}


def compass(angle_degrees: float) -> str:
    """A direction in words: 0° is right (east, +x), 90° is up (north, +y)."""
    names = ["right", "up and right", "up", "up and left", "left", "down and left", "down", "down and right"]
    return names[int(((angle_degrees % 360) + 22.5) // 45) % 8]
