"""Backpropagation in matrix form, as the lesson writes it for whole layers.

With C = Σᵢ (aᵢ⁽ᴸ⁾ − yᵢ)² and δ⁽ᴸ⁾ = ∂C/∂z⁽ᴸ⁾:
    δ⁽ᴸ⁾ = 2(a⁽ᴸ⁾ − y) ⊙ σ'(z⁽ᴸ⁾),   ∂C/∂W⁽ᴸ⁾ = δ⁽ᴸ⁾ (a⁽ᴸ⁻¹⁾)ᵀ,   ∂C/∂b⁽ᴸ⁾ = δ⁽ᴸ⁾,
    δ⁽ᴸ⁻¹⁾ = ((W⁽ᴸ⁾)ᵀ δ⁽ᴸ⁾) ⊙ σ'(z⁽ᴸ⁻¹⁾),   with σ'(z) = a(1 − a).
Shapes first, then each formula on small exact numbers (activations such as 0.2 or 0.9, so every
entry is a short decimal), then a whole layer from its weights.  Named slips: σ' left out, the
factor 2 left out, the transpose forgotten or put on the wrong side, rows and columns swapped.
"""
from __future__ import annotations

import math
from fractions import Fraction

from mvcalc.questions.builders import choice_question, require
from mvcalc.questions.m3.simple_networks import _layer, _s, numeric, sigma
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.printing import number

VECTOR_HINT = "Type a column vector as a list, e.g. [0.12, -0.5]."
MATRIX_HINT = "Type the matrix row by row, e.g. [[0.1, -0.2, 0.3], [0, 0.05, 1]]."
ODOT = r"\(\odot\) multiplies entry by entry."
LAYER = (r"Backpropagation for a whole layer (the lesson's matrix form): "
         r"\(\boldsymbol\delta^{(L)} = 2(\mathbf a^{(L)} - \mathbf y) \odot \sigma'(\mathbf z^{(L)})\), "
         r"\(\dfrac{\partial C}{\partial W^{(L)}} = \boldsymbol\delta^{(L)}\big(\mathbf a^{(L-1)}\big)^{\mathsf T}\), "
         r"\(\dfrac{\partial C}{\partial \mathbf b^{(L)}} = \boldsymbol\delta^{(L)}\) and "
         r"\(\boldsymbol\delta^{(L-1)} = \big((W^{(L)})^{\mathsf T}\boldsymbol\delta^{(L)}\big) \odot "
         r"\sigma'(\mathbf z^{(L-1)})\).")
SIGMA_PRIME = r"Each neuron's slope comes from its activation: \(\sigma'(z) = a(1 - a)\)."
ACTIVATIONS = [Fraction(k, 10) for k in (1, 2, 3, 4, 5, 6, 7, 8, 9)]
SMALL = [Fraction(k, 100) for k in (-50, -40, -30, -20, -10, -5, 5, 10, 20, 30, 40, 50)]


def _n(v) -> str:
    """An exact decimal (a Fraction with a power-of-ten denominator) as short text."""
    return number(float(v), 10)


def _col_tex(values) -> str:
    return r"\begin{pmatrix} " + r" \\ ".join(_n(v) for v in values) + r" \end{pmatrix}"


def _mat_tex(rows) -> str:
    return r"\begin{pmatrix} " + r" \\ ".join(" & ".join(_n(v) for v in row) for row in rows) + r" \end{pmatrix}"


def _list(values) -> str:
    if values and isinstance(values[0], (list, tuple)):
        return "[" + ", ".join(_list(row) for row in values) + "]"
    return "[" + ", ".join(_n(v) for v in values) + "]"


def _wrongs(answer, pairs) -> list[Misconception]:
    out, seen = [], [answer]
    for value, feedback in pairs:
        if all(value != s for s in seen):
            out.append(Misconception(_list(value), feedback))
            seen.append(value)
    return out


def _slope(a):
    return a * (1 - a)


# --- shapes ---------------------------------------------------------------------------------

def _shape(rows, cols) -> str:
    return rf"{rows} \times {cols}"


def backprop_shapes(rng):
    """The shape of W, δ, ∂C/∂W, ∂C/∂b or δ of the layer before, for given layer sizes."""
    p, q = rng.sample(range(2, 7), 2)            # neurons in layer L − 1 and in layer L
    asked = rng.choice(["dW", "delta", "delta_prev", "db", "back"])
    what = {
        "dW": (r"\dfrac{\partial C}{\partial W^{(L)}}", (q, p),
               rf"It holds one slope for each weight, so it has the shape of \(W^{{(L)}}\): one row per neuron of "
               rf"layer \(L\) ({q}) and one column per neuron of layer \(L-1\) ({p}). As a product, "
               rf"\(\boldsymbol\delta^{{(L)}}\big(\mathbf a^{{(L-1)}}\big)^{{\mathsf T}}\) is "
               rf"\(({_shape(q, 1)})({_shape(1, p)}) = {_shape(q, p)}\)."),
        "delta": (r"\boldsymbol\delta^{(L)}", (q, 1),
                  rf"\(\boldsymbol\delta^{{(L)}} = \partial C/\partial \mathbf z^{{(L)}}\) has one entry per neuron of "
                  rf"layer \(L\): a column of {q}."),
        "delta_prev": (r"\boldsymbol\delta^{(L-1)}", (p, 1),
                       rf"\(\boldsymbol\delta^{{(L-1)}}\) has one entry per neuron of layer \(L-1\): "
                       rf"\((W^{{(L)}})^{{\mathsf T}}\) is \({_shape(p, q)}\), times the column \(\boldsymbol\delta^{{(L)}}\) "
                       rf"(\({_shape(q, 1)}\)) gives a column of {p}."),
        "db": (r"\dfrac{\partial C}{\partial \mathbf b^{(L)}}", (q, 1),
               rf"One slope per bias, and layer \(L\) has {q} biases: it equals \(\boldsymbol\delta^{{(L)}}\), "
               rf"a column of {q}."),
        "back": (r"\big(W^{(L)}\big)^{\mathsf T}\boldsymbol\delta^{(L)}", (p, 1),
                 rf"\((W^{{(L)}})^{{\mathsf T}}\) is \({_shape(p, q)}\) and \(\boldsymbol\delta^{{(L)}}\) is "
                 rf"\({_shape(q, 1)}\), so the product is \({_shape(p, 1)}\): the slope passed back to layer \(L-1\)."),
    }
    name, right, why = what[asked]
    like = {(q, p): r"the shape of \(W^{(L)}\) itself (one row per neuron of layer \(L\))",
            (p, q): r"the shape of \((W^{(L)})^{\mathsf T}\), rows and columns swapped",
            (q, 1): rf"a column over layer \(L\)'s {q} neurons, like \(\boldsymbol\delta^{{(L)}}\)",
            (p, 1): rf"a column over layer \(L-1\)'s {p} neurons, like \(\mathbf a^{{(L-1)}}\)",
            (1, 1): r"a single number, like the cost \(C\)"}
    options = [{"tex": _shape(*shape), "value": f"{shape[0]} x {shape[1]}", "correct": shape == right,
                "feedback": "" if shape == right else f"That is {like[shape]}. {why}"}
               for shape in like]
    return choice_question(
        rng, (rf"In a network, layer \(L-1\) has {p} neurons and layer \(L\) has {q}, so "
              rf"\(\mathbf z^{{(L)}} = W^{{(L)}}\mathbf a^{{(L-1)}} + \mathbf b^{{(L)}}\). "
              rf"What is the shape (rows \(\times\) columns) of \({name}\)?"),
        options,
        hints=[r"\(W^{(L)}\) has one row per neuron of layer \(L\) and one column per neuron of layer \(L-1\); "
               r"activations, biases and \(\boldsymbol\delta\)s are columns.",
               r"A derivative of the cost with respect to a matrix has that matrix's shape: one slope per entry."],
        worked=[why, "So the answer is {key}."],
        data={"kind": "shape", "p": p, "q": q, "asked": asked, "shape": list(right)},
    )


# --- the formulas on exact numbers ------------------------------------------------------------

def output_delta(rng):
    """δ⁽ᴸ⁾ = 2(a − y) ⊙ a(1 − a) for an output layer of two or three neurons."""
    n = rng.choice([2, 3])
    a = rng.sample(ACTIVATIONS, n)
    y = [Fraction(rng.choice([0, 1])) for _ in range(n)]
    require(len(set(y)) == 2 or n == 2)
    delta = [2 * (ai - yi) * _slope(ai) for ai, yi in zip(a, y)]
    wrong = [([2 * (ai - yi) for ai, yi in zip(a, y)],
              r"That is \(2(\mathbf a - \mathbf y)\) alone: multiply each entry by its neuron's slope "
              r"\(\sigma'(z_i) = a_i(1 - a_i)\)."),
             ([(ai - yi) * _slope(ai) for ai, yi in zip(a, y)],
              r"The cost's slope is \(\partial C/\partial a_i = 2(a_i - y_i)\): the factor 2 is missing."),
             ([2 * (yi - ai) * _slope(ai) for ai, yi in zip(a, y)],
              r"Sign slip: \(2(a_i - y_i)\), output minus target."),
             ([2 * (ai - yi) * ai for ai, yi in zip(a, y)],
              r"\(\sigma'(z) = a(1 - a)\), not \(a\).")]
    rows = [rf"\(\delta_{i + 1} = 2({_n(ai)} - {_n(yi)})\times {_n(ai)}\times {_n(1 - ai)} = {_n(d)}\)."
            for i, (ai, yi, d) in enumerate(zip(a, y, delta))]
    return Question(
        kind="matrix",
        prompt=(rf"The output layer of a network has activations and targets "
                rf"\[\mathbf a^{{(L)}} = {_col_tex(a)},\qquad \mathbf y = {_col_tex(y)},\] and the cost is "
                r"\(C = \sum_i \big(a^{(L)}_i - y_i\big)^2\). Find "
                r"\(\boldsymbol\delta^{(L)} = \dfrac{\partial C}{\partial \mathbf z^{(L)}} = "
                r"2(\mathbf a^{(L)} - \mathbf y) \odot \sigma'(\mathbf z^{(L)})\) (type the column as a list)."),
        solution=_list(delta),
        hints=[SIGMA_PRIME + " " + ODOT,
               r"Entry \(i\) is \(2(a_i - y_i)\,a_i(1 - a_i)\): each output neuron on its own."],
        worked=[r"\(\sigma'(z_i) = a_i(1 - a_i)\), so \(\delta_i = 2(a_i - y_i)\,a_i(1 - a_i)\):", *rows,
                rf"So \(\boldsymbol\delta^{{(L)}} = {_col_tex(delta)}\)."],
        misconceptions=_wrongs(delta, wrong),
        answer_hint=VECTOR_HINT,
        variables=(),
        data={"kind": "output-delta", "a": [float(v) for v in a], "y": [float(v) for v in y]},
    )


def weight_gradient_outer(rng):
    """∂C/∂W⁽ᴸ⁾ = δ⁽ᴸ⁾ (a⁽ᴸ⁻¹⁾)ᵀ: an outer product, one slope per weight."""
    delta = rng.sample(SMALL, 2)
    prev = [rng.choice(ACTIVATIONS + [Fraction(1)]) for _ in range(3)]
    require(len(set(prev)) > 1)
    grad = [[d * p for p in prev] for d in delta]
    wrong = [([[d * p for d in delta] for p in prev],
              r"Rows and columns are swapped: \(\partial C/\partial W^{(L)}\) has the shape of \(W^{(L)}\), one row per "
              r"neuron of layer \(L\), so it is \(\boldsymbol\delta^{(L)}\big(\mathbf a^{(L-1)}\big)^{\mathsf T}\), "
              r"not \(\mathbf a^{(L-1)}\big(\boldsymbol\delta^{(L)}\big)^{\mathsf T}\)."),
             (list(delta), r"That is \(\partial C/\partial \mathbf b^{(L)} = \boldsymbol\delta^{(L)}\). Each weight "
                           r"\(W_{ij}\) also gets the factor \(a^{(L-1)}_j\), the input it multiplies.")]
    return Question(
        kind="matrix",
        prompt=(r"A layer \(L\) of two neurons takes three inputs. Backpropagation has found "
                rf"\[\boldsymbol\delta^{{(L)}} = {_col_tex(delta)},\qquad \mathbf a^{{(L-1)}} = {_col_tex(prev)}.\] "
                r"Find the \(2 \times 3\) matrix \(\dfrac{\partial C}{\partial W^{(L)}}\)."),
        solution=_list(grad),
        hints=[r"\(z_i = \sum_j W_{ij} a^{(L-1)}_j + b_i\), so \(\partial z_i/\partial W_{ij} = a^{(L-1)}_j\) and "
               r"\(\dfrac{\partial C}{\partial W_{ij}} = \delta_i\,a^{(L-1)}_j\).",
               r"In matrix form: \(\boldsymbol\delta^{(L)}\big(\mathbf a^{(L-1)}\big)^{\mathsf T}\), a column times a row."],
        worked=[rf"\(\dfrac{{\partial C}}{{\partial W^{{(L)}}}} = \boldsymbol\delta^{{(L)}}\big(\mathbf a^{{(L-1)}}\big)^{{\mathsf T}}"
                rf" = {_col_tex(delta)}\begin{{pmatrix}} {' & '.join(_n(p) for p in prev)} \end{{pmatrix}}\).",
                rf"Entry \((i, j)\) is \(\delta_i a_j\), e.g. \((1, 1)\): \({_n(delta[0])}\times {_n(prev[0])} = "
                rf"{_n(grad[0][0])}\).",
                rf"\(= {_mat_tex(grad)}\)."],
        misconceptions=_wrongs(grad, wrong),
        answer_hint=MATRIX_HINT,
        variables=(),
        data={"kind": "weight-gradient", "delta": [float(v) for v in delta], "a_prev": [float(v) for v in prev]},
    )


def backward_delta(rng):
    """δ⁽ᴸ⁻¹⁾ = ((W⁽ᴸ⁾)ᵀ δ⁽ᴸ⁾) ⊙ a(1 − a): the backwards step, through the weights transposed."""
    p = rng.choice([2, 3])
    W = [[Fraction(rng.randint(-2, 2)) for _ in range(p)] for _ in range(2)]
    delta = rng.sample(SMALL, 2)
    prev = rng.sample(ACTIVATIONS, p)
    back = [sum(W[i][j] * delta[i] for i in range(2)) for j in range(p)]
    answer = [b * _slope(a) for b, a in zip(back, prev)]
    require(all(any(W[i][j] for i in range(2)) for j in range(p)) and all(answer))
    if p == 2:
        require(W[0][1] != W[1][0])
    wrong = [(back, r"That is \((W^{(L)})^{\mathsf T}\boldsymbol\delta^{(L)}\) alone: the slope must also pass through "
                    r"each neuron of layer \(L-1\), so multiply entry by entry by \(\sigma'(z) = a(1 - a)\).")]
    if p == 2:
        forward = [sum(W[j][i] * delta[i] for i in range(2)) for j in range(2)]
        wrong.append(([f * _slope(a) for f, a in zip(forward, prev)],
                      r"Going backwards uses the transpose: \((W^{(L)})^{\mathsf T}\boldsymbol\delta^{(L)}\), not "
                      r"\(W^{(L)}\boldsymbol\delta^{(L)}\). Entry \(j\) collects \(\sum_i W_{ij}\delta_i\), "
                      r"every weight leaving neuron \(j\)."))
    wrong.append(([b * a for b, a in zip(back, prev)], r"\(\sigma'(z) = a(1 - a)\), not \(a\)."))
    back_rows = [rf"\(({' + '.join(f'({_n(W[i][j])})({_n(delta[i])})' for i in range(2))}) \times "
                 rf"{_n(prev[j])}\times {_n(1 - prev[j])} = {_n(answer[j])}\)" for j in range(p)]
    return Question(
        kind="matrix",
        prompt=(rf"The backwards step. Layer \(L\) has two neurons and layer \(L-1\) has {p}, with "
                rf"\[W^{{(L)}} = {_mat_tex(W)},\] \[\boldsymbol\delta^{{(L)}} = {_col_tex(delta)},\qquad "
                rf"\mathbf a^{{(L-1)}} = {_col_tex(prev)}.\] "
                r"Find \(\boldsymbol\delta^{(L-1)} = \big((W^{(L)})^{\mathsf T}\boldsymbol\delta^{(L)}\big) \odot "
                r"\sigma'(\mathbf z^{(L-1)})\) (type the column as a list)."),
        solution=_list(answer),
        hints=[r"Neuron \(j\) of layer \(L-1\) feeds every neuron \(i\) of layer \(L\) through the weight \(W_{ij}\): "
               r"its share of the slope is \(\sum_i W_{ij}\delta_i\), entry \(j\) of \((W^{(L)})^{\mathsf T}"
               r"\boldsymbol\delta^{(L)}\).",
               SIGMA_PRIME + " " + ODOT],
        worked=[rf"\((W^{{(L)}})^{{\mathsf T}}\boldsymbol\delta^{{(L)}} = {_col_tex(back)}\), and "
                rf"\(\sigma'(\mathbf z^{{(L-1)}}) = {_col_tex([_slope(a) for a in prev])}\).",
                "Entry by entry: " + "; ".join(back_rows) + ".",
                rf"So \(\boldsymbol\delta^{{(L-1)}} = {_col_tex(answer)}\)."],
        misconceptions=_wrongs(answer, wrong),
        answer_hint=VECTOR_HINT,
        variables=(),
        data={"kind": "backward-delta", "W": [[float(v) for v in row] for row in W],
              "delta": [float(v) for v in delta], "a_prev": [float(v) for v in prev]},
    )


def layer_weight_gradient(rng):
    """One entry of ∂C/∂W for a whole 2 → 2 layer, from its weights, biases, input and targets."""
    W, b, a0 = _layer(rng, 2, 2)
    y = [float(rng.choice([0, 1])) for _ in range(2)]
    z = [W[i][0] * a0[0] + W[i][1] * a0[1] + b[i] for i in range(2)]
    require(all(0.2 < abs(v) < 3 for v in z) and a0[0] != a0[1])
    a = [sigma(v) for v in z]
    delta = [2 * (ai - yi) * ai * (1 - ai) for ai, yi in zip(a, y)]
    i, j = rng.randrange(2), rng.randrange(2)
    value = delta[i] * a0[j]
    wrong = [(delta[j] * a0[i], r"Row \(i\) of \(\partial C/\partial W\) belongs to output neuron \(i\) and column "
                                r"\(j\) to input \(j\): \(\partial C/\partial W_{ij} = \delta_i\,a^{(0)}_j\)."),
             (2 * (a[i] - y[i]) * a0[j], r"The factor \(\sigma'(z_i) = a_i(1 - a_i)\) is missing from "
                                         r"\(\delta_i\)."),
             (delta[i], r"That is \(\partial C/\partial b_i = \delta_i\); the weight \(W_{ij}\) also gets the input "
                        r"it multiplies, \(a^{(0)}_j\)."),
             (delta[i] * a0[1 - j], rf"\(W_{{{i + 1}{j + 1}}}\) multiplies input {j + 1}, so the factor is "
                                    rf"\(a^{{(0)}}_{j + 1}\).")]
    d_tex = ", ".join(f"{v:.4f}" for v in delta)
    return numeric(
        (r"A layer of two sigmoid neurons with two inputs, \(\mathbf a^{(1)} = \sigma(W\mathbf a^{(0)} + \mathbf b)\), "
         r"and the cost \(C = \sum_i \big(a^{(1)}_i - y_i\big)^2\), with "
         rf"\[W = {_mat_tex(W)},\qquad \mathbf b = {_col_tex(b)},\] \[\mathbf a^{{(0)}} = {_col_tex(a0)},\qquad "
         rf"\mathbf y = {_col_tex(y)}.\] What is \(\dfrac{{\partial C}}{{\partial W_{{{i + 1}{j + 1}}}}}\), "
         rf"the entry in row {i + 1}, column {j + 1} of \(\dfrac{{\partial C}}{{\partial W}} = "
         r"\boldsymbol\delta\,\big(\mathbf a^{(0)}\big)^{\mathsf T}\)?"),
        value,
        ["Forwards first: \\(\\mathbf z = W\\mathbf a^{(0)} + \\mathbf b\\) and \\(\\mathbf a^{(1)} = \\sigma(\\mathbf z)\\); "
         "then backwards: \\(\\boldsymbol\\delta = 2(\\mathbf a^{(1)} - \\mathbf y) \\odot \\mathbf a^{(1)}(1 - \\mathbf a^{(1)})\\).",
         rf"Only \(\delta_{i + 1}\) and \(a^{{(0)}}_{j + 1}\) are needed: "
         rf"\(\partial C/\partial W_{{{i + 1}{j + 1}}} = \delta_{i + 1}\,a^{{(0)}}_{j + 1}\)."],
        [rf"\(\mathbf z = ({_s(z[0])}, {_s(z[1])})\), \(\mathbf a^{{(1)}} = ({a[0]:.4f}, {a[1]:.4f})\).",
         rf"\(\boldsymbol\delta = 2(\mathbf a^{{(1)}} - \mathbf y) \odot \mathbf a^{{(1)}}(1 - \mathbf a^{{(1)}}) = ({d_tex})\).",
         rf"\(\dfrac{{\partial C}}{{\partial W_{{{i + 1}{j + 1}}}}} = \delta_{i + 1}\,a^{{(0)}}_{j + 1} = "
         rf"({delta[i]:.4f})({_s(a0[j])}) = {value:.4g}\)."],
        wrong,
        {"kind": "layer-weight", "W": W, "b": b, "a0": a0, "y": y, "entry": [i, j]},
    )


TEMPLATES = [backprop_shapes, output_delta, weight_gradient_outer, backward_delta, layer_weight_gradient]
