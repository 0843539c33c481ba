"""Checks that instrumented learner code calls before work that would run long inside C.

A tick cannot interrupt one C call, so ``7 ** (10 ** 7)`` or ``'a' * 10 ** 9`` would run
on past any budget.  :mod:`.instrument` turns ``a ** b``, ``a * b`` and ``a << b`` (and
``**=``, ``*=``, ``<<=``) into calls of the functions here; the namespace's ``pow`` and
math's ``factorial``, ``comb`` and ``perm`` are the guarded ones here too.  Sizes far
beyond what any exercise needs raise :class:`TooLarge`, whose message says what was
asked for and the limit.  Whole numbers are read through ``int`` itself
(``int.__index__``), so a learner's subclass cannot show the check one number and C
another.  (A long ``range`` is not refused: see :mod:`.long_range`.)
"""
from __future__ import annotations

import math
import operator

MAX_INT_BITS = 100_000       # about 30,103 digits
MAX_ITEMS = 10_000_000       # characters or items made by one repetition

_log2 = math.log2
_lgamma = math.lgamma
_LN2 = math.log(2)
_SEQUENCES = (str, bytes, bytearray, list, tuple)
_pow = pow
_exact = int.__index__        # the whole number an int (or a subclass of int) holds, as an int


class TooLarge(Exception):
    """Learner code asked for something far larger than any exercise needs.

    The message continues a sentence that starts "it" or "your code"."""


def _digits(bits: float) -> str:
    return f"{max(1, round(bits * 0.30103)):,}"


def _show(value) -> str:
    from .values import summarise
    return summarise(value, 40)


def _refuse_bits(bits: float, what: str, *shown) -> None:
    """TooLarge past the whole-number limit; ``what`` is formatted with ``shown`` only then."""
    if bits > MAX_INT_BITS:
        what = what.format(*(_show(v) for v in shown))
        raise TooLarge(f"asked for {what}, a whole number with about {_digits(bits)} digits: far more "
                       f"than any exercise here needs (the limit here is {_digits(MAX_INT_BITS)} digits)")


def _ints(a, b=0) -> tuple | None:
    """``a`` and ``b`` as exact ints when both are whole numbers, else None."""
    if isinstance(a, int) and isinstance(b, int):
        return _exact(a), _exact(b)
    return None


def check_power(base, exponent) -> None:
    if isinstance(base, int) and isinstance(exponent, int):
        base, exponent = _exact(base), _exact(exponent)
        bits = base.bit_length()
        if exponent > 0 and bits > 1 and exponent * bits > MAX_INT_BITS:   # then the closer estimate
            _refuse_bits(exponent * _log2(abs(base)), "{} ** {}", base, exponent)


def check_shift(value, places) -> None:
    ints = _ints(value, places)
    if ints and ints[1] > 0 and ints[0]:
        _refuse_bits(ints[0].bit_length() + ints[1], "{} << {}", *ints)


def _repeat_count(sequence, times) -> int | None:
    """How often ``sequence`` is to be repeated, checked; None if ``times`` is no whole number."""
    try:
        count = _exact(operator.index(times))
    except TypeError:
        return None
    base = next(kind for kind in _SEQUENCES if isinstance(sequence, kind))
    size = base.__len__(sequence) * max(count, 0)
    if size > MAX_ITEMS:
        unit = "characters" if base is str else "bytes" if base in (bytes, bytearray) else "items"
        raise TooLarge(f"asked for a {base.__name__} of {size:,} {unit} ({_show(sequence)} * {count:,}): "
                       f"far more than any exercise here needs (the limit here is {MAX_ITEMS:,})")
    return count


def power(base, exponent):
    """``base ** exponent``, refused when two whole numbers would make a huge one."""
    if type(base) is not float and type(exponent) is not float:
        check_power(base, exponent)
    return base ** exponent


def pow_(base, exponent, mod=None):
    """The builtin ``pow``: three arguments are quick; two are :func:`power`."""
    if mod is not None:
        return _pow(base, exponent, mod)
    return power(base, exponent)


def shift(value, places):
    """``value << places``, refused past the whole-number limit."""
    check_shift(value, places)
    return value << places


def multiply(a, b, apply=operator.mul):
    """``a * b``, refused for a huge repetition (``'a' * 10**9``) or a huge whole number.

    A repetition is made with the count as checked (an object's ``__index__`` is asked once).
    """
    if type(a) is float or type(b) is float:
        return apply(a, b)
    ints = _ints(a, b)
    if ints:
        _refuse_bits(ints[0].bit_length() + ints[1].bit_length(), "a product of two whole numbers")
    elif isinstance(a, _SEQUENCES):
        count = _repeat_count(a, b)
        if count is not None:
            return apply(a, count)
    elif isinstance(b, _SEQUENCES):
        count = _repeat_count(b, a)
        if count is not None:
            return apply(count, b)
    return apply(a, b)


def in_place_power(a, b):
    """``a **= b``: checked, then in place (a numpy array stays the same array)."""
    check_power(a, b)
    return operator.ipow(a, b)


def in_place_multiply(a, b):
    """``a *= b``: checked, then in place (a list or an array stays the same object)."""
    return multiply(a, b, operator.imul)


def in_place_shift(a, b):
    """``a <<= b``: checked, then in place."""
    check_shift(a, b)
    return operator.ilshift(a, b)


IN_PLACE = {"**": in_place_power, "*": in_place_multiply, "<<": in_place_shift}


def item_in_place(container, key, op: str, value) -> None:
    """``container[key] op= value`` for the guarded operators: get, operate, set, like Python."""
    container[key] = IN_PLACE[op](container[key], value)


def _log2_factorial(n: int) -> float:
    return _lgamma(min(n, 10**300) + 1) / _LN2 if n > 0 else 0.0


def factorial(n):
    """``math.factorial``, refused past the whole-number limit."""
    ints = _ints(n)
    if ints and ints[0] > 0:
        _refuse_bits(_log2_factorial(ints[0]), "factorial({})", ints[0])
    return math.factorial(n)


def comb(n, k):
    """``math.comb``, refused past the whole-number limit."""
    ints = _ints(n, k)
    if ints and 0 < ints[1] < ints[0]:
        n_, k_ = ints
        _refuse_bits(_log2_factorial(n_) - _log2_factorial(k_) - _log2_factorial(n_ - k_),
                     "comb({}, {})", n_, k_)
    return math.comb(n, k)


def perm(n, k=None):
    """``math.perm``, refused past the whole-number limit."""
    ints = _ints(n) if k is None else _ints(n, k)
    if ints and ints[0] > 0:
        rest = 0 if k is None else max(0, ints[0] - ints[1])
        _refuse_bits(_log2_factorial(ints[0]) - _log2_factorial(rest),
                     "perm({})" if k is None else "perm({}, {})", *ints[:1 if k is None else 2])
    return math.perm(n, k)


MATH_OVERRIDES = {"factorial": factorial, "comb": comb, "perm": perm}
