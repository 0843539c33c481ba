"""Module 3: every answer key recomputed independently, by sympy (composing and
differentiating) or by numerical differentiation of the network's cost."""
from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from mvcalc.course import module
from question_tools import X, Y, Z, agree, parse, visual_template

M3 = module("m3-chain-rule-and-neural-networks")
T = sp.Symbol("t")
A, W, B = sp.symbols("a w b")
VARIANTS = range(6)


def sig(z):
    return 1 / (1 + np.exp(-z))


def numeric_d(f, at, h=1e-6):
    return (f(at + h) - f(at - h)) / (2 * h)


def questions(slug):
    s = M3.exercise_set(slug)
    return [s.question(i, v) for v in VARIANTS for i in range(s.size) if not visual_template(s, i)]


def ids(q):
    return f"{q.template}-{q.seed}"


def _not_equal(value, answers, q):
    for m in q.misconceptions:
        assert abs(float(parse(m.answer)) - value) > 1e-3 * max(1, abs(value)), m


# --- the multivariate chain rule --------------------------------------------------------

@pytest.mark.parametrize("q", questions("multivariate-chain-rule"), ids=ids)
def test_chain_rule_keys(q):
    if q.template in ("polynomial_path", "trig_path", "exponential_path", "value_at_point"):
        f = parse(q.data["f"])
        paths = {k: parse(v) for k, v in q.data["paths"].items()}      # functions of t
        composed = f.subs({X: paths.get("x", X), Y: paths.get("y", Y), Z: paths.get("z", Z)}, simultaneous=True)
        total = sp.diff(composed, T)
        if q.template == "value_at_point":
            value = float(total.subs(T, q.data["at"]))
            assert q.expected == pytest.approx(value)
            # and numerically, by differentiating f along the path
            fn = sp.lambdify(T, composed)
            assert numeric_d(fn, float(q.data["at"])) == pytest.approx(value, rel=1e-6)
            _not_equal(value, q.misconceptions, q)
        else:
            answer = parse(q.solution)
            pts = [0.3, 0.7, 1.1, 1.6, -0.4, -1.2]
            assert agree(answer, total, pts, (T,))
            for m in q.misconceptions:
                assert not agree(parse(m.answer), total, pts, (T,))
    elif q.template == "jacobian_product":
        Am, Bm = np.array(q.data["A"], float), np.array(q.data["B"], float)
        composite = lambda u: Am @ (Bm @ u)                       # noqa: E731 (linear maps with these Jacobians)
        u0, h = np.array([0.3, -0.7]), 1e-6
        numeric = np.column_stack([(composite(u0 + h * e) - composite(u0 - h * e)) / (2 * h) for e in np.eye(2)])
        assert np.allclose(np.array(parse(q.solution), float), numeric, atol=1e-6)
        for m in q.misconceptions:
            assert not np.allclose(np.array(parse(m.answer), float), numeric, atol=1e-6)
    elif q.template == "three_link_chain":
        jf, jx, du = (np.array(q.data[k], float) for k in ("jf", "jx", "du"))
        f_of_t = lambda t: jf @ (jx @ (du * t))                   # noqa: E731
        value = numeric_d(f_of_t, 0.4)
        assert q.expected == pytest.approx(value, abs=1e-6)
        _not_equal(value, q.misconceptions, q)
    else:
        raise AssertionError(f"no key test for {q.template}")


# --- simple neural networks ---------------------------------------------------------------

@pytest.mark.parametrize("q", questions("simple-neural-networks"), ids=ids)
def test_activation_keys(q):
    d = q.data
    if q.template == "single_neuron":
        value = sig(d["w"] * d["a0"] + d["b"])
    elif q.template == "bias_for_half":
        value = q.expected
        assert sig(d["w"] * d["a0"] + value) == pytest.approx(0.5, abs=1e-12)
        for m in q.misconceptions:
            assert abs(sig(d["w"] * d["a0"] + float(parse(m.answer))) - 0.5) > 1e-3
        return
    elif q.template == "layer_sums":
        value = np.array(d["W"]) @ np.array(d["a0"]) + np.array(d["b"])
        assert np.allclose(np.array(parse(q.solution), float), value)
        for m in q.misconceptions:
            assert not np.allclose(np.array(parse(m.answer), float), value)
        return
    elif q.template == "layer_activation":
        value = sig(np.array(d["W"]) @ np.array(d["a0"]) + np.array(d["b"]))[d["neuron"]]
    elif q.template == "two_neurons_in_a_row":
        value = sig(d["w2"] * sig(d["w1"] * d["a0"] + d["b1"]) + d["b2"])
    elif q.template == "network_output":
        hidden = sig(np.array(d["W1"]) @ np.array(d["a0"]) + np.array(d["b1"]))
        value = sig(np.dot(d["w2"], hidden) + d["b2"])
    else:
        raise AssertionError(f"no key test for {q.template}")
    assert q.expected == pytest.approx(float(value), rel=1e-9)
    assert q.check(f"{float(value):.4g}").correct          # four significant figures are enough
    _not_equal(float(value), q.misconceptions, q)


# --- training neural networks ------------------------------------------------------------

def neuron_cost(w, b, a0, y):
    return (sig(w * a0 + b) - y) ** 2


@pytest.mark.parametrize("q", questions("training-neural-networks"), ids=ids)
def test_gradient_keys(q):
    d = q.data
    if q.template == "cost_slope":
        value = numeric_d(lambda a: (a - d["y"]) ** 2, d["a"])
    elif q.template == "sigmoid_slope":
        z0 = math.log(d["a"] / (1 - d["a"]))                   # the z with sigma(z) = a
        assert sig(z0) == pytest.approx(d["a"])
        value = numeric_d(sig, z0)
    elif q.template == "weight_gradient_formula":
        x = sp.Symbol("x")
        ysym = sp.Symbol("y")
        act = 1 / (1 + sp.exp(-(W * x + B)))
        cost = sp.nsimplify(d["k"]) * (act - ysym) ** 2
        exact = sp.diff(cost, W if d["by"] == "w" else B)
        answer = parse(q.solution)
        symbols = (W, B, x, ysym)
        points = [(0.7, -0.3, 1.2, 1.0), (-1.1, 0.4, 0.5, 0.0), (2.0, 1.0, -0.8, 1.0), (0.3, 0.2, 1.7, 0.0)]
        as_network = answer.subs(sp.Symbol("a"), act)
        assert agree(as_network, exact, points, symbols)
        for m in q.misconceptions:
            assert not agree(parse(m.answer).subs(sp.Symbol("a"), act), exact, points, symbols)
        return
    elif q.template == "weight_gradient":
        value = numeric_d(lambda w: neuron_cost(w, d["b"], d["a0"], d["y"]), d["w"])
    elif q.template == "bias_gradient":
        value = numeric_d(lambda b: neuron_cost(d["w"], b, d["a0"], d["y"]), d["b"])
    elif q.template == "two_layer_chain":
        def cost(w1):
            return (sig(d["w2"] * sig(w1 * d["a0"] + d["b1"]) + d["b2"]) - d["y"]) ** 2
        value = numeric_d(cost, d["w1"])
    else:
        raise AssertionError(f"no key test for {q.template}")
    assert q.expected == pytest.approx(value, rel=1e-6, abs=1e-9)
    _not_equal(value, q.misconceptions, q)


def test_a_missing_sigma_prime_is_named():
    s = M3.exercise_set("training-neural-networks")
    for v in VARIANTS:
        q = s.question(3, v)
        assert q.template == "weight_gradient"
        d = q.data
        a1 = sig(d["w"] * d["a0"] + d["b"])
        verdict = q.check(f"{2 * (a1 - d['y']) * d['a0']:.6g}")
        assert not verdict.correct and "σ" not in verdict.feedback and "is missing" in verdict.feedback
