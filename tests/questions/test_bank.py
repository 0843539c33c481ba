"""The question bank: every question survives JSON, and is marked without sympy after it."""
from __future__ import annotations

import json
import math
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sympy as sp

from mvcalc.course import MODULES
from mvcalc.questions import bank
from mvcalc.questions.code_templates import CODE_TEMPLATES, regenerate
from mvcalc.questions.marking import mark
from mvcalc.questions.model import CodeCase, Misconception, Plot, Question
from every_question import cached_question, generated

PY = Path(__file__).resolve().parents[2] / "py"
SETS = [(m, s) for m in MODULES for s in m.exercise_sets]


@pytest.mark.parametrize("module,exercise_set", SETS, ids=[s.slug for _, s in SETS])
def test_every_question_is_plain_data_that_survives_json(module, exercise_set):
    for variant in (0, 1, bank.VARIANTS - 1):
        for index in range(exercise_set.size):
            question = cached_question(exercise_set, index, variant)
            data = json.loads(json.dumps(bank.question_data(question), allow_nan=False))
            back = bank.decode(data)
            assert bank.question_data(back) == data
            if question.kind != "code":
                assert back == question, f"{exercise_set.slug} {question.seed}"


def test_what_json_cannot_carry_is_refused_by_name():
    base = dict(kind="expression", prompt="p", solution="1", hints=["h"], worked=["w"])
    for bad, name in ((sp.Integer(3), "Integer"), (__import__("numpy").float64(1.5), "float64"),
                      (math.sin, "builtin_function_or_method"), (float("inf"), "inf")):
        with pytest.raises(bank.NotPlainData, match=name):
            bank.encode(Question(**base, data={"bad": bad}))
    assert bank.encode(Question(**base, data={"fine": [1, 2.5, "x", None, True]}))


def test_tuples_come_back_as_tuples_and_defaults_are_left_out():
    plot = Plot("x^2", (-2.0, 2.0), "(a)", None)
    data = bank.encode(plot)
    assert data == {"$": "Plot", "expr": "x^2", "x_range": [-2.0, 2.0], "title": "(a)"}
    assert bank.decode(data) == plot and isinstance(bank.decode(data).x_range, tuple)
    with pytest.raises(ValueError, match="unknown kind"):
        bank.decode({"$": "Exploit", "x": 1})


def test_a_code_question_is_banked_without_its_functions():
    exercise_set = next(s for _, s in SETS if s.slug == "finite-differences")
    question = generated(exercise_set, 0)
    assert question.cases and callable(question.cases[0].args[0])
    data = bank.question_data(question)
    assert "cases" not in data and data["template"] == question.template


def test_every_code_question_is_made_again_from_a_module_without_sympy():
    seen = set()
    for _, exercise_set in SETS:
        for seed in range(exercise_set.size * 3):
            question = generated(exercise_set, seed)
            if question.kind != "code":
                continue
            seen.add(question.template)
            again = regenerate(question.template, seed, exercise_set.slug)
            assert again == question, f"{exercise_set.slug} {seed}"
    assert seen and seen <= set(CODE_TEMPLATES)
    script = "import sys; sys.path.insert(0, %r)\n" % str(PY) + "".join(
        f"import {module}\n" for module in sorted(set(CODE_TEMPLATES.values())))
    script += "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sympy'))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_bank_file_names_its_module_and_variant_and_reads_back():
    module = next(m for m in MODULES if m.slug == "m3-chain-rule-and-neural-networks")
    sets = bank.module_variant(module, 2)
    text = bank.variant_file(module.slug, 2, sets)
    assert bank.file_name(module.slug, 2) == "m3-chain-rule-and-neural-networks.2.json"
    assert bank.read_variant_file(text) == sets
    with pytest.raises(ValueError, match="format"):
        bank.read_variant_file(json.dumps({"format": 99, "sets": {}}))
    assert [bank.variant_of(v) for v in (0, 1, bank.VARIANTS, bank.VARIANTS + 3, 2**60)] == \
        [0, 1, 0, 3, 2**60 % bank.VARIANTS]


MARK_WITHOUT_SYMPY = textwrap.dedent("""
    import json, sys
    sys.modules["sympy"] = None                 # importing sympy now fails: the page has none
    sys.path.insert(0, sys.argv[1])
    from mvcalc.questions import bank
    from mvcalc.questions.marking import mark
    problems, marked = [], 0
    for path in sys.argv[2:]:
        for slug, questions in bank.read_variant_file(open(path).read()).items():
            for q in questions:
                if q.kind == "code":
                    continue
                verdict = mark(q, q.solution)
                if not (verdict.correct and verdict.valid):
                    problems.append(f"{slug} {q.seed}: key refused: {verdict.feedback}")
                for m in q.misconceptions:
                    verdict = mark(q, m.answer)
                    if verdict.correct or verdict.feedback != m.feedback:
                        problems.append(f"{slug} {q.seed}: {m.answer!r} not named: {verdict.feedback}")
                marked += 1
    print(json.dumps({"marked": marked, "problems": problems[:20]}))
""")


def test_banked_questions_are_marked_without_sympy(tmp_path):
    """What the page does: read a bank file, mark the key right and every known slip by name."""
    paths = []
    for module in MODULES:
        for variant in (0, 1, 7):
            path = tmp_path / bank.file_name(module.slug, variant)
            path.write_text(bank.variant_file(module.slug, variant, bank.module_variant(module, variant)))
            paths.append(str(path))
    result = subprocess.run([sys.executable, "-c", MARK_WITHOUT_SYMPY, str(PY), *paths],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["marked"] > 3 * sum(s.size for _, s in SETS) * 0.8
    assert not report["problems"], report["problems"]


def test_data_classes_the_bank_carries_are_the_models():
    assert {"Question", "Plot", "Choice", "Misconception", "CodeCase", "Precision"} <= set(bank.CLASSES)
    assert bank.CLASSES["Misconception"] is Misconception and bank.CLASSES["CodeCase"] is CodeCase
