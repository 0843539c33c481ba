"""The product rule as area: a rectangle u(x) wide and v(x) tall grows when x grows by dx.

The new area is the old one plus a strip v·du down the right, a strip u·dv along the
top and a corner du·dv, which shrinks like dx², so it vanishes from the rate:
d(uv)/dx = v du/dx + u dv/dx.
"""
from __future__ import annotations

from matplotlib.patches import Rectangle

from .scene import Scene
from .style import BLUE, GREEN, INK, ORANGE, VERMILION, is_narrow, ticks_for_width
from .tangent import fmt


def u(x):
    return x + 1


def du_dx(x):
    return 1.0


def v(x):
    return x**2 + 1


def dv_dx(x):
    return 2 * x


class ProductRuleScene(Scene):
    """Parameters: ``x`` and the step ``dx``. u(x) = x + 1 across, v(x) = x² + 1 up."""

    aspect = 0.7
    params = {"x": 0.8, "dx": 0.3}

    def build(self, fig) -> None:
        ax = fig.add_subplot()
        ax.set_xlim(0, 3.2)
        ax.set_ylim(0, 4.6)
        ax.set_xlabel("u(x) = x + 1")
        ax.set_ylabel("v(x) = x² + 1")
        ax.grid(False)
        ticks_for_width(fig, ax)
        self.base = Rectangle((0, 0), 1, 1, facecolor="#cfe3f3", edgecolor=BLUE, linewidth=1.5, animated=True)
        self.right = Rectangle((0, 0), 1, 1, facecolor=ORANGE, alpha=0.75, edgecolor=INK, linewidth=0.8,
                               hatch="///", animated=True)
        self.top = Rectangle((0, 0), 1, 1, facecolor=GREEN, alpha=0.6, edgecolor=INK, linewidth=0.8,
                             hatch="\\\\\\", animated=True)
        self.corner = Rectangle((0, 0), 1, 1, facecolor=VERMILION, edgecolor=INK, linewidth=0.8, animated=True)
        for patch in (self.base, self.right, self.top, self.corner):
            ax.add_patch(patch)
        size = 9 if is_narrow(fig) else 11
        self.base_text = ax.text(0, 0, "", ha="center", va="center", fontsize=size, color=INK, animated=True)
        self.right_text = ax.text(0, 0, "v du", ha="left", va="center", fontsize=size, color=INK, animated=True)
        self.top_text = ax.text(0, 0, "u dv", ha="center", va="bottom", fontsize=size, color=INK, animated=True)
        self.corner_text = ax.text(0, 0, "du dv", ha="left", va="bottom", fontsize=size, color=VERMILION,
                                   animated=True)
        self.animated = [self.base, self.right, self.top, self.corner,
                         self.base_text, self.right_text, self.top_text, self.corner_text]
        fig.tight_layout()

    # --- the numbers ---------------------------------------------------------------------
    def parts(self) -> dict[str, float]:
        x, dx = float(self.params["x"]), float(self.params["dx"])
        U, V = u(x), v(x)
        dU, dV = u(x + dx) - U, v(x + dx) - V
        return {"u": U, "v": V, "du": dU, "dv": dV, "vdu": V * dU, "udv": U * dV, "dudv": dU * dV,
                "change": u(x + dx) * v(x + dx) - U * V}

    def apply(self) -> bool:
        p = self.parts()
        U, V, dU, dV = p["u"], p["v"], p["du"], p["dv"]
        self.base.set_bounds(0, 0, U, V)
        self.right.set_bounds(U, 0, dU, V)
        self.top.set_bounds(0, V, U, dV)
        self.corner.set_bounds(U, V, dU, dV)
        self.base_text.set_position((U / 2, V / 2))
        self.base_text.set_text(f"area uv\n= {fmt(U * V, 2)}")
        self.right_text.set_position((U + dU + 0.04, V / 2))
        self.top_text.set_position((U / 2, V + dV + 0.04))
        self.corner_text.set_position((U + dU + 0.04, V + dV + 0.02))
        return False

    def describe(self) -> str:
        x, dx = float(self.params["x"]), float(self.params["dx"])
        p = self.parts()
        return (f"A rectangle u = x + 1 = {fmt(p['u'], 3)} wide and v = x² + 1 = {fmt(p['v'], 3)} tall, at x = {x:g}. "
                f"When x grows by dx = {dx:g}, the area grows by {fmt(p['change'], 4)}: a strip v du = "
                f"{fmt(p['vdu'], 4)} on the right, a strip u dv = {fmt(p['udv'], 4)} on top and a corner du dv = "
                f"{fmt(p['dudv'], 4)}. Divided by dx, the change is {fmt(p['change'] / dx, 4)}; "
                f"the product rule's v u′ + u v′ is {fmt(self.rule(), 4)}.")

    def rule(self) -> float:
        x = float(self.params["x"])
        return v(x) * du_dx(x) + u(x) * dv_dx(x)

    def readouts(self) -> dict[str, str]:
        dx = float(self.params["dx"])
        p = self.parts()
        out = {name: fmt(value, 4) for name, value in p.items()}
        out["rate"] = fmt(p["change"] / dx, 4)
        out["rule"] = fmt(self.rule(), 4)
        return out
