"""An accessible code box: a monospace <textarea> where Tab indents.

Tab inserts four spaces; Escape, then Tab, leaves the box (the help text says
so), so keyboard users are never trapped. Ctrl+Enter runs the tests. The code
runs in the checker worker, which the page can stop.
"""
from __future__ import annotations

from ..dom import element, on

INDENT = "    "


class CodeEditor:
    def __init__(self, view: dict, uid: str, on_submit, on_change):
        self.view, self.uid = view, uid
        self.on_submit, self.on_change = on_submit, on_change
        self.escaped = False

    def build(self, parent) -> None:
        box = element("div", cls="ex-code", parent=parent)
        element("label", cls="ex-label", text="Your code", attrs={"for": f"{self.uid}-code"}, parent=box)
        starter = self.view.get("starter") or ""
        lines = max(8, starter.count("\n") + 3)
        self.area = element("textarea", cls="ex-code-input", parent=box, attrs={
            "id": f"{self.uid}-code", "rows": lines, "spellcheck": "false", "autocomplete": "off",
            "autocapitalize": "off", "wrap": "off", "aria-describedby": f"{self.uid}-code-help"})
        self.area.value = starter
        element("p", cls="ex-help", attrs={"id": f"{self.uid}-code-help"}, parent=box,
                text="Tab indents by four spaces. To leave the box with the keyboard, press Escape, "
                     "then Tab. Ctrl+Enter runs the tests.")
        self.attach(self.area)

    def attach(self, area) -> None:
        """Make ``area`` (a ``<textarea>``, built here or already in the page) this editor's box."""
        self.area = area
        on(area, "keydown", self._keydown)
        on(area, "input", lambda event: self.on_change(self.value()))

    def _keydown(self, event) -> None:
        key = event.key
        if key == "Escape":
            self.escaped = True
            return
        if key == "Tab" and not self.escaped and not event.shiftKey and not event.ctrlKey and not event.altKey:
            event.preventDefault()
            start, end = int(self.area.selectionStart), int(self.area.selectionEnd)
            text = self.value()
            self.area.value = text[:start] + INDENT + text[end:]
            self.area.selectionStart = self.area.selectionEnd = start + len(INDENT)
            self.on_change(self.value())
            return
        if key == "Enter" and (event.ctrlKey or event.metaKey):
            event.preventDefault()
            self.on_submit()
        if key != "Shift":
            self.escaped = False

    def value(self) -> str:
        return str(self.area.value)

    def restore(self, text: str) -> None:
        self.area.value = text

    def focus(self) -> None:
        self.area.focus()
