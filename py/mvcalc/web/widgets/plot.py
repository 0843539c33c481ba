"""Put a question's figure view on a <canvas>: the one place questions draw.

The view comes from :func:`mvcalc.questions.figure_view.figure_view` (formulas already
sampled into numbers); :func:`mvcalc.figures.question_figure.paint` draws it with Agg and
its RGBA buffer goes straight onto the canvas. The canvas is placed at once and painted in
a task of its own once it is within a screen of the viewport, at the width its column
really has (so a phone gets legible labels, not a shrunken picture), so a question with
several graphs never blocks the page for the sum of them. :class:`FigureStage` adds an SVG layer over the canvas for answers on the figure.
"""
from __future__ import annotations

from ..dom import document, element, later, when_near_view, window

SVG = "http://www.w3.org/2000/svg"


class FigureStage:
    """A canvas showing ``view`` in a positioned box, with an SVG overlay on top.

    ``frame`` (a Frame, in the CSS px the figure was drawn at) is set once it is painted;
    ``on_painted`` callbacks run then. Pointer positions map to the drawn px by
    :meth:`drawn_px`, whatever size CSS gives the canvas afterwards.
    """

    def __init__(self, parent, view: dict, *, max_width: int = 460, label: str = "",
                 overlay: bool = False):
        self.view, self.max_width, self.parent = view, max_width, parent
        self.frame = None
        self.size = (0.0, 0.0)
        self.on_painted: list = []
        self.box = element("div", cls="ex-fig-stage", parent=parent)
        self.canvas = element("canvas", cls="ex-plot", parent=self.box)
        if overlay:
            self.canvas.setAttribute("aria-hidden", "true")
        else:
            self.canvas.setAttribute("role", "img")
            self.canvas.setAttribute("aria-label", label or view.get("alt", "A graph"))
        self.overlay = None
        if overlay:
            self.overlay = document.createElementNS(SVG, "svg")
            self.overlay.setAttribute("class", "ex-fig-overlay")
            self.overlay.setAttribute("aria-hidden", "true")
            self.overlay.setAttribute("focusable", "false")
            self.box.appendChild(self.overlay)
        width = self._width()
        self._reserve(width)
        when_near_view(self.canvas, lambda: later(self.paint))

    def _width(self) -> float:
        """The width to draw at: the column the figure sits in (its parent; the stage itself
        is only as wide as its canvas), at most ``max_width``."""
        available = self.parent.clientWidth
        return float(min(self.max_width, available or self.max_width))

    def _reserve(self, width: float) -> None:
        from ...figures.question_figure import preferred_height
        height = preferred_height(self.view, width)
        self.canvas.setAttribute("style", f"width:{width:g}px;aspect-ratio:{width:g}/{height:g}")

    def paint(self) -> None:
        from ...figures.question_figure import paint, preferred_height

        width = self._width()
        height = float(preferred_height(self.view, width))
        ratio = float(window.devicePixelRatio or 1)
        figure, frame = paint(self.view, width, height, ratio)
        w, h = figure.canvas.get_width_height(physical=True)
        self.canvas.width, self.canvas.height = w, h
        self.canvas.setAttribute("style", f"width:{width:g}px;aspect-ratio:{width:g}/{height:g}")
        window.mvcalcBridge.putRGBA(self.canvas, figure.canvas.buffer_rgba(), w, h)
        self.frame, self.size = frame, (width, height)
        if self.overlay is not None:
            self.overlay.setAttribute("viewBox", f"0 0 {width:g} {height:g}")
        self.canvas.dataset.drawn = "1"
        for callback in self.on_painted:
            callback()

    def drawn_px(self, event) -> tuple[float, float]:
        """The pointer of ``event`` in the px the figure was drawn at."""
        rect = self.canvas.getBoundingClientRect()
        width, height = self.size
        return ((float(event.clientX) - rect.left) * width / max(rect.width, 1.0),
                (float(event.clientY) - rect.top) * height / max(rect.height, 1.0))

    def svg(self, tag: str, attrs: dict, parent=None):
        node = document.createElementNS(SVG, tag)
        for name, value in attrs.items():
            node.setAttribute(name, str(value))
        (parent or self.overlay).appendChild(node)
        return node


def words(holder, text: str, text_id: str = ""):
    """The figure's description under it, folded away ("The figure in words"): a map's
    description is long, and the canvas already carries it for screen readers."""
    caption = element("figcaption", parent=holder)
    details = element("details", cls="ex-fig-words", parent=caption)
    element("summary", text="The figure in words", parent=details)
    return element("p", cls="figure-alt", text=text, parent=details, attrs={"id": text_id} if text_id else None)


def draw(parent, view: dict, *, width: int = 340, label: str = ""):
    """A static figure of ``view`` in ``parent`` (at most ``width`` CSS px wide); its text
    alternative is ``label`` or the view's own. Returns the canvas."""
    return FigureStage(parent, view, max_width=width, label=label).canvas

