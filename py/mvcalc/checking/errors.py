"""The two ways a learner's text can fail before it is marked."""
from __future__ import annotations


class ParseError(ValueError):
    """The text is not an expression we can read.

    ``message`` is a friendly sentence for the learner; ``position`` is the
    0-based index in the typed text where the problem was noticed (or None).
    """

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position


class EvaluationError(ArithmeticError):
    """A numeric evaluation failed: ``kind`` is "domain", "overflow" or "variable"."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(detail or kind)
        self.kind = kind
