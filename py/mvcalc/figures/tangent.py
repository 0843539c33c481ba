"""A function and its derivative, stacked: the tangent's slope on top is the height below.

The same scene serves the special cases (1/x, e^x, the sine cycle), the beast and the
explorer. Parameters: ``x`` (where the tangent touches) and, when the scene holds several
functions, ``fn`` (a key, or a number counting along the list, as a slider gives).
"""
from __future__ import annotations

import math

import numpy as np

from .functions import Fn
from .scene import Scene
from .style import BLUE, INK, ORANGE, VERMILION, centre_axes, is_narrow, ticks_for_width

SAMPLES = 600
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1}


def fmt(value: float, digits: int = 3) -> str:
    """A number as the page shows it: a few decimals, a proper minus sign, 'undefined' for nan."""
    if value is None or not math.isfinite(value):
        return "undefined"
    text = f"{value:.{digits}f}"
    if float(text) == 0:
        text = f"{0:.{digits}f}"
    return text.replace("-", "−")


def curve(fn: Fn, xs: np.ndarray, derivative: bool = False, limit: float = 1e6) -> np.ndarray:
    """Samples of f (or f') with nan where it is undefined or blows up, so no line jumps a gap."""
    with np.errstate(all="ignore"):
        if derivative:
            ys = fn.df(xs) if fn.df is not None else _numeric(fn, xs)
        else:
            ys = fn.f(xs)
    ys = np.array(ys, dtype=float)
    ys[~np.isfinite(ys) | (np.abs(ys) > limit)] = np.nan
    for gap in fn.gaps:
        ys[np.abs(xs - gap) < 1.5 * (xs[1] - xs[0])] = np.nan
    return ys


def _numeric(fn: Fn, xs):
    from .functions import central_difference
    return central_difference(fn.f, xs)


def fitted_range(ys: np.ndarray, given=None) -> tuple[float, float]:
    """The y-range to show: the given one, else the middle 98% of the finite values, padded."""
    if given is not None:
        return given
    finite = ys[np.isfinite(ys)]
    if finite.size == 0:
        return (-1.0, 1.0)
    low, high = np.percentile(finite, [1, 99])
    low, high = min(low, 0.0) if low > -0.5 * abs(high) else low, high
    if high - low < 1e-6:
        low, high = low - 1, high + 1
    pad = 0.1 * (high - low)
    return (float(low - pad), float(high + pad))


class TangentScene(Scene):
    """Top: f with its tangent at x. Bottom: f', with the point (x, f'(x)) marked."""

    aspect = 0.95
    params = {"x": 1.0, "fn": 0}
    pointer_axes = None

    def __init__(self, functions: list[Fn] | tuple[Fn, ...], *, cycle_note: bool = False, **params):
        super().__init__(**params)
        self.functions = {fn.key: fn for fn in functions}
        self.order = [fn.key for fn in functions]
        self.cycle_note = cycle_note

    # --- which function ----------------------------------------------------------------
    def add(self, fn: Fn) -> None:
        """Offer one more function (one the learner typed), under ``fn.key``."""
        if fn.key not in self.functions:
            self.order.append(fn.key)
        self.functions[fn.key] = fn

    @property
    def fn(self) -> Fn:
        choice = self.params.get("fn", 0)
        if isinstance(choice, str) and choice in self.functions:
            return self.functions[choice]
        try:
            return self.functions[self.order[int(float(choice)) % len(self.order)]]
        except (TypeError, ValueError):
            return self.functions[self.order[0]]

    def next_fn(self) -> Fn | None:
        """The next function along the list, when the list is a cycle of derivatives."""
        if not self.cycle_note:
            return None
        return self.functions[self.order[(self.order.index(self.fn.key) + 1) % len(self.order)]]

    # --- drawing -------------------------------------------------------------------------
    def build(self, fig) -> None:
        self.fig = fig
        self.top, self.bottom = fig.subplots(2, 1, sharex=True)
        self.pointer_axes = self.top
        for ax in (self.top, self.bottom):
            centre_axes(ax)
        self.f_line, = self.top.plot([], [], color=BLUE, linewidth=2.2)
        self.df_line, = self.bottom.plot([], [], color=VERMILION, linewidth=2.2, linestyle=(0, (6, 2)))
        self.tangent, = self.top.plot([], [], color=ORANGE, linewidth=1.8, animated=True)
        self.point, = self.top.plot([], [], "o", color=INK, markersize=6, animated=True)
        self.guide, = self.bottom.plot([], [], color=ORANGE, linewidth=1.2, linestyle=":", animated=True)
        self.dpoint, = self.bottom.plot([], [], "s", color=INK, markersize=6, animated=True)
        self.top_label = self.top.text(0.01, 0.97, "", transform=self.top.transAxes, va="top", ha="left",
                                       color=BLUE, fontsize=11, bbox=LABEL_BOX)
        self.bottom_label = self.bottom.text(0.01, 0.97, "", transform=self.bottom.transAxes, va="top",
                                             ha="left", color=VERMILION, fontsize=11, bbox=LABEL_BOX)
        self.slope_text = self.top.text(0.99, 0.03, "", transform=self.top.transAxes, ha="right", va="bottom",
                                        fontsize=10, color=INK, animated=True,
                                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
        self.bottom.set_xlabel("x")
        self.animated = [self.tangent, self.point, self.guide, self.dpoint, self.slope_text]
        self._draw_function()
        fig.subplots_adjust(left=0.12 if is_narrow(fig) else 0.08, right=0.98, top=0.98, bottom=0.1, hspace=0.12)

    def _draw_function(self) -> None:
        fn = self.fn
        self.shown = fn.key
        self.xs = np.linspace(*fn.x_range, SAMPLES)
        ys, dys = curve(fn, self.xs), curve(fn, self.xs, derivative=True)
        self.f_line.set_data(self.xs, ys)
        self.df_line.set_data(self.xs, dys)
        self.top.set_xlim(*fn.x_range)
        self.top.set_ylim(*fitted_range(ys, fn.y_range))
        self.bottom.set_ylim(*fitted_range(dys, fn.dy_range))
        self.top_label.set_text(f"$f(x) = {fn.tex}$" if fn.tex else f"f(x) = {fn.text}")
        if fn.dtex:
            self.bottom_label.set_text(f"$f\\,'(x) = {fn.dtex}$")
        else:
            self.bottom_label.set_text("$f\\,'(x)$" + ("" if fn.df is not None else " (central differences)"))
        for ax in (self.top, self.bottom):
            ticks_for_width(self.fig, ax)

    def x_clamped(self) -> float:
        low, high = self.fn.x_range
        return float(min(max(float(self.params.get("x", 0.0)), low), high))

    def apply(self) -> bool:
        full = self.fn.key != self.shown
        if full:
            self._draw_function()
        fn, x = self.fn, self.x_clamped()
        self.params["x"] = x
        y, slope = fn.value(x), fn.slope(x)
        if math.isfinite(y) and math.isfinite(slope):
            span = np.array(fn.x_range, dtype=float)
            self.tangent.set_data(span, y + slope * (span - x))
            self.slope_text.set_text(f"slope at x = {fmt(x, 2)}:  {fmt(slope)}")
        else:
            self.tangent.set_data([], [])
            self.slope_text.set_text(f"no tangent at x = {fmt(x, 2)}")
        self.point.set_data([x] if math.isfinite(y) else [], [y] if math.isfinite(y) else [])
        ok = math.isfinite(slope)
        self.dpoint.set_data([x] if ok else [], [slope] if ok else [])
        self.guide.set_data([x, x] if ok else [], [0, slope] if ok else [])
        return full

    # --- words and numbers ---------------------------------------------------------------
    def describe(self) -> str:
        fn, x = self.fn, self.x_clamped()
        y, slope = fn.value(x), fn.slope(x)
        named = f"f(x) = {fn.text}"
        derivative = f"f′(x) = {fn.dtext}" if fn.dtext else "f′(x), worked out numerically"
        head = f"Top: the graph of {named}. Bottom: the graph of its derivative {derivative}. "
        if not math.isfinite(y):
            return head + f"At x = {fmt(x, 2)}, f is not defined, so there is no point and no tangent."
        if not math.isfinite(slope):
            return head + (f"At x = {fmt(x, 2)}, f(x) = {fmt(y)}, but the graph has a corner there: "
                           "no single tangent, so f′ is not defined.")
        text = (head + f"At x = {fmt(x, 2)}, f(x) = {fmt(y)} and the tangent's slope is {fmt(slope)}, "
                f"which is the height of the lower graph there: f′({fmt(x, 2)}) = {fmt(slope)}.")
        following = self.next_fn()
        if following is not None:
            text += f" The lower graph is {following.text} itself, the next function in the cycle."
        return text

    def readouts(self) -> dict[str, str]:
        fn, x = self.fn, self.x_clamped()
        return {"x": fmt(x, 2), "f": fmt(fn.value(x)), "slope": fmt(fn.slope(x)), "function": fn.text}


class ExplorerScene(TangentScene):
    """The explorer: the tangent follows the pointer, and the arrow keys move it."""

    def on_pointer(self, x: float, y: float) -> bool:
        self.params["x"] = x
        self.apply()
        return True

    def on_key(self, key: str) -> bool:
        low, high = self.fn.x_range
        span, x = high - low, self.x_clamped()
        moves = {"ArrowRight": x + span / 100, "ArrowUp": x + span / 100, "ArrowLeft": x - span / 100,
                 "ArrowDown": x - span / 100, "PageUp": x + span / 10, "PageDown": x - span / 10,
                 "Home": low, "End": high, "Enter": (low + high) / 2}
        if key not in moves:
            return False
        self.params["x"] = round(moves[key], 6)
        self.apply()
        return True

