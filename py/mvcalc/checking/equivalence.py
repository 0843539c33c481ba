"""Are two expressions equal as functions?  Cheap steps first.

1. Numeric disproof: evaluate both at a dozen random points.  Nearly every
   wrong answer differs at most points, so it is rejected here in about a
   millisecond, without loading sympy.
2. Symbolic proof with sympy ``expand`` and ``cancel``, only when both trees
   are small and tame (``symbolic_safe``): sympy's running time cannot be
   interrupted in the browser, so it must be bounded before it starts.
   ``simplify`` is deliberately not used: its time has no structural bound
   (it took 18 s on the 13-node answer ``x + sin((ln(x^2)-2ln(x))^3)``),
   and the numeric step below decides trig and log identities anyway.
3. Numeric decision at many more points when sympy could not prove it (trig
   identities, ``ln(x^2)`` = ``2 ln x`` on its domain).  Points where either
   side is undefined are skipped, so forms that agree wherever both are
   defined count as equal; if too few real points remain, wider real points
   and then complex points are tried; if even those fail, the answer is
   "cannot decide".

Points are drawn from a fixed seed, so a verdict never changes between runs.
"""
from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from . import limits
from .errors import EvaluationError
from .evaluate import Number, compile_numeric
from .tree import Add, Call, Expr, Mul, Neg, Num, Pow, free_variables, is_constant, node_count, walk

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

    def run(self, points: Iterable[dict[str, Number]], keep: bool = True) -> None:
        for point in points:
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

    # 2. symbolic proof
    if symbolic_safe(answer, expected) and symbolic_equal(answer, expected):
        result.equal, result.method = True, "symbolic"
        return result

    # 3. numeric decision: more points, then wider ones (ln(x - 10) lives far out)
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

    # 4. Last resort, complex numbers.  Agreement there proves equality of the
    # principal branches; disagreement proves nothing about the real
    # functions (branch cuts), so it leaves the question open.
    complex_tally = _Tally(answer, expected, Comparison(None), complex_mode=True)
    complex_tally.run(_complex_points(names, rng, limits.COMPLEX_POINTS if names else 1),
                      keep=False)
    enough = limits.MIN_VALID_POINTS if names else 1
    if complex_tally.valid >= enough and complex_tally.disagree == 0:
        result.equal, result.method = True, "complex"
    return result


# --- the symbolic step -------------------------------------------------------

def _constant_value(node: Expr) -> float | None:
    try:
        value = compile_numeric(node)({})
    except EvaluationError:
        return None
    return value


def _terms_after_expand(node: Expr, cap: int = 10**6) -> int:
    """A rough count of the terms ``expand`` would produce (capped)."""
    if isinstance(node, Neg):
        return _terms_after_expand(node.operand, cap)
    if isinstance(node, Add):
        return min(cap, sum(_terms_after_expand(t, cap) for _, t in node.terms))
    if isinstance(node, Mul):
        total = 1
        for op, factor in node.factors:
            if op != "/":
                total = min(cap, total * _terms_after_expand(factor, cap))
        return total
    if isinstance(node, Pow) and isinstance(node.exponent, (Num, Neg)):
        n = _constant_value(node.exponent)
        if n is not None and float(n).is_integer() and abs(n) >= 2:
            k = _terms_after_expand(node.base, cap)
            if k >= cap:
                return cap
            return min(cap, math.comb(int(abs(n)) + k - 1, k - 1))
    return 1


def symbolic_safe(*trees: Expr, max_nodes: int = limits.SYMBOLIC_MAX_NODES,
                  max_exponent: int = limits.SYMBOLIC_MAX_EXPONENT) -> bool:
    """Is handing these trees to sympy sure to be quick?"""
    if sum(node_count(t) for t in trees) > max_nodes:
        return False
    # expand/cancel treat each function call as a new unknown: many calls make
    # them slow, and they cannot prove trig identities anyway.
    calls = sum(isinstance(n, Call) for t in trees for n in walk(t))
    if calls > limits.SYMBOLIC_MAX_CALLS:
        return False
    for tree in trees:
        for node in walk(tree):
            if not isinstance(node, Pow):
                continue
            if is_constant(node.exponent):
                n = _constant_value(node.exponent)
                if n is None or abs(n) > max_exponent:
                    return False
            if is_constant(node) and _constant_value(node) is None:
                return False  # e.g. (10^16)^16^16: sympy would build the integer
        if max(_terms_after_expand(n) for n in walk(tree)) > limits.SYMBOLIC_MAX_TERMS:
            return False
    return True


def symbolic_equal(answer: Expr, expected: Expr) -> bool:
    """True if sympy proves answer - expected == 0 (False means "not proved")."""
    try:
        import sympy

        from .to_sympy import to_sympy

        difference = to_sympy(answer) - to_sympy(expected)
        if difference == 0:
            return True
        expanded = sympy.expand(difference)
        if expanded == 0:
            return True
        # cancel() works on polynomials in every distinct function call and
        # power it finds; its time grows fast with their number, so it is
        # only run on a small expanded form.
        if sum(1 for _ in sympy.preorder_traversal(expanded)) > limits.CANCEL_MAX_NODES:
            return False
        return sympy.cancel(difference) == 0
    except Exception:  # sympy can raise on odd input; not proved is the safe answer
        return False
