"""How the learner's typed maths was understood: TeX, or a sentence saying what to fix.

Uses mvcalc.checking's own reader (never sympy, never eval), so it is cheap
enough to run on every keystroke on the main thread.
"""
from __future__ import annotations

from typing import NamedTuple

from mvcalc.checking import preview as read


class Preview(NamedTuple):
    ok: bool
    tex: str
    message: str


def preview(text: str) -> Preview:
    result = read(text)
    return Preview(bool(result.valid), result.preview_tex or "", "" if result.valid else result.message or "")
