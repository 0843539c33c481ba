"""Printable worksheets' pure logic: which questions a sheet holds for its seed, and its key."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from mvcalc.course import MODULES
from mvcalc.figures.question_figure import png, preferred_height
from mvcalc.questions import bank, worksheet
from mvcalc.questions.marking import mark
from mvcalc.questions.figure_view import figure_view

from every_question import cached_question, questions

SETS = [(m, s) for m in MODULES for s in m.exercise_sets]


def test_spread_takes_the_first_and_the_last_and_keeps_the_order():
    assert worksheet.spread([0, 1, 2, 3, 4, 5, 6, 7], 3) == [0, 4, 7]     # 3.5 rounds to even: 4
    assert worksheet.spread([0, 1, 2, 3, 4], 2) == [0, 4]
    assert worksheet.spread([2, 5, 9], 1) == [2]
    assert worksheet.spread([2, 5, 9], 3) == [2, 5, 9]
    assert worksheet.spread([2, 5, 9], 10) == [2, 5, 9]
    assert worksheet.spread([2, 5, 9], 0) == []
    for size in range(1, 17):
        for count in range(1, 17):
            picked = worksheet.spread(list(range(size)), count)
            assert len(picked) == min(size, count) and picked == sorted(set(picked))
            assert picked[0] == 0 and (count == 1 or picked[-1] == size - 1)


def test_seeds_go_up_by_one_and_round_again_after_the_last_variant():
    assert worksheet.SEEDS == bank.VARIANTS == 20
    assert worksheet.sheet_seeds(5, 3) == [5, 6, 7]
    assert worksheet.sheet_seeds(18, 4) == [18, 19, 0, 1]
    assert len(set(worksheet.sheet_seeds(0, 20))) == 20


def test_every_sheet_has_the_same_questions_in_its_own_variant():
    chosen = [("m1", "a", [0, 1, 2, 3, 4, 5, 6]), ("m2", "b", [0, 2, 3])]
    sheets = worksheet.plan(chosen, 2, 19, 3)
    assert [s.seed for s in sheets] == [19, 0, 1]
    for sheet in sheets:
        assert [(i.module, i.set_slug, i.index) for i in sheet.items] == [
            ("m1", "a", 0), ("m1", "a", 6), ("m2", "b", 0), ("m2", "b", 3)]
        assert {i.seed for i in sheet.items} == {sheet.seed}


def test_a_sheet_seed_is_the_variant_a_module_page_shows_for_it():
    """The Seed box on a module page shows bank variant ``seed`` of the question: the same
    question the worksheet printed (ExerciseSet.question(index, variant))."""
    module = MODULES[1]
    exercise_set = module.exercise_set("calculating-jacobian")
    for seed in (0, 7, 19):
        item = worksheet.plan([(module.slug, exercise_set.slug, [0, 7])], 2, seed, 1)[0].items[1]
        printed = exercise_set.question(item.index, item.seed)
        assert printed.seed == item.index + bank.variant_of(seed) * exercise_set.size
        assert printed == exercise_set.generate(item.index + seed * exercise_set.size)


@pytest.mark.parametrize("module,exercise_set", SETS, ids=[s.slug for _, s in SETS])
def test_the_key_is_what_the_checker_accepts_after_the_bank(module, exercise_set):
    """Every printable question's key, read back from the bank as the page reads it, is
    marked correct; code questions are the only ones left off paper."""
    for variant in (0, 7, bank.VARIANTS - 1):
        sets = bank.read_variant_file(bank.variant_file(module.slug, variant, {
            exercise_set.slug: [exercise_set.question(i, variant) for i in range(exercise_set.size)]}))
        for q in sets[exercise_set.slug]:
            if not worksheet.printable(q):
                assert q.kind == "code"
                with pytest.raises(ValueError):
                    worksheet.answer(q)
                continue
            verdict = mark(q, worksheet.answer(q))
            assert verdict.valid and verdict.correct, f"{q.set_slug} seed {q.seed}: {worksheet.answer(q)!r}"


@pytest.mark.parametrize("module,exercise_set", SETS, ids=[s.slug for _, s in SETS])
def test_a_question_is_printable_in_every_variant_or_in_none(module, exercise_set):
    """The page finds a set's printable questions in the first sheet's variant: a template's
    kind never changes with the seed."""
    size = exercise_set.size
    found = questions(exercise_set.slug)
    for q in found:
        assert worksheet.printable(q) == worksheet.printable(found[q.seed % size]), f"{q.set_slug} seed {q.seed}"


def test_the_teachers_numbers_are_checked_in_words():
    worksheet.validate(1, 3, 0, 30)
    for args, words in (((0, 3, 0, 1), "at least one"), ((1, 0, 0, 1), "Questions from each set"),
                        ((1, 17, 0, 1), "1 to 16"), ((1, 3, 20, 1), "0 to 19"), ((1, 3, 0, 0), "Number of sheets"),
                        ((1, 3, 0, 61), "1 to 60")):
        with pytest.raises(worksheet.ChoiceError, match=words):
            worksheet.validate(*args)
    assert worksheet.whole_number(" 12 ") == 12
    for text in ("", "-1", "1.5", "1e3", "²", "\u0661", "12345", "3; import os", "0x1"):
        assert worksheet.whole_number(text) is None, text


def test_the_form_is_read_as_three_checked_whole_numbers():
    assert worksheet.read_choices(2, " 3", "30", "19 ") == (3, 30, 19)
    for texts, words in ((("3", "x", "0"), "whole numbers"), (("", "1", "0"), "whole numbers"),
                         (("3", "1", "20"), "0 to 19"), (("0", "1", "0"), "Questions from each set")):
        with pytest.raises(worksheet.ChoiceError, match=words):
            worksheet.read_choices(1, *texts)
    with pytest.raises(worksheet.ChoiceError, match="whole numbers"):
        worksheet.read_choices(0, "3", "1", "-1")          # digits first, then the rest
    with pytest.raises(worksheet.ChoiceError, match="at least one"):
        worksheet.read_choices(0, "3", "1", "0")


OUTLINE = [{"slug": "m1", "title": "One", "sets": [{"slug": "a", "title": "Set A"}, {"slug": "b", "title": "Set B"}]},
           {"slug": "m2", "title": "Two", "sets": [{"slug": "c", "title": "Set C"}]}]


def test_a_question_says_where_it_comes_from_and_the_page_names_sets_left_out():
    titles = worksheet.titles(OUTLINE)
    assert titles == {("m1", "a"): (1, "Set A"), ("m1", "b"): (1, "Set B"), ("m2", "c"): (2, "Set C")}
    assert worksheet.source(worksheet.Item("m2", "c", 4, 7), titles) == "Module 2, Set C, question 5"
    assert worksheet.ready_message(1, [("m1", "a", [0])], titles) == (
        "1 sheet and the answer key are ready below: press Print.")
    assert worksheet.ready_message(3, [("m1", "a", [0]), ("m1", "b", []), ("m2", "c", [])], titles) == (
        "3 sheets and the answer key are ready below: press Print. "
        "Left out (code questions only, answered on screen): Set B, Set C.")


def test_every_printable_kind_says_how_to_answer_and_has_room_to_write():
    kinds = {}
    for _module, exercise_set in SETS:
        for index in range(exercise_set.size):
            q = cached_question(exercise_set, index)
            kinds.setdefault(q.kind, q)
    assert {"choice", "multi", "pick", "numeric", "point", "expression", "matrix", "code"} <= set(kinds)
    assert worksheet.printable_indices(list(kinds.values())) == [
        i for i, kind in enumerate(kinds) if kind != "code"]
    for kind, q in kinds.items():
        if kind == "code":
            continue
        assert worksheet.how_to_answer(q), f"{kind}: the sheet says what to write"
        assert worksheet.space(q) >= 1
    assert worksheet.how_to_answer(kinds["choice"]) == "Write the letter of your choice."
    assert worksheet.space(kinds["expression"]) > worksheet.space(kinds["choice"])


def test_a_figure_for_paper_is_a_png_of_the_plotting_layers_drawing():
    q = MODULES[1].exercise_set("calculating-jacobian").question(7, 3)
    view = figure_view(q.figure)
    data = png(view, 420, 2.0)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == (840, round(2 * preferred_height(view, 420)))
    pixels = image.convert("L").getdata()
    assert sum(1 for p in pixels if p < 200) > 2000, "something is drawn"
