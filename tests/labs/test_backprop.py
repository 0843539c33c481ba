"""The backpropagation lab: reference Jacobians against finite differences, the learner
check naming a wrong Jacobian, training that draws a heart, the data as the lab states it."""
from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from mvcalc import service
from mvcalc.labs import LABS, backprop as bp, backprop_checks as net


def test_data_is_the_heart_mapped_into_the_unit_square():
    x, y = bp.training_data()
    assert x.shape == (1, 100) and y.shape == (2, 100)
    assert np.allclose(x[0], [0.01 * i for i in range(100)])
    for i in (0, 13, 37, 64, 99):
        t = 2 * math.pi * 0.01 * i
        hx = 16 * math.sin(t) ** 3 / 20
        hy = (13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)) / 20
        assert y[0, i] == pytest.approx((hx + 1) / 2, abs=1e-12)
        assert y[1, i] == pytest.approx((hy + 1) / 2, abs=1e-12)
    assert 0 < y.min() and y.max() < 1          # a sigmoid output can reach every target


@pytest.mark.parametrize("seed", [1, 5, 9])
def test_reference_jacobians_match_finite_differences(seed):
    params = bp.random_network(seed)
    x, y = bp.training_data()
    grads = bp.reference_jacobians(params, x, y)
    for name in bp.ORDER:
        numeric = net.numerical_jacobian(params, name, x, y)
        assert grads[name].shape == bp.SHAPES[name]
        assert np.allclose(grads[name], numeric, rtol=1e-5, atol=1e-9), name


def test_finite_differences_are_independent_of_the_formula():
    """The numerical Jacobian of a cost that is linear in b3 alone is that constant."""
    params = bp.random_network(4)
    x, y = bp.training_data()
    h = 1e-4
    base = net.network_cost(params, x, y)
    params["b3"][1, 0] += h
    forward = (net.network_cost(params, x, y) - base) / h
    params["b3"][1, 0] -= h
    assert net.numerical_jacobian(params, "b3", x, y)[1, 0] == pytest.approx(forward, rel=1e-3)


def test_the_reference_code_passes_the_check_and_the_starter_does_not():
    good = bp.check(bp.REFERENCE)
    assert good["ok"], good
    assert [r["name"] for r in good["results"]] == ["J_W3", "J_b3", "J_W2", "J_b2", "J_W1", "J_b1"]
    starter = bp.check(bp.STARTER)
    assert not starter["ok"]
    assert [r["passed"] for r in starter["results"]] == [True, False, False, False, False, False]
    assert "all zeros" in starter["results"][1]["message"]


def test_a_missing_sigma_prime_is_named_with_its_size():
    wrong = bp.REFERENCE.replace(
        "    J = (W2.T @ J) * d_sigma(z1)\n    return J @ a0.T / x.size",
        "    J = (W2.T @ J)\n    return J @ a0.T / x.size")
    assert wrong != bp.REFERENCE
    result = bp.check(wrong)
    assert not result["ok"]
    bad = [r for r in result["results"] if not r["passed"]]
    assert [r["name"] for r in bad] == ["J_W1"]
    assert "J_W1 is wrong" in bad[0]["message"] and "differ" in bad[0]["message"]
    gap = float(re.search(r"by up to ([0-9.e-]+)", bad[0]["message"]).group(1))
    assert gap > 1e-4


def test_a_factor_of_two_is_called_a_constant_factor():
    wrong = bp.REFERENCE.replace(J_W3_END, "    return J @ a2.T / x.size / 2\n")
    result = bp.check(wrong)
    assert not result["results"][0]["passed"]
    assert "0.5 times the right answer" in result["results"][0]["message"]


J_W3_END = "    J = J @ a2.T / x.size     # times dz3/dW3 = a2, summed over the points\n    return J\n"


@pytest.mark.slow
def test_learner_errors_are_reported_not_raised():
    assert J_W3_END in bp.REFERENCE
    assert "Define" in bp.check("def J_W3(x, y):\n    return 0\n")["message"]
    assert "Python could not read" in bp.check("def J_W3(x, y)\n")["message"]
    crash = bp.check(bp.REFERENCE.replace(J_W3_END, "    return 1 / 0\n"))
    assert "ZeroDivisionError" in crash["results"][0]["message"]
    shape = bp.check(bp.REFERENCE.replace(J_W3_END, "    return J\n"))
    assert "shape (2, 100)" in shape["results"][0]["message"]
    loop = bp.check(bp.REFERENCE.replace(J_W3_END, "    while True:\n        pass\n", 1))
    assert "stopped" in loop["results"][0]["message"]


def test_training_the_reference_network_draws_the_heart():
    x, y = bp.training_data()
    start = bp.start({"seed": 2})
    state, costs = start["state"], []
    for _ in range(3):
        reply = bp.train({"reference": True, "state": state, "steps": 1000})
        assert reply["ok"]
        state, costs = reply["state"], costs + reply["costs"]
    assert costs[-1] < start["cost"] / 20           # the cost drops substantially
    assert costs[-1] < 0.005
    assert np.max(np.abs(np.array(reply["curve"]) - y)) < 0.1   # the curve is (close to) the heart


def test_training_with_learner_code_matches_the_reference():
    start = bp.start({"seed": 3})
    mine = bp.train({"code": bp.REFERENCE, "state": start["state"], "steps": 40})
    ref = bp.train({"reference": True, "state": start["state"], "steps": 40})
    assert mine["ok"] and np.allclose(mine["costs"], ref["costs"], atol=1e-6)
    broken = bp.train({"code": "def J_W3(x, y):\n    return 0\n", "steps": 5})
    assert not broken["ok"]
    crash = bp.train({"code": bp.REFERENCE.replace("return J @ a1.T / x.size", "return 1 / 0"), "steps": 5})
    assert not crash["ok"] and crash["message"].startswith("Training stopped at step 1, J_W2 did not return")


def test_the_starter_and_reference_are_one_template():
    from mvcalc.labs.blanks import fill, names
    assert names(bp.STARTER) == ["J_b3", "J_W2", "J_b2", "J_W1", "J_b1"]
    assert bp.REFERENCE == fill(bp.STARTER, bp.ANSWERS) and "# YOUR CODE" not in bp.REFERENCE


def test_the_lab_is_listed_and_answers_through_the_service():
    assert LABS["backprop"][0] == "mvcalc.labs.backprop"
    reply = json.loads(service.handle("lab", json.dumps(
        {"lab": "backprop", "payload": {"action": "check", "code": bp.REFERENCE}})))
    assert reply["result"]["ok"]
