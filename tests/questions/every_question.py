"""Every exercise set's questions, each generated once per test run and shared by every test.

Generating a question runs sympy (hundreds of milliseconds for some templates), and the answer-key
tests, the CPython sweeps (precision promises, typography, the visual census) and the KaTeX check
read the same questions: ``generated(exercise_set, seed)`` makes each (set, seed) once, and
``cached_question(exercise_set, index, variant)`` is ``exercise_set.question(index, variant)`` from
the same store. A question is frozen data, so sharing it is safe; the tests of generation itself
(same seed, same question) still call ``generate`` and compare with the stored one.
Sets and kinds are found from the course itself, so templates added later are swept too.
"""
from __future__ import annotations

from functools import lru_cache

from mvcalc.course import MODULES

SEEDS = range(120)
SETS = [s for m in MODULES for s in m.exercise_sets]
_BY_SLUG = {s.slug: s for s in SETS}


@lru_cache(maxsize=None)
def _generated(slug: str, seed: int):
    return _BY_SLUG[slug].generate(seed)


def generated(exercise_set, seed: int):
    """``exercise_set.generate(seed)``, made once per run (a set of the course, by object or slug)."""
    slug = exercise_set if isinstance(exercise_set, str) else exercise_set.slug
    assert _BY_SLUG[slug] is exercise_set or slug == exercise_set, f"{slug}: not the course's set"
    return _generated(slug, int(seed))


def cached_question(exercise_set, index: int, variant: int = 0):
    """``exercise_set.question(index, variant)`` (template ``index``, its ``variant``-th form), made once."""
    return lazy_question(exercise_set, index, variant).made_for_the_test()


class Lazy:
    """A question as a test's parameter, made only when its test runs (``made_for_the_test``,
    called by tests/conftest.py's ``pytest_pyfunc_call``): collecting the suite, which each lane
    does, generates nothing, and each question is made in the lane that tests it. Its template,
    seed and set are known without making it (for ids and filters)."""

    def __init__(self, exercise_set, seed: int):
        self.exercise_set, self.seed = exercise_set, int(seed)
        self.set_slug = exercise_set.slug
        self.template = exercise_set.templates[self.seed % exercise_set.size].__name__

    def made_for_the_test(self):
        return generated(self.exercise_set, self.seed)

    def __repr__(self) -> str:
        return f"Lazy({where(self)})"


def lazy_question(exercise_set, index: int, variant: int = 0) -> Lazy:
    """``cached_question(exercise_set, index, variant)``, made when its test runs (the one place
    that turns an index and a variant into a seed)."""
    if not 0 <= index < exercise_set.size:
        raise IndexError(f"{exercise_set.slug} has {exercise_set.size} questions, not {index + 1}")
    return Lazy(exercise_set, index + variant * exercise_set.size)


@lru_cache(maxsize=None)
def questions(slug: str) -> tuple:
    """The questions of set ``slug`` for every seed in SEEDS."""
    return tuple(generated(slug, seed) for seed in SEEDS)


def where(q) -> str:
    return f"{q.set_slug} seed {q.seed} ({q.template})"
