"""What Module 4's templates share: Taylor polynomials built from hand-written derivative
rules (never sympy.series: the tests use that to check the keys), and question shapes.

A template's ``data`` records what a test needs to recompute its key on its own:
``f`` (learner syntax), ``about``, ``order``, and a ``kind`` naming the claim.
"""
from __future__ import annotations

import sympy as sp

from mvcalc.questions import builders
from mvcalc.questions.builders import EXPRESSION_HINT
from mvcalc.questions.compare import misconceptions
from mvcalc.questions.model import Question
from mvcalc.questions.precision import FOUR_FIGURES, Precision
from mvcalc.questions.printing import learner, shifted, terms, tex, x, y

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


def numeric_question(value, wrong, *, prompt, hints, worked, data,
                     precision: Precision = FOUR_FIGURES) -> Question:
    """builders.numeric_question with Module 4's argument order."""
    return builders.numeric_question(prompt, value, hints=hints, worked=worked, wrong=wrong,
                                     precision=precision, data=data)


def terms_tex(derivatives, about) -> str:
    """The worked line: each term f⁽ᵏ⁾(a)/k! (x − a)ᵏ as TeX, before simplifying."""
    parts = []
    base = "x" if about == 0 else rf"\left({shifted('x', about)}\right)"
    for k, d in enumerate(derivatives):
        power = "" if k == 0 else (base if k == 1 else f"{base}^{{{k}}}")
        d = sp.sympify(d)
        sign = "-" if d.could_extract_minus_sign() else "+"
        parts.append((sign, rf"\frac{{{tex(-d if sign == '-' else d)}}}{{{k}!}}{power}"))
    first = ("- " if parts[0][0] == "-" else "") + parts[0][1]
    return " ".join([first] + [f"{sign} {text}" for sign, text in parts[1:]])


def taylor_tex(derivatives, about) -> str:
    """The polynomial with its coefficients worked out, still in powers of (x − a), lowest first:
    "1 - (x - 1) + (x - 1)^2 - (x - 1)^3" (sympy would merge it into "-x + 2 + ...")."""
    base = x if about == 0 else x - about
    parts = []
    for k, d in enumerate(derivatives):
        c = sp.sympify(d) / sp.factorial(k)
        if c == 0:
            continue
        if k == 0:
            parts.append(c)
            continue
        if k > 1:
            parts.append(c * base**k)
        elif c == 1:  # a bare (x - a) keeps its brackets
            parts.append(rf"\left({tex(base)}\right)" if base.is_Add else tex(base))
        else:         # sympy would spread a number over (x - a): keep it outside
            parts.append(sp.Mul(c, base, evaluate=False) if c.is_Number else c * base)
    return terms(*parts)


__all__ = ["TAYLOR", "FACTORIAL", "POWERS_OF_X_MINUS_A", "FORGOT_FACTORIAL", "POWERS_OF_X", "taylor",
           "without_factorials", "powers_of_x", "about_text", "expression_question", "numeric_question",
           "terms_tex", "taylor_tex", "learner", "tex", "x", "y"]
