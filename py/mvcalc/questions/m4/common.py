"""What Module 4's templates share: Taylor polynomials built from hand-written derivative
rules (never sympy.series: the tests use that to check the keys), and question shapes.

A template's ``data`` records what a test needs to recompute its key on its own:
``f`` (learner syntax), ``about``, ``order``, and a ``kind`` naming the claim.
"""
from __future__ import annotations

from decimal import Decimal

import sympy as sp

from mvcalc.questions.builders import EXPRESSION_HINT, NUMERIC_HINT
from mvcalc.questions.compare import misconceptions
from mvcalc.questions.model import Misconception, Question
from mvcalc.questions.printing import learner, number, tex, x, y

TAYLOR = (r"The Taylor polynomial of order \(n\) about \(a\) is "
          r"\(\sum_{k=0}^{n} \frac{f^{(k)}(a)}{k!}(x - a)^k\): work out each derivative at \(a\), "
          r"divide by \(k!\), and multiply by \((x - a)^k\).")
FACTORIAL = r"Remember the factorials: the \(k\)-th term is divided by \(k!\) (\(2! = 2\), \(3! = 6\), \(4! = 24\))."
POWERS_OF_X_MINUS_A = r"About \(a\), the powers are of \((x - a)\), not of \(x\)."
FORGOT_FACTORIAL = r"You forgot to divide by \(k!\): each coefficient is \(f^{(k)}(a)/k!\), not \(f^{(k)}(a)\)."
POWERS_OF_X = r"Expanding about \(a\) uses powers of \((x - a)\); you used powers of \(x\)."


def taylor(derivatives, about, var=x):
    """Σ dₖ/k! (var − about)ᵏ from the list of derivatives at ``about``."""
    return sp.Add(*[d / sp.factorial(k) * (var - about)**k for k, d in enumerate(derivatives)])


def without_factorials(derivatives, about, var=x):
    return sp.Add(*[d * (var - about)**k for k, d in enumerate(derivatives)])


def powers_of_x(derivatives, about, var=x):
    return sp.Add(*[d / sp.factorial(k) * var**k for k, d in enumerate(derivatives)])


def about_text(a) -> str:
    return "0" if a == 0 else tex(a)


def expression_question(answer, wrong, *, prompt, hints, worked, data, variables=(x,)) -> Question:
    return Question(
        kind="expression", prompt=prompt, solution=learner(sp.expand(answer) if data.get("expand") else answer),
        hints=list(hints), worked=list(worked),
        misconceptions=misconceptions(answer, wrong, variables),
        answer_hint=EXPRESSION_HINT + (" Use x and y." if len(variables) == 2 else ""),
        variables=tuple(str(v) for v in variables), data={k: v for k, v in data.items() if k != "expand"},
    )


def plain(value: float, digits: int = 10) -> str:
    """A number as a plain decimal, never in e-notation: a learner reads "5e-05" as 5e − 5."""
    text = number(value, digits)
    return format(Decimal(text), "f") if "e" in text else text


def numeric_question(value, wrong, *, prompt, hints, worked, data, rel_tol=1e-3, abs_tol=1e-6) -> Question:
    value = float(value)
    kept, seen = [], []
    for w, feedback in wrong:
        w = float(w)
        if abs(w - value) <= max(abs_tol, rel_tol * abs(value)) * 3 or any(abs(w - s) < 1e-12 for s in seen):
            continue
        seen.append(w)
        kept.append(Misconception(plain(w), feedback))
    return Question(
        kind="numeric", prompt=prompt, solution=plain(value), hints=list(hints), worked=list(worked),
        misconceptions=kept, answer_hint=NUMERIC_HINT, expected=value, rel_tol=rel_tol, abs_tol=abs_tol,
        data=data,
    )


def terms_tex(derivatives, about) -> str:
    """The worked line: each term f⁽ᵏ⁾(a)/k! (x − a)ᵏ as TeX, before simplifying."""
    parts = []
    base = "x" if about == 0 else rf"\left(x {'-' if about > 0 else '+'} {tex(abs(about))}\right)"
    for k, d in enumerate(derivatives):
        power = "" if k == 0 else (base if k == 1 else f"{base}^{{{k}}}")
        parts.append(rf"\frac{{{tex(d)}}}{{{k}!}}{power}")
    return " + ".join(parts)


__all__ = ["TAYLOR", "FACTORIAL", "POWERS_OF_X_MINUS_A", "FORGOT_FACTORIAL", "POWERS_OF_X", "taylor",
           "without_factorials", "powers_of_x", "about_text", "expression_question", "numeric_question",
           "terms_tex", "learner", "tex", "x", "y"]
