"""The geometry of an answer on a figure, in CSS pixels and figure units, without a browser.

A :class:`Frame` says where the axes sit on the drawn canvas, so a click becomes a point in
the figure's own units and back. On it: which labelled item a click is nearest to (a pick
answer), where a clicked or typed point snaps to and where an arrow key moves it (a point
answer), and where each item's label "(a)" goes. The widget (mvcalc.web.widgets.figure_answer)
only forwards events here; CPython tests check every rule.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

REACH_PX = 28.0           # a click this close to an item (CSS px) picks it
LABEL_GAP_PX = 11.0       # a label's distance from its item


@dataclass(frozen=True)
class Frame:
    """The axes' box on the canvas (CSS px from the top-left corner) and the ranges it shows."""

    left: float
    top: float
    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (self.left + (x - x0) / (x1 - x0) * self.width,
                self.top + (y1 - y) / (y1 - y0) * self.height)

    def to_data(self, px: float, py: float) -> tuple[float, float]:
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (x0 + (px - self.left) / self.width * (x1 - x0),
                y1 - (py - self.top) / self.height * (y1 - y0))

    def inside(self, px: float, py: float, margin: float = 0.0) -> bool:
        return (self.left - margin <= px <= self.left + self.width + margin
                and self.top - margin <= py <= self.top + self.height + margin)


def segments(item: dict) -> list[list[tuple[float, float]]]:
    """An item as polylines in figure units (a curve breaks where it is undefined)."""
    kind = item["type"]
    if kind == "contour":
        return []
    points = [(x, y) for x, y in zip(item["x"], item["y"])]
    if kind in ("marker", "points"):
        return [[p] for p in points if None not in p]
    runs: list[list[tuple[float, float]]] = [[]]
    for p in points:
        if None in p:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(p)
    return [run for run in runs if run]


def _to_segment(px: float, py: float, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def distance_px(item: dict, frame: Frame, px: float, py: float) -> float:
    """How far (CSS px) the click (px, py) is from the drawn item (its visible part)."""
    best = math.inf
    for run in segments(item):
        pixels = [frame.to_px(x, y) for x, y in run]
        if len(pixels) == 1:
            best = min(best, math.hypot(px - pixels[0][0], py - pixels[0][1]))
        for a, b in zip(pixels, pixels[1:]):
            if frame.inside(*a, margin=2) or frame.inside(*b, margin=2):
                best = min(best, _to_segment(px, py, a, b))
    return best


def nearest_key(view: dict, frame: Frame, px: float, py: float, reach: float = REACH_PX) -> str | None:
    """The key of the labelled item nearest to a click, if one is within ``reach`` px; a click
    on an item's label "(a)" counts as a click on the item."""
    labels = label_positions(view, frame)
    best_key, best = None, reach
    for item in view["items"]:
        key = item.get("key")
        if not key:
            continue
        near = distance_px(item, frame, px, py)
        if key in labels:
            near = min(near, math.hypot(px - labels[key][0], py - labels[key][1]))
        if near <= best:
            best_key, best = key, near
    return best_key


def next_key(keys: list[str], current: str | None, step: int) -> str | None:
    """The key ``step`` places after ``current`` (wrapping round), or the first/last if none."""
    if not keys:
        return None
    if current not in keys:
        return keys[0] if step > 0 else keys[-1]
    return keys[(keys.index(current) + step) % len(keys)]


# --- a point answer: snapping and moving ------------------------------------------------

def _step(view: dict) -> tuple[float, float]:
    if view.get("snap"):
        return tuple(view["snap"])
    (x0, x1), (y0, y1) = view["x_range"], view["y_range"]
    return (x1 - x0) / 40, (y1 - y0) / 40


def _on_grid(value: float, step: float, lo: float, hi: float) -> float:
    snapped = round(value / step) * step
    while snapped < lo - 1e-9:
        snapped += step
    while snapped > hi + 1e-9:
        snapped -= step
    return round(snapped, 10) + 0.0          # +0.0: never "-0"


def snap(view: dict, x: float, y: float) -> tuple[float, float]:
    """The grid point nearest to (x, y), inside the figure."""
    sx, sy = _step(view)
    (x0, x1), (y0, y1) = view["x_range"], view["y_range"]
    return _on_grid(x, sx, x0, x1), _on_grid(y, sy, y0, y1)


def start_point(view: dict) -> tuple[float, float]:
    """Where the cursor appears at the first arrow key: the grid point nearest the centre."""
    (x0, x1), (y0, y1) = view["x_range"], view["y_range"]
    return snap(view, (x0 + x1) / 2, (y0 + y1) / 2)


ARROW_KEYS = {"ArrowLeft": (-1, 0), "ArrowRight": (1, 0), "ArrowUp": (0, 1), "ArrowDown": (0, -1)}


def moved(view: dict, at: tuple[float, float] | None, key: str, big: bool = False) -> tuple[float, float] | None:
    """Where an arrow key moves the point: one grid step in figure units (five with Shift),
    never out of the figure. None for a key that does not move it."""
    if key not in ARROW_KEYS:
        return None
    if at is None:
        return start_point(view)
    (dx, dy), (sx, sy) = ARROW_KEYS[key], _step(view)
    times = 5 if big else 1
    return snap(view, at[0] + dx * sx * times, at[1] + dy * sy * times)


def point_words(view: dict, at: tuple[float, float]) -> str:
    """What the announcer says when the point moves, e.g. "Point at x = 1.5, y = -0.5"."""
    from mvcalc.questions.figure_alt import fmt
    x_name, y_name = view.get("x_label") or "x", view.get("y_label") or "y"
    return f"Point at {x_name} = {fmt(at[0])}, {y_name} = {fmt(at[1])}"


# --- labels --------------------------------------------------------------------------------

def label_positions(view: dict, frame: Frame) -> dict[str, tuple[float, float]]:
    """Where each labelled item's "(a)" goes (CSS px): beyond an arrow's tip, beyond a path's
    last point, beside a marker, and on a curve where it is farthest from the other items and
    labels. Kept inside the axes."""
    placed: dict[str, tuple[float, float]] = {}
    keyed = [item for item in view["items"] if item.get("key")]
    for item in keyed:
        runs = segments(item)
        if not runs:
            continue
        pixels = [frame.to_px(x, y) for run in runs for x, y in run]
        visible = [p for p in pixels if frame.inside(*p)]
        if item["type"] in ("arrow", "path") and len(pixels) >= 2:
            end = visible[-1] if visible else pixels[-1]
            index = pixels.index(end)
            before = pixels[index - 1] if index > 0 else pixels[1]
            dx, dy = end[0] - before[0], end[1] - before[1]
            if index == 0:
                dx, dy = -dx, -dy
            norm = math.hypot(dx, dy) or 1.0
            spot = (end[0] + dx / norm * LABEL_GAP_PX * 1.3, end[1] + dy / norm * LABEL_GAP_PX * 1.3)
        elif item["type"] in ("marker", "points"):       # beside the point, on a side with room
            x0, y0 = pixels[0]
            corners = [(x0 + dx * LABEL_GAP_PX * 1.4, y0 + dy * LABEL_GAP_PX) for dx, dy in
                       ((1, -1), (-1, -1), (1, 1), (-1, 1))]
            roomy = [c for c in corners if frame.inside(c[0], c[1], margin=-14)
                     and all(math.dist(c, p) > 2 * LABEL_GAP_PX for p in placed.values())]
            spot = (roomy or corners)[0]
        else:
            others = [frame.to_px(x, y) for other in view["items"] if other is not item
                      for run in segments(other) for x, y in (run[::4] if len(run) > 40 else run)]
            others += list(placed.values())
            candidates = visible[len(visible) // 10: len(visible) - len(visible) // 10] or visible or pixels

            def room(p):
                # the curve point's room, and its label's (where the frame's edge may push it) from
                # the labels already placed: two labels must never land on one another
                near = min((math.dist(p, q) for q in others), default=1e9)
                label = _inside(frame, (p[0] + LABEL_GAP_PX * 0.8, p[1] - LABEL_GAP_PX))
                return min([near] + [math.dist(label, q) for q in placed.values()])
            best = max(candidates, key=room)
            spot = (best[0] + LABEL_GAP_PX * 0.8, best[1] - LABEL_GAP_PX)
        placed[item["key"]] = _inside(frame, spot)
    return placed


def _inside(frame: Frame, spot: tuple[float, float], margin: float = 12.0) -> tuple[float, float]:
    """A label's spot moved inside the axes, ``margin`` px from their edges."""
    return (min(max(spot[0], frame.left + margin), frame.left + frame.width - margin),
            min(max(spot[1], frame.top + margin), frame.top + frame.height - margin))


def svg_path(frame: Frame, xs, ys) -> str:
    """An SVG path (CSS px) through the points in figure units, lifting the pen at gaps."""
    parts, pen_down = [], False
    for x, y in zip(xs, ys):
        if x is None or y is None or not (math.isfinite(x) and math.isfinite(y)):
            pen_down = False
            continue
        px, py = frame.to_px(x, y)
        parts.append(f"{'L' if pen_down else 'M'}{px:.1f} {py:.1f}")
        pen_down = True
    return " ".join(parts)
