"""What the page shows of a question (mvcalc.questions.view): JSON, and never the answer key."""
from __future__ import annotations

import json

import pytest

from mvcalc.course import MODULES, question
from mvcalc.questions import view

SETS = [(m.slug, s.slug, s.size) for m in MODULES for s in m.exercise_sets]
VARIANTS = 2   # the first two variants of every question


def cases():
    for module, set_slug, size in SETS:
        for seed in range(size * VARIANTS):
            yield pytest.param(module, set_slug, seed, id=f"{set_slug}-{seed}")


@pytest.mark.parametrize("module,set_slug,seed", cases())
def test_view_is_json_and_shows_no_answer_key(module, set_slug, seed):
    q = question(module, set_slug, seed)
    shown = json.loads(json.dumps(view.question_view(q, module), allow_nan=False))
    assert shown["kind"] == q.kind and shown["seed"] == seed and shown["set"] == set_slug
    assert shown["module"] == module and shown["template"] == q.template
    assert shown["prompt"] and shown["hints"] and shown["worked"]
    assert "solution" not in shown and "misconceptions" not in shown
    if shown["kind"] in ("choice", "multi"):
        assert [c["key"] for c in shown["choices"]] == q.keys
        for choice in shown["choices"]:
            assert "value" not in choice, "a graph choice must not carry its formula"
            assert choice.get("tex") or choice.get("plot")
    if shown["kind"] == "code":
        assert shown["entry"] and shown["starter"]


def test_graph_plots_are_points_with_a_text_alternative():
    shown = view.question_view(question("m1-what-is-calculus", "matching-functions", 0), "m1-what-is-calculus")
    plots = [c["plot"] for c in shown["choices"] if c.get("plot")] or [shown["figure"]]
    for plot in plots:
        assert len(plot["x"]) == len(plot["y"]) == view.PLOT_POINTS
        assert plot["y_range"][0] < plot["y_range"][1]
        assert "crosses" in plot["alt"] and "x from" in plot["alt"]


def test_describe_curve_reads_shape_not_formula():
    xs = [-2 + i * 0.01 for i in range(401)]
    ys = [x * x - 1 for x in xs]
    text = view.describe_curve(xs, ys, (-2, 4), "(b)")
    assert text.startswith("Graph (b)") and "x ≈ -1, 1" in text and "lowest y = -1" in text
    broken = view.describe_curve(xs, [None if abs(x) < 0.05 else 1 / x for x in xs], (-5, 5))
    assert "undefined" in broken
