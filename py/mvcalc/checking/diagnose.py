"""Name the mistake in a wrong answer, generically, from numbers alone.

First, :func:`kept_exact`: an answer that is right once its decimals for e,
π, √2 ... are read as the constants is told to keep them exact (not that it
is "a constant multiple").  Then, given the sample points where both sides
were defined, we look for the shapes of common slips, most specific first:
the opposite sign, a factor (of 2, 3, ..., 1/2), a missing or extra term, one
term with the wrong sign, a constant offset.  Question-specific
misconceptions are not handled here: question code matches them with
``equivalent``.
"""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

from . import messages
from .constants import decimal_constants, exact
from .equivalence import Comparison, close, compare
from .errors import EvaluationError
from .evaluate import Number, compile_numeric
from .tree import Add, Expr, is_constant


def _all(samples: Sequence[tuple[dict, Number, Number]],
         test: Callable[[Number, Number], bool]) -> bool:
    return bool(samples) and all(test(a, b) for _, a, b in samples)


def _nice_factor(k: float) -> int | None:
    """2 for k = 2 or 1/2 (and so on up to 10); None otherwise."""
    for n in range(2, 11):
        if close(abs(k), n) or close(abs(k), 1 / n):
            return n
    return None


def _term_values(node: Expr, samples) -> list[list[Number]]:
    """For each top-level term of a sum (with its sign), its value at each sample."""
    if not isinstance(node, Add):
        return []
    result = []
    for sign, term in node.terms:
        f = compile_numeric(term)
        try:
            values = [f(point) for point, _, _ in samples]
        except EvaluationError:
            continue
        result.append(values if sign == "+" else [-v for v in values])
    return result


def exact_constants_only(answer: Expr, expected: Expr, variables: Iterable[str]) -> list | None:
    """The decimals for e, π, √2 ... in ``answer`` if reading them as the
    constants makes it right (and the key has no such decimals of its own)."""
    found = decimal_constants(answer)
    if not found or decimal_constants(expected):
        return None  # a key with such decimals of its own asks for decimals
    if compare(exact(answer, found), expected, variables).equal:
        return list(found.values())
    return None


def kept_exact(answer: Expr, expected: Expr, variables: Iterable[str]) -> str | None:
    """"Keep e exact: type e rather than 2.71828" when that is the only difference."""
    found = exact_constants_only(answer, expected, variables)
    return messages.keep_exact(found) if found else None


def diagnose(answer: Expr, expected: Expr, comparison: Comparison) -> str | None:
    """A sentence naming the slip, or None if it does not look like a common one."""
    samples = [(p, a, b) for p, a, b in comparison.samples
               if not isinstance(a, complex) and not isinstance(b, complex)]
    # Two numbers: one sample says it all, and "off by a constant" says nothing.
    constant = is_constant(answer) and is_constant(expected)
    if len(samples) < (1 if constant else 3):
        return None
    if _all(samples, lambda a, b: close(a, -b)) and not _all(samples, lambda a, b: close(b, 0)):
        return messages.OPPOSITE_SIGN

    ratios = [a / b for _, a, b in samples if abs(b) > 1e-9]
    if len(ratios) >= min(3, len(samples)) and all(close(r, ratios[0]) for r in ratios):
        k = ratios[0]
        if not close(k, 1) and not close(k, 0):
            factor = _nice_factor(k)
            if factor is None:
                if not constant:  # for two numbers, any ratio is "constant"
                    return messages.CONSTANT_MULTIPLE
            elif k < 0:
                return messages.opposite_sign_and_factor(factor)
            else:
                return messages.off_by_factor(factor)

    for values in _term_values(expected, samples):
        if all(close(a, b - t) for (_, a, b), t in zip(samples, values)):
            return messages.MISSING_TERM
        if all(close(a, b - 2 * t) for (_, a, b), t in zip(samples, values)):
            return messages.TERM_SIGN
    for values in _term_values(answer, samples):
        if all(close(a - t, b) for (_, a, b), t in zip(samples, values)):
            return messages.EXTRA_TERM

    differences = [a - b for _, a, b in samples]
    if not constant and all(close(d, differences[0]) for d in differences):
        return messages.OFF_BY_CONSTANT
    return None
