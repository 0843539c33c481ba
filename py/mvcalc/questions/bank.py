"""The question bank: every question of the course, generated at build time, as plain JSON.

Templates build their maths with sympy, which a page cannot afford to load (seconds of
start-up and a second runtime's memory). So the build (py/sitebuild/bank.py) runs every
template in CPython for :data:`VARIANTS` variants of each question and writes the resulting
:class:`~mvcalc.questions.model.Question` objects as JSON; the page reads them back with
:func:`decode` and marks answers in its own runtime (marking needs no sympy). A question's
seed stays what :meth:`ExerciseSet.question` makes of it: ``index + variant * size``.

One file per module and variant (``py/bank/<module>.<variant>.json``) holds that variant of
every question on the module's page: a page needs one small file to show its first
questions, and one more each time a learner asks for a fresh variant.

Code questions are the exception: their test cases hold functions (``f`` in
``forward_difference(f, x, h)``), so the bank keeps what the page shows and the worker that
runs learner code regenerates the cases from the seed (see :mod:`mvcalc.questions.code_templates`).
"""
from __future__ import annotations

import dataclasses
import json
import math
from typing import Any

from mvcalc.questions import model

VARIANTS = 20                       # variants of each question in the bank; "New variant" cycles
FORMAT = 1                          # the file format; a page refuses a bank it does not know
TAG = "$"                           # a dict with this key is a data class (its name)

# The data classes a Question may hold, by name. A module of new question data (a new kind of
# figure, say) adds its classes here.
CLASSES: dict[str, type] = {
    cls.__name__: cls for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}


def register(cls: type) -> type:
    """Let the bank carry ``cls`` (a frozen dataclass of plain data); usable as a decorator."""
    CLASSES[cls.__name__] = cls
    return cls


class NotPlainData(TypeError):
    """A question holds something JSON cannot carry (a sympy object, a numpy scalar, a function)."""


def encode(value: Any) -> Any:
    """``value`` as JSON-ready data. Data classes become dicts tagged with their class name;
    fields left at their default are omitted (the bank is downloaded)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if CLASSES.get(name) is not type(value):
            raise NotPlainData(f"{name} is not a registered question data class (bank.register)")
        out: dict[str, Any] = {TAG: name}
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if field.default is not dataclasses.MISSING and item == field.default:
                continue
            if field.default_factory is not dataclasses.MISSING and item == field.default_factory():
                continue
            out[field.name] = encode(item)
        return out
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        if type(value) not in (bool, str, int, type(None)):
            raise NotPlainData(f"{type(value).__name__} is not plain data (use str() or int())")
        return value
    if isinstance(value, float):
        if type(value) is not float:
            raise NotPlainData(f"{type(value).__name__} is not plain data (use float())")
        if not math.isfinite(value):
            raise NotPlainData(f"{value} cannot be stored (JSON has no inf or nan)")
        return value
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value) or TAG in value:
            raise NotPlainData(f"dict keys must be strings other than {TAG!r}")
        return {key: encode(item) for key, item in value.items()}
    raise NotPlainData(f"{type(value).__module__}.{type(value).__name__} is not plain data")


def _is_tuple_field(field: dataclasses.Field) -> bool:
    annotation = field.type if isinstance(field.type, str) else getattr(field.type, "__name__", "")
    return annotation.startswith("tuple")


def decode(data: Any) -> Any:
    """The inverse of :func:`encode` (lists come back as tuples where the field says tuple)."""
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if TAG not in data:
        return {key: decode(item) for key, item in data.items()}
    cls = CLASSES.get(data[TAG])
    if cls is None:
        raise ValueError(f"the bank holds an unknown kind of data: {data[TAG]!r}")
    kwargs = {}
    for field in dataclasses.fields(cls):
        if field.name in data:
            item = decode(data[field.name])
            if isinstance(item, list) and _is_tuple_field(field):
                item = tuple(item)
            kwargs[field.name] = item
    return cls(**kwargs)


# --- questions and files -------------------------------------------------------------------

def question_data(question: model.Question) -> dict:
    """One question as bank data: a code question without its test cases (they hold
    functions; the code worker makes them again from the seed)."""
    if question.kind == "code":
        question = dataclasses.replace(question, cases=[])
    return encode(question)


def file_name(module: str, variant: int) -> str:
    """The bank file of ``module``'s questions in ``variant`` (names are unique site-wide:
    the double-click flavour finds files by name)."""
    return f"{module}.{int(variant)}.json"


def variant_file(module: str, variant: int, sets: dict[str, list[model.Question]]) -> str:
    """The text of one bank file: every set's questions, in index order, for one variant."""
    return json.dumps({"format": FORMAT, "module": module, "variant": int(variant),
                       "sets": {slug: [question_data(q) for q in questions]
                                for slug, questions in sets.items()}},
                      separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def read_variant_file(text: str) -> dict[str, list[model.Question]]:
    """The questions of one bank file, by set."""
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"this page cannot read bank format {data.get('format')!r}")
    return {slug: [decode(item) for item in items] for slug, items in data["sets"].items()}


def module_variant(module, variant: int) -> dict[str, list[model.Question]]:
    """Every question of ``module`` (a mvcalc.course.Module) in ``variant``, by set: what one
    bank file holds. Runs the templates, so it needs sympy: the build calls it, never a page."""
    return {s.slug: [s.question(index, variant) for index in range(s.size)] for s in module.exercise_sets}


def variant_of(stored: int) -> int:
    """The bank variant of a learner's stored variant number (the counter cycles)."""
    return int(stored) % VARIANTS
