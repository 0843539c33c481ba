"""Learner return values made safe to keep, to mark and to show; none of it runs learner code.

A learner's function may return anything: a 10 MB string, a list nested 200,000 deep,
a list that contains itself, a number with a million digits, an object of its own class
whose ``__repr__``, ``__eq__`` or ``__float__`` loops.  :func:`plain` keeps what marking
and the labs can use (numbers, short strings, numpy arrays of numbers, short lists and
tuples of those) and replaces anything else by a :class:`StandIn` that only describes it.
:func:`summarise` describes any value in a capped number of characters, and
:func:`describe_exception` an exception, without calling any of the value's own methods
(built-in types are read through their base class, ``list.__iter__(value)``).
"""
from __future__ import annotations

import sys
from types import BuiltinFunctionType, FunctionType, MethodType

from .long_range import LongRange

MAX_ENTRIES = 100_000     # entries looked at in one returned value
MAX_DEPTH = 32            # lists in lists, at most
MAX_ARRAY = 1_000_000     # entries of a returned numpy array
MAX_STRING = 1_000        # characters of a returned string kept as it is
MAX_INT_BITS = 1_000      # a returned whole number kept as it is (floats end at 2**1024)
MAX_NUMBERS = 10_000      # numbers in one result that marking compares
MAX_SHOWN = 160           # characters of one value in a message
MAX_FEEDBACK = 3_000      # characters of one message

_LEARNER = "learner"


def cap(text: str, limit: int = MAX_FEEDBACK) -> str:
    """``text``, cut to ``limit`` characters with "..." when longer."""
    return text if len(text) <= limit else text[:max(0, limit - 3)] + "..."


def _numpy():
    return sys.modules.get("numpy")


def _numpy_type(kind: type) -> bool:
    return kind.__module__.split(".")[0] == "numpy"


def _digits(value: int) -> str:
    return f"{max(1, round(int.bit_length(value) * 0.30103)):,}"


class StandIn:
    """What stands in for a returned value that cannot be kept: only a description.

    Each is of a subclass named like the value's own type, so a message that says
    ``(a {type(value).__name__})`` still names it; ``float()`` and ``np.array(...,
    dtype=float)`` of it raise TypeError, as for any other non-number.
    """

    __slots__ = ("text", "tail")

    def __init__(self, text: str, tail: str = "not a number"):
        self.text = text
        self.tail = tail            # what marking adds: "not a number", "far more numbers than expected"

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


_STAND_INS: dict[str, type] = {}


def stand_in(value, text: str, tail: str = "not a number") -> StandIn:
    name = cap(type(value).__name__, 40)
    kind = _STAND_INS.get(name)
    if kind is None:
        kind = type(name, (StandIn,), {"__slots__": ()})
        if len(_STAND_INS) < 64:
            _STAND_INS[name] = kind
    return kind(cap(text, MAX_SHOWN + 60), tail)


# --- summarise ---------------------------------------------------------------------------

def _sequence_items(value) -> tuple[list, int]:
    """The first few items of a list, tuple, set or dict (as pairs) and its length."""
    if isinstance(value, dict):
        items = []
        for pair in dict.items(value):
            items.append(pair)
            if len(items) >= 6:
                break
        return items, dict.__len__(value)
    base = list if isinstance(value, list) else tuple if isinstance(value, tuple) else \
        set if isinstance(value, set) else frozenset
    items = []
    for item in base.__iter__(value):
        items.append(item)
        if len(items) >= 8:
            break
    return items, base.__len__(value)


def _show(value, depth: int, path: tuple) -> str:
    np = _numpy()
    if isinstance(value, StandIn):
        return value.text
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return int.__repr__(value) if int.bit_length(value) <= 256 else \
            f"a whole number with about {_digits(value)} digits"
    if isinstance(value, float):
        return float.__repr__(value)
    if isinstance(value, complex):
        return complex.__repr__(value)
    if isinstance(value, (str, bytes)):
        base = str if isinstance(value, str) else bytes
        length = base.__len__(value)
        head = base.__getitem__(value, slice(0, 60 if length <= 60 else 40))   # an exact str or bytes
        if length <= 60:
            return repr(head)
        return f"{repr(head)}... ({length:,} {'characters' if base is str else 'bytes'})"
    if np is not None and isinstance(value, np.ndarray):
        return _show_array(value.view(np.ndarray), depth, path)
    if np is not None and isinstance(value, np.generic) and _numpy_type(type(value)):
        return repr(value)
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        if id(value) in path or depth >= 3:
            return "[...]" if isinstance(value, list) else "(...)" if isinstance(value, tuple) else "{...}"
        items, length = _sequence_items(value)
        inner = path + (id(value),)
        if isinstance(value, dict):
            parts = [f"{_show(k, depth + 1, inner)}: {_show(v, depth + 1, inner)}" for k, v in items]
        else:
            parts = [_show(item, depth + 1, inner) for item in items]
        if length > len(items):
            parts.append(f"... ({length:,} items)")
        body = ", ".join(parts)
        if isinstance(value, list):
            return f"[{body}]"
        if isinstance(value, tuple):
            return f"({body}{',' if length == 1 else ''})"
        return f"{{{body}}}" if body or isinstance(value, dict) else f"{type(value).__name__}()"
    if isinstance(value, (range, LongRange)):
        return repr(value)
    if isinstance(value, (FunctionType, BuiltinFunctionType, MethodType)):
        return "a function"
    if isinstance(value, type):
        return f"the class {cap(value.__name__, 40)}"
    return f"an object of class {cap(type(value).__name__, 40)}"


def _show_array(array, depth: int, path: tuple) -> str:
    kind = array.dtype.kind
    flat = array.reshape(-1)[:8]
    if kind == "O":
        entries = [_show(v, depth + 1, path) for v in flat.tolist()] if depth < 3 else ["..."]
    elif kind in "biufc":
        entries = [repr(v) for v in flat.tolist()]
    else:
        return f"a numpy array of shape {array.shape} ({array.dtype})"
    more = ", ..." if array.size > len(flat) else ""
    if array.ndim == 1:
        return f"array([{', '.join(entries)}{more}])" + (f" ({array.size:,} entries)" if more else "")
    return f"a numpy array of shape {array.shape}: [{', '.join(entries)}{more}]"


def summarise(value, limit: int = MAX_SHOWN) -> str:
    """A short description of any value, at most ``limit`` characters, never running its code."""
    try:
        text = _show(value, 0, ())
    except Exception:  # noqa: BLE001 (an odd value is described, never fatal)
        text = f"an object of class {cap(type(value).__name__, 40)}"
    return cap(text, limit)


# --- plain -------------------------------------------------------------------------------

class _Unusable(Exception):
    """Part of a returned value cannot be kept; the message says why."""


class _TooMany(_Unusable):
    """A returned value has far more entries than any answer."""


class _Cleaner:
    def __init__(self) -> None:
        self.entries = 0

    def clean(self, value, depth: int, path: tuple):
        self.entries += 1
        if self.entries > MAX_ENTRIES:
            raise _TooMany(f"more than {MAX_ENTRIES:,} entries in all")
        kind = type(value)
        if value is None or kind is bool or kind is float or kind is complex:
            return value
        if kind is int:
            if int.bit_length(value) > MAX_INT_BITS:
                raise _Unusable("")
            return value
        if kind is str or kind is bytes:
            if len(value) > MAX_STRING:
                raise _Unusable("")
            return value
        np = _numpy()
        if np is not None and isinstance(value, np.ndarray):
            return self._array(value.view(np.ndarray) if kind is not np.ndarray else value, depth, path)
        if np is not None and isinstance(value, np.generic) and _numpy_type(kind):
            return value
        if isinstance(value, (list, tuple)):
            return self._sequence(value, depth, path)
        for base, convert in ((bool, None), (int, int.__index__), (float, float.__float__),
                              (complex, complex.__complex__), (str, str.__str__)):
            if convert is not None and isinstance(value, base):
                return self.clean(convert(value), depth, path)   # a learner subclass: its value
        raise _Unusable("")

    def _sequence(self, value, depth: int, path: tuple):
        if id(value) in path:
            raise _Unusable(f"a {type(value).__name__} that contains itself")
        if depth >= MAX_DEPTH:
            raise _Unusable(f"nested more than {MAX_DEPTH} deep")
        base = list if isinstance(value, list) else tuple
        if base.__len__(value) > MAX_ENTRIES:
            raise _TooMany("")
        items = list(base.__iter__(value))
        inner = path + (id(value),)
        cleaned = [self.clean(item, depth + 1, inner) for item in items]
        if type(value) is base and all(c is v for c, v in zip(cleaned, items)):
            return value
        return cleaned if base is list else tuple(cleaned)

    def _array(self, array, depth: int, path: tuple):
        if array.size > MAX_ARRAY:
            raise _TooMany("")
        kind = array.dtype.kind
        if kind in "biufcmMSU":
            return array
        if kind == "O":
            for item in array.reshape(-1).tolist():
                if self.clean(item, depth + 1, path) is not item:
                    raise _Unusable("")
            return array
        raise _Unusable("")


def plain(value):
    """``value`` if marking and the labs can safely use it, else a :class:`StandIn` for it."""
    try:
        return _Cleaner().clean(value, 0, ())
    except _Unusable as why:
        text = summarise(value)
        tail = "far more numbers than expected" if isinstance(why, _TooMany) else "not a number"
        return stand_in(value, f"{text} ({why})" if str(why) else text, tail)
    except RecursionError:
        return stand_in(value, summarise(value))


def _not_a_number(value, shown_type: str, why: str = "not a number") -> str:
    text = summarise(value)
    if isinstance(value, StandIn):
        why = value.tail
    if text.startswith("an object of class"):
        return f"{text}, {why}"
    article = "an" if shown_type[:1].lower() in "aeiou" else "a"
    return f"{text} ({article} {shown_type}), {why}"


def numbers(value) -> tuple[float | list[float] | None, str]:
    """A :func:`plain` value as a float or a list of floats, or why it is not one.

    Whole numbers and bools inside a list count as numbers (``[1, 0]``); a bool, None or a
    string on its own does not.
    """
    np = _numpy()
    shown_type = type(value).__name__
    if np is not None and isinstance(value, np.ndarray):
        if value.size > MAX_NUMBERS:
            return None, _not_a_number(value, shown_type, "far more numbers than expected")
        value = value.tolist()
    elif np is not None and isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_NUMBERS:
            return None, _not_a_number(value, shown_type, "far more numbers than expected")
        out = []
        for item in value:
            if np is not None and isinstance(item, np.generic):
                item = item.item()
            if type(item) not in (int, float, bool):
                return None, _not_a_number(value, shown_type)
            out.append(float(item))
        return out, ""
    if type(value) in (int, float):
        return float(value), ""
    return None, _not_a_number(value, shown_type)


# --- exceptions ----------------------------------------------------------------------------

def _simple(arg, depth: int = 0) -> bool:
    """Whether ``str()`` of an exception argument runs no learner code and stays small."""
    np = _numpy()
    if arg is None or type(arg) in (str, float, bool):
        return True
    if type(arg) is int:
        return int.bit_length(arg) <= 1_000
    if type(arg) is tuple and depth < 2:
        return len(arg) <= 8 and all(_simple(a, depth + 1) for a in arg)
    if np is not None and (isinstance(arg, np.dtype) or type(arg) is np.ufunc):
        return True
    return isinstance(arg, type) and type(arg) is type


def describe_exception(exc: BaseException, limit: int = 300) -> str:
    """``Name: message`` for an exception raised by learner code, never running its code."""
    kind = type(exc)
    name = cap(kind.__name__, 40)
    args = BaseException.args.__get__(exc)
    if kind.__module__ != _LEARNER and all(_simple(a) for a in args):
        try:
            text = str(exc)
        except Exception:  # noqa: BLE001 (an exception that cannot say itself is still named)
            text = ""
    else:
        text = ", ".join(summarise(a, 80) for a in args[:3])
    return cap(f"{name}: {text}" if text else name, limit)
