"""Learner code for a lab, in the worker: loaded and called through
:mod:`mvcalc.questions.code_runner` (its namespace, its time and step budget), handed to
the labs' shared checks as plain functions that raise :class:`~mvcalc.labs.judge.CodeFailed`
when the code does not return. The downloads call the learner's functions directly instead.
"""
from __future__ import annotations

from mvcalc.labs.judge import CodeFailed
from mvcalc.questions import code_runner


class NotLoaded(Exception):
    """The code cannot be used: it does not run, or a function is missing. The message says why."""


def guarded(function, budget: code_runner.Budget, source: str):
    """``function`` called under ``budget``; a failure raises CodeFailed with code_runner's words."""
    def call(*args):
        out = code_runner.call(function, args, budget, source)
        if out.error:
            raise CodeFailed(out.error, stopped=out.stopped)
        return out.value
    call.__name__ = getattr(function, "__name__", "function")
    return call


def load(source: str, names, budget: code_runner.Budget) -> tuple[dict, dict]:
    """The learner's functions ``names`` from ``source``, guarded, and the namespace they share
    (so a lab can set the globals they read). NotLoaded if the code cannot be used."""
    names = list(names)
    loaded = code_runner.load(source, names[0], budget)
    if loaded.function is None:
        raise NotLoaded(loaded.error)
    namespace = loaded.function.__globals__
    absent = [name for name in names if not callable(namespace.get(name))]
    if absent:
        raise NotLoaded("Define " + ", ".join(absent) + " (each as def " + absent[0] + "(...):).")
    return {name: guarded(namespace[name], budget, source) for name in names}, namespace
