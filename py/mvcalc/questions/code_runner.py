"""Run a learner's Python function against test cases, with a time budget.

The learner's code is deliberately executed (writing it is the exercise), but
only in a small namespace: a short list of builtins, ``math`` and ``np``.
Imports and names starting with ``__`` are refused before anything runs, so
the code cannot reach this module, ``sys`` or the functions' globals.  This
is hygiene, not a security boundary: it runs the learner's own code in their
own browser, and the page additionally runs checks in a worker it can kill.

A ``sys.settrace`` tracer counts the learner's steps and watches the clock;
past the budget it raises :class:`BudgetExceeded` on every further step, so
``while True: pass`` (even inside ``try/except``) stops with a friendly
message.  It counts opcode events rather than line events: a one-line loop
(``while True: pass`` compiles to a single jump to itself) gives no line
event after its first.  This works under Pyodide too.  Loops inside C code
(``sum(range(10**12))``) produce no trace events and are left to the worker.
"""
from __future__ import annotations

import ast
import math
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from mvcalc.checking.verdict import Verdict
from mvcalc.questions.model import CodeCase

FILENAME = "<your code>"
TIME_LIMIT = 2.0          # seconds of learner code per check
STEP_LIMIT = 5_000_000    # traced opcode events per check


class BudgetExceeded(BaseException):
    """Raised inside learner code when it has run too long.

    A BaseException, so ``except Exception`` in learner code does not catch it;
    the tracer keeps raising on every later step, so a bare ``except`` cannot
    keep a loop alive either.
    """


class Budget:
    """A context manager that stops learner code after a time or step budget."""

    def __init__(self, time_limit: float = TIME_LIMIT, step_limit: int = STEP_LIMIT):
        self.time_limit = time_limit
        self.step_limit = step_limit
        self.steps = 0
        self.exceeded = False
        self._deadline = 0.0
        self._previous = None

    def _check(self) -> None:
        if self.exceeded or self.steps > self.step_limit or time.monotonic() > self._deadline:
            self.exceeded = True
            raise BudgetExceeded()

    def _local(self, frame, event, arg):
        if event == "opcode":
            self.steps += 1
            if self.exceeded or self.steps % 1000 == 0:
                self._check()
        return self._local

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != FILENAME:
            return None           # only learner frames are traced, step by step
        frame.f_trace_lines = False
        frame.f_trace_opcodes = True
        self._check()
        return self._local

    def __enter__(self) -> "Budget":
        if not self._deadline:    # the clock runs from the first use, across calls
            self._deadline = time.monotonic() + self.time_limit
        self._previous = sys.gettrace()
        sys.settrace(self._global)
        return self

    def __exit__(self, *exc) -> bool:
        sys.settrace(self._previous)
        return False


def _print(*args, **kwargs) -> None:   # printing is harmless and ignored
    return None


_SAFE_NAMES = (
    "abs all any bool dict divmod enumerate filter float int isinstance len list map max "
    "min pow range reversed round set sorted str sum tuple zip "
    "ArithmeticError Exception IndexError KeyError OverflowError TypeError ValueError "
    "ZeroDivisionError True False None"
).split()


def namespace() -> dict:
    """A fresh namespace for learner code: a few builtins, math and np."""
    import builtins

    import numpy as np

    safe = {name: getattr(builtins, name) for name in _SAFE_NAMES}
    safe["print"] = _print
    return {"__builtins__": safe, "__name__": "learner", "math": math, "np": np}


@dataclass(frozen=True)
class Loaded:
    function: Callable | None
    error: str = ""          # why the code cannot be run (invalid, not wrong)


class _Refuse(ast.NodeVisitor):
    def __init__(self) -> None:
        self.problem = ""

    def _flag(self, node, text):
        if not self.problem:
            self.problem = f"Line {node.lineno}: {text}"

    def visit_Import(self, node):
        self._flag(node, "no imports are needed here: math and np (numpy) are already available.")

    visit_ImportFrom = visit_Import

    def visit_Attribute(self, node):
        if node.attr.startswith("__"):
            self._flag(node, f"'{node.attr}' is not available here.")
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id.startswith("__"):
            self._flag(node, f"'{node.id}' is not available here.")


def _lineno(tb) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _describe_error(exc: BaseException, source: str) -> str:
    line = _lineno(exc.__traceback__)
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if line is None:
        return text
    lines = source.splitlines()
    code = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return f"{text} (line {line}: {code})" if code else f"{text} (line {line})"


_STOPPED = ("it was stopped after {secs:g} seconds: is there a loop that never ends, "
            "or a loop running far more often than it needs to?")


def load(source: str, entry: str, budget: Budget | None = None) -> Loaded:
    """Compile and run the learner's code; return the function called ``entry``."""
    try:
        tree = ast.parse(source, FILENAME)
    except SyntaxError as exc:
        where = f"Line {exc.lineno}: " if exc.lineno else ""
        return Loaded(None, f"{where}Python could not read this ({exc.msg}).")
    refuse = _Refuse()
    refuse.visit(tree)
    if refuse.problem:
        return Loaded(None, refuse.problem)
    code = compile(tree, FILENAME, "exec")
    env = namespace()
    budget = budget or Budget()
    try:
        with budget:
            exec(code, env)
    except BudgetExceeded:
        return Loaded(None, "Running your code " + _STOPPED.format(secs=budget.time_limit))
    except Exception as exc:  # noqa: BLE001 (any learner error is reported)
        if budget.exceeded:
            return Loaded(None, "Running your code " + _STOPPED.format(secs=budget.time_limit))
        return Loaded(None, "Running your code raised " + _describe_error(exc, source))
    function = env.get(entry)
    if not callable(function):
        return Loaded(None, f"Define a function called {entry}, e.g. def {entry}(...):")
    return Loaded(function)


@dataclass(frozen=True)
class Outcome:
    value: Any = None
    error: str = ""          # exception text, or the budget message
    stopped: bool = False


def call(function: Callable, args: Sequence, budget: Budget, source: str) -> Outcome:
    """Call the learner's ``function(*args)`` under ``budget``."""
    try:
        with budget:
            value = function(*args)
    except BudgetExceeded:
        return Outcome(error=_STOPPED.format(secs=budget.time_limit), stopped=True)
    except Exception as exc:  # noqa: BLE001 (any learner error is reported)
        if budget.exceeded:      # the stop surfaced as another error (e.g. in an except clause)
            return Outcome(error=_STOPPED.format(secs=budget.time_limit), stopped=True)
        if isinstance(exc, RecursionError):
            return Outcome(error="it called itself too many times (RecursionError).")
        return Outcome(error="it raised " + _describe_error(exc, source))
    return Outcome(value=value)


def _as_numbers(value: Any) -> tuple[list[float] | float | None, str]:
    """The learner's result as a float or list of floats, or why it is not."""
    try:
        if hasattr(value, "tolist"):
            value = value.tolist()
        if isinstance(value, (list, tuple)):
            return [float(v) for v in value], ""
        if isinstance(value, bool) or value is None or isinstance(value, str):
            raise TypeError
        return float(value), ""
    except (TypeError, ValueError):
        return None, f"{value!r} (a {type(value).__name__}), not a number"


def _show(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return f"{value:.6g}"


def _close(got, expected, case: CodeCase) -> bool:
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, list) or len(got) != len(expected):
            return False
        return all(math.isclose(g, e, rel_tol=case.rel_tol, abs_tol=case.abs_tol)
                   for g, e in zip(got, expected))
    if isinstance(got, list):
        return False
    return math.isclose(got, expected, rel_tol=case.rel_tol, abs_tol=case.abs_tol)


@dataclass(frozen=True)
class Run:
    """Everything one run of the learner's code produced."""

    error: str = ""                       # it could not be loaded (invalid)
    outcomes: tuple[Outcome, ...] = ()    # one per case, up to the first error


_RUNS: dict = {}      # the last few runs, so marking never runs the same code twice


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
            outcomes.append(call(loaded.function, case.args, budget, source))
            if outcomes[-1].error:
                break
        result = Run(outcomes=tuple(outcomes))
    if len(_RUNS) >= 8:
        _RUNS.pop(next(iter(_RUNS)))
    _RUNS[key] = result
    return result


def check_code(source: str, entry: str, cases: Sequence[CodeCase], *,
               time_limit: float = TIME_LIMIT, step_limit: int = STEP_LIMIT) -> Verdict:
    """Run ``entry`` from ``source`` on every case; the first failure is reported."""
    result = run(source, entry, cases, time_limit=time_limit, step_limit=step_limit)
    if result.error:
        return Verdict(False, False, result.error)
    failures = []
    for case, out in zip(cases, result.outcomes):
        if out.error:
            return Verdict(False, True, f"For {case.describe} your function did not return: "
                                        f"{out.error}")
        got, problem = _as_numbers(out.value)
        if problem:
            failures.append(f"For {case.describe} your function returned {problem}.")
        elif not _close(got, case.expected, case):
            expected = case.expected
            expected = list(expected) if isinstance(expected, tuple) else expected
            failures.append(f"For {case.describe} your function returned {_show(got)}, "
                            f"expected {_show(expected)}.")
    if failures:
        more = f" ({len(failures)} of {len(cases)} tests failed.)" if len(failures) > 1 else ""
        return Verdict(False, True, failures[0] + more)
    return Verdict(True, True, f"All {len(cases)} tests passed.")


def outputs(source: str, entry: str, cases: Sequence[CodeCase]) -> list | None:
    """The function's results on every case, or None if it does not run on all."""
    result = run(source, entry, cases)
    if result.error or len(result.outcomes) < len(cases):
        return None
    values = []
    for out in result.outcomes:
        got, problem = _as_numbers(out.value)
        if out.error or problem:
            return None
        values.append(got)
    return values


def same_behaviour(source: str, other: str, entry: str, cases: Sequence[CodeCase]) -> bool:
    """Whether two programs give the same results on every case (a misconception)."""
    a = outputs(source, entry, cases)
    if a is None:
        return False
    b = outputs(other, entry, cases)
    if b is None:
        return False
    return all(_close(p, q, case) for p, q, case in zip(a, b, cases))
