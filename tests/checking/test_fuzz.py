"""10,000 generated strings: every call answers quickly, never raises, and is consistent.

Strings are random sequences of the grammar's tokens plus junk (Unicode,
control characters, Python punctuation), some grammatical expressions, and
a few very long ones.  The seed is fixed, so a failure can be replayed.
"""
from __future__ import annotations

import random
import time

import pytest

from mvcalc.checking import (
    ParseError, Verdict, check_expression, check_matrix, check_numeric, messages, parse, preview,
)

SEED = 20240611
COUNT = 10_000

GRAMMAR = (
    "x y z t e pi theta 0 1 2 3 9 10 0.5 1.5 100 ^ ^ * * / + + - - ( ( ) ) [ ] , | "
    "sin cos tan sec ln log sqrt exp abs asin arctan sinh cosh ** . e- E 2e 1.5e-3 xy 2x "
    "sin^-1 cos^2 10^10 9^9^9 x^(10^9)"
).split() + [" ", " ", "θ", "π", "²", "⁻¹", "−", "×", "·", "÷", "√", "²²²²²²²²²²²²²²²²", "9" * 30]
JUNK = ["😀", "\x00", "\u200b", "é", "_", '"', "'", ":", "=", "!", ";", "{", "}", "import",
        "lambda", "__class__", "\n", "\t", "%", "&", "ℯ", "ⅹ", "٣", "\ud800", "\u202e"]


def token(rng: random.Random) -> str:
    return rng.choice(JUNK) if rng.random() < 0.05 else rng.choice(GRAMMAR)


FUNCTIONS = ["sin", "cos", "tan", "ln", "sqrt", "exp", "abs", "asin", "sinh"]


def grammatical(rng: random.Random, depth: int = 0) -> str:
    """A random expression in the learner grammar (so valid inputs are well covered)."""
    if depth > 3 or rng.random() < 0.3:
        return rng.choice(["x", "y", "2", "3.5", "e", "pi", "x^2", "2x", "1/2"])
    kind = rng.randrange(7)
    a, b = grammatical(rng, depth + 1), grammatical(rng, depth + 1)
    if kind == 0:
        return f"{a} + {b}"
    if kind == 1:
        return f"{a} - {b}"
    if kind == 2:
        return f"({a})({b})"
    if kind == 3:
        return f"({a})/({b})"
    if kind == 4:
        return f"({a})^{rng.choice(['2', '3', '-1', '(1/2)', 'x'])}"
    if kind == 5:
        return f"{rng.choice(FUNCTIONS)}({a})"
    return f"-{a}"


def near_miss(rng: random.Random, text: str) -> str:
    """The expected answer with one small edit: the most realistic wrong answers."""
    k = rng.randrange(len(text) + 1)
    edit = rng.randrange(3)
    if edit == 0:
        return text[:k] + token(rng) + text[k:]
    if edit == 1:
        return text[:k] + text[k + 1:]
    return text[:k] + token(rng) + text[k + 1:]


def generate(rng: random.Random, expected: str) -> str:
    roll = rng.random()
    if roll < 0.20:
        return grammatical(rng)
    if roll < 0.23:
        return "[" + ", ".join(grammatical(rng) for _ in range(rng.randint(1, 4))) + "]"
    if roll < 0.33:
        return near_miss(rng, expected)
    if roll < 0.35:  # long: a repeated chunk, up to and a little past the length limit
        chunk = "".join(token(rng) for _ in range(rng.randint(1, 4)))
        return (chunk * (1 + 1100 // max(1, len(chunk))))[: rng.randint(200, 1100)]
    return "".join(token(rng) for _ in range(rng.randint(0, 25)))


EXPECTED = ["x^2 sin(x)", "2x + 1", "e^(-7x)", "x", "2 ln(x)"]
MATRIX = "[[2x, 1], [0, 3y^2]]"


def assert_consistent(verdict: Verdict, readable: bool, text: str) -> None:
    assert isinstance(verdict, Verdict), text
    assert verdict.feedback != messages.INTERNAL, text   # a hidden bug, caught by the guard
    if verdict.correct:
        assert verdict.valid and verdict.feedback.startswith("Correct"), text
    else:
        assert verdict.feedback, text
    if not verdict.valid:
        assert verdict.preview_tex == "", text
    else:
        assert verdict.preview_tex, text
    if not readable:
        assert not verdict.valid, text


@pytest.mark.slow
def test_fuzz():
    rng = random.Random(SEED)
    slowest, started = 0.0, time.process_time()
    for k in range(COUNT):
        expected = EXPECTED[k % len(EXPECTED)] if k % 3 == 0 else "0.5" if k % 3 == 1 else MATRIX
        text = generate(rng, expected)
        try:
            parse(text)
            readable = True
        except ParseError as error:
            readable = False
            assert error.message and "Traceback" not in error.message

        begin = time.process_time()  # CPU time: see conftest.timed
        shown = preview(text)
        if k % 3 == 0:
            verdict = check_expression(text, expected)
        elif k % 3 == 1:
            verdict = check_numeric(text, 0.5)
        else:
            verdict = check_matrix(text, MATRIX)
        elapsed = time.process_time() - begin
        slowest = max(slowest, elapsed)

        assert elapsed < 1.0, (text, elapsed)
        assert shown.valid == readable, text
        assert bool(shown.preview_tex) == readable, text
        assert_consistent(verdict, readable, text)
    total = time.process_time() - started
    print(f"\nfuzz: {COUNT} strings in {total:.1f} CPU s, slowest call {slowest * 1000:.0f} ms")
