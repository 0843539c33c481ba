"""A text box for maths (expression, number, vector or matrix) with a live preview
of how the answer was understood, and help on how to type maths."""
from __future__ import annotations

from pyodide.ffi import to_js

import js

from ..dom import element, on
from .preview import preview

EXAMPLES = "Type e.g. 3x^2 cos(x), e^(2x), sqrt(x), [[1, 2], [3, 4]]."

HOW_TO = [  # what to type, what it means (TeX)
    ("3x^2", r"3x^2"),
    ("x^(n+1)", r"x^{n+1}"),
    ("2x e^(3x)", r"2x\,e^{3x}"),
    ("sqrt(x)", r"\sqrt{x}"),
    ("ln(x)", r"\ln x"),
    ("sin(2x)", r"\sin(2x)"),
    ("cos(x)^2 or cos^2(x)", r"\cos^2 x"),
    ("(x+1)/(x-1)", r"\frac{x+1}{x-1}"),
    ("pi", r"\pi"),
    ("[1, 2x]", r"\begin{bmatrix}1 & 2x\end{bmatrix}"),
    ("[[1, 2], [3, 4]]", r"\begin{bmatrix}1 & 2\\ 3 & 4\end{bmatrix}"),
]

KATEX_OPTIONS = {"throwOnError": False, "displayMode": False, "output": "htmlAndMathml"}


def katex(tex: str, node) -> None:
    js.katex.render(tex, node, to_js(KATEX_OPTIONS, dict_converter=js.Object.fromEntries))


class AnswerBox:
    def __init__(self, view: dict, uid: str, on_submit, on_change):
        self.view, self.uid = view, uid
        self.on_submit, self.on_change = on_submit, on_change

    def build(self, parent) -> None:
        box = element("div", cls="ex-answer", parent=parent)
        label = element("label", text="Your answer", attrs={"for": f"{self.uid}-answer"}, parent=box)
        label.className = "ex-label"
        row = element("div", cls="ex-answer-row", parent=box)
        self.input = element("input", cls="ex-input", parent=row, attrs={
            "id": f"{self.uid}-answer", "type": "text", "autocomplete": "off", "autocapitalize": "off",
            "spellcheck": "false", "aria-describedby": f"{self.uid}-preview {self.uid}-help"})
        preview_box = element("div", cls="ex-preview", attrs={"id": f"{self.uid}-preview"}, parent=row)
        element("span", cls="ex-preview-label", text="We read: ", parent=preview_box)
        self.preview_math = element("span", cls="ex-preview-math", parent=preview_box)
        self.preview_message = element("span", cls="ex-preview-message", parent=preview_box)
        help_box = element("div", cls="ex-help", attrs={"id": f"{self.uid}-help"}, parent=box)
        element("p", text=self.view.get("answer_hint") or EXAMPLES, parent=help_box)
        self._how_to(box)
        on(self.input, "input", lambda event: self._changed())
        on(self.input, "keydown", self._keydown)

    def _how_to(self, parent) -> None:
        details = element("details", cls="ex-howto", parent=parent)
        element("summary", text="How to type maths", parent=details)
        table = element("table", parent=details)
        head = element("tr", parent=element("thead", parent=table))
        element("th", text="Type", attrs={"scope": "col"}, parent=head)
        element("th", text="to get", attrs={"scope": "col"}, parent=head)
        body = element("tbody", parent=table)
        for typed, tex in HOW_TO:
            row = element("tr", parent=body)
            element("code", text=typed, parent=element("td", parent=row))
            katex(tex, element("td", parent=row))
        element("p", text="Multiplication can be implicit (2x, x sin(x)); ^ binds tighter than "
                          "implicit multiplication, so write e^(2x), not e^2x. The preview shows "
                          "how your answer was read.", parent=details)

    def _keydown(self, event) -> None:
        if event.key == "Enter":
            event.preventDefault()
            self.on_submit()

    def _changed(self) -> None:
        self.update_preview()
        self.on_change(self.value())

    def update_preview(self) -> None:
        text = self.value()
        result = preview(text)
        self.preview_math.textContent = ""
        self.preview_message.textContent = ""
        if result.ok and result.tex:
            katex(result.tex, self.preview_math)
            self.input.removeAttribute("aria-invalid")
        elif text.strip():
            self.preview_message.textContent = "\u26a0 " + result.message
            self.input.setAttribute("aria-invalid", "true")
        else:
            self.preview_message.textContent = "(nothing typed yet)"
            self.input.removeAttribute("aria-invalid")

    def value(self) -> str:
        return str(self.input.value)

    def restore(self, text: str) -> None:
        self.input.value = text
        self.update_preview()

    def focus(self) -> None:
        self.input.focus()
