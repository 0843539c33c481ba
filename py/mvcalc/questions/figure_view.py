"""What the page draws of a question's figure: the spec's formulas sampled into numbers.

:func:`figure_view` turns a :class:`~mvcalc.questions.figure.Figure` (or a one-curve
:class:`~mvcalc.questions.model.Plot`) into JSON-ready data: every item as lists ``x`` and
``y`` (a contour map also as a grid ``z`` and its levels), the ranges, the keys a learner
can pick, and a text alternative made from the numbers (never from a formula, which could
give an answer away). Formulas are read with the project's own parser and evaluated on
numpy arrays (:mod:`mvcalc.checking.arrays`): no sympy, no eval, so this runs in the page.
"""
from __future__ import annotations

import math

from mvcalc.questions.figure import Arrow, Contour, Curve, Figure, Marker, Path, Points

CURVE_POINTS = 241
GRID = 61                      # contour grid points per side
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def as_figure(spec) -> Figure:
    """A Figure for ``spec``; a Plot (one curve, Modules 1 and 4) becomes a one-curve Figure
    with the axes through the origin and no axis names, as it has always been drawn."""
    if isinstance(spec, Figure):
        return spec
    return Figure((Curve(spec.expr),), tuple(spec.x_range), spec.y_range, x_label="", y_label="",
                  title=spec.title)


def figure_view(spec) -> dict:
    """The JSON-ready view of ``spec`` (a Figure or a Plot)."""
    from mvcalc.questions.figure_alt import describe_figure

    figure = as_figure(spec)
    x_range = [float(v) for v in figure.x_range]
    items = [_item(item, figure) for item in figure.items]
    y_range = [float(v) for v in figure.y_range] if figure.y_range else _auto_y_range(items)
    view = {
        "x_range": x_range,
        "y_range": y_range,
        "x_label": figure.x_label,
        "y_label": figure.y_label,
        "title": figure.title,
        "equal": figure.equal,
        "origin": figure.origin,
        "snap": [float(v) for v in figure.snap] if figure.snap else None,
        "keys": figure.keys,
        "items": items,
    }
    view["alt"] = describe_figure(view)
    return view


def _rounded(values, digits: int = 6) -> list:
    return [None if v is None or not math.isfinite(v) else round(float(v), digits) for v in values]


def _item(item, figure: Figure) -> dict:
    base = {"type": type(item).__name__.lower(), "key": getattr(item, "key", ""),
            "name": getattr(item, "name", ""), "colour": getattr(item, "colour", "ink"),
            "style": getattr(item, "style", "solid")}
    if isinstance(item, Curve):
        xs, ys = sample_curve(item.expr, item.x_range or figure.x_range)
        return {**base, "x": _rounded(xs), "y": _rounded(ys)}
    if isinstance(item, Points):
        return {**base, "x": _rounded(item.xs), "y": _rounded(item.ys), "errors": _rounded(item.errors)}
    if isinstance(item, Contour):
        y_range = figure.y_range or figure.x_range
        xs, ys, zs = sample_grid(item.expr, figure.x_range, y_range)
        levels = list(item.levels) or nice_levels([v for row in zs for v in row if v is not None])
        return {**base, "x": _rounded(xs), "y": _rounded(ys), "z": [_significant(row) for row in zs],
                "levels": [float(v) for v in levels], "filled": item.filled, "labels": item.labels}
    if isinstance(item, Arrow):
        return {**base, "x": _rounded([item.start[0], item.end[0]]), "y": _rounded([item.start[1], item.end[1]])}
    if isinstance(item, Path):
        return {**base, "x": _rounded(item.xs), "y": _rounded(item.ys), "dots": item.dots}
    if isinstance(item, Marker):
        return {**base, "x": _rounded([item.at[0]]), "y": _rounded([item.at[1]]), "text": item.text}
    raise TypeError(f"not a figure item: {item!r}")


def _significant(row, digits: int = 5) -> list:
    return [None if v is None else float(f"{v:.{digits}g}") for v in row]


def sample_curve(expr: str, x_range) -> tuple[list[float], list]:
    """``CURVE_POINTS`` points of y = expr(x) across ``x_range``; None where undefined."""
    import numpy as np

    from mvcalc.checking.arrays import evaluate_array
    from mvcalc.checking.parser import parse

    lo, hi = (float(v) for v in x_range)
    xs = np.linspace(lo, hi, CURVE_POINTS)
    ys = evaluate_array(parse(expr), {"x": xs})
    return [float(v) for v in xs], [None if math.isnan(v) else float(v) for v in ys]


def sample_grid(expr: str, x_range, y_range, n: int = GRID):
    """f(x, y) on an n x n grid: the xs, the ys and rows of values (row i at ys[i])."""
    import numpy as np

    from mvcalc.checking.arrays import evaluate_array
    from mvcalc.checking.parser import parse

    xs = np.linspace(float(x_range[0]), float(x_range[1]), n)
    ys = np.linspace(float(y_range[0]), float(y_range[1]), n)
    grid_x, grid_y = np.meshgrid(xs, ys)
    zs = evaluate_array(parse(expr), {"x": grid_x, "y": grid_y})
    rows = [[None if math.isnan(v) else float(v) for v in row] for row in zs]
    return [float(v) for v in xs], [float(v) for v in ys], rows


def nice_levels(values: list[float], count: int = 8) -> list[float]:
    """About ``count`` evenly spaced round levels across the bulk of ``values``
    (2nd to 98th percentile, so one spike does not flatten the map)."""
    if not values:
        return [0.0]
    ordered = sorted(values)
    lo, hi = ordered[len(ordered) // 50], ordered[-1 - len(ordered) // 50]
    if hi - lo < 1e-9:
        return [round(lo, 6)]
    raw = (hi - lo) / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = min((s * power for s in NICE_STEPS), key=lambda s: abs(math.log(s / raw)))
    first = math.ceil(lo / step) * step
    levels = []
    k = 0
    while first + k * step <= hi + 1e-9:
        levels.append(round(first + k * step, 10))
        k += 1
    return levels


def _auto_y_range(items: list[dict]) -> list[float]:
    """A y range showing what is drawn: the bulk of each curve (a spike of 1/x is cut),
    every point, arrow and path, and room around them."""
    values: list[float] = []
    for item in items:
        ys = [v for v in item["y"] if v is not None]
        if item["type"] == "curve" and ys:
            ordered = sorted(ys)
            values += [ordered[len(ordered) // 50], ordered[-1 - len(ordered) // 50]]
        elif item["type"] == "contour":
            values += [item["y"][0], item["y"][-1]]
        else:
            errors = item.get("errors") or [0.0] * len(ys)
            values += [v - e for v, e in zip(ys, errors)] + [v + e for v, e in zip(ys, errors)]
    if not values:
        return [-1.0, 1.0]
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = 0.1 * (hi - lo)
    return [lo - pad, hi + pad]
