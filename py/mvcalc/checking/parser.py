"""Tokens -> tree, by recursive descent over a small whitelist grammar.

The grammar, loosest binding first::

    answer   := array | expr                      (arrays only at the top)
    array    := "[" expr ("," expr)* "]"          a vector
              | "[" row ("," row)* "]"            a matrix; row := "[" expr ("," expr)* "]"
    expr     := term (("+" | "-") term)*
    term     := signed (("*" | "/") signed | power)*     juxtaposition is implicit *
    signed   := ("-" | "+") signed | power        so -x^2 is -(x^2)
    power    := primary ("^" exponent)?           right-associative: 2^3^2 = 2^9
    exponent := ("-" | "+") exponent | power      so e^-x works
    primary  := number | variable | e | pi | "(" expr ")" | "|" expr "|"
              | function ("^" small-number)? ( "(" expr ")" | argument )
    argument := "-"? power power*                 sin 2x = sin(2x); stops before a
                                                  number or a function name

Decisions on ambiguous input (the preview always shows the reading taken):

* Implicit multiplication binds like ``*``, read left to right, so ``1/2x`` is
  (1/2)*x and ``x/2y`` is (x/2)*y.
* ``^`` binds tighter than implicit multiplication: ``2e^x`` is 2*(e^x) and
  ``e^2x`` is (e^2)*x; write ``e^(2x)``.
* ``cos^2(x)`` and ``cos^2 x`` are (cos x)^2; ``sin^-1(x)`` is arcsin(x) (for
  trig and hyperbolic functions; ``ln^-1(x)`` is 1/ln(x)).
* A function without brackets takes the implicit product after it, up to the
  next number or function: ``sin x cos x`` = sin(x)*cos(x), ``sin 2x`` =
  sin(2x), ``ln x + 1`` = ln(x) + 1, ``sin x^2`` = sin(x^2).
* A variable before ``(`` multiplies: ``x(x+1)``; a function name applies.
* ``[a, b]`` is a vector; ``[[a, b]]`` a 1 x 2 row; ``[[a], [b]]`` a 2 x 1 column.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from . import limits
from .errors import ParseError
from .names import FUNCTIONS
from .tokens import Token, at, read_tokens
from .tree import Add, Call, Const, Expr, Matrix, Mul, Neg, Num, Pow, Var, Vector, node_count

_IMPLICIT_STARTS = ("num", "var", "const", "func", "(")


def parse(text: str) -> Expr:
    """Read learner text into a tree, or raise ParseError with a friendly message."""
    if not isinstance(text, str):
        raise ParseError("The answer must be typed as text.")
    if len(text) > limits.MAX_CHARS:
        raise ParseError(f"Your answer is too long: please keep it under "
                         f"{limits.MAX_CHARS} characters.")
    tokens = read_tokens(text)
    if tokens[0].kind == "end":
        raise ParseError("Type your answer in the box.")
    tree = _Parser(tokens).parse_answer()
    if node_count(tree) > limits.MAX_NODES:
        raise ParseError("Your answer is too long to check. Try simplifying it first.")
    return tree


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.bars_open = 0  # |...| open in the current bracket level

    # --- helpers -----------------------------------------------------------

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        token = self.tokens[self.i]
        if token.kind != "end":
            self.i += 1
        return token

    def at_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in ops

    @contextmanager
    def nested(self) -> Iterator[None]:
        self.depth += 1
        if self.depth > limits.MAX_NESTING:
            raise ParseError("Your answer has too many brackets, powers or functions "
                             "inside each other.", self.tok.pos)
        try:
            yield
        finally:
            self.depth -= 1

    @contextmanager
    def fresh_bars(self) -> Iterator[None]:
        saved, self.bars_open = self.bars_open, 0
        try:
            yield
        finally:
            self.bars_open = saved

    def starts_implicit(self, token: Token) -> bool:
        return token.kind in _IMPLICIT_STARTS or (token.kind == "|" and self.bars_open == 0)

    # --- errors ------------------------------------------------------------

    def unexpected(self) -> ParseError:
        """The current token cannot go here: say why, as specifically as we can."""
        token, previous = self.tok, self.tokens[self.i - 1] if self.i else None
        where = at(token.pos)
        if token.kind == ",":
            if (previous is not None and previous.kind == "num" and not token.spaced
                    and self.tokens[self.i + 1].kind == "num" and not self.tokens[self.i + 1].spaced):
                return ParseError(f"Use a point for decimals, like 1.5, not a comma{where}.",
                                  token.pos)
            return ParseError(f"The comma{where} can only separate the entries of a vector "
                              "or matrix, like [1, 2].", token.pos)
        if token.kind == "[":
            return ParseError(f"Square brackets{where} make a vector or matrix and cannot go "
                              "inside an expression: use ( ) for grouping.", token.pos)
        if token.kind in ("]", ")"):
            return ParseError(f"Something is missing before the {token.text}{where}.", token.pos)
        if token.kind == "end":
            if previous is None:
                return ParseError("Type your answer in the box.")
            return ParseError(f'Your answer ends too early: something is missing after '
                              f'"{previous.text}".', token.pos)
        if token.kind == "op" and token.text in "*/^":
            return ParseError(f'The "{token.text}"{where} needs something before it.', token.pos)
        if token.kind == "|":
            return ParseError(f"The |{where} does not pair up: write |x| for the absolute value.",
                              token.pos)
        return ParseError(f'I did not expect "{token.text}"{where}.', token.pos)

    def expect(self, kind: str) -> Token:
        if self.tok.kind != kind:
            raise self.unexpected()
        return self.advance()

    # --- grammar -----------------------------------------------------------

    def parse_answer(self) -> Expr:
        array = self.tok.kind == "["
        node = self.parse_array() if array else self.parse_expression()
        if self.tok.kind != "end":
            if array:
                raise ParseError("Type the vector or matrix on its own: nothing can come after "
                                 f"its closing ]{at(self.tok.pos)}.", self.tok.pos)
            raise self.unexpected()
        return node

    def parse_array(self) -> Expr:
        self.advance()  # [
        if self.tok.kind == "[":
            rows = [self.parse_row()]
            while self.tok.kind == ",":
                self.advance()
                if self.tok.kind != "[":
                    raise ParseError("Put each row of a matrix in its own [ ], like "
                                     f"[[1, 2], [3, 4]]{at(self.tok.pos)}.", self.tok.pos)
                rows.append(self.parse_row())
            self.expect("]")
            for k, row in enumerate(rows[1:], start=2):
                if len(row) != len(rows[0]):
                    raise ParseError(f"Row {k} has {len(row)} entries but row 1 has "
                                     f"{len(rows[0])}: every row needs the same number.")
            self.check_entries(len(rows) * len(rows[0]))
            return Matrix(tuple(rows))
        items = self.parse_items()
        self.expect("]")
        self.check_entries(len(items))
        return Vector(items)

    def parse_row(self) -> tuple[Expr, ...]:
        self.advance()  # [
        items = self.parse_items()
        self.expect("]")
        return items

    def parse_items(self) -> tuple[Expr, ...]:
        if self.tok.kind == "]":
            raise ParseError(f"The brackets [ ]{at(self.tok.pos)} are empty.", self.tok.pos)
        items = [self.parse_expression()]
        while self.tok.kind == ",":
            self.advance()
            items.append(self.parse_expression())
        return tuple(items)

    @staticmethod
    def check_entries(count: int) -> None:
        if count > limits.MAX_MATRIX_ENTRIES:
            raise ParseError(f"That vector or matrix is too big (more than "
                             f"{limits.MAX_MATRIX_ENTRIES} entries).")

    def parse_expression(self) -> Expr:
        with self.nested():
            terms = [("+", self.parse_term())]
            while self.at_op("+", "-"):
                sign = self.advance().text
                terms.append((sign, self.parse_term()))
        return terms[0][1] if len(terms) == 1 else Add(tuple(terms))

    def parse_term(self) -> Expr:
        factors = [("*", self.parse_signed())]
        while True:
            token = self.tok
            if self.at_op("*", "/"):
                self.advance()
                factors.append((token.text, self.parse_signed()))
            elif self.starts_implicit(token):
                previous = self.tokens[self.i - 1]
                if token.kind == "num" and previous.kind == "num":
                    raise ParseError(
                        f"Two numbers are next to each other{at(token.pos)} "
                        f"({previous.text} and {token.text}): put * between them, "
                        "or remove the space.", token.pos)
                factors.append(("", self.parse_power()))
            else:
                break
        return factors[0][1] if len(factors) == 1 else Mul(tuple(factors))

    def parse_signed(self) -> Expr:
        if self.at_op("-", "+"):
            sign = self.advance().text
            with self.nested():
                operand = self.parse_signed()
            return Neg(operand) if sign == "-" else operand
        return self.parse_power()

    def parse_power(self) -> Expr:
        base = self.parse_primary()
        if self.at_op("^"):
            self.advance()
            with self.nested():
                exponent = self.parse_exponent()
            return Pow(base, exponent)
        return base

    def parse_exponent(self) -> Expr:
        if self.at_op("-", "+"):
            sign = self.advance().text
            with self.nested():
                operand = self.parse_exponent()
            return Neg(operand) if sign == "-" else operand
        return self.parse_power()

    def parse_primary(self) -> Expr:
        token = self.tok
        if token.kind == "num":
            self.advance()
            exact, sci = token.value
            return Num(token.text, exact, sci)
        if token.kind == "var":
            self.advance()
            return Var(token.text)
        if token.kind == "const":
            self.advance()
            return Const(token.text)
        if token.kind == "(":
            self.advance()
            if self.tok.kind == ")":
                raise ParseError(f"The brackets ( ){at(token.pos)} are empty.", token.pos)
            with self.fresh_bars():
                inner = self.parse_expression()
            self.expect(")")
            return inner
        if token.kind == "|":
            self.advance()
            self.bars_open += 1
            try:
                inner = self.parse_expression()
            finally:
                self.bars_open -= 1
            self.expect("|")
            return Call("abs", inner)
        if token.kind == "func":
            return self.parse_function()
        raise self.unexpected()

    def parse_function(self) -> Expr:
        token = self.advance()
        name = token.value
        power = None
        if self.at_op("^"):
            self.advance()
            power = self.parse_function_power(token)
            is_minus_one = isinstance(power, Neg) and power.operand.exact == 1
            if is_minus_one and FUNCTIONS[name].inverse:
                name, power = FUNCTIONS[name].inverse, None
        if self.tok.kind == "(":
            opener = self.advance()
            if self.tok.kind == ")":
                raise ParseError(f"{token.text}( ){at(opener.pos)} needs something inside the "
                                 f"brackets, like {token.text}(x).", opener.pos)
            with self.fresh_bars():
                arg = self.parse_expression()
            if self.tok.kind == ",":
                raise ParseError(f"{token.text} takes one input{at(self.tok.pos)}, "
                                 "not a list.", self.tok.pos)
            self.expect(")")
        elif self.starts_implicit(self.tok) or self.at_op("-"):
            arg = self.parse_argument()
        else:
            raise ParseError(f"{token.text}{at(token.pos)} needs an input, like "
                             f"{token.text}(x).", token.pos)
        node: Expr = Call(name, arg)
        return node if power is None else Pow(node, power)

    def parse_function_power(self, function: Token) -> Expr:
        """The 2 in cos^2(x): a plain number, maybe negative, maybe in brackets."""
        problem = ParseError(
            f"After {function.text}^ I expected a number, as in {function.text}^2(x). "
            f"For other powers write ({function.text}(x))^(...).", function.pos)
        bracketed = self.tok.kind == "("
        if bracketed:
            self.advance()
        negative = self.at_op("-")
        if negative:
            self.advance()
        if self.tok.kind != "num":
            raise problem
        token = self.advance()
        if bracketed and self.advance().kind != ")":
            raise problem
        number = Num(token.text, token.value[0], token.value[1])
        return Neg(number) if negative else number

    def parse_argument(self) -> Expr:
        """The input of a function typed without brackets: sin 2x, ln x."""
        with self.nested():
            negative = self.at_op("-")
            if negative:
                self.advance()
            factors = [("*", self.parse_power())]
            while self.starts_implicit(self.tok) and self.tok.kind not in ("func", "num"):
                factors.append(("", self.parse_power()))
        node = factors[0][1] if len(factors) == 1 else Mul(tuple(factors))
        return Neg(node) if negative else node
