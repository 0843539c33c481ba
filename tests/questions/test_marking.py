"""The marking chain on hand-made questions: base check, then named misconceptions.

Tables of answer in, verdict out (as Perseus' score tests), independent of any template.
"""
from __future__ import annotations

import random

import pytest

from mvcalc.questions.exercise_set import Degenerate, ExerciseSet, nonzero, reroll
from mvcalc.questions.marking import mark, parse_keys
from mvcalc.questions.model import Choice, Misconception, Question
from mvcalc.questions.precision import Precision

PRODUCT = Question(
    kind="expression", prompt=r"Differentiate \(x^2 \sin(x)\).", solution="2x sin(x) + x^2 cos(x)",
    hints=["Product rule."], worked=["..."],
    misconceptions=[Misconception("2x cos(x)", "u'v' is not the product rule."),
                    Misconception("2x sin(x)", "You dropped the u v' term.")],
)


@pytest.mark.parametrize("answer, correct, valid, feedback", [
    ("2x sin(x) + x^2 cos(x)", True, True, None),
    ("x (2 sin(x) + x cos(x))", True, True, None),        # an equal form is accepted
    ("2 x cos(x)", False, True, "u'v' is not the product rule."),
    ("sin(x) 2x", False, True, "You dropped the u v' term."),
    ("x^2 cos(x)", False, True, None),                     # wrong, no named slip
    ("2x sin(x) +", False, False, None),                   # unreadable: invalid, not wrong
])
def test_expression_marking(answer, correct, valid, feedback):
    verdict = mark(PRODUCT, answer)
    assert (verdict.correct, verdict.valid) == (correct, valid)
    if feedback:
        assert verdict.feedback == feedback
    else:
        assert verdict.feedback not in {m.feedback for m in PRODUCT.misconceptions}


def test_an_invalid_answer_is_never_matched_to_a_misconception():
    q = Question(kind="expression", prompt="p", solution="x", hints=["h"], worked=["w"],
                 misconceptions=[Misconception("x +", "never")])
    assert mark(q, "x +").feedback != "never"


NUMERIC = Question(kind="numeric", prompt="p", solution="8.15485", expected=8.154845485,
                   precision=Precision(figures=4),
                   hints=["h"], worked=["w"], misconceptions=[Misconception("2.71828", "That is f(1).")])
CLOSE = "Your answer is close, but not accurate enough: give it correct to 4 significant figures."


@pytest.mark.parametrize("answer, correct, valid, feedback", [
    ("8.155", True, True, None),
    ("8.1548", True, True, None),
    ("8.154", False, True, CLOSE),                 # 8.1548 rounds to 8.155
    ("3e", True, True, None),
    ("3 * 2.718", True, True, "Correct (2.718 read as e)."),  # e to the 4 figures asked
    ("3 * 2.72", False, True, CLOSE + " Keep e exact: type e rather than 2.72."),  # e to 3 figures
    ("8.15", False, True, CLOSE),
    ("8.2", False, True, CLOSE),
    ("8.153", False, True, CLOSE),
    ("2.718", False, True, "That is f(1)."),
    ("9", False, True, None),
    ("eight", False, False, None),
])
def test_numeric_marking(answer, correct, valid, feedback):
    verdict = mark(NUMERIC, answer)
    assert (verdict.correct, verdict.valid) == (correct, valid)
    if feedback:
        assert verdict.feedback == feedback


MATRIX = Question(kind="matrix", prompt="p", solution="[[2x, 1], [0, 3y^2]]", variables=("x", "y"),
                  hints=["h"], worked=["w"],
                  misconceptions=[Misconception("[[2x, 0], [1, 3y^2]]", "That is the transpose.")])


@pytest.mark.parametrize("answer, correct, valid, feedback", [
    ("[[2x, 1], [0, 3y^2]]", True, True, None),
    ("[[x + x, 1], [0, 3 y y]]", True, True, None),
    ("[[2x, 0], [1, 3y^2]]", False, True, "That is the transpose."),
    ("[[2x, 1], [0, 3y]]", False, True, None),
    ("[[2x, 1], [0, 3y^2]", False, False, None),
])
def test_matrix_marking(answer, correct, valid, feedback):
    verdict = mark(MATRIX, answer)
    assert (verdict.correct, verdict.valid) == (correct, valid)
    if feedback:
        assert verdict.feedback == feedback


CHOICE = Question(kind="choice", prompt="p", solution="b", hints=["h"], worked=["w"],
                  choices=[Choice("a", "x"), Choice("b", "y"), Choice("c", "z")],
                  misconceptions=[Misconception("c", "That is f itself.")])


@pytest.mark.parametrize("answer, correct, valid, feedback", [
    ("b", True, True, None), (" B ", True, True, None), ("(b)", True, True, None),
    ("c", False, True, "That is f itself."), ("a", False, True, None),
    ("d", False, False, None), ("a,b", False, False, None), ("", False, False, None),
])
def test_choice_marking(answer, correct, valid, feedback):
    verdict = mark(CHOICE, answer)
    assert (verdict.correct, verdict.valid) == (correct, valid)
    if feedback:
        assert verdict.feedback == feedback


MULTI = Question(kind="multi", prompt="p", solution="a,c", hints=["h"], worked=["w"],
                 choices=[Choice(k, k) for k in "abcd"],
                 misconceptions=[Misconception("a,c,d", "d is not a derivative of f.")])


@pytest.mark.parametrize("answer, correct, valid, feedback", [
    ("a,c", True, True, None), ("c, a", True, True, None), ("c a", True, True, None),
    ("a,c,d", False, True, "d is not a derivative of f."),
    ("a", False, True, "Not quite: you missed one."),
    ("a,b", False, True, "Not quite: b should not be selected; you missed one."),
    ("a,e", False, False, None), ("", False, False, None),
])
def test_multi_marking(answer, correct, valid, feedback):
    verdict = mark(MULTI, answer)
    assert (verdict.correct, verdict.valid) == (correct, valid)
    if feedback:
        assert verdict.feedback == feedback


def test_parse_keys():
    assert parse_keys(" C, a;b ") == ["a", "b", "c"]
    assert parse_keys("(a), (b)") == ["a", "b"]


def test_question_validation():
    with pytest.raises(ValueError):
        Question(kind="essay", prompt="p", solution="s", hints=["h"], worked=["w"])
    with pytest.raises(ValueError):
        Question(kind="expression", prompt="p", solution="s", hints=[], worked=["w"])


def test_a_numeric_question_states_its_precision_once():
    with pytest.raises(ValueError):   # no precision: no tolerance, no note
        Question(kind="numeric", prompt="p", solution="2", expected=2.0, hints=["h"], worked=["w"])
    with pytest.raises(ValueError):   # a hand-written note that could disagree with the marking
        Question(kind="numeric", prompt="p", solution="2", expected=2.0, precision=Precision(figures=4),
                 answer_hint="Type a number (3 significant figures are enough).", hints=["h"], worked=["w"])
    q = Question(kind="numeric", prompt="p", solution="2", expected=2.0, precision=Precision(places=2),
                 hints=["h"], worked=["w"])
    assert q.answer_hint == Precision(places=2).note and "2 decimal places" in q.answer_hint
    assert q.tolerance == pytest.approx(0.005, rel=0.02)
    assert mark(q, "2.004").correct and not mark(q, "2.01").correct


def _template(rng):
    return Question(kind="expression", prompt=f"n = {rng.randint(0, 10**6)}", solution="x",
                    hints=["h"], worked=["w"])


def _picky(rng):
    n = rng.randint(0, 9)
    if n != 7:
        raise Degenerate("not 7")
    return _template(rng)


def test_exercise_set_is_deterministic_and_walks_templates():
    s = ExerciseSet("demo", "Demo", [_template, _picky])
    assert s.size == 2
    assert s.generate(5) == s.generate(5)
    assert s.generate(4).template == "_template" and s.generate(5).template == "_picky"
    assert s.question(1, 3) == s.generate(1 + 3 * 2)
    with pytest.raises(IndexError):
        s.question(2)


def test_a_degenerate_template_is_re_rolled_with_the_same_rng():
    s = ExerciseSet("demo", "Demo", [_picky])
    assert s.generate(3) == s.generate(3)


def test_a_template_that_never_succeeds_says_so():
    def never(rng):
        raise Degenerate("no")
    with pytest.raises(Degenerate):
        ExerciseSet("demo", "Demo", [never]).generate(0)


def test_reroll_and_nonzero():
    rng = random.Random(1)
    a, b = reroll(rng, lambda r: (r.randint(-3, 3), r.randint(-3, 3)), lambda a, b: a != 0 and a != b)
    assert a != 0 and a != b
    assert all(nonzero(rng, -3, 3) not in (0, 1, -1) for _ in range(50))
    with pytest.raises(Degenerate):
        reroll(rng, lambda r: (0,), lambda a: a != 0, max_runs=5)
