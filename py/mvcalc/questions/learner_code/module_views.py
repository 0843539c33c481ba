"""Read-only views of ``math`` and ``numpy`` for learner code, and numpy's settings kept.

The real modules are shared with everything that marks answers in the same worker, so
learner code never gets them: :class:`ReadOnlyModule` forwards reads (caching each name,
so ``np.sum`` costs one attribute lookup after the first) and refuses writes.  Mutable
module contents (``np.sctypeDict``) come back as copies; submodules as read-only views,
and only numpy's public maths (linalg, random, fft, polynomial, ma, emath); names
starting with ``_`` are not offered.  numpy's process-wide settings that learner code
may change (``np.seterr``, ``np.set_printoptions``, the legacy ``np.random`` state) are
remembered before the first change and put back by :func:`restore_shared_state` when
the learner's call ends.
"""
from __future__ import annotations

import copy
import math
import sys
import types

from . import attributes, guards

NUMPY_PARTS = ("numpy.linalg", "numpy.random", "numpy.fft", "numpy.polynomial", "numpy.ma",
               "numpy.lib.scimath", "numpy.exceptions")
_STATEFUL = {   # numpy settings learner code may change: name -> (key, read, write)
    "seterr": ("errors", lambda np: np.geterr(), lambda np, v: np.seterr(**v)),
    "seterrcall": ("error call", lambda np: np.geterrcall(), lambda np, v: np.seterrcall(v)),
    "setbufsize": ("buffer size", lambda np: np.getbufsize(), lambda np, v: np.setbufsize(v)),
    "set_printoptions": ("print options", lambda np: np.get_printoptions(),
                         lambda np, v: np.set_printoptions(**v)),
}
_RANDOM = ("random state", lambda np: np.random.get_state(), lambda np, v: np.random.set_state(v))
_BIT_GENERATOR = ("bit generator", lambda np: np.random.get_bit_generator(),
                  lambda np, v: np.random.set_bit_generator(v))
_RANDOM_FUNCTIONS = ("seed", "ranf", "sample")     # the legacy global RandomState's, unbound
_saved: dict = {}       # key -> (saved value, write)


def _remember(key: str, read, write) -> None:
    if key not in _saved:
        np = sys.modules["numpy"]
        _saved[key] = (read(np), lambda value: write(np, value))


def restore_shared_state() -> None:
    """Put back numpy's settings that learner code changed (cheap when it changed none)."""
    while _saved:
        _, (value, write) = _saved.popitem()
        write(value)


def _remembering(function, key: str, read, write):
    def remembered(*args, **kwargs):
        _remember(key, read, write)
        return function(*args, **kwargs)
    remembered.__name__ = getattr(function, "__name__", "function")
    remembered.__doc__ = getattr(function, "__doc__", None)
    return remembered


def _allowed_module(module: types.ModuleType) -> bool:
    name = module.__name__
    return name in ("math", "numpy") or any(name == part or name.startswith(part + ".")
                                            for part in NUMPY_PARTS)


def _view(target: types.ModuleType, name: str, value, shown: str):
    """What learner code gets for ``target.name``: a view of a submodule, a function that
    remembers the setting it changes, or the value itself."""
    if isinstance(value, types.ModuleType):
        if not _allowed_module(value):
            raise AttributeError(f"{shown} is not available here")
        return ReadOnlyModule(value, shown)
    if target.__name__ == "numpy" and name in _STATEFUL:
        return _remembering(value, *_STATEFUL[name])
    if target.__name__ in ("numpy.random", "numpy.random.mtrand") and callable(value):
        if name == "set_bit_generator":
            return _remembering(value, *_BIT_GENERATOR)
        legacy = getattr(sys.modules.get("numpy.random.mtrand"), "_rand", None)
        if name in _RANDOM_FUNCTIONS or (legacy is not None and getattr(value, "__self__", None) is legacy):
            return _remembering(value, *_RANDOM)
    return value


class ReadOnlyModule:
    """A read-only view of a module for learner code: reads forward, writes are refused.

    Its own state lives under dunder names, which learner code cannot write (the
    instrumentation refuses every ``__name``), so the real module is out of its reach.
    """

    def __init__(self, module: types.ModuleType, shown: str, overrides: dict | None = None):
        state = object.__getattribute__(self, "__dict__")
        state["__target__"] = module
        state["__shown__"] = shown
        state["__overrides__"] = dict(overrides or {})

    def __getattr__(self, name: str):
        state = object.__getattribute__(self, "__dict__")
        shown = f"{state['__shown__']}.{name}"
        if name.startswith("_"):
            raise AttributeError(f"{shown} is not available here")
        if name in state["__overrides__"]:
            value = state["__overrides__"][name]
        else:
            target = state["__target__"]
            value = _view(target, name, getattr(target, name), shown)  # AttributeError as the module says
        if isinstance(value, (dict, list, set, bytearray)):
            return copy.deepcopy(value)                      # its own copy, every time
        numpy = sys.modules.get("numpy")
        if numpy is not None and isinstance(value, numpy.ndarray):
            return value.copy()
        state[name] = value
        return value

    def __setattr__(self, name: str, value) -> None:
        shown = f"{object.__getattribute__(self, '__dict__')['__shown__']}.{name}"
        raise attributes.ReadOnly(f"cannot change {shown}: math and np are shared with the checker, "
                              "so they are read-only here")

    def __delattr__(self, name: str) -> None:
        self.__setattr__(name, None)

    def __repr__(self) -> str:
        return f"<module {object.__getattribute__(self, '__dict__')['__shown__']} (read-only)>"

    def __dir__(self):
        target = object.__getattribute__(self, "__dict__")["__target__"]
        return [name for name in dir(target) if not name.startswith("_")]


_views: dict[str, ReadOnlyModule] = {}


def math_view() -> ReadOnlyModule:
    if "math" not in _views:
        _views["math"] = ReadOnlyModule(math, "math", guards.MATH_OVERRIDES)
    return _views["math"]


def numpy_view() -> ReadOnlyModule:
    if "np" not in _views:
        import numpy
        _views["np"] = ReadOnlyModule(numpy, "np")
    return _views["np"]
