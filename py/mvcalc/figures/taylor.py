"""Taylor series in one variable, drawn: matching value, slope and curvature; a power series
from its coefficients; the Taylor explorer (order, expansion point, error); linearisation and
the forward difference with their errors on a log-log plot.

Every coefficient is f⁽ⁿ⁾(a)/n! from the closed-form rules in ``taylor_series`` (plain Python,
no sympy); the tests check those rules, and each readout, against sympy.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.transforms import blended_transform_factory

from .scene import Scene
from .style import BLUE, GREEN, GREY, INK, ORANGE, PURPLE, SKY, VERMILION, centre_axes, is_narrow, ticks_for_width
from .taylor_series import BY_KEY, EXPLORER, SMOOTH, Series, polynomial

SAMPLES = 500
CLIP = 1e4          # polynomial values beyond this are not drawn (they are far off the axes anyway)
MAX_ORDER = 12
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def show(value: float, digits: int = 4) -> str:
    """A number as the page shows it: ``digits`` significant figures, a real minus sign."""
    if value is None or not math.isfinite(value):
        return "undefined" if value is None or math.isnan(value) else ("∞" if value > 0 else "−∞")
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}×10{str(int(exponent)).translate(SUPERSCRIPT).replace('-', '⁻')}"
    return text.replace("-", "−")


def power_text(a: float, n: int) -> str:
    """(x − a)ⁿ in words-and-symbols: x³, (x − 1)², (x + 2)."""
    if n == 0:
        return ""
    if a == 0:
        base = "x"
    else:
        base = f"(x − {show(a)})" if a > 0 else f"(x + {show(-a)})"
    return base + (str(n).translate(SUPERSCRIPT) if n > 1 else "")


def polynomial_text(coefficients, a: float) -> str:
    """c₀ + c₁(x − a) + …, skipping zero terms: "1 + x + 0.5x² + 0.1667x³"."""
    out = ""
    for n, c in enumerate(coefficients):
        if c == 0 or abs(c) < 1e-15:
            continue
        power = power_text(a, n)
        size = abs(c)
        number = "" if (power and abs(size - 1) < 1e-12) else show(size)
        term = number + power
        if not out:
            out = ("−" if c < 0 else "") + term
        else:
            out += (" − " if c < 0 else " + ") + term
    return out or "0"


def _clipped(ys):
    ys = np.array(ys, dtype=float)
    ys[~np.isfinite(ys) | (np.abs(ys) > CLIP)] = np.nan
    return ys


def _gap_polygons(xs, top, bottom):
    """Polygons filling between two curves, one per stretch where both are finite."""
    ok = np.isfinite(top) & np.isfinite(bottom)
    polygons, start = [], None
    for i, good in enumerate(list(ok) + [False]):
        if good and start is None:
            start = i
        elif not good and start is not None:
            if i - start > 1:
                seg = slice(start, i)
                polygons.append(np.column_stack([np.r_[xs[seg], xs[seg][::-1]],
                                                 np.r_[top[seg], bottom[seg][::-1]]]))
            start = None
    return polygons


class _SeriesChoice:
    """A scene that draws one of several series, picked by ``fn`` (a key, or a number)."""

    choices: tuple[Series, ...] = EXPLORER

    @property
    def series(self) -> Series:
        choice = self.params.get("fn", self.choices[0].key)
        if isinstance(choice, str) and choice in BY_KEY:
            return BY_KEY[choice]
        try:
            return self.choices[int(float(choice)) % len(self.choices)]
        except (TypeError, ValueError):
            return self.choices[0]


class TaylorScene(_SeriesChoice, Scene):
    """The explorer: f, its Taylor polynomial of order ``order`` about ``a``, the gap between
    them shaded, and below, the size of that gap on a log scale. ``probe`` is where the
    error is read off (the pointer and the arrow keys move it)."""

    aspect = 0.95
    params = {"fn": "exp", "order": 3, "a": 0.0, "probe": 1.0}

    def __init__(self, choices: tuple[Series, ...] = EXPLORER, **params):
        super().__init__(**params)
        self.choices = tuple(choices)
        self.shown = None

    # --- the numbers ------------------------------------------------------------------------
    @property
    def order(self) -> int:
        return max(0, min(MAX_ORDER, int(round(float(self.params.get("order", 0))))))

    @property
    def a(self) -> float:
        return round(float(self.params.get("a", 0.0)), 10)

    @property
    def probe(self) -> float:
        low, high = self.series.x_range
        return float(min(max(float(self.params.get("probe", 1.0)), low), high))

    def coefficients(self) -> list[float]:
        return self.series.coefficients(self.a, self.order)

    def has_series(self) -> bool:
        return self.series.has_series(self.a)

    def approximation(self, xs):
        return polynomial(self.coefficients(), self.a, xs)

    # --- drawing ----------------------------------------------------------------------------
    def build(self, fig) -> None:
        self.fig = fig
        self.top, self.bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [2.2, 1]})
        self.pointer_axes = self.top
        centre_axes(self.top)
        self.f_line, = self.top.plot([], [], color=BLUE, linewidth=2.4, zorder=3)
        self.gap = PolyCollection([], facecolor=ORANGE, alpha=0.28, edgecolor="none", animated=True)
        self.top.add_collection(self.gap)
        self.p_line, = self.top.plot([], [], color=VERMILION, linewidth=2.0, linestyle=(0, (5, 2)), animated=True)
        self.a_point, = self.top.plot([], [], "o", color=INK, markersize=7, animated=True)
        self.probe_f, = self.top.plot([], [], "o", color=BLUE, markersize=6, animated=True)
        self.probe_p, = self.top.plot([], [], "s", color=VERMILION, markersize=6, animated=True)
        self.probe_gap, = self.top.plot([], [], color=INK, linewidth=1.2, animated=True)
        band = blended_transform_factory(self.top.transData, self.top.transAxes)
        self.band, = self.top.plot([], [], color=GREEN, linewidth=6, alpha=0.55, solid_capstyle="butt",
                                   transform=band, animated=True)
        self.label = self.top.text(0.01, 0.97, "", transform=self.top.transAxes, va="top", ha="left", fontsize=10,
                                   color=INK, animated=True,
                                   bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
        self.error_line, = self.bottom.plot([], [], color=ORANGE, linewidth=1.8, animated=True)
        self.error_probe, = self.bottom.plot([], [], "o", color=INK, markersize=5, animated=True)
        self.bottom.set_yscale("log")
        self.bottom.set_ylim(1e-10, 1e3)
        self.bottom.set_yticks([1e-9, 1e-6, 1e-3, 1])
        self.bottom.set_ylabel("|f − p|", fontsize=9)
        self.bottom.set_xlabel("x")
        self.animated = [self.gap, self.p_line, self.band, self.probe_gap, self.a_point, self.probe_f,
                         self.probe_p, self.label, self.error_line, self.error_probe]
        self.shown = None
        self._draw_function()
        narrow = is_narrow(fig)
        fig.subplots_adjust(left=0.14 if narrow else 0.09, right=0.98, top=0.98, bottom=0.09, hspace=0.1)

    def _draw_function(self) -> None:
        s = self.series
        self.shown = s.key
        self.xs = np.linspace(*s.x_range, SAMPLES)
        self.fs = _clipped(s.curve(self.xs))
        if s.key == "step":       # no line joining the two levels across the jump
            self.fs[np.argmin(np.abs(self.xs))] = np.nan
        if s.key in ("reciprocal", "geometric"):
            pole = 0.0 if s.key == "reciprocal" else 1.0
            self.fs[np.abs(self.xs - pole) < 2 * (self.xs[1] - self.xs[0])] = np.nan
        self.f_line.set_data(self.xs, self.fs)
        self.top.set_xlim(*s.x_range)
        self.top.set_ylim(*s.y_range)
        ticks_for_width(self.fig, self.top)
        self.bottom.set_yticks([1e-9, 1e-6, 1e-3, 1])

    def apply(self) -> bool:
        full = self.series.key != self.shown
        if full:
            self._draw_function()
        s, a, x = self.series, self.a, self.probe
        self.params["probe"] = x
        name = f"$f(x) = {s.tex}$"
        if not self.has_series():
            for line in (self.p_line, self.a_point, self.probe_p, self.probe_gap, self.band, self.error_line,
                         self.error_probe):
                line.set_data([], [])
            self.gap.set_verts([])
            fx = s.value(x)
            self.probe_f.set_data([x] if math.isfinite(fx) else [], [fx] if math.isfinite(fx) else [])
            self.label.set_text(name + f"\nno series about a = {a:g}")
            return full
        ps = _clipped(self.approximation(self.xs))
        self.p_line.set_data(self.xs, ps)
        self.gap.set_verts(_gap_polygons(self.xs, self.fs, ps))
        fa = s.nth(0, a)
        self.a_point.set_data([a], [fa])
        fx, px = s.value(x), float(self.approximation(np.array([x]))[0])
        both = math.isfinite(fx) and math.isfinite(px)
        self.probe_f.set_data([x] if math.isfinite(fx) else [], [fx] if math.isfinite(fx) else [])
        shown_p = math.isfinite(px) and abs(px) < CLIP
        self.probe_p.set_data([x] if shown_p else [], [px] if shown_p else [])
        self.probe_gap.set_data([x, x] if both and shown_p else [], [fx, px] if both and shown_p else [])
        radius = s.radius(a)
        low, high = s.x_range
        if math.isfinite(radius):
            self.band.set_data([max(low, a - radius), min(high, a + radius)], [0.015, 0.015])
        else:
            self.band.set_data([low, high], [0.015, 0.015])
        with np.errstate(all="ignore"):
            error = np.abs(self.fs - ps)
        error[error < 1e-14] = 1e-14
        self.error_line.set_data(self.xs, error)
        e = abs(fx - px) if both else float("nan")
        self.error_probe.set_data([x] if math.isfinite(e) else [], [max(e, 1e-14)] if math.isfinite(e) else [])
        self.label.set_text(name + f"\norder {self.order} about a = {a:g}")
        return full

    # --- words and numbers --------------------------------------------------------------------
    def convergence_words(self) -> str:
        s, a = self.series, self.a
        if s.key in ("abs", "step"):
            return s.note(a)
        radius = s.radius(a)
        if math.isinf(radius):
            return "This series converges to f for every x."
        text = (f"This series converges only for |x − a| < {show(radius)}, "
                f"from x = {show(a - radius)} to x = {show(a + radius)} (the green bar).")
        if s.key == "runge":
            text += " The limit is the distance from a to ±i, where 1/(1 + x²) blows up among the complex numbers."
        return text

    def describe(self) -> str:
        s, a, x = self.series, self.a, self.probe
        head = f"The graph of f(x) = {s.text} (solid blue)"
        if not self.has_series():
            return head + ". " + s.note(a)
        fx, px = s.value(x), float(self.approximation(np.array([x]))[0])
        text = (head + f" and its Taylor polynomial of order {self.order} about a = {a:g} (dashed red), "
                f"p(x) = {polynomial_text(self.coefficients(), a)}, with the gap between them shaded. "
                f"At x = {x:g}: f = {show(fx)}, p = {show(px)}, error {show(abs(fx - px))}. ")
        return text + self.convergence_words()

    def readouts(self) -> dict[str, str]:
        s, a, x = self.series, self.a, self.probe
        out: dict[str, str] = {"probe": f"{x:g}", "order": str(self.order), "a": f"{a:g}"}
        fx = s.value(x)
        if not self.has_series():
            out.update(poly="no series about this point", f_probe=show(fx), p_probe="—", error="—",
                       radius="no series")
            coefficients = []
        else:
            coefficients = self.coefficients()
            px = float(self.approximation(np.array([x]))[0])
            radius = s.radius(a)
            out.update(poly=polynomial_text(coefficients, a), f_probe=show(fx), p_probe=show(px),
                       error=show(abs(fx - px)) if math.isfinite(fx) else "f undefined here",
                       radius=("∞" if math.isinf(radius) else show(radius)))
        for n in range(MAX_ORDER + 1):
            if n < len(coefficients):
                out[f"d{n}"] = show(s.nth(n, a), 6)
                out[f"c{n}"] = show(coefficients[n], 6)
            else:
                out[f"d{n}"] = out[f"c{n}"] = "·"
        return out

    # --- pointer and keys --------------------------------------------------------------------
    def on_pointer(self, x: float, y: float) -> bool:
        self.params["probe"] = round(x, 3)
        self.apply()
        return True

    def on_key(self, key: str) -> bool:
        low, high = self.series.x_range
        span, x = high - low, self.probe
        moves = {"ArrowRight": x + span / 100, "ArrowUp": x + span / 100, "ArrowLeft": x - span / 100,
                 "ArrowDown": x - span / 100, "PageUp": x + span / 10, "PageDown": x - span / 10,
                 "Home": low, "End": high, "Enter": self.a}
        if key not in moves:
            return False
        self.params["probe"] = round(moves[key], 4)
        self.apply()
        return True


class MatchScene(_SeriesChoice, Scene):
    """Building an approximation: a constant with f's value at a, a line with its slope too,
    a parabola with its curvature too. ``terms`` (0, 1, 2) says how many are drawn."""

    aspect = 0.7
    params = {"fn": "cos", "a": 0.0, "terms": 2}
    choices = (BY_KEY["cos"], BY_KEY["exp"], BY_KEY["sin"])
    COLOURS = (GREEN, ORANGE, VERMILION)
    NAMES = ("value", "value + slope", "value + slope + curvature")

    def __init__(self, **params):
        super().__init__(**params)
        self.shown = None

    @property
    def terms(self) -> int:
        return max(0, min(2, int(round(float(self.params.get("terms", 2))))))

    @property
    def a(self) -> float:
        s = self.series
        low, high = s.x_range
        a = float(self.params.get("a", 0.0))
        return round(min(max(a, low), high), 6)

    def build(self, fig) -> None:
        self.fig = fig
        ax = self.ax = fig.add_subplot()
        centre_axes(ax)
        self.f_line, = ax.plot([], [], color=BLUE, linewidth=2.6, label="f")
        self.lines = [ax.plot([], [], color=c, linewidth=1.9, linestyle=style, animated=True, label=n)[0]
                      for c, n, style in zip(self.COLOURS, self.NAMES, ("-", (0, (6, 2)), (0, (2, 1.5))))]
        self.point, = ax.plot([], [], "o", color=INK, markersize=7, animated=True)
        ax.legend(loc="best", fontsize=8 if is_narrow(fig) else 9)
        ax.set_xlabel("x")
        self.animated = [*self.lines, self.point]
        self.shown = None
        self._draw_function()
        fig.tight_layout()

    def _draw_function(self) -> None:
        s = self.series
        self.shown = s.key
        self.xs = np.linspace(*s.x_range, SAMPLES)
        self.f_line.set_data(self.xs, _clipped(s.curve(self.xs)))
        self.f_line.set_label(f"$f(x) = {s.tex}$")
        self.ax.legend(loc="best", fontsize=8 if is_narrow(self.fig) else 9)
        self.ax.set_xlim(*s.x_range)
        self.ax.set_ylim(*s.y_range)
        ticks_for_width(self.fig, self.ax)

    def values(self) -> tuple[float, float, float]:
        s, a = self.series, self.a
        return s.nth(0, a), s.nth(1, a), s.nth(2, a)

    def apply(self) -> bool:
        full = self.series.key != self.shown
        if full:
            self._draw_function()
        a = self.a
        f0, f1, f2 = self.values()
        coefficients = [f0, f1, f2 / 2]
        for n, line in enumerate(self.lines):
            if n <= self.terms:
                line.set_data(self.xs, _clipped(polynomial(coefficients[: n + 1], a, self.xs)))
            else:
                line.set_data([], [])
        self.point.set_data([a], [f0])
        return full

    def describe(self) -> str:
        s, a = self.series, self.a
        f0, f1, f2 = self.values()
        parts = [f"the constant {show(f0)} (same value)"]
        if self.terms >= 1:
            parts.append(f"the line {polynomial_text([f0, f1], a)} (same value and slope)")
        if self.terms >= 2:
            parts.append(f"the parabola {polynomial_text([f0, f1, f2 / 2], a)} (same value, slope and curvature)")
        return (f"The graph of f(x) = {s.text} with cheap functions that copy it at x = {a:g}: "
                + "; ".join(parts) + ". Each one hugs the curve over a wider stretch than the one before.")

    def readouts(self) -> dict[str, str]:
        f0, f1, f2 = self.values()
        a = self.a
        return {"f0": show(f0), "f1": show(f1), "f2": show(f2), "a": f"{a:g}",
                "line": polynomial_text([f0, f1], a),
                "parabola": polynomial_text([f0, f1, f2 / 2], a)}


class PowerSeriesScene(_SeriesChoice, Scene):
    """g(x) = c₀ + c₁x + c₂x² + c₃x³ from four sliders, over a target f drawn dashed. At x = 0,
    g, g′, g″ and g‴ are c₀, 1·c₁, 2·c₂ and 6·c₃: each coefficient sets one derivative."""

    aspect = 0.7
    params = {"fn": "cos", "c0": 1.0, "c1": 0.0, "c2": 0.0, "c3": 0.0}
    choices = (BY_KEY["cos"], BY_KEY["exp"], BY_KEY["sin"])
    X_RANGE = (-4.0, 4.0)

    def __init__(self, **params):
        super().__init__(**params)
        self.shown = None

    def coefficients(self) -> list[float]:
        return [round(float(self.params.get(f"c{n}", 0.0)), 6) for n in range(4)]

    def build(self, fig) -> None:
        self.fig = fig
        ax = self.ax = fig.add_subplot()
        centre_axes(ax)
        self.xs = np.linspace(*self.X_RANGE, SAMPLES)
        self.target, = ax.plot([], [], color=GREY, linewidth=2.2, linestyle=(0, (5, 2)))
        self.g_line, = ax.plot([], [], color=PURPLE, linewidth=2.4, animated=True)
        self.point, = ax.plot([], [], "o", color=INK, markersize=6, animated=True)
        self.key_text = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", fontsize=10, color=INK,
                                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
        ax.set_xlim(*self.X_RANGE)
        ax.set_ylim(-3, 5)
        ax.set_xlabel("x")
        ticks_for_width(fig, ax)
        self.animated = [self.g_line, self.point]
        self.shown = None
        self._draw_target()
        fig.tight_layout()

    def _draw_target(self) -> None:
        s = self.series
        self.shown = s.key
        self.target.set_data(self.xs, s.curve(self.xs))
        self.key_text.set_text(f"dashed: ${s.tex}$    purple: $g(x)$")

    def apply(self) -> bool:
        full = self.series.key != self.shown
        if full:
            self._draw_target()
        c = self.coefficients()
        self.g_line.set_data(self.xs, _clipped(polynomial(c, 0.0, self.xs)))
        self.point.set_data([0.0], [c[0]])
        return full

    def derivatives(self) -> list[float]:
        """g⁽ⁿ⁾(0) = n!·cₙ."""
        return [math.factorial(n) * c for n, c in enumerate(self.coefficients())]

    def describe(self) -> str:
        s = self.series
        g = self.derivatives()
        target = [s.nth(n, 0.0) for n in range(4)]
        matched = sum(1 for u, v in zip(g, target) if abs(u - v) < 1e-9)
        return (f"The power series g(x) = {polynomial_text(self.coefficients(), 0.0)} (purple) over "
                f"f(x) = {s.text} (dashed). At x = 0, g, g′, g″, g‴ are {', '.join(show(v) for v in g)}; "
                f"f's are {', '.join(show(v) for v in target)}: {matched} of 4 match.")

    def readouts(self) -> dict[str, str]:
        s = self.series
        out = {f"g{n}": show(v) for n, v in enumerate(self.derivatives())}
        out.update({f"t{n}": show(s.nth(n, 0.0)) for n in range(4)})
        out["g"] = polynomial_text(self.coefficients(), 0.0)
        return out


class LinearisationScene(_SeriesChoice, Scene):
    """Top: f near x with its tangent line, and the gap at x + dx between f and the line.
    Bottom: on log-log axes, the linearisation's error (slope 2: it is O(dx²)) and the
    forward difference's error (slope 1: first-order accurate) as dx shrinks.

    Parameters: ``fn``, ``x`` and ``logdx`` (dx = 10^logdx)."""

    aspect = 1.05
    params = {"fn": "exp", "x": 1.0, "logdx": -0.3}
    choices = SMOOTH
    DX = np.logspace(-4, 0, 60)

    @property
    def x(self) -> float:
        return float(self.params.get("x", 1.0))

    @property
    def dx(self) -> float:
        return float(10 ** float(self.params.get("logdx", -0.5)))

    def errors(self, dx):
        """(linearisation error, forward-difference error) at step(s) dx."""
        s, x = self.series, self.x
        dx = np.asarray(dx, dtype=float)
        f0, f1 = s.nth(0, x), s.nth(1, x)
        with np.errstate(all="ignore"):
            change = s.curve(x + dx) - f0
            linear = np.abs(change - f1 * dx)
            forward = np.abs(change / dx - f1)
        return linear, forward

    def slopes(self) -> tuple[float, float]:
        """Each error's slope on the log-log plot, measured between dx and dx/10."""
        big, small = self.errors(np.array([self.dx, self.dx / 10]))
        return float(np.log10(big[0] / big[1])), float(np.log10(small[0] / small[1]))

    def build(self, fig) -> None:
        self.fig = fig
        self.top, self.bottom = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1, 1.15]})
        centre_axes(self.top)
        self.f_line, = self.top.plot([], [], color=BLUE, linewidth=2.4)
        self.tangent, = self.top.plot([], [], color=ORANGE, linewidth=1.8, animated=True)
        self.gap, = self.top.plot([], [], color=VERMILION, linewidth=2.6, animated=True)
        self.points, = self.top.plot([], [], "o", color=INK, markersize=5, animated=True)
        self.top.set_xlabel("x", labelpad=1)
        self.lin_curve, = self.bottom.loglog([], [], color=VERMILION, linewidth=2.2, animated=True,
                                             label="linearisation error")
        self.fd_curve, = self.bottom.loglog([], [], color=SKY, linewidth=2.2, animated=True,
                                            label="forward-difference error")
        self.ref1, = self.bottom.loglog([], [], color=GREY, linewidth=1.2, linestyle=(0, (4, 2)), animated=True,
                                        label="slope 1 and slope 2 guides")
        self.ref2, = self.bottom.loglog([], [], color=GREY, linewidth=1.2, linestyle=(0, (4, 2)), animated=True)
        self.marks, = self.bottom.loglog([], [], "o", color=INK, markersize=5, animated=True)
        self.bottom.set_xlim(1e-4, 1)
        self.bottom.set_ylim(1e-10, 10)
        self.bottom.set_xlabel("dx (log scale)", labelpad=1)
        self.bottom.set_ylabel("error", fontsize=9)
        self.bottom.legend(loc="lower right", fontsize=7 if is_narrow(fig) else 8)
        self.animated = [self.tangent, self.gap, self.points, self.lin_curve, self.fd_curve, self.ref1, self.ref2,
                         self.marks]
        self.shown = None
        self._draw_function()
        fig.subplots_adjust(left=0.15 if is_narrow(fig) else 0.1, right=0.98, top=0.98, bottom=0.08, hspace=0.3)

    def _draw_function(self) -> None:
        s = self.series
        self.shown = s.key
        self.xs = np.linspace(0.05, 3.6, SAMPLES)
        ys = _clipped(s.curve(self.xs))
        self.f_line.set_data(self.xs, ys)
        self.top.set_xlim(0, 3.6)
        self.top.set_ylim(*s.y_range)
        ticks_for_width(self.fig, self.top)

    def apply(self) -> bool:
        full = self.series.key != self.shown
        if full:
            self._draw_function()
        s, x, dx = self.series, self.x, self.dx
        f0, f1 = s.nth(0, x), s.nth(1, x)
        span = np.array([0.0, 3.6])
        self.tangent.set_data(span, f0 + f1 * (span - x))
        fnew = s.value(x + dx)
        self.gap.set_data([x + dx, x + dx], [f0 + f1 * dx, fnew])
        self.points.set_data([x, x + dx, x + dx], [f0, fnew, f0 + f1 * dx])
        linear, forward = self.errors(self.DX)
        self.lin_curve.set_data(self.DX, np.maximum(linear, 1e-16))
        self.fd_curve.set_data(self.DX, np.maximum(forward, 1e-16))
        scale = max(abs(s.nth(2, x)) / 2, 1e-3) / 4
        self.ref1.set_data(self.DX, scale * self.DX)
        self.ref2.set_data(self.DX, scale * self.DX**2)
        lin, fd = self.errors(np.array([dx]))
        self.marks.set_data([dx, dx], [max(lin[0], 1e-16), max(fd[0], 1e-16)])
        return full

    def describe(self) -> str:
        s, x, dx = self.series, self.x, self.dx
        (lin,), (fd,) = self.errors(np.array([dx]))
        slope_lin, slope_fd = self.slopes()
        return (f"Top: f(x) = {s.text} and its tangent line at x = {x:g}. A step of dx = {show(dx, 3)} lands "
                f"{show(lin, 3)} away from the line (the red gap). Bottom, on log-log axes: the linearisation "
                f"error falls with slope {slope_lin:.2f} (about 2: it is of order dx²) and the forward "
                f"difference's error with slope {slope_fd:.2f} (about 1: first-order accurate); at this dx the "
                f"forward difference is off by {show(fd, 3)}.")

    def readouts(self) -> dict[str, str]:
        s, x, dx = self.series, self.x, self.dx
        (lin,), (fd,) = self.errors(np.array([dx]))
        slope_lin, slope_fd = self.slopes()
        quotient = (s.value(x + dx) - s.nth(0, x)) / dx
        return {"dx": show(dx, 3), "lin_error": show(lin), "lin_ratio": show(lin / dx**2),
                "half_f2": show(abs(s.nth(2, x)) / 2), "fd": show(quotient, 6), "slope": show(s.nth(1, x), 6),
                "fd_error": show(fd), "fd_ratio": show(fd / dx), "slope_lin": f"{slope_lin:.2f}",
                "slope_fd": f"{slope_fd:.2f}"}
