"""The Sandpit (Module 2) to take home: the game played by calling ``dip(x, y)``, and the checks
of the learner's two functions, inlined into the download with the pits' rules
(:mod:`mvcalc.figures.pits`, the page's own).

- ``estimate_J(height, x, y)``: the Jacobian [∂z/∂x, ∂z/∂y] of the sand's height by finite
  differences ("reality is hard": no formula, only measurements), against the pits'
  hand-written gradients (themselves checked against sympy by the course's tests).
- ``search(dip, x, y)``: a strategy that finds the phone by dipping, from given starts, within
  a number of dips; run on the hard pits too, to see where following the gradient fails.
"""
from __future__ import annotations

import math
import random

import numpy as np

from mvcalc.figures.pits import (REVEAL_AFTER, SIZE, WIN_DISTANCE, Game, Pit, classic, narrow_well, random_pit,
                                 rocky, several_minima)
from mvcalc.labs.judge import LabChecksFailed, Result, attempt, missing, report, show

MAX_DIPS = 25                   # a search must find the phone within this many dips
SEARCH_STARTS = ((0.5, 0.5), (5.5, 5.5), (0.5, 5.5), (3.0, 3.0), (5.5, 0.5))
J_TOLERANCE = 1e-3              # |estimate − J| <= this × max(1, |J|)


def pits_to_check() -> list[Pit]:
    return [classic(), random_pit(1), random_pit(2), random_pit(3)]


def check_estimate_J(estimate_J, seed: int = 0, points: int = 12) -> Result:
    """The learner's finite-difference Jacobian against the pits' own gradients, at random points
    of a smooth pit, a random one and a rocky one (where a large h misses the stones)."""
    rng = random.Random(seed)
    name = "estimate_J"
    for pit in (classic(), random_pit(1), rocky(0)):
        for _ in range(points):
            x, y = round(rng.uniform(0.3, SIZE - 0.3), 3), round(rng.uniform(0.3, SIZE - 0.3), 3)
            value, error = attempt(estimate_J, pit.height, x, y)
            if error:
                return Result(name, False, f"At ({x}, {y}) in {pit.name} estimate_J did not return: {error}")
            try:
                got = np.asarray(value, dtype=float).reshape(2)
            except (TypeError, ValueError):
                return Result(name, False, f"estimate_J returned {value!r}: return two numbers, [dz/dx, dz/dy].")
            exact = np.array([float(v) for v in pit.gradient(x, y)])
            if np.max(np.abs(got - exact)) > J_TOLERANCE * max(1.0, float(np.max(np.abs(exact)))):
                hint = ""
                if np.allclose(got, -exact, rtol=1e-3, atol=1e-6):
                    hint = " That is −J, the downhill arrow: the Jacobian itself points uphill."
                elif np.allclose(got, exact[::-1], rtol=1e-3, atol=1e-6):
                    hint = " The two entries are swapped: first ∂z/∂x, then ∂z/∂y."
                elif pit.key.startswith("rocky"):
                    hint = (" On the rocky pit the ground bends sharply over the stones: a large step h measures "
                            "an average slope across a stone, not the slope under the stick. Make h much smaller "
                            "(1e-5 m, say), and take central differences.")
                return Result(name, False, f"At ({x}, {y}) in {pit.name} estimate_J gave ({got[0]:.6g}, {got[1]:.6g}), "
                                           f"but the slopes there are ({exact[0]:.6g}, {exact[1]:.6g}).{hint}")
    return Result(name, True, f"estimate_J agrees with the pits' gradients at {3 * points} points, "
                              "the rocky pit's stones included.")


def play(search, pit: Pit, start, limit: int = MAX_DIPS) -> tuple[Game, str]:
    """Run ``search(dip, x, y)`` on ``pit``: each dip reads (depth, downhill arrow), None once the
    phone is found or the dips run out. Returns the game and "" or why the search failed."""
    game = Game(pit)

    def dip(x, y):
        if game.won or game.score >= limit:
            return None
        d = game.dip(float(x), float(y))
        if d is None or game.won:
            return None
        return d.depth, d.downhill

    _, error = attempt(search, dip, float(start[0]), float(start[1]))
    return game, error


def check_search(search) -> Result:
    """The learner's search finds the phone within MAX_DIPS dips on smooth pits, from several starts."""
    name = "search"
    count = worst = 0
    for pit in pits_to_check():
        for start in SEARCH_STARTS:
            game, error = play(search, pit, start)
            if error:
                return Result(name, False, f"In {pit.name} from {start}, search did not return: {error}")
            if not game.won:
                mx, my, _ = pit.minimum()
                last = game.dips[-1] if game.dips else None
                where = (f"its last dip was at ({last.x:.2f}, {last.y:.2f}), {game.distance(last):.2f} m from the "
                         "phone" if last else "it made no dip")
                return Result(name, False, (
                    f"In {pit.name}, starting from {start}, search did not find the phone at ({mx:.2f}, {my:.2f}) "
                    f"within {MAX_DIPS} dips: {where}. Follow the downhill arrow, and shorten your moves when a "
                    f"dip is shallower than the one before (you went past the bottom)."))
            count += 1
            worst = max(worst, game.score)
    return Result(name, True, f"search found the phone in all {count} games (4 smooth pits, 5 starts each), "
                              f"in at most {worst} dips (the limit is {MAX_DIPS}).")


# --- the download: a game to play, the checks, and the hard pits ---------------------------------

GAME = {"game": Game(classic())}


def new_game(kind: str = "classic", seed: int = 1) -> None:
    """Start again: "classic", "random", "minima", "rocky" or "well" (the hard pits), by seed."""
    makers = {"classic": lambda s: classic(), "random": random_pit, "minima": several_minima,
              "rocky": rocky, "well": narrow_well}
    GAME["game"] = Game(makers[kind](seed))
    print(f"A new sandpit: {GAME['game'].pit.name}. Dip with dip(x, y), x and y from 0 to {SIZE:g} m.")


def dip(x: float, y: float) -> None:
    """Dip the stick at (x, y): print the depth and the downhill arrow −J; draw the map."""
    game = GAME["game"]
    d = game.dip(x, y)
    if d is None:
        print("You have already found the phone: new_game() to play again.")
        return
    print(f"Dip {game.score} at ({d.x:.2f}, {d.y:.2f}) m: depth {d.depth:.3f} m, downhill −J = "
          f"({d.downhill[0]:.3f}, {d.downhill[1]:.3f}).")
    if game.won:
        print(f"Found it, in {game.score} dips!")
    elif game.revealed:
        print(f"After {REVEAL_AFTER} dips the contours are shown: the phone is at the star.")
    draw_games([game], f"sandpit-{game.score}")


def draw_games(games: list[Game], name: str) -> None:
    """Each game's pit from above: the dips, their arrows, and (once revealed) the contours."""
    import matplotlib.pyplot as plt
    figure, axes = plt.subplots(1, len(games), figsize=(4.6 * len(games), 4.6), squeeze=False)
    s = np.linspace(0, SIZE, 121)
    X, Y = np.meshgrid(s, s)
    for ax, game in zip(axes[0], games):
        ax.set_facecolor("#f3e3c3")
        if game.revealed:
            ax.contourf(X, Y, game.pit.depth(X, Y), levels=12, cmap="YlOrBr", alpha=0.6)
            mx, my, _ = game.pit.minimum()
            ax.plot([mx], [my], "*", markersize=16, color="#f0c020", markeredgecolor="#222222")
            t = np.linspace(0, 2 * math.pi, 60)
            ax.plot(mx + WIN_DISTANCE * np.cos(t), my + WIN_DISTANCE * np.sin(t), ":", color="#222222")
        for d in game.dips:
            ax.annotate("", xy=(d.x + 0.6 * d.downhill[0], d.y + 0.6 * d.downhill[1]), xytext=(d.x, d.y),
                        arrowprops={"arrowstyle": "->", "color": "#d55e00"})
        ax.plot([d.x for d in game.dips], [d.y for d in game.dips], "o-", color="#222222", markersize=4, linewidth=0.6)
        ax.set_xlim(0, SIZE)
        ax.set_ylim(0, SIZE)
        ax.set_aspect("equal")
        ax.set_title(f"{game.pit.name}: {game.score} dips" + (", found" if game.won else ""), fontsize=9)
    figure.tight_layout()
    show(figure, name)


def check_my_functions(namespace: dict) -> None:
    """Check the notebook's estimate_J and search; raise naming the wrong ones."""
    absent = missing(namespace, ("estimate_J", "search"))
    if absent:
        raise LabChecksFailed("Define " + ", ".join(absent) + ": run the cell with your functions first.")
    print("Checking estimate_J against the pits' gradients, and search on 20 games:")
    report([check_estimate_J(namespace["estimate_J"]), check_search(namespace["search"])])


def try_the_hard_pits(namespace: dict) -> list[Game]:
    """Run the notebook's search on the three hard pits from the middle, and draw the games: this is
    where following the gradient fails (a nearer hollow, stones, a narrow well)."""
    games = []
    for pit in (several_minima(0), rocky(0), narrow_well(0)):
        game, error = play(namespace["search"], pit, (3.0, 3.0), limit=40)
        outcome = (f"found it in {game.score} dips" if game.won else
                   f"not found in {game.score} dips" + (f" ({error})" if error else ""))
        print(f"  {pit.name}: {outcome}. {pit.lesson}")
        games.append(game)
    draw_games(games, "sandpit-hard-pits")
    return games
