"""What learner code sees: a short list of builtins, the hooks its instrumented code calls,
and read-only views of ``math`` and ``np`` (:mod:`.module_views`).

Nothing in it leads back to the checker: no ``__import__``, ``open``, ``eval`` or
``getattr``; the hooks are under ``__`` names, which learner code cannot write.

This is hygiene, not a security boundary: the code is the learner's own, run in their
own browser.  It keeps mistakes and mischief from changing what marks later answers.
"""
from __future__ import annotations

import builtins
from contextlib import contextmanager

from . import attributes, guards, instrument, long_range
from .budget import Budget, make_tick
from .module_views import math_view, numpy_view


def _print(*args, **kwargs) -> None:   # printing is harmless and ignored
    return None


SAFE_NAMES = (
    "abs all any bool dict divmod enumerate filter float int isinstance len list map max "
    "min range reversed round set sorted str sum tuple zip object super "
    "ArithmeticError Exception IndexError KeyError OverflowError TypeError ValueError "
    "ZeroDivisionError True False None"
).split()


def _hooks(home: Budget) -> dict:
    """The functions instrumented code calls, under names learner code cannot write."""
    return {
        instrument.TICK: make_tick(home),
        instrument.POWER: guards.power,
        instrument.MULTIPLY: guards.multiply,
        instrument.SHIFT: guards.shift,
        instrument.IN_PLACE["**"]: guards.in_place_power,
        instrument.IN_PLACE["*"]: guards.in_place_multiply,
        instrument.IN_PLACE["<<"]: guards.in_place_shift,
        instrument.ATTRIBUTE: attributes.attribute_target,
        instrument.ATTRIBUTE_IN_PLACE: attributes.attribute_in_place,
        instrument.ITEM_IN_PLACE: guards.item_in_place,
        instrument.SLICE: slice,
    }


def _import_for_c(name, globals=None, locals=None, fromlist=(), level=0):
    """``__import__`` for C code running under a learner's frame (numpy imports its helpers
    lazily, through the builtins of whatever frame is current).  Learner code itself cannot
    name it (``__`` names and imports are refused).  numpy's modules only."""
    if level == 0 and (name == "numpy" or name.startswith("numpy.")):
        return builtins.__import__(name, globals, locals, fromlist, level)
    raise ImportError(f"{name} is not available here")


_IMPORTING = "__mvcalc_importing__"    # the builtins' twin that also has __import__


@contextmanager
def running(env: dict):
    """While learner code from ``env`` runs: its globals' builtins are the twin with
    ``__import__`` (C code finds builtins there, at the time it runs).  Functions defined
    meanwhile keep that twin as their builtins; outside, ``env`` shows none."""
    shown = env.get("__builtins__")
    twin = shown.get(_IMPORTING) if type(shown) is dict else None
    if twin is None:
        yield
        return
    env["__builtins__"] = twin
    try:
        yield
    finally:
        env["__builtins__"] = shown


def namespace(home: Budget | None = None) -> dict:
    """A fresh namespace for learner code: a few builtins, and read-only ``math`` and ``np``.

    ``home`` is the budget its ticks use when no budget is active (a fresh one if None).
    Run code in it under :func:`running`.
    """
    safe = {name: getattr(builtins, name) for name in SAFE_NAMES}
    safe["pow"] = guards.pow_
    safe["print"] = _print
    safe["__build_class__"] = builtins.__build_class__     # so learners may write a class
    hooks = _hooks(home or Budget())
    safe.update(hooks)
    safe["range"] = long_range.make_range(hooks[instrument.TICK])
    safe[_IMPORTING] = dict(safe, __import__=_import_for_c)
    return {"__builtins__": safe, "__name__": attributes.LEARNER_MODULE,
            "math": math_view(), "np": numpy_view()}
