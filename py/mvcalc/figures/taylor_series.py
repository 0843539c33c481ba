"""Taylor series in one variable, as data: each function with a closed-form rule for its
n-th derivative at a point, so the coefficients f⁽ⁿ⁾(a)/n! come from plain Python.

``text`` is the function in learner syntax (the tests rebuild it with sympy and compare
every derivative rule with sympy's own series); ``radius(a)`` is the radius of
convergence of the series about ``a`` (``inf`` for every a, ``nan`` where there is no
series), and ``note(a)`` says in words what the series does there.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

INF = float("inf")
NAN = float("nan")


@dataclass(frozen=True)
class Series:
    key: str
    name: str                       # what a menu shows: "eˣ"
    text: str                       # learner syntax: "e^x"
    tex: str                        # matplotlib mathtext: r"e^x"
    curve: Callable                 # vectorised f, nan where undefined
    nth: Callable[[int, float], float]      # f⁽ⁿ⁾(a); nan where it does not exist
    radius: Callable[[float], float]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    note: Callable[[float], str] = lambda a: ""

    def coefficients(self, a: float, order: int) -> list[float]:
        """c₀ … c_order of the Taylor polynomial about a: cₙ = f⁽ⁿ⁾(a) / n!."""
        return [self.nth(n, a) / math.factorial(n) for n in range(int(order) + 1)]

    def has_series(self, a: float) -> bool:
        return all(math.isfinite(self.nth(n, a)) for n in range(3))

    def value(self, x: float) -> float:
        with np.errstate(all="ignore"):
            return float(self.curve(np.array([float(x)]))[0])


def polynomial(coefficients, a: float, xs):
    """Σ cₙ (x − a)ⁿ by Horner's rule, vectorised over ``xs``."""
    xs = np.asarray(xs, dtype=float)
    total = np.zeros_like(xs)
    with np.errstate(all="ignore"):
        for c in reversed(list(coefficients)):
            total = total * (xs - a) + c
    return total


def _safe(fn):
    def curve(xs):
        xs = np.asarray(xs, dtype=float)
        with np.errstate(all="ignore"):
            return fn(xs)
    return curve


# --- the rules for the n-th derivative at a ---------------------------------------------------

def _exp_nth(n, a):
    return math.exp(a)


def _sin_nth(n, a):
    return (math.sin(a), math.cos(a), -math.sin(a), -math.cos(a))[n % 4]


def _cos_nth(n, a):
    return (math.cos(a), -math.sin(a), -math.cos(a), math.sin(a))[n % 4]


def _ln_nth(n, a):
    if a <= 0:
        return NAN
    if n == 0:
        return math.log(a)
    return (-1) ** (n - 1) * math.factorial(n - 1) / a**n


def _ln1p_nth(n, a):
    return _ln_nth(n, 1 + a)


def _reciprocal_nth(n, a):
    if a == 0:
        return NAN
    return (-1) ** n * math.factorial(n) / a ** (n + 1)


def _geometric_nth(n, a):
    if a == 1:
        return NAN
    return math.factorial(n) / (1 - a) ** (n + 1)


def _sqrt_nth(n, a):
    if a <= 0:
        return NAN
    falling = 1.0
    for k in range(n):
        falling *= 0.5 - k
    return falling * a ** (0.5 - n)


def _runge_nth(n, a):
    """1/(1 + x²) = (1/2i)(1/(x − i) − 1/(x + i)), each term differentiated n times."""
    term = (-1) ** n * math.factorial(n)
    value = term * ((a - 1j) ** -(n + 1) - (a + 1j) ** -(n + 1)) / 2j
    return float(value.real)


def _abs_nth(n, a):
    if a == 0:
        return NAN
    return (abs(a), math.copysign(1.0, a))[n] if n < 2 else 0.0


def _step_nth(n, a):
    if a == 0:
        return NAN
    return (1.0 if a > 0 else 0.0) if n == 0 else 0.0


def _everywhere(a):
    return INF


def _positive_radius(shift=0.0):
    def radius(a):
        return a + shift if a + shift > 0 else NAN
    return radius


def _nonzero_radius(a):
    return abs(a) if a != 0 else NAN


def _geometric_radius(a):
    return abs(1 - a) if a != 1 else NAN


def _abs_radius(a):
    return INF if a != 0 else NAN


def _runge_radius(a):
    return math.hypot(a, 1.0)


def _abs_note(a):
    if a == 0:
        return "|x| has a corner at 0: no slope there, so no series about 0."
    side = "right" if a > 0 else "left"
    return (f"The series about a = {a:g} is the straight line of the {side} half; "
            "it matches |x| only up to the corner at 0.")


def _step_note(a):
    if a == 0:
        return "The step jumps at 0: no derivative there, so no series about 0."
    return ("Every derivative is 0 away from the jump, so the series is the constant "
            f"{1 if a > 0 else 0}: right up to the jump at 0, wrong beyond it.")


def _undefined_note(where: str):
    def note(a):
        return f"Not defined or not smooth at a = {a:g} ({where}): no series about that point."
    return note


EXP = Series("exp", "eˣ", "e^x", r"e^x", _safe(np.exp), _exp_nth, _everywhere, (-4.0, 4.0), (-2.0, 12.0))
SIN = Series("sin", "sin x", "sin(x)", r"\sin x", _safe(np.sin), _sin_nth, _everywhere, (-7.0, 7.0), (-2.2, 2.2))
COS = Series("cos", "cos x", "cos(x)", r"\cos x", _safe(np.cos), _cos_nth, _everywhere, (-7.0, 7.0), (-2.2, 2.2))
LN = Series("ln", "ln x", "ln(x)", r"\ln x", _safe(lambda x: np.where(x > 0, np.log(np.abs(x)), np.nan)),
            _ln_nth, _positive_radius(), (-1.0, 6.0), (-3.5, 2.5), _undefined_note("ln x needs x > 0"))
LN1P = Series("ln1p", "ln(1 + x)", "ln(1 + x)", r"\ln(1 + x)",
              _safe(lambda x: np.where(x > -1, np.log(np.abs(1 + x)), np.nan)),
              _ln1p_nth, _positive_radius(1.0), (-2.0, 4.0), (-3.5, 2.5), _undefined_note("ln(1 + x) needs x > −1"))
RECIPROCAL = Series("reciprocal", "1/x", "1/x", r"1/x", _safe(lambda x: 1.0 / x), _reciprocal_nth,
                    _nonzero_radius, (-4.0, 4.0), (-5.0, 5.0), _undefined_note("1/0 does not exist"))
GEOMETRIC = Series("geometric", "1/(1 − x)", "1/(1 - x)", r"1/(1 - x)", _safe(lambda x: 1.0 / (1 - x)),
                   _geometric_nth, _geometric_radius, (-3.0, 4.0), (-5.0, 5.0), _undefined_note("1/(1 − 1) does not exist"))
SQRT = Series("sqrt", "√x", "sqrt(x)", r"\sqrt{x}", _safe(lambda x: np.where(x >= 0, np.sqrt(np.abs(x)), np.nan)),
              _sqrt_nth, _positive_radius(), (-1.0, 6.0), (-1.0, 3.0), _undefined_note("√x has no slope at 0 and no value below"))
RUNGE = Series("runge", "1/(1 + x²)", "1/(1 + x^2)", r"1/(1 + x^2)", _safe(lambda x: 1.0 / (1 + x**2)),
               _runge_nth, _runge_radius, (-4.0, 4.0), (-0.8, 1.6))
ABS = Series("abs", "|x| (a corner at 0)", "abs(x)", r"|x|", _safe(np.abs), _abs_nth, _abs_radius,
             (-4.0, 4.0), (-1.0, 4.0), _abs_note)
STEP = Series("step", "a step at 0", "heaviside(x)", r"\mathrm{step}(x)", _safe(lambda x: np.where(x > 0, 1.0, 0.0)),
              _step_nth, _abs_radius, (-4.0, 4.0), (-0.6, 1.6), _step_note)

ALL = (EXP, SIN, COS, LN, LN1P, RECIPROCAL, GEOMETRIC, SQRT, RUNGE, ABS, STEP)
BY_KEY = {s.key: s for s in ALL}
# the main explorer's menu, and the special cases' menu
EXPLORER = (EXP, SIN, COS, LN, RECIPROCAL, GEOMETRIC, SQRT, LN1P, RUNGE)
SPECIAL = (RECIPROCAL, LN, GEOMETRIC, LN1P, RUNGE, ABS, STEP)
# cheap enough to differentiate on sight: the first lessons' menus
SMOOTH = (COS, EXP, SIN, LN)
