"""The learner-code runner inside the browser's own Python: the vendored Pyodide, under Node.

The stop (ticks inserted in the learner's code), the guards before long C work and the
read-only math and numpy are plain Python, meant to work the same in CPython and in
Pyodide; this runs the real code question there to show that they do.  It needs Node
(always present here and in CI: a missing one fails, loudly) and the vendored runtime
(``python3 py/make.py build`` puts it in .cache/runtime/pyodide).
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from sitebuild.paths import ROOT, RUNTIME

RUNNER = ROOT / "py" / "sitebuild" / "pyodide_node.js"
PYODIDE = RUNTIME / "pyodide"

pytestmark = pytest.mark.node

SCRIPT = r'''
import json, math, sys, time
sys.path.insert(0, "/host")
import numpy as np
from mvcalc.course import module
from mvcalc.questions import code_runner
from mvcalc.questions.marking import mark
from mvcalc.checking.numeric import check_numeric

question = module("m2-multivariate-calculus").exercise_set("finite-differences").generate(0)
head = "def forward_difference(f, x, h):\n"
results = {"python": sys.version.split()[0], "entry": question.entry, "sympy": "sympy" in sys.modules}
real = (math.isclose, np.isclose, np.allclose)


def check(name, source):
    code_runner._RUNS.clear()
    start = time.monotonic()
    verdict = mark(question, source)
    results[name] = {"seconds": round(time.monotonic() - start, 3), "correct": verdict.correct,
                     "valid": verdict.valid, "feedback": verdict.feedback}


check("numpy first", head + "    a = np.array([f(x + h), f(x)])\n    return float((a[0] - a[1]).sum() / h)\n")
check("solution", question.solution)
check("escape", head + "    try:\n        while True: pass\n    except:\n        pass\n    while True: pass\n")
check("escape in a comprehension", head + "    while True:\n        try:\n            [0 for _ in range(10**12)]\n"
      "        except:\n            continue\n")
check("C loop", head + "    return sum(range(10**9))\n")
check("huge power", head + "    return 7**(10**7) % 10\n")
check("huge repetition", head + "    return [0] * 10**9\n")
check("patching", head + "    for patch in (1, 2, 3):\n        try:\n"
      "            if patch == 1:\n                math.isclose = lambda *a, **k: True\n"
      "            elif patch == 2:\n                np.isclose = lambda *a, **k: True\n"
      "            else:\n                np.allclose = lambda *a, **k: True\n"
      "        except Exception:\n            pass\n    return 0.0\n")
check("wrong after patching", head + "    return (f(x + h) - f(x)) / h + 0.5\n")
results["maths wrong after patching"] = check_numeric("3.5", 2.5).correct
results["maths right after patching"] = check_numeric("2.5", 2.5).correct
results["modules untouched"] = (math.isclose, np.isclose, np.allclose) == real and not math.isclose(1, 2)
check("10 MB return", head + "    return 'a' * 10**7\n")
check("deep list", "DEEP = []\nfor _ in range(200_000):\n    DEEP = [DEEP]\n\n" + head + "    return DEEP\n")
print("RESULT " + json.dumps(results))
'''


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict:
    node = shutil.which("node")
    assert node, "this test runs the vendored Pyodide under Node: install Node (it is needed for the build too)"
    assert (PYODIDE / "pyodide.js").is_file(), \
        f"no vendored Pyodide at {PYODIDE}: run `python3 py/make.py build` first"
    script = tmp_path_factory.mktemp("pyodide") / "hostile.py"
    script.write_text(SCRIPT)
    done = subprocess.run([node, str(RUNNER), str(PYODIDE), str(script), str(ROOT / "py"), "numpy"],
                          capture_output=True, text=True, timeout=300)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, f"Pyodide run failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return json.loads(lines[-1][len("RESULT "):])


def test_it_runs_in_the_browsers_python_without_sympy(results):
    assert results["python"].startswith("3.12") and results["entry"] == "forward_difference"
    assert not results["sympy"], "the code worker has no sympy; the runner must not need it"


def test_numpy_and_the_solution_work_there(results):
    assert results["numpy first"]["correct"], results["numpy first"]
    assert results["solution"]["correct"] and results["solution"]["seconds"] < 2


@pytest.mark.parametrize("name", ["escape", "escape in a comprehension", "C loop"])
def test_the_escape_and_a_c_loop_are_stopped_within_5_seconds(results, name):
    result = results[name]
    assert result["seconds"] < 5, result
    assert result["valid"] and not result["correct"]
    assert "did not return: it was stopped after 2 seconds" in result["feedback"]


@pytest.mark.parametrize("name, says", [("huge power", "about 8,450,981 digits"),
                                        ("huge repetition", "a list of 1,000,000,000 items")])
def test_huge_c_work_is_refused_at_once(results, name, says):
    result = results[name]
    assert result["seconds"] < 1, result
    assert says in result["feedback"] and "far more than any exercise here needs" in result["feedback"]


def test_patching_math_and_numpy_changes_nothing(results):
    assert not results["patching"]["correct"]
    assert not results["wrong after patching"]["correct"]
    assert "expected" in results["wrong after patching"]["feedback"]
    assert results["maths wrong after patching"] is False
    assert results["maths right after patching"] is True
    assert results["modules untouched"] is True


def test_returns_are_capped_and_deep_ones_get_a_verdict(results):
    big, deep = results["10 MB return"], results["deep list"]
    assert len(big["feedback"]) < 20_000 and "(10,000,000 characters) (a str), not a number" in big["feedback"]
    assert deep["valid"] and not deep["correct"] and "nested more than 32 deep" in deep["feedback"]
    assert big["seconds"] < 5 and deep["seconds"] < 5
