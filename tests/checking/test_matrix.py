"""check_matrix: shapes, named entries, vectors vs rows and columns."""
from __future__ import annotations

import pytest

from mvcalc.checking import check_matrix

JACOBIAN = "[[2x, 1], [0, 3y^2]]"

TABLE = [
    # answer                          expected         correct valid  feedback contains
    ("[[2x, 1], [0, 3y^2]]",          JACOBIAN,        True,   True,  "Correct"),
    ("[[x + x, 1], [0, 3 y y]]",      JACOBIAN,        True,   True,  "Correct"),
    ("[[2x, 1], [1, 3y^2]]",          JACOBIAN,        False,  True,  "Row 2, column 1 is not right"),
    ("[[2x, -1], [0, 3y^2]]",         JACOBIAN,        False,  True,  "Row 1, column 2 is not right (that entry has the opposite sign)"),
    ("[[x, 1], [0, 3y^2]]",           JACOBIAN,        False,  True,  "factor of 2"),
    ("[[2x, 1], [1, y^2]]",           JACOBIAN,        False,  True,  "Row 2, column 1 and row 2, column 2 are not right"),
    ("[[2x, 1, 0], [0, 3y^2, 0]]",    JACOBIAN,        False,  True,  "Your answer is a 2 x 3 matrix, but the answer is 2 x 2"),
    ("[2x, 1, 0, 3y^2]",              JACOBIAN,        False,  True,  "a vector with 4 entries"),
    ("2x",                            JACOBIAN,        False,  False, "square brackets"),
    ("[[2x, 1], [0, 3y^2]",           JACOBIAN,        False,  False, "never closed"),
    ("[1, 2, 3]",                     "[1, 2, 3]",     True,   True,  "Correct"),
    ("[1, 2, 4]",                     "[1, 2, 3]",     False,  True,  "Entry 3 is not right"),
    ("[1, 5, 4]",                     "[1, 2, 3]",     False,  True,  "Entries 2 and 3 are not right"),
    ("[0, 0, 0]",                     "[1, 2, 3]",     False,  True,  "None of the entries is right"),
    ("[1, 2]",                        "[1, 2, 3]",     False,  True,  "a vector with 2 entries, but the answer is a vector with 3"),
    # a plain list is a vector with no orientation: it matches a column or a row
    ("[1, 2, 3]",                     "[[1], [2], [3]]", True, True,  "Correct"),
    ("[[1], [2], [3]]",               "[1, 2, 3]",     True,   True,  "Correct"),
    ("[[1, 2, 3]]",                   "[1, 2, 3]",     True,   True,  "Correct"),
    # but an explicit row is not an explicit column
    ("[[1, 2, 3]]",                   "[[1], [2], [3]]", False, True, "1 x 3 matrix (a row), but the answer is 3 x 1 (a column)"),
    ("[2xy, x^2, 3]",                 "[2xy, x^2, 3]", True,   True,  "Correct"),
    ("[2xy, x^2, 3z]",                "[2xy, x^2, 3]", False,  True,  "uses z"),
    ("[ln(-1-x^2), 1]",               "[x, 1]",        False,  True,  "Entry 1 is not right"),
    ("[9^9^9^9 x, 1]",                "[x, 1]",        False,  False, "too large"),
]


@pytest.mark.parametrize("answer, expected, correct, valid, words", TABLE,
                         ids=[f"{a} vs {e}" for a, e, *_ in TABLE])
def test_matrix_table(answer, expected, correct, valid, words):
    verdict = check_matrix(answer, expected)
    assert (verdict.correct, verdict.valid) == (correct, valid), verdict
    assert words.lower() in verdict.feedback.lower(), verdict.feedback
    assert bool(verdict.preview_tex) == valid


def test_expected_must_be_an_array():
    verdict = check_matrix("[1]", "x")
    assert not verdict.valid and "tell your teacher" in verdict.feedback
