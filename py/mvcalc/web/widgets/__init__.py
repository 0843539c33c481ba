"""The answer inputs of the exercise widget, one small module per kind of answer.

Each input has the same face: ``build(parent)``, ``value() -> str`` (the answer
text the question's check expects), ``focus()`` and ``restore(text)``; it calls
``on_submit()`` when the learner presses Enter (Ctrl+Enter in code) and
``on_change(text)`` as they type. :func:`input_for` is the kind -> input registry.
An input that draws the question's figure itself (an answer on the figure) says so with
``shows_figure = True``, and may name its own ``empty_message``.
"""
from __future__ import annotations

from .answer_box import AnswerBox
from .choice import ChoiceInput
from .code_editor import CodeEditor
from .figure_answer import PickInput, PointInput

INPUTS = {
    "expression": AnswerBox,
    "numeric": AnswerBox,
    "matrix": AnswerBox,
    "choice": ChoiceInput,
    "multi": ChoiceInput,
    "code": CodeEditor,
    "pick": PickInput,
    "point": PointInput,
}


def input_for(view: dict, uid: str, on_submit, on_change):
    return INPUTS[view["kind"]](view, uid, on_submit, on_change)
