"""The course registry: six modules in order, every set well formed."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mvcalc.course import MODULES, module

SLUGS = [
    ("m1-what-is-calculus", "What is calculus?"),
    ("m2-multivariate-calculus", "Multivariate calculus"),
    ("m3-chain-rule-and-neural-networks", "The multivariate chain rule and neural networks"),
    ("m4-taylor-series", "Taylor series and linearisation"),
    ("m5-optimisation", "Optimisation"),
    ("m6-regression", "Regression"),
]

M1_SETS = ["matching-functions", "graph-of-derivative", "differentiate", "product-rule",
           "chain-rule", "toolbox"]


def test_six_modules_in_order_with_their_slugs_and_titles():
    assert [(m.slug, m.title) for m in MODULES] == SLUGS


def test_every_module_has_a_one_line_summary():
    for m in MODULES:
        assert m.summary and "\n" not in m.summary and len(m.summary) < 200


def test_module_1_has_its_six_sets_in_course_order():
    assert [s.slug for s in MODULES[0].exercise_sets] == M1_SETS


def test_every_set_has_slug_title_and_at_least_five_templates():
    for m in MODULES:
        for s in m.exercise_sets:
            assert s.slug and s.title
            assert s.size >= 5, f"{m.slug}/{s.slug} has {s.size} templates"


def test_set_slugs_are_unique_within_the_course():
    slugs = [s.slug for m in MODULES for s in m.exercise_sets]
    assert len(slugs) == len(set(slugs))


@pytest.mark.slow
def test_every_kind_of_question_appears_somewhere():
    kinds = {s.question(i).kind for m in MODULES for s in m.exercise_sets for i in range(s.size)}
    assert kinds == {"expression", "numeric", "matrix", "choice", "multi", "code", "pick", "point"}


def test_question_walks_the_set_in_order():
    s = MODULES[0].exercise_sets[2]
    for variant in range(2):
        for index in range(s.size):
            q = s.question(index, variant)
            assert q.seed == index + variant * s.size
            assert q.template == s.templates[index].__name__
            assert q == s.generate(index + variant * s.size)


def test_lookup_helpers():
    assert module("m1-what-is-calculus").exercise_set("toolbox").title == "Unleashing the toolbox"


def test_listing_the_course_does_not_import_sympy():
    code = ("import sys; from mvcalc.course import MODULES; "
            "[s.slug for m in MODULES for s in m.exercise_sets]; "
            "print('sympy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[1] / "py")
    assert out.stdout.strip() == "False"
