"""Simple artificial neural networks: activations by hand.

A neuron a1 = sigma(w a0 + b), then a layer a1 = sigma(W a0 + b) in matrix form,
then two layers in a row.  Named slips: sigma forgotten (the weighted sum z given
as the activation), the bias left out, the weight matrix used transposed.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import numeric_question, require
from mvcalc.questions.m3.network_size import IDEAS
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.precision import FOUR_FIGURES, Precision
from mvcalc.questions.printing import approx, matrix_learner, matrix_tex, number

SIGMA = r"The sigmoid: \(\sigma(z) = \dfrac{1}{1 + e^{-z}}\)."
MATRIX_HINT = "Type a column vector as a list, e.g. [3, -1.5]."


def sigma(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def _d(rng, lo=-3.0, hi=3.0, step=0.5, nonzero=True) -> float:
    values = [lo + step * i for i in range(int(round((hi - lo) / step)) + 1)]
    if nonzero:
        values = [v for v in values if v != 0]
    return rng.choice(values)


def _s(v: float) -> str:
    return number(v, 4)


NO_SIGMA = (r"That is the weighted sum \(z = w a_0 + b\); the activation is \(\sigma(z)\). "
            r"Put \(z\) through the sigmoid.")


def numeric(prompt, value, hints, worked, wrong, data, precision: Precision = FOUR_FIGURES) -> Question:
    """builders.numeric_question, as Module 3's templates call it."""
    return numeric_question(prompt, value, hints=hints, worked=worked, wrong=wrong, data=data,
                            precision=precision)


def single_neuron(rng):
    """a1 = sigma(w a0 + b) for one neuron: the lesson's figure."""
    w, b, a0 = _d(rng), _d(rng), _d(rng, -2, 2)
    z = w * a0 + b
    require(0.2 < abs(z) < 5, "a neuron near 1/2 or saturated (an activation of 0.0006) makes a poor question")
    value = sigma(z)
    return numeric(
        (r"A single neuron with weight \(w = %s\) and bias \(b = %s\) gets the input \(a_0 = %s\). "
         r"What is its activation \(a_1 = \sigma(w a_0 + b)\)?" % (_s(w), _s(b), _s(a0))),
        value,
        [SIGMA, rf"First the weighted sum: \(z = w a_0 + b = ({_s(w)})({_s(a0)}) + ({_s(b)})\)."],
        [rf"\(z = ({_s(w)})({_s(a0)}) + ({_s(b)}) = {_s(z)}\).",
         rf"\(a_1 = \sigma({_s(z)}) = \dfrac{{1}}{{1 + e^{{{_s(-z)}}}}} {approx(value, '.4f')}\)."],
        [(z, NO_SIGMA), (sigma(w * a0), r"The bias \(b\) is added before the sigmoid: \(\sigma(w a_0 + b)\)."),
         (sigma(w * (a0 + b)), r"Only the input is weighted: \(w a_0 + b\), not \(w(a_0 + b)\).")],
        {"w": w, "b": b, "a0": a0},
    )


def bias_for_half(rng):
    """Which bias puts the neuron's output at exactly 1/2 (its threshold) for a given input?"""
    w, a0 = _d(rng), _d(rng, -2, 2)
    b = -w * a0
    require(abs(b) > 0.2)
    return numeric(
        (r"The sigmoid is exactly \(\tfrac12\) at \(z = 0\), the neuron's threshold. A neuron has weight "
         r"\(w = %s\). What bias \(b\) puts its output \(\sigma(w a_0 + b)\) at exactly \(\tfrac12\) "
         r"for the input \(a_0 = %s\)?" % (_s(w), _s(a0))),
        b,
        [r"\(\sigma(z) = \tfrac12\) exactly when \(z = 0\).", r"Solve \(w a_0 + b = 0\) for \(b\)."],
        [r"\(\sigma(z) = \tfrac12 \iff e^{-z} = 1 \iff z = 0\).",
         rf"\(w a_0 + b = 0\) gives \(b = -w a_0 = -({_s(w)})({_s(a0)}) = {_s(b)}\)."],
        [(-b, r"Sign slip: \(b = -w a_0\)."), (0.5 - w * a0, r"The output is \(\tfrac12\) when \(z = 0\), "
                                                              r"not when \(z = \tfrac12\).")],
        {"w": w, "a0": a0},
    )


def _layer(rng, rows, cols):
    W = [[_d(rng, -2, 2, 1.0, nonzero=False) for _ in range(cols)] for _ in range(rows)]
    b = [_d(rng, -2, 2, 1.0, nonzero=False) for _ in range(rows)]
    a0 = [_d(rng, -2, 2, 1.0) for _ in range(cols)]
    return W, b, a0


def _mul(W, a):
    return [sum(wij * aj for wij, aj in zip(row, a)) for row in W]


def layer_sums(rng):
    """z = W a0 + b for a layer of 3 neurons with 2 inputs: a matrix-vector product."""
    W, b, a0 = _layer(rng, 3, 2)
    z = [zi + bi for zi, bi in zip(_mul(W, a0), b)]
    require(all(any(row) for row in W) and len(set(z)) > 1)
    no_bias = _mul(W, a0)
    wrong = []
    if no_bias != z:
        wrong.append(Misconception(matrix_learner([sp.nsimplify(v) for v in no_bias]),
                                   r"Add the bias vector \(\mathbf b\) after the product \(W \mathbf a^{(0)}\)."))
    rows = [sp.nsimplify(v) for v in z]
    return Question(
        kind="matrix",
        prompt=(r"A layer of three neurons takes two inputs. Its weights and biases are "
                rf"\[W = {matrix_tex([[sp.nsimplify(v) for v in r] for r in W])},\qquad "
                rf"\mathbf b = {matrix_tex([[sp.nsimplify(v)] for v in b])},\qquad "
                rf"\mathbf a^{{(0)}} = {matrix_tex([[sp.nsimplify(v)] for v in a0])}.\] "
                r"Find the weighted sums \(\mathbf z^{(1)} = W\mathbf a^{(0)} + \mathbf b\) (type the column as a list)."),
        solution=matrix_learner(rows),
        hints=[r"Row \(i\) of \(W\) holds the weights into neuron \(i\): \(z_i = \sum_j W_{ij} a_j + b_i\).",
               rf"\(z_1 = ({_s(W[0][0])})({_s(a0[0])}) + ({_s(W[0][1])})({_s(a0[1])}) + ({_s(b[0])})\)."],
        worked=[rf"\(z_{i + 1} = ({_s(W[i][0])})({_s(a0[0])}) + ({_s(W[i][1])})({_s(a0[1])}) + ({_s(b[i])}) = {_s(z[i])}\)."
                for i in range(3)] + [rf"So \(\mathbf z^{{(1)}} = {matrix_tex([[v] for v in rows])}\)."],
        misconceptions=wrong,
        answer_hint=MATRIX_HINT,
        variables=(),
        data={"W": W, "b": b, "a0": a0},
    )


def layer_activation(rng):
    """One entry of a1 = sigma(W a0 + b) for a 2x2 layer; the transpose slip named."""
    W, b, a0 = _layer(rng, 2, 2)
    require(W[0][1] != W[1][0])
    i = rng.choice([0, 1])
    z = _mul(W, a0)[i] + b[i]
    zt = sum(W[j][i] * a0[j] for j in range(2)) + b[i]
    value = sigma(z)
    return numeric(
        (r"A layer \(\mathbf a^{(1)} = \sigma(W \mathbf a^{(0)} + \mathbf b)\) with "
         rf"\[W = {matrix_tex([[sp.nsimplify(v) for v in r] for r in W])},\qquad "
         rf"\mathbf b = {matrix_tex([[sp.nsimplify(v)] for v in b])},\qquad "
         rf"\mathbf a^{{(0)}} = {matrix_tex([[sp.nsimplify(v)] for v in a0])}.\] "
         rf"What is the activation of neuron {i + 1}, \(a^{{(1)}}_{i + 1}\)?"),
        value,
        [r"The sigmoid acts on each entry of \(W\mathbf a^{(0)} + \mathbf b\) separately.",
         rf"Neuron {i + 1} uses row {i + 1} of \(W\) and bias \(b_{i + 1}\)."],
        [rf"\(z_{i + 1} = ({_s(W[i][0])})({_s(a0[0])}) + ({_s(W[i][1])})({_s(a0[1])}) + ({_s(b[i])}) = {_s(z)}\).",
         rf"\(a^{{(1)}}_{i + 1} = \sigma({_s(z)}) {approx(value, '.4f')}\)."],
        [(sigma(zt), rf"You used column {i + 1} of \(W\): the weights into neuron {i + 1} are its row, "
                     rf"\(z_i = \sum_j W_{{ij}} a_j + b_i\)."),
         (z, NO_SIGMA.replace(r"w a_0 + b", r"W\mathbf a + \mathbf b"))],
        {"W": W, "b": b, "a0": a0, "neuron": i},
    )


def two_neurons_in_a_row(rng):
    """a2 = sigma(w2 sigma(w1 a0 + b1) + b2): a chain of two neurons."""
    w1, b1, w2, b2 = _d(rng), _d(rng), _d(rng), _d(rng)
    a0 = _d(rng, -1, 1)
    a1 = sigma(w1 * a0 + b1)
    z2 = w2 * a1 + b2
    require(abs(z2) > 0.2)
    value = sigma(z2)
    return numeric(
        (r"Two neurons in a row: \(a_1 = \sigma(w_1 a_0 + b_1)\), then \(a_2 = \sigma(w_2 a_1 + b_2)\), "
         rf"with \(w_1 = {_s(w1)}\), \(b_1 = {_s(b1)}\), \(w_2 = {_s(w2)}\), \(b_2 = {_s(b2)}\). "
         rf"What is the output \(a_2\) for the input \(a_0 = {_s(a0)}\)?"),
        value,
        ["Work forwards, one neuron at a time: the first neuron's activation is the second one's input.",
         rf"\(a_1 = \sigma({_s(w1 * a0 + b1)}) {approx(a1, '.4f')}\)."],
        [rf"\(z_1 = ({_s(w1)})({_s(a0)}) + ({_s(b1)}) = {_s(w1 * a0 + b1)}\), \(a_1 = \sigma(z_1) {approx(a1, '.4f')}\).",
         rf"\(z_2 = ({_s(w2)})({a1:.4f}) + ({_s(b2)}) {approx(z2, '.4f')}\), \(a_2 = \sigma(z_2) {approx(value, '.4f')}\)."],
        [(sigma(w2 * (w1 * a0 + b1) + b2), r"The first neuron's output is \(\sigma(z_1)\), not \(z_1\): apply the "
                                           r"sigmoid at every neuron."),
         (sigma(w2 * a0 + b2), r"The second neuron's input is \(a_1\), the first neuron's output, not \(a_0\).")],
        {"w1": w1, "b1": b1, "w2": w2, "b2": b2, "a0": a0},
    )


def network_output(rng):
    """A 2-2-1 network's output by hand: a layer, then one output neuron."""
    W1, b1, a0 = _layer(rng, 2, 2)
    w2 = [_d(rng, -2, 2, 1.0) for _ in range(2)]
    b2 = _d(rng, -1, 1, 1.0, nonzero=False)
    z1 = [zi + bi for zi, bi in zip(_mul(W1, a0), b1)]
    a1 = [sigma(v) for v in z1]
    z2 = sum(w * a for w, a in zip(w2, a1)) + b2
    value = sigma(z2)
    require(abs(z2) > 0.1)
    return numeric(
        (r"A network with two inputs, a hidden layer of two neurons and one output neuron: "
         r"\(\mathbf a^{(1)} = \sigma(W^{(1)}\mathbf a^{(0)} + \mathbf b^{(1)})\), "
         r"\(a^{(2)} = \sigma(\mathbf w^{(2)} \cdot \mathbf a^{(1)} + b^{(2)})\), with "
         rf"\[W^{{(1)}} = {matrix_tex([[sp.nsimplify(v) for v in r] for r in W1])},\quad "
         rf"\mathbf b^{{(1)}} = {matrix_tex([[sp.nsimplify(v)] for v in b1])},\quad "
         rf"\mathbf w^{{(2)}} = {matrix_tex([sp.nsimplify(v) for v in w2])},\quad b^{{(2)}} = {_s(b2)},\quad "
         rf"\mathbf a^{{(0)}} = {matrix_tex([[sp.nsimplify(v)] for v in a0])}.\] What is the output \(a^{{(2)}}\)?"),
        value,
        ["First the hidden layer, both neurons, then the output neuron with the hidden activations as its inputs.",
         rf"\(\mathbf z^{{(1)}} = ({_s(z1[0])}, {_s(z1[1])})\), so "
         rf"\(\mathbf a^{{(1)}} \approx ({a1[0]:.4f}, {a1[1]:.4f})\)."],
        [rf"\(\mathbf z^{{(1)}} = W^{{(1)}}\mathbf a^{{(0)}} + \mathbf b^{{(1)}} = ({_s(z1[0])}, {_s(z1[1])})\).",
         rf"\(\mathbf a^{{(1)}} = (\sigma({_s(z1[0])}), \sigma({_s(z1[1])})) \approx ({a1[0]:.4f}, {a1[1]:.4f})\).",
         rf"\(z^{{(2)}} = ({_s(w2[0])})({a1[0]:.4f}) + ({_s(w2[1])})({a1[1]:.4f}) + ({_s(b2)}) {approx(z2, '.4f')}\).",
         rf"\(a^{{(2)}} = \sigma({z2:.4f}) {approx(value, '.4f')}\)."],
        [(sigma(sum(w * z for w, z in zip(w2, z1)) + b2),
          r"The hidden layer's outputs are \(\sigma(z)\), not \(z\): apply the sigmoid there too."),
         (z2, r"That is \(z^{(2)}\): the output neuron's activation is \(\sigma(z^{(2)})\).")],
        {"W1": W1, "b1": b1, "w2": w2, "b2": b2, "a0": a0},
    )


# new templates go at the end (progress is kept by position): mvcalc.questions.m3.network_size
TEMPLATES = [single_neuron, bias_for_half, layer_sums, layer_activation, two_neurons_in_a_row, network_output,
             *IDEAS]
