"""Put a Scene on a <canvas> and keep it in step with its sliders, fast.

Speed: matplotlib draws with Agg and the RGBA buffer goes straight onto the canvas
(no PNG encoding). While a slider moves, only the scene's animated artists are
redrawn over a cached background (blitting), at most once per animation frame.
"""
from __future__ import annotations

import math

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..figures.scene import Scene
from .dom import element, next_frame, on, on_resize, window

MAX_WIDTH_PX = 720
_first_plot_shown = False  # the page's first figure sets the mark "mvcalc:first-plot"


class LiveFigure:
    """One live figure: ``<figure class="live-figure" id=...>`` with a ``.plot`` box,
    optional ``input[data-param]`` controls and ``[data-readout]`` outputs inside it."""

    def __init__(self, host, scene: Scene):
        self.host = host
        self.scene = scene
        self.plot = host.querySelector(".plot") or element("div", cls="plot", parent=host)
        self.canvas = element("canvas", attrs={"role": "img"}, parent=self.plot)
        self.alt = host.querySelector(".figure-alt") or element(
            "p", cls="figure-alt", attrs={"aria-live": "polite"}, parent=host)
        self.pending: dict = {}
        self.frame_requested = False
        self.background = None
        self.full_draws = self.blit_draws = 0          # what the speed tests count
        self.figure = self._make_figure()
        self.scene.build(self.figure)
        self._bind_controls()
        self.redraw(full=True)
        on_resize(self.plot, self._follow_width)
        perf = getattr(window, "mvcalcPerf", None)
        if perf:
            from matplotlib.contour import ContourSet
            contour = any(isinstance(c, ContourSet) for ax in self.figure.axes for c in ax.collections)
            perf.figure(self.host.id, "contour" if contour else "line")

    # --- drawing -----------------------------------------------------------------------
    def _make_figure(self) -> Figure:
        width = min(self.plot.clientWidth or 640, MAX_WIDTH_PX)
        ratio = float(window.devicePixelRatio or 1)
        height = width * self.scene.aspect
        figure = Figure(figsize=(width / 100, height / 100), dpi=100 * ratio)
        FigureCanvasAgg(figure)
        self.canvas.width = int(math.ceil(width * ratio))
        self.canvas.height = int(math.ceil(height * ratio))
        return figure

    def _follow_width(self) -> None:
        """Redraw at the column's new width (a phone turned, a window resized), so the
        figure stays sharp and its labels legible; parameters and state are kept."""
        width = min(self.plot.clientWidth or 0, MAX_WIDTH_PX)
        if not width or abs(width - self.figure.get_figwidth() * 100) < 4:
            return
        self.figure = self._make_figure()
        self.scene.build(self.figure)
        self.scene.apply()
        self.background = None
        self.redraw(full=True)

    def redraw(self, full: bool = False) -> None:
        perf = getattr(window, "mvcalcPerf", None)  # set by the benchmark and tests only
        started = window.performance.now() if perf else 0
        agg = self.figure.canvas
        full = full or self.background is None
        if full:
            agg.draw()
            self.background = agg.copy_from_bbox(self.figure.bbox)
            self.full_draws += 1
        else:
            agg.restore_region(self.background)
            self.blit_draws += 1
        for artist in self.scene.animated:
            self.figure.draw_artist(artist)
        self._put()
        self._describe()
        if perf:
            perf.record(self.host.id, full, started, window.performance.now())

    def _put(self) -> None:
        agg = self.figure.canvas
        width, height = agg.get_width_height(physical=True)
        if (self.canvas.width, self.canvas.height) != (width, height):
            self.canvas.width, self.canvas.height = width, height
        window.mvcalcBridge.putRGBA(self.canvas, agg.buffer_rgba(), width, height)
        global _first_plot_shown
        if not _first_plot_shown:
            _first_plot_shown = True
            window.performance.mark("mvcalc:first-plot")

    def _describe(self) -> None:
        text = self.scene.describe()
        self.canvas.setAttribute("aria-label", text)
        self.alt.textContent = text
        for name, value in self.scene.readouts().items():
            for node in self.host.querySelectorAll(f'[data-readout="{name}"]'):
                node.textContent = value

    # --- controls ------------------------------------------------------------------------
    def _bind_controls(self) -> None:
        for control in self.host.querySelectorAll("input[data-param]"):
            name = control.dataset.param
            self._show_value(control)
            self.scene.params[name] = float(control.value)
            on(control, "input", lambda event, name=name: self._on_input(name, event.target))
        self.scene.apply()

    def _show_value(self, control) -> None:
        output = self.host.querySelector(f'output[for="{control.id}"]')
        if output is not None:
            output.value = f"{float(control.value):g}"

    def _on_input(self, name: str, control) -> None:
        self._show_value(control)
        self.pending[name] = float(control.value)
        if not self.frame_requested:
            self.frame_requested = True
            next_frame(self._flush)

    def _flush(self) -> None:
        self.frame_requested = False
        params, self.pending = self.pending, {}
        self.set(**params)

    def set(self, **params) -> None:
        """Change parameters from code (a page handler, a keyboard action) and redraw."""
        full = self.scene.update(**params)
        self.redraw(full=full)


def mount(host_id: str, scene: Scene) -> LiveFigure:
    from .dom import by_id
    return LiveFigure(by_id(host_id), scene)
