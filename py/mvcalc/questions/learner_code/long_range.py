"""The learner's ``range``: a real range, or for a long one a range that ticks as it is walked.

A real ``range(10**9)`` handed to C code (``sum``, ``max``, ``sorted``, ``list``) loops
for minutes where no tick can stop it.  Refusing long ranges would refuse
``for i in range(10**9): ... break`` too, which the budget handles well.  So a range
longer than :data:`LONG_RANGE` becomes a :class:`LongRange`, and ``sum(range(10**9))``
is stopped by the budget like any other loop, with a message that is true.
"""
from __future__ import annotations

_range = range
LONG_RANGE = 1_000_000     # longer ranges are LongRange (a real one is about 0.1 s of C work in Pyodide)


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


