"""Every exercise set's questions over seeds 0-119, generated once per test run.

The CPython sweeps (precision promises, typography) read the same questions;
sets and kinds are found from the course itself, so templates added later are
swept too.
"""
from __future__ import annotations

from functools import lru_cache

from mvcalc.course import MODULES

SEEDS = range(120)
SETS = [s for m in MODULES for s in m.exercise_sets]


@lru_cache(maxsize=None)
def questions(slug: str) -> tuple:
    """The questions of set ``slug`` for every seed in SEEDS."""
    exercise_set = next(s for s in SETS if s.slug == slug)
    return tuple(exercise_set.generate(seed) for seed in SEEDS)


def where(q) -> str:
    return f"{q.set_slug} seed {q.seed} ({q.template})"
