"""The progress document and store's JavaScript unit tests (progress.test.cjs), run by Node's
own test runner: the merge, validation, migrations, and tabs interleaved with storage events
late, out of order or lost."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).with_name("progress.test.cjs")


def test_progress_js_unit_tests_pass():
    node = shutil.which("node")
    if not node:
        pytest.fail("Node.js is needed (the build needs it too)")
    run = subprocess.run([node, "--test", str(TESTS)], capture_output=True, text=True, timeout=600)
    summary = [line for line in run.stdout.splitlines() if line.startswith(("ok ", "not ok ", "# pass", "# fail"))]
    print("\n".join(summary))
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# skipped 0" in run.stdout, "every test ran and passed"
