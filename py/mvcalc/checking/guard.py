"""The promise that a check never raises: anything unexpected is "invalid"."""
from __future__ import annotations

import functools
import logging
from typing import Callable, TypeVar

from . import messages
from .verdict import Verdict

F = TypeVar("F", bound=Callable[..., Verdict])
log = logging.getLogger("mvcalc.checking")


def never_raises(check: F) -> F:
    """Wrap a check so that a bug or a resource error becomes an invalid Verdict.

    A learner whose answer tripped a bug is told to try again and loses
    nothing; the page keeps working; the traceback goes to the log (the
    browser console) for us.
    """
    @functools.wraps(check)
    def guarded(*args, **kwargs):
        try:
            return check(*args, **kwargs)
        except Exception:  # RecursionError and MemoryError included, on purpose
            log.exception("%s failed on %r", check.__name__, args[:1])
            return Verdict(correct=False, valid=False, feedback=messages.INTERNAL)
    return guarded  # type: ignore[return-value]
