"""The promise that a check never raises: anything unexpected is "invalid"."""
from __future__ import annotations

import functools
import logging
from typing import Callable, TypeVar

from . import budget, messages
from .verdict import Verdict

F = TypeVar("F", bound=Callable[..., Verdict])
log = logging.getLogger("mvcalc.checking")


def never_raises(check: F) -> F:
    """Wrap a check so that a bug or a resource error becomes an invalid Verdict, and the check
    runs under a work budget (budget.py) unless a caller's budget already covers it.

    A learner whose answer tripped a bug is told to try again and loses
    nothing; the page keeps working; the traceback goes to the log (the
    browser console) for us.
    """
    @functools.wraps(check)
    def guarded(*args, **kwargs):
        with budget.limit() as outermost:
            try:
                return check(*args, **kwargs)
            except budget.CheckStopped:
                if not outermost:
                    raise           # the chain that opened the budget says so
                return stopped()
            except Exception:  # RecursionError and MemoryError included, on purpose
                log.exception("%s failed on %r", check.__name__, args[:1])
                return Verdict(correct=False, valid=False, feedback=messages.INTERNAL)
    return guarded  # type: ignore[return-value]


def stopped() -> Verdict:
    """The verdict of a check that used up its budget (budget.py): not wrong, not counted."""
    return Verdict(correct=False, valid=False, feedback=messages.CHECK_STOPPED, stopped=True)
