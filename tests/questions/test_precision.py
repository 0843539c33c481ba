"""Marking keeps its word: a numeric question states its precision once, and the key
rounded to that precision is always accepted.

The unit tests pin the tolerance rule (a little over half a unit in the last asked
place) at its edges; the sweep takes every numeric question of every set over seeds
0-119 (found by kind, so new templates are covered) and answers it as a careful
learner would: the key rounded to the asked precision (half-even and half-up), then
rounded one figure coarser.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest

from every_question import SETS, questions, where
from mvcalc.questions.marking import mark
from mvcalc.questions.model import Question
from mvcalc.questions.precision import FOUR_FIGURES, Precision, figures_to_tell_apart


def numeric(expected: float, precision: Precision) -> Question:
    return Question(kind="numeric", prompt="p", solution=repr(expected), expected=expected,
                    precision=precision, hints=["h"], worked=["w"])


def rounded_text(value: float, precision: Precision, mode=ROUND_HALF_EVEN) -> str:
    """``value`` rounded as a learner would, from its shortest decimal, with Decimal."""
    unit = precision.unit(value)
    if unit == 0:
        return "0"
    exponent = round(math.log10(unit))
    text = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(exponent), rounding=mode)
    return format(text, "f")


# --- the rule ----------------------------------------------------------------------------

@pytest.mark.parametrize("value, precision, unit", [
    (13.169230769, Precision(figures=4), 0.01),
    (1.97484375, Precision(figures=6), 1e-5),
    (-1.1464891, Precision(figures=4), 0.001),
    (1000.0, Precision(figures=4), 1.0),           # log10(1000) is 2.9999999999999996 in floats
    (9.9996, Precision(figures=4), 0.01),          # rounds to 10.00
    (0.000552778, Precision(figures=4), 1e-7),
    (12345.6, Precision(figures=2), 1000.0),
    (3.14159, Precision(places=2), 0.01),
    (-271.8, Precision(places=0), 1.0),
])
def test_unit_in_the_last_asked_place(value, precision, unit):
    assert precision.unit(value) == pytest.approx(unit, rel=1e-12)
    assert precision.tolerance(value) == pytest.approx(0.505 * unit, rel=1e-12)


@pytest.mark.parametrize("value, precision, text", [
    (13.169230769, Precision(figures=4), "13.17"),
    (9.9996, Precision(figures=4), "10.00"),
    (2.5, Precision(figures=4), "2.500"),
    (12345.6, Precision(figures=3), "12300"),
    (-0.0001, Precision(places=2), "0.00"),
    (0.0, Precision(figures=3), "0.00"),
    (-1.1464891, Precision(figures=4), "-1.146"),
])
def test_text(value, precision, text):
    assert precision.text(value) == text
    assert precision.rounded(value) == float(text)


def test_a_key_that_is_itself_a_half_accepts_both_roundings():
    q = numeric(0.125, Precision(figures=2))
    assert mark(q, "0.12").correct and mark(q, "0.13").correct
    assert not mark(q, "0.11").correct and not mark(q, "0.14").correct


def test_half_a_unit_plus_float_error_is_accepted_but_a_wrong_last_figure_is_not():
    q = numeric(1.97484375, Precision(figures=6))
    assert mark(q, "1.97484").correct
    assert mark(q, "1.974844").correct
    assert not mark(q, "1.97485").correct     # 0.625 units away: the last figure is wrong
    assert not mark(q, "1.97483").correct


def test_a_zero_key_to_significant_figures_is_exact():
    q = numeric(0.0, FOUR_FIGURES)
    assert mark(q, "0").correct and mark(q, "0.000").correct
    assert not mark(q, "0.0001").correct


def test_the_words_come_from_the_data():
    assert Precision(figures=1).phrase == "1 significant figure"
    assert Precision(figures=6).phrase == "6 significant figures"
    assert Precision(places=1).phrase == "1 decimal place"
    assert Precision(places=3).phrase == "3 decimal places"
    assert Precision(places=0).phrase == "the nearest whole number"
    assert FOUR_FIGURES.note == ("Type a number, correct to 4 significant figures, e.g. 12.35 or -3.457 "
                                 "(more figures are fine).")
    assert "e.g. 12 or -3" in Precision(places=0).note
    assert "e.g. 12.3457 or -3.45679" in Precision(figures=6).note


def test_coarser():
    assert Precision(figures=4).coarser() == Precision(figures=3)
    assert Precision(figures=1).coarser() is None
    assert Precision(places=2).coarser() == Precision(places=1)
    assert Precision(places=0).coarser() is None


@pytest.mark.parametrize("kwargs", [{}, {"figures": 4, "places": 2}, {"figures": 0}, {"figures": 13},
                                    {"places": -1}])
def test_a_precision_is_figures_or_places(kwargs):
    with pytest.raises(ValueError):
        Precision(**kwargs)


def test_figures_to_tell_apart():
    # tangent-plane estimate 13.1692 against the exact value 13.1700: 6 figures tell them apart
    assert figures_to_tell_apart(13.169230769, [13.170041762]) == Precision(figures=6)
    assert figures_to_tell_apart(2.0, [3.0]) == FOUR_FIGURES
    assert figures_to_tell_apart(10.009995, [10.01]) is None      # 8 figures: the template re-rolls
    for key, other in [(13.169230769, 13.170041762), (1.97484375, 1.975)]:
        precision = figures_to_tell_apart(key, [other])
        q = numeric(key, precision)
        assert mark(q, precision.text(key)).correct
        assert not mark(q, precision.text(other)).correct


# --- the sweep ----------------------------------------------------------------------------

PRECISION_WORDS = re.compile(r"\b(?:\w+ significant figures?|\w+ decimal places?|the nearest whole number)\b")


def numeric_questions(slug):
    return [q for q in questions(slug) if q.kind == "numeric"]


@pytest.mark.parametrize("slug", [s.slug for s in SETS])
def test_the_key_rounded_to_the_asked_precision_is_accepted(slug):
    for q in numeric_questions(slug):
        p = q.precision
        assert p is not None and q.answer_hint == p.note, where(q)
        for mode in (ROUND_HALF_EVEN, ROUND_HALF_UP):
            answer = rounded_text(q.expected, p, mode)
            verdict = mark(q, answer)
            assert verdict.correct, (where(q), q.expected, p.phrase, answer, verdict.feedback)
        assert mark(q, p.text(q.expected)).correct, where(q)
        # a learner who keeps more figures than asked is right too
        more = Precision(figures=p.figures_at(q.expected) + 2)
        assert mark(q, more.text(q.expected)).correct, where(q)


@pytest.mark.parametrize("slug", [s.slug for s in SETS])
def test_one_figure_coarser_is_refused_where_the_tolerance_says_so(slug):
    for q in numeric_questions(slug):
        coarser = q.precision.coarser()
        if coarser is None or q.expected == 0:
            continue
        # the precision means something: a coarser rounding can fall outside the tolerance
        assert q.tolerance < 0.5 * coarser.unit(q.expected), where(q)
        answer = rounded_text(q.expected, coarser)
        distance = abs(float(answer) - q.expected)
        verdict = mark(q, answer)
        if distance > q.tolerance * 1.001:
            assert verdict.valid and not verdict.correct, (where(q), q.expected, answer)
            # "not accurate enough: give it correct to 6 significant figures", or, when the
            # coarser rounding is exactly a known slip's value (5.050 for a first-order
            # estimate of 5.05), that slip's sentence
            slips = {m.feedback for m in q.misconceptions
                     if math.isclose(float(m.answer), float(answer), rel_tol=1e-9)}
            assert q.precision.phrase in verdict.feedback or verdict.feedback in slips, (
                where(q), answer, verdict.feedback)
        elif distance < q.tolerance * 0.999:
            # the coarser rounding happens to be (nearly) the key, e.g. 2.000 -> 2.00: right, honestly
            assert verdict.correct, (where(q), q.expected, answer, verdict.feedback)


def test_coarser_roundings_are_mostly_refused():
    """Across the course, most keys rounded one figure coarser are refused (integer keys are not)."""
    refused = total = 0
    for s in SETS:
        for q in numeric_questions(s.slug):
            coarser = q.precision.coarser()
            if coarser is None:
                continue
            total += 1
            refused += not mark(q, rounded_text(q.expected, coarser)).correct
    assert total >= 500 and refused >= total // 3, (refused, total)


@pytest.mark.parametrize("slug", [s.slug for s in SETS])
def test_precision_words_match_the_data(slug):
    """Any precision a question's text states is the one it is marked to; no other kind states one."""
    for q in questions(slug):
        texts = [q.prompt, q.answer_hint, *q.hints, *q.worked, *(m.feedback for m in q.misconceptions)]
        said = {m.group(0) for t in texts for m in PRECISION_WORDS.finditer(t)}
        assert not any("{precision}" in t for t in texts), where(q)
        if q.kind == "numeric":
            assert said <= {q.precision.phrase}, (where(q), said, q.precision.phrase)
        else:
            assert not said, (where(q), said)


NO_SYMPY = r"""
import sys
from mvcalc.questions.marking import mark
from mvcalc.questions.model import Question
from mvcalc.questions.precision import Precision
q = Question(kind="numeric", prompt="p", solution="8.154845", expected=8.154845485,
             precision=Precision(figures=4), hints=["h"], worked=["w"])
verdicts = [mark(q, a) for a in ("8.155", "3*2.718", "8.15", "3*2.72", "81.55")]
assert [v.correct for v in verdicts] == [True, True, False, False, False], verdicts
print("sympy" in sys.modules)
"""


def test_numeric_marking_needs_no_sympy():
    import subprocess
    import sys
    from pathlib import Path
    py = Path(__file__).resolve().parents[2] / "py"
    result = subprocess.run([sys.executable, "-c", NO_SYMPY], capture_output=True, text=True,
                            cwd=py, check=True)
    assert result.stdout.strip() == "False"
