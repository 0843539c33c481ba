"""What every lab's checks share, on the page and in the downloads: one result per function
(or property) checked, learner functions called so that their errors become messages, and
the summary a download prints.

Pure (numpy-free, no mvcalc imports): the worker's labs use it, and each lab's download
has it inlined, so the page and the download judge a learner's code with the same words.
"""
from __future__ import annotations

from dataclasses import dataclass


class CodeFailed(Exception):
    """A learner's function did not return: it raised, or was stopped for running too long.
    The message says which, in words for the learner ("it raised ZeroDivisionError: ...")."""

    def __init__(self, message: str, stopped: bool = False):
        super().__init__(message)
        self.stopped = stopped


class LabChecksFailed(AssertionError):
    """A download's checks found something wrong; the message names the functions."""


@dataclass
class Result:
    name: str           # the function, or the property, checked
    passed: bool
    message: str

    def as_dict(self) -> dict:
        return {"name": self.name, "passed": self.passed, "message": self.message}


def attempt(function, *args):
    """``(value, "")`` from ``function(*args)``, or ``(None, why)`` if it did not return."""
    try:
        return function(*args), ""
    except CodeFailed as failed:
        return None, str(failed)
    except RecursionError:
        return None, "it called itself too many times (RecursionError)."
    except Exception as exc:  # noqa: BLE001 (any error in learner code is reported)
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return None, f"it raised {text}"


def missing(namespace: dict, names) -> list[str]:
    """The names in ``names`` that are not functions in ``namespace``."""
    return [name for name in names if not callable(namespace.get(name))]


def report(results: list[Result], what: str = "functions") -> None:
    """Print each result; raise LabChecksFailed naming the failures (a download's last word)."""
    for result in results:
        mark = "ok " if result.passed else "NOT YET"
        print(f"  {mark:7} {result.name}: {result.message}")
    wrong = [r.name for r in results if not r.passed]
    if wrong:
        which = (f"{wrong[0]} needs work" if len(results) == 1 else
                 f"{len(wrong)} of {len(results)} {what} need work: {', '.join(wrong)}")
        raise LabChecksFailed(f"{which}. Read the messages above, change your code and run the checks again.")
    print("all checks passed")


NON_INTERACTIVE = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def show(figure, name: str) -> None:
    """Show a download's figure: in a window or in Jupyter; headless (MPLBACKEND=Agg), as ``name``.png."""
    import matplotlib
    import matplotlib.pyplot as plt
    if matplotlib.get_backend().lower() in NON_INTERACTIVE:
        figure.savefig(f"{name}.png", dpi=100)
        plt.close(figure)
        print(f"  saved {name}.png")
    else:
        plt.show()
