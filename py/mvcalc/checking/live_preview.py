"""The live preview: how the answer is being read, on every keystroke.

It runs in the browser's main thread, where sympy is not loaded, so it uses
only the tokenizer, parser and TeX writer: no sympy, no evaluation.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import messages
from .errors import ParseError
from .guard import log
from .parser import parse
from .tex import to_tex


@dataclass(frozen=True)
class Preview:
    """``valid``: the text can be read; ``preview_tex``: how; ``message``: why not.

    An empty box is not valid but has no message: nothing to complain about yet.
    """

    valid: bool
    preview_tex: str = ""
    message: str = ""

    def to_dict(self) -> dict:
        return {"valid": self.valid, "preview_tex": self.preview_tex, "message": self.message}


def preview(answer: str) -> Preview:
    """Read ``answer`` without marking it.  Never raises."""
    try:
        if not isinstance(answer, str):
            return Preview(False, "", messages.NOT_TEXT)
        if not answer.strip():
            return Preview(False)
        return Preview(True, to_tex(parse(answer)))
    except ParseError as error:
        return Preview(False, "", error.message)
    except Exception:
        log.exception("preview failed on %r", answer)
        return Preview(False, "", messages.INTERNAL)
