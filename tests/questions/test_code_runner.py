"""The learner-code runner: verdicts, readable failures, a time budget, a small namespace."""
from __future__ import annotations

import math
import time

import pytest

from mvcalc.questions.code_runner import Budget, check_code, load, same_behaviour
from mvcalc.questions.model import CodeCase

CASES = [CodeCase((math.sin, x), math.cos(x), f"f(x) = sin(x), x = {x}", rel_tol=1e-4, abs_tol=1e-6)
         for x in (0.1, 0.7, 1.3, 2.2, 2.9)]

GOOD = """
def derivative(f, x):
    h = 1e-5
    return (f(x + h) - f(x - h)) / (2 * h)
"""


def test_a_correct_function_passes():
    verdict = check_code(GOOD, "derivative", CASES)
    assert verdict.correct and verdict.valid
    assert "5 tests passed" in verdict.feedback


def test_numpy_and_math_are_available():
    source = "def derivative(f, x):\n    return float(np.cos(x)) + 0 * math.pi\n"
    assert check_code(source, "derivative", CASES).correct


def test_a_wrong_function_fails_naming_the_input():
    source = "def derivative(f, x):\n    return (f(x + 0.5) - f(x)) / 0.5\n"
    verdict = check_code(source, "derivative", CASES)
    assert verdict.valid and not verdict.correct
    assert "For f(x) = sin(x), x = 0.1 your function returned" in verdict.feedback
    assert "expected 0.995004" in verdict.feedback
    assert "5 of 5 tests failed" in verdict.feedback


def test_a_non_number_is_reported():
    verdict = check_code("def derivative(f, x):\n    return 'slope'\n", "derivative", CASES)
    assert verdict.valid and not verdict.correct
    assert "'slope' (a str), not a number" in verdict.feedback


def test_vectors_compare_entry_by_entry():
    cases = [CodeCase((1.0, 2.0), (2.0, 1.0), "x = 1, y = 2")]
    assert check_code("def g(x, y):\n    return [y, x]\n", "g", cases).correct
    assert check_code("def g(x, y):\n    return np.array([y, x])\n", "g", cases).correct
    wrong = check_code("def g(x, y):\n    return [x, y]\n", "g", cases)
    assert not wrong.correct and "returned [1, 2], expected [2, 1]" in wrong.feedback


def test_an_exception_is_reported_with_its_line():
    source = "def derivative(f, x):\n    h = 0\n    return (f(x + h) - f(x)) / h\n"
    verdict = check_code(source, "derivative", CASES)
    assert verdict.valid and not verdict.correct
    assert "ZeroDivisionError" in verdict.feedback
    assert "line 3: return (f(x + h) - f(x)) / h" in verdict.feedback
    assert "x = 0.1" in verdict.feedback


def test_a_syntax_error_is_invalid_not_wrong():
    verdict = check_code("def derivative(f, x)\n    return 1\n", "derivative", CASES)
    assert not verdict.valid and not verdict.correct
    assert verdict.feedback.startswith("Line 1:")


def test_a_missing_function_is_invalid():
    verdict = check_code("def slope(f, x):\n    return 1\n", "derivative", CASES)
    assert not verdict.valid
    assert "Define a function called derivative" in verdict.feedback


@pytest.mark.parametrize("body", [
    "    while True:\n        pass\n",
    "    while True: pass\n",
    "    x = 1\n    while x: x += 1\n",
    "    while True:\n        try:\n            pass\n        except:\n            pass\n",
    "    n = 0\n    while n >= 0:\n        try:\n            n += 1\n        except BaseException:\n            continue\n",
])
def test_an_endless_loop_is_stopped_within_a_few_seconds(body):
    start = time.monotonic()
    verdict = check_code("def derivative(f, x):\n" + body, "derivative", CASES, time_limit=1.0)
    assert time.monotonic() - start < 8     # generous: the test machine may be busy
    assert verdict.valid and not verdict.correct
    assert "stopped after 1 seconds" in verdict.feedback and "loop" in verdict.feedback


def test_an_endless_loop_at_top_level_is_stopped():
    start = time.monotonic()
    verdict = check_code("while True: pass\n", "derivative", CASES, time_limit=0.5)
    assert time.monotonic() - start < 6
    assert not verdict.valid and "stopped" in verdict.feedback


def test_the_step_budget_stops_a_long_loop_before_the_clock():
    source = "def derivative(f, x):\n    for i in range(10**9):\n        pass\n    return 0\n"
    verdict = check_code(source, "derivative", CASES, time_limit=60, step_limit=20_000)
    assert "stopped" in verdict.feedback


def test_deep_recursion_is_reported():
    source = "def derivative(f, x):\n    return derivative(f, x)\n"
    verdict = check_code(source, "derivative", CASES)
    assert not verdict.correct and "RecursionError" in verdict.feedback


def test_the_tracer_is_removed_afterwards():
    import sys
    before = sys.gettrace()
    check_code("while True:\n    pass\n", "derivative", CASES, time_limit=0.2)
    assert sys.gettrace() is before


@pytest.mark.parametrize("source, says", [
    ("import os\ndef derivative(f, x):\n    return 0\n", "no imports"),
    ("from sys import modules\ndef derivative(f, x):\n    return 0\n", "no imports"),
    ("def derivative(f, x):\n    return f.__globals__\n", "'__globals__' is not available"),
    ("def derivative(f, x):\n    return __builtins__\n", "'__builtins__' is not available"),
])
def test_imports_and_dunder_names_are_refused_before_running(source, says):
    verdict = check_code(source, "derivative", CASES)
    assert not verdict.valid and says in verdict.feedback


@pytest.mark.parametrize("name", ["open", "eval", "exec", "__import__", "globals", "getattr",
                                  "check_code", "Budget", "sys", "CASES", "compile", "input"])
def test_learner_code_sees_only_its_namespace(name):
    source = f"def derivative(f, x):\n    return {name}\n"
    if name.startswith("__"):
        assert not load(source, "derivative").function
        return
    verdict = check_code(source, "derivative", CASES)
    assert not verdict.correct
    assert f"NameError: name '{name}' is not defined" in verdict.feedback


def test_learner_globals_hold_only_the_given_names():
    source = "def names():\n    return 0\nSEEN = 1\n"
    loaded = load(source, "names")
    env = loaded.function.__globals__
    assert set(env) == {"__builtins__", "__name__", "math", "np", "names", "SEEN"}
    assert "open" not in env["__builtins__"] and "__import__" not in env["__builtins__"]


def test_each_load_gets_a_fresh_namespace():
    first = load("math = None\ndef f():\n    return math\n", "f").function
    second = load("def f():\n    return math\n", "f").function
    # the second sees math again: its read-only view, which reads the real module
    assert first() is None and second().pi == math.pi and second().isclose is math.isclose


def test_same_behaviour_matches_programs_by_their_results():
    other = "def derivative(f, x):\n    h = 1e-6\n    return (f(x + h) - f(x - h)) / (2 * h)\n"
    assert same_behaviour(GOOD, other, "derivative", CASES)
    assert not same_behaviour(GOOD, "def derivative(f, x):\n    return 0\n", "derivative", CASES)
    assert not same_behaviour(GOOD, "def derivative(f, x):\n    while True: pass\n", "derivative", CASES)


def test_a_budget_is_shared_across_calls():
    budget = Budget(time_limit=0.3)
    loaded = load("def spin():\n    while True:\n        pass\n", "spin", budget)
    start = time.monotonic()
    from mvcalc.questions.code_runner import call
    first = call(loaded.function, (), budget, "")
    second = call(loaded.function, (), budget, "")
    assert first.stopped and second.stopped
    assert time.monotonic() - start < 5
