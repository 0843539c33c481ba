"""A question's figure as plain data: what to draw, never how (Perseus' graph as data).

A :class:`Figure` holds items drawn in order on one pair of axes: curves y = f(x) and a
contour map of f(x, y) in learner syntax, data points, arrows, paths (polylines, e.g. a
descent path) and marked points. An item with a ``key`` ("a", "b", ...) is labelled "(a)" on
the figure and can be picked by a ``pick`` question. Everything is a frozen dataclass of
plain values (tuples, floats, str), so a question travels as JSON; the page samples the
formulas with the project's own evaluator (:mod:`mvcalc.questions.figure_view`) and draws
them with matplotlib (:mod:`mvcalc.figures.question_figure`).

``colour`` names one of :data:`COLOURS` (the course's colour-blind-safe palette). Colour is
never the only cue: picked items carry their label, and paths and curves may be dashed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

COLOURS = ("blue", "orange", "green", "vermilion", "purple", "sky", "ink", "grey")
STYLES = ("solid", "dashed", "dotted")
ITEM_COLOURS = ("blue", "vermilion", "green", "purple", "orange", "sky")  # for items (a), (b), ...


@dataclass(frozen=True)
class Curve:
    """The graph of y = ``expr`` (learner syntax in x) over ``x_range`` (default: the figure's)."""

    expr: str
    key: str = ""
    name: str = ""                       # words for the text alternative, e.g. "the tangent line"
    x_range: tuple[float, float] | None = None
    colour: str = "blue"
    style: str = "solid"


@dataclass(frozen=True)
class Points:
    """Data points, with vertical error bars when ``errors`` (one sigma per point) is given."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    errors: tuple[float, ...] = ()
    name: str = "data"
    colour: str = "ink"


@dataclass(frozen=True)
class Contour:
    """A contour map of f(x, y) = ``expr`` (learner syntax in x and y) over the whole figure.

    ``levels`` empty: about eight evenly spaced levels chosen from the values shown."""

    expr: str
    levels: tuple[float, ...] = ()
    filled: bool = True
    labels: bool = True                  # the level's value written on each line
    name: str = "f"


@dataclass(frozen=True)
class Arrow:
    """An arrow from ``start`` to ``end`` (figure units)."""

    start: tuple[float, float]
    end: tuple[float, float]
    key: str = ""
    name: str = "arrow"
    colour: str = "vermilion"


@dataclass(frozen=True)
class Path:
    """A polyline through the points (``xs[i]``, ``ys[i]``), each point dotted (a descent path)
    unless ``dots`` is False (a line, a constraint curve)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    key: str = ""
    name: str = "path"
    colour: str = "vermilion"
    style: str = "solid"
    dots: bool = True


@dataclass(frozen=True)
class Marker:
    """A marked point, named on the figure by ``text`` (e.g. "P") or, if picked, by its key."""

    at: tuple[float, float]
    key: str = ""
    text: str = ""
    colour: str = "ink"


Item = Union[Curve, Points, Contour, Arrow, Path, Marker]


@dataclass(frozen=True)
class Figure:
    """One pair of axes and the items on it.

    ``y_range`` None: fitted to what is drawn. ``equal``: one unit is as long across as up
    (maps). ``origin``: draw the lines x = 0 and y = 0. ``snap``: the grid (steps in x and y,
    figure units) a point answer snaps to and moves by with the arrow keys.
    """

    items: tuple[Item, ...]
    x_range: tuple[float, float] = (-3.0, 3.0)
    y_range: tuple[float, float] | None = None
    x_label: str = "x"
    y_label: str = "y"
    title: str = ""
    equal: bool = False
    origin: bool = True
    snap: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        keys = [item.key for item in self.items if getattr(item, "key", "")]
        if len(set(keys)) != len(keys):
            raise ValueError(f"two items of a figure share a key: {keys}")
        for item in self.items:
            if getattr(item, "colour", "ink") not in COLOURS:
                raise ValueError(f"unknown colour {item.colour!r}")
            if getattr(item, "style", "solid") not in STYLES:
                raise ValueError(f"unknown line style {item.style!r}")
        lo, hi = self.x_range
        if not lo < hi or (self.y_range is not None and not self.y_range[0] < self.y_range[1]):
            raise ValueError("a figure's ranges must run from low to high")

    @property
    def keys(self) -> list[str]:
        """The keys of the items a learner can pick, in the order drawn."""
        return [item.key for item in self.items if getattr(item, "key", "")]

    def item(self, key: str) -> Item:
        for item in self.items:
            if getattr(item, "key", "") == key:
                return item
        raise KeyError(key)
