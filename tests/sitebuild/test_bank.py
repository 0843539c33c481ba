"""The build's question bank: made once per change of its sources, shipped whole."""
from __future__ import annotations

import json

from sitebuild import bank
from sitebuild.paths import DIST


def test_the_bank_key_follows_every_source_it_depends_on():
    contents = bank.source_contents()
    names = {name for name, _ in contents}
    assert {"py/mvcalc/course.py", "py/mvcalc/questions/bank.py", "py/mvcalc/checking/parser.py",
            "py/mvcalc/questions/m1/differentiate.py", "py/sitebuild/bank.py",
            "requirements-dev.txt"} <= names          # sympy's version makes the questions too
    key = bank.cache_key()
    assert bank.cache_key(contents) == key
    for name in ("py/mvcalc/questions/m1/differentiate.py", "py/mvcalc/checking/parser.py"):
        changed = [(n, data + b"# changed" if n == name else data) for n, data in contents]
        assert bank.cache_key(changed) != key, name


def test_the_built_site_has_every_variant_of_every_module_page():
    data = json.loads((DIST / "site/assets/runtime-config.js").read_text()
                      .split("window.MVCALC_RUNTIME = ", 1)[1].split("};\n", 1)[0] + "}")
    info = data["bank"]
    assert info["path"] == "py/bank/" and info["variants"] >= 20
    for module in data["course"]:
        if not module["sets"]:
            continue
        for variant in range(info["variants"]):
            path = DIST / info["path"] / f"{module['slug']}.{variant}.json"
            shipped = json.loads(path.read_text())
            assert shipped["module"] == module["slug"] and shipped["variant"] == variant
            assert {s["slug"]: s["size"] for s in module["sets"]} == \
                {slug: len(items) for slug, items in shipped["sets"].items()}


def test_the_double_click_flavour_carries_the_bank():
    text = (DIST / "site/assets/runtime-config.js").read_text()
    offline = json.loads(text.split("window.MVCALC_RUNTIME.offline = ", 1)[1].split(";\n", 1)[0])
    assert "m1-what-is-calculus.0.json" in offline["bundles"]
    assert "m1-what-is-calculus.0.json" not in offline["startup"], "fetched when the page asks"
