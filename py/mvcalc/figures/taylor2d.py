"""Taylor series in two variables: a surface f(x, y) with its tangent plane (first order,
f + J·dx) or its quadratic approximation (second order, + ½ dxᵀ H dx) about a movable point.

Left: a contour map of f, the point (moved by the pointer, the arrow keys or the sliders) and,
shaded, how far from the point the approximation stays within 0.05 of f. Right: the surface in 3D, with the
approximation drawn as a wire mesh over a square around the point. The gradient J and the
Hessian H come from closed forms per function (the tests check them against sympy).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .scene import Scene
from .style import BLUE, INK, ORANGE, VERMILION, is_narrow

LIMIT = 2.0          # the map shows -2 <= x, y <= 2
PATCH = 0.9          # the mesh covers the point +- this much
TOLERANCE = 0.05     # shaded where |f - approximation| < this


@dataclass(frozen=True)
class Surface:
    key: str
    name: str
    text: str                     # learner syntax in x and y
    tex: str
    f: Callable                   # f(x, y), vectorised
    gradient: Callable            # (x, y) -> (fx, fy)
    hessian: Callable             # (x, y) -> ((fxx, fxy), (fxy, fyy))
    z_range: tuple[float, float]


def _bump(x, y):
    return x * np.exp(-(x**2 + y**2))


def _bump_gradient(x, y):
    e = math.exp(-(x * x + y * y))
    return ((1 - 2 * x * x) * e, -2 * x * y * e)


def _bump_hessian(x, y):
    e = math.exp(-(x * x + y * y))
    fxx = (4 * x**3 - 6 * x) * e
    fxy = -2 * y * (1 - 2 * x * x) * e
    fyy = x * (4 * y * y - 2) * e
    return ((fxx, fxy), (fxy, fyy))


def _waves(x, y):
    return np.sin(x) * np.cos(y)


def _waves_gradient(x, y):
    return (math.cos(x) * math.cos(y), -math.sin(x) * math.sin(y))


def _waves_hessian(x, y):
    fxx = -math.sin(x) * math.cos(y)
    fxy = -math.cos(x) * math.sin(y)
    return ((fxx, fxy), (fxy, fxx))


def _valley(x, y):
    return x**3 / 3 - x + y**2 / 2


def _valley_gradient(x, y):
    return (x * x - 1, y)


def _valley_hessian(x, y):
    return ((2 * x, 0.0), (0.0, 1.0))


SURFACES = (
    Surface("bump", "x e^(−x²−y²)", "x e^(-x^2 - y^2)", r"x\,e^{-x^2-y^2}", _bump, _bump_gradient, _bump_hessian,
            (-0.8, 0.8)),
    Surface("waves", "sin x cos y", "sin(x) cos(y)", r"\sin x\,\cos y", _waves, _waves_gradient, _waves_hessian,
            (-1.6, 1.6)),
    Surface("valley", "x³/3 − x + y²/2", "x^3/3 - x + y^2/2", r"x^3/3 - x + y^2/2", _valley, _valley_gradient,
            _valley_hessian, (-1.5, 3.0)),
)
SURFACE = {s.key: s for s in SURFACES}


def quadratic_model(surface: Surface, px: float, py: float, order: int):
    """The approximation about (px, py) as a function of arrays X, Y."""
    f0 = float(surface.f(px, py))
    gx, gy = surface.gradient(px, py)
    (hxx, hxy), (_, hyy) = surface.hessian(px, py)

    def model(X, Y):
        dx, dy = X - px, Y - py
        value = f0 + gx * dx + gy * dy
        if order >= 2:
            value = value + 0.5 * (hxx * dx * dx + 2 * hxy * dx * dy + hyy * dy * dy)
        return value
    return model


def _num(value: float) -> str:
    text = f"{value:.3f}"
    if float(text) == 0:
        text = "0.000"
    return text.replace("-", "−")


def reachable(error_at, px: float, py: float, X, Y, tolerance: float = TOLERANCE, rays: int = 90):
    """Cells of the grid (X, Y) that can be reached from (px, py) in a straight line while the
    error stays below ``tolerance`` all the way: along each of ``rays`` directions, the
    distance to the first place where it does not (the error's own zero crossings further
    out, where the approximation happens to cut the surface, are not counted)."""
    angles = np.linspace(-np.pi, np.pi, rays + 1)
    steps = np.linspace(0, 2 * np.sqrt(2) * LIMIT, 240)
    R, A = np.meshgrid(steps, angles)
    bad = error_at(px + R * np.cos(A), py + R * np.sin(A)) >= tolerance
    bad[:, -1] = True
    reach = steps[np.argmax(bad, axis=1)]                   # first bad step on each ray
    theta = np.arctan2(Y - py, X - px)
    limit = np.interp(theta, angles, reach)
    return np.hypot(X - px, Y - py) < limit


class Taylor2DScene(Scene):
    """Parameters: ``fn`` (a key), ``px``, ``py`` (the point) and ``order`` (1 or 2)."""

    aspect = 0.62
    params = {"fn": "bump", "px": 0.5, "py": 0.3, "order": 1}
    GRID = 61
    MESH = 7

    @property
    def surface(self) -> Surface:
        choice = self.params.get("fn", "bump")
        if isinstance(choice, str) and choice in SURFACE:
            return SURFACE[choice]
        try:
            return SURFACES[int(float(choice)) % len(SURFACES)]
        except (TypeError, ValueError):
            return SURFACES[0]

    @property
    def point(self) -> tuple[float, float]:
        def clamp(v):
            return round(min(max(float(v), -LIMIT), LIMIT), 4)
        return clamp(self.params.get("px", 0.0)), clamp(self.params.get("py", 0.0))

    @property
    def order(self) -> int:
        return 2 if int(round(float(self.params.get("order", 1)))) >= 2 else 1

    def jacobian(self) -> tuple[float, float]:
        return tuple(float(v) for v in self.surface.gradient(*self.point))

    def hessian(self):
        return tuple(tuple(float(v) for v in row) for row in self.surface.hessian(*self.point))

    def model(self):
        return quadratic_model(self.surface, *self.point, self.order)

    # --- drawing -----------------------------------------------------------------------------
    def build(self, fig) -> None:
        from mpl_toolkits.mplot3d import Axes3D  # noqa: F401  (registers the 3d projection)
        self.fig = fig
        narrow = is_narrow(fig)
        self.map = fig.add_axes([0.08 if not narrow else 0.11, 0.12, 0.4, 0.84])
        self.pointer_axes = self.map
        self.view = fig.add_axes([0.5, 0.0, 0.5, 1.0], projection="3d")
        self.view.view_init(elev=28, azim=-60)
        g = np.linspace(-LIMIT, LIMIT, self.GRID)
        self.X, self.Y = np.meshgrid(g, g)
        self.shade = self.map.imshow(np.zeros((self.GRID, self.GRID, 4)), extent=(-LIMIT, LIMIT, -LIMIT, LIMIT),
                                     origin="lower", interpolation="nearest", animated=True, zorder=2)
        self.map.set_xlim(-LIMIT, LIMIT)
        self.map.set_ylim(-LIMIT, LIMIT)
        self.map.set_aspect("equal")
        self.map.set_xlabel("x", labelpad=0)
        self.map.set_ylabel("y", labelpad=0)
        self.map.tick_params(labelsize=7 if narrow else 8)
        ticks = [-2, -1, 0, 1, 2]
        self.map.set_xticks(ticks)
        self.map.set_yticks(ticks)
        self.map.set_title("contour map of f", fontsize=8 if narrow else 9, pad=3)
        self.marker, = self.map.plot([], [], "o", color=VERMILION, markersize=7, markeredgecolor="white",
                                     animated=True, zorder=5)
        self.arrow, = self.map.plot([], [], color=INK, linewidth=1.6, animated=True, zorder=5)
        self.mesh = ([self.view.plot([0, 0], [0, 0], [0, 0], color=VERMILION, linewidth=1.0, animated=True)[0]
                      for _ in range(self.MESH)]
                     + [self.view.plot([0, 0], [0, 0], [0, 0], color=VERMILION, linewidth=1.0, animated=True)[0]
                        for _ in range(self.MESH)])
        self.dot, = self.view.plot([0], [0], [0], "o", color=INK, markersize=5, animated=True)
        self.animated = [self.shade, self.marker, self.arrow, *self.mesh, self.dot]
        self.contours = []
        self.surface_art = None
        self.shown = None
        self._draw_surface()

    def _draw_surface(self) -> None:
        s = self.surface
        self.shown = s.key
        for art in self.contours:
            art.remove()
        if self.surface_art is not None:
            self.surface_art.remove()
        Z = s.f(self.X, self.Y)
        self.Z = Z
        levels = np.linspace(float(Z.min()), float(Z.max()), 14)[1:-1]
        filled = self.map.contourf(self.X, self.Y, Z, levels=24, cmap="Blues", alpha=0.55, zorder=0)
        lines = self.map.contour(self.X, self.Y, Z, levels=levels, colors=BLUE, linewidths=0.7, zorder=1)
        self.contours = [filled, lines]
        step = 3
        self.surface_art = self.view.plot_surface(self.X[::step, ::step], self.Y[::step, ::step], Z[::step, ::step],
                                                  cmap="Blues", alpha=0.75, linewidth=0, antialiased=False)
        self.view.set_xlim(-LIMIT, LIMIT)
        self.view.set_ylim(-LIMIT, LIMIT)
        self.view.set_zlim(*s.z_range)
        self.view.set_xlabel("x", labelpad=-8)
        self.view.set_ylabel("y", labelpad=-8)
        self.view.tick_params(labelsize=6, pad=-2)
        self.view.set_xticks([-2, 0, 2])
        self.view.set_yticks([-2, 0, 2])
        self.view.set_zticks([s.z_range[0], 0, s.z_range[1]])

    def apply(self) -> bool:
        full = self.surface.key != self.shown
        if full:
            self._draw_surface()
        s, (px, py) = self.surface, self.point
        self.params["px"], self.params["py"] = px, py
        model = self.model()
        good = self._good(model)
        rgba = np.zeros((self.GRID, self.GRID, 4))
        rgba[good] = (0.835, 0.369, 0.0, 0.38)       # vermilion, see-through
        self.shade.set_data(rgba)
        self.marker.set_data([px], [py])
        gx, gy = self.jacobian()
        norm = math.hypot(gx, gy)
        if norm > 1e-9:
            scale = 0.5 / max(norm, 0.5)
            self.arrow.set_data([px, px + gx * scale], [py, py + gy * scale])
        else:
            self.arrow.set_data([], [])
        low, high = s.z_range
        # a square around the point, cut to the map: each mesh line's z clipped to the box
        x0, x1 = max(-LIMIT, px - PATCH), min(LIMIT, px + PATCH)
        y0, y1 = max(-LIMIT, py - PATCH), min(LIMIT, py + PATCH)
        across, along = np.linspace(0, 1, self.MESH), np.linspace(0, 1, 13)
        for i, u in enumerate(across):
            for line, (xs, ys) in ((self.mesh[i], (x0 + u * (x1 - x0) + 0 * along, y0 + along * (y1 - y0))),
                                   (self.mesh[self.MESH + i], (x0 + along * (x1 - x0), y0 + u * (y1 - y0) + 0 * along))):
                line.set_data_3d(xs, ys, np.clip(model(xs, ys), low, high))
        self.dot.set_data_3d([px], [py], [float(s.f(px, py))])
        return full

    def _good(self, model):
        f = self.surface.f
        with np.errstate(all="ignore"):
            return reachable(lambda X, Y: np.abs(model(X, Y) - f(X, Y)), *self.point, self.X, self.Y)

    def good_share(self) -> float:
        """The share of the map, around the point, where the approximation is within TOLERANCE."""
        return float(np.mean(self._good(self.model())))

    # --- words and numbers -----------------------------------------------------------------------
    def describe(self) -> str:
        s, (px, py) = self.surface, self.point
        gx, gy = self.jacobian()
        (hxx, hxy), (_, hyy) = self.hessian()
        kind = ("the tangent plane f + J·dx (first order)" if self.order == 1
                else "the quadratic approximation f + J·dx + ½ dxᵀH dx (second order)")
        share = self.good_share()
        return (f"Left: a contour map of f(x, y) = {s.text}, with the point ({px:g}, {py:g}) and an arrow along "
                f"the gradient. Right: the surface with {kind} drawn as a mesh around the point. "
                f"There f = {_num(float(s.f(px, py)))}, J = ({_num(gx)}, {_num(gy)}) and "
                f"H = [[{_num(hxx)}, {_num(hxy)}], [{_num(hxy)}, {_num(hyy)}]]. "
                f"The approximation stays within {TOLERANCE} of f over {100 * share:.0f}% of the map around the point (shaded).")

    def readouts(self) -> dict[str, str]:
        s, (px, py) = self.surface, self.point
        gx, gy = self.jacobian()
        (hxx, hxy), (_, hyy) = self.hessian()
        return {"point": f"({px:g}, {py:g})", "f": _num(float(s.f(px, py))),
                "J": f"({_num(gx)}, {_num(gy)})", "fx": _num(gx), "fy": _num(gy),
                "hxx": _num(hxx), "hxy": _num(hxy), "hyx": _num(hxy), "hyy": _num(hyy),
                "order": "first order: tangent plane" if self.order == 1 else "second order: quadratic"}

    # --- pointer and keys ----------------------------------------------------------------------
    def on_pointer(self, x: float, y: float) -> bool:
        if not (-LIMIT <= x <= LIMIT and -LIMIT <= y <= LIMIT):
            return False
        self.params["px"], self.params["py"] = round(x, 2), round(y, 2)
        self.apply()
        return True

    def on_key(self, key: str) -> bool:
        px, py = self.point
        step, big = 0.1, 0.5
        moves = {"ArrowRight": (px + step, py), "ArrowLeft": (px - step, py), "ArrowUp": (px, py + step),
                 "ArrowDown": (px, py - step), "PageUp": (px, py + big), "PageDown": (px, py - big),
                 "Home": (-LIMIT, py), "End": (LIMIT, py), "Enter": (0.0, 0.0)}
        if key not in moves:
            return False
        nx, ny = moves[key]
        self.params["px"], self.params["py"] = round(nx, 4), round(ny, 4)
        self.apply()
        return True
