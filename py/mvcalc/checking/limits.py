"""Structural bounds that keep every check fast on any input.

Pyodide has no threads or signals, so a slow step cannot be interrupted: it
must never start.  Every bound here is checked *before* the work it protects,
and each one is generous for real answers (a long answer is about 80
characters and 40 tree nodes).
"""
from __future__ import annotations

MAX_CHARS = 1000          # longest text we read at all
MAX_NUMBER_DIGITS = 30    # digits in one number literal
MAX_SCI_EXPONENT_DIGITS = 3  # 1.5e-300 at most: Fraction("1e999999999") would hang
MAX_DEPTH = 24            # brackets inside each other
MAX_NESTING = 40          # parser recursion: brackets, functions, powers, signs
MAX_NODES = 400           # size of the parsed tree
MAX_MATRIX_ENTRIES = 100

# Symbolic (sympy) work is only tried on small, tame trees; everything else
# is decided numerically.
SYMBOLIC_MAX_NODES = 40          # both sides together
SYMBOLIC_MAX_CALLS = 6           # function calls (sin, exp, ...) on both sides together
SYMBOLIC_MAX_EXPONENT = 6        # |n| in x^n where n is a number
SYMBOLIC_MAX_TERMS = 40          # estimated terms after expand()
CANCEL_MAX_NODES = 80            # size of the expanded difference given to cancel()

# Numeric comparison.
QUICK_POINTS = 12         # first pass: enough to reject almost every wrong answer
MORE_POINTS = 40          # second pass, when sympy could not decide
COMPLEX_POINTS = 16       # last resort when few real points are defined
MIN_VALID_POINTS = 6
