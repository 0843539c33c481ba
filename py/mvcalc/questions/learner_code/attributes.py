"""Which objects learner code may change the attributes of: its own, and numpy arrays.

:mod:`.instrument` sends every ``obj.name = ...`` and ``del obj.name`` through
:func:`attribute_target`.  Modules, classes and functions the learner did not write, and
objects of such classes, are refused with :class:`ReadOnly`: they may be shared with
what marks answers (``math``, ``np.finfo(float)`` is cached, the function under test),
and no exercise needs to change them.
"""
from __future__ import annotations

import sys
from types import FunctionType

from .guards import IN_PLACE

LEARNER_MODULE = "learner"   # the __name__ of learner code's globals (and its classes' __module__)


class ReadOnly(AttributeError):
    """Learner code tried to change something shared (``math.isclose = ...``).

    The message continues a sentence that starts "it" or "your code"."""


def _numpy_changeable() -> tuple:
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

