"""How visual each module's practice is: a CPython census of every template over seeds 0-119.

A template is visual when a question it makes shows a graph or a map (its figure), offers
graphs as choices, or is answered on the figure (pick, point). Issue 13 asks for at least
five visual templates in every module. The table is printed (``-s``) for the report.
"""
from __future__ import annotations

import pytest

from mvcalc.course import MODULES
from every_question import cached_question, generated

SEEDS = range(120)
MIN_VISUAL = 5


def is_visual(q) -> bool:
    return (q.kind in ("pick", "point") or q.figure is not None
            or any(c.plot is not None for c in q.choices))


def census() -> dict[str, tuple[int, int]]:
    """module slug -> (templates, visual templates)."""
    table = {}
    for module in MODULES:
        visual = set()
        total = 0
        for exercise_set in module.exercise_sets:
            total += exercise_set.size
            for seed in SEEDS:
                q = generated(exercise_set, seed)
                if is_visual(q):
                    visual.add((exercise_set.slug, q.template))
        table[module.slug] = (total, len(visual))
    return table


@pytest.fixture(scope="module")
def table():
    result = census()
    print("\nmodule | templates | visual")
    for slug, (total, visual) in result.items():
        print(f"{slug} | {total} | {visual}")
    return result


@pytest.mark.parametrize("module", [m.slug for m in MODULES])
def test_every_module_has_enough_visual_templates(table, module):
    total, visual = table[module]
    assert visual >= MIN_VISUAL, f"{module}: {visual} visual templates of {total}"


def test_a_visual_template_is_visual_for_every_seed():
    """Visual is a property of the template, not of a lucky seed."""
    for module in MODULES:
        for exercise_set in module.exercise_sets:
            for index, template in enumerate(exercise_set.templates):
                kinds = {is_visual(cached_question(exercise_set, index, v)) for v in range(4)}
                assert len(kinds) == 1, f"{exercise_set.slug}/{template.__name__} is visual only sometimes"


@pytest.mark.parametrize("number", [2, 3, 4, 5, 6])
def test_each_visual_module_imports_first_on_its_own(number):
    """A visual module and the set that appends its templates import each other's names in
    one direction only: importing the visual module first (a fresh interpreter) works."""
    import subprocess
    import sys
    from pathlib import Path
    py = Path(__file__).resolve().parents[2] / "py"
    subprocess.run([sys.executable, "-c", f"import mvcalc.questions.m{number}.visual; import mvcalc.course"],
                   cwd=py, check=True, timeout=120)
