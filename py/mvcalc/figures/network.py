"""Small networks: a 2-3-2 network drawn with its weights and activations (layers in matrix
form), and a chain of two neurons whose cost's slope is found term by term
(backpropagation)."""
from __future__ import annotations

import numpy as np

from .neuron import sigma, weight_colour
from .scene import Scene
from .style import GREY, INK, ORANGE, VERMILION, centre_axes, is_narrow

# The 2-3-2 network; the sliders set the inputs, W1[0][0] (w) and b1[0] (b).
W1 = np.array([[1.0, -1.0], [1.5, 0.5], [-2.0, 1.0]])
B1 = np.array([0.0, 0.0, 0.5])
W2 = np.array([[1.0, -1.5, 2.0], [-1.0, 2.0, 0.5]])
B2 = np.array([0.0, -0.5])
LAYERS = (2, 3, 2)


def activations(x1, x2, w, b):
    """The network's a0, z1, a1, z2, a2 with W1[0][0] = w and b1[0] = b."""
    W, B = W1.copy(), B1.copy()
    W[0, 0], B[0] = w, b
    a0 = np.array([x1, x2], dtype=float)
    z1 = W @ a0 + B
    a1 = sigma(z1)
    z2 = W2 @ a1 + B2
    return a0, z1, a1, z2, sigma(z2), W


def _positions():
    xs = (0.1, 0.5, 0.9)
    out = []
    for x, n in zip(xs, LAYERS):
        ys = np.linspace(0.2, 0.8, n) if n > 1 else np.array([0.5])
        if n == 2:
            ys = np.array([0.32, 0.68])
        out.append([(x, float(y)) for y in ys[::-1]])
    return out


class NetworkScene(Scene):
    """Parameters ``x1``, ``x2`` (the inputs), ``w`` (the weight from input 1 to hidden
    neuron 1) and ``b`` (hidden neuron 1's bias)."""

    aspect = 0.62
    params = {"x1": 1.0, "x2": 0.5, "w": 1.0, "b": 0.0}

    def build(self, fig) -> None:
        narrow = is_narrow(fig)
        self.size = 7 if narrow else 10
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0.1, 1.0)
        pos = _positions()
        self.edges = []
        for layer in range(2):
            for j, (xa, ya) in enumerate(pos[layer]):
                for i, (xb, yb) in enumerate(pos[layer + 1]):
                    line, = ax.plot([xa, xb], [ya, yb], animated=True, solid_capstyle="round", zorder=1)
                    self.edges.append((layer, i, j, line))
        marker = 26 if narrow else 40
        self.nodes = []
        for layer, points in enumerate(pos):
            for k, (x, y) in enumerate(points):
                circle, = ax.plot([x], [y], "o", markersize=marker, markerfacecolor="white", markeredgecolor=INK,
                                  markeredgewidth=1.4, zorder=2, animated=True)
                text = ax.text(x, y, "", ha="center", va="center", fontsize=self.size, zorder=3, animated=True)
                self.nodes.append((layer, k, circle, text))
        for x, label in zip((0.1, 0.5, 0.9), ("inputs a⁽⁰⁾", "hidden a⁽¹⁾", "outputs a⁽²⁾")):
            ax.text(x, 0.97, label, ha="center", va="top", fontsize=self.size, color=INK)
        self.animated = [line for *_, line in self.edges] + [p for *_, c, t in self.nodes for p in (c, t)]
        fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01)

    def values(self):
        p = self.params
        return activations(float(p["x1"]), float(p["x2"]), float(p["w"]), float(p["b"]))

    def apply(self) -> bool:
        if not hasattr(self, "edges"):
            return False
        a0, z1, a1, z2, a2, W = self.values()
        for layer, i, j, line in self.edges:
            weight = (W if layer == 0 else W2)[i, j]
            line.set_color(weight_colour(weight))
            line.set_linewidth(0.6 + 1.6 * abs(weight))
            line.set_alpha(0.85)
        values = (a0, a1, a2)
        for layer, k, circle, text in self.nodes:
            v = float(values[layer][k])
            shade = 1 - 0.55 * min(max(v, 0), 1) if layer else 1.0
            circle.set_markerfacecolor((shade, shade, 1.0) if layer else "white")
            text.set_text(f"{v:.2f}".replace("-", "−"))
        return False

    def describe(self) -> str:
        a0, z1, a1, z2, a2, W = self.values()
        v = lambda arr: "(" + ", ".join(f"{x:.3f}" for x in arr) + ")"      # noqa: E731
        return (f"A network with 2 inputs, 3 hidden neurons and 2 outputs; blue lines are positive weights, "
                f"vermilion negative, thicker for larger size. Inputs a⁽⁰⁾ = {v(a0)}. Hidden layer: "
                f"z⁽¹⁾ = W⁽¹⁾a⁽⁰⁾ + b⁽¹⁾ = {v(z1)}, a⁽¹⁾ = σ(z⁽¹⁾) = {v(a1)}. Outputs: z⁽²⁾ = {v(z2)}, "
                f"a⁽²⁾ = σ(z⁽²⁾) = {v(a2)}.")

    def readouts(self) -> dict[str, str]:
        a0, z1, a1, z2, a2, W = self.values()
        out = {f"z1_{i + 1}": f"{z1[i]:.3f}" for i in range(3)}
        out.update({f"a1_{i + 1}": f"{a1[i]:.3f}" for i in range(3)})
        out.update({f"a2_{i + 1}": f"{a2[i]:.3f}" for i in range(2)})
        return {k: v.replace("-", "−") for k, v in out.items()}


# --- backpropagation through two neurons in a row ------------------------------------------
CHAIN_A0, CHAIN_B1, CHAIN_B2, CHAIN_Y = 1.0, -0.5, 0.5, 0.0
CHAIN_H = 1e-5


def chain_forward(w1, w2, a0=CHAIN_A0, b1=CHAIN_B1, b2=CHAIN_B2):
    z1 = w1 * a0 + b1
    a1 = sigma(z1)
    z2 = w2 * a1 + b2
    a2 = sigma(z2)
    return z1, a1, z2, a2


def chain_cost(w1, w2):
    return (chain_forward(w1, w2)[3] - CHAIN_Y) ** 2


class BackpropScene(Scene):
    """Parameters ``w1``, ``w2``: a0 -> a1 = sigma(w1 a0 + b1) -> a2 = sigma(w2 a1 + b2),
    C = (a2 - y)^2. The cost against w1 with its tangent, whose slope is the product of
    the chain rule's five factors (shown in the readouts)."""

    aspect = 0.6
    params = {"w1": 1.0, "w2": 2.0}
    W_RANGE = (-6.0, 6.0)

    def build(self, fig) -> None:
        narrow = is_narrow(fig)
        ax = fig.add_subplot()
        centre_axes(ax)
        self.ws = np.linspace(*self.W_RANGE, 300)
        ax.set_xlim(*self.W_RANGE)
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("weight w₁", labelpad=0)
        ax.set_ylabel("cost C", labelpad=0)
        self.curve, = ax.plot([], [], color="#0072B2", animated=True, label="C(w₁) for this w₂")
        self.tangent, = ax.plot([], [], color=VERMILION, linewidth=1.5, animated=True, label="slope ∂C/∂w₁")
        self.dot, = ax.plot([], [], "o", color=ORANGE, markeredgecolor=INK, markersize=7, animated=True)
        ax.legend(loc="upper left", fontsize=7 if narrow else 9)
        self.animated = [self.curve, self.tangent, self.dot]
        fig.subplots_adjust(left=0.13 if narrow else 0.09, right=0.97, top=0.96, bottom=0.15)

    def values(self) -> dict[str, float]:
        w1, w2 = float(self.params["w1"]), float(self.params["w2"])
        z1, a1, z2, a2 = (float(v) for v in chain_forward(w1, w2))
        f = {"dC_da2": 2 * (a2 - CHAIN_Y), "da2_dz2": a2 * (1 - a2), "dz2_da1": w2,
             "da1_dz1": a1 * (1 - a1), "dz1_dw1": CHAIN_A0}
        dCdw1 = f["dC_da2"] * f["da2_dz2"] * f["dz2_da1"] * f["da1_dz1"] * f["dz1_dw1"]
        dCdw2 = f["dC_da2"] * f["da2_dz2"] * a1
        numeric_w1 = float((chain_cost(w1 + CHAIN_H, w2) - chain_cost(w1 - CHAIN_H, w2)) / (2 * CHAIN_H))
        numeric_w2 = float((chain_cost(w1, w2 + CHAIN_H) - chain_cost(w1, w2 - CHAIN_H)) / (2 * CHAIN_H))
        return {"w1": w1, "w2": w2, "z1": z1, "a1": a1, "z2": z2, "a2": a2, "cost": (a2 - CHAIN_Y) ** 2, **f,
                "dCdw1": dCdw1, "dCdw2": dCdw2, "numeric_w1": numeric_w1, "numeric_w2": numeric_w2}

    def apply(self) -> bool:
        if not hasattr(self, "dot"):
            return False
        n = self.values()
        self.curve.set_data(self.ws, chain_cost(self.ws, n["w2"]))
        ws = np.array([n["w1"] - 1.5, n["w1"] + 1.5])
        self.tangent.set_data(ws, n["cost"] + n["dCdw1"] * (ws - n["w1"]))
        self.dot.set_data([n["w1"]], [n["cost"]])
        return False

    def describe(self) -> str:
        n = self.values()
        downhill = "increase" if n["dCdw1"] < 0 else "decrease"
        return (f"Two neurons in a row with w₁ = {n['w1']:g}, w₂ = {n['w2']:g}, input a₀ = {CHAIN_A0:g}, target "
                f"y = {CHAIN_Y:g}: a₁ = {n['a1']:.4f}, a₂ = {n['a2']:.4f}, cost C = {n['cost']:.4f}. The curve is "
                f"the cost against w₁; its tangent's slope is ∂C/∂w₁ = {n['dCdw1']:.5f}, the product of five chain-rule "
                f"factors (a finite difference gives {n['numeric_w1']:.5f}). To lower the cost, {downhill} w₁.")

    def readouts(self) -> dict[str, str]:
        n = self.values()
        keys = ("z1", "a1", "z2", "a2", "cost", "dC_da2", "da2_dz2", "dz2_da1", "da1_dz1", "dz1_dw1", "dCdw1",
                "numeric_w1", "dCdw2", "numeric_w2")
        return {k: f"{n[k]:.5f}".replace("-", "−") for k in keys}


# --- the lab's picture: the network's curve and the heart ----------------------------------

def heart_target() -> np.ndarray:
    """The lab's targets: the heart at t = 2 pi x for x = 0, 0.01, ..., 0.99, mapped by (y + 1)/2."""
    t = 2 * np.pi * np.arange(100) / 100
    hx = 16 * np.sin(t) ** 3 / 20
    hy = (13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t)) / 20
    return (np.array([hx, hy]) + 1) / 2


class HeartScene(Scene):
    """The target heart (dashed) and the network's output curve, with the cost falling beside it.
    The page sets ``set_state(curve, costs)`` after each slice of training."""

    aspect = 0.55
    params: dict = {}

    def __init__(self, target=None, **params):
        super().__init__(**params)
        if target is None:
            target = heart_target()
        self.target = np.array(target, dtype=float)
        self.curve_xy = np.full_like(self.target, np.nan)
        self.costs: list[float] = []

    def set_state(self, curve, costs) -> bool:
        """The network's output curve (2 x 100) and its cost so far (costs[0]: before training);
        True when the figure needs a full redraw (the cost axis grew)."""
        self.curve_xy = np.array(curve, dtype=float)
        self.costs = list(costs)
        return self.apply()

    def build(self, fig) -> None:
        narrow = is_narrow(fig)
        self.ax, self.cost_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.1]})
        ax = self.ax
        ax.plot(*np.vstack([self.target.T, self.target.T[:1]]).T, color=GREY, linestyle="--", linewidth=1.2,
                label="target heart")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel("output 1", labelpad=0)
        ax.set_ylabel("output 2", labelpad=0)
        self.line, = ax.plot([], [], color=VERMILION, linewidth=2, animated=True, label="network")
        self.points, = ax.plot([], [], "o", color=VERMILION, markersize=2.5, animated=True)
        if not narrow:       # on a phone the caption says which curve is which
            ax.legend(loc="lower center", fontsize=8, ncol=2, bbox_to_anchor=(0.5, -0.01))
        cax = self.cost_ax
        cax.set_yscale("log")
        cax.set_ylim(5e-4, 0.5)
        cax.set_xlim(0, 3000)
        cax.set_xlabel("training step", labelpad=0)
        cax.set_ylabel("cost", labelpad=0)
        self.cost_line, = cax.plot([], [], color="#0072B2", animated=True)
        self.animated = [self.line, self.points, self.cost_line]
        if narrow:
            from matplotlib.ticker import MaxNLocator
            for axis in (ax.xaxis, ax.yaxis, cax.xaxis):
                axis.set_major_locator(MaxNLocator(nbins=2))
            for a in (ax, cax):
                a.tick_params(labelsize=7)
        fig.subplots_adjust(left=0.13 if narrow else 0.07, right=0.97, top=0.97, bottom=0.18,
                            wspace=0.55 if narrow else 0.35)

    def update(self, **params) -> bool:
        self.params.update(params)
        return self.apply()

    def apply(self) -> bool:
        if not hasattr(self, "line"):
            return False
        xy = self.curve_xy
        if xy.size and np.isfinite(xy).all():
            closed = np.hstack([xy, xy[:, :1]])
            self.line.set_data(closed[0], closed[1])
            self.points.set_data(xy[0], xy[1])
        else:                                   # no network output yet: nothing drawn, not NaNs
            self.line.set_data([], [])
            self.points.set_data([], [])
        steps = np.arange(len(self.costs))
        self.cost_line.set_data(steps, self.costs)
        if len(self.costs) > self.cost_ax.get_xlim()[1]:
            self.cost_ax.set_xlim(0, 1.5 * len(self.costs))
            return True
        return False

    def distance(self) -> float:
        """The largest gap between the network's points and the heart's."""
        if not np.all(np.isfinite(self.curve_xy)):
            return float("nan")
        return float(np.max(np.hypot(*(self.curve_xy - self.target))))

    def describe(self) -> str:
        if not np.all(np.isfinite(self.curve_xy)):
            return "The dashed outline of a heart: the network's output curve appears once the lab starts."
        cost = f"{self.costs[-1]:.4f}" if self.costs else "not known yet"
        gap = self.distance()
        shape = ("now traces the heart closely" if gap < 0.05 else "is close to the heart's shape" if gap < 0.15
                 else "is still far from the heart")
        return (f"The dashed heart is the target; the network's output for the 100 inputs x = 0, 0.01, ..., 0.99, "
                f"joined in order, {shape} (largest gap {gap:.3f}). After {self.steps()} training steps the "
                f"cost is {cost}.")

    def steps(self) -> int:
        return max(len(self.costs) - 1, 0)

    def readouts(self) -> dict[str, str]:
        return {"steps": str(self.steps()),
                "cost": f"{self.costs[-1]:.5f}" if self.costs else "…"}
