"""Are two expressions equal as functions?  Decided numerically, cheap steps first.

1. Numeric disproof: evaluate both at a dozen random points.  Nearly every
   wrong answer differs at most points, so it is rejected here in about a
   millisecond.
2. Numeric decision at many more points (forms that agree wherever both are
   defined count as equal: ``ln(x^2)`` = ``2 ln x`` on its domain; rounding is
   judged against the largest term summed, so ``(x+1)^6`` and its expansion
   agree).  Points where either side is undefined are skipped; if too few real
   points remain, wider real points and then complex points are tried; if even
   those fail, the answer is "cannot decide".

There is no symbolic step: sympy cannot be interrupted in a browser, and its
``expand``/``cancel`` took minutes on short inputs (``exp(exp(exp(16)))``,
``(a+b+...)^5.5``). A numeric comparison costs the trees' size times the points
tried, which :mod:`.budget` counts for the whole marking chain.

Points are drawn from a fixed seed, so a verdict never changes between runs.
"""
from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from . import budget, limits
from .errors import EvaluationError
from .evaluate import Number, compile_numeric
from .tree import Expr, free_variables, node_count

SEED = 20240611
REL_TOL = 1e-8
ABS_FLOOR = 1e-2  # values below this are compared absolutely at REL_TOL * ABS_FLOOR


def close(a: Number, b: Number, scale: float = 0.0) -> bool:
    """Equal up to rounding; ``scale`` is the size of the largest term summed."""
    return abs(a - b) <= REL_TOL * max(ABS_FLOOR, abs(a), abs(b), scale)


@dataclass
class Comparison:
    """What comparing two expressions found.

    ``equal`` is True, False, or None (could not decide).  ``samples`` holds
    (point, answer value, expected value) for real points where both are
    defined; diagnose.py uses them to name the mistake.
    """

    equal: bool | None
    method: str = "numeric"
    samples: list[tuple[dict[str, float], Number, Number]] = field(default_factory=list)
    answer_failures: Counter = field(default_factory=Counter)
    expected_failures: Counter = field(default_factory=Counter)
    tried: int = 0
    real_valid: int = 0  # real points where both sides were defined


class _Tally:
    """Runs both sides at points and counts agreements."""

    def __init__(self, answer: Expr, expected: Expr, result: Comparison, complex_mode=False):
        self.scale = [0.0]
        self.answer = compile_numeric(answer, complex_mode=complex_mode, scale=self.scale)
        self.expected = compile_numeric(expected, complex_mode=complex_mode, scale=self.scale)
        self.result = result
        self.valid = self.disagree = 0
        self.cost = node_count(answer) + node_count(expected)   # node evaluations per point

    def run(self, points: Iterable[dict[str, Number]], keep: bool = True) -> None:
        for point in points:
            budget.spend(self.cost)
            self.result.tried += 1
            self.scale[0] = 0.0
            a = b = None
            try:
                a = self.answer(point)
            except EvaluationError as error:
                self.result.answer_failures[error.kind] += 1
            try:
                b = self.expected(point)
            except EvaluationError as error:
                self.result.expected_failures[error.kind] += 1
            if a is None or b is None:
                continue
            self.valid += 1
            if not close(a, b, self.scale[0]):
                self.disagree += 1
            if keep:
                self.result.samples.append((point, a, b))


def _real_points(names: list[str], rng: random.Random, count: int) -> list[dict[str, Number]]:
    """Alternately all-positive points (where ln and sqrt are defined) and mixed-sign ones."""
    points = []
    for k in range(count):
        point = {}
        for name in names:
            size = rng.uniform(0.1, 3.0)
            point[name] = size if k % 2 == 0 or rng.random() < 0.5 else -size
        points.append(point)
    return points


def _wide_points(names: list[str], rng: random.Random, count: int) -> list[dict[str, Number]]:
    """Magnitudes from 0.1 to 100, either sign."""
    return [{name: rng.choice((-1, 1)) * 10 ** rng.uniform(-1, 2) for name in names}
            for _ in range(count)]


def _complex_points(names: list[str], rng: random.Random, count: int) -> list[dict[str, Number]]:
    return [{name: complex(rng.uniform(0.2, 2.0), rng.uniform(-1.0, 1.0)) for name in names}
            for _ in range(count)]


def _verdict_from(tally: _Tally) -> bool | None:
    """Equal if all valid points agree (one stray point near a singularity is
    forgiven among many); None while there are too few valid points."""
    if tally.valid < limits.MIN_VALID_POINTS:
        return None
    return tally.disagree == 0 or (tally.disagree == 1 and tally.valid >= 20)


def compare(answer: Expr, expected: Expr, variables: Iterable[str] = ()) -> Comparison:
    """Compare two scalar trees; see the module docstring for the steps."""
    names = sorted(free_variables(answer) | free_variables(expected) | set(variables))
    rng = random.Random(SEED)
    result = Comparison(equal=None)
    tally = _Tally(answer, expected, result)

    # 1. quick numeric disproof
    tally.run(_real_points(names, rng, limits.QUICK_POINTS if names else 1))
    result.real_valid = tally.valid
    if not names and tally.valid:  # two numbers: one evaluation decides, up to rounding
        result.equal = tally.disagree == 0
        return result
    if tally.disagree >= 2:
        result.equal = False
        return result

    # 2. numeric decision: more points, then wider ones (ln(x - 10) lives far out)
    if names:
        for points in (_real_points, _wide_points):
            tally.run(points(names, rng, limits.MORE_POINTS), keep=len(result.samples) < 24)
            result.real_valid = tally.valid
            result.equal = _verdict_from(tally)
            if result.equal is not None:
                return result
    if tally.disagree >= 2:  # few real points, but they already tell the two apart
        result.equal = False
        return result

    # 3. Last resort, complex numbers.  Agreement there proves equality of the
    # principal branches; disagreement proves nothing about the real
    # functions (branch cuts), so it leaves the question open.
    complex_tally = _Tally(answer, expected, Comparison(None), complex_mode=True)
    complex_tally.run(_complex_points(names, rng, limits.COMPLEX_POINTS if names else 1),
                      keep=False)
    enough = limits.MIN_VALID_POINTS if names else 1
    if complex_tally.valid >= enough and complex_tally.disagree == 0:
        result.equal, result.method = True, "complex"
    return result
