"""axe-core, the automated accessibility audit, run in a page: the serious and critical violations."""
from __future__ import annotations

import pytest

from sitebuild.paths import ROOT

AXE = ROOT / "node_modules/axe-core/axe.min.js"
BLOCKING = ("serious", "critical")

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n')[1])
  }));
}"""


def axe_violations(page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (it is a devDependency)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]


def explain(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']})\n    " + "\n    ".join(v["nodes"])
                     for v in violations)
