"""The result of checking one answer: invalid is not the same as wrong."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    """What the learner is told about one answer.

    ``valid`` is False when the answer could not be understood at all (a typo,
    an unknown name, unbalanced brackets): the learner is told how to fix it and
    loses nothing.  ``correct`` is only ever True for a valid answer.
    ``preview_tex`` is TeX for how the answer was understood ("" if invalid).
    ``stopped`` says the check ran out of time and was stopped (never counted).
    """

    correct: bool
    valid: bool
    feedback: str
    preview_tex: str = ""
    stopped: bool = False

    def to_dict(self) -> dict:
        return {
            "correct": self.correct,
            "valid": self.valid,
            "feedback": self.feedback,
            "preview_tex": self.preview_tex,
            "stopped": self.stopped,
        }
