"""Signs, brackets and grammar in generated text: every set, seeds 0-119.

Each prompt, hint, worked step, answer note, choice and misconception sentence is
scanned, in TeX and in plain text, for what the formatting helpers in
mvcalc.questions.printing (signed, terms, factor, shifted, root, coefficient) exist
to prevent.  Sets are read from the course, so new templates are covered.
"""
from __future__ import annotations

import re

import pytest

from every_question import SETS, questions, where

MINUS = r"[-−]"
LEFT = r"(?:\(|\\left\()"
SLIPS = {
    "a plus sign before a minus sign (1 + - x)": re.compile(rf"\+\s*{MINUS}|\+\s*\\frac\{{\s*{MINUS}"),
    "two minus signs in a row (-4.6 - -0.9186)": re.compile(rf"(?<![-−]){MINUS}\s+{MINUS}(?![-−])"),
    "a product with a bare negative factor (6 · -4)": re.compile(rf"(?:·|×|\\cdot|\\times)\s*{MINUS}"),
    "a variable minus a bracketed negative ((x - (-1))^2)": re.compile(rf"[A-Za-z}}]\s*{MINUS}\s*{LEFT}\s*{MINUS}"),
    "a square root written with index 2": re.compile(r"\\sqrt\[2\]"),
    "a coefficient of 1 or -1 written out (-1 x)": re.compile(rf"(?<![\d.^{{_])(?<!\\frac{{)1\s+[a-z](?![a-z])"),
    "a doubled word (the the)": re.compile(r"\b([A-Za-z]{2,})\s+\1\b", re.IGNORECASE),
    "a classification without its article (the origin is saddle)":
        re.compile(r"\b(?:is|are) (?:saddle|minimum|maximum|local minimum|local maximum)\b"),
    "a space before a full stop or comma": re.compile(r"[A-Za-z)] +[.,](?!\d)"),
}


def texts(q):
    yield "prompt", q.prompt
    yield "answer note", q.answer_hint
    for h in q.hints:
        yield "hint", h
    for w in q.worked:
        yield "worked step", w
    for c in q.choices:
        yield f"choice ({c.key})", c.tex
    for m in q.misconceptions:
        yield "feedback", m.feedback


@pytest.mark.parametrize("slug", [s.slug for s in SETS])
def test_no_sign_bracket_or_grammar_slips(slug):
    found = []
    for q in questions(slug):
        for part, text in texts(q):
            for name, pattern in SLIPS.items():
                match = pattern.search(text)
                if match:
                    shown = text[max(0, match.start() - 40):match.end() + 20]
                    found.append(f"{where(q)}, {part}: {name}: ...{shown}...")
    assert not found, "\n".join(found[:20]) + f"\n({len(found)} in all)"


@pytest.mark.parametrize("text, slip", [
    (r"\(f \approx 1 + - x - y\)", "plus sign"),
    (r"\(c = -4.6 - -0.9186 \times 3.4\)", "two minus"),
    ("−4.6 − −0.9186", "two minus"),
    (r"\(\det H = 6 \cdot -4\)", "bare negative"),
    ("6 · -4", "bare negative"),
    (r"the coefficient of \((x - (-1))^{2}\)", "bracketed negative"),
    (r"\(\Delta x = \left(x - \left(-1\right)\right)\)", "bracketed negative"),
    (r"it finds \(\sqrt[2]{2}\)", "index 2"),
    (r"\(= -1 x^{-3/2}\)", "coefficient of 1"),
    (r"\(p = 1 + \frac{-1}{2!}x^2\)", "plus sign"),
    ("so the the point", "doubled word"),
    ("the origin is saddle, option (b)", "article"),
])
def test_the_scanner_finds_each_slip(text, slip):
    hits = [name for name, pattern in SLIPS.items() if pattern.search(text)]
    assert any(slip in name for name in hits), (text, hits)


@pytest.mark.parametrize("text", [
    r"\(f \approx 1 - x - y + \frac{1}{2}\left(x^{2} + y^{2}\right)\)",
    r"\(c = -4.6 - (-0.9186) \times 3.4\)",
    r"\(\det H = 6 \cdot (-4) - 0^2\)",
    r"the coefficient of \((x + 1)^{2}\)",
    r"\(\frac{d}{dx}\sin x = +\cos x\)",
    r"\(z = (2)(2) + (-2.5) = 1.5\)",
    r"\(x_1 = 3 - \frac{-4}{6} = \frac{11}{3}\)",
    r"\(\frac{1}{0!} + \frac{1}{1!}\left(x - 1\right)\)",
    r"\(10 x\), \(21 y\), \(e^{-1} x\), \(x^{1/2}\)",
    "the origin is a saddle point, option (b). Type e.g. 12.5 or -0.25.",
])
def test_the_scanner_passes_good_text(text):
    hits = [name for name, pattern in SLIPS.items() if pattern.search(text)]
    assert not hits, (text, hits)


LISTED = re.compile(r"(?:in terms of|an expression in) ((?:\\\(\\?[A-Za-z_]+\\\)(?:,\s*|\s+and\s+)?)+)")
NAME = re.compile(r"\\\(\\?([A-Za-z_]+)\\\)")


@pytest.mark.parametrize("slug", [s.slug for s in SETS])
def test_the_letters_a_prompt_lists_are_the_answers(slug):
    """"In terms of a, x and y" names exactly the letters the answer is in."""
    from mvcalc.checking import free_variables, parse
    for q in questions(slug):
        if q.kind != "expression":
            continue
        for text in [q.prompt, *q.hints]:
            for match in LISTED.finditer(text):
                listed = set(NAME.findall(match.group(1)))
                assert listed == free_variables(parse(q.solution)), (where(q), listed, q.solution)
