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

    # dunder names, which learner code cannot reach: the real range inside would hand C the
    # walk this class exists to keep in ticking Python
    __slots__ = ("__numbers__", "__tick__")

    def __init__(self, numbers: range, tick):
        self.__numbers__ = numbers
        self.__tick__ = tick

    def __walk__(self, numbers: range):
        tick = self.__tick__
        for number in numbers:
            tick()
            yield number

    def __iter__(self):
        return self.__walk__(self.__numbers__)

    def __reversed__(self):
        return self.__walk__(self.__numbers__[::-1])

    def __len__(self) -> int:
        return len(self.__numbers__)

    def __contains__(self, value) -> bool:
        return value in self.__numbers__

    def __getitem__(self, index):
        self.__tick__()
        found = self.__numbers__[index]
        return _ranged(found, self.__tick__) if isinstance(found, range) else found

    def __repr__(self) -> str:
        return repr(self.__numbers__)

    def __eq__(self, other) -> bool:
        other = other.__numbers__ if isinstance(other, LongRange) else other
        return self.__numbers__ == other

    def __hash__(self) -> int:
        return hash(self.__numbers__)

    @property
    def start(self):
        return self.__numbers__.start

    @property
    def stop(self):
        return self.__numbers__.stop

    @property
    def step(self):
        return self.__numbers__.step

    def count(self, value) -> int:
        return self.__numbers__.count(value)

    def index(self, value) -> int:
        return self.__numbers__.index(value)


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


