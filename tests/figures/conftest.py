"""Scenes are built on a real Agg figure, as the page does, without a browser."""
from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from mvcalc.figures.style import apply_style  # noqa: E402

apply_style(matplotlib)


@pytest.fixture(params=[7.2, 3.3], ids=["desktop", "phone"])
def build(request):
    """build(scene) -> the scene, built on a figure as wide as a desktop column or a phone."""
    def make(scene):
        width = request.param
        figure = Figure(figsize=(width, width * scene.aspect), dpi=100)
        FigureCanvasAgg(figure)
        scene.build(figure)
        scene.apply()
        figure.canvas.draw()
        for artist in scene.animated:
            figure.draw_artist(artist)
        return scene
    return make
