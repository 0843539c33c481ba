"""The Sandpit lab's figure: a 6 × 6 m map, the learner's dips with their depths and downhill
arrows (−J), a cursor moved by pointer and keys, and the contours once revealed.

The rules (pits, true minimum, winning, score) are in ``pits``; this scene only draws them.
Everything that depends on the game is an animated artist, so a dip is a blit, never a full
redraw. ``mode`` (a select) picks the kind of pit; ``new_pit()`` deals a new one.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.patches import FancyArrowPatch

from .contour import compass
from .pits import MODES, REVEAL_AFTER, SIZE, WIN_DISTANCE, Game, pit_for
from .scene import Scene
from .style import BLUE, INK, VERMILION, YELLOW, is_narrow, ticks_for_width
from .tangent import LABEL_BOX, fmt

ARROW_SCALE = 1.0      # metres of arrow per unit of slope
ARROW_CAP = 1.2        # longest arrow drawn, metres
STEP, BIG_STEP = 0.1, 0.5
SAND = "#f3e3c3"

def arrow_end(x: float, y: float, downhill: tuple[float, float]) -> tuple[float, float]:
    """Where the arrow from (x, y) along −J ends: ARROW_SCALE m per unit slope, at most ARROW_CAP m."""
    u, v = downhill
    size = math.hypot(u, v)
    if size == 0:
        return x, y
    length = min(ARROW_SCALE * size, ARROW_CAP)
    return x + u / size * length, y + v / size * length


class SandpitScene(Scene):
    aspect = 0.9
    params = {"mode": "arrow"}

    def __init__(self, **params):
        super().__init__(**params)
        self.seed = 0
        self.cursor = (SIZE / 2, SIZE / 2)
        self.mode_shown = None
        self.game = Game(pit_for(self.mode, self.seed))
        self.mode_shown = self.mode
        self.contour_sets: list = []
        self.contoured = None

    @property
    def mode(self) -> str:
        value = str(self.params.get("mode", "arrow"))
        return value if value in MODES else "arrow"

    @property
    def arrows_shown(self) -> bool:
        return MODES[self.mode][1]

    # --- drawing -------------------------------------------------------------------------
    def build(self, fig) -> None:
        self.fig = fig
        ax = self.ax = fig.add_subplot()
        self.pointer_axes = ax
        ax.set_facecolor(SAND)
        ax.set_xlim(0, SIZE)
        ax.set_ylim(0, SIZE)
        ax.set_aspect("equal")
        ax.set_xlabel("x (m)")
        ax.set_ylabel("y (m)")
        ticks_for_width(fig, ax, wide=7, narrow=4)
        self.dots, = ax.plot([], [], "o", color=INK, markersize=5, animated=True, zorder=6)
        self.last, = ax.plot([], [], "o", markerfacecolor="none", markeredgecolor=VERMILION, markersize=12,
                             markeredgewidth=2, animated=True, zorder=7)
        self.aim, = ax.plot([], [], "+", color=BLUE, markersize=16, markeredgewidth=2, animated=True, zorder=8)
        self.phone, = ax.plot([], [], "*", color=YELLOW, markeredgecolor=INK, markersize=18, animated=True, zorder=9)
        self.win_ring, = ax.plot([], [], color=INK, linewidth=1, linestyle=":", animated=True, zorder=8)
        self.label = ax.text(0.02, 0.98, "", transform=ax.transAxes, va="top", fontsize=9, color=INK,
                             bbox=LABEL_BOX, animated=True, zorder=10)
        self.depth_texts: list = []
        self.arrows: list = []
        self.contour_sets = []
        self.contoured = None
        fig.subplots_adjust(left=0.12 if is_narrow(fig) else 0.1, right=0.97, top=0.97, bottom=0.1)

    def apply(self) -> bool:
        if self.mode != self.mode_shown:
            self.seed = 0
            self.game = Game(pit_for(self.mode, self.seed))
            self.mode_shown = self.mode
        self._draw_game()
        return False

    def new_pit(self) -> None:
        """A new sandpit of the same kind (the next seed), and a fresh score."""
        self.seed += 1
        self.game = Game(pit_for(self.mode, self.seed))
        self.cursor = (SIZE / 2, SIZE / 2)
        self._draw_game()

    def _draw_game(self) -> None:
        ax, game = self.ax, self.game
        for artist in [*self.arrows, *self.depth_texts]:
            artist.remove()
        self.arrows, self.depth_texts = [], []
        xs = [d.x for d in game.dips]
        ys = [d.y for d in game.dips]
        self.dots.set_data(xs, ys)
        last = game.dips[-1] if game.dips else None
        self.last.set_data([last.x] if last else [], [last.y] if last else [])
        narrow = is_narrow(self.fig)
        for i, d in enumerate(game.dips):
            if self.arrows_shown:
                end = arrow_end(d.x, d.y, d.downhill)
                arrow = FancyArrowPatch((d.x, d.y), end, arrowstyle="-|>", mutation_scale=11 if narrow else 13,
                                        color=VERMILION, linewidth=1.6, animated=True, zorder=6)
                ax.add_patch(arrow)
                self.arrows.append(arrow)
            if not narrow or i == len(game.dips) - 1:
                self.depth_texts.append(ax.text(d.x + 0.08, d.y + 0.08, f"{d.depth:.2f}", fontsize=8, color=INK,
                                                animated=True, zorder=7))
        self.aim.set_data([self.cursor[0]], [self.cursor[1]])
        revealed = game.revealed
        if revealed and self.contoured != game.pit.key:
            self._contours()
        if not revealed:
            for cs in self.contour_sets:
                cs.remove()
            self.contour_sets, self.contoured = [], None
        mx, my, _ = game.pit.minimum()
        t = np.linspace(0, 2 * math.pi, 60)
        self.phone.set_data([mx] if revealed else [], [my] if revealed else [])
        self.win_ring.set_data(mx + WIN_DISTANCE * np.cos(t) if revealed else [],
                               my + WIN_DISTANCE * np.sin(t) if revealed else [])
        self.label.set_text(self.headline())
        self.animated = [*self.contour_sets, *self.arrows, self.dots, self.last, *self.depth_texts,
                         self.win_ring, self.phone, self.aim, self.label]

    def _contours(self) -> None:
        for cs in self.contour_sets:
            cs.remove()
        s = np.linspace(0, SIZE, 121)
        X, Y = np.meshgrid(s, s)
        Z = self.game.pit.depth(X, Y)
        filled = self.ax.contourf(X, Y, Z, levels=12, cmap="YlOrBr", alpha=0.6)
        lines = self.ax.contour(X, Y, Z, levels=12, colors=INK, linewidths=0.5, alpha=0.6)
        for cs in (filled, lines):
            cs.set_animated(True)
        self.contour_sets = [filled, lines]
        self.contoured = self.game.pit.key

    # --- playing -------------------------------------------------------------------------
    def dip(self, x: float, y: float):
        """Dip the stick at (x, y); the cursor moves there too. Returns the Dip (None after a win)."""
        if not (-0.05 <= x <= SIZE + 0.05 and -0.05 <= y <= SIZE + 0.05):
            return None
        self.cursor = (min(max(x, 0.0), SIZE), min(max(y, 0.0), SIZE))
        d = self.game.dip(*self.cursor)
        self._draw_game()
        return d

    def on_pointer(self, x: float, y: float) -> bool:
        if not (0 <= x <= SIZE and 0 <= y <= SIZE):
            return False
        self.cursor = (x, y)
        self.aim.set_data([x], [y])
        return True

    def on_key(self, key: str) -> bool:
        x, y = self.cursor
        moves = {"ArrowRight": (x + STEP, y), "ArrowLeft": (x - STEP, y), "ArrowUp": (x, y + STEP),
                 "ArrowDown": (x, y - STEP), "PageUp": (x, y + BIG_STEP), "PageDown": (x, y - BIG_STEP),
                 "Home": (0.0, y), "End": (SIZE, y)}
        if key == "Enter":
            self.dip(*self.cursor)
            return True
        if key not in moves:
            return False
        nx, ny = moves[key]
        self.cursor = (round(min(max(nx, 0.0), SIZE), 6), round(min(max(ny, 0.0), SIZE), 6))
        self._draw_game()
        return True

    # --- words ---------------------------------------------------------------------------
    def headline(self) -> str:
        game = self.game
        if game.won:
            return f"Found in {game.score} dip{'s' if game.score != 1 else ''}!"
        if not game.dips:
            return "Dips: 0"
        return f"Dips: {game.score}   last depth {game.dips[-1].depth:.2f} m"

    def status(self) -> str:
        game = self.game
        if not game.dips:
            return (f"A new sandpit ({MODES[self.mode][0]}). Dip the stick anywhere to start: "
                    "the phone is at the deepest point.")
        d = game.dips[-1]
        mx, my, deepest = game.pit.minimum()
        where = f"Dip {game.score} at ({d.x:.2f}, {d.y:.2f}) m: depth {d.depth:.3f} m."
        if game.won:
            return (f"Found it! {where} The phone is at ({mx:.2f}, {my:.2f}), {deepest:.3f} m deep, "
                    f"{game.distance(d):.2f} m from your stick. Score: {game.score} dips. "
                    "Press New sandpit to play again.")
        text = where
        if self.arrows_shown:
            u, v = d.downhill
            size = math.hypot(u, v)
            if size < 1e-3:
                text += " The ground is flat here: no downhill arrow."
            else:
                text += (f" Downhill, −J = ({fmt(u)}, {fmt(v)}), points {compass(math.degrees(math.atan2(v, u)))}"
                         f" with slope {fmt(size)}.")
        if game.revealed:
            text += (f" After {REVEAL_AFTER} dips the contours are shown: the phone is at ({mx:.2f}, {my:.2f});"
                     " dip within 15 cm of it.")
        return text

    def describe(self) -> str:
        game = self.game
        head = (f"A map of a 6 by 6 metre sandpit, seen from above ({MODES[self.mode][0]}). "
                f"The stick's cursor is at ({self.cursor[0]:.2f}, {self.cursor[1]:.2f}). ")
        if not game.dips:
            body = "No dips yet."
        else:
            shown = game.dips[-5:]
            listed = "; ".join(f"({d.x:.2f}, {d.y:.2f}) depth {d.depth:.2f} m" for d in shown)
            deepest = max(game.dips, key=lambda d: d.depth)
            body = (f"{game.score} dip{'s' if game.score != 1 else ''} so far"
                    f"{' (the last five)' if game.score > 5 else ''}: {listed}. Deepest so far: "
                    f"({deepest.x:.2f}, {deepest.y:.2f}) at {deepest.depth:.2f} m.")
        if game.revealed:
            mx, my, depth = game.pit.minimum()
            body += (f" The contours are shown: the deepest point is at ({mx:.2f}, {my:.2f}), "
                     f"{depth:.2f} m deep{', and you found it' if game.won else ''}.")
        return head + body

    def readouts(self) -> dict[str, str]:
        game = self.game
        d = game.dips[-1] if game.dips else None
        downhill = "—"
        if d is not None and self.arrows_shown:
            downhill = f"({fmt(d.downhill[0])}, {fmt(d.downhill[1])})"
        lesson = game.pit.lesson or ("A smooth pit with one hollow: wherever you dip, the arrow points towards "
                                     "the deepest point, more or less.")
        return {"lesson": lesson, "dips": str(game.score), "depth": f"{d.depth:.3f} m" if d else "—",
                "where": f"({d.x:.2f}, {d.y:.2f})" if d else "—", "downhill": downhill,
                "status": self.status()}
