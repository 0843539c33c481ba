"""Module 3: every answer key recomputed independently, by sympy (composing and
differentiating) or by numerical differentiation of the network's cost."""
from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from mvcalc.course import module
from mvcalc.questions.marking import mark
from question_tools import X, Y, Z, agree, parse, visual_template
from every_question import cached_question, lazy_question

M3 = module("m3-chain-rule-and-neural-networks")
T = sp.Symbol("t")
A, W, B = sp.symbols("a w b")
VARIANTS = range(12)


def sig(z):
    return 1 / (1 + np.exp(-z))


def numeric_d(f, at, h=1e-6):
    return (f(at + h) - f(at - h)) / (2 * h)


def questions(slug):
    s = M3.exercise_set(slug)
    return [lazy_question(s, i, v) for v in VARIANTS for i in range(s.size) if not visual_template(s, i)]


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
    elif q.template == "along_a_contour":
        d = q.data
        f = lambda x, y: d["fx"] * x + d["fy"] * y + 0.3 * (x - 1) ** 2 * (y - 2) ** 2   # noqa: E731 (flat there)
        along = lambda t: f(1 + d["vx"] * t, 2 + q.expected * t)                         # noqa: E731
        assert numeric_d(along, 0.0) == pytest.approx(0, abs=1e-6), "the height stays the same"
        assert abs(numeric_d(lambda t: f(1 + d["vx"] * t, 2), 0.0)) > 0.5, "standing still in y would not"
        _not_equal(q.expected, q.misconceptions, q)
    elif q.template == "jacobian_shapes":
        d = q.data
        rng = np.random.default_rng(q.seed)
        A, B = rng.normal(size=(d["m"], d["n"])), rng.normal(size=(d["n"], d["p"]))
        fn, dim = {"outer": (lambda v: A @ v, d["n"]), "inner": (lambda v: B @ v, d["p"]),
                   "whole": (lambda v: A @ (B @ v), d["p"])}[d["asked"]]
        h = 1e-6
        jac = np.column_stack([(fn(h * e) - fn(-h * e)) / (2 * h) for e in np.eye(dim)])
        if d["asked"] == "whole":
            assert np.allclose(jac, A @ B, atol=1e-6)
        chosen = next(c for c in q.choices if c.key == q.solution)
        assert tuple(int(v) for v in chosen.value.split(" x ")) == jac.shape
        assert len({c.value for c in q.choices}) == len(q.choices)
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
    elif q.template == "parameter_count":
        sizes = d["sizes"]
        layers = [(np.zeros((sizes[k], sizes[k - 1])), np.zeros(sizes[k])) for k in range(1, len(sizes))]
        a = np.ones(sizes[0])
        for W_, b_ in layers:                       # the shapes really chain: a forward pass runs
            a = sig(W_ @ a + b_)
        assert a.shape == (sizes[-1],)
        weights, biases = sum(W_.size for W_, _ in layers), sum(b_.size for _, b_ in layers)
        value = {"weights": weights, "biases": biases, "both": weights + biases,
                 "one": layers[d["layer"] - 1][0].size}[d["asked"]]
        assert q.expected == value and mark(q, str(value)).correct
        assert not mark(q, str(value + 1)).correct
        _not_equal(float(value), q.misconceptions, q)
        return
    else:
        raise AssertionError(f"no key test for {q.template}")
    assert q.expected == pytest.approx(float(value), rel=1e-9)
    assert mark(q, f"{float(value):.4g}").correct          # four significant figures are enough
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
    elif q.template in MATRIX_FORM:
        MATRIX_FORM[q.template](q)
        return
    else:
        raise AssertionError(f"no key test for {q.template}")
    assert q.expected == pytest.approx(value, rel=1e-6, abs=1e-9)
    _not_equal(value, q.misconceptions, q)


def test_a_missing_sigma_prime_is_named():
    s = M3.exercise_set("training-neural-networks")
    for v in VARIANTS:
        q = cached_question(s, 3, v)
        assert q.template == "weight_gradient"
        d = q.data
        a1 = sig(d["w"] * d["a0"] + d["b"])
        verdict = mark(q, f"{2 * (a1 - d['y']) * d['a0']:.6g}")
        assert not verdict.correct and "σ" not in verdict.feedback and "is missing" in verdict.feedback


# --- backpropagation in matrix form: every key by finite differences of a cost ----------------

def logit(a):
    return np.log(a / (1 - a))


def gradient(f, at, h=1e-6):
    """Central differences of the scalar function f at the array ``at`` (any shape)."""
    at = np.array(at, float)
    out = np.zeros_like(at)
    for index in np.ndindex(at.shape):
        step = np.zeros_like(at)
        step[index] = h
        out[index] = (f(at + step) - f(at - step)) / (2 * h)
    return out


def _matrix_answer(q):
    return np.array(parse(q.solution), float)


def _matrix_slips_differ(q, key):
    for m in q.misconceptions:
        wrong = np.array(parse(m.answer), float)
        assert wrong.shape != key.shape or not np.allclose(wrong, key, atol=1e-9), m


def check_shapes(q):
    d = q.data
    p, qn = d["p"], d["q"]
    rng = np.random.default_rng(q.seed)
    W_, b_, z_prev, y = rng.normal(size=(qn, p)), rng.normal(size=qn), rng.normal(size=p), rng.uniform(size=qn)

    def cost(W_=W_, b_=b_, z_prev=z_prev):
        return float(np.sum((sig(W_ @ sig(z_prev) + b_) - y) ** 2))

    z = W_ @ sig(z_prev) + b_
    shapes = {"dW": gradient(lambda M: cost(W_=M), W_).shape,
              "db": gradient(lambda v: cost(b_=v), b_).shape + (1,),
              "delta": gradient(lambda v: float(np.sum((sig(v) - y) ** 2)), z).shape + (1,),
              "delta_prev": gradient(lambda v: cost(z_prev=v), z_prev).shape + (1,),
              "back": gradient(lambda v: float(np.sum((sig(W_ @ v + b_) - y) ** 2)), sig(z_prev)).shape + (1,)}
    chosen = next(c for c in q.choices if c.key == q.solution)
    assert tuple(int(v) for v in chosen.value.split(" x ")) == shapes[d["asked"]]
    assert len({c.value for c in q.choices}) == len(q.choices) == 5


def check_output_delta(q):
    a, y = np.array(q.data["a"]), np.array(q.data["y"])
    key = gradient(lambda z: float(np.sum((sig(z) - y) ** 2)), logit(a))
    assert np.allclose(_matrix_answer(q), key, atol=1e-7)
    _matrix_slips_differ(q, _matrix_answer(q))


def check_weight_gradient(q):
    delta, a_prev = np.array(q.data["delta"]), np.array(q.data["a_prev"])
    b_ = np.array([0.3, -0.2])
    # any cost whose slope with respect to z is delta at this point: C = delta . z
    key = gradient(lambda W_: float(delta @ (W_ @ a_prev + b_)), np.ones((2, a_prev.size)))
    assert _matrix_answer(q).shape == key.shape == (2, 3)
    assert np.allclose(_matrix_answer(q), key, atol=1e-7)
    _matrix_slips_differ(q, _matrix_answer(q))


def check_backward_delta(q):
    W_, delta, a_prev = np.array(q.data["W"]), np.array(q.data["delta"]), np.array(q.data["a_prev"])
    key = gradient(lambda z_prev: float(delta @ (W_ @ sig(z_prev))), logit(a_prev))
    assert np.allclose(_matrix_answer(q), key, atol=1e-7)
    _matrix_slips_differ(q, _matrix_answer(q))


def check_layer_weight(q):
    d = q.data
    W_, b_, a0, y = (np.array(d[k], float) for k in ("W", "b", "a0", "y"))
    i, j = d["entry"]
    grad = gradient(lambda M: float(np.sum((sig(M @ a0 + b_) - y) ** 2)), W_)
    assert q.expected == pytest.approx(grad[i, j], rel=1e-6, abs=1e-9)
    assert mark(q, f"{grad[i, j]:.4g}").correct
    _not_equal(grad[i, j], q.misconceptions, q)


MATRIX_FORM = {"backprop_shapes": check_shapes, "output_delta": check_output_delta,
               "weight_gradient_outer": check_weight_gradient, "backward_delta": check_backward_delta,
               "layer_weight_gradient": check_layer_weight}


def test_the_training_set_includes_backpropagation_in_matrix_form():
    names = [t.__name__ for t in M3.exercise_set("training-neural-networks").templates]
    assert names[:6] == ["cost_slope", "sigmoid_slope", "weight_gradient_formula", "weight_gradient",
                         "bias_gradient", "two_layer_chain"], "existing templates keep their places"
    assert set(MATRIX_FORM) <= set(names)
    assert sum(s.size for s in M3.exercise_sets) >= 26


def test_the_bias_formula_does_not_ask_for_x():
    s = M3.exercise_set("training-neural-networks")
    for v in range(12):
        q = cached_question(s, 2, v)
        if q.data["by"] == "b":
            assert "x" not in q.solution
            assert r"in terms of \(a\) and \(y\)" in q.prompt, "it names exactly the letters the answer uses"
