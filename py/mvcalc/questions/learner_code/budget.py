"""A time and step budget for learner code, enforced by ticks the code itself calls.

:mod:`.instrument` puts a call of a tick (from :func:`make_tick`) at the top of every loop
body, every function, every ``except`` handler and every ``finally`` block of the
learner's code, and into every comprehension.  Each tick counts one step; every few
ticks it looks at the clock (every tick while ticks are slow, up to every 16th while
they are quick).  Past the budget it raises :class:`BudgetExceeded`, and
from then on *every* tick raises it again, so catching the stop cannot keep code
alive: the next loop round, call or handler stops it once more.  This is plain Python,
so it works the same in CPython and in Pyodide (``sys.settrace`` did not: CPython
drops a trace function that raises, so ``try/except`` around a loop escaped it).

Work inside one C call (``sorted`` of a long list, a large numpy product) gives no
ticks; :mod:`.guards` refuses the worst of it before it starts, and the page's worker
limit stops the rest.  When a single C call ran past the budget, :meth:`Budget.stop_message`
says so truthfully rather than claiming the budget's own limit.
"""
from __future__ import annotations

import sys
import time

TIME_LIMIT = 2.0             # seconds of learner code per check
STEP_LIMIT = 100_000_000     # ticks (loop rounds, calls, handlers) per check
MAX_CHUNK = 16               # ticks between two looks at the clock, at most
CLOCK_EVERY = 0.005          # seconds between two looks at the clock, aimed at

_active: "Budget | None" = None   # the budget learner code now runs under
_countdown = 0                     # ticks left before the next look at the clock


class BudgetExceeded(BaseException):
    """Raised inside learner code when it has run past its budget.

    A BaseException, so ``except Exception`` in learner code does not catch it; a bare
    ``except`` does, but the tick at the top of the handler raises it again.
    """


class Budget:
    """A context manager under which learner code may run for a time and a number of steps.

    The clock starts at the first ``with`` and runs across later ones (a lab calls the
    learner's function many times on one budget).  Once exceeded, it stays exceeded.
    """

    def __init__(self, time_limit: float = TIME_LIMIT, step_limit: int = STEP_LIMIT):
        self.time_limit = time_limit
        self.step_limit = step_limit
        self.steps = 0
        self.exceeded = False
        self.reason = ""             # "time" or "steps", once exceeded
        self.stopped_at = 0.0        # seconds since the start, when it was exceeded
        self._start: float | None = None
        self._last = 0.0             # when the clock was last read
        self._issued = 0             # ticks handed out since then
        self._chunk = 1              # ticks handed out at a time: grows while ticks are quick
        self._outer: tuple = (None, 0)

    @property
    def started(self) -> bool:
        return self._start is not None

    def elapsed(self) -> float:
        return 0.0 if self._start is None else time.monotonic() - self._start

    def __enter__(self) -> "Budget":
        global _active, _countdown
        now = time.monotonic()
        if self._start is None:
            self._start = now
        outer = _active
        if outer is not None:        # a budget inside a budget: settle the outer one's ticks
            outer.steps += outer._issued - max(_countdown, 0)
            outer._issued = 0
        self._outer = (outer, 0)
        _active = self
        self._last = now
        self._issued = 0
        self._chunk = 1
        _countdown = 0               # the first tick reads the clock
        return self

    def __exit__(self, *exc) -> bool:
        global _active, _countdown
        if _active is self:
            self.steps += self._issued - max(_countdown, 0)
            self._issued = 0
            _active, _countdown = self._outer
        return False

    def _stop(self, reason: str, now: float) -> None:
        self.exceeded = True
        self.reason = reason
        self.stopped_at = now - (self._start or now)

    def _check(self, now: float) -> None:
        if not self.exceeded:
            if self.steps > self.step_limit:
                self._stop("steps", now)
            elif self._start is not None and now - self._start > self.time_limit:
                self._stop("time", now)
        if self.exceeded:
            raise BudgetExceeded()

    def _refill(self) -> None:
        """The active budget's slow path: count the ticks, read the clock, hand out more."""
        global _countdown
        self.steps += self._issued + 1
        now = time.monotonic()
        per_tick = (now - self._last) / (self._issued + 1)
        self._last = now
        self._issued = 0
        _countdown = 0
        self._check(now)
        aimed = MAX_CHUNK if per_tick <= 0 else int(CLOCK_EVERY / per_tick)
        self._chunk = max(1, min(MAX_CHUNK, 2 * self._chunk, aimed))
        self._issued = _countdown = self._chunk

    def _outside(self) -> None:
        """A tick with no budget active: learner code called from outside (a test, a
        generator finalised later).  It runs on its loading budget, one look per tick."""
        self.steps += 1
        self._check(time.monotonic())

    def stop_message(self) -> str:
        """Why the code was stopped, as the rest of a sentence starting "it" or "your code"."""
        if self.reason == "steps":
            return (f"was stopped after {self.step_limit:,} steps (loop rounds and function calls), "
                    "the limit here: is there a loop that never ends, or a loop running far more "
                    "often than it needs to?")
        if self.stopped_at > self.time_limit + max(1.0, 0.5 * self.time_limit):
            return (f"was stopped after {self.stopped_at:.1f} seconds, though its limit is "
                    f"{self.time_limit:g}: one step ran a long time inside Python or numpy, where "
                    "it could not be stopped sooner. Is something far bigger than it needs to be "
                    "(a range, a power, a list or an array)?")
        return (f"was stopped after {self.time_limit:g} seconds: is there a loop that never ends, "
                "or a loop running far more often than it needs to?")


def _slow_tick(home: Budget) -> None:
    global _countdown
    if _active is not None:
        _active._refill()
    else:
        _countdown = 0
        home._outside()


def make_tick(home: Budget):
    """The tick for one namespace of learner code; ``home`` is its budget when none is active.

    Returns True, so it can stand in a comprehension's ``if`` and before a lambda's body.
    """
    def tick() -> bool:
        global _countdown
        _countdown -= 1
        if _countdown < 0:
            _slow_tick(home)
        return True

    return tick


def _quiet_stops(previous):
    """An unraisable-exception hook that says nothing of a stop raised where Python cannot
    pass it on (a learner generator's ``finally`` run when it is collected)."""
    def hook(unraisable) -> None:
        if not isinstance(unraisable.exc_value, BudgetExceeded):
            previous(unraisable)

    hook.quiet_stops = True
    return hook


if not getattr(sys.unraisablehook, "quiet_stops", False):
    sys.unraisablehook = _quiet_stops(sys.unraisablehook)
