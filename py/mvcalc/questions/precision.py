"""How precisely a numeric answer must be given: stated once, on the Question.

A numeric question holds one :class:`Precision` (significant figures or decimal
places), and everything the learner is told or held to comes from it, so the
marking cannot break the page's promise:

- the tolerance: half a unit in the last asked place (the most that rounding
  the key to the asked precision can move it), widened by 1 % so that float
  error in the key or in the typed decimal never tips a correctly rounded
  answer over the edge, and a key that is itself a half (0.125 to 2
  significant figures) accepts both roundings;
- the note under the answer box, the words in the prompt ("{precision}") and in
  the "not accurate enough" message.

Plain data and the standard library only: the page loads it with the question.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

UNIT_SLACK = 1.01   # tolerance = half a unit in the last asked place, times this
MAX_DIGITS = 12     # beyond this, float error is as large as the tolerance


def _exponent(value: float, figures: int) -> int:
    """The power of ten of the leading figure of ``value`` rounded to ``figures``.

    From the decimal text, not log10: log10(1000) is 2.9999999999999996, and
    9.9996 to 4 significant figures is 10.00 (exponent 1, not 0).
    """
    return int(f"{abs(value):.{figures - 1}e}".split("e")[1])


@dataclass(frozen=True)
class Precision:
    """Significant ``figures`` or decimal ``places``: exactly one of them."""

    figures: int | None = None
    places: int | None = None

    def __post_init__(self) -> None:
        if (self.figures is None) == (self.places is None):
            raise ValueError("a precision is significant figures or decimal places, exactly one")
        if self.figures is not None and not 1 <= self.figures <= MAX_DIGITS:
            raise ValueError(f"significant figures must be 1 to {MAX_DIGITS}")
        if self.places is not None and not 0 <= self.places <= MAX_DIGITS:
            raise ValueError(f"decimal places must be 0 to {MAX_DIGITS}")

    # -- the numbers ---------------------------------------------------------

    def unit(self, value: float) -> float:
        """One unit in the last asked place of ``value`` (0.0 for 0 to significant figures)."""
        if self.places is not None:
            return 10.0 ** -self.places
        if value == 0 or not math.isfinite(value):
            return 0.0
        return 10.0 ** (_exponent(value, self.figures) - self.figures + 1)

    def tolerance(self, value: float) -> float:
        """The largest accepted distance from ``value``: a little over half a unit.

        A key of 0 to significant figures has no last place: only 0 itself is right.
        """
        return 0.5 * self.unit(value) * UNIT_SLACK

    def figures_at(self, value: float) -> int:
        """How many significant figures this precision asks of ``value`` (at least 1)."""
        if self.figures is not None:
            return self.figures
        if value == 0 or not math.isfinite(value):
            return 1
        return max(1, _exponent(value, MAX_DIGITS) + 1 + self.places)

    def text(self, value: float) -> str:
        """``value`` written to this precision, trailing zeros kept ("13.17", "2.500", "12300")."""
        value = float(value)
        if self.places is not None:
            out = f"{value:.{self.places}f}"
        elif value == 0:
            out = "0" if self.figures == 1 else "0." + "0" * (self.figures - 1)
        else:
            places = self.figures - 1 - _exponent(value, self.figures)
            out = f"{value:.{places}f}" if places > 0 else str(int(round(value, places)))
        return "0" + out[2:] if out.startswith("-0") and float(out) == 0 else out

    def rounded(self, value: float) -> float:
        """``value`` rounded to this precision."""
        return float(self.text(value))

    def coarser(self) -> Precision | None:
        """One figure (or one place) fewer; None when there is none."""
        if self.figures is not None:
            return Precision(figures=self.figures - 1) if self.figures > 1 else None
        return Precision(places=self.places - 1) if self.places > 0 else None

    # -- the words -----------------------------------------------------------

    @property
    def phrase(self) -> str:
        """"4 significant figures", "1 decimal place", "the nearest whole number"."""
        if self.figures is not None:
            return f"{self.figures} significant figure{'s' if self.figures != 1 else ''}"
        if self.places == 0:
            return "the nearest whole number"
        return f"{self.places} decimal place{'s' if self.places != 1 else ''}"

    @property
    def note(self) -> str:
        """The note under the answer box, with examples written to this precision."""
        examples = f"{self.text(12.3456789)} or {self.text(-3.45678912)}"
        return f"Type a number, correct to {self.phrase}, e.g. {examples} (more figures are fine)."


FOUR_FIGURES = Precision(figures=4)


def figures_to_tell_apart(key: float, others, at_least: int = 4, at_most: int = 6) -> Precision | None:
    """The fewest significant figures (``at_least`` to ``at_most``) that tell ``key``
    from each of ``others``; None if more would be needed (a template re-rolls).

    For estimates: asked to this precision, the first-order estimate or the
    exact value (``others``), rounded, is refused; ``key`` rounded is
    accepted.  Each other value must lie two units in the last place away.
    """
    key = float(key)
    for figures in range(at_least, min(at_most, MAX_DIGITS) + 1):
        precision = Precision(figures=figures)
        if all(abs(float(o) - key) > 2 * precision.unit(key) for o in others):
            return precision
    return None
