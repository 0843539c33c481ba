"""Every piece of TeX the questions show is rendered by the real KaTeX (strict, throwing).

Runs one node process over all texts of two variants of every template.
Skipped where node or the npm-installed katex is missing.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mvcalc.course import MODULES

ROOT = Path(__file__).resolve().parents[2]
KATEX = ROOT / "node_modules" / "katex" / "dist" / "katex.js"

SCRIPT = r"""
const katex = require(process.argv[1]);
const items = JSON.parse(require("fs").readFileSync(0, "utf8"));
const errors = [];
for (const [where, tex, display] of items) {
  try {
    katex.renderToString(tex, {displayMode: display, throwOnError: true, strict: "error"});
  } catch (e) {
    errors.push([where, tex, String(e.message || e)]);
  }
}
process.stdout.write(JSON.stringify(errors));
"""


def maths(text: str):
    for inline, display in re.findall(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", text, flags=re.S):
        yield (inline, False) if inline else (display, True)


def collect():
    items = []
    for m in MODULES:
        for s in m.exercise_sets:
            for seed in range(2 * s.size):
                q = s.generate(seed)
                where = f"{s.slug} seed {seed} ({q.template})"
                texts = [q.prompt, *q.hints, *q.worked, *(mc.feedback for mc in q.misconceptions)]
                for text in texts:
                    items += [[where, tex, display] for tex, display in maths(text)]
                items += [[where, c.tex, False] for c in q.choices if c.tex]
    return items


@pytest.mark.skipif(shutil.which("node") is None or not KATEX.exists(),
                    reason="needs node and node_modules/katex (npm install)")
def test_all_question_tex_renders_in_katex():
    items = collect()
    assert len(items) > 500
    out = subprocess.run(["node", "-e", SCRIPT, str(KATEX)], input=json.dumps(items),
                         capture_output=True, text=True, timeout=120, check=True)
    errors = json.loads(out.stdout)
    assert not errors, "\n".join(f"{w}: {t!r}: {e}" for w, t, e in errors[:10])
