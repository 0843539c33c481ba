"""Every number a Module 3 figure reports, checked against an independent computation
(sympy's derivative of the composed function, or the network worked out by hand in plain
Python), and every scene built at desktop and phone widths."""
from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from mvcalc.figures.network import (CHAIN_A0, CHAIN_B1, CHAIN_B2, CHAIN_Y, B1, B2, W1, W2, BackpropScene,
                                    HeartScene, NetworkScene, heart_target)
from mvcalc.figures.neuron import NOT_DATA, CostScene, NeuronScene, SigmoidScene
from mvcalc.figures.path_chain import LANDSCAPES, PathChainScene
from mvcalc.labs.backprop import training_data

t, z, w1, w2 = sp.symbols("t z w1 w2", real=True)
X, Y = sp.symbols("x y", real=True)
SYMPY_F = {"bowl": X**2 + 3 * Y**2, "saddle": X * Y}


def num(text: str) -> float:
    return float(text.replace("−", "-"))


def s(v):
    return 1 / (1 + math.exp(-v))


@pytest.mark.parametrize("scene", [PathChainScene(), NeuronScene(), SigmoidScene(), CostScene(), NetworkScene(),
                                   BackpropScene(), HeartScene()], ids=lambda sc: type(sc).__name__)
def test_every_scene_builds_and_describes_itself(build, scene):
    build(scene)
    assert scene.animated and len(scene.describe()) > 60


@pytest.mark.parametrize("fn", sorted(LANDSCAPES))
@pytest.mark.parametrize("tv", [0.0, 0.7, 1.9, 3.3, 5.5])
def test_chain_rule_readout_is_the_derivative_along_the_path(build, fn, tv):
    scene = build(PathChainScene(fn=fn, t=tv))
    land = LANDSCAPES[fn]
    f = SYMPY_F[fn]
    assert sp.simplify(sp.sympify(land.text.replace("^", "**").replace("3y", "3*y").replace("x y", "x*y"),
                                  locals={"x": X, "y": Y}) - f) == 0
    along = f.subs({X: 2 * sp.cos(t), Y: sp.sin(t)})
    exact = float(sp.diff(along, t).subs(t, tv))
    r = scene.readouts()
    assert num(r["chain"]) == pytest.approx(exact, abs=1e-4)
    assert num(r["numeric"]) == pytest.approx(exact, abs=1e-4)
    # the parts: df/dx, df/dy at the point, and the velocity
    at = {X: 2 * math.cos(tv), Y: math.sin(tv)}
    assert num(r["fx"]) == pytest.approx(float(sp.diff(f, X).subs(at)), abs=1e-3)
    assert num(r["fy"]) == pytest.approx(float(sp.diff(f, Y).subs(at)), abs=1e-3)
    assert num(r["dxdt"]) == pytest.approx(-2 * math.sin(tv), abs=1e-3)
    assert num(r["dydt"]) == pytest.approx(math.cos(tv), abs=1e-3)


def test_lesson_closed_forms():
    """The page's worked example: for x^2 + 3y^2, df/dt = -sin 2t; for x y, 2 cos 2t."""
    for fn, closed in (("bowl", lambda v: -math.sin(2 * v)), ("saddle", lambda v: 2 * math.cos(2 * v))):
        for tv in (0.3, 1.0, 2.2):
            assert PathChainScene(fn=fn, t=tv).values()["chain"] == pytest.approx(closed(tv), abs=1e-12)


def test_changing_the_landscape_redraws_everything(build):
    scene = build(PathChainScene())
    assert scene.update(fn="saddle") is True
    assert scene.update(t=2.0) is False


@pytest.mark.parametrize("w, b, a0", [(1, 0, 1), (2.5, -1, 0.4), (-3, 2, 1.5), (0.2, 0.7, -3)])
def test_neuron_activation(build, w, b, a0):
    scene = build(NeuronScene(w=w, b=b, a0=a0))
    r = scene.readouts()
    assert num(r["z"]) == pytest.approx(w * a0 + b, abs=1e-3)
    assert num(r["a1"]) == pytest.approx(s(w * a0 + b), abs=1e-4)
    assert f"{s(w * a0 + b):.4f}" in scene.describe()


@pytest.mark.parametrize("zv", [-4, -1.3, 0, 0.5, 3])
def test_sigmoid_slope_is_sigma_times_one_minus_sigma(build, zv):
    scene = build(SigmoidScene(z=zv))
    sig = 1 / (1 + sp.exp(-z))
    exact = float(sp.diff(sig, z).subs(z, zv))
    r = scene.readouts()
    assert float(r["slope"]) == pytest.approx(exact, abs=1e-4)
    assert float(r["numeric"]) == pytest.approx(exact, abs=1e-4)
    assert float(r["sigma"]) == pytest.approx(float(sig.subs(z, zv)), abs=1e-4)
    assert sp.simplify(sp.diff(sig, z) - sig * (1 - sig)) == 0


@pytest.mark.parametrize("w, b", [(1, 0), (-4, 2), (-8, 4), (3, -5)])
def test_not_cost(build, w, b):
    scene = build(CostScene(w=w, b=b))
    expected = sum((s(w * a0 + b) - y) ** 2 for a0, y in NOT_DATA)
    assert float(scene.readouts()["cost"]) == pytest.approx(expected, abs=1e-4)
    assert NOT_DATA == ((0.0, 1.0), (1.0, 0.0))


def test_not_cost_valley_is_where_the_description_says():
    scene = CostScene()
    low = min((scene.update(w=wv, b=bv) or scene.values()["cost"], wv, bv)
              for wv in np.linspace(-10, 10, 41) for bv in np.linspace(-10, 10, 41))
    assert low[1] < -5 and abs(low[2] + low[1] / 2) < 1.5


@pytest.mark.parametrize("x1, x2, w, b", [(1, 0.5, 1, 0), (-1, 2, -2.5, 1), (0, 0, 3, -2)])
def test_network_activations_by_hand(build, x1, x2, w, b):
    scene = build(NetworkScene(x1=x1, x2=x2, w=w, b=b))
    weights1 = [list(row) for row in W1]
    weights1[0][0] = w
    biases1 = list(B1)
    biases1[0] = b
    hidden = [s(sum(weights1[i][j] * (x1, x2)[j] for j in range(2)) + biases1[i]) for i in range(3)]
    out = [s(sum(W2[i][j] * hidden[j] for j in range(3)) + B2[i]) for i in range(2)]
    r = scene.readouts()
    for i in range(3):
        assert num(r[f"a1_{i + 1}"]) == pytest.approx(hidden[i], abs=1e-3)
    for i in range(2):
        assert num(r[f"a2_{i + 1}"]) == pytest.approx(out[i], abs=1e-3)


@pytest.mark.parametrize("v1, v2", [(1, 2), (-2, 0.5), (3, -4), (0, 1)])
def test_backprop_factors_multiply_to_the_slope(build, v1, v2):
    scene = build(BackpropScene(w1=v1, w2=v2))
    a1 = 1 / (1 + sp.exp(-(w1 * CHAIN_A0 + CHAIN_B1)))
    cost = (1 / (1 + sp.exp(-(w2 * a1 + CHAIN_B2))) - CHAIN_Y) ** 2
    at = {w1: v1, w2: v2}
    r = {k: num(v) for k, v in scene.readouts().items()}
    assert r["dCdw1"] == pytest.approx(float(sp.diff(cost, w1).subs(at)), abs=1e-5)
    assert r["dCdw2"] == pytest.approx(float(sp.diff(cost, w2).subs(at)), abs=1e-5)
    product = r["dC_da2"] * r["da2_dz2"] * r["dz2_da1"] * r["da1_dz1"] * r["dz1_dw1"]
    assert product == pytest.approx(r["dCdw1"], abs=1e-4)
    assert r["numeric_w1"] == pytest.approx(r["dCdw1"], abs=1e-5)
    assert r["cost"] == pytest.approx(float(cost.subs(at)), abs=1e-5)


def test_heart_target_is_the_labs_data_and_the_scene_follows_training(build):
    assert np.allclose(heart_target(), training_data()[1])
    scene = build(HeartScene())
    assert "appears once" in scene.describe()
    x, y = training_data()
    scene.set_state(y.tolist(), [0.2, 0.1, 0.01])
    assert scene.distance() == pytest.approx(0.0)
    assert "traces the heart closely" in scene.describe() and scene.readouts()["cost"] == "0.01000"
    assert scene.readouts()["steps"] == "2"
