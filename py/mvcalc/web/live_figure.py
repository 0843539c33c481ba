"""Put a Scene on a <canvas> and keep it in step with its controls, fast.

Speed: matplotlib draws with Agg and the RGBA buffer goes straight onto the canvas
(no PNG encoding). While a slider moves, only the scene's animated artists are
redrawn over a cached background (blitting), at most once per animation frame.
A figure is built at once (its controls, readouts and text alternative work from the
start) but first drawn when it comes within a screen of the viewport: a page of nine
figures draws the two the learner can see, and the others as they scroll near them,
so start-up time and memory go to what is on screen.

First frames: the build puts each figure's first frame in its ``.plot`` box as an
``<img class="plot-frame">`` (sitebuild/frames.py: the same Scene, drawn by this module in
Pyodide under Node), and sizes the box by the frame's aspect ratio. The canvas lies over the frame,
transparent until its first draw; in that same task the frame and its "controls work in a
moment" note are removed, so the figure comes alive in place: same box, no flash, no shift.

Controls, all optional, all found inside the ``<figure>``:
- ``input[data-param]`` (range or number) and ``select[data-param]``: a parameter of the
  scene, by name; a range's value is a float, a select's value a float if it reads as
  one, else the string.
- ``[data-readout=NAME]``: filled with ``scene.readouts()[NAME]``.
- pointer and keyboard, for a scene that defines them: ``on_pointer(x, y)`` gets the
  pointer in data coordinates (of ``scene.pointer_axes``, else the figure's first axes)
  and ``on_key(key)`` gets a key name (``"ArrowLeft"``, ``"Home"``, ...); each returns
  True when the figure must be redrawn. Pointer moves are coalesced per animation frame.
  A scene with an ``armed`` attribute has it True only while a pointer button is pressed on
  the figure (a click or a drag), so it can follow the pointer only then.
- drafts: a scene with ``drafts = True`` gets ``scene.draft = True`` while a range slider is
  being dragged (its ``input`` events) and one more update with ``scene.draft = False`` on the
  slider's ``change`` (let go, or a key step), so it can redraw cheaply while dragging (e.g. a
  contour set as an animated artist on a coarse grid) and at full quality when the learner stops.
"""
from __future__ import annotations

import math
from typing import Callable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..figures.scene import Scene
from .dom import element, next_frame, on, on_resize, when_idle, when_near_view, window

MAX_WIDTH_PX = 720
_first_plot_shown = False  # the page's first figure sets the mark "mvcalc:first-plot"
KEYS = ("ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown", "Enter")
KEY_HELP = ("Move the pointer over the figure, or drag along it, to move the point. "
            "With the figure focused (click it, or Tab to it), the left and right arrow keys "
            "move the point (Page Up and Page Down in bigger steps), Home and End jump to the ends "
            "and Enter puts it back in the middle.")


def _value(control):
    """A control's value as the scene wants it: a float where it reads as one."""
    text = str(control.value)
    try:
        return float(text)
    except ValueError:
        return text


def _shown(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


class LiveFigure:
    """One live figure: ``<figure class="live-figure" id=...>`` with a ``.plot`` box,
    optional controls and ``[data-readout]`` outputs inside it (see the module's docstring)."""

    def __init__(self, host, scene: Scene):
        self.host = host
        self.scene = scene
        self.plot = host.querySelector(".plot") or element("div", cls="plot", parent=host)
        self.first_frame = self.plot.querySelector("img.plot-frame")    # the build's first frame, if any
        self.canvas = element("canvas", attrs={"role": "img"}, parent=self.plot)
        if self.first_frame is not None:         # the canvas over it speaks for the figure from now on
            self.first_frame.setAttribute("alt", "")
        self.alt = host.querySelector(".figure-alt") or element(
            "p", cls="figure-alt", attrs={"aria-live": "polite"}, parent=host)
        self.pending: dict = {}
        self.drafting = False                          # a range slider is being dragged (drafts)
        self.pointer: tuple[float, float] | None = None
        self.frame_requested = False
        self.background = None
        self.live = False                              # drawn yet? (when near the viewport)
        self.full_draws = self.blit_draws = 0          # what the speed tests count
        self.figure = self._make_figure()
        self.scene.build(self.figure)
        self._bind_controls()
        self._bind_pointer()
        self._describe()
        when_near_view(self.host, self._go_live)
        if not self.live:
            when_idle(self._prepare)
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

    def _go_live(self) -> None:
        self.live = True
        self.redraw(full=True)

    def _prepare(self) -> None:
        """While the figure waits off screen, make its axes' tick marks and labels (matplotlib
        makes them on the first draw: about half of a first draw, far more with the minor ticks
        of a log axis), so the draw when the learner scrolls to it is a short task."""
        if self.live:
            return
        for ax in self.figure.axes:
            for axis in ax._axis_map.values():     # matplotlib 3.8.4, pinned in Pyodide and the tests
                axis._update_ticks()

    def redraw(self, full: bool = False) -> None:
        if not self.live:              # not drawn yet: the state is kept, the words follow it
            self.background = None
            self._describe()
            return
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
        if self.first_frame is not None:
            self._replace_first_frame()
        self.canvas.dataset.drawn = "1"
        global _first_plot_shown
        if not _first_plot_shown:
            _first_plot_shown = True
            window.performance.mark("mvcalc:first-plot")

    def _replace_first_frame(self) -> None:
        """The canvas, drawn, takes the first frame's place in the same task (so the same paint):
        it already fills the box the frame sized, so nothing moves."""
        for node in self.plot.querySelectorAll(".plot-frame, .figure-wait"):
            node.remove()
        self.first_frame = None

    def _describe(self) -> None:
        text = self.scene.describe()
        self.canvas.setAttribute("aria-label", text)
        self.alt.textContent = text
        for name, value in self.scene.readouts().items():
            for node in self.host.querySelectorAll(f'[data-readout="{name}"]'):
                node.textContent = value

    # --- controls ------------------------------------------------------------------------
    def _bind_controls(self) -> None:
        for control in self.host.querySelectorAll("input[data-param], select[data-param]"):
            name = control.dataset.param
            self._show_value(control)
            self.scene.params[name] = _value(control)
            event = "change" if control.tagName == "SELECT" else "input"
            on(control, event, lambda event, name=name: self._on_input(name, event.target))
            if event == "input" and getattr(self.scene, "drafts", False):
                on(control, "change", lambda event, name=name: self._on_input(name, event.target, final=True))
        self.scene.apply()

    def _show_value(self, control) -> None:
        if not control.id:
            return
        output = self.host.querySelector(f'output[for="{control.id}"]')
        if output is not None:
            output.value = _shown(_value(control))

    def _on_input(self, name: str, control, final: bool = False) -> None:
        self._show_value(control)
        self.pending[name] = _value(control)
        self.drafting = getattr(self.scene, "drafts", False) and not final and control.tagName != "SELECT"
        self._request_frame()

    def _request_frame(self) -> None:
        if not self.frame_requested:
            self.frame_requested = True
            next_frame(self._flush)

    def _flush(self) -> None:
        self.frame_requested = False
        params, self.pending = self.pending, {}
        pointer, self.pointer = self.pointer, None
        if getattr(self.scene, "drafts", False):
            self.scene.draft = bool(params) and self.drafting
        full = self.scene.update(**params) if params else False
        moved = bool(pointer is not None and self.scene.on_pointer(*pointer))
        if moved:
            self._sync_controls()
        if params or moved:
            self.redraw(full=full)

    def set(self, **params) -> None:
        """Change parameters from code (a page handler, a keyboard action) and redraw."""
        if getattr(self.scene, "drafts", False):
            self.scene.draft = False
        full = self.scene.update(**params)
        self.redraw(full=full)

    def move(self, **params) -> None:
        """``set``, with the figure's controls of those parameters moved there too (a range slider
        snaps to its step and its output shows that; the scene keeps the exact values)."""
        for control in self.host.querySelectorAll("input[data-param], select[data-param]"):
            if control.dataset.param in params:
                control.value = str(params[control.dataset.param])
                self._show_value(control)
        self.set(**params)

    # --- pointer and keyboard ------------------------------------------------------------
    def _bind_pointer(self) -> None:
        canvas = self.canvas
        if not hasattr(self.scene, "on_pointer"):
            canvas.style.touchAction = "auto"          # let a phone scroll over a plain figure
            return
        canvas.style.touchAction = "pan-y pinch-zoom"  # vertical swipes scroll; sideways drags move
        canvas.style.cursor = "crosshair"
        if hasattr(self.scene, "armed"):
            on(canvas, "pointerdown", lambda _event: setattr(self.scene, "armed", True))
            for event in ("pointerup", "pointercancel"):
                on(window, event, lambda _event: setattr(self.scene, "armed", False))
        on(canvas, "pointermove", self._on_pointer)
        on(canvas, "pointerdown", self._on_pointer)
        if hasattr(self.scene, "on_key"):
            canvas.setAttribute("tabindex", "0")
            canvas.setAttribute("aria-roledescription", "interactive figure")
            canvas.setAttribute("aria-keyshortcuts", "ArrowLeft ArrowRight PageUp PageDown Home End Enter")
            help_id = f"{self.host.id}-keys"
            if self.host.querySelector(".figure-keys") is None:
                element("p", cls="figure-keys", text=KEY_HELP, attrs={"id": help_id}, parent=self.host)
            else:
                self.host.querySelector(".figure-keys").id = help_id
            canvas.setAttribute("aria-describedby", help_id)
            on(canvas, "keydown", self._on_key)

    def data_point(self, client_x: float, client_y: float) -> tuple[float, float]:
        """CSS pixels in the viewport -> figure pixels (origin bottom left) -> data coordinates."""
        rect = self.canvas.getBoundingClientRect()
        width, height = self.figure.canvas.get_width_height(physical=True)
        px = (client_x - rect.left) / max(rect.width, 1) * width
        py = (rect.bottom - client_y) / max(rect.height, 1) * height
        axes = getattr(self.scene, "pointer_axes", None) or self.figure.axes[0]
        x, y = axes.transData.inverted().transform((px, py))
        return float(x), float(y)

    def on_click(self, callback: Callable[[float, float], None]) -> None:
        """Call ``callback(x, y)`` with the data coordinates of each click (or tap) on the figure."""
        on(self.canvas, "click", lambda event: callback(*self.data_point(event.clientX, event.clientY)))

    def _on_pointer(self, event) -> None:
        self.pointer = self.data_point(event.clientX, event.clientY)
        self._request_frame()

    def _on_key(self, event) -> None:
        if event.key not in KEYS or event.altKey or event.ctrlKey or event.metaKey:
            return
        if self.scene.on_key(event.key):
            event.preventDefault()
            self._sync_controls()
            self.redraw()

    def _sync_controls(self) -> None:
        """After the pointer or a key moved a parameter, its slider (if any) shows it too."""
        for control in self.host.querySelectorAll("input[data-param]"):
            value = self.scene.params.get(control.dataset.param)
            if isinstance(value, (int, float)) and _value(control) != value:
                control.value = str(value)
                self._show_value(control)


def mount(host_id: str, scene: Scene) -> LiveFigure:
    from .dom import by_id
    return LiveFigure(by_id(host_id), scene)
