"""The parts of the learner-code runner, each on its own: budget, instrumentation, guards,
namespace and values (py/mvcalc/questions/learner_code/)."""
from __future__ import annotations

import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from mvcalc.questions import code_runner
from mvcalc.questions.learner_code import attributes, guards, instrument, long_range, module_views, namespace, values
from mvcalc.questions.learner_code.budget import Budget, BudgetExceeded, make_tick

PY = Path(__file__).resolve().parents[2] / "py"


def run_learner(source: str, entry: str = "f", *args, budget: Budget | None = None):
    budget = budget or Budget(time_limit=2.0)
    loaded = code_runner.load(source, entry, budget)
    assert loaded.function is not None, loaded.error
    return code_runner.call(loaded.function, args, budget, source), budget


# --- budget ----------------------------------------------------------------------------------

def test_ticks_count_loop_rounds_calls_handlers_and_comprehensions():
    source = """
def f():
    total = 0
    for i in range(1000):                     # 1000 rounds
        total += i
    squares = [i * i for i in range(1000)]    # 1000 conditions
    ident = list(map(lambda v: v, range(1000)))   # 1000 lambda calls
    for i in range(500):                      # 500 rounds, 500 handlers, 500 finally blocks
        try:
            1 / 0
        except ZeroDivisionError:
            pass
        finally:
            total += 1
    return total
"""
    out, budget = run_learner(source)
    assert not out.error
    assert budget.steps == 1 + 1000 + 1000 + 1000 + 3 * 500      # and one call of f


def test_the_step_limit_stops_and_says_steps():
    out, budget = run_learner("def f():\n    while True:\n        pass\n",
                              budget=Budget(time_limit=60, step_limit=10_000))
    assert out.stopped and budget.reason == "steps"
    assert "was stopped after 10,000 steps" in out.error and "seconds" not in out.error
    assert 10_000 < budget.steps < 10_100


def test_a_stop_stays_a_stop_for_every_later_tick():
    budget = Budget(time_limit=0.05)
    tick = make_tick(budget)
    with pytest.raises(BudgetExceeded):
        with budget:
            while True:
                tick()
    for _ in range(3):
        with pytest.raises(BudgetExceeded):
            with budget:
                tick()
    assert budget.exceeded and budget.reason == "time"
    assert budget.stop_message().startswith("was stopped after 0.05 seconds: is there a loop")


def test_a_long_single_step_is_told_with_its_real_length():
    budget = Budget(time_limit=0.1)
    tick = make_tick(budget)
    with pytest.raises(BudgetExceeded):
        with budget:
            tick()
            time.sleep(1.3)           # one long step inside C: no tick meanwhile
            for _ in range(20):       # the next look at the clock is a few ticks on, at most 16
                tick()
    assert budget.stopped_at >= 1.3
    message = budget.stop_message()
    assert message.startswith(f"was stopped after {budget.stopped_at:.1f} seconds, though its limit is 0.1")


def test_learner_code_called_outside_a_budget_runs_on_its_loading_budget():
    home = Budget(time_limit=0.3)
    loaded = code_runner.load("def spin():\n    while True:\n        pass\n", "spin", home)
    start = time.monotonic()
    with pytest.raises(BudgetExceeded):
        loaded.function()             # no budget active: the one it was loaded with
    assert time.monotonic() - start < 3


def test_a_budget_inside_a_budget_gives_the_outer_one_back():
    outer, inner = Budget(time_limit=5), Budget(time_limit=5)
    tick = make_tick(outer)
    with outer:
        for _ in range(10):
            tick()
        with inner:
            for _ in range(20):
                tick()
        for _ in range(10):
            tick()
    assert 20 <= outer.steps <= 21 and 20 <= inner.steps <= 21


# --- instrumentation ---------------------------------------------------------------------------

@pytest.mark.parametrize("source, says", [
    ("import os\n", "no imports"),
    ("x = y.__class__\n", "'__class__'"),
    ("def f(__x):\n    return 1\n", "'__x'"),
    ("def f(**kw):\n    return dict(__x=1)\n", "'__x'"),
    ("def __f():\n    return 1\n", "'__f'"),
    ("class __A:\n    pass\n", "'__A'"),
    ("def f():\n    global __mvcalc_tick__\n", "'__mvcalc_tick__'"),
    ("try:\n    pass\nexcept Exception as __e:\n    pass\n", "'__e'"),
    ("class A:\n    def __mvcalc_tick__(self):\n        pass\n", "'__mvcalc_tick__'"),
    ("class A:\n    def __del__(self):\n        pass\n", "'__del__'"),
    ("def f(g):\n    return g.f_globals\n", "'f_globals'"),
    ("def f(e):\n    return e.tb_frame\n", "'tb_frame'"),
    ("def f(a):\n    return a.ctypes\n", "'ctypes'"),
    ("match 1:\n    case {**__rest}:\n        pass\n", "'__rest'"),
])
def test_what_is_refused_before_running(source, says):
    prepared = instrument.prepare(source)
    assert prepared.code is None and says in prepared.error and prepared.error.startswith("Line ")


def test_classes_may_define_the_usual_double_underscore_methods():
    source = ("class Point:\n    def __init__(self, x):\n        self.x = x\n"
              "    def __eq__(self, other):\n        return self.x == other.x\n"
              "    def __repr__(self):\n        return 'P'\n\n"
              "def f():\n    p = Point(2)\n    p.x **= 3\n    p.x *= 2\n    return [p.x, float(p == Point(16))]\n")
    out, _ = run_learner(source)
    assert out.value == [16, 1.0]


def test_augmented_assignments_keep_their_meaning():
    source = """
def f():
    a = np.array([1.0, 2.0, 3.0])
    alias = a
    a *= 2                     # in place: the alias sees it
    a[1:] **= 2
    grid = np.ones((2, 2))
    grid[0, 1] *= 5
    items = [1]
    same = items
    items *= 3                 # a list grows in place too
    calls = []
    def index():
        calls.append(1)
        return 0
    counts = [2]
    counts[index()] **= 3      # the index is worked out once
    n = 3
    n <<= 2
    return [float(alias[0]), float(alias[1]), float(alias[2]), float(grid[0, 1]), len(same),
            float(same is items), counts[0], len(calls), n]
"""
    out, _ = run_learner(source)
    assert out.value == [2.0, 16.0, 36.0, 5.0, 3, 1.0, 8, 1, 12]


@pytest.mark.parametrize("expression, guarded", [
    ("0.5 * x", False), ("2 * x", False), ("x * -3", False), ("x ** 0.5", False), ("x + y", False),
    ("x * y", True), ("x ** 2", True), ("17 * x", True), ("'a' * n", True), ("1 << x", True),
])
def test_which_operations_get_a_guard(expression, guarded):
    code = instrument.prepare(f"y = {expression}\n").code
    assert any(name in (instrument.POWER, instrument.MULTIPLY, instrument.SHIFT) for name in code.co_names) is guarded


def test_a_docstring_stays_a_docstring():
    loaded = code_runner.load('def f():\n    """Says hello."""\n    return 1\n', "f")
    assert loaded.function.__doc__ == "Says hello." and loaded.function() == 1


def test_too_long_or_too_deep_code_is_invalid_not_a_crash():
    assert "keep it under 100,000" in instrument.prepare("x = 1\n" * 20_000).error
    deep = instrument.prepare("x = " + "-" * 50_000 + "1\n")
    assert deep.code is None and "nested" in deep.error
    chain = instrument.prepare("x = " + " + ".join(["1"] * 20_000) + "\n")
    assert chain.code is None and "nested" in chain.error


# --- guards --------------------------------------------------------------------------------------

def test_limits_sit_where_they_say():
    assert len(guards.multiply("a", guards.MAX_ITEMS)) == guards.MAX_ITEMS
    with pytest.raises(guards.TooLarge, match=r"a str of 10,000,001 characters"):
        guards.multiply(guards.MAX_ITEMS + 1, "a")
    assert guards.power(2, 99_000).bit_length() == 99_001
    with pytest.raises(guards.TooLarge, match=r"2 \*\* 100001"):
        guards.power(2, 100_001)
    assert guards.power(2.0, 3) == 8.0 and guards.power(-1, 10**12) == 1 and guards.power(10, -400) == 0.0
    with pytest.raises(guards.TooLarge):
        guards.shift(1, 200_000)
    assert guards.multiply(10**20_000, 10**10_000) == 10**30_000
    with pytest.raises(guards.TooLarge, match="product of two whole numbers"):
        guards.multiply(10**20_000, 10**20_000)
    assert guards.factorial(20) == math.factorial(20) and guards.comb(50, 3) == math.comb(50, 3)
    with pytest.raises(guards.TooLarge):
        guards.perm(10**6)
    assert guards.pow_(7, 10**7, 10) == pow(7, 10**7, 10)


def test_guards_read_whole_numbers_through_int_itself():
    class Liar(int):
        def __gt__(self, other):
            return False

        def __bool__(self):
            return False

    with pytest.raises(guards.TooLarge):
        guards.power(7, Liar(10**7))
    with pytest.raises(guards.TooLarge):
        guards.shift(Liar(1), Liar(10**9))
    with pytest.raises(guards.TooLarge):
        guards.factorial(Liar(10**6))

    class Shifty:
        """Says 2 when asked first, a billion after."""
        asked = 0

        def __index__(self):
            Shifty.asked += 1
            return 2 if Shifty.asked == 1 else 10**9

    assert guards.multiply("ab", Shifty()) == "abab" and Shifty.asked == 1
    items = [0]
    assert guards.in_place_multiply(items, 3) is items and items == [0, 0, 0]


def test_a_long_range_ticks_as_it_is_walked():
    steps = []
    make = long_range.make_range(lambda: steps.append(1) or True)
    assert type(make(5)) is range and type(make(long_range.LONG_RANGE)) is range
    long = make(10**12)
    assert isinstance(long, long_range.LongRange)
    assert len(long) == 10**12 and long[10] == 10 and 10**11 in long and -1 not in long
    assert (long.start, long.stop, long.step) == (0, 10**12, 1) and repr(long) == "range(0, 1000000000000)"
    assert long == range(10**12) and long.index(7) == 7 and long.count(7) == 1
    assert isinstance(long[::2], long_range.LongRange) and long[:3] == range(3)
    assert not hasattr(long, "_numbers"), "the real range inside is out of learner code's reach"
    walked = []
    for n in reversed(long):
        walked.append(n)
        if len(walked) == 3:
            break
    assert walked == [10**12 - 1, 10**12 - 2, 10**12 - 3]
    steps.clear()
    assert sum(n for _, n in zip(range(1000), long)) == sum(range(1000))
    assert len(steps) >= 1000
    huge = make(10**30)
    with pytest.raises(OverflowError):
        len(huge)                     # as for a real range that long
    assert huge[5] == 5


def test_what_learner_code_may_give_attributes():
    env = namespace.namespace()
    exec("class Mine:\n    pass\n\ndef mine():\n    pass\n", env)
    assert attributes.may_change(env["Mine"]()) and attributes.may_change(env["Mine"])
    assert attributes.may_change(env["mine"])
    assert attributes.may_change(np.zeros(2)) and attributes.may_change(np.zeros(2).flags)
    for shared in (module_views.math_view(), module_views.numpy_view(), math, np.finfo, np.finfo(float),
                   math.sin, len, guards.power, "text", [1], CodeThing()):
        assert not attributes.may_change(shared), shared


class CodeThing:
    """An object of a class the learner did not write."""


# --- namespace -------------------------------------------------------------------------------

def test_the_views_read_the_real_modules_and_refuse_writes():
    math_view, np_view = module_views.math_view(), module_views.numpy_view()
    assert math_view.isclose is math.isclose and math_view.pi == math.pi
    assert np_view.sum is np.sum and np_view.array is np.array and np_view.ndarray is np.ndarray
    assert np_view.linalg is np_view.linalg and np_view.linalg.norm is np.linalg.norm
    assert np_view.random.default_rng is np.random.default_rng
    assert "sum" in vars(np_view)        # a second np.sum is a plain attribute lookup
    for view, name in ((math_view, "isclose"), (np_view, "isclose"), (np_view.linalg, "norm")):
        with pytest.raises(attributes.ReadOnly, match="cannot change"):
            setattr(view, name, None)
        with pytest.raises(attributes.ReadOnly):
            delattr(view, name)
    assert math.isclose(1, 1.0) and not math.isclose(1, 2)


@pytest.mark.parametrize("name", ["lib", "ctypeslib", "testing", "f2py", "core", "_core", "typing"])
def test_numpy_parts_beyond_the_public_maths_are_refused(name):
    with pytest.raises(AttributeError, match=f"np.{name} is not available here"):
        getattr(module_views.numpy_view(), name)


def test_mutable_module_contents_come_back_as_copies():
    np_view = module_views.numpy_view()
    before = len(np.sctypeDict)
    np_view.sctypeDict.clear()
    assert len(np.sctypeDict) == before and np_view.sctypeDict is not np.sctypeDict


def test_numpy_settings_changed_by_learner_code_are_put_back():
    np_view = module_views.numpy_view()
    errors, options, state = np.geterr(), np.get_printoptions(), np.random.get_state()[1].copy()
    np_view.seterr(all="raise")
    np_view.set_printoptions(precision=2)
    np_view.random.seed(5)
    np_view.random.rand(3)
    assert np.geterr()["divide"] == "raise"
    module_views.restore_shared_state()
    assert np.geterr() == errors and np.get_printoptions() == options
    assert np.array_equal(np.random.get_state()[1], state)


def test_the_learner_namespace_holds_only_safe_builtins():
    env = namespace.namespace()
    shown = env["__builtins__"]
    assert "open" not in shown and "__import__" not in shown and "eval" not in shown
    assert shown["range"] is not range and shown["pow"] is not pow
    assert set(env) == {"__builtins__", "__name__", "math", "np"}


FRESH_NUMPY = r"""
import sys
sys.path.insert(0, sys.argv[1])
from mvcalc.questions import code_runner
source = "def f():\n    return float(np.zeros((2, 2)).sum() + np.ones(3).mean())\n"
budget = code_runner.Budget()
loaded = code_runner.load(source, "f", budget)
out = code_runner.call(loaded.function, (), budget, source)
print(out.value, out.error)
"""


def test_numpy_can_import_its_own_helpers_under_learner_code():
    """numpy imports some helpers on first use, from C, through the current frame's builtins."""
    result = subprocess.run([sys.executable, "-c", FRESH_NUMPY, str(PY)], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == "1.0", result.stdout + result.stderr


# --- values --------------------------------------------------------------------------------------

class Hostile:
    """Every method marking might be tempted to call fails the test."""

    def __repr__(self):
        raise AssertionError("repr called")

    __str__ = __float__ = __eq__ = __len__ = __iter__ = __getattr__ = __index__ = __repr__
    __hash__ = None


def object_array(*items):
    array = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        array[i] = item
    return array


def test_plain_keeps_usable_values_as_they_are():
    array = np.arange(6.0).reshape(2, 3)
    for value in (1.5, 3, True, None, "slope", [1.0, 2], (1, 2.5), array, np.float64(2.0), [[1.0], [2.0]]):
        assert values.plain(value) is value


@pytest.mark.parametrize("make, says, tail", [
    (lambda: "a" * 10**7, "(10,000,000 characters)", "not a number"),
    (lambda: 10**5000, "a whole number with about 5,000 digits", "not a number"),
    (lambda: [0.0] * 200_000, "(200,000 items)", "far more numbers than expected"),
    (lambda: np.zeros(2_000_000), "(2,000,000 entries)", "far more numbers than expected"),
    (lambda: {"a": 1}, "{'a': 1}", "not a number"),
    (lambda: Hostile(), "an object of class Hostile", "not a number"),
    (lambda: [1.0, Hostile()], "an object of class Hostile", "not a number"),
    (lambda: object_array(Hostile()), "an object of class Hostile", "not a number"),
])
def test_plain_replaces_what_cannot_be_kept_by_a_description(make, says, tail):
    value = make()
    kept = values.plain(value)
    assert isinstance(kept, values.StandIn) and says in kept.text and kept.tail == tail
    assert type(kept).__name__ == type(value).__name__      # messages still name its type
    assert len(repr(kept)) < 300
    with pytest.raises(TypeError):
        float(kept)
    with pytest.raises(TypeError):
        np.array(kept, dtype=float)


def test_deep_and_cyclic_values_get_a_description_not_a_crash():
    deep = []
    for _ in range(200_000):
        deep = [deep]
    assert "nested more than 32 deep" in values.plain(deep).text
    cycle = [1.0]
    cycle.append(cycle)
    assert values.plain(cycle).text == "[1.0, [...]] (a list that contains itself)"
    assert values.summarise(deep).startswith("[[[[...]]]]")


def test_learner_subclasses_of_builtins_are_read_through_the_base_class():
    class Loud(float):
        __repr__ = __float__ = __eq__ = Hostile.__repr__

    class Many(list):
        __iter__ = __len__ = __repr__ = Hostile.__repr__

    kept = values.plain(Loud(2.5))
    assert type(kept) is float and kept == 2.5
    kept = values.plain(Many([1.0, Loud(3.0)]))
    assert type(kept) is list and kept == [1.0, 3.0]
    assert values.summarise(Many([1, 2])) == "[1, 2]"


def test_summaries_are_capped_and_never_run_the_values_code():
    assert values.summarise(Hostile()) == "an object of class Hostile"
    assert len(values.summarise(list(range(10**6)))) <= values.MAX_SHOWN
    assert values.summarise("x" * 100) == "'" + "x" * 40 + "'... (100 characters)"
    assert values.summarise({1: [2, (3,)]}) == "{1: [2, (3,)]}"
    assert values.summarise(np.arange(3.0)) == "array([0.0, 1.0, 2.0])"
    assert values.summarise(math.sin) == "a function" and values.summarise(Hostile) == "the class Hostile"
    assert values.summarise(long_range.make_range(lambda: True)(10**9)) == "range(0, 1000000000)"


def test_exceptions_are_described_without_running_learner_code():
    assert values.describe_exception(ValueError("bad x")) == "ValueError: bad x"
    assert values.describe_exception(ValueError(Hostile())) == "ValueError: an object of class Hostile"
    assert len(values.describe_exception(ValueError("a" * 10**6))) == 300
    assert values.describe_exception(KeyError("k")) == "KeyError: 'k'"

    class Shouting(Exception):
        __str__ = Hostile.__repr__
    Shouting.__module__ = "learner"
    assert values.describe_exception(Shouting("no")) == "Shouting: 'no'"


def test_numbers_reads_a_plain_value_as_marking_needs_it():
    assert values.numbers(2) == (2.0, "")
    assert values.numbers(np.float64(1.5)) == (1.5, "")
    assert values.numbers([1, True, np.int64(3)]) == ([1.0, 1.0, 3.0], "")
    assert values.numbers(np.array([0.5, 1.0])) == ([0.5, 1.0], "")
    assert values.numbers("slope") == (None, "'slope' (a str), not a number")
    assert values.numbers(None) == (None, "None (a NoneType), not a number")
    assert values.numbers(3 + 1j)[0] is None
    assert values.numbers(values.plain("a" * 10**6))[1].endswith("(1,000,000 characters) (a str), not a number")
