"""The learner's part of a lab's code, written once: a template whose blanks are marked

    # YOUR CODE: name
    ...the starter's lines (a placeholder the learner replaces)...
    # END YOUR CODE

The page's editor and the downloads start from the template as it is; the reference
solution is the same template with each blank filled by its answer, so the starter, the
reference and the downloads cannot drift apart.
"""
from __future__ import annotations

import re

BLANK = re.compile(r"^( *)# YOUR CODE: (\w+)\n.*?^\1# END YOUR CODE(?:\n|\Z)", re.S | re.M)


def names(template: str) -> list[str]:
    """The blanks' names, in order."""
    return [m.group(2) for m in BLANK.finditer(template)]


def fill(template: str, answers: dict[str, str]) -> str:
    """The template with every blank replaced by its answer (indented like the blank)."""
    unknown = set(names(template)) - set(answers)
    if unknown:
        raise KeyError(f"no answer for the blank(s) {sorted(unknown)}")

    def answer(match: re.Match) -> str:
        indent, name = match.group(1), match.group(2)
        lines = answers[name].strip("\n").splitlines()
        return "".join((indent + line if line.strip() else "") + "\n" for line in lines)

    return BLANK.sub(answer, template)
