"""Choose one (radio buttons) or all that apply (checkboxes), in a fieldset.

Options are formulas (KaTeX), sentences with inline maths (typeset like a prompt, so they
wrap), or small graphs drawn from the checker's points, each with a text alternative made
from its data (never its formula).
"""
from __future__ import annotations

from ..dom import element, on, render_math
from .answer_box import katex
from .plot import draw


class ChoiceInput:
    def __init__(self, view: dict, uid: str, on_submit, on_change):
        self.view, self.uid = view, uid
        self.on_submit, self.on_change = on_submit, on_change
        self.multi = view["kind"] == "multi"
        self.boxes: list = []

    def build(self, parent) -> None:
        fieldset = element("fieldset", cls="ex-choices", parent=parent)
        graphs = any(c.get("plot") for c in self.view["choices"])
        if graphs:
            fieldset.classList.add("graphs")
        element("legend", text="Choose all that apply" if self.multi else "Choose one", parent=fieldset)
        kind = "checkbox" if self.multi else "radio"
        for choice in self.view["choices"]:
            key = choice["key"]
            option_id = f"{self.uid}-opt-{key}"
            label = element("label", cls="ex-choice", attrs={"for": option_id}, parent=fieldset)
            box = element("input", parent=label, attrs={
                "type": kind, "id": option_id, "name": f"{self.uid}-choice", "value": key})
            element("span", cls="ex-choice-key", text=f"({key})", parent=label)
            body = element("span", cls="ex-choice-body", parent=label)
            if choice.get("plot"):
                draw(body, choice["plot"], label=choice["plot"].get("alt", f"Graph ({key})"))
            if choice.get("tex"):
                katex(choice["tex"], element("span", cls="ex-choice-tex", parent=body))
            if choice.get("text"):
                # words with inline maths, typeset like a prompt: they wrap (KaTeX never wraps \text{})
                render_math(element("span", cls="ex-choice-text", text=choice["text"], parent=body))
                fieldset.classList.add("prose")
            on(box, "change", lambda event: self.on_change(self.value()))
            on(box, "keydown", self._keydown)
            self.boxes.append(box)

    def _keydown(self, event) -> None:
        if event.key == "Enter":
            event.preventDefault()
            self.on_submit()

    def value(self) -> str:
        return ",".join(str(b.value) for b in self.boxes if b.checked)

    def restore(self, text: str) -> None:
        chosen = {k.strip() for k in text.split(",") if k.strip()}
        for b in self.boxes:
            b.checked = str(b.value) in chosen

    def focus(self) -> None:
        checked = [b for b in self.boxes if b.checked]
        (checked or self.boxes)[0].focus()
