"""The gradient-descent sandpit lab: the presets (reference algorithms) reach the known minima,
the hybrid fixes Newton on a saddle, a learner's broken next_step gets a friendly message
(an exception, NaN, a wrong shape, divergence, a loop that never ends), and the property tests
grade every intended kind of solution correct and typical wrong ones not, naming the property."""
from __future__ import annotations

import json
import math

import pytest

from mvcalc import service
from mvcalc.labs import LABS, packages
from mvcalc.labs.descent import PRESETS, STARTER, handle, walk
from mvcalc.labs.descent_checks import PROPERTIES
from mvcalc.optimise import LANDSCAPES_BY_KEY


def near_a_minimum(land: str, point) -> bool:
    return min(math.dist(point, m) for m in LANDSCAPES_BY_KEY[land].minima) < 1e-3


def test_the_lab_is_listed_without_extra_packages_and_answers_through_the_service():
    assert LABS["descent"][0] == "mvcalc.labs.descent" and packages("descent") == []
    reply = json.loads(service.handle("lab", json.dumps(
        {"lab": "descent", "payload": {"code": PRESETS["fixed"], "land": "bowl", "start": [-4, 2], "steps": 200}})))
    result = reply["result"]
    assert result["status"] == "converged" and near_a_minimum("bowl", result["path"][-1])
    assert result["path"][0] == [-4.0, 2.0] and len(result["f"]) == len(result["path"])


def test_the_starter_is_empty_and_the_fixed_preset_takes_the_fixed_step():
    assert "# YOUR CODE: next_step" in STARTER and "return np.zeros(2)" in STARTER
    result = walk(STARTER, "valley", (-4.5, 2.0), 5)
    assert result["status"] == "stopped" and result["path"][-1] == [-4.5, 2.0] and "tiny" in result["message"]
    result = walk(PRESETS["fixed"], "valley", (-4.5, 2.0), 1)
    assert result["path"][1] == pytest.approx([-4.5 + 0.09 * 9, 2.0 - 0.09 * 40])


def test_the_presets_are_the_starter_with_its_blank_filled():
    for key in ("fixed", "newton", "hybrid"):
        assert PRESETS[key].startswith("def next_step(f, J, H):\n    # f: the height here")
        assert "# YOUR CODE" not in PRESETS[key] and "np.zeros(2)" not in PRESETS[key]
    assert "def reset():" in PRESETS["shrinking"]


@pytest.mark.parametrize("land", ["bowl", "valley", "wells", "egg"])
def test_shrinking_steepest_descent_converges(land):
    result = walk(PRESETS["shrinking"], land, LANDSCAPES_BY_KEY[land].start, 300)
    assert result["status"] == "converged" and near_a_minimum(land, result["path"][-1])
    assert all(b <= a + 1e-12 for a, b in zip(result["f"][:3], result["f"][1:3])) or result["f"][-1] < result["f"][0]


@pytest.mark.parametrize("land", ["bowl", "valley", "banana"])
def test_newton_converges_fast_on_these(land):
    result = walk(PRESETS["newton"], land, LANDSCAPES_BY_KEY[land].start, 50)
    assert result["status"] == "converged" and near_a_minimum(land, result["path"][-1])
    assert result["steps"] <= 8


@pytest.mark.parametrize("land", ["bowl", "valley", "banana", "wells", "egg"])
def test_hybrid_converges_everywhere(land):
    result = walk(PRESETS["hybrid"], land, LANDSCAPES_BY_KEY[land].start, 300)
    assert result["status"] == "converged" and near_a_minimum(land, result["path"][-1]), result["message"]


def test_hybrid_fixes_newton_on_the_saddle():
    start = (1.5, 0.3)
    newton = walk(PRESETS["newton"], "wells", start, 100)
    assert newton["status"] == "saddle" and "saddle" in newton["message"]
    assert newton["path"][-1] == pytest.approx([0, 0], abs=1e-6)
    hybrid = walk(PRESETS["hybrid"], "wells", start, 100)
    assert hybrid["status"] == "converged" and near_a_minimum("wells", hybrid["path"][-1])


def test_fixed_step_too_large_diverges_with_a_message():
    code = "def next_step(f, J, H):\n    return -0.2 * J\n"
    result = walk(code, "valley", (-4.5, 2.0), 100)
    assert result["status"] == "diverged" and "Diverged" in result["message"]


@pytest.mark.parametrize("code, words", [
    ("def next_step(f, J, H)\n    return -J\n", "could not read"),
    ("def step(f, J, H):\n    return -J\n", "Define a function called next_step"),
    ("def next_step(f, J, H):\n    return 1 / 0\n", "ZeroDivisionError"),
    ("def next_step(f, J, H):\n    return J * float('nan')\n", "not finite"),
    ("def next_step(f, J, H):\n    return 0.5\n", "single number"),
    ("def next_step(f, J, H):\n    return [1, 2, 3]\n", "3 numbers"),
    ("def next_step(f, J, H):\n    return 'down'\n", "return a step"),
    ("import os\ndef next_step(f, J, H):\n    return -J\n", "no imports"),
    pytest.param("def next_step(f, J, H):\n    while True:\n        pass\n", "stopped", marks=pytest.mark.slow),
])
def test_broken_code_gets_a_friendly_message(code, words):
    result = walk(code, "bowl", (1.0, 1.0), 20)
    assert result["status"] == "error"
    assert words in result["message"], result["message"]
    assert result["path"][0] == [1.0, 1.0]


def test_unknown_landscape_is_refused():
    with pytest.raises(ValueError):
        LABS and __import__("mvcalc.labs.descent", fromlist=["handle"]).handle({"land": "moon", "code": STARTER})
    with pytest.raises(ValueError):
        handle({"action": "dig", "code": STARTER})


# --- grading -------------------------------------------------------------------------------------

def outcome(code: str) -> dict:
    graded = handle({"action": "grade", "code": code})
    return {r["name"]: r for r in graded["results"]} | {"": graded}


@pytest.mark.parametrize("kind, fails", [("fixed", ["one Newton step on a quadratic"]),
                                         ("shrinking", ["one Newton step on a quadratic"]),
                                         ("newton", ["leaves the saddle"]),
                                         ("hybrid", [])])
def test_every_intended_kind_is_graded_correct(kind, fails):
    graded = outcome(PRESETS[kind])
    assert graded[""]["correct"], graded[""]["message"]
    assert [name for name in PROPERTIES if not graded[name]["passed"]] == fails
    assert graded[""]["passed"] == 4 - len(fails)
    assert graded[""]["message"].startswith("Correct")


UPHILL = "def next_step(f, J, H):\n    return 0.1 * J\n"


@pytest.mark.parametrize("code, failed, words", [
    (UPHILL, "goes downhill", "goes uphill"),
    (STARTER, "goes downhill", "step is zero"),
    ("def next_step(f, J, H):\n    return np.linalg.solve(H, J)\n", "goes downhill", "goes uphill"),
    ("def next_step(f, J, H):\n    return -0.2 * J\n", "reaches the bottom of the narrow valley", "Diverged"),
    ("def next_step(f, J, H):\n    return -0.1 * J\n", "reaches the bottom of the narrow valley", "Still going"),
    ("def next_step(f, J, H):\n    return -0.01 * J\n", "reaches the bottom of the narrow valley", "bigger steps"),
    ("def next_step(f, J, H):\n    return -H @ J\n", "reaches the bottom of the narrow valley", "Diverged"),
    ("def next_step(f, J, H):\n    return -0.1 * J / np.linalg.norm(J)\n", "reaches the bottom of the narrow valley",
     "Still going"),
    ("def next_step(f, J, H):\n    return -np.linalg.inv(H) * J\n", "goes downhill", "shape 2 × 2"),
])
def test_typical_wrong_solutions_fail_a_required_property_by_name(code, failed, words):
    graded = outcome(code)
    assert not graded[""]["correct"] and graded[""]["message"].startswith("Not yet")
    assert f"“{failed}”" in graded[""]["message"]
    assert not graded[failed]["passed"] and words in graded[failed]["message"], graded[failed]["message"]


def test_newton_on_the_saddle_is_told_about_the_hybrid():
    graded = outcome(PRESETS["newton"])
    assert "saddle" in graded["leaves the saddle"]["message"] and "hybrid" in graded["leaves the saddle"]["message"]


def test_grading_reloads_the_code_for_every_walk_and_calls_reset():
    """State kept in a global starts clean on every walk: the shrinking preset without its
    reset() still passes, because the page loads the code afresh each time."""
    no_reset = PRESETS["shrinking"].replace("def reset():", "def unused():")
    assert outcome(no_reset)[""]["correct"]
    broken_reset = PRESETS["shrinking"].replace("    memory.update(gamma=0.5, last_f=None, last_step=None)",
                                                "    return 1 / 0")
    graded = outcome(broken_reset)
    assert not graded[""]["correct"] and "reset() failed" in graded["goes downhill"]["message"]


@pytest.mark.parametrize("code, words", [
    ("def next_step(f, J, H)\n    return -J\n", "could not read"),
    ("def step(f, J, H):\n    return -J\n", "Define a function called next_step"),
    pytest.param("def next_step(f, J, H):\n    while True:\n        pass\n", "stopped", marks=pytest.mark.slow),
])
def test_broken_code_is_graded_with_a_friendly_message(code, words):
    graded = outcome(code)
    assert not graded[""]["correct"]
    assert all(words in graded[name]["message"] for name in PROPERTIES), graded


def test_grading_is_quick():
    import time
    for code in [*PRESETS.values(), UPHILL]:
        started = time.perf_counter()
        outcome(code)
        assert time.perf_counter() - started < 1.0


def test_the_tilted_quadratic_is_what_its_formula_says():
    import numpy as np
    import sympy as sp
    from mvcalc.labs.descent_checks import TILTED
    x, y = sp.symbols("x y")
    f = (3 * (x - 1) ** 2 + 2 * (x - 1) * (y + 2) + 2 * (y + 2) ** 2) / 2
    grad = [sp.diff(f, v) for v in (x, y)]
    hess = sp.hessian(f, (x, y))
    assert sp.solve(grad, [x, y]) == {x: 1, y: -2} and all(ev > 0 for ev in hess.eigenvals())
    for p in ((0.2, -1.0), (3.1, 0.4), (-1.5, -4.2)):
        at = {x: p[0], y: p[1]}
        assert TILTED.f(np.array(p)) == pytest.approx(float(f.subs(at)))
        assert np.allclose(TILTED.J(np.array(p)), [float(g.subs(at)) for g in grad])
        assert np.allclose(TILTED.H(np.array(p)), np.array(hess.subs(at), dtype=float))
    from mvcalc.labs.descent_checks import QUADRATIC_STARTS
    assert all(math.dist(s, (1, -2)) < 1.5 for s in QUADRATIC_STARTS), "close enough for the hybrid's Newton step"


def test_the_pages_lab_text_is_true():
    from pathlib import Path
    from mvcalc.labs.descent_checks import BOTTOM, GRADE_STEPS, VALLEY_STARTS
    text = Path(__file__).resolve().parents[2].joinpath("site/m5-optimisation/index.html").read_text()
    lab = text[text.index('<section id="sandpit"'):]
    assert f"within {BOTTOM:g} of" in lab and f"within {GRADE_STEPS} steps" in lab and len(VALLEY_STARTS) == 3
    fixed = lambda gamma: f"def next_step(f, J, H):\n    return -{gamma} * J\n"   # noqa: E731
    assert "return -0.01 * J" in lab
    crawl = outcome(fixed(0.01))
    assert crawl[""]["correct"] is False and crawl["goes downhill"]["passed"]
    assert outcome(fixed(0.0909))[""]["correct"] and 70 <= walk(fixed(0.0909), "valley", (-4.5, 2), 300)["steps"] <= 80
    slow = outcome(fixed(0.099))["reaches the bottom of the narrow valley"]
    assert not slow["passed"] and "Still going after 200 steps" in slow["message"]
    late = walk(fixed(0.097), "valley", (-4.5, 2), 300)
    assert late["status"] == "converged" and late["steps"] > 200, "it does get there, in the end"
    assert "1/11 \\approx 0.091" in lab and "needs about 75" in lab
    assert "Diverged" in outcome(fixed(0.2))["reaches the bottom of the narrow valley"]["message"]
    assert "from \\((1.5, 0.3)\\)" in lab
    newton = walk(PRESETS["newton"], "wells", (1.5, 0.3), 100)
    assert newton["status"] == "saddle"
    assert outcome(PRESETS["hybrid"])[""]["passed"] == 4
    assert "\\(\\gamma = 0.09\\)" in lab and "gamma = 0.09" in PRESETS["fixed"]
