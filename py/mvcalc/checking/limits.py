"""Structural bounds that keep every check fast on any input.

Pyodide has no threads or signals, so a slow step cannot be interrupted: it
must never start. Every comparison is numeric (no sympy at run time): its cost is the tree's
size times the number of sample points, and budget.py counts that cost for a whole marking
chain.  Every bound here is checked *before* the work it protects,
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

# Numeric comparison.
QUICK_POINTS = 12         # first pass: enough to reject almost every wrong answer
MORE_POINTS = 40          # second pass, when the first could not tell them apart
COMPLEX_POINTS = 16       # last resort when few real points are defined
MIN_VALID_POINTS = 6

# One marking chain (the answer's check, every known mistake, every matrix entry) together.
# A node evaluation costs well under a microsecond in CPython; a learner's real answer
# (40 nodes, 12-100 points, a few known mistakes) uses a few thousand.
MARKING_WORK = 600_000    # node evaluations (tree size x points, both sides)
MARKING_SECONDS = 0.7     # wall-clock backstop for a slow machine
