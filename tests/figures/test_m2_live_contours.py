"""The contour slider's page path, without a browser: LiveFigure (on the stand-in browser,
sitebuild/standin.py) drives the Module 2 can map. Dragging its thickness slider
recomputes the contour set on the coarse grid once per frame and blits it: no full figure
re-render per event; letting go (the slider's ``change``) redraws the contours at full
resolution, still by blitting."""
from __future__ import annotations

import importlib
import types

import pytest


@pytest.mark.parametrize("scene_name, param, values", [
    ("CanScene", "t", [0.1 + 0.01 * i for i in range(20)]),
    ("HessianScene", "a", [1 - 0.1 * i for i in range(20)]),
])
def test_dragging_a_contour_slider_drafts_then_finishes_without_a_full_redraw(standin, monkeypatch, scene_name,
                                                                               param, values):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    standin.open(f'<figure id="fig"><input type="range" id="slider" value="{values[0]}" data-param="{param}"></figure>')
    live_figure = importlib.import_module("mvcalc.web.live_figure")
    from mvcalc.figures.contour import COARSE, FINE, CanScene
    from mvcalc.figures.hessian import HessianScene
    scene = {"CanScene": CanScene, "HessianScene": HessianScene}[scene_name]()

    draws = []
    real_draw = FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda self, *a, **k: (draws.append(1), real_draw(self, *a, **k))[1])
    slider = standin.document.getElementById("slider")
    figure = live_figure.mount("fig", scene)
    assert len(draws) == 1 and figure.full_draws == 1
    made = scene.contours.computed
    (on_input,) = slider.listeners["input"]
    (on_change,) = slider.listeners["change"]

    for value in values[1:]:
        for _ in range(3):                               # several input events within one frame
            slider.value = str(value)
            on_input(types.SimpleNamespace(target=slider))
        standin.run_frames(rounds=1)
        assert scene.draft is True and scene.contours.shown[1] is True, "coarse while dragging"
        last = scene.contours.artists[-1]
        assert len(last.get_segments() if last is scene.contours.lines else last.allsegs) > 0
    assert len(draws) == 1, "a contour slider move re-rendered the whole figure"
    assert figure.full_draws == 1 and figure.blit_draws == len(values) - 1, "one blit per frame"
    assert scene.contours.computed == made + len(values) - 1, "one contour set per frame, not per event"
    coarse_x = scene.contours.grids[COARSE][0]
    assert coarse_x.shape == (COARSE, COARSE)

    on_change(types.SimpleNamespace(target=slider))      # the learner lets go
    standin.run_frames(rounds=1)
    assert scene.draft is False and scene.contours.shown == ((*scene.contours.shown[0],), False)
    assert scene.contours.grids[FINE][0].shape == (FINE, FINE)
    assert len(draws) == 1 and figure.full_draws == 1, "the full-resolution contours are blitted too"
    assert scene.params[param] == pytest.approx(values[-1])
