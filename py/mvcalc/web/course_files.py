"""The whole course as the build wrote it, read in the page: its outline and any module's bank.

The outline of every module (``window.MVCALC_RUNTIME.course``, from the build) and any module's
question bank, one file per (module, variant), fetched once: a module page reads its own
module's (:mod:`.questions`, :mod:`.exercises`), the worksheets any module's.
"""
from __future__ import annotations

import asyncio

from ..questions import bank
from ..questions.model import Question
from .dom import window

_files: dict[tuple[str, int], asyncio.Future] = {}


class BankUnreadable(Exception):
    """A module's question bank could not be fetched or read (the message says why)."""


def outline() -> list[dict]:
    """The course's modules (``slug``, ``title``) and their exercise sets (``slug``, ``title``,
    ``size``), in the course's order."""
    runtime = getattr(window, "MVCALC_RUNTIME", None)
    return runtime.course.to_py() if runtime is not None else []


async def questions_of(module: str, variant: int) -> dict[str, list[Question]]:
    """Module ``module``'s questions in ``variant``, by set; :class:`BankUnreadable` if the file
    cannot be fetched or read (a failed download is tried again next time)."""
    key = (module, variant)
    if key not in _files:
        _files[key] = asyncio.ensure_future(_read(module, variant))
    try:
        return await _files[key]
    except Exception as error:
        _files.pop(key, None)
        raise BankUnreadable(f"{module}, seed {variant}: {error}") from error


async def _read(module: str, variant: int) -> dict[str, list[Question]]:
    text = await window.mvcalcLoader.bankFile(variant, module)
    return bank.read_variant_file(str(text))
