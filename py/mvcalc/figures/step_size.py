"""Reality is hard: a derivative from values alone, by finite differences, and what the step
size h does to the error.

The "mystery" function is f(x) = e^{sin x} (the figure knows its derivative e^{sin x} cos x to
measure the error; a learner with only data would not). In "measured" mode every value carries
a small measurement error (deterministic, up to NOISE), as real data does. A forward difference
(f(x + h) − f(x))/h has error about h·|f″|/2; a central one (f(x + h) − f(x − h))/2h about
h²·|f'''|/6; both gain a rounding or noise error of about (size of the error in f)/h.
"""
from __future__ import annotations

import numpy as np

from .scene import Scene
from .style import BLUE, GREY, INK, VERMILION, is_narrow
from .tangent import fmt

X0 = 1.0
NOISE = 1e-4
POWERS = np.linspace(-13, 0, 261)


def mystery(x):
    return np.exp(np.sin(x))


def mystery_slope(x):
    return np.exp(np.sin(x)) * np.cos(x)


def measured(x, noisy: bool):
    """mystery(x), plus a deterministic 'measurement error' up to NOISE when noisy."""
    x = np.asarray(x, dtype=float)
    value = mystery(x)
    if noisy:
        wobble = np.sin(x * 12.9898e3 + 78.233) * 43758.5453
        value = value + NOISE * (2 * (wobble - np.floor(wobble)) - 1)
    return value


def forward_quotient(x, h, noisy=False):
    return (measured(x + h, noisy) - measured(x, noisy)) / h


def central_quotient(x, h, noisy=False):
    return (measured(x + h, noisy) - measured(x - h, noisy)) / (2 * h)


class StepSizeScene(Scene):
    aspect = 0.62
    params = {"p": -1.0, "data": "exact"}

    @property
    def noisy(self) -> bool:
        return str(self.params.get("data")) == "measured"

    def build(self, fig) -> None:
        ax = self.ax = fig.add_subplot()
        self.narrow = is_narrow(fig)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(10.0 ** POWERS[0], 1)
        ax.set_ylim(1e-12, 10)
        ax.set_xlabel("step size h")
        ax.set_ylabel("error in f′(1)")
        self.forward_line, = ax.plot([], [], color=BLUE, linewidth=1.6, label="forward difference")
        self.central_line, = ax.plot([], [], color=VERMILION, linewidth=1.6, label="central difference")
        ax.legend(loc="upper left", ncol=1, fontsize=7) if is_narrow(fig) else ax.legend(loc="upper center", ncol=2, fontsize=8)
        self.guide = ax.axvline(0.1, color=GREY, linewidth=1.2, linestyle=":", animated=True)
        self.fdot, = ax.plot([], [], "o", color=BLUE, markersize=7, animated=True)
        self.cdot, = ax.plot([], [], "s", color=VERMILION, markersize=7, animated=True)
        self.label = ax.text(0.02, 0.04, "", transform=ax.transAxes, fontsize=9, color=INK, animated=True,
                             bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
        self.shown = None
        fig.subplots_adjust(left=0.21 if is_narrow(fig) else 0.11, right=0.97, top=0.97, bottom=0.15)
        self.animated = [self.guide, self.fdot, self.cdot, self.label]

    def _curves(self) -> None:
        hs = 10.0 ** POWERS
        truth = float(mystery_slope(X0))
        with np.errstate(all="ignore"):
            ef = np.maximum(np.abs(forward_quotient(X0, hs, self.noisy) - truth), 1e-16)
            ec = np.maximum(np.abs(central_quotient(X0, hs, self.noisy) - truth), 1e-16)
        self.forward_line.set_data(hs, ef)
        self.central_line.set_data(hs, ec)
        self.shown = self.noisy

    def h(self) -> float:
        return float(10.0 ** float(self.params["p"]))

    def errors(self) -> tuple[float, float, float, float]:
        h, truth = self.h(), float(mystery_slope(X0))
        fe, ce = float(forward_quotient(X0, h, self.noisy)), float(central_quotient(X0, h, self.noisy))
        return fe, ce, abs(fe - truth), abs(ce - truth)

    def apply(self) -> bool:
        full = self.shown != self.noisy
        if full:
            self._curves()
        h = self.h()
        _, _, ef, ec = self.errors()
        self.guide.set_xdata([h, h])
        self.fdot.set_data([h], [max(ef, 1e-16)])
        self.cdot.set_data([h], [max(ec, 1e-16)])
        self.label.set_text(f"h = {h:.0e}" if self.narrow else f"h = {h:.1e}: central error {ec:.1e}")
        return full

    def describe(self) -> str:
        h = self.h()
        fe, ce, ef, ec = self.errors()
        kind = (f"measured values, each with an error up to {NOISE:g}" if self.noisy
                else "exact values, rounded only by the computer's 16 digits")
        return (f"Errors of two finite-difference estimates of the derivative of e^(sin x) at x = 1, against the "
                f"step size h on logarithmic axes, from {kind}. Both errors fall as h shrinks, until rounding "
                f"or noise, divided by a tiny h, makes them grow again. At h = {h:.1e} the central estimate is "
                f"{ce:.10f} (error {ec:.1e}) and the forward one {fe:.10f} (error {ef:.1e}); the true value is "
                f"{float(mystery_slope(X0)):.10f}.")

    def readouts(self) -> dict[str, str]:
        fe, ce, ef, ec = self.errors()
        return {"h": f"{self.h():.1e}", "central": f"{ce:.8f}", "forward": f"{fe:.8f}",
                "truth": f"{float(mystery_slope(X0)):.8f}", "central_error": f"{ec:.1e}", "forward_error": f"{ef:.1e}"}
