"""Every module 1 answer key, checked independently of the templates' own formulas.

The question's function (``q.data``, learner syntax) is read with sympy's
parser here and differentiated with sympy.diff; the key and every candidate
graph are then compared numerically.  Neither the templates' hand-derived
answers nor mvcalc.checking is trusted for the verdict.
"""
from __future__ import annotations

import pytest
import sympy as sp

from mvcalc.course import module
from question_tools import POSITIVE, X, agree, numbers, parse
from every_question import lazy_question

M1 = module("m1-what-is-calculus")
VARIANTS = 5


def questions(set_slug):
    s = M1.exercise_set(set_slug)
    return [pytest.param(lazy_question(s, i, v), id=f"{lazy_question(s, i, v).template}-{v}")
            for v in range(VARIANTS) for i in range(s.size)]


def grid(x_range, n=61):
    lo, hi = x_range
    return [lo + (hi - lo) * (i + 0.5) / n for i in range(n)]


def max_gap(a, b, points):
    pairs = [(p, q) for p, q in zip(numbers(a, points), numbers(b, points))
             if p is not None and q is not None]
    assert len(pairs) > len(points) // 2
    return max(abs(p - q) for p, q in pairs)


def check_derivative_key(q):
    f = parse(q.data["f"])
    derivative = sp.diff(f, X)
    assert agree(parse(q.solution), derivative, POSITIVE), (q.data["f"], q.solution, derivative)
    # the prompt shows the same function that the key was derived from
    if r"\frac{\sin" not in q.prompt:          # (the beast is shown as a quotient on purpose)
        assert sp.latex(f, ln_notation=True) in q.prompt
    for m in q.misconceptions:
        assert not agree(parse(m.answer), derivative, POSITIVE), m


@pytest.mark.parametrize("q", questions("differentiate") + questions("product-rule")
                         + questions("chain-rule"))
def test_expression_keys_are_the_derivative(q):
    assert q.kind == "expression"
    check_derivative_key(q)


@pytest.mark.parametrize("q", questions("toolbox"))
def test_toolbox_keys(q):
    if q.kind == "expression":
        check_derivative_key(q)
    elif q.kind == "numeric":
        f = parse(q.data["f"])
        slope = float(sp.diff(f, X).subs(X, sp.nsimplify(q.data["at"])))
        assert q.expected == pytest.approx(slope, rel=1e-9, abs=1e-12)
        assert float(q.solution) == pytest.approx(slope, rel=1e-5)
        for m in q.misconceptions:
            assert float(m.answer) != pytest.approx(slope, rel=1e-3)
    elif q.data["ask"] == "equal to derivative":
        derivative = sp.diff(parse(q.data["f"]), X)
        right = {c.key for c in q.choices if agree(parse(c.value), derivative, POSITIVE)}
        assert right == set(q.solution.split(","))
    elif q.data["ask"] == "antiderivative":
        g = parse(q.data["g"])
        right = {c.key for c in q.choices if agree(sp.diff(parse(c.value), X), g, POSITIVE)}
        assert right == set(q.solution.split(","))
    else:
        raise AssertionError(q.template)


@pytest.mark.parametrize("q", questions("matching-functions"))
def test_matching_functions_keys(q):
    f = parse(q.data["f"])
    if q.data["shape"] == "graph choice":
        x_range = q.choices[0].plot.x_range
        points = grid(x_range)
        for c in q.choices:
            curve = parse(c.plot.expr)
            if c.key == q.solution:
                assert agree(curve, f, points), c
            else:
                assert max_gap(curve, f, points) > 0.3, c
    else:
        points = grid(q.figure.x_range)
        shown = parse(q.figure.expr)
        assert agree(shown, f, points)
        for c in q.choices:
            if c.key == q.solution:
                assert agree(parse(c.value), shown, points), c
            else:
                assert max_gap(parse(c.value), shown, points) > 0.3, c


@pytest.mark.parametrize("q", questions("graph-of-derivative"))
def test_graph_of_derivative_keys(q):
    shown = parse(q.figure.expr)
    assert agree(shown, parse(q.data["shown"]), grid(q.figure.x_range))
    points = grid(q.figure.x_range)
    for c in q.choices:
        curve = parse(c.plot.expr)
        if q.data["direction"] == "derivative":
            # is this candidate the derivative of the graph shown?
            gap = max_gap(curve, sp.diff(shown, X), points)
        else:
            # is the graph shown the derivative of this candidate?
            gap = max_gap(sp.diff(curve, X), shown, points)
        if c.key == q.solution:
            assert gap < 1e-9, c
        else:
            assert gap > 0.3, c


@pytest.mark.parametrize("q", questions("matching-functions"))
def test_matching_functions_feedback_describes_its_graph(q):
    """What a wrong option's feedback says about its graph is true of that graph."""
    said = {m.answer: m.feedback for m in q.misconceptions}
    for c in q.choices:
        text = said.get(c.key, "")
        curve = parse(c.value)
        if "misses the origin" in text:
            height = float(curve.subs(X, 0))
            assert height != 0 and f"height \\({height:g}\\)" in text, (c, text)
        if "swings grow taller" in text:
            assert sp.simplify(curve - curve.subs(X, -X)) == 0, "symmetric about the y-axis"
            near = max(abs(v) for v in numbers(curve, grid((0, 2 * 3.1416))))
            far = max(abs(v) for v in numbers(curve, grid((4 * 3.1416, 6 * 3.1416))))
            assert far > 2 * near, (c, near, far)
        if "starts at its minimum" in text:
            values = numbers(curve, grid((-6.3, 6.3), 400))
            assert float(curve.subs(X, 0)) == pytest.approx(min(values), abs=1e-3), c
        assert "starts at a peak" not in text and "grows wider" not in text
