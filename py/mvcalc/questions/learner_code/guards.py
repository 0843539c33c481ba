"""Checks that instrumented learner code calls before work that would run long inside C.

A tick cannot interrupt one C call, so ``7 ** (10 ** 7)``, ``sum(range(10 ** 9))`` or
``'a' * 10 ** 9`` would run on past any budget.  :mod:`.instrument` turns ``a ** b``,
``a * b`` and ``a << b`` into calls of :func:`power`, :func:`multiply` and :func:`shift`,
the namespace's ``pow`` (and math's ``factorial``, ``comb``, ``perm``) are guarded ones
here.  Sizes far beyond what any exercise needs raise :class:`TooLarge`, whose message
says what was asked for and the limit.  A long ``range`` is not refused: it becomes a
:class:`LongRange`, which ticks as it is walked, so the budget can stop ``sum(range(10**9))``.

It also holds :func:`may_change`, the rule for which objects learner code may give
attributes: its own, and numpy arrays; never a module, a class or a function it did not
define (so ``math.isclose = ...`` or ``np.finfo.eps = ...`` change nothing shared).
"""
from __future__ import annotations

import math
import operator
from types import FunctionType

LEARNER_MODULE = "learner"   # the __name__ of learner code's globals (and its classes' __module__)
MAX_INT_BITS = 100_000       # about 30,103 digits
MAX_ITEMS = 10_000_000       # characters or items in a repetition

_log2 = math.log2
_lgamma = math.lgamma
_LN2 = math.log(2)
_SEQUENCES = (str, bytes, bytearray, list, tuple)
_range = range
_pow = pow
_index = operator.index


class TooLarge(Exception):
    """Learner code asked for something far larger than any exercise needs.

    The message continues a sentence that starts "it" or "your code"."""


def _digits(bits: float) -> str:
    return f"{max(1, round(bits * 0.30103)):,}"


def _int_limit() -> str:
    return f"the limit here is {_digits(MAX_INT_BITS)} digits"


def _show(value) -> str:
    from .values import summarise
    return summarise(value, 40)


def _too_many_bits(bits: float, what: str) -> None:
    if bits > MAX_INT_BITS:
        raise TooLarge(f"asked for {what}, a whole number with about {_digits(bits)} digits: far more "
                       f"than any exercise here needs ({_int_limit()})")


def _is_int(value) -> bool:
    return isinstance(value, int)


def _bits(value: int) -> int:
    return int.bit_length(value)


def check_power(base, exponent) -> None:
    if _is_int(base) and _is_int(exponent) and exponent > 0 and _bits(base) > 1:
        _too_many_bits(int(exponent) * _log2(int.__abs__(base)), f"{_show(base)} ** {_show(exponent)}")


def check_shift(value, places) -> None:
    if _is_int(value) and _is_int(places) and places > 0 and value:
        _too_many_bits(_bits(value) + int(places), f"{_show(value)} << {_show(places)}")


def _check_repeat(sequence, times) -> None:
    try:
        count = _index(times)
    except TypeError:
        return
    size = len(sequence) * count
    if size > MAX_ITEMS:
        unit = "characters" if isinstance(sequence, str) else "bytes" if isinstance(
            sequence, (bytes, bytearray)) else "items"
        raise TooLarge(f"asked for a {type(sequence).__name__} of {size:,} {unit} ({_show(sequence)} * "
                       f"{count:,}): far more than any exercise here needs (the limit here is {MAX_ITEMS:,})")


def check_multiply(a, b) -> None:
    if _is_int(a) and _is_int(b):
        _too_many_bits(_bits(a) + _bits(b), "a product of two whole numbers")
    elif isinstance(a, _SEQUENCES):
        _check_repeat(a, b)
    elif isinstance(b, _SEQUENCES):
        _check_repeat(b, a)


def power(base, exponent):
    """``base ** exponent``, refused when two whole numbers would make a huge one."""
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


def multiply(a, b):
    """``a * b``, refused for a huge repetition (``'a' * 10**9``) or a huge whole number."""
    if type(a) is float or type(b) is float:
        return a * b
    check_multiply(a, b)
    return a * b


def in_place_power(a, b):
    """``a **= b``: checked, then in place (a numpy array stays the same array)."""
    check_power(a, b)
    return operator.ipow(a, b)


def in_place_multiply(a, b):
    if type(a) is not float:
        check_multiply(a, b)
    return operator.imul(a, b)


def in_place_shift(a, b):
    check_shift(a, b)
    return operator.ilshift(a, b)


IN_PLACE = {"**": in_place_power, "*": in_place_multiply, "<<": in_place_shift}


class LongRange:
    """What the learner's ``range`` gives for more than :data:`LONG_RANGE` numbers.

    A real range that long would let C code (``sum(range(10**9))``, ``max``, ``sorted``)
    loop for minutes out of reach of any tick.  This one behaves like a range (``len``,
    indexing, ``in``, ``reversed``, its ``start``, ``stop`` and ``step``), but walking it
    ticks at every number, so the budget stops a walk that goes on too long, in a ``for``
    loop or inside ``sum``.  (``isinstance(r, range)`` is False for it.)
    """

    __slots__ = ("_numbers", "_tick")

    def __init__(self, numbers: range, tick):
        self._numbers = numbers
        self._tick = tick

    def _walk(self, numbers: range):
        tick = self._tick
        for number in numbers:
            tick()
            yield number

    def __iter__(self):
        return self._walk(self._numbers)

    def __reversed__(self):
        return self._walk(self._numbers[::-1])

    def __len__(self) -> int:
        return len(self._numbers)

    def __contains__(self, value) -> bool:
        return value in self._numbers

    def __getitem__(self, index):
        self._tick()
        found = self._numbers[index]
        return _ranged(found, self._tick) if isinstance(found, range) else found

    def __repr__(self) -> str:
        return repr(self._numbers)

    def __eq__(self, other) -> bool:
        other = other._numbers if isinstance(other, LongRange) else other
        return self._numbers == other

    def __hash__(self) -> int:
        return hash(self._numbers)

    @property
    def start(self):
        return self._numbers.start

    @property
    def stop(self):
        return self._numbers.stop

    @property
    def step(self):
        return self._numbers.step

    def count(self, value) -> int:
        return self._numbers.count(value)

    def index(self, value) -> int:
        return self._numbers.index(value)


LONG_RANGE = 1_000_000     # longer ranges are LongRange (about 0.1 s of C work in Pyodide)


def _ranged(numbers: range, tick):
    try:
        long = len(numbers) > LONG_RANGE
    except OverflowError:      # more numbers than an index can hold
        long = True
    return LongRange(numbers, tick) if long else numbers


def make_range(tick):
    """The learner's ``range``: a real range, or a :class:`LongRange` walked with ``tick``."""
    def range(*args):  # noqa: A001 (it is the learner's range)
        return _ranged(_range(*args), tick)

    return range


def _log2_factorial(n: float) -> float:
    return _lgamma(n + 1) / _LN2 if n > 0 else 0.0


def factorial(n):
    """``math.factorial``, refused past the whole-number limit."""
    if _is_int(n) and n > 0:
        _too_many_bits(_log2_factorial(float(n)), f"factorial({_show(n)})")
    return math.factorial(n)


def comb(n, k):
    """``math.comb``, refused past the whole-number limit."""
    if _is_int(n) and _is_int(k) and 0 < k < n:
        _too_many_bits(_log2_factorial(float(n)) - _log2_factorial(float(k)) - _log2_factorial(float(n - k)),
                       f"comb({_show(n)}, {_show(k)})")
    return math.comb(n, k)


def perm(n, k=None):
    """``math.perm``, refused past the whole-number limit."""
    if _is_int(n) and (k is None or _is_int(k)) and n > 0:
        rest = 0 if k is None else max(0, n - k)
        _too_many_bits(_log2_factorial(float(n)) - _log2_factorial(float(rest)),
                       f"perm({_show(n)}{'' if k is None else ', ' + _show(k)})")
    return math.perm(n, k)


MATH_OVERRIDES = {"factorial": factorial, "comb": comb, "perm": perm}


# --- attributes -------------------------------------------------------------------------

class ReadOnly(AttributeError):
    """Learner code tried to change something shared (``math.isclose = ...``).

    The message continues a sentence that starts "it" or "your code"."""


def _numpy_changeable() -> tuple:
    import sys
    np = sys.modules.get("numpy")
    return () if np is None else (np.ndarray, type(np.empty(0).flags))


def may_change(obj) -> bool:
    """Whether learner code may set or delete attributes of ``obj`` (reads are never asked).

    Its own instances, classes and functions may change; so may numpy arrays (``a.shape = ...``)
    and their flags.  Modules, other classes and functions, and other objects may not: they
    can be shared with the checker (``np.finfo(float)`` is cached), and nothing in an
    exercise needs to change them.
    """
    kind = type(obj)
    if kind.__module__ == LEARNER_MODULE:
        return True
    if kind is FunctionType or isinstance(obj, type):
        return obj.__module__ == LEARNER_MODULE
    return isinstance(obj, _numpy_changeable())


def attribute_target(obj, shown: str):
    """``obj`` itself when learner code may change its attributes; :class:`ReadOnly` otherwise.
    ``shown`` is the target as written (``math.isclose``)."""
    if may_change(obj):
        return obj
    raise ReadOnly(f"cannot change {shown}: only your own objects (and numpy arrays) can be "
                   "changed here. math, np and the functions you are given are shared with the "
                   "checker, so they are read-only")


def attribute_in_place(obj, name: str, op: str, value, shown: str) -> None:
    """``obj.name op= value`` for the guarded operators (``**=``, ``*=``, ``<<=``)."""
    attribute_target(obj, shown)
    setattr(obj, name, IN_PLACE[op](getattr(obj, name), value))


def item_in_place(container, key, op: str, value) -> None:
    """``container[key] op= value`` for the guarded operators: get, operate, set, like Python."""
    container[key] = IN_PLACE[op](container[key], value)
