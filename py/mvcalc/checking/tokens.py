"""Text -> tokens, then a few named token steps (in the style of sympy's parser).

``tokenize`` only recognises a whitelist of characters: ASCII letters and
digits, ``+ - * / ^ ( ) [ ] , |`` and ``.`` in numbers, plus the Unicode
symbols people paste (− × · ÷ ² π θ √ ...), which are mapped to their ASCII
spelling.  Anything else is refused with its position.

Each step in ``STEPS`` takes and returns a token list, so the reading policy
is a tuple you can read top to bottom:

1. ``split_words``: ``2xsinx`` -> 2, x, sin, x; Python words are refused.
2. ``refuse_digit_suffixes``: ``log10(x)`` is refused rather than read as
   log(10 x).
3. ``check_brackets``: unbalanced or too deeply nested brackets are refused
   early, with a message that points at the bracket.

Scientific notation: a number with a decimal point followed by ``e``/``E``
and an integer exponent (``1.5e-3``), or any number followed by a capital
``E`` (``2E5``), is scientific notation.  Otherwise ``e`` is always Euler's
number, so ``2e^x`` is 2*e^x and ``2e-1`` is 2e - 1.  The preview shows
which reading was taken.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from . import limits
from .errors import ParseError
from .names import (
    CONSTANTS, GREEK, PYTHON_WORDS, UNICODE_NAMES, canonical_function, split_word,
)


@dataclass(frozen=True)
class Token:
    """One token.  ``kind`` is one of:

    num, func, var, const, op (+ - * / ^), ( ) [ ] , | and end.
    A raw ``word`` kind exists only between ``tokenize`` and ``split_words``.
    ``spaced`` says whether whitespace came just before it.
    """

    kind: str
    text: str
    pos: int
    spaced: bool = False
    value: object = None  # num: (Fraction, sci: bool); func: canonical name


def at(pos: int | None) -> str:
    return "" if pos is None else f" at character {pos + 1}"


def describe_char(ch: str) -> str:
    if ch.isprintable() and not ch.isspace():
        return f'"{ch}"'
    return f"an invisible character (U+{ord(ch):04X})"


# Unicode spellings of the ASCII symbols.
CHAR_MAP = {
    "−": "-", "–": "-", "—": "-", "‐": "-", "‑": "-", "﹣": "-", "－": "-",
    "×": "*", "·": "*", "⋅": "*", "∙": "*", "∗": "*", "•": "*",
    "÷": "/", "∕": "/", "⁄": "/",
    "＋": "+", "（": "(", "）": ")",
}
SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6",
    "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+",
}
IGNORED = {"\u200b", "\u200c", "\u200d", "\ufeff"}  # zero-width, pasted from web pages
SIMPLE = {"+": "op", "-": "op", "*": "op", "/": "op", "^": "op",
          "(": "(", ")": ")", "[": "[", "]": "]", ",": ",", "|": "|"}
CODE_SYMBOLS = set("_:;'\"`\\@#$~&?{}")

_NUMBER = re.compile(r"[0-9]+\.?[0-9]*|\.[0-9]+")
_SCI = re.compile(r"([eE])([+-]?)([0-9]+)")
DIGITS = "0123456789"
_LETTERS = re.compile(r"[A-Za-z]+")


def _refuse_symbol(ch: str, pos: int) -> ParseError:
    where = f"The {describe_char(ch)}{at(pos)}"
    if ch == "=":
        return ParseError(f"{where}: type only the expression, without an = sign.", pos)
    if ch in "<>":
        return ParseError(f"{where}: type only the expression, without {ch}.", pos)
    if ch == "!":
        return ParseError(f"{where}: factorials are not used in these answers.", pos)
    if ch == "%":
        return ParseError(f"{where}: write a percentage as a number, e.g. 0.25 for 25%.", pos)
    if ch in "{}":
        return ParseError(f"{where}: use round brackets ( ) for grouping.", pos)
    if ch == ".":
        return ParseError(f"{where} can only be a decimal point, as in 2.5.", pos)
    if ch in CODE_SYMBOLS:
        return ParseError(f"{where} is not used in maths answers. "
                          "This box reads maths like 2x + sin(x), not Python code.", pos)
    return ParseError(f"I can't read {describe_char(ch)}{at(pos)}. "
                      "Use letters, numbers and + - * / ^ ( ).", pos)


def _read_number(text: str, pos: int, spaced: bool) -> tuple[Token, int]:
    match = _NUMBER.match(text, pos)
    assert match is not None
    mantissa = match.group()
    end = match.end()
    if end < len(text) and text[end] == "." and end + 1 < len(text) and text[end + 1] in DIGITS:
        raise ParseError(f"A number can have only one decimal point{at(end)}.", end)
    digits = sum(c.isdigit() for c in mantissa)
    if digits > limits.MAX_NUMBER_DIGITS:
        raise ParseError(f"The number{at(pos)} is too long: use at most "
                         f"{limits.MAX_NUMBER_DIGITS} digits.", pos)
    sci = _SCI.match(text, end)
    if sci and ("." in mantissa or sci.group(1) == "E"):
        after = sci.end()
        follows = text[after] if after < len(text) else ""
        if not follows or not (follows.isalnum() or follows in "(^."):
            if len(sci.group(3)) > limits.MAX_SCI_EXPONENT_DIGITS:
                raise ParseError(f"The power of ten{at(end)} is too large.", end)
            raw = mantissa + "e" + sci.group(2) + sci.group(3)
            exact = Fraction(raw)
            try:
                float(exact)
            except OverflowError:
                raise ParseError(f"The number{at(pos)} is too large.", pos) from None
            return Token("num", text[pos:after], pos, spaced, (exact, True)), after
    return Token("num", mantissa, pos, spaced, (Fraction(mantissa), False)), end


def tokenize(text: str) -> list[Token]:
    """Read the characters; the result ends with an ``end`` token."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    spaced = False
    while i < n:
        ch = CHAR_MAP.get(text[i], text[i])
        if ch.isspace() or ch in IGNORED:
            spaced = True
            i += 1
            continue
        if ch in DIGITS or (ch == "." and i + 1 < n and text[i + 1] in DIGITS):
            token, i = _read_number(text, i, spaced)
            tokens.append(token)
        elif ch.isascii() and ch.isalpha():
            word = _LETTERS.match(text, i).group()
            tokens.append(Token("word", word, i, spaced))
            i += len(word)
        elif ch in UNICODE_NAMES:
            tokens.append(Token("word", UNICODE_NAMES[ch], i, spaced))
            i += 1
        elif ch == "*" and i + 1 < n and CHAR_MAP.get(text[i + 1], text[i + 1]) == "*":
            tokens.append(Token("op", "^", i, spaced))  # Python's ** is ^
            i += 2
        elif ch in SIMPLE:
            tokens.append(Token(SIMPLE[ch], ch, i, spaced))
            i += 1
        elif ch in SUPERSCRIPTS:
            start = i
            while i < n and text[i] in SUPERSCRIPTS:
                i += 1
            raw = "".join(SUPERSCRIPTS[c] for c in text[start:i])
            tokens.extend(_superscript_tokens(raw, start, spaced))
        else:
            raise _refuse_symbol(ch, i)
        spaced = False
    tokens.append(Token("end", "", n, spaced))
    return tokens


def _superscript_tokens(raw: str, pos: int, spaced: bool) -> list[Token]:
    """x²  -> x ^ 2;  x⁻¹ -> x ^ ( - 1 )."""
    match = re.fullmatch(r"([+-]?)([0-9]+)", raw)
    if not match:
        raise ParseError(f"I can't read the superscript{at(pos)}: type x^(-1) instead.", pos)
    sign, digits = match.groups()
    if len(digits) > limits.MAX_NUMBER_DIGITS:
        raise ParseError(f"The power{at(pos)} is too long.", pos)
    number = Token("num", digits, pos, False, (Fraction(digits), False))
    if not sign:
        return [Token("op", "^", pos, spaced), number]
    return [Token("op", "^", pos, spaced), Token("(", "(", pos),
            Token("op", sign, pos), number, Token(")", ")", pos)]


# --- token steps -----------------------------------------------------------

def split_words(tokens: list[Token]) -> list[Token]:
    """Turn each raw word into function, constant and variable tokens."""
    out: list[Token] = []
    for token in tokens:
        if token.kind != "word":
            out.append(token)
            continue
        word = token.text
        if word in PYTHON_WORDS:
            raise ParseError(f'"{word}"{at(token.pos)} looks like Python code. '
                             "Type a maths expression, like 2x + sin(x).", token.pos)
        pieces = split_word(word)
        _refuse_unknown_word(word, pieces, token.pos)
        offset = token.pos
        for k, piece in enumerate(pieces):
            spaced = token.spaced if k == 0 else False
            out.append(_name_token(piece, offset, spaced))
            offset += len(piece)
    return out


def _refuse_unknown_word(word: str, pieces: list[str], pos: int) -> None:
    # People write products of up to three letters together (2xyz); four or
    # more single letters in a row is almost always an unknown word
    # (factorial, hello, import), and guessing x*y*z*w would be unkind.
    run = 0
    for piece in pieces:
        run = run + 1 if len(piece) == 1 else 0
        if run >= 4:
            shown = word if len(word) <= 16 else word[:16] + "…"
            raise ParseError(
                f'I don\'t know the word "{shown}"{at(pos)}. For a product of variables '
                "put * or spaces between them, like x*y*z.", pos)


def _name_token(name: str, pos: int, spaced: bool) -> Token:
    function = canonical_function(name)
    if function is not None:
        return Token("func", name, pos, spaced, function)
    if name in CONSTANTS:
        return Token("const", name, pos, spaced)
    if name in GREEK or len(name) == 1:
        return Token("var", name, pos, spaced)
    raise AssertionError(name)  # split_word returns only known names and letters


def refuse_digit_suffixes(tokens: list[Token]) -> list[Token]:
    """``log10(x)`` or ``log2(x)`` would otherwise read as log(10x)."""
    for a, b, c in zip(tokens, tokens[1:], tokens[2:]):
        if a.kind == "func" and b.kind == "num" and not b.spaced and c.kind == "(":
            raise ParseError(
                f'"{a.text}{b.text}"{at(a.pos)} is not a function here. '
                f"Only the natural log is available: write ln(x)/ln({b.text}) "
                "for a log to another base.", a.pos)
    return tokens


_CLOSER = {"(": ")", "[": "]"}


def check_brackets(tokens: list[Token]) -> list[Token]:
    """Every ( and [ is closed by its own kind; nesting stays shallow."""
    stack: list[Token] = []
    bars = 0
    for token in tokens:
        if token.kind in _CLOSER:
            stack.append(token)
            if len(stack) > limits.MAX_DEPTH:
                raise ParseError("Your answer has too many brackets inside each other "
                                 f"(more than {limits.MAX_DEPTH}).", token.pos)
        elif token.kind in (")", "]"):
            if not stack:
                raise ParseError(f"The {token.text}{at(token.pos)} has no opening "
                                 f"{'(' if token.kind == ')' else '['} before it.", token.pos)
            opener = stack.pop()
            if _CLOSER[opener.kind] != token.kind:
                raise ParseError(f"The {opener.text}{at(opener.pos)} is closed by a "
                                 f"{token.text}{at(token.pos)}: brackets must match.",
                                 token.pos)
        elif token.kind == "|":
            bars += 1
    if stack:
        opener = stack[-1]
        raise ParseError(f"The {opener.text}{at(opener.pos)} is never closed.", opener.pos)
    if bars % 2:
        raise ParseError("The | signs do not pair up: write |x| with one on each side.")
    return tokens


STEPS = (split_words, refuse_digit_suffixes, check_brackets)


def read_tokens(text: str) -> list[Token]:
    """tokenize, then every step in ``STEPS``."""
    tokens = tokenize(text)
    for step in STEPS:
        tokens = step(tokens)
    return tokens
