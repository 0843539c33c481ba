"""Text alternatives for question figures, made from the numbers drawn (never a formula).

Each describes what a sighted learner can read off the figure, no more: where a curve
starts, ends, peaks and crosses zero; the values a contour map shows at its centre, edges
and marked points; where an arrow starts and which way it points; the points of a path and
of a data set. A formula could give an answer away (which graph is f'?); the picture cannot.
"""
from __future__ import annotations

MAX_LISTED = 12                       # points listed by name before "... and N more"


def fmt(value: float) -> str:
    """A number as a learner reads it off a figure: 2 decimals at most, no trailing zeros."""
    if abs(value) >= 100:
        text = f"{value:.0f}"
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def point(x: float, y: float) -> str:
    return f"({fmt(x)}, {fmt(y)})"


def describe_curve(xs: list[float], ys: list, y_range, title: str = "", x_name: str = "x",
                   y_name: str = "y") -> str:
    """A graph in words: where it starts and ends, its highest and lowest points, where it
    crosses zero and whether it has breaks."""
    lo_y, hi_y = y_range
    name = f"Graph {title}" if title else "The graph"
    shown = [(x, y) for x, y in zip(xs, ys) if y is not None and lo_y <= y <= hi_y]
    if not shown:
        return f"{name}: the curve lies outside the plotted window."
    X, Y = x_name, y_name
    if max(p[1] for p in shown) - min(p[1] for p in shown) < 1e-9 and len(shown) == len(ys):
        return f"{name}: a horizontal line at {Y} = {fmt(shown[0][1])}."
    parts = [f"{name}, for {X} from {fmt(xs[0])} to {fmt(xs[-1])}"]
    samples = []
    for i in range(5):                  # the values at five evenly spaced places, as a reader would read them
        index = round(i * (len(xs) - 1) / 4)
        if ys[index] is not None and lo_y <= ys[index] <= hi_y:
            samples.append(f"{fmt(ys[index])} at {X} = {fmt(xs[index])}")
    if samples:
        parts.append(f"{Y} is about " + ", ".join(samples))
    top = max(shown, key=lambda p: p[1])
    bottom = min(shown, key=lambda p: p[1])
    parts.append(f"highest shown {Y} = {fmt(top[1])} at {X} = {fmt(top[0])}, "
                 f"lowest {Y} = {fmt(bottom[1])} at {X} = {fmt(bottom[0])}")
    crossings = []
    for (x0, y0), (x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        if y0 is None or y1 is None:
            continue
        if y0 == 0 or (y0 < 0 < y1) or (y1 < 0 < y0):
            crossings.append(x0 if y0 == 0 else x0 + (x1 - x0) * y0 / (y0 - y1))
    if crossings:
        listed = ", ".join(fmt(c) for c in crossings[:5]) + (" and more" if len(crossings) > 5 else "")
        parts.append(f"crosses {Y} = 0 at {X} ≈ {listed}")
    else:
        parts.append(f"never crosses {Y} = 0")
    if any(y is None or not lo_y <= y <= hi_y for y in ys):
        parts.append("leaves the window or is undefined in places")
    return "; ".join(parts) + "."


def _value_at(item: dict, x: float, y: float) -> float | None:
    """A contour map's value at (x, y), bilinear between its grid points."""
    xs, ys, zs = item["x"], item["y"], item["z"]
    if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
        return None
    i = min(int((y - ys[0]) / (ys[-1] - ys[0]) * (len(ys) - 1)), len(ys) - 2)
    j = min(int((x - xs[0]) / (xs[-1] - xs[0]) * (len(xs) - 1)), len(xs) - 2)
    corners = [zs[i][j], zs[i][j + 1], zs[i + 1][j], zs[i + 1][j + 1]]
    if any(c is None for c in corners):
        return None
    s = (x - xs[j]) / (xs[j + 1] - xs[j])
    t = (y - ys[i]) / (ys[i + 1] - ys[i])
    return ((1 - s) * (1 - t) * corners[0] + s * (1 - t) * corners[1]
            + (1 - s) * t * corners[2] + s * t * corners[3])


def _levels_text(levels: list[float]) -> str:
    if len(levels) > 2:
        steps = {round(b - a, 9) for a, b in zip(levels, levels[1:])}
        if len(steps) == 1:
            return f"from {fmt(levels[0])} to {fmt(levels[-1])} in steps of {fmt(steps.pop())}"
    return "at " + ", ".join(fmt(v) for v in levels)


def describe_contour(item: dict, markers: list[dict]) -> str:
    """A contour map in words: its levels, its values at the centre and at the middle of each
    edge, where it is lowest and highest, and its values around each marked point (what a
    reader sees from the labelled level curves nearby)."""
    xs, ys, zs = item["x"], item["y"], item["z"]
    name = item.get("name") or "f"
    cells = [(z, xs[j], ys[i]) for i, row in enumerate(zs) for j, z in enumerate(row) if z is not None]
    if not cells:
        return f"A contour map of {name}, undefined everywhere shown."
    parts = [f"A contour map of {name}: level curves {_levels_text(item['levels'])}"]
    cx, cy = (xs[0] + xs[-1]) / 2, (ys[0] + ys[-1]) / 2
    centre = _value_at(item, cx, cy)
    if centre is not None:
        parts.append(f"{name} is about {fmt(centre)} at the centre {point(cx, cy)}")
    edges = []
    for words, x, y in (("on the left", xs[0], cy), ("on the right", xs[-1], cy),
                        ("at the bottom", cx, ys[0]), ("at the top", cx, ys[-1])):
        value = _value_at(item, x, y)
        if value is not None:
            edges.append(f"{fmt(value)} {words} {point(x, y)}")
    if edges:
        parts.append("in the middle of each edge it is about " + ", ".join(edges))
    low, high = min(cells), max(cells)
    parts.append(f"lowest shown {fmt(low[0])} near {point(low[1], low[2])}, "
                 f"highest {fmt(high[0])} near {point(high[1], high[2])}")
    step = (xs[-1] - xs[0]) / 10
    for marker in markers:
        mx, my = marker["x"][0], marker["y"][0]
        here = _value_at(item, mx, my)
        if here is None:
            continue
        around = []
        for words, dx, dy in (("right", step, 0), ("left", -step, 0), ("up", 0, step), ("down", 0, -step)):
            value = _value_at(item, mx + dx, my + dy)
            if value is not None:
                around.append(f"{fmt(value)} a step {words}")
        label = _marker_name(marker)
        parts.append(f"at {label} {point(mx, my)} {name} is about {fmt(here)}"
                     + (f" (steps of {fmt(step)}: {', '.join(around)})" if around else ""))
    return "; ".join(parts) + "."


def _marker_name(marker: dict) -> str:
    if marker.get("key"):
        return f"point ({marker['key']})"
    return marker.get("text") or "the marked point"


def _direction(dx: float, dy: float) -> str:
    words = []
    if abs(dx) > 1e-9:
        words.append(f"{'right' if dx > 0 else 'left'} {fmt(abs(dx))}")
    if abs(dy) > 1e-9:
        words.append(f"{'up' if dy > 0 else 'down'} {fmt(abs(dy))}")
    return " and ".join(words) or "nowhere"


def _listed(xs, ys) -> str:
    pairs = [point(x, y) for x, y in zip(xs, ys) if x is not None and y is not None]
    if len(pairs) <= MAX_LISTED:
        return ", ".join(pairs)
    return ", ".join(pairs[:MAX_LISTED - 1]) + f", … ({len(pairs) - MAX_LISTED} more), {pairs[-1]}"


def _label(item: dict, default: str) -> str:
    name = item.get("name") or default
    return f"{name.capitalize()} ({item['key']})" if item.get("key") else name.capitalize()


def describe_item(item: dict, view: dict) -> str:
    kind = item["type"]
    if kind == "curve":
        title = f"({item['key']})" if item.get("key") else (item.get("name") or "")
        return describe_curve(item["x"], item["y"], view["y_range"], title,
                              view.get("x_label") or "x", view.get("y_label") or "y")
    if kind == "points":
        errors = item.get("errors") or []
        text = f"{_label(item, 'data')}: {len(item['x'])} points, {_listed(item['x'], item['y'])}"
        if errors:
            if len(set(errors)) == 1:
                text += f", each with an error bar of ± {fmt(errors[0])}"
            else:
                text += ", with error bars of ± " + ", ".join(fmt(e) for e in errors) + " in that order"
        return text + "."
    if kind == "arrow":
        (x0, x1), (y0, y1) = item["x"], item["y"]
        return f"{_label(item, 'arrow')} from {point(x0, y0)} to {point(x1, y1)}: {_direction(x1 - x0, y1 - y0)}."
    if kind == "path":
        n = len(item["x"])
        return f"{_label(item, 'path')}, {n} points: {_listed(item['x'], item['y'])}."
    if kind == "marker":
        label = f"Point ({item['key']})" if item.get("key") else (item.get("text") or "A marked point")
        return f"{label} at {point(item['x'][0], item['y'][0])}."
    if kind == "contour":
        return describe_contour(item, [m for m in view["items"] if m["type"] == "marker"])
    raise ValueError(f"unknown item type {kind!r}")


def describe_figure(view: dict) -> str:
    """The whole figure: its axes, then every item in the order drawn."""
    items = view["items"]
    if len(items) == 1 and items[0]["type"] == "curve" and not items[0].get("key"):
        return describe_curve(items[0]["x"], items[0]["y"], view["y_range"], view.get("title", ""),
                              view.get("x_label") or "x", view.get("y_label") or "y")
    (x0, x1), (y0, y1) = view["x_range"], view["y_range"]
    x_name, y_name = view.get("x_label") or "x", view.get("y_label") or "y"
    head = f"{view['title']}: a" if view.get("title") else "A"
    parts = [f"{head} figure with {x_name} across from {fmt(x0)} to {fmt(x1)} and {y_name} up "
             f"from {fmt(y0)} to {fmt(y1)}."]
    parts += [describe_item(item, view) for item in items]
    return " ".join(parts)
