"""The Sandpit's rules, with no drawing: the pits, their true deepest points, dips and the score.

A sandpit is 6 m by 6 m, x and y from 0 to 6. Its sand surface has height z(x, y) in metres
(negative: below the edge), a sum of smooth terms whose gradients are written by hand (the
tests check them against central differences and sympy). The phone lies at the deepest point,
the minimum of z, found numerically (a grid search, then finer grids around the best point).
A dip of the stick at (x, y) reads the depth −z and the downhill direction −J = −∇z.
A dip within ``WIN_DISTANCE`` of the minimum finds the phone; after ``REVEAL_AFTER`` dips, or a
win, the contours are shown.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import numpy as np

SIZE = 6.0
WIN_DISTANCE = 0.15
REVEAL_AFTER = 15


# --- terms of a surface: each (kind, numbers) with its value and gradient -------------------
def _term_value(term, x, y):
    kind, p = term
    if kind == "well":          # −A exp(−((x−cx)²/(2sx²) + (y−cy)²/(2sy²)))
        A, cx, cy, sx, sy = p
        return -A * np.exp(-((x - cx) ** 2 / (2 * sx * sx) + (y - cy) ** 2 / (2 * sy * sy)))
    if kind == "bowl":          # k((x−cx)² + (y−cy)²)
        k, cx, cy = p
        return k * ((x - cx) ** 2 + (y - cy) ** 2)
    if kind == "tilt":          # p x + q y
        a, b = p
        return a * x + b * y
    if kind == "ripple":        # A sin(kx x + ky y + φ)
        A, kx, ky, phase = p
        return A * np.sin(kx * x + ky * y + phase)
    raise ValueError(kind)


def _term_gradient(term, x, y):
    kind, p = term
    if kind == "well":
        A, cx, cy, sx, sy = p
        value = _term_value(term, x, y)
        return -value * (x - cx) / (sx * sx), -value * (y - cy) / (sy * sy)
    if kind == "bowl":
        k, cx, cy = p
        return 2 * k * (x - cx), 2 * k * (y - cy)
    if kind == "tilt":
        a, b = p
        return a + 0 * x, b + 0 * y
    if kind == "ripple":
        A, kx, ky, phase = p
        c = A * np.cos(kx * x + ky * y + phase)
        return kx * c, ky * c
    raise ValueError(kind)


@dataclass
class Pit:
    """One sandpit's surface: ``terms`` added together."""

    key: str
    name: str
    terms: tuple
    lesson: str = ""           # what this pit shows about following the gradient
    _minimum: tuple | None = field(default=None, repr=False)
    _rim: float | None = field(default=None, repr=False)

    def height(self, x, y):
        """z(x, y), measured from the highest sand in the pit (so z <= 0 and the depth −z >= 0)."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        return self._raw(x, y) - self.rim()

    def _raw(self, x, y):
        return sum(_term_value(t, x, y) for t in self.terms)

    def rim(self) -> float:
        if self._rim is None:
            s = np.linspace(0, SIZE, 241)
            X, Y = np.meshgrid(s, s)
            self._rim = float(self._raw(X, Y).max())
        return self._rim

    def depth(self, x, y):
        return -self.height(x, y)

    def gradient(self, x, y) -> tuple:
        """J = (∂z/∂x, ∂z/∂y); downhill is −J."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        gx, gy = 0 * x, 0 * y
        for t in self.terms:
            a, b = _term_gradient(t, x, y)
            gx, gy = gx + a, gy + b
        return gx, gy

    def minimum(self) -> tuple[float, float, float]:
        """(x, y, depth) of the deepest point: a 241 × 241 grid search, then three finer grids."""
        if self._minimum is None:
            self._minimum = find_minimum(self.height)
        return self._minimum


def find_minimum(height, size: float = SIZE) -> tuple[float, float, float]:
    n = 241
    s = np.linspace(0, size, n)
    X, Y = np.meshgrid(s, s)
    Z = height(X, Y)
    i, j = np.unravel_index(int(np.argmin(Z)), Z.shape)
    bx, by, step = float(X[i, j]), float(Y[i, j]), size / (n - 1)
    for _ in range(4):
        s = np.linspace(-2 * step, 2 * step, 41)
        X, Y = np.meshgrid(np.clip(bx + s, 0, size), np.clip(by + s, 0, size))
        Z = height(X, Y)
        i, j = np.unravel_index(int(np.argmin(Z)), Z.shape)
        bx, by, step = float(X[i, j]), float(Y[i, j]), step / 10
    return bx, by, float(-height(bx, by))


# --- the pits ----------------------------------------------------------------------------------
def classic() -> Pit:
    """The first sandpit: one smooth hollow, off centre."""
    return Pit("classic", "the first sandpit",
               (("well", (0.9, 3.9, 2.3, 1.3, 1.0)), ("bowl", (0.02, 3.0, 3.0))))


def random_pit(seed: int) -> Pit:
    """A random smooth pit from ``seed``: a main hollow, a broad swell or dip, a gentle tilt."""
    rng = random.Random(seed)
    main = ("well", (rng.uniform(0.6, 1.0), rng.uniform(1.6, 4.4), rng.uniform(1.6, 4.4),
                     rng.uniform(0.9, 1.6), rng.uniform(0.9, 1.6)))
    swell = ("well", (rng.uniform(-0.3, 0.2), rng.uniform(1.0, 5.0), rng.uniform(1.0, 5.0),
                      rng.uniform(1.4, 2.2), rng.uniform(1.4, 2.2)))
    tilt = ("tilt", (rng.uniform(-0.03, 0.03), rng.uniform(-0.03, 0.03)))
    return Pit(f"random-{seed}", f"random sandpit number {seed}", (main, swell, tilt, ("bowl", (0.015, 3.0, 3.0))))


def several_minima(seed: int = 0) -> Pit:
    rng = random.Random(seed)
    corners = [(1.5, 4.5), (4.5, 1.6), (4.3, 4.4), (1.6, 1.5)]
    rng.shuffle(corners)
    (ax, ay), (bx, by), (cx, cy) = corners[:3]
    jitter = lambda: rng.uniform(-0.3, 0.3)  # noqa: E731
    terms = (("well", (0.55, ax + jitter(), ay + jitter(), 0.8, 0.8)),
             ("well", (0.8, bx + jitter(), by + jitter(), 0.45, 0.45)),
             ("well", (0.5, cx + jitter(), cy + jitter(), 0.9, 0.7)),
             ("bowl", (0.01, 3.0, 3.0)))
    return Pit(f"minima-{seed}", "a sandpit with several hollows", terms,
               "Following the arrow downhill ends at the bottom of whichever hollow you start above. There the "
               "arrow shrinks to nothing (J = 0) just as it does at the deepest point, so a flat spot is only a "
               "local minimum: the deepest hollow here is the narrowest.")


def rocky(seed: int = 0) -> Pit:
    rng = random.Random(seed)
    ripples = []
    for _ in range(6):          # stones: short waves (8 to 14 per metre) in random directions
        k, angle = rng.uniform(8, 14), rng.uniform(0, 2 * math.pi)
        ripples.append(("ripple", (0.03, k * math.cos(angle), k * math.sin(angle), rng.uniform(0, 2 * math.pi))))
    ripples = tuple(ripples)
    terms = (("well", (0.8, rng.uniform(2.0, 4.0), rng.uniform(2.0, 4.0), 1.4, 1.2)),
             ("bowl", (0.02, 3.0, 3.0))) + ripples
    return Pit(f"rocky-{seed}", "a rocky sandpit", terms,
               "Stones make small bumps everywhere. The depth barely notices them, but the gradient is about "
               "steepness, and a small bump can be steep: each arrow shows the slope of the stone under the "
               "stick, not the shape of the pit. Compare the depths of far-apart dips instead.")


def narrow_well(seed: int = 0) -> Pit:
    rng = random.Random(seed)
    bx, by = rng.uniform(1.6, 2.4), rng.uniform(3.6, 4.4)
    wx, wy = rng.uniform(4.2, 5.0), rng.uniform(1.0, 1.8)
    terms = (("well", (0.45, bx, by, 1.5, 1.5)), ("well", (0.8, wx, wy, 0.12, 0.12)),
             ("bowl", (0.01, 3.0, 3.0)))
    return Pit(f"well-{seed}", "a sandpit with a narrow well", terms,
               "The phone has slipped down a narrow hole. Almost everywhere the ground slopes towards the broad "
               "hollow, so the arrows lead you there; the gradient only notices the well when the stick is "
               "already within a few tens of centimetres of it.")


MODES = {  # select value -> (words, whether arrows are shown)
    "arrow": ("with the downhill arrow", True),
    "depth": ("depth only", False),
    "random": ("random pits, with the arrow", True),
    "minima": ("hard: several hollows", True),
    "rocky": ("hard: rocky noise", True),
    "well": ("hard: a narrow well", True),
}


def pit_for(mode: str, seed: int = 0) -> Pit:
    if mode == "random":
        return random_pit(seed)
    if mode == "minima":
        return several_minima(seed)
    if mode == "rocky":
        return rocky(seed)
    if mode == "well":
        return narrow_well(seed)
    return classic()


# --- a game --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dip:
    x: float
    y: float
    depth: float
    gradient: tuple[float, float]     # J at the dip; the arrow drawn is −J

    @property
    def downhill(self) -> tuple[float, float]:
        return (-self.gradient[0], -self.gradient[1])


def clamp(v: float) -> float:
    return float(min(max(float(v), 0.0), SIZE))


def found(x: float, y: float, minimum) -> bool:
    """The winning rule: a dip within WIN_DISTANCE (0.15 m) of the deepest point."""
    return math.hypot(x - minimum[0], y - minimum[1]) <= WIN_DISTANCE


class Game:
    """One sandpit being searched: the dips so far, the score (dips used), won and revealed."""

    def __init__(self, pit: Pit):
        self.pit = pit
        self.dips: list[Dip] = []
        self.won = False

    @property
    def score(self) -> int:
        return len(self.dips)

    @property
    def revealed(self) -> bool:
        return self.won or len(self.dips) >= REVEAL_AFTER

    def dip(self, x: float, y: float) -> Dip | None:
        """Dip the stick at (x, y) (clamped into the pit); None once the phone is found."""
        if self.won:
            return None
        x, y = clamp(x), clamp(y)
        gx, gy = self.pit.gradient(x, y)
        d = Dip(x, y, float(self.pit.depth(x, y)), (float(gx), float(gy)))
        self.dips.append(d)
        if found(x, y, self.pit.minimum()):
            self.won = True
        return d

    def distance(self, d: Dip) -> float:
        mx, my, _ = self.pit.minimum()
        return math.hypot(d.x - mx, d.y - my)
