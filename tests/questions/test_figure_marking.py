"""Marking answers given on a figure, as tables: answer in, verdict out.

A pick question is answered by the key of a labelled item; a point question by "(x, y)",
right within its tolerance in the figure's own units. Nothing placed or picked yet is
invalid (not wrong), and so is text that is not a point.
"""
from __future__ import annotations

import random

import pytest

from mvcalc.questions.figure import Arrow, Contour, Figure, Marker
from mvcalc.questions.figure_builders import pick_question, point_question
from mvcalc.questions.marking import mark
from mvcalc.questions.point_answer import PointError, format_point, parse_point

BOWL = Figure((Contour("x^2 + 2y^2"),), (-3.0, 3.0), (-2.0, 2.0), equal=True, snap=(0.25, 0.25))


def pick():
    options = [{"item": Arrow((1.0, 1.0), (0.4, 0.2)), "correct": True},
               {"item": Arrow((1.0, 1.0), (1.6, 1.8)), "feedback": "That one points uphill."},
               {"item": Arrow((1.0, 1.0), (1.8, 0.6))}]
    return pick_question(random.Random(3), "Which arrow points downhill?", options, figure=BOWL,
                         hints=["Downhill crosses the level curves."], worked=["Arrow {key}."])


def point():
    return point_question("Click the lowest point.", BOWL, (0.5, -1.0), (0.2, 0.1),
                          wrong=[((-0.5, 1.0), "Mirror image."), ((0.6, -1.05), "too close: dropped")],
                          hints=["The centre of the rings."], worked=["(0.5, -1)."])


def test_pick_keys_and_solution():
    q = pick()
    assert q.kind == "pick" and q.keys == ["a", "b", "c"]
    assert q.figure.item(q.solution).end == (0.4, 0.2)
    assert q.worked == [f"Arrow ({q.solution})."]


def uphill_key(q):
    return next(m.answer for m in q.misconceptions if m.feedback == "That one points uphill.")


@pytest.mark.parametrize("answer, correct, valid", [
    ("SOLUTION", True, True),
    ("(SOLUTION)", True, True),
    (" SOLUTION ", True, True),
    ("OTHER", False, True),
    ("", False, False),             # nothing picked yet: not wrong
    ("d", False, False),            # not an item of the figure
    ("a,b", False, False),          # one item only
    ("zz", False, False),
])
def test_pick_table(answer, correct, valid):
    q = pick()
    other = next(k for k in q.keys if k != q.solution)
    verdict = mark(q, answer.replace("SOLUTION", q.solution).replace("OTHER", other))
    assert (verdict.correct, verdict.valid) == (correct, valid), verdict
    assert verdict.feedback


def test_pick_names_the_slip_and_says_nothing_picked():
    q = pick()
    assert mark(q, uphill_key(q)).feedback == "That one points uphill."
    assert "nothing was counted" in mark(q, "").feedback


@pytest.mark.parametrize("answer, correct, valid, says", [
    ("(0.5, -1)", True, True, "Correct"),
    ("(0.7, -0.9)", True, True, "Correct"),         # at the edge of the tolerance (0.2, 0.1)
    ("(0.3, -1.1)", True, True, "Correct"),
    ("0.5, -1", True, True, "Correct"),             # brackets are optional
    ("[0.5; -1]", True, True, "Correct"),
    ("(1/2, -1)", True, True, "Correct"),           # a constant expression is a number
    ("(0.75, -1)", False, True, "y is right"),      # x out by 0.25 > 0.2
    ("(0.5, -0.8)", False, True, "x is right"),
    ("(-0.5, 1)", False, True, "Mirror image."),    # a named slip
    ("(-0.4, 1.05)", False, True, "Mirror image."),  # within the tolerance of the slip
    ("(2, 1.5)", False, True, "Not there"),
    ("(9, 1)", False, True, "outside the figure"),
    ("", False, False, "nothing was counted"),      # nothing placed yet: not wrong
    ("(0.5", False, False, "two numbers"),
    ("0.5 -1", False, False, "two numbers"),
    ("(x, 1)", False, False, "not a formula"),
    ("(1, 2, 3)", False, False, "two numbers"),
    ("(sqrt(-1), 0)", False, False, "Could not read x"),
])
def test_point_table(answer, correct, valid, says):
    verdict = mark(point(), answer)
    assert (verdict.correct, verdict.valid) == (correct, valid), verdict
    assert says in verdict.feedback


def test_point_drops_a_slip_too_close_to_the_key():
    assert [m.answer for m in point().misconceptions] == ["(-0.5, 1)"]


def test_point_answer_text_round_trip():
    assert parse_point(format_point(1.25, -0.5, (0.25, 0.25))) == (1.25, -0.5)
    assert format_point(1.25, -0.5, (0.25, 0.25)) == "(1.25, -0.5)"
    assert format_point(2.0, 0.30000000000000004, (0.1, 0.1)) == "(2, 0.3)"     # no 0.30000000000000004
    assert format_point(-0.0001, 3, (0.5, 1)) == "(0, 3)"
    with pytest.raises(PointError):
        parse_point("1..2, 3")


def test_a_point_question_needs_a_grid_and_a_tolerance():
    with pytest.raises(ValueError):
        point_question("?", Figure((Marker((0.0, 0.0)),)), (0.0, 0.0), (0.1, 0.1), hints=["h"], worked=["w"])
    with pytest.raises(ValueError):
        point_question("?", BOWL, (0.0, 0.0), (0.0, 0.1), hints=["h"], worked=["w"])
