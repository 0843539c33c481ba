"""Hostile learner code through real code questions (issue 12): nothing hangs, nothing leaks.

Every check goes through a real question of the course, Module 2's finite-differences set
(``mark(ExerciseSet.generate(seed), code)``), as the page's worker does.  Times are wall
clock on a shared, busy test machine, so the bounds are generous but real: the budget
is 2 seconds, a guard refuses at once.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pytest

from mvcalc.course import module
from mvcalc.questions import code_runner
from mvcalc.questions.marking import mark

FINITE = module("m2-multivariate-calculus").exercise_set("finite-differences")
SEED = 0                      # forward_difference(f, x, h)
QUESTION = FINITE.generate(SEED)
REFUSED_WITHIN = 1.0          # seconds: a guard or a refusal answers at once
STOPPED_WITHIN = 5.0          # seconds: the budget is 2


def function(body: str) -> str:
    return f"def {QUESTION.entry}(f, x, h):\n" + body


def timed_check(source: str, question=QUESTION):
    start = time.monotonic()
    verdict = mark(question, source)
    return verdict, time.monotonic() - start


@pytest.fixture(autouse=True)
def fresh_runs():
    code_runner._RUNS.clear()     # every test runs its code afresh
    yield
    code_runner._RUNS.clear()


def test_the_question_is_the_forward_difference():
    assert QUESTION.kind == "code" and QUESTION.entry == "forward_difference"
    assert mark(QUESTION, QUESTION.solution).correct


# --- the budget cannot be escaped ----------------------------------------------------------

ESCAPES = {
    "the issue's escape": "    try:\n        while True: pass\n    except:\n        pass\n    while True: pass\n",
    "catch and go round again": ("    while True:\n        try:\n            while True: pass\n"
                                 "        except:\n            continue\n"),
    "finally swallows": ("    while True:\n        try:\n            while True: pass\n"
                         "        finally:\n            continue\n"),
    "return from finally": ("    try:\n        while True: pass\n    finally:\n        return 0.0\n"),
    "catch inside a comprehension": ("    def spin():\n        try:\n            return [1 for _ in iter_forever()]\n"
                                     "        except:\n            return spin()\n"
                                     "    def iter_forever():\n        while True:\n            yield 1\n"
                                     "    return spin()\n"),
    "recursion that catches": ("    def again(n):\n        try:\n            return again(n + 1)\n"
                               "        except:\n            return again(0)\n    return again(0)\n"),
    "a lambda loop": "    g = lambda n: g(n + 1) if n < 500 else g(0)\n    return g(0)\n",
    "C loop over a long range": "    return sum(range(10**9))\n",
    "sorting a long range": "    return sorted(range(10**9))[0]\n",
    "a generator summed": "    return sum(i for i in range(10**12))\n",
    "a class whose method loops": ("    class Spin:\n        def __init__(self):\n"
                                   "            while True:\n                try:\n                    pass\n"
                                   "                except:\n                    pass\n    return Spin()\n"),
}


@pytest.mark.parametrize("body", list(ESCAPES.values()), ids=list(ESCAPES))
def test_code_that_catches_the_stop_is_still_stopped_within_5_seconds(body):
    verdict, took = timed_check(function(body))
    assert took < STOPPED_WITHIN, f"took {took:.1f} s"
    assert verdict.valid and not verdict.correct
    assert "did not return" in verdict.feedback
    assert "stopped after 2 seconds" in verdict.feedback or "called itself too many times" in verdict.feedback


def test_an_escape_at_the_top_level_is_stopped():
    verdict, took = timed_check("try:\n    while True: pass\nexcept:\n    pass\nwhile True: pass\n")
    assert took < STOPPED_WITHIN
    assert not verdict.valid and verdict.feedback.startswith("Your code was stopped after 2 seconds")


def test_a_stop_is_reported_even_if_python_cannot_pass_it_on():
    # a generator's finally runs when it is dropped; the stop raised there cannot propagate
    body = ("    def g():\n        try:\n            yield 1\n        finally:\n            while True: pass\n"
            "    for _ in g():\n        break\n    return (f(x + h) - f(x)) / h\n")
    verdict, took = timed_check(function(body))
    assert took < STOPPED_WITHIN
    assert not verdict.correct and "stopped after 2 seconds" in verdict.feedback


# --- work inside C: guarded before it starts ------------------------------------------------

GUARDED = {
    "7**(10**7) % 10": ("    return 7**(10**7) % 10\n", "about 8,450,981 digits"),
    "pow(7, 10**7)": ("    return pow(7, 10**7) % 10\n", "about 8,450,981 digits"),
    "x **= 10**7": ("    n = 7\n    n **= 10**7\n    return n\n", "about 8,450,981 digits"),
    "a[0] **= 10**7": ("    a = [7]\n    a[0] **= 10**7\n    return a[0]\n", "about 8,450,981 digits"),
    "1 << 10**9": ("    return 1 << 10**9\n", "digits"),
    "'a' * 10**9": ("    return 'a' * 10**9\n", "a str of 1,000,000,000 characters"),
    "[0] * 10**9": ("    return [0] * 10**9\n", "a list of 1,000,000,000 items"),
    "s *= 10**8": ("    s = 'ab'\n    s *= 10**8\n    return s\n", "200,000,000 characters"),
    "squaring a number": ("    n = 3\n    for _ in range(40):\n        n = n * n\n    return n\n", "digits"),
    "math.factorial(10**6)": ("    return math.factorial(10**6)\n", "factorial(1000000)"),
    "math.comb(10**7, 5 * 10**6)": ("    return math.comb(10**7, 5 * 10**6)\n", "comb(10000000, 5000000)"),
}


@pytest.mark.parametrize("body, says", list(GUARDED.values()), ids=list(GUARDED))
def test_huge_work_inside_c_is_refused_before_it_starts(body, says):
    verdict, took = timed_check(function(body))
    assert took < REFUSED_WITHIN, f"took {took:.2f} s"
    assert verdict.valid and not verdict.correct
    assert says in verdict.feedback
    assert "far more than any exercise here needs" in verdict.feedback
    assert "(line " in verdict.feedback and "stopped" not in verdict.feedback   # it was not the budget


def test_three_argument_pow_is_fast_and_allowed():
    verdict, took = timed_check(function("    return pow(7, 10**7, 10) + (f(x + h) - f(x)) / h - 3\n"))
    assert took < REFUSED_WITHIN and verdict.valid and not verdict.correct
    assert "returned" in verdict.feedback and "expected" in verdict.feedback


def test_a_long_c_step_is_reported_with_its_true_length():
    """A single C call the guards cannot foresee runs past the limit; the message says how long."""
    budget = code_runner.Budget(time_limit=0.2)
    source = ("def slow(seconds):\n    for _ in range(10):\n        wait(seconds)\n    return 0\n")
    loaded = code_runner.load(source, "slow", budget)
    loaded.function.__globals__["wait"] = time.sleep     # stands for one long step inside C
    start = time.monotonic()
    out = code_runner.call(loaded.function, (0.7,), budget, source)
    assert time.monotonic() - start < 4
    assert out.stopped and budget.stopped_at > 1.2
    assert f"was stopped after {budget.stopped_at:.1f} seconds, though its limit is 0.2" in out.error
    assert "could not be stopped sooner" in out.error


# --- return values: capped, and a verdict for anything ------------------------------------------

def test_a_10_mb_return_gives_short_feedback():
    verdict, took = timed_check(function("    return 'a' * 10**7\n"))
    assert took < STOPPED_WITHIN
    assert verdict.valid and not verdict.correct
    assert len(verdict.feedback) < 20_000 and len(verdict.feedback) < 1_000
    assert "(10,000,000 characters) (a str), not a number" in verdict.feedback


def test_return_values_are_not_kept_alive():
    code_runner.check_code(function("    return 'a' * 10**7\n"), QUESTION.entry, QUESTION.cases)
    kept = sum(len(repr(run)) for run in code_runner._RUNS.values())
    assert kept < 50_000, "a run keeps numbers and short descriptions only"


def test_a_list_nested_200000_deep_gets_a_verdict():
    source = "DEEP = []\nfor _ in range(200_000):\n    DEEP = [DEEP]\n\n" + function("    return DEEP\n")
    verdict, took = timed_check(source)
    assert took < STOPPED_WITHIN
    assert verdict.valid and not verdict.correct
    assert "nested more than 32 deep" in verdict.feedback


@pytest.mark.parametrize("body, says", [
    ("    a = [1.0]\n    a.append(a)\n    return a\n", "contains itself"),
    ("    return 10**5000\n", "a whole number with about 5,000 digits (an int), not a number"),
    ("    n = 1\n    for _ in range(400):\n        n = n * 1000\n    return [n, 1]\n", "not a number"),
    ("    return {1: 2}\n", "{1: 2} (a dict), not a number"),
    ("    return np.ones((3, 3))\n", "not a number"),
    ("    return [0.5] * 1_000_000\n", "far more numbers than expected"),
    ("    return ['0.5', 1]\n", "['0.5', 1] (a list), not a number"),
    ("    return f\n", "a function"),
    ("    return (y for y in [1])\n", "an object of class generator, not a number"),
])
def test_pathological_returns_get_a_verdict(body, says):
    verdict, took = timed_check(function(body))
    assert took < STOPPED_WITHIN
    assert verdict.valid and not verdict.correct and says in verdict.feedback
    assert len(verdict.feedback) < 1_000


MISBEHAVING = """
class Odd:
    def __repr__(self):
        while True:
            pass
    def __str__(self):
        while True:
            pass
    def __eq__(self, other):
        return True
    def __float__(self):
        while True:
            pass
    def __len__(self):
        return 10**6
    def __iter__(self):
        while True:
            yield 1.0
    def __hash__(self):
        return 0
"""


@pytest.mark.parametrize("body, says", [
    ("    return Odd()\n", "an object of class Odd, not a number"),
    ("    return [Odd(), 1.0]\n", "not a number"),
    ("    return np.array([Odd()], dtype=object)\n", "not a number"),
    ("    raise ValueError(Odd())\n", "raised ValueError: an object of class Odd"),
    ("    class Loud(Exception):\n        def __str__(self):\n            while True:\n                pass\n"
     "    raise Loud('no')\n", "raised Loud: 'no'"),
])
def test_objects_whose_methods_loop_or_lie_get_a_verdict_without_running_them(body, says):
    verdict, took = timed_check(MISBEHAVING + function(body))
    assert took < REFUSED_WITHIN, "marking never calls the learner's __repr__, __eq__ or __float__"
    assert verdict.valid and not verdict.correct and says in verdict.feedback


def test_a_subclass_of_float_is_marked_by_its_value_not_its_methods():
    source = ("class Liar(float):\n    def __eq__(self, other):\n        return True\n"
              "    def __float__(self):\n        return 0.0\n\n"
              + function("    return Liar((f(x + h) - f(x)) / h)\n"))
    assert mark(QUESTION, source).correct
    wrong = source.replace("Liar((f(x + h) - f(x)) / h)", "Liar(12345.0)")
    assert not mark(QUESTION, wrong).correct


def test_a_huge_exception_message_is_capped():
    verdict, _ = timed_check(function("    raise ValueError('a' * 10**7)\n"))
    assert "raised ValueError: aaaa" in verdict.feedback and len(verdict.feedback) < 1_000


# --- learner code cannot change what marks it --------------------------------------------------------

PATCHES = {
    "math.isclose": "math.isclose = lambda *a, **k: True",
    "an alias of math": "m = math\n    m.isclose = lambda *a, **k: True",
    "np.isclose": "np.isclose = lambda *a, **k: True",
    "np.allclose": "np.allclose = lambda *a, **k: True",
    "np.linalg.norm": "np.linalg.norm = lambda *a, **k: 0.0",
    "deleting math.isclose": "del math.isclose",
    "math.pi": "math.pi = 3",
    "np.finfo.eps": "np.finfo.eps = 1.0",
    "the given function": "f.cache = {}",
    "np.sctypeDict": "np.sctypeDict.clear()",
    "np.seterr": "np.seterr(all='raise')",
    "np.set_printoptions": "np.set_printoptions(precision=1)",
    "np.random.seed": "np.random.seed(1)",
}

WRONG_CODE = function("    return (f(x + h) - f(x)) / h + 0.5\n")


def wrong_maths_answers():
    m1 = module("m1-what-is-calculus")
    expression = m1.exercise_set("differentiate").generate(0)
    numeric = m1.exercise_set("toolbox").generate(0)
    assert expression.kind == "expression" and numeric.kind == "numeric"
    return [(expression, f"({expression.solution}) + 1"), (numeric, f"{numeric.expected + 1:.6g}")]


@pytest.mark.parametrize("patch", list(PATCHES.values()), ids=list(PATCHES))
@pytest.mark.parametrize("where", ["in the function", "at the top level"])
def test_patching_math_or_numpy_cannot_make_a_later_wrong_answer_correct(patch, where):
    state = (np.geterr(), np.get_printoptions(), np.random.get_state()[1].copy(), len(np.sctypeDict))
    isclose, pi = math.isclose, math.pi
    if where == "in the function":   # caught, so the function goes on and returns
        source = function(f"    try:\n        {patch.replace(chr(10), chr(10) + '    ')}\n    except Exception:\n"
                          "        pass\n    return 0.0\n")
    else:
        source = patch.replace("\n    ", "\n") + "\n" + function("    return 0.0\n")
    mark(QUESTION, source)
    assert math.isclose is isclose and math.pi == pi
    assert not mark(QUESTION, WRONG_CODE).correct
    for question, wrong in wrong_maths_answers():
        assert not mark(question, wrong).correct, (question.kind, wrong)
        assert mark(question, question.solution if question.kind != "numeric"
                              else f"{question.expected:.12g}").correct
    assert np.geterr() == state[0] and np.get_printoptions() == state[1]
    assert np.array_equal(np.random.get_state()[1], state[2]) and len(np.sctypeDict) == state[3]
    assert mark(QUESTION, QUESTION.solution).correct


@pytest.mark.parametrize("patch", ["math.isclose = lambda *a, **k: True", "np.isclose = 1"])
def test_a_refused_change_is_explained(patch):
    verdict = mark(QUESTION, function(f"    {patch}\n    return 0.0\n"))
    assert verdict.valid and not verdict.correct
    assert "cannot change" in verdict.feedback and "read-only" in verdict.feedback


@pytest.mark.parametrize("source, says", [
    (function("    def g():\n        yield 1\n    g_it = g()\n    return g_it.gi_frame\n"), "'gi_frame'"),
    (function("    try:\n        1 / 0\n    except ZeroDivisionError as e:\n        return e.__traceback__\n"),
     "'__traceback__'"),
    (function("    return f.__globals__['math']\n"), "'__globals__'"),
    (function("    return math.__dict__\n"), "'__dict__'"),
    ("def __mvcalc_tick__():\n    return True\n" + function("    while True: pass\n"), "'__mvcalc_tick__'"),
    (function("    def spin(__mvcalc_tick__=print):\n        while True: pass\n    return spin()\n"),
     "'__mvcalc_tick__'"),
    ("class A:\n    def __del__(self):\n        pass\n" + function("    return 0\n"), "'__del__'"),
])
def test_ways_round_the_namespace_are_refused_before_running(source, says):
    verdict, took = timed_check(source)
    assert took < REFUSED_WITHIN
    assert not verdict.valid and says in verdict.feedback


@pytest.mark.parametrize("name", ["lib", "ctypeslib", "testing", "f2py", "_core", "core"])
def test_numpy_parts_beyond_its_public_maths_are_not_offered(name):
    verdict = mark(QUESTION, function(f"    return np.{name}\n"))
    assert not verdict.correct and f"np.{name} is not available here" in verdict.feedback


def test_changing_its_own_arguments_changes_nothing_for_later_calls():
    m6 = module("m6-regression").exercise_set("fitting-non-linear")
    question = next(q for q in (m6.generate(s) for s in range(40)) if q.kind == "code")
    entry = question.entry
    vandal = (f"def {entry}(a, b, x, y):\n    x[:] = [0.0] * len(x)\n    y.clear()\n    return [0.0, 0.0]\n")
    before = [list(case.args[2]) for case in question.cases]
    assert not mark(question, vandal).correct
    assert [list(case.args[2]) for case in question.cases] == before
    assert mark(question, question.solution).correct


def test_a_correct_answer_using_numpy_and_math_still_passes():
    source = function("    a = np.array([f(x + h), f(x)])\n    a *= 2\n    a[0:1] **= 1\n"
                      "    b = a.reshape(2, 1)\n    b.shape = (2,)\n"
                      "    return float((b[0] - b[1]) / h / 2) + 0 * math.pi\n")
    verdict, took = timed_check(source)
    assert verdict.correct, verdict.feedback
    assert took < REFUSED_WITHIN
