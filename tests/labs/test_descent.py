"""The gradient-descent sandpit lab: the presets (reference algorithms) reach the known minima,
the hybrid fixes Newton on a saddle, and a learner's broken next_step gets a friendly message
(an exception, NaN, a wrong shape, divergence, a loop that never ends)."""
from __future__ import annotations

import json
import math

import pytest

from mvcalc import service
from mvcalc.labs import LABS, packages
from mvcalc.labs.descent import PRESETS, STARTER, walk
from mvcalc.optimise import LANDSCAPES_BY_KEY


def near_a_minimum(land: str, point) -> bool:
    return min(math.dist(point, m) for m in LANDSCAPES_BY_KEY[land].minima) < 1e-3


def test_the_lab_is_listed_without_extra_packages_and_answers_through_the_service():
    assert LABS["descent"][0] == "mvcalc.labs.descent" and packages("descent") == []
    reply = json.loads(service.handle("lab", json.dumps(
        {"lab": "descent", "payload": {"code": STARTER, "land": "bowl", "start": [-4, 2], "steps": 200}})))
    result = reply["result"]
    assert result["status"] == "converged" and near_a_minimum("bowl", result["path"][-1])
    assert result["path"][0] == [-4.0, 2.0] and len(result["f"]) == len(result["path"])


def test_the_starter_returns_the_fixed_step():
    result = walk(STARTER, "valley", (-4.5, 2.0), 1)
    assert result["path"][1] == pytest.approx([-4.5 + 0.1 * 9, 2.0 - 0.1 * 40])


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
    ("def next_step(f, J, H):\n    while True:\n        pass\n", "stopped"),
])
def test_broken_code_gets_a_friendly_message(code, words):
    result = walk(code, "bowl", (1.0, 1.0), 20)
    assert result["status"] == "error"
    assert words in result["message"], result["message"]
    assert result["path"][0] == [1.0, 1.0]


def test_unknown_landscape_is_refused():
    with pytest.raises(ValueError):
        LABS and __import__("mvcalc.labs.descent", fromlist=["handle"]).handle({"land": "moon", "code": STARTER})
