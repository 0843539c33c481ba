"""An exercise set: an ordered list of question templates, easy to hard.

``generate(seed)`` uses template ``seed % size`` with ``random.Random(seed)``,
so ``question(index, variant) == generate(index + variant * size)`` walks the
set in difficulty order and a fresh variant is just the next ``variant``.

A template raises :class:`Degenerate` when its random parameters would make a
poor question (a zero coefficient, two choices alike: Numbas' variablesTest);
``generate`` calls it again with the same, already advanced rng, so the
question is still a function of the seed alone.

Templates live in modules that import sympy; a set names its module and loads
it on first use, so building :data:`mvcalc.course.MODULES` stays cheap (it
matters in the browser, where every import is paid at page start).
"""
from __future__ import annotations

import dataclasses
import importlib
import random
from typing import Callable, Sequence

from mvcalc.questions.model import Question

MAX_RUNS = 100


class Degenerate(RuntimeError):
    """A template's parameters fail its condition; it is called again."""


class ExerciseSet:
    """A named set of question templates, ordered from easy to hard.

    ``templates`` is either a sequence of functions ``(rng) -> Question`` or
    the dotted name of a module whose ``TEMPLATES`` holds them.
    """

    def __init__(self, slug: str, title: str, templates: Sequence[Callable] | str,
                 summary: str = "") -> None:
        self.slug = slug
        self.title = title
        self.summary = summary
        self._source = templates
        self._templates: tuple[Callable, ...] | None = (
            None if isinstance(templates, str) else tuple(templates))

    def __repr__(self) -> str:
        return f"ExerciseSet({self.slug!r})"

    @property
    def templates(self) -> tuple[Callable, ...]:
        if self._templates is None:
            module = importlib.import_module(self._source)
            self._templates = tuple(module.TEMPLATES)
        return self._templates

    @property
    def size(self) -> int:
        return len(self.templates)

    def generate(self, seed: int) -> Question:
        """The question for ``seed``: same seed, same question."""
        seed = int(seed)
        return run_template(self.templates[seed % self.size], seed, self.slug)

    def question(self, index: int, variant: int = 0) -> Question:
        """Template ``index`` (0 = easiest), in its ``variant``-th random form."""
        if not 0 <= index < self.size:
            raise IndexError(f"{self.slug} has {self.size} questions, not {index + 1}")
        return self.generate(index + variant * self.size)


def run_template(template: Callable, seed: int, set_slug: str) -> Question:
    """``template``'s question for ``seed`` in set ``set_slug``: the template runs with
    ``random.Random(seed)`` and is called again (the rng already advanced, so still a function
    of the seed) while it raises Degenerate."""
    rng = random.Random(seed)
    for _ in range(MAX_RUNS):
        try:
            question = template(rng)
            break
        except Degenerate:
            continue
    else:
        raise Degenerate(f"{set_slug}: {template.__name__} found no good parameters")
    return dataclasses.replace(question, set_slug=set_slug, seed=seed, template=template.__name__)


def reroll(rng: random.Random, draw: Callable, ok: Callable[..., bool],
           max_runs: int = 200):
    """Draw parameters until ``ok(params)`` holds (Numbas' variablesTest).

    ``draw(rng)`` returns a tuple of parameters; ``ok(*params)`` says whether
    they make a good question (no zero coefficient, no identical choices...).
    """
    for _ in range(max_runs):
        params = draw(rng)
        if ok(*params):
            return params
    raise Degenerate(f"no good parameters after {max_runs} draws")


def nonzero(rng: random.Random, lo: int, hi: int, *, not_one: bool = True) -> int:
    """A random integer in [lo, hi], never 0 (and never +-1 unless allowed)."""
    banned = {0, 1, -1} if not_one else {0}
    pool = [k for k in range(lo, hi + 1) if k not in banned]
    return rng.choice(pool)
