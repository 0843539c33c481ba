"""One neuron, a1 = sigma(w a0 + b): its response curve, the sigmoid and its slope, and
the cost of a neuron fitted to the NOT function (the lessons on neurons, the sigmoid
and the cost)."""
from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import BoundaryNorm

from .scene import Scene
from .style import BLUE, GREEN, GREY, INK, ORANGE, VERMILION, centre_axes, is_narrow
from .tangent import fmt


def sigma(z):
    return 1 / (1 + np.exp(-z))


def d_sigma(z):
    s = sigma(z)
    return s * (1 - s)


def weight_colour(w: float) -> str:
    return BLUE if w >= 0 else VERMILION


class NeuronScene(Scene):
    """Parameters ``w``, ``b``, ``a0``. Left: the neuron as a diagram with its numbers;
    right: its response a1 = sigma(w a0 + b) against a0, the current input marked."""

    aspect = 0.5
    params = {"w": 1.0, "b": 0.0, "a0": 1.0}
    A0_RANGE = (-4.0, 4.0)

    def build(self, fig) -> None:
        narrow = is_narrow(fig)
        size = 8 if narrow else 10
        self.diagram, ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.6]})
        d = self.diagram
        d.set_axis_off()
        d.set_xlim(0, 1)
        d.set_ylim(0, 1)
        self.link, = d.plot([0.18, 0.78], [0.55, 0.55], color=BLUE, linewidth=2, animated=True,
                            solid_capstyle="round", zorder=1)
        self.circles = []
        for cx, name in ((0.16, "a₀"), (0.8, "a₁")):
            self.circles += d.plot([cx], [0.55], "o", markersize=30 if narrow else 44, markerfacecolor="white",
                                   markeredgecolor=INK, markeredgewidth=1.5, zorder=2, animated=True)
            d.text(cx, 0.84, name, ha="center", va="bottom", fontsize=size + 1, color=INK)
        self.in_text = d.text(0.16, 0.55, "", ha="center", va="center", fontsize=size - 1, animated=True, zorder=3)
        self.out_text = d.text(0.8, 0.55, "", ha="center", va="center", fontsize=size - 1, animated=True, zorder=3)
        self.w_text = d.text(0.47, 0.64, "", ha="center", va="bottom", fontsize=size, animated=True)
        self.b_text = d.text(0.8, 0.3, "", ha="center", va="top", fontsize=size, animated=True)
        self.z_text = d.text(0.5, 0.08, "", ha="center", va="bottom", fontsize=size - 1, color=INK, animated=True)
        if narrow:      # a phone: the curve alone (the readouts below give z and a1)
            d.set_visible(False)

        centre_axes(ax)
        self.xs = np.linspace(*self.A0_RANGE, 300)
        ax.set_xlim(*self.A0_RANGE)
        ax.set_ylim(-0.05, 1.05)
        ax.axhline(1, color=GREY, linewidth=0.8, linestyle=":")
        ax.set_xlabel("input a₀", labelpad=0)
        ax.set_ylabel("output a₁", labelpad=0)
        self.curve, = ax.plot([], [], color=BLUE, animated=True)
        self.dot, = ax.plot([], [], "o", color=ORANGE, markersize=7, animated=True)
        self.guide, = ax.plot([], [], color=ORANGE, linewidth=1, linestyle="--", animated=True)
        self.animated = [self.curve, self.guide, self.dot]
        if not narrow:
            self.animated = [self.link, *self.circles, self.in_text, self.out_text, self.w_text, self.b_text,
                             self.z_text, *self.animated]
            fig.subplots_adjust(left=0.02, right=0.97, top=0.95, bottom=0.17, wspace=0.25)
        else:
            ax.set_position([0.15, 0.2, 0.8, 0.75])

    def values(self) -> dict[str, float]:
        w, b, a0 = (float(self.params[k]) for k in ("w", "b", "a0"))
        z = w * a0 + b
        return {"w": w, "b": b, "a0": a0, "z": z, "a1": float(sigma(z))}

    def apply(self) -> bool:
        if not hasattr(self, "curve"):
            return False
        n = self.values()
        self.link.set_color(weight_colour(n["w"]))
        self.link.set_linewidth(0.8 + 2.2 * min(abs(n["w"]), 4))
        self.in_text.set_text(f"{n['a0']:.2f}".replace("-", "−"))
        self.out_text.set_text(f"{n['a1']:.3f}")
        self.w_text.set_text(f"w = {fmt(n['w'], 1)}")
        self.b_text.set_text(f"b = {fmt(n['b'], 1)}")
        self.z_text.set_text(f"z = w a₀ + b = {fmt(n['z'], 2)}")
        self.curve.set_data(self.xs, sigma(n["w"] * self.xs + n["b"]))
        self.dot.set_data([n["a0"]], [n["a1"]])
        self.guide.set_data([n["a0"], n["a0"], self.A0_RANGE[0]], [0, n["a1"], n["a1"]])
        return False

    def describe(self) -> str:
        n = self.values()
        steep = "a steep step" if abs(n["w"]) >= 3 else "a gentle S-curve" if abs(n["w"]) >= 0.3 else "almost flat"
        direction = "rising" if n["w"] > 0 else "falling" if n["w"] < 0 else "flat"
        middle = f"; its midpoint (output 0.5) is at a₀ = {fmt(-n['b'] / n['w'], 2)}" if n["w"] else ""
        return (f"A neuron with weight w = {n['w']:g} and bias b = {n['b']:g}. For input a₀ = {n['a0']:g}, "
                f"z = w a₀ + b = {fmt(n['z'], 3)} and the output is a₁ = σ(z) = {n['a1']:.4f}. "
                f"Its response curve against a₀ is {steep}, {direction}{middle}.")

    def readouts(self) -> dict[str, str]:
        n = self.values()
        return {"z": fmt(n["z"], 3), "a1": f"{n['a1']:.4f}"}


class SigmoidScene(Scene):
    """Parameter ``z``: sigma with its tangent at z, and sigma' = sigma(1 - sigma) below."""

    aspect = 0.8
    params = {"z": 0.0}
    Z_RANGE = (-6.0, 6.0)
    H = 1e-5

    def build(self, fig) -> None:
        narrow = is_narrow(fig)
        top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1.4, 1]})
        zs = np.linspace(*self.Z_RANGE, 400)
        for ax in (top, bottom):
            centre_axes(ax)
        top.plot(zs, sigma(zs), color=BLUE, label="σ(z)")
        top.plot(zs, (zs > 0).astype(float), color=GREY, linestyle=":", linewidth=1.2, label="a step (no slope)")
        top.set_ylim(-0.1, 1.1)
        top.legend(loc="upper left", fontsize=7 if narrow else 9)
        bottom.plot(zs, d_sigma(zs), color=GREEN, label="σ′(z) = σ(z)(1 − σ(z))")
        bottom.set_ylim(-0.02, 0.3)
        bottom.legend(loc="upper left", fontsize=7 if narrow else 9)
        bottom.set_xlabel("z", labelpad=0)
        top.set_xlim(*self.Z_RANGE)
        self.tangent, = top.plot([], [], color=VERMILION, linewidth=1.5, animated=True)
        self.dot, = top.plot([], [], "o", color=VERMILION, markersize=6, animated=True)
        self.slope_dot, = bottom.plot([], [], "o", color=VERMILION, markersize=6, animated=True)
        self.stem, = bottom.plot([], [], color=VERMILION, linewidth=1, linestyle="--", animated=True)
        self.animated = [self.tangent, self.dot, self.stem, self.slope_dot]
        fig.subplots_adjust(left=0.12 if narrow else 0.08, right=0.97, top=0.97, bottom=0.1, hspace=0.12)

    def values(self) -> dict[str, float]:
        z = float(self.params["z"])
        s = float(sigma(z))
        numeric = float((sigma(z + self.H) - sigma(z - self.H)) / (2 * self.H))
        return {"z": z, "sigma": s, "slope": s * (1 - s), "numeric": numeric,
                "formula": math.exp(-z) / (1 + math.exp(-z)) ** 2}

    def apply(self) -> bool:
        if not hasattr(self, "dot"):
            return False
        n = self.values()
        zs = np.array([n["z"] - 2, n["z"] + 2])
        self.tangent.set_data(zs, n["sigma"] + n["slope"] * (zs - n["z"]))
        self.dot.set_data([n["z"]], [n["sigma"]])
        self.slope_dot.set_data([n["z"]], [n["slope"]])
        self.stem.set_data([n["z"], n["z"]], [0, n["slope"]])
        return False

    def describe(self) -> str:
        n = self.values()
        return (f"Top: the sigmoid σ(z), a smooth version of a step from 0 to 1, with its tangent at z = {n['z']:g}, "
                f"where σ(z) = {n['sigma']:.4f}. Bottom: its slope σ′(z) = σ(z)(1 − σ(z)) = {n['slope']:.4f}, "
                f"a bump that is largest (0.25) at z = 0 and nearly 0 far out on either side; a finite "
                f"difference gives {n['numeric']:.4f}.")

    def readouts(self) -> dict[str, str]:
        n = self.values()
        return {"sigma": f"{n['sigma']:.4f}", "slope": f"{n['slope']:.4f}", "numeric": f"{n['numeric']:.4f}",
                "formula": f"{n['formula']:.4f}"}


# The NOT function: input 0 should give 1, input 1 should give 0.
NOT_DATA = ((0.0, 1.0), (1.0, 0.0))


def not_cost(w, b):
    """C(w, b) = sum over the NOT examples of (sigma(w a0 + b) - y)^2."""
    return sum((sigma(w * a0 + b) - y) ** 2 for a0, y in NOT_DATA)


class CostScene(Scene):
    """Parameters ``w``, ``b``. Top: the neuron's response and the two NOT examples, the
    errors drawn; bottom: the cost C(w, b) as a contour map, the current (w, b) marked."""

    aspect = 1.0
    params = {"w": 1.0, "b": 0.0}
    W_RANGE, B_RANGE = (-10.0, 10.0), (-10.0, 10.0)

    def build(self, fig) -> None:
        narrow = is_narrow(fig)
        top, bottom = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1, 1.3]})
        centre_axes(top)
        self.xs = np.linspace(-0.5, 1.5, 200)
        top.set_xlim(-0.5, 1.5)
        top.set_ylim(-0.1, 1.1)
        top.set_xlabel("input a₀", labelpad=0)
        top.set_ylabel("output a₁", labelpad=0)
        for a0, y in NOT_DATA:
            top.plot([a0], [y], "s", color=INK, markersize=7, zorder=4)
        top.plot([], [], "s", color=INK, label="NOT: target y")
        self.curve, = top.plot([], [], color=BLUE, animated=True, label="σ(w a₀ + b)")
        self.errors = [top.plot([], [], color=VERMILION, linewidth=3, animated=True)[0] for _ in NOT_DATA]
        top.legend(loc="center right", fontsize=7 if narrow else 9)

        # The cost's bands as an image (an image draws in a few ms where filled contours take
        # a tenth of a second in the page), in the same eleven bands; the lines are contours.
        ws, bs = np.meshgrid(np.linspace(*self.W_RANGE, 241), np.linspace(*self.B_RANGE, 241))
        cost = not_cost(ws, bs)
        levels = np.linspace(0, 2, 11)
        bands = bottom.imshow(cost, origin="lower", extent=(*self.W_RANGE, *self.B_RANGE), aspect="auto",
                              interpolation="nearest", cmap="Blues_r",
                              norm=BoundaryNorm(levels, 256))
        bottom.contour(ws, bs, cost, levels=[0.05, 0.5, 1.0], colors="white", linewidths=0.8)
        colorbar = fig.colorbar(bands, ax=bottom, shrink=0.9, pad=0.02, ticks=levels[::2])
        colorbar.set_label("cost C", fontsize=8)
        colorbar.minorticks_off()
        bottom.set_xlabel("weight w", labelpad=0)
        bottom.set_ylabel("bias b", labelpad=0)
        # few, round tick labels: easier to read, and text is most of this figure's drawing time
        top.set_xticks([-0.5, 0, 0.5, 1, 1.5])
        top.set_yticks([0, 0.5, 1])
        bottom.set_xticks([-10, -5, 0, 5, 10])
        bottom.set_yticks([-10, -5, 0, 5, 10])
        self.dot, = bottom.plot([], [], "o", color=ORANGE, markeredgecolor=INK, markersize=8, animated=True)
        self.animated = [self.curve, *self.errors, self.dot]
        fig.subplots_adjust(left=0.13 if narrow else 0.09, right=0.98, top=0.97, bottom=0.08, hspace=0.35)

    def values(self) -> dict[str, float]:
        w, b = float(self.params["w"]), float(self.params["b"])
        outs = [float(sigma(w * a0 + b)) for a0, _ in NOT_DATA]
        return {"w": w, "b": b, "a_0": outs[0], "a_1": outs[1], "cost": float(not_cost(w, b)),
                "e0": (outs[0] - NOT_DATA[0][1]) ** 2, "e1": (outs[1] - NOT_DATA[1][1]) ** 2}

    def apply(self) -> bool:
        if not hasattr(self, "dot"):
            return False
        n = self.values()
        self.curve.set_data(self.xs, sigma(n["w"] * self.xs + n["b"]))
        for line, (a0, y), out in zip(self.errors, NOT_DATA, (n["a_0"], n["a_1"])):
            line.set_data([a0, a0], [y, out])
        self.dot.set_data([n["w"]], [n["b"]])
        return False

    def describe(self) -> str:
        n = self.values()
        return (f"A neuron with w = {n['w']:g}, b = {n['b']:g} tries to be a NOT gate. For input 0 it gives "
                f"{n['a_0']:.3f} (target 1) and for input 1 it gives {n['a_1']:.3f} (target 0). The cost "
                f"C = (a(0) − 1)² + (a(1) − 0)² = {n['e0']:.3f} + {n['e1']:.3f} = {n['cost']:.3f}. "
                f"On the contour map of C over (w, b) below, the cost is lowest in the valley where w is "
                f"large and negative and b is about −w/2.")

    def readouts(self) -> dict[str, str]:
        n = self.values()
        return {"out0": f"{n['a_0']:.3f}", "out1": f"{n['a_1']:.3f}", "e0": f"{n['e0']:.3f}",
                "e1": f"{n['e1']:.3f}", "cost": f"{n['cost']:.4f}"}
