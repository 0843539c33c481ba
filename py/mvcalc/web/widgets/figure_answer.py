"""Answers given on the figure: pick a labelled item, or click a point.

Both show the question's figure on a focusable stage (``role=application``, so a screen
reader passes the arrow keys through) with an SVG layer for the choice or the cursor, the
figure's description in words, and a text control that mirrors the figure: a radio group
for a pick, an "(x, y)" box for a point. Either way is the same answer, so keyboard and
screen-reader users answer the same question. Moves made on the figure are announced once,
by one polite live region; the mirrored control is changed without taking the focus, so it
is not read a second time. The rules (what a click is near, snapping, arrow-key steps) are
pure Python in :mod:`mvcalc.questions.figure_geometry`.
"""
from __future__ import annotations

from ...questions.figure_alt import describe_item
from ...questions.figure_geometry import (ARROW_KEYS, moved, nearest_key, next_key, point_words,
                                          segments, snap, svg_path)
from ...questions.point_answer import PointError, format_point, parse_point
from ..dom import element, on
from .plot import FigureStage, words

HALO = 12          # px: the width of the band drawn over a picked item
TYPE_WORDS = {"marker": "point", "points": "data"}


class FigureAnswer:
    """What pick and point share: the stage, the description and the announcer."""

    shows_figure = True             # the exercise widget leaves the figure to this input
    empty_message = "Click the figure (or use the box below it) first: nothing was counted."
    instructions = ""

    def __init__(self, view: dict, uid: str, on_submit, on_change):
        self.view, self.uid = view, uid
        self.figure_view = view["figure"]
        self.on_submit, self.on_change = on_submit, on_change

    def build_figure(self, parent) -> None:
        holder = element("figure", cls="ex-figure ex-figure-answer", parent=parent)
        self.stage = FigureStage(holder, self.figure_view, max_width=520, overlay=True)
        box = self.stage.box
        box.setAttribute("tabindex", "0")
        box.setAttribute("role", "application")
        box.setAttribute("aria-roledescription", "figure to answer on")
        box.setAttribute("aria-label", self.instructions)
        box.setAttribute("aria-describedby", f"{self.uid}-fig-alt")
        words(holder, self.figure_view["alt"], f"{self.uid}-fig-alt")
        self.announcer = element("p", cls="visually-hidden", parent=holder,
                                 attrs={"aria-live": "polite", "aria-atomic": "true"})
        on(box, "pointerdown", self._pointer)
        on(box, "keydown", self._key)
        on(box, "focus", lambda event: self.redraw())
        on(box, "blur", lambda event: self.redraw())
        self.stage.on_painted.append(self.redraw)

    def announce(self, text: str) -> None:
        self.announcer.textContent = text

    def redraw(self) -> None:
        """Redraw the SVG layer from the current state (after a move or a repaint)."""
        if self.stage.frame is None:
            return
        self.stage.overlay.innerHTML = ""
        frame = self.stage.frame
        clip = self.stage.svg("clipPath", {"id": f"{self.uid}-clip"})
        self.stage.svg("rect", {"x": frame.left, "y": frame.top, "width": frame.width,
                                "height": frame.height}, clip)
        self.layer = self.stage.svg("g", {"clip-path": f"url(#{self.uid}-clip)"})
        self.draw_state()

    def draw_state(self) -> None:
        raise NotImplementedError

    def _pointer(self, event) -> None:
        raise NotImplementedError

    def _key(self, event) -> None:
        raise NotImplementedError


class PickInput(FigureAnswer):
    """Pick one labelled item (an arrow, a path, a curve, a marked point) on the figure."""

    def __init__(self, view: dict, uid: str, on_submit, on_change):
        super().__init__(view, uid, on_submit, on_change)
        self.items = {item["key"]: item for item in self.figure_view["items"] if item.get("key")}
        self.keys = list(self.figure_view["keys"])
        self.chosen: str | None = None
        self.focused: str | None = None
        names = ", ".join(f"({k})" for k in self.keys)
        self.instructions = (f"Figure: click an item to choose it, or use the arrow keys to go through "
                             f"{names} and Enter or Space to choose.")

    def name(self, key: str) -> str:
        item = self.items[key]
        return f"({key}) {item.get('name') or TYPE_WORDS.get(item['type'], item['type'])}"

    def build(self, parent) -> None:
        self.build_figure(parent)
        fieldset = element("fieldset", cls="ex-choices ex-pick-list", parent=parent)
        element("legend", text="Your choice (the same as picking on the figure)", parent=fieldset)
        self.boxes = {}
        for key in self.keys:
            option_id = f"{self.uid}-pick-{key}"
            label = element("label", cls="ex-choice", attrs={"for": option_id}, parent=fieldset)
            box = element("input", parent=label, attrs={
                "type": "radio", "id": option_id, "name": f"{self.uid}-pick", "value": key})
            element("span", cls="ex-choice-key", text=self.name(key), parent=label)
            on(box, "change", lambda event, key=key: self.choose(key, from_figure=False))
            on(box, "keydown", self._radio_key)
            self.boxes[key] = box

    def choose(self, key: str, *, from_figure: bool) -> None:
        self.chosen = self.focused = key
        for k, box in self.boxes.items():
            box.checked = k == key
        if from_figure:
            self.announce(f"Chosen: {self.name(key)}.")
        self.redraw()
        self.on_change(self.value())

    def draw_state(self) -> None:
        frame = self.stage.frame
        for key, cls in ((self.chosen, "ex-fig-chosen"), (self.focused if self._has_focus() else None, "ex-fig-focus")):
            if key is None:
                continue
            item = self.items[key]
            for run in segments(item):
                if len(run) == 1:
                    px, py = frame.to_px(*run[0])
                    self.stage.svg("circle", {"cx": f"{px:.1f}", "cy": f"{py:.1f}", "r": HALO, "class": cls},
                                   self.layer)
                else:
                    self.stage.svg("path", {"d": svg_path(frame, [p[0] for p in run], [p[1] for p in run]),
                                            "class": cls}, self.layer)

    def _has_focus(self) -> bool:
        from ..dom import document
        return document.activeElement == self.stage.box

    def _pointer(self, event) -> None:
        if self.stage.frame is None:
            return
        key = nearest_key(self.figure_view, self.stage.frame, *self.stage.drawn_px(event))
        if key is not None:
            self.choose(key, from_figure=True)

    def _key(self, event) -> None:
        key = str(event.key)
        if key in ARROW_KEYS:
            event.preventDefault()
            step = 1 if key in ("ArrowRight", "ArrowDown") else -1
            self.focused = next_key(self.keys, self.focused or self.chosen, step)
            item = self.items[self.focused]
            self.announce(describe_item(item, self.figure_view) + " Enter or Space to choose it.")
            self.redraw()
        elif key in (" ", "Enter") and self.focused is not None:
            event.preventDefault()
            if key == "Enter" and self.focused == self.chosen:
                self.on_submit()
            else:
                self.choose(self.focused, from_figure=True)
        elif key == "Enter":
            event.preventDefault()
            self.on_submit()

    def _radio_key(self, event) -> None:
        if event.key == "Enter":
            event.preventDefault()
            self.on_submit()

    def value(self) -> str:
        return self.chosen or ""

    def restore(self, text: str) -> None:
        key = text.strip().lower()
        if key in self.boxes:
            self.chosen = self.focused = key
            self.boxes[key].checked = True
            self.redraw()

    def focus(self) -> None:
        self.stage.box.focus()


class PointInput(FigureAnswer):
    """Click (or move with the arrow keys) a point on the figure; an "(x, y)" box mirrors it."""

    instructions = ("Figure: click to place your point, or use the arrow keys to move it one grid step "
                    "(with Shift, five). Enter checks it.")

    def __init__(self, view: dict, uid: str, on_submit, on_change):
        super().__init__(view, uid, on_submit, on_change)
        self.at: tuple[float, float] | None = None

    def build(self, parent) -> None:
        self.build_figure(parent)
        box = element("div", cls="ex-answer", parent=parent)
        names = f"({self.figure_view.get('x_label') or 'x'}, {self.figure_view.get('y_label') or 'y'})"
        element("label", cls="ex-label", text=f"Your point {names}", attrs={"for": f"{self.uid}-answer"}, parent=box)
        row = element("div", cls="ex-answer-row", parent=box)
        self.input = element("input", cls="ex-input", parent=row, attrs={
            "id": f"{self.uid}-answer", "type": "text", "autocomplete": "off", "autocapitalize": "off",
            "spellcheck": "false", "placeholder": names,
            "aria-describedby": f"{self.uid}-point-note {self.uid}-help"})
        self.note = element("div", cls="ex-preview", attrs={"id": f"{self.uid}-point-note"}, parent=row)
        help_box = element("div", cls="ex-help", attrs={"id": f"{self.uid}-help"}, parent=box)
        element("p", text=self.view.get("answer_hint") or f"Click the figure, or type the point as {names}.",
                parent=help_box)
        on(self.input, "input", lambda event: self._typed())
        on(self.input, "keydown", self._box_key)
        self._read_box()

    def _note(self, problem: str = "") -> None:
        self.note.textContent = ""
        if problem:
            self.note.textContent = "\u26a0 " + problem
            self.input.setAttribute("aria-invalid", "true")
            return
        self.input.removeAttribute("aria-invalid")
        self.note.textContent = (point_words(self.figure_view, self.at) if self.at is not None
                                 else "(nothing placed yet)")

    def place(self, at: tuple[float, float], *, announce: bool) -> None:
        """Move the point to ``at`` (already snapped) from the figure: the box follows."""
        self.at = at
        self.input.value = format_point(*at, self.figure_view.get("snap"))
        self._note()
        if announce:
            self.announce(point_words(self.figure_view, at))
        self.redraw()
        self.on_change(self.value())

    def _typed(self) -> None:
        self._read_box()
        self.on_change(self.value())

    def _read_box(self) -> None:
        """Move the point to what the box says (typing moves the point), or say why not."""
        text = str(self.input.value)
        if not text.strip():
            self.at = None
            self._note()
        else:
            try:
                self.at = parse_point(text)
                self._note()
            except PointError as error:
                self.at = None
                self._note(str(error))
        self.redraw()

    def draw_state(self) -> None:
        if self.at is None:
            return
        frame = self.stage.frame
        px, py = frame.to_px(*self.at)
        for d in (f"M{frame.left:.1f} {py:.1f}H{frame.left + frame.width:.1f}",
                  f"M{px:.1f} {frame.top:.1f}V{frame.top + frame.height:.1f}"):
            self.stage.svg("path", {"d": d, "class": "ex-fig-crosshair"}, self.layer)
        self.stage.svg("circle", {"cx": f"{px:.1f}", "cy": f"{py:.1f}", "r": 7, "class": "ex-fig-point"},
                       self.layer)

    def _pointer(self, event) -> None:
        frame = self.stage.frame
        if frame is None:
            return
        px, py = self.stage.drawn_px(event)
        if not frame.inside(px, py, margin=6):
            return
        self.place(snap(self.figure_view, *frame.to_data(px, py)), announce=True)

    def _key(self, event) -> None:
        key = str(event.key)
        if key in ARROW_KEYS:
            event.preventDefault()
            self.place(moved(self.figure_view, self.at, key, big=bool(event.shiftKey)), announce=True)
        elif key == "Enter":
            event.preventDefault()
            self.on_submit()

    def _box_key(self, event) -> None:
        if event.key == "Enter":
            event.preventDefault()
            self.on_submit()

    def value(self) -> str:
        return str(self.input.value)

    def restore(self, text: str) -> None:
        self.input.value = text
        self._read_box()

    def focus(self) -> None:
        self.stage.box.focus()
