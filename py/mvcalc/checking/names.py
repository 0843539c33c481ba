"""The vocabulary of learner maths: which words are functions, constants, Greek letters.

Everything the parser accepts by name is listed here, so this file *is* the
whitelist: a word that is not here is either split into single-letter variables
(``xy`` is x*y) or refused.  The numeric implementations and the sympy names
live next to each name so that adding a function is a one-line change.
"""
from __future__ import annotations

import cmath
import math
from dataclasses import dataclass
from typing import Callable


def _sec(x: float) -> float:
    return 1.0 / math.cos(x)


def _csc(x: float) -> float:
    return 1.0 / math.sin(x)


def _cot(x: float) -> float:
    return math.cos(x) / math.sin(x)


def _csec(z: complex) -> complex:
    return 1.0 / cmath.cos(z)


def _ccsc(z: complex) -> complex:
    return 1.0 / cmath.sin(z)


def _ccot(z: complex) -> complex:
    return cmath.cos(z) / cmath.sin(z)


@dataclass(frozen=True)
class Function:
    """One function a learner may use, e.g. ``sin``.

    ``inverse`` is the name that ``sin^-1`` means (arcsin); ``sympy_name`` is
    looked up on the sympy module only when sympy is needed.
    """

    name: str
    tex: str
    real: Callable[[float], float]
    complex: Callable[[complex], complex]
    sympy_name: str
    inverse: str | None = None


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in [
        Function("sin", r"\sin", math.sin, cmath.sin, "sin", "asin"),
        Function("cos", r"\cos", math.cos, cmath.cos, "cos", "acos"),
        Function("tan", r"\tan", math.tan, cmath.tan, "tan", "atan"),
        Function("sec", r"\sec", _sec, _csec, "sec", "asec"),
        Function("csc", r"\csc", _csc, _ccsc, "csc", "acsc"),
        Function("cot", r"\cot", _cot, _ccot, "cot", "acot"),
        Function("asin", r"\arcsin", math.asin, cmath.asin, "asin"),
        Function("acos", r"\arccos", math.acos, cmath.acos, "acos"),
        Function("atan", r"\arctan", math.atan, cmath.atan, "atan"),
        Function("asec", r"\operatorname{arcsec}",
                 lambda x: math.acos(1.0 / x), lambda z: cmath.acos(1.0 / z), "asec"),
        Function("acsc", r"\operatorname{arccsc}",
                 lambda x: math.asin(1.0 / x), lambda z: cmath.asin(1.0 / z), "acsc"),
        Function("acot", r"\operatorname{arccot}",
                 lambda x: math.atan(1.0 / x), lambda z: cmath.atan(1.0 / z), "acot"),
        Function("sinh", r"\sinh", math.sinh, cmath.sinh, "sinh", "asinh"),
        Function("cosh", r"\cosh", math.cosh, cmath.cosh, "cosh", "acosh"),
        Function("tanh", r"\tanh", math.tanh, cmath.tanh, "tanh", "atanh"),
        Function("asinh", r"\operatorname{arsinh}", math.asinh, cmath.asinh, "asinh"),
        Function("acosh", r"\operatorname{arcosh}", math.acosh, cmath.acosh, "acosh"),
        Function("atanh", r"\operatorname{artanh}", math.atanh, cmath.atanh, "atanh"),
        Function("exp", r"\exp", math.exp, cmath.exp, "exp"),
        Function("ln", r"\ln", math.log, cmath.log, "log"),
        Function("sqrt", r"\sqrt", math.sqrt, cmath.sqrt, "sqrt"),
        Function("abs", "", abs, lambda z: complex(abs(z)), "Abs"),
    ]
}

# Other spellings of the same functions.  ``log`` is the natural logarithm, as
# in most calculus texts and in Python; the preview shows it as \ln.
ALIASES: dict[str, str] = {
    "arcsin": "asin", "arccos": "acos", "arctan": "atan",
    "arcsec": "asec", "arccsc": "acsc", "arccot": "acot",
    "arsinh": "asinh", "arcosh": "acosh", "artanh": "atanh",
    "arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh",
    "cosec": "csc", "log": "ln",
}

CONSTANTS: dict[str, str] = {"e": "e", "pi": r"\pi"}

# Greek letter names are variables.  Their TeX, and the Unicode letters that
# are typed as those names.
GREEK: dict[str, str] = {
    "alpha": r"\alpha", "beta": r"\beta", "gamma": r"\gamma", "delta": r"\delta",
    "epsilon": r"\varepsilon", "zeta": r"\zeta", "eta": r"\eta", "theta": r"\theta",
    "iota": r"\iota", "kappa": r"\kappa", "lambda": r"\lambda", "mu": r"\mu",
    "nu": r"\nu", "xi": r"\xi", "rho": r"\rho", "sigma": r"\sigma", "tau": r"\tau",
    "upsilon": r"\upsilon", "phi": r"\phi", "chi": r"\chi", "psi": r"\psi",
    "omega": r"\omega",
    "Gamma": r"\Gamma", "Delta": r"\Delta", "Theta": r"\Theta", "Lambda": r"\Lambda",
    "Sigma": r"\Sigma", "Phi": r"\Phi", "Psi": r"\Psi", "Omega": r"\Omega",
}

UNICODE_NAMES: dict[str, str] = {
    "π": "pi", "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta",
    "ε": "epsilon", "ϵ": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta",
    "ϑ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi",
    "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "Gamma", "Δ": "Delta",
    "Θ": "Theta", "Λ": "Lambda", "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
    "√": "sqrt",
}

# Inside a longer word (``xtheta``, ``2xsinx``) only these names are recognised;
# the two-letter Greek names (mu, nu, xi) count only as whole words, because
# ``xi`` typed inside ``2xi`` more likely means x*i than the letter xi.
_INSIDE_WORDS = (
    set(FUNCTIONS) | set(ALIASES) | {"pi"}
    | {g for g in GREEK if len(g) >= 3}
)
LONGEST_NAME = max(len(n) for n in _INSIDE_WORDS)

# Words that only make sense as Python.  They get a clearer message than
# "unknown word", and nothing typed is ever run in any case.
PYTHON_WORDS = frozenset(
    """import from def class return exec eval open print globals locals getattr
    setattr delattr compile input exit quit while yield assert raise except
    subprocess builtins system""".split()
)


def canonical_function(word: str) -> str | None:
    """The function a word names (``arcsin`` -> ``asin``), or None.

    ``Sin`` and ``LN`` count too: phone keyboards capitalise the first word.
    """
    for spelling in (word, word.lower()):
        spelling = ALIASES.get(spelling, spelling)
        if spelling in FUNCTIONS:
            return spelling
    return None


def is_known_whole_word(word: str) -> bool:
    return canonical_function(word) is not None or word in CONSTANTS or word in GREEK


def split_word(word: str) -> list[str]:
    """Split a run of letters into names and single-letter variables.

    A whole known word stays whole (``theta``, ``sinh``).  Otherwise, reading
    left to right, the longest known name at each place is taken, else one
    letter: ``xsinx`` -> x, sin, x; ``xy`` -> x, y; ``pix`` -> pi, x.
    """
    if is_known_whole_word(word):
        return [word]
    pieces: list[str] = []
    i = 0
    while i < len(word):
        for size in range(min(LONGEST_NAME, len(word) - i), 1, -1):
            if word[i:i + size] in _INSIDE_WORDS:
                pieces.append(word[i:i + size])
                i += size
                break
        else:
            pieces.append(word[i])
            i += 1
    return pieces
