"""What a lab (or a lesson with buttons) is made of on the page, so that a page script holds only
what is its own: its figures, its words and the order of things.

- ``button``: an element that runs a handler on click, enabled once Python is ready; a handler
  that is a coroutine runs as a task of its own (``spawn``).
- ``ask``: one request to a lab (:func:`.checker.lab`) that says what it is doing, keeps its
  buttons disabled meanwhile and, if the worker cannot answer, says so (``None``); ``checked``:
  a check of the learner's code, asked and reported.
- ``code_area``, ``starter_button``, ``reference_swap``: a code lab's editor (a ``<textarea>`` of
  the page with the code editor's keys) and its buttons.
- ``checklist``, ``verdict``, ``table``, ``fill_rows``, ``fit_comparison``: a lab's results,
  written into the page.
- ``every_frame``, ``replay``, ``Running``, ``Stepper``: a replay or a run, one step per animation
  frame while the step says so; a figure walked by step, run and reset buttons.
- ``mirror``, ``nudge_buttons``, ``fill_on_open``: controls that are not a figure's own sliders.
Sliders moved from code: :meth:`.live_figure.LiveFigure.move`. Words and numbers of a reply,
with no browser: :mod:`mvcalc.labs.report`.
"""
from __future__ import annotations

import inspect
from typing import Callable, Iterable

from ..labs.report import replay_stride, result_line, standard_errors
from .dom import by_id, element, next_frame, on, window


def spawn(coroutine) -> None:
    """Run a coroutine as a task; its errors reach the console (``exercises.spawn``, imported
    when first needed: it is not on the first plot's path)."""
    from .exercises import spawn as run
    run(coroutine)


def run(handler: Callable) -> Callable:
    """An event listener that calls ``handler()`` and spawns what it returns if that is a coroutine."""
    def listener(_event=None) -> None:
        result = handler()
        if inspect.isawaitable(result):
            spawn(result)
    return listener


def ready(*element_ids: str) -> None:
    """Each element's text becomes its ``data-ready`` text: what it says once Python runs (before,
    the page's text says what waits for Python)."""
    for element_id in element_ids:
        node = by_id(element_id)
        node.textContent = node.dataset.ready


def button(element_id: str, handler: Callable, *, event: str = "click"):
    """The element ``element_id``, enabled, running ``handler`` (see :func:`run`) on ``event``."""
    node = by_id(element_id)
    node.disabled = False
    on(node, event, run(handler))
    return node


def fill_on_open(details_id: str, target_id: str, name: str, payload: dict, field: str, limit_ms: int = 30_000,
                 failed: str = "") -> None:
    """Each time the ``<details id=details_id>`` opens, the text of ``target_id`` (inside it) becomes
    the ``field`` of lab ``name``'s reply to ``payload`` (a reference solution, say; see :func:`ask`)."""
    node, target = by_id(details_id), by_id(target_id)

    async def fill() -> None:
        reply = await ask(name, payload, limit_ms, say=target, failed=failed)
        if reply is not None:
            target.textContent = reply[field]
    on(node, "toggle", lambda _event: spawn(fill()) if node.open else None)


def mirror(input_id: str, output_id: str):
    """The range ``input_id`` (not a figure's: a figure shows its own), its value shown in the
    ``<output id=output_id>`` now and as it moves."""
    control, output = by_id(input_id), by_id(output_id)
    on(control, "input", lambda _event: setattr(output, "value", str(control.value)))
    output.value = str(control.value)
    return control


def nudge_buttons(live, param: str, control_id: str, deltas: dict[str, float]) -> None:
    """Buttons ``<control_id's prefix>-<name>`` that move the figure's slider ``control_id`` (its
    parameter ``param``) by ``deltas[name]``, kept within the slider's range."""
    control, prefix = by_id(control_id), control_id.rpartition("-")[0]
    for name, delta in deltas.items():
        button(f"{prefix}-{name}", lambda delta=delta: live.move(**{param: min(
            float(control.max), max(float(control.min), float(control.value) + delta))}))


async def ask(name: str, payload: dict, limit_ms: int, *, say=None, waiting: str = "", failed: str = "",
              busy: Iterable = (), stopped: str = "") -> dict | None:
    """Lab ``name``'s reply to ``payload``, or None if the worker could not give one: then ``say``
    (an element) reads "``failed``: why". ``waiting`` is said meanwhile, and the ``busy`` buttons
    stay disabled until the reply. The words default to ``say``'s ``data-waiting`` and
    ``data-failed`` attributes: the page's HTML holds them. With ``stopped``, a reply that says
    its ``error`` (the learner's code could not run) is None too, and ``say`` reads "``stopped``: error"."""
    from .checker import CheckerError, lab
    busy = list(busy)
    for node in busy:
        node.disabled = True
    waiting = waiting or (say is not None and say.getAttribute("data-waiting")) or ""
    if waiting:
        say.textContent = waiting
    try:
        reply = await lab(name, payload, limit_ms)
        if stopped and reply.get("error"):
            say.textContent = f"{stopped}: {reply['error']}"
            return None
        return reply
    except CheckerError as error:
        if say is not None:
            say.textContent = f"{failed or say.getAttribute('data-failed') or 'It could not run'}: {error}"
        return None
    finally:
        for node in busy:
            node.disabled = False


async def checked(name: str, payload: dict, limit_ms: int, parent, key: str, *, passed: str = "passed",
                  busy: Iterable = (), verdict: bool = False) -> dict | None:
    """A lab's check of the learner's code (see :func:`ask`; ``parent`` says what happens), then its
    results in ``parent`` (:func:`report`; ``key``: what each line names; the reply's ``passed``
    field says whether all passed; ``verdict``: the reply's own message first); the reply."""
    reply = await ask(name, payload, limit_ms, say=parent, busy=busy)
    if reply is not None:
        report(parent, reply["results"], key, reply[passed], verdict_of=reply if verdict else None)
    return reply


def code_area(element_id: str, uid: str, on_submit: Callable, on_change: Callable[[str], None] = lambda _t: None,
              starter: str | None = None):
    """The page's ``<textarea id=element_id>`` as a code editor (or, given the ``starter`` code, a new
    one built in the element): Tab indents, Escape then Tab leaves, Ctrl+Enter calls ``on_submit``
    (spawned if a coroutine); its ``CodeEditor``."""
    from .widgets.code_editor import CodeEditor
    if starter is not None:
        editor = CodeEditor({"starter": starter}, uid, run(on_submit), on_change)
        editor.build(by_id(element_id))
        return editor
    editor = CodeEditor({}, uid, run(on_submit), on_change)
    editor.attach(by_id(element_id))
    return editor


def starter_button(button_id: str, editor, then: Callable[[], None] = lambda: None,
                   question: str = "Replace your code with the starter code?") -> None:
    """The button ``button_id`` puts ``editor``'s code as the page gave it back (asking first if the
    learner changed it), then calls ``then()``."""
    starter = editor.value()

    def restore() -> None:
        if editor.value() == starter or window.confirm(question):
            editor.restore(starter)
            then()
    button(button_id, restore)


def reference_swap(editor, menu_id: str, load_id: str, back_id: str, sources: dict[str, str],
                   names: dict[str, str], say, loaded: str, back: str = "Your own code is back in the editor.") -> None:
    """Reference solutions for a code lab: the button ``load_id`` puts the one chosen in the menu
    ``menu_id`` (``sources`` and ``names``: key -> code, name) into ``editor``, keeping the learner's
    own code, which the (hidden till then) button ``back_id`` gives back. ``say`` reads ``loaded``
    (``{name}`` filled in) or ``back``."""
    saved: dict = {}
    menu, mine = by_id(menu_id), by_id(back_id)

    def load() -> None:
        key = str(menu.value)
        if sources.get(key):
            if "code" not in saved and editor.value() not in sources.values():
                saved["code"] = editor.value()
            editor.restore(sources[key])
            mine.hidden = "code" not in saved
            say.textContent = loaded.format(name=names[key])

    def give_back() -> None:
        if "code" in saved:
            editor.restore(saved.pop("code"))
        mine.hidden = True
        say.textContent = back
    button(load_id, load)
    button(back_id, give_back)


def checklist(listing, results: list[dict], key: str = "name", line: Callable[[dict], str] = result_line) -> None:
    """One ``<li>`` per checked function or property (``judge.Result.as_dict()``) in ``listing``, with
    ``data-<key>`` (its name), ``data-passed`` and the class ``lab-pass`` or ``lab-fail``."""
    for item in results:
        passed = "true" if item["passed"] else "false"
        element("li", cls="lab-pass" if item["passed"] else "lab-fail", text=line(item), parent=listing,
                attrs={f"data-{key}": item["name"], "data-passed": passed})


def report(parent, results: list[dict], key: str, passed: bool, verdict_of: dict | None = None) -> None:
    """``parent``'s content replaced by a lab's results: its verdict (``verdict_of``: a reply with
    ``message`` and ``correct``) if any, a ``ul.lab-results`` checklist, and what to do next: the
    ``data-after-pass`` or ``data-after-fail`` words of ``parent``, as all ``passed`` or not."""
    parent.textContent = ""
    if verdict_of is not None:
        verdict(parent, verdict_of["message"], verdict_of["correct"])
    checklist(element("ul", cls="lab-results", parent=parent), results, key)
    element("p", parent=parent, text=parent.getAttribute("data-after-pass" if passed else "data-after-fail") or "")


def verdict(parent, message: str, correct: bool):
    """A lab's overall verdict: ``<p class="lab-verdict" data-correct=...>``."""
    return element("p", cls="lab-verdict", text=message, parent=parent,
                   attrs={"data-correct": "true" if correct else "false"})


def table(parent, table_id: str, caption: str, head: list[str], rows: list[list[str]]):
    """``parent``'s content replaced by a scrollable table: a caption, column headings, and rows
    whose first cell heads the row."""
    parent.textContent = ""
    wrap = element("div", cls="table-scroll", parent=parent)
    made = element("table", attrs={"id": table_id}, parent=wrap)
    element("caption", text=caption, parent=made)
    tr = element("tr", parent=element("thead", parent=made))
    for text in head:
        element("th", text=text, attrs={"scope": "col"}, parent=tr)
    fill_rows(element("tbody", parent=made), rows, row_heads=True)
    return made


def fit_comparison(parent, table_id: str, caption: str, head: list[str], params: list[tuple[str, int]],
                   found, fitted: dict, chi2: tuple[str, str], near: str, far: str) -> None:
    """``parent``'s content replaced by a fit's parameters ``found`` against scipy's curve_fit
    (``fitted``: a reply with ``params`` and ``errors``), a row per parameter (``params``: its name
    and digits) and a last row ``chi2`` (two cells); then ``near`` or ``far`` (``{gap}`` filled in)
    as ``found`` lies within one of curve_fit's standard errors or not."""
    from ..fitting import fmt
    table(parent, table_id, caption, head,
          [[name, fmt(v, d), f"{fmt(c, d)} ± {fmt(e, d)}"]
           for (name, d), v, c, e in zip(params, found, fitted["params"], fitted["errors"])] + [["χ²", *chi2]])
    gap = standard_errors(found, fitted["params"], fitted["errors"])
    element("p", parent=parent, text=(near if gap < 1 else far).format(gap=f"{gap:.2g}"))


def fill_rows(tbody, rows: list[list[str]], row_heads: bool = False) -> None:
    """``tbody``'s rows replaced by ``rows`` (text cells; the first a row heading if ``row_heads``)."""
    tbody.textContent = ""
    for row in rows:
        tr = element("tr", parent=tbody)
        for i, text in enumerate(row):
            if i == 0 and row_heads:
                element("th", text=text, attrs={"scope": "row"}, parent=tr)
            else:
                element("td", text=text, parent=tr)


def replay(points: int, show: Callable[[int], None], done: Callable[[], None], *, per_frame: int = 1,
           frames_per_point: int = 1, in_frames: int = 0, going: Callable[[], bool] = lambda: True,
           hold: Iterable = ()) -> None:
    """Show a path of ``points`` growing: ``show(n)`` with n = 1, 2, ... ``points`` (``per_frame`` more
    each animation frame, enough to play it in about ``in_frames`` frames if given, or one every
    ``frames_per_point`` frames) while ``going()``; then ``done()``. The ``hold`` buttons are
    disabled from now on (``done`` frees them, an :func:`ask` with them busy, say)."""
    shown, frames = [1], [0]
    per_frame = replay_stride(points, in_frames) if in_frames else per_frame
    for node in hold:
        node.disabled = True

    def frame() -> bool:
        frames[0] += 1
        if frames[0] % frames_per_point == 0:
            shown[0] = min(points, shown[0] + per_frame)
            show(shown[0])
        return shown[0] < points and going()
    every_frame(frame, done)


def every_frame(step: Callable[[], bool], done: Callable[[], None] | None = None) -> None:
    """Call ``step()`` at each animation frame while it returns True; then ``done()``."""
    def frame() -> None:
        if step():
            next_frame(frame)
        elif done is not None:
            done()
    next_frame(frame)


class Running:
    """Whether a run of many steps (training, a descent) goes on, and the label of the button that
    starts and pauses it. ``start()`` gives the run a ticket; each of its steps goes on only while
    ``going(ticket)``: a pause, or a new run started since (after a reset, say), stops an old loop
    even while it waits for the worker."""

    def __init__(self, button=None, idle: str = "Run", busy: str = "Pause"):
        self.button, self.idle, self.busy = button, idle, busy
        self.ticket, self.on = 0, False

    def start(self) -> int:
        self.ticket, self.on = self.ticket + 1, True
        self._label()
        return self.ticket

    def stop(self) -> None:
        self.on = False
        self._label()

    def going(self, ticket: int) -> bool:
        return self.on and ticket == self.ticket

    async def replies(self, ticket: int, request: Callable):
        """The replies to ``await request()`` (an :func:`ask`), asked one after another while run
        ``ticket`` goes on; they end when it stops or the worker cannot answer."""
        while self.going(ticket):
            reply = await request()
            if reply is None or not self.going(ticket):
                return
            yield reply

    def _label(self) -> None:
        if self.button is not None:
            self.button.textContent = self.busy if self.on else self.idle


class Stepper:
    """A figure whose scene walks step by step (``step(n)``, ``restart()``, ``done``, ``path``,
    ``status_text()``), with the buttons ``<prefix>-step`` (one step), ``<prefix>-run`` (run,
    ``per_frame()`` steps each animation frame till the scene is done; pause) and ``<prefix>-reset``,
    and the line ``<prefix>-status`` ("Step n: ..."); moving one of the figure's sliders pauses it.
    ``shown()`` is called after every change (another figure that follows, say); ``labels``: the run
    button's words before a first step, after it, and while running."""

    def __init__(self, live, prefix: str, per_frame: Callable[[], int], shown: Callable[[], None] = lambda: None,
                 labels: tuple[str, str, str] = ("Run", "Run on", "Pause")):
        self.live, self.scene, self.shown, self.per_frame, self.labels = live, live.scene, shown, per_frame, labels
        self.status = by_id(f"{prefix}-status")
        self.running = Running()
        self.step_button = button(f"{prefix}-step", lambda: self.act(1))
        self.run_button = button(f"{prefix}-run", self.toggle)
        button(f"{prefix}-reset", lambda: self.act(restart=True))
        for control in live.host.querySelectorAll("input[data-param]"):
            on(control, "input", lambda _event: (self.running.stop(), next_frame(self.show)))
        self.show()

    def show(self) -> None:
        idle, again, busy = self.labels
        self.status.textContent = f"Step {len(self.scene.path) - 1}: {self.scene.status_text()}."
        self.run_button.textContent = busy if self.running.on else (again if len(self.scene.path) > 1 else idle)
        self.step_button.disabled = self.run_button.disabled = self.scene.done and not self.running.on
        self.shown()

    def act(self, steps: int = 0, restart: bool = False) -> None:
        self.running.stop()
        if restart:
            self.scene.restart()
        else:
            self.scene.step(steps)
        self.live.set()
        self.show()

    def frame(self, ticket: int) -> bool:
        if self.running.going(ticket):
            self.scene.step(self.per_frame())
            self.live.set()
            if self.scene.done:
                self.running.stop()
            self.show()
        return self.running.going(ticket)

    def toggle(self) -> None:
        if self.running.on:
            self.running.stop()
        else:
            ticket = self.running.start()
            every_frame(lambda: self.frame(ticket))
        self.show()
