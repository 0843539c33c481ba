"""A Jupyter notebook (nbformat 4) from a list of cells, written with json alone."""
from __future__ import annotations

import json


def notebook(cells: list[tuple[str, str]]) -> str:
    """``cells`` are ("markdown" | "code", source) pairs, in order."""
    out = []
    for kind, source in cells:
        lines = source.strip("\n").splitlines(keepends=True)
        cell = {"cell_type": kind, "metadata": {}, "source": lines}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        out.append(cell)
    document = {
        "cells": out,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "pygments_lexer": "ipython3"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for index, cell in enumerate(out):
        cell["id"] = f"cell-{index}"
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
