"""What a lab (or a lesson with buttons) is made of on the page, so that a page script holds only
what is its own: its figures, its words and the order of things.

- ``button``: an element that runs a handler on click, enabled once Python is ready; a handler
  that is a coroutine runs as a task of its own (``spawn``).
- ``ask``: one request to a lab (:func:`.checker.lab`) that says what it is doing, keeps its
  buttons disabled meanwhile and, if the worker cannot answer, says so (``None``).
- ``code_area``: a ``<textarea>`` of the page with the code editor's keys.
- ``checklist``, ``verdict``, ``table``, ``fill_rows``: a lab's results, written into the page.
- ``every_frame``: a replay or a run, one step per animation frame while the step says so.
Sliders moved from code: :meth:`.live_figure.LiveFigure.move`. Words and numbers of a reply,
with no browser: :mod:`mvcalc.labs.report`.
"""
from __future__ import annotations

import inspect
from typing import Callable, Iterable

from ..labs.report import result_line
from .dom import by_id, element, next_frame, on


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


async def ask(name: str, payload: dict, limit_ms: int, *, say=None, waiting: str = "", failed: str = "",
              busy: Iterable = ()) -> dict | None:
    """Lab ``name``'s reply to ``payload``, or None if the worker could not give one: then ``say``
    (an element) reads "``failed``: why". ``waiting`` is said meanwhile, and the ``busy`` buttons
    stay disabled until the reply. The words default to ``say``'s ``data-waiting`` and
    ``data-failed`` attributes: the page's HTML holds them."""
    from .checker import CheckerError, lab
    busy = list(busy)
    for node in busy:
        node.disabled = True
    waiting = waiting or (say is not None and say.getAttribute("data-waiting")) or ""
    if waiting:
        say.textContent = waiting
    try:
        return await lab(name, payload, limit_ms)
    except CheckerError as error:
        if say is not None:
            say.textContent = f"{failed or say.getAttribute('data-failed') or 'It could not run'}: {error}"
        return None
    finally:
        for node in busy:
            node.disabled = False


def code_area(element_id: str, uid: str, on_submit: Callable, on_change: Callable[[str], None] = lambda _t: None):
    """The page's ``<textarea id=element_id>`` as a code editor: Tab indents, Escape then Tab leaves,
    Ctrl+Enter calls ``on_submit`` (spawned if a coroutine); its ``CodeEditor``."""
    from .widgets.code_editor import CodeEditor
    editor = CodeEditor({}, uid, run(on_submit), on_change)
    editor.attach(by_id(element_id))
    return editor


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
           frames_per_point: int = 1, going: Callable[[], bool] = lambda: True) -> None:
    """Show a path of ``points`` growing: ``show(n)`` with n = 1, 2, ... ``points`` (``per_frame`` more
    each animation frame, or one every ``frames_per_point`` frames) while ``going()``; then ``done()``."""
    shown, frames = [1], [0]

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
