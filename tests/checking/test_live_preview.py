"""preview(): fast, sympy-free, and it shows the reading taken."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mvcalc.checking import Preview, preview

PY_DIR = Path(__file__).resolve().parents[2] / "py"


@pytest.mark.parametrize("text, tex", [
    ("1/2x", r"\frac{1}{2} x"),
    ("sin^-1 x", r"\arcsin\left(x\right)"),
    ("2e^x", r"2 e^{x}"),
])
def test_preview_shows_the_reading(text, tex):
    assert preview(text) == Preview(True, tex, "")


def test_preview_of_an_empty_box_is_silent():
    assert preview("") == Preview(False, "", "")
    assert preview("  ") == Preview(False, "", "")


def test_preview_explains_problems():
    result = preview("(x + 1")
    assert not result.valid and "never closed" in result.message and result.preview_tex == ""
    assert preview(None).message  # type: ignore[arg-type]


def test_preview_to_dict():
    assert preview("x").to_dict() == {"valid": True, "preview_tex": "x", "message": ""}


def test_checking_never_imports_sympy():
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(PY_DIR)!r})
        import mvcalc.checking as checking
        checking.preview("x^2 sin(x) + [")
        checking.preview("2x e^(3x)")
        checking.check_numeric("e^2", 7.389)
        checking.check_expression("x^3", "x^2")       # wrong: decided numerically
        checking.check_expression("(x+1)^3", "x^3 + 3x^2 + 3x + 1")   # right: decided numerically too
        checking.check_matrix("[[2x, 1], [0, 3y^2]]", "[[2x, 1], [0, 3y^2]]")
        checking.evaluate("sin(x)", {{"x": 1.0}})
        loaded = sorted(m for m in sys.modules if m == "sympy" or m.startswith("sympy."))
        print(loaded)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
