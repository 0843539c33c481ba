"""Questions as data: what a generated question holds, for every kind.

A template builds one :class:`Question` from a seeded ``random.Random``; the
page shows ``prompt`` (TeX in ``\\( \\)`` and ``\\[ \\]``), ``figure`` and
``choices``; :func:`mvcalc.questions.marking.mark` marks an answer (marking is the layer
above this one: this module imports neither it nor the checker, nor sympy, so listing the
course stays cheap).

Answers on a figure (Perseus' interactive graph, Numbas' linked board): ``pick`` asks for
the key of one labelled item of ``figure`` (an arrow, a path, a curve, a marked point), and
``point`` for a point "(x, y)" clicked or typed, right within ``point_tol`` (figure units).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from mvcalc.questions.figure import Arrow, Contour, Curve, Figure, Marker, Path, Points  # noqa: F401 (question data)
from mvcalc.questions.precision import Precision

KINDS = ("expression", "numeric", "matrix", "choice", "multi", "code", "pick", "point")


@dataclass(frozen=True)
class Plot:
    """A curve the figure layer draws with matplotlib: pure data, no figure.

    ``expr`` is in learner syntax in the variable ``x`` (e.g. ``"x^3 - 3x"``).
    """

    expr: str
    x_range: tuple[float, float] = (-3.0, 3.0)
    title: str = ""
    y_range: tuple[float, float] | None = None


@dataclass(frozen=True)
class Choice:
    """One option of a choice or multi question: a formula, a graph or words.

    ``key`` is what the learner answers ("a", "b", ...).  ``value`` is the
    formula in learner syntax when there is one (for tests and the page).
    """

    key: str
    tex: str = ""
    plot: Plot | Figure | None = None
    value: str = ""
    text: str = ""       # a sentence, with any maths in \( \): it wraps, where a \text{} in ``tex`` cannot


@dataclass(frozen=True)
class Misconception:
    """A known wrong answer (learner syntax, a key, or code) and what to say."""

    answer: str
    feedback: str


@dataclass(frozen=True)
class CodeCase:
    """One call of the learner's function: arguments, expected result, words.

    ``describe`` names the input for messages ("f(x) = sin(x), x = 0.7").
    ``expected`` is a float or a sequence of floats.
    """

    args: tuple
    expected: Any
    describe: str
    rel_tol: float = 1e-6
    abs_tol: float = 1e-9


@dataclass(frozen=True)
class Question:
    """One generated question; ``marking.mark(question, answer)`` gives a Verdict."""

    kind: str
    prompt: str
    solution: str
    hints: list[str]
    worked: list[str]
    misconceptions: list[Misconception] = field(default_factory=list)
    answer_hint: str = ""
    variables: tuple[str, ...] = ("x",)
    figure: Plot | Figure | None = None
    choices: list[Choice] = field(default_factory=list)
    # numeric: the key, and the precision asked for, stated once (the tolerance,
    # the note under the answer box and the prompt's wording all come from it)
    expected: float | None = None
    precision: Precision | None = None
    # code
    starter: str = ""
    entry: str = ""
    cases: list[CodeCase] = field(default_factory=list)
    # where it came from
    set_slug: str = ""
    seed: int = 0
    template: str = ""
    # the question's own parameters in learner syntax (for tests and figures),
    # e.g. {"f": "3x^2 sin(x)"} or {"f": ..., "at": 1.5}
    data: dict = field(default_factory=dict)
    # point: how far the clicked point may be from the key, in x and in y (figure units)
    point_tol: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown question kind {self.kind!r}")
        if not self.hints:
            raise ValueError("a question needs at least one hint")
        if self.kind == "numeric":
            if self.expected is None or self.precision is None:
                raise ValueError("a numeric question needs its key and the precision it asks for")
            if not self.answer_hint:
                object.__setattr__(self, "answer_hint", self.precision.note)
            if self.answer_hint != self.precision.note:
                raise ValueError("a numeric question's answer note comes from its precision")
        if self.kind in ("pick", "point") and not isinstance(self.figure, Figure):
            raise ValueError(f"a {self.kind} question is answered on its figure: it needs a Figure")
        if self.kind == "point" and (self.point_tol is None or min(self.point_tol) <= 0):
            raise ValueError("a point question needs a positive tolerance in x and in y")

    @property
    def tolerance(self) -> float:
        """How far from the key a numeric answer may be: from the precision asked for."""
        if self.precision is None or self.expected is None:
            raise AttributeError("only a numeric question has a tolerance")
        return self.precision.tolerance(self.expected)

    @property
    def keys(self) -> list[str]:
        """The choice keys, in order ("a", "b", ...); a pick question's are its figure's."""
        if self.kind == "pick":
            return self.figure.keys
        return [c.key for c in self.choices]

    @property
    def tests(self) -> list[CodeCase]:
        """A code question's tests (the same as ``cases``)."""
        return self.cases


Template = Callable[["random.Random"], Question]  # noqa: F821 (documentation only)
