"""Question figures in CPython: the spec, the sampled view, its words, the geometry of answers
on the figure, and the drawing itself (matplotlib Agg, as the page draws it)."""
from __future__ import annotations

import dataclasses
import json
import math

import pytest

from mvcalc.checking import compile_numeric, parse
from mvcalc.checking.arrays import evaluate_array
from mvcalc.checking.errors import EvaluationError
from mvcalc.checking.names import FUNCTIONS
from mvcalc.course import MODULES
from mvcalc.questions.figure import Arrow, Contour, Curve, Figure, Marker, Path, Points
from mvcalc.questions.figure_alt import describe_curve, fmt
from mvcalc.questions.figure_geometry import (Frame, label_positions, moved, nearest_key, next_key, snap,
                                              start_point, svg_path)
from mvcalc.questions.figure_view import CURVE_POINTS, GRID, figure_view, nice_levels
from mvcalc.questions.model import Plot
from every_question import cached_question

FORMULAS = ["x^2 sin(x) - 3", "e^(-x^2/2)/sqrt(2pi)", "ln(x) + 1/x", "x^(1/3)", "abs(x - 1) tan(x)",
            "(x + 1)^3 / (x - 2)", "sqrt(1 - x^2)"] + [f"{name}(x/3 + 0.4)" for name in FUNCTIONS]


@pytest.mark.parametrize("text", FORMULAS)
def test_arrays_agree_with_the_pointwise_evaluator(text):
    import numpy as np
    tree = parse(text)
    xs = np.linspace(-2.7, 2.9, 37)
    values = evaluate_array(tree, {"x": xs})
    one = compile_numeric(tree)
    for x, v in zip(xs, values):
        try:
            expected = float(one({"x": float(x)}))
        except (EvaluationError, ZeroDivisionError, ValueError, OverflowError):
            expected = math.nan
        if math.isnan(expected):
            assert math.isnan(v), (text, x, v)
        else:
            assert v == pytest.approx(expected, rel=1e-12, abs=1e-12), (text, x)


def test_arrays_broadcast_a_grid_and_mark_gaps():
    import numpy as np
    gx, gy = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 3))
    z = evaluate_array(parse("ln(x) + y"), {"x": gx, "y": gy})
    assert z.shape == (3, 5)
    assert np.isnan(z[:, :3]).all() and np.isfinite(z[:, 3:]).all()
    assert evaluate_array(parse("2"), {"x": gx}).shape == (3, 5)


def test_nice_levels():
    assert nice_levels([0, 10]) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert nice_levels([-3.1, 16.4]) == [-2.5, 0, 2.5, 5, 7.5, 10, 12.5, 15]
    assert nice_levels([4, 4]) == [4]


def sample_figure() -> Figure:
    return Figure((Contour("x^2 + 3y^2"), Curve("x/2", key="a", name="line"),
                   Points((0.0, 1.0), (0.5, 1.5), errors=(0.2, 0.2)),
                   Arrow((1.0, 1.0), (0.2, 0.5), key="b"), Path((2.0, 1.0, 0.5), (1.5, -0.5, 0.1), key="c"),
                   Marker((-1.0, -1.0), text="P")),
                  (-3.0, 3.0), (-2.0, 2.0), equal=True, snap=(0.25, 0.25))


def test_view_is_plain_json_with_keys_and_words():
    view = figure_view(sample_figure())
    assert json.loads(json.dumps(view, allow_nan=False)) == view
    assert view["keys"] == ["a", "b", "c"]
    kinds = [item["type"] for item in view["items"]]
    assert kinds == ["contour", "curve", "points", "arrow", "path", "marker"]
    curve, contour = view["items"][1], view["items"][0]
    assert len(curve["x"]) == len(curve["y"]) == CURVE_POINTS
    assert len(contour["z"]) == len(contour["y"]) == GRID and len(contour["z"][0]) == GRID
    assert contour["levels"] == sorted(contour["levels"])
    alt = view["alt"]
    for words in ("contour map", "Arrow (b) from (1, 1) to (0.2, 0.5): left 0.8 and down 0.5",
                  "Path (c), 3 points", "at P (-1, -1) f is about 4", "error bar of ± 0.2", "Graph (a)"):
        assert words in alt, words
    assert "x/2" not in alt and "x^2" not in alt, "the words must not give a formula away"


def test_a_plot_is_a_one_curve_figure():
    view = figure_view(Plot("x^2 - 1", (-2.0, 2.0), "(b)"))
    (curve,) = view["items"]
    assert view["x_label"] == view["y_label"] == "" and view["title"] == "(b)"
    assert view["alt"].startswith("Graph (b)") and "x ≈ -1, 1" in view["alt"]
    assert view["y_range"][0] < -1 and view["y_range"][1] > 3


def test_describe_curve_reads_shape_not_formula():
    xs = [-2 + i * 0.01 for i in range(401)]
    text = describe_curve(xs, [x * x - 1 for x in xs], (-2, 4), "(b)")
    assert text.startswith("Graph (b)") and "x ≈ -1, 1" in text and "lowest y = -1" in text
    assert "y is about 3 at x = -2, 0 at x = -1, -1 at x = 0" in text
    broken = describe_curve(xs, [None if abs(x) < 0.05 else 1 / x for x in xs], (-5, 5))
    assert "undefined" in broken
    assert describe_curve(xs, [0.5] * len(xs), (0, 1), "", "t", "a") == "The graph: a horizontal line at a = 0.5."
    assert fmt(-0.004) == "0" and fmt(2.50) == "2.5" and fmt(123.4) == "123"


def test_a_figure_refuses_shared_keys_and_unknown_colours():
    with pytest.raises(ValueError):
        Figure((Arrow((0, 0), (1, 1), key="a"), Arrow((0, 0), (1, 0), key="a")))
    with pytest.raises(ValueError):
        Figure((Curve("x", colour="pink"),))
    with pytest.raises(ValueError):
        Figure((Curve("x"),), (1.0, -1.0))


# --- geometry -------------------------------------------------------------------------------

FRAME = Frame(40.0, 10.0, 300.0, 200.0, (-3.0, 3.0), (-2.0, 2.0))


def test_frame_maps_both_ways():
    assert FRAME.to_px(-3, 2) == (40.0, 10.0) and FRAME.to_px(3, -2) == (340.0, 210.0)
    for x, y in [(0.3, -1.7), (-2.9, 0.0), (1.5, 1.5)]:
        assert FRAME.to_data(*FRAME.to_px(x, y)) == pytest.approx((x, y))


def test_a_click_picks_the_nearest_labelled_item():
    view = figure_view(sample_figure())
    on_arrow = FRAME.to_px(0.6, 0.75)                      # the middle of arrow (b)
    assert nearest_key(view, FRAME, *on_arrow) == "b"
    assert nearest_key(view, FRAME, *FRAME.to_px(1.5, 0.25)) == "c"     # on the path's first leg
    assert nearest_key(view, FRAME, *FRAME.to_px(-2.0, -1.0)) == "a"    # on the line y = x/2
    assert nearest_key(view, FRAME, *FRAME.to_px(-2.5, 1.8)) is None    # nothing near
    labels = label_positions(view, FRAME)
    assert set(labels) == {"a", "b", "c"}
    assert nearest_key(view, FRAME, *labels["b"]) == "b"
    for px, py in labels.values():
        assert FRAME.inside(px, py)


def test_arrow_keys_walk_the_items_and_wrap():
    assert next_key(["a", "b", "c"], None, 1) == "a" and next_key(["a", "b", "c"], None, -1) == "c"
    assert next_key(["a", "b", "c"], "c", 1) == "a" and next_key(["a", "b", "c"], "a", -1) == "c"


def test_points_snap_to_the_grid_and_move_by_grid_steps():
    view = figure_view(sample_figure())
    assert snap(view, 0.13, -0.61) == (0.25, -0.5)
    assert snap(view, 9.0, -9.0) == (3.0, -2.0)                    # never off the figure
    assert start_point(view) == (0.0, 0.0)
    assert moved(view, None, "ArrowLeft") == (0.0, 0.0)             # the first key shows the cursor
    assert moved(view, (0.0, 0.0), "ArrowRight") == (0.25, 0.0)
    assert moved(view, (0.0, 0.0), "ArrowUp", big=True) == (0.0, 1.25)
    assert moved(view, (3.0, 0.0), "ArrowRight") == (3.0, 0.0)
    assert moved(view, (0.0, 0.0), "a") is None


def test_svg_path_lifts_the_pen_at_gaps():
    path = svg_path(FRAME, [-3, 0, None, 3], [2, 0, 1, -2])
    assert path == "M40.0 10.0 L190.0 110.0 M340.0 210.0"


# --- every visual question of the course -----------------------------------------------------

def visual_cases():
    cases = []
    for module in MODULES:
        for exercise_set in module.exercise_sets:
            for index, template in enumerate(exercise_set.templates):
                q = cached_question(exercise_set, index)
                if q.kind in ("pick", "point") or isinstance(q.figure, Figure) or any(
                        isinstance(c.plot, Figure) for c in q.choices):
                    cases.append(pytest.param(exercise_set, index, id=f"{exercise_set.slug}-{template.__name__}"))
    return cases


def plain(value, where="question"):
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            plain(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            plain(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            assert isinstance(key, str), where
            plain(item, f"{where}.{key}")
    else:
        assert type(value) in (str, int, float, bool, type(None)), f"{where} is a {type(value).__name__}"
        assert not isinstance(value, float) or math.isfinite(value), where


@pytest.mark.parametrize("exercise_set, index", visual_cases())
def test_every_new_figure_is_plain_data_and_draws(exercise_set, index):
    from mvcalc.figures.question_figure import paint, preferred_height
    for variant in range(2):
        q = cached_question(exercise_set, index, variant)
        plain(q)
        figures = [q.figure] + [c.plot for c in q.choices]
        for spec in [f for f in figures if isinstance(f, Figure)]:
            view = figure_view(spec)
            assert json.loads(json.dumps(view, allow_nan=False)) == view
            assert all("expr" not in item for item in view["items"]), "the page gets numbers, never a formula"
            for width in (300, 460):                              # a phone's column and a desktop's
                figure, frame = paint(view, width, preferred_height(view, width))
                assert 0 < frame.left < frame.left + frame.width <= width
                assert 0 < frame.top < frame.top + frame.height <= preferred_height(view, width)
                labels = label_positions(view, frame)
                assert set(labels) == set(view["keys"])
                spots = list(labels.values())
                for i, a in enumerate(spots):
                    for b in spots[i + 1:]:
                        assert math.dist(a, b) >= 12, f"two labels on top of each other ({q.template})"
            if q.kind == "pick":                   # every item can be clicked on its label, on a phone too
                for width in (300, 460):
                    frame = paint(view, width, preferred_height(view, width))[1]
                    for key, spot in label_positions(view, frame).items():
                        assert nearest_key(view, frame, *spot) == key, (q.template, key)
                        tip = view["items"][[i.get("key") for i in view["items"]].index(key)]
                        if tip["type"] in ("arrow", "marker"):   # and on the item itself: an arrow's tip
                            assert nearest_key(view, frame, *frame.to_px(tip["x"][-1], tip["y"][-1])) == key
