"""tokens.py: the character whitelist, Unicode spellings, word splitting, scientific notation."""
from __future__ import annotations

from fractions import Fraction

import pytest

from mvcalc.checking import ParseError
from mvcalc.checking.names import split_word
from mvcalc.checking.tokens import STEPS, read_tokens, tokenize


def kinds(text):
    return [(t.kind, t.text) for t in read_tokens(text)][:-1]  # without "end"


def test_steps_are_a_readable_policy():
    assert [s.__name__ for s in STEPS] == ["split_words", "refuse_digit_suffixes", "check_brackets"]


@pytest.mark.parametrize("text, tokens", [
    ("x−1", [("var", "x"), ("op", "-"), ("num", "1")]),
    ("2×x", [("num", "2"), ("op", "*"), ("var", "x")]),
    ("2·x", [("num", "2"), ("op", "*"), ("var", "x")]),
    ("x÷2", [("var", "x"), ("op", "/"), ("num", "2")]),
    ("x**2", [("var", "x"), ("op", "^"), ("num", "2")]),
    ("x²", [("var", "x"), ("op", "^"), ("num", "2")]),
    ("x⁻¹", [("var", "x"), ("op", "^"), ("(", "("), ("op", "-"), ("num", "1"), (")", ")")]),
    ("πr", [("const", "pi"), ("var", "r")]),
    ("2θ", [("num", "2"), ("var", "theta")]),
    ("√x", [("func", "sqrt"), ("var", "x")]),
])
def test_unicode_spellings(text, tokens):
    assert kinds(text) == tokens


@pytest.mark.parametrize("word, pieces", [
    ("xy", ["x", "y"]),
    ("theta", ["theta"]),
    ("sinh", ["sinh"]),
    ("xsinx", ["x", "sin", "x"]),
    ("pix", ["pi", "x"]),
    ("rtheta", ["r", "theta"]),
    ("xe", ["x", "e"]),
    ("lnx", ["ln", "x"]),
    ("mux", ["m", "u", "x"]),     # two-letter Greek names only as whole words
    ("mu", ["mu"]),
    ("arcsinx", ["arcsin", "x"]),
])
def test_split_word(word, pieces):
    assert split_word(word) == pieces


@pytest.mark.parametrize("text, value, sci", [
    ("1.5e-3", Fraction(3, 2000), True),
    ("6.02e23", Fraction(602) * 10**21, True),
    ("2E5", Fraction(200000), True),
    ("2.50", Fraction(5, 2), False),
    (".25", Fraction(1, 4), False),
])
def test_numbers(text, value, sci):
    token = tokenize(text)[0]
    assert token.kind == "num" and token.value == (value, sci)


@pytest.mark.parametrize("text", ["2e-3", "1e-05", "2.5e^x", "2.5e2x", "2e3"])
def test_lower_case_e_after_an_integer_is_eulers_number(text):
    assert ("const", "e") in kinds(text)


def test_spaces_are_remembered():
    tokens = read_tokens("log 10(x)")
    assert tokens[1].spaced  # so "log 10(x)" is allowed while log10(x) is refused


@pytest.mark.parametrize("text", ["import os", "print(x)", "eval(x)", "exec(x)", "open(x)"])
def test_python_words_are_refused(text):
    with pytest.raises(ParseError) as caught:
        read_tokens(text)
    assert "Python" in caught.value.message or "don't know the word" in caught.value.message


def test_too_many_exponent_digits_is_refused_before_any_arithmetic():
    # Fraction("1.0e999999999") would build a billion-digit integer
    with pytest.raises(ParseError):
        tokenize("1.0e999999999")
