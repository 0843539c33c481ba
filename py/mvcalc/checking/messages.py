"""Every sentence a learner can be shown after a check, in one place.

Parse errors are written where they are raised (parser.py, tokens.py),
because they quote the exact character and position.
"""
from __future__ import annotations

CORRECT = "Correct."
CORRECT_UNSIMPLIFIED = "Correct. (You could simplify it further, but it is right.)"
NOT_RIGHT = "Not quite: that is not equal to the answer. Check your working."

OPPOSITE_SIGN = "Your answer has the opposite sign."
CONSTANT_MULTIPLE = ("Your answer is a constant multiple of the right answer: "
                     "check the constant factor.")
OFF_BY_CONSTANT = "Your answer differs from the right answer by a constant."
MISSING_TERM = "Your answer seems to be missing a term."
EXTRA_TERM = "Your answer seems to have an extra term."
TERM_SIGN = "One of the terms in your answer has the wrong sign."

EMPTY = "Type your answer in the box."
NOT_TEXT = "The answer must be typed as text."
TOO_LARGE = ("Your answer involves numbers too large to work with. "
             "Check the powers and try again.")
UNDECIDABLE = ("I could not check this answer: it is undefined for most values I tried. "
               "Check for things like the ln or square root of a negative number.")
INTERNAL = ("Something went wrong while checking this answer. "
            "Please check it is typed correctly and try again.")
CHECK_STOPPED = ("Checking that answer took too long, so it was stopped. Nothing was counted: "
                 "try writing it more simply, then check again.")
QUESTION_BUG = ("This question's answer could not be read, so your answer cannot be "
                "checked. Please tell your teacher.")

NUMBER_CLOSE = ("Your answer is close, but not accurate enough: "
                "keep more decimal places, or give an exact value.")
CORRECT_READ_AS = "Correct ({readings})."
DECIMAL_SLIP = "Your answer is off by a factor of {factor}: check the decimal point."
NUMBER_UNDEFINED = ("Your answer cannot be evaluated ({detail}). "
                    "Check for the ln or square root of a negative number, or division by zero.")
SCIENTIFIC_HINT = (" If you meant scientific notation, write it with a decimal point "
                   "(1.0e-5) or a capital E (1E-5): here e is Euler's number.")

EXPECTED_SCALAR = "The answer should be a single expression, not a vector or matrix."
EXPECTED_NUMBER = "The answer should be a single number, not a vector or matrix."


def names_list(names: list[str] | set[str]) -> str:
    """x / x and y / x, y and z"""
    names = sorted(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def wrong_variables(extra: set[str], allowed: set[str]) -> str:
    uses = names_list(extra)
    if not allowed:
        return f"Your answer uses {uses}, but the answer does not depend on any variable."
    return f"Your answer uses {uses}, but this question is about {names_list(allowed)} only."


def number_close(accuracy: str = "") -> str:
    """Close but outside the tolerance; ``accuracy`` names the precision asked for."""
    if not accuracy:
        return NUMBER_CLOSE
    return f"Your answer is close, but not accurate enough: give it correct to {accuracy}."


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def keep_exact(found) -> str:
    """A right answer with decimals for constants, when an exact answer is asked.

    ``found``: DecimalConstant-like items with ``typed``, ``name`` and ``written``.
    """
    items = sorted({(c.written, c.name, c.typed) for c in found})
    written = _and(list(dict.fromkeys(w for w, _, _ in items)))
    typing = _and([f"{name} rather than {typed}" for _, name, typed in items])
    return f"Keep {written} exact: type {typing}."


def says_keep_exact(feedback: str) -> bool:
    """Whether ``feedback`` is a keep_exact sentence."""
    return feedback.startswith("Keep ") and " exact: type " in feedback


def read_as_constants(found) -> str:
    """A right number thanks to decimals read as constants: say how it was read."""
    readings = _and(sorted({f"{c.typed} read as {c.name}" for c in found}))
    return CORRECT_READ_AS.format(readings=readings)


def off_by_factor(factor: int) -> str:
    return f"Your answer is off by a factor of {factor}."


def opposite_sign_and_factor(factor: int) -> str:
    return f"Your answer has the opposite sign and is off by a factor of {factor}."


def number_has_variable(names: set[str]) -> str:
    return (f"Your answer should be a number, but it contains {names_list(names)}. "
            "Work out its value first.")


def answer_undefined(names: set[str]) -> str:
    where = f" for most values of {names_list(names)}" if names else ""
    return (f"Your answer is undefined{where}, so it cannot be right. Check for division "
            "by zero, or the ln or square root of a negative number.")


def wrong_shape(answer_shape: str, expected_shape: str) -> str:
    return f"Your answer is {answer_shape}, but the answer is {expected_shape}."


def expected_array(shape: str, example: str) -> str:
    return f"The answer should be {shape}, written in square brackets like {example}."
