"""parse(): each learner syntax form, compared with a sympy expression built from sympy objects.

The expected side is written by hand with sympy objects (never by parsing a
string through sympy), so the test is independent of our parser.
"""
from __future__ import annotations

import pytest
import sympy
from sympy import E, Abs, Rational, acos, asin, atan, cos, cosh, exp, log, pi, sin, sqrt, tan

from mvcalc.checking import ParseError, parse
from checking.to_sympy import to_sympy
from mvcalc.checking.tree import Call, Matrix, Mul, Neg, Pow, Var, Vector

x, y, z, r = (sympy.Symbol(n, real=True) for n in "xyzr")
a, b, c, d = (sympy.Symbol(n, real=True) for n in "abcd")
theta, mu, lam = (sympy.Symbol(n, real=True) for n in ("theta", "mu", "lambda"))
X, i = sympy.Symbol("X", real=True), sympy.Symbol("i", real=True)

SYNTAX = [
    # how people type it              what it means
    ("x^2 sin(x)",                    x**2 * sin(x)),
    ("2x e^(3x)",                     2 * x * exp(3 * x)),
    ("e^-x",                          exp(-x)),
    ("e^-2",                          exp(-2)),
    ("ln x",                          log(x)),
    ("sqrt(x)",                       sqrt(x)),
    ("cos^2(x)",                      cos(x)**2),
    ("cos^2 x",                       cos(x)**2),
    ("1/2 x^2",                       x**2 / 2),
    ("1/2x",                          x / 2),           # decision: (1/2)*x
    ("x/2y",                          x * y / 2),        # likewise (x/2)*y
    ("pi",                            pi),
    ("|x|",                           Abs(x)),
    ("abs(x - 1)",                    Abs(x - 1)),
    ("x**2",                          x**2),
    ("2(x+1)",                        2 * (x + 1)),
    ("(x+1)(x-1)",                    (x + 1) * (x - 1)),
    ("sin x",                         sin(x)),
    ("exp(x)",                        exp(x)),
    ("log(x)",                        log(x)),           # natural log
    ("e^(-7x)",                       exp(-7 * x)),
    ("1/e^(7x)",                      exp(-7 * x)),
    ("2e^x",                          2 * exp(x)),       # e is Euler's number, not an exponent
    ("2e-1",                          2 * E - 1),
    ("3.5e-2",                        Rational(35, 1000)),  # scientific: a decimal point
    ("1.5E3",                         1500),             # scientific: capital E
    ("2.50",                          Rational(5, 2)),
    ("-0.5",                          Rational(-1, 2)),
    (".5x",                           x / 2),
    ("x − 1",                         x - 1),            # unicode minus
    ("2×x",                           2 * x),
    ("2·x",                           2 * x),
    ("x²",                            x**2),
    ("x⁻¹",                           1 / x),
    ("x³y²",                          x**3 * y**2),
    ("π",                             pi),
    ("θ",                             theta),
    ("√(x+1)",                        sqrt(x + 1)),
    ("sin^-1(x)",                     asin(x)),          # decision: the inverse function
    ("cos^(-1) x",                    acos(x)),
    ("arctan(x)",                     atan(x)),
    ("ln^-1(x)",                      1 / log(x)),       # no inverse listed: a power
    ("x(x+1)",                        x * (x + 1)),      # a variable before ( multiplies
    ("xy",                            x * y),            # words split into letters
    ("2xy",                           2 * x * y),
    ("xyz",                           x * y * z),
    ("2xsinx",                        2 * x * sin(x)),
    ("sinx",                          sin(x)),
    ("xe^x",                          x * exp(x)),
    ("pix",                           pi * x),
    ("rtheta",                        r * theta),
    ("mu lambda",                     mu * lam),
    ("X + x",                         X + x),            # case matters
    ("i",                             i),                # i is a variable, not sqrt(-1)
    ("-x^2",                          -x**2),            # unary minus looser than ^
    ("(-x)^2",                        x**2),
    ("2^3^2",                         2**9),             # ^ is right-associative
    ("x^-2",                          x**-2),
    ("e^x^2",                         exp(x**2)),
    ("e^2x",                          exp(2) * x),       # ^ binds tighter than juxtaposition
    ("sin x cos x",                   sin(x) * cos(x)),
    ("sin 2x",                        sin(2 * x)),
    ("sin x^2",                       sin(x**2)),
    ("ln x + 1",                      log(x) + 1),
    ("ln x/2",                        log(x) / 2),
    ("sin -x",                        sin(-x)),
    ("2|x|",                          2 * Abs(x)),
    ("|x|y",                          Abs(x) * y),
    ("|x - |y||",                     Abs(x - Abs(y))),
    ("ln|x|",                         log(Abs(x))),
    ("x - -y",                        x + y),
    ("2 * -x",                        -2 * x),
    ("+x",                            x),
    ("a/b/c",                         a / (b * c)),
    ("(a+b)/(c+d)",                   (a + b) / (c + d)),
    ("tan(x)^2 + 1",                  tan(x)**2 + 1),
    ("cosh x",                        cosh(x)),
    ("x2",                            2 * x),
    ("  x\t+\n1 ",                    x + 1),
    ("x\u200b+1",                     x + 1),            # zero-width space from a web page
]


@pytest.mark.parametrize("text, meaning", SYNTAX, ids=[t for t, _ in SYNTAX])
def test_syntax_form_means(text, meaning):
    assert sympy.expand(to_sympy(parse(text)) - meaning) == 0


def test_vector_and_matrix_forms():
    vector = parse("[2xy, x^2, 3]")
    assert isinstance(vector, Vector)
    assert [to_sympy(v) for v in vector.items] == [2 * x * y, x**2, 3]
    matrix = parse("[[a, b], [c, d]]")
    assert isinstance(matrix, Matrix) and matrix.shape == (2, 2)
    assert to_sympy(matrix.rows[1][0]) == c
    assert parse("[[a], [b]]").shape == (2, 1)
    assert parse("[[a, b]]").shape == (1, 2)


def test_implicit_multiplication_is_recorded_for_the_preview():
    tree = parse("2x")
    assert isinstance(tree, Mul) and tree.factors[1][0] == ""
    assert parse("2*x").factors[1][0] == "*"


def test_function_power_is_a_power_of_the_call():
    assert parse("cos^2(x)") == Pow(Call("cos", Var("x")), parse("2"))
    assert parse("sin^-1 x") == Call("asin", Var("x"))
    assert parse("-x") == Neg(Var("x"))


ERRORS = [
    # text             words in the message                        position (0-based)
    ("",               "Type your answer",                          None),
    ("x +",            'missing after "+"',                         3),
    ("(x + 1",         "never closed",                              0),
    ("x + 1)",         "no opening",                                5),
    ("(x]",            "must match",                                2),
    ("()",             "empty",                                     0),
    ("sin()",          "needs something inside",                    3),
    ("sin",            "needs an input",                            0),
    ("sin^x(x)",       "expected a number",                         0),
    ("x ^",            'missing after "^"',                         3),
    ("* x",            'needs something before it',                 0),
    ("x */ y",         'needs something before it',                 3),
    ("2 3",            "Two numbers",                               2),
    ("2.5.3",          "one decimal point",                         3),
    ("1,5",            "point for decimals",                        1),
    ("x, y",           "comma",                                     1),
    ("(x, y)",         "comma",                                     2),
    ("sin(x, y)",      "one input",                                 5),
    ("x = 2",          "= sign",                                    2),
    ("y = 2x",         "= sign",                                    2),
    ("x!",             "factorials",                                1),
    ("{x}",            "round brackets",                            0),
    ("x $ y",          'not used in maths answers',                 2),
    ("x.y",            "decimal point",                             1),
    ("|x",             "do not pair up",                            None),
    ("[x, (y]",        "must match",                                6),
    ("[]",             "empty",                                     1),
    ("[1, 2] + 1",     "nothing can come after",                    7),
    ("[[1, 2], 3]",    "own [ ]",                                   9),
    ("[[1, 2], [3]]",  "same number",                               None),
    ("2 + [1, 2]",     "Square brackets",                           4),
    ("hello",          'don\'t know the word "hello"',             0),
    ("factorial(5)",   'don\'t know the word "factorial"',         0),
    ("log10(x)",       "ln(x)/ln(10)",                              0),
    ("x^(1.0e9999)",   "too large",                                 6),
    ("1" * 31,         "too long",                                  0),
    ("x" * 1001,       "under 1000 characters",                     None),
    ("(" * 30 + "x" + ")" * 30, "too many brackets",               None),
    ("-" * 60 + "x",   "inside each other",                         None),
    ("x " * 450,       "too long to check",                         None),
    ("😀",             '"😀"',                                      0),
    ("x\x00",          "U+0000",                                    1),
    ("é",              '"é"',                                       0),
]


@pytest.mark.parametrize("text, words, position", ERRORS, ids=[repr(t[:20]) for t, _, _ in ERRORS])
def test_parse_error_is_friendly_and_placed(text, words, position):
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert words.lower() in caught.value.message.lower()
    if position is not None:
        assert caught.value.position == position
    assert "Traceback" not in caught.value.message


def test_parse_refuses_non_text():
    with pytest.raises(ParseError):
        parse(None)  # type: ignore[arg-type]
