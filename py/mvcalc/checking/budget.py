"""The work one check may do, counted as it is done: a check stops rather than overrun.

Without sympy, every step of a check is a numeric evaluation of the answer's tree at sample
points: its cost is the tree's size times the number of points, which the structural bounds
(limits.py: characters, nodes, points) already keep small. This budget makes the bound hold
for the whole marking chain together (the answer's check, every known mistake compared with
it, every entry of a matrix) and on any machine: each evaluation is paid for in node
evaluations, and the clock is looked at as it goes. Past either limit the check raises
:class:`CheckStopped`, which marking turns into a friendly "stopped" verdict, and the page
stays responsive (a check runs on the page's main thread, where nothing could interrupt it).
"""
from __future__ import annotations

import contextlib
import time

from . import limits


class CheckStopped(BaseException):
    """The check used up its budget. A BaseException, so that the catch-all guards of the
    checking chain (guard.never_raises, the misconception loop) let it through to marking."""


class _Budget:
    def __init__(self, work: int, seconds: float):
        self.left = work
        self.deadline = time.monotonic() + seconds


_current: _Budget | None = None


@contextlib.contextmanager
def limit(work: int | None = None, seconds: float | None = None):
    """Run the block under a budget; the block gets True if it opened the budget. Nested
    blocks share the outermost budget (and get False), so a chain of checks cannot spend
    more than the chain was given, and only the outermost turns CheckStopped into a verdict."""
    global _current
    if _current is not None:
        yield False
        return
    _current = _Budget(limits.MARKING_WORK if work is None else work,
                       limits.MARKING_SECONDS if seconds is None else seconds)
    try:
        yield True
    finally:
        _current = None


def spend(work: int) -> None:
    """Pay for ``work`` node evaluations; raise CheckStopped when the budget is gone."""
    budget = _current
    if budget is None:
        return
    budget.left -= work
    if budget.left < 0 or time.monotonic() > budget.deadline:
        raise CheckStopped()
