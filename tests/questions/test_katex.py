"""Every piece of TeX the questions and the pages show is rendered by the real KaTeX
(strict, throwing), and the MathML it makes is valid: Firefox reports a script element
with the wrong number of children (KaTeX makes one from ``\\chi^2_{\\min}``) as an error.

Runs one node process over all texts of two variants of every template, and one over
every page's maths. Skipped where node or the npm-installed katex is missing.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mvcalc.course import MODULES
from every_question import generated

ROOT = Path(__file__).resolve().parents[2]
KATEX = ROOT / "node_modules" / "katex" / "dist" / "katex.js"

SCRIPT = r"""
const katex = require(process.argv[1]);
const items = JSON.parse(require("fs").readFileSync(0, "utf8"));
const errors = [];
for (const [where, tex, display] of items) {
  try {
    katex.renderToString(tex, {displayMode: display, throwOnError: true, strict: "error"});
    const mathml = katex.renderToString(tex, {displayMode: display, output: "mathml"});
    const problem = badScript(mathml);
    if (problem) errors.push([where, tex, problem]);
  } catch (e) {
    errors.push([where, tex, String(e.message || e)]);
  }
}
// MathML elements that need an exact number of children, as Firefox checks them
function badScript(mathml) {
  const need = {msub: 2, msup: 2, msubsup: 3, mfrac: 2, munder: 2, mover: 2, munderover: 3, mroot: 2};
  const stack = [];
  const tags = /<(\/?)([a-z]+)[^>]*?(\/?)>/g;
  let t;
  while ((t = tags.exec(mathml))) {
    const [, close, name, self] = t;
    if (!close) {
      if (stack.length) stack[stack.length - 1].children++;
      if (!self) stack.push({name: name, children: 0});
    } else {
      const top = stack.pop();
      if (need[top.name] && top.children !== need[top.name]) {
        return "<" + top.name + "> with " + top.children + " children (needs " + need[top.name] + ")";
      }
    }
  }
  return "";
}
process.stdout.write(JSON.stringify(errors));
"""


def maths(text: str):
    for inline, display in re.findall(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", text, flags=re.S):
        yield (inline, False) if inline else (display, True)


def page_maths():
    from sitebuild.pages import rendered, rendered_home
    items = []
    for m in MODULES:
        items += [[m.slug, tex, display] for tex, display in maths(html.unescape(rendered(m.slug)))]
    return items + [["home", tex, display] for tex, display in maths(html.unescape(rendered_home()))]


def render_errors(items) -> list:
    out = subprocess.run(["node", "-e", SCRIPT, str(KATEX)], input=json.dumps(items),
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout)


def collect():
    items = []
    for m in MODULES:
        for s in m.exercise_sets:
            for seed in range(2 * s.size):
                q = generated(s, seed)
                where = f"{s.slug} seed {seed} ({q.template})"
                texts = [q.prompt, *q.hints, *q.worked, *(mc.feedback for mc in q.misconceptions)]
                for text in texts:
                    items += [[where, tex, display] for tex, display in maths(text)]
                items += [[where, c.tex, False] for c in q.choices if c.tex]
                items += [[where, t, d] for c in q.choices for t, d in maths(c.text)]
    return items


@pytest.mark.skipif(shutil.which("node") is None or not KATEX.exists(),
                    reason="needs node and node_modules/katex (npm install)")
def test_all_question_tex_renders_in_katex():
    items = collect()
    assert len(items) > 500
    errors = render_errors(items)
    assert not errors, "\n".join(f"{w}: {t!r}: {e}" for w, t, e in errors[:10])


@pytest.mark.skipif(shutil.which("node") is None or not KATEX.exists(),
                    reason="needs node and node_modules/katex (npm install)")
def test_all_page_tex_renders_in_katex_as_valid_mathml():
    items = page_maths()
    assert len(items) > 300
    errors = render_errors(items)
    assert not errors, "\n".join(f"{w}: {t!r}: {e}" for w, t, e in errors[:10])


def test_the_mathml_check_catches_a_script_with_too_many_children():
    assert render_errors([["probe", "\\chi^2_{\\min}", False]]), "KaTeX 0.16 makes <msubsup> with 4 children here"
