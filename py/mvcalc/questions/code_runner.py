"""Run a learner's Python function against test cases, with a time budget.

The learner's code is deliberately executed (writing it is the exercise), but only
after :mod:`.learner_code.instrument` has read it: imports and ``__`` names are refused
before anything runs, and ticks and guards are inserted so that a budget
(:class:`Budget`) stops it whatever it does in Python, catching the stop included.  It
runs in a small namespace (:mod:`.learner_code.namespace`): a few builtins and
read-only views of ``math`` and ``np``, so it cannot change what marks this or any
later answer.  Its arguments are copies, and what it returns is kept only as numbers or
a capped description (:mod:`.learner_code.values`).

This is hygiene, not a security boundary: it runs the learner's own code in their own
browser, and the page additionally runs checks in a worker it kills after its own limit
(the one thing that stops a single long C call no guard foresaw).
"""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from types import FunctionType
from typing import Any, Callable, Sequence

from mvcalc.checking.verdict import Verdict
from mvcalc.questions.learner_code import values
from mvcalc.questions.learner_code.budget import STEP_LIMIT, TIME_LIMIT, Budget, BudgetExceeded
from mvcalc.questions.learner_code.attributes import ReadOnly
from mvcalc.questions.learner_code.guards import TooLarge
from mvcalc.questions.learner_code.instrument import FILENAME, prepare
from mvcalc.questions.learner_code.module_views import restore_shared_state
from mvcalc.questions.learner_code.namespace import namespace, running
from mvcalc.questions.model import CodeCase

__all__ = ["FILENAME", "TIME_LIMIT", "STEP_LIMIT", "Budget", "BudgetExceeded", "namespace", "Loaded",
           "load", "Outcome", "call", "Run", "run", "check_code", "outputs", "same_behaviour"]

_isclose = math.isclose       # captured here: marking never looks anything up that learner code reaches


@dataclass(frozen=True)
class Loaded:
    function: Callable | None
    error: str = ""          # why the code cannot be run (invalid, not wrong)


def _lineno(tb) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _where(exc: BaseException, source: str) -> str:
    line = _lineno(exc.__traceback__)
    if line is None:
        return ""
    lines = source.splitlines()
    code = values.cap(lines[line - 1].strip(), 80) if 0 < line <= len(lines) else ""
    return f" (line {line}: {code})" if code else f" (line {line})"


def _failure(exc: BaseException, source: str) -> str:
    """What went wrong, as the rest of a sentence starting with "it" or "your code"."""
    if isinstance(exc, (TooLarge, ReadOnly)):
        return values.cap(str(exc), 400) + _where(exc, source) + "."
    if isinstance(exc, RecursionError):
        return "called itself too many times (RecursionError)."
    if isinstance(exc, MemoryError):
        return ("ran out of memory (MemoryError): is something far bigger than it needs to be?"
                + _where(exc, source))
    return "raised " + values.describe_exception(exc) + _where(exc, source)


def load(source: str, entry: str, budget: Budget | None = None) -> Loaded:
    """Compile and run the learner's code; return the function called ``entry``."""
    prepared = prepare(source)
    if prepared.code is None:
        return Loaded(None, prepared.error)
    budget = budget or Budget()
    env = namespace(budget)
    try:
        with budget, running(env):
            exec(prepared.code, env)
    except BudgetExceeded:
        return Loaded(None, "Your code " + budget.stop_message())
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 (any learner error is reported)
        if budget.exceeded:
            return Loaded(None, "Your code " + budget.stop_message())
        if isinstance(exc, (TooLarge, ReadOnly, MemoryError)):
            return Loaded(None, "Your code " + _failure(exc, source))
        return Loaded(None, "Running your code " + _failure(exc, source))
    finally:
        restore_shared_state()
    function = env.get(entry)
    if not callable(function):
        return Loaded(None, f"Define a function called {entry}, e.g. def {entry}(...):")
    return Loaded(function)


@dataclass(frozen=True)
class Outcome:
    """One call of the learner's function: ``value`` is :func:`values.plain` (numbers, short
    strings, numpy arrays, or a stand-in that only describes what was returned)."""

    value: Any = None
    error: str = ""          # what went wrong, after "it" (or the budget's message)
    stopped: bool = False


def _copies(args: Sequence) -> tuple:
    try:
        return copy.deepcopy(tuple(args))    # the learner's own: changing them changes nothing here
    except Exception:  # noqa: BLE001 (arguments that cannot be copied are passed as they are)
        return tuple(args)


def call(function: Callable, args: Sequence, budget: Budget, source: str) -> Outcome:
    """Call the learner's ``function(*args)`` under ``budget``."""
    args = _copies(args)
    env = function.__globals__ if type(function) is FunctionType else {}
    try:
        with budget, running(env):
            value = function(*args)
        if budget.exceeded:          # the stop was swallowed somewhere in C
            raise BudgetExceeded()
    except BudgetExceeded:
        return Outcome(error="it " + budget.stop_message(), stopped=True)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 (any learner error is reported)
        if budget.exceeded:      # the stop surfaced as another error (e.g. in an except clause)
            return Outcome(error="it " + budget.stop_message(), stopped=True)
        return Outcome(error="it " + _failure(exc, source))
    finally:
        restore_shared_state()
    return Outcome(value=values.plain(value))


@dataclass(frozen=True)
class Result:
    """What marking keeps of one call: numbers, or why there are none (never the value)."""

    numbers: float | list[float] | None = None
    problem: str = ""        # why the returned value is not numbers ("'slope' (a str), not a number")
    error: str = ""          # it did not return (see Outcome.error)
    stopped: bool = False


def _result(out: Outcome) -> Result:
    if out.error:
        return Result(error=out.error, stopped=out.stopped)
    got, problem = values.numbers(out.value)
    return Result(numbers=got, problem=problem)


@dataclass(frozen=True)
class Run:
    """Everything one run of the learner's code produced."""

    error: str = ""                       # it could not be loaded (invalid)
    outcomes: tuple[Result, ...] = ()     # one per case, up to the first error


_RUNS: dict = {}      # the last few runs, so marking never runs the same code twice
_KEPT_RUNS = 8


def run(source: str, entry: str, cases: Sequence[CodeCase], *,
        time_limit: float = TIME_LIMIT, step_limit: int = STEP_LIMIT) -> Run:
    """Load ``source`` and call ``entry`` on each case (stopping at an error)."""
    key = (source, entry, time_limit, step_limit,
           tuple((c.describe, repr(c.expected)) for c in cases))
    if key in _RUNS:
        return _RUNS[key]
    budget = Budget(time_limit, step_limit)
    loaded = load(source, entry, budget)
    if loaded.function is None:
        result = Run(error=loaded.error)
    else:
        outcomes = []
        for case in cases:
            outcomes.append(_result(call(loaded.function, case.args, budget, source)))
            if outcomes[-1].error:
                break
        result = Run(outcomes=tuple(outcomes))
    while len(_RUNS) >= _KEPT_RUNS:
        _RUNS.pop(next(iter(_RUNS)))
    _RUNS[key] = result
    return result


def _show(value) -> str:
    if isinstance(value, (list, tuple)):
        shown = [_show(v) for v in value[:8]]
        if len(value) > 8:
            shown.append(f"... ({len(value):,} numbers)")
        return "[" + ", ".join(shown) + "]"
    return f"{value:.6g}"


def _close(got, expected, case: CodeCase) -> bool:
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, list) or len(got) != len(expected):
            return False
        return all(_isclose(g, e, rel_tol=case.rel_tol, abs_tol=case.abs_tol)
                   for g, e in zip(got, expected))
    if isinstance(got, list):
        return False
    return _isclose(got, expected, rel_tol=case.rel_tol, abs_tol=case.abs_tol)


def check_code(source: str, entry: str, cases: Sequence[CodeCase], *,
               time_limit: float = TIME_LIMIT, step_limit: int = STEP_LIMIT) -> Verdict:
    """Run ``entry`` from ``source`` on every case; the first failure is reported."""
    result = run(source, entry, cases, time_limit=time_limit, step_limit=step_limit)
    if result.error:
        return Verdict(False, False, values.cap(result.error))
    failures = []
    for case, out in zip(cases, result.outcomes):
        if out.error:
            return Verdict(False, True, values.cap(f"For {case.describe} your function did not return: "
                                                   f"{out.error}"))
        if out.problem:
            failures.append(f"For {case.describe} your function returned {out.problem}.")
        elif not _close(out.numbers, case.expected, case):
            expected = case.expected
            expected = list(expected) if isinstance(expected, tuple) else expected
            failures.append(f"For {case.describe} your function returned {_show(out.numbers)}, "
                            f"expected {_show(expected)}.")
    if failures:
        more = f" ({len(failures)} of {len(cases)} tests failed.)" if len(failures) > 1 else ""
        return Verdict(False, True, values.cap(failures[0]) + more)
    return Verdict(True, True, f"All {len(cases)} tests passed.")


def outputs(source: str, entry: str, cases: Sequence[CodeCase]) -> list | None:
    """The function's results on every case, or None if it does not run on all."""
    result = run(source, entry, cases)
    if result.error or len(result.outcomes) < len(cases):
        return None
    if any(out.error or out.problem for out in result.outcomes):
        return None
    return [out.numbers for out in result.outcomes]


def same_behaviour(source: str, other: str, entry: str, cases: Sequence[CodeCase]) -> bool:
    """Whether two programs give the same results on every case (a misconception)."""
    a = outputs(source, entry, cases)
    if a is None:
        return False
    b = outputs(other, entry, cases)
    if b is None:
        return False
    return all(_close(p, q, case) for p, q, case in zip(a, b, cases))
