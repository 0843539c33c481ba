"""Training neural networks: derivatives of the cost with respect to weights and biases.

The cost of one neuron a = sigma(w x + b) on one example is C = (a - y)^2; the chain
rule gives dC/dw = dC/da * da/dz * dz/dw = 2(a - y) * sigma'(z) * x, with
sigma'(z) = a(1 - a).  Named slips: the sigma' factor missing, dz/dw = x missing,
the bias given a factor x, a link of a two-neuron chain left out.
"""
from __future__ import annotations

import math

import sympy as sp

from mvcalc.questions.builders import EXPRESSION_HINT, require
from mvcalc.questions.compare import misconceptions
from mvcalc.questions.m3.backprop_matrix import TEMPLATES as MATRIX_FORM
from mvcalc.questions.m3.simple_networks import _d, _s, numeric, sigma
from mvcalc.questions.model import Question
from mvcalc.questions.printing import approx, learner, tex

a, w, x, y, b = sp.symbols("a w x y b")
CHAIN = (r"Backpropagation is the chain rule: \(\dfrac{\partial C}{\partial w} = \dfrac{\partial C}{\partial a}"
         r"\,\dfrac{\partial a}{\partial z}\,\dfrac{\partial z}{\partial w}\), with \(z = w x + b\) and \(a = \sigma(z)\).")
SIGMA_PRIME = r"\(\sigma'(z) = \sigma(z)\,(1 - \sigma(z)) = a(1 - a)\)."
MISSING_SIGMA_PRIME = (r"The factor \(\partial a/\partial z = \sigma'(z) = a(1 - a)\) is missing: the cost reaches "
                       r"the weight through the sigmoid, so its slope is one link of the chain.")


def cost_slope(rng):
    """dC/da for C = (a - y)^2 at given a, y: the first link of the chain."""
    av = rng.choice([0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9])
    yv = rng.choice([0.0, 1.0])
    value = 2 * (av - yv)
    return numeric(
        (rf"A network's output is \(a = {_s(av)}\) and the target is \(y = {_s(yv)}\). The cost is "
         rf"\(C = (a - y)^2\). What is \(\dfrac{{\partial C}}{{\partial a}}\) here?"),
        value,
        [r"Differentiate \((a - y)^2\) with respect to \(a\), treating \(y\) as a constant.",
         r"\(\frac{\partial C}{\partial a} = 2(a - y)\)."],
        [r"\(\frac{\partial C}{\partial a} = 2(a - y)\) (the power rule; the inner derivative is 1).",
         rf"\(= 2({_s(av)} - {_s(yv)}) = {_s(value)}\)."],
        [(av - yv, r"The power rule brings down a factor 2: \(\frac{d}{da}(a - y)^2 = 2(a - y)\)."),
         ((av - yv) ** 2, r"That is the cost itself, not its slope."),
         (2 * (yv - av), r"Sign slip: \(2(a - y)\), output minus target.")],
        {"a": av, "y": yv},
    )


def sigmoid_slope(rng):
    """sigma'(z) expressed through the activation: the middle link."""
    av = rng.choice([0.1, 0.2, 0.25, 0.3, 0.6, 0.75, 0.8, 0.9])
    value = av * (1 - av)
    return numeric(
        (rf"A neuron's activation is \(a = \sigma(z) = {_s(av)}\). Without finding \(z\), what is "
         r"\(\dfrac{da}{dz} = \sigma'(z)\)?"),
        value,
        [SIGMA_PRIME, r"Differentiate \(\sigma(z) = (1 + e^{-z})^{-1}\) with the chain rule to see why."],
        [r"\(\sigma'(z) = \frac{e^{-z}}{(1 + e^{-z})^2} = \frac{1}{1 + e^{-z}}\cdot\frac{e^{-z}}{1 + e^{-z}}"
         r" = \sigma(z)(1 - \sigma(z))\).",
         rf"So \(\sigma'(z) = a(1 - a) = {_s(av)}\times{_s(1 - av)} {approx(value, '.4g')}\)."],
        [(1 - av, r"\(\sigma' = \sigma(1 - \sigma)\): multiply by \(a\) as well."),
         (av, r"That is \(\sigma(z)\) itself; its slope is \(\sigma(1 - \sigma)\).")],
        {"a": av},
    )


def weight_gradient_formula(rng):
    """dC/dw or dC/db for a = sigma(w x + b), C = k(a - y)^2: an expression in a, x, y."""
    k = rng.choice([sp.Rational(1, 2), 1, 2, 3])
    by = rng.choice(["w", "b"])
    last = x if by == "w" else sp.Integer(1)
    answer = 2 * k * (a - y) * a * (1 - a) * last
    wrong = [(2 * k * (a - y) * last, MISSING_SIGMA_PRIME),
             (k * (a - y) * a * (1 - a) * last, r"\(\frac{\partial}{\partial a}(a - y)^2 = 2(a - y)\): "
                                                r"the power rule's factor 2 is missing.")]
    if by == "w":
        wrong.append((2 * k * (a - y) * a * (1 - a), r"The last link, \(\partial z/\partial w = x\), is missing."))
    else:
        wrong.append((2 * k * (a - y) * a * (1 - a) * x,
                      r"\(\partial z/\partial b = 1\), not \(x\): that factor belongs to \(\partial C/\partial w\)."))
    cost = k * (a - y) ** 2
    # name exactly the letters the answer is in (x only for the weight)
    letters = r"\(a\), \(x\) and \(y\)" if by == "w" else r"\(a\) and \(y\)"
    return Question(
        kind="expression",
        prompt=(r"One neuron, \(a = \sigma(z)\) with \(z = w x + b\) (here \(x\) stands for the input \(a_0\)), "
                rf"and the cost \(C = {tex(cost)}\) for target \(y\). Find \(\dfrac{{\partial C}}{{\partial {by}}}\) "
                rf"in terms of {letters} (use \(\sigma'(z) = a(1 - a)\))."),
        solution=learner(answer),
        hints=[CHAIN.replace(r"\partial w}", rf"\partial {by}}}"), SIGMA_PRIME],
        worked=[rf"\(\frac{{\partial C}}{{\partial a}} = {tex(sp.diff(cost, a))}\).",
                r"\(\frac{\partial a}{\partial z} = \sigma'(z) = a(1 - a)\).",
                rf"\(\frac{{\partial z}}{{\partial {by}}} = {tex(last)}\).",
                rf"Multiplied: \(\frac{{\partial C}}{{\partial {by}}} = {tex(answer)}\)."],
        misconceptions=misconceptions(answer, wrong, (a, x, y)),
        answer_hint=EXPRESSION_HINT.replace("3x^2 cos(x) + e^(2x)", "2(a - y) a x"),
        variables=("a", "x", "y"),
        data={"k": float(k), "cost": learner(cost), "by": by},
    )


def _neuron(rng):
    w_, b_, x_ = _d(rng), _d(rng, -2, 2), _d(rng, -2, 2)
    y_ = rng.choice([0.0, 1.0])
    z = w_ * x_ + b_
    require(0.3 < abs(z) < 3)
    return w_, b_, x_, y_, z, sigma(z)


def weight_gradient(rng):
    """dC/dw as a number for one neuron and one example; the missing sigma' named."""
    w_, b_, x_, y_, z, av = _neuron(rng)
    dCda, dadz = 2 * (av - y_), av * (1 - av)
    value = dCda * dadz * x_
    return numeric(
        (rf"A neuron with \(w = {_s(w_)}\), \(b = {_s(b_)}\) gets the input \(a_0 = {_s(x_)}\); the target is "
         rf"\(y = {_s(y_)}\) and the cost \(C = (a_1 - y)^2\) with \(a_1 = \sigma(w a_0 + b)\). "
         r"What is \(\dfrac{\partial C}{\partial w}\)?"),
        value,
        [CHAIN.replace(r"w x + b", r"w a_0 + b").replace(r"\(a = \sigma(z)\)", r"\(a_1 = \sigma(z)\)"),
         rf"\(z = {_s(z)}\) and \(a_1 = \sigma(z) {approx(av, '.4f')}\)."],
        [rf"Forward: \(z = ({_s(w_)})({_s(x_)}) + ({_s(b_)}) = {_s(z)}\), \(a_1 = \sigma(z) {approx(av, '.4f')}\).",
         rf"\(\frac{{\partial C}}{{\partial a_1}} = 2(a_1 - y) {approx(dCda, '.4f')}\).",
         rf"\(\frac{{\partial a_1}}{{\partial z}} = a_1(1 - a_1) {approx(dadz, '.4f')}\).",
         rf"\(\frac{{\partial z}}{{\partial w}} = a_0 = {_s(x_)}\).",
         rf"\(\frac{{\partial C}}{{\partial w}} = ({dCda:.4f})({dadz:.4f})({_s(x_)}) {approx(value, '.4g')}\)."],
        [(dCda * x_, MISSING_SIGMA_PRIME), (dCda * dadz, r"The last link, \(\partial z/\partial w = a_0\), is missing."),
         (dCda / 2 * dadz * x_, r"\(\partial C/\partial a_1 = 2(a_1 - y)\): the factor 2 is missing.")],
        {"w": w_, "b": b_, "a0": x_, "y": y_},
    )


def bias_gradient(rng):
    """dC/db for the same neuron: dz/db = 1."""
    w_, b_, x_, y_, z, av = _neuron(rng)
    require(abs(x_) != 1)
    dCda, dadz = 2 * (av - y_), av * (1 - av)
    value = dCda * dadz
    return numeric(
        (rf"The same kind of neuron: \(w = {_s(w_)}\), \(b = {_s(b_)}\), input \(a_0 = {_s(x_)}\), target "
         rf"\(y = {_s(y_)}\), cost \(C = (a_1 - y)^2\). What is \(\dfrac{{\partial C}}{{\partial b}}\)?"),
        value,
        [r"\(\frac{\partial C}{\partial b} = \frac{\partial C}{\partial a_1}\frac{\partial a_1}{\partial z}"
         r"\frac{\partial z}{\partial b}\), and \(z = w a_0 + b\).",
         r"\(\frac{\partial z}{\partial b} = 1\)."],
        [rf"\(z = {_s(z)}\), \(a_1 {approx(av, '.4f')}\).",
         rf"\(\frac{{\partial C}}{{\partial b}} = 2(a_1 - y)\,a_1(1 - a_1)\cdot 1 = ({dCda:.4f})({dadz:.4f}) {approx(value, '.4g')}\)."],
        [(dCda * dadz * x_, r"\(\partial z/\partial b = 1\), not \(a_0\): that factor belongs to \(\partial C/\partial w\)."),
         (dCda, MISSING_SIGMA_PRIME)],
        {"w": w_, "b": b_, "a0": x_, "y": y_},
    )


def two_layer_chain(rng):
    """dC/dw1 through two neurons: a1 = sigma(w1 a0 + b1), a2 = sigma(w2 a1 + b2)."""
    w1, b1, w2, b2 = _d(rng, -2, 2), _d(rng, -1, 1), _d(rng, -2, 2), _d(rng, -1, 1)
    a0 = _d(rng, -1, 1)
    y_ = rng.choice([0.0, 1.0])
    z1 = w1 * a0 + b1
    a1 = sigma(z1)
    z2 = w2 * a1 + b2
    a2 = sigma(z2)
    require(abs(z1) > 0.1)
    links = [2 * (a2 - y_), a2 * (1 - a2), w2, a1 * (1 - a1), a0]
    value = math.prod(links)
    return numeric(
        (r"Two neurons in a row: \(a_1 = \sigma(w_1 a_0 + b_1)\), \(a_2 = \sigma(w_2 a_1 + b_2)\), cost "
         rf"\(C = (a_2 - y)^2\), with \(w_1 = {_s(w1)}\), \(b_1 = {_s(b1)}\), \(w_2 = {_s(w2)}\), "
         rf"\(b_2 = {_s(b2)}\), input \(a_0 = {_s(a0)}\) and target \(y = {_s(y_)}\). "
         r"What is \(\dfrac{\partial C}{\partial w_1}\)?"),
        value,
        [r"\(\frac{\partial C}{\partial w_1} = \frac{\partial C}{\partial a_2}\frac{\partial a_2}{\partial z_2}"
         r"\frac{\partial z_2}{\partial a_1}\frac{\partial a_1}{\partial z_1}\frac{\partial z_1}{\partial w_1}\): "
         r"five links.",
         r"\(\frac{\partial z_2}{\partial a_1} = w_2\), and each \(\frac{\partial a}{\partial z} = a(1 - a)\)."],
        [rf"Forward: \(z_1 = {_s(z1)}\), \(a_1 {approx(a1, '.4f')}\), \(z_2 {approx(z2, '.4f')}\), \(a_2 {approx(a2, '.4f')}\).",
         rf"Links: \(2(a_2 - y) {approx(links[0], '.4f')}\), \(a_2(1 - a_2) {approx(links[1], '.4f')}\), \(w_2 = {_s(w2)}\), "
         rf"\(a_1(1 - a_1) {approx(links[3], '.4f')}\), \(a_0 = {_s(a0)}\).",
         rf"Product: \(\frac{{\partial C}}{{\partial w_1}} {approx(value, '.4g')}\)."],
        [(value / links[3], r"The factor \(\sigma'(z_1) = a_1(1 - a_1)\) of the first neuron is missing."),
         (value / links[1], r"The factor \(\sigma'(z_2) = a_2(1 - a_2)\) of the second neuron is missing."),
         (value / links[1] / links[3], r"Both sigmoid slopes \(a(1 - a)\) are missing: every neuron on the "
                                       r"path contributes one."),
         (value / w2, r"The link \(\partial z_2/\partial a_1 = w_2\) is missing.")],
        {"w1": w1, "b1": b1, "w2": w2, "b2": b2, "a0": a0, "y": y_},
    )


# one neuron first, then whole layers in matrix form (mvcalc.questions.m3.backprop_matrix); new ones at the end
TEMPLATES = [cost_slope, sigmoid_slope, weight_gradient_formula, weight_gradient, bias_gradient, two_layer_chain,
             *MATRIX_FORM]
