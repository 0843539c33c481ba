"""The exercise widgets' view of the one progress store (site/assets/progress.js)."""
from __future__ import annotations

from pyodide.ffi import to_js

import js


def _store():
    return js.window.mvcalcProgress


def _js(value: dict):
    return to_js(value, dict_converter=js.Object.fromEntries)


def question(module: str, set_slug: str, index: int) -> dict:
    return _store().question(module, set_slug, index).to_py()


def current(module: str, set_slug: str) -> int:
    return int(_store().current(module, set_slug))


def set_current(module: str, set_slug: str, index: int) -> None:
    _store().setCurrent(module, set_slug, index)


def summary(module: str, set_slug: str, size: int) -> tuple[int, int]:
    result = _store().setSummary(module, set_slug, size)
    return int(result.correct), int(result.size)


def record_check(module: str, set_slug: str, index: int, *, valid: bool, correct: bool, answer: str) -> None:
    _store().recordCheck(module, set_slug, index, _js({"valid": valid, "correct": correct, "answer": answer}))


def save_answer(module: str, set_slug: str, index: int, answer: str) -> None:
    _store().saveAnswer(module, set_slug, index, answer)


def set_variant(module: str, set_slug: str, index: int, variant: int) -> None:
    _store().setVariant(module, set_slug, index, variant)
