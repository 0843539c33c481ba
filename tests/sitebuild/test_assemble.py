"""The built site: complete, self-contained, and repaired by the next build."""
from __future__ import annotations

import json
import re
import shutil

from sitebuild import assemble, runtime
from sitebuild.paths import DIST, ROOT


def test_a_corrupted_file_in_the_built_site_is_replaced_by_the_next_build(tmp_path, monkeypatch):
    """In a copy of the built site of its own: the pages other tests serve meanwhile stay whole."""
    site = tmp_path / "dist"
    shutil.copytree(DIST, site)
    monkeypatch.setattr(assemble, "DIST", site)
    target = site / "site/vendor/pyodide/python_stdlib.zip"
    good = runtime.sha256_of(DIST / "site/vendor/pyodide/python_stdlib.zip")
    with open(target, "ab") as handle:
        handle.write(b"junk")
    assert runtime.sha256_of(target) != good
    assert assemble.assemble() == site
    assert runtime.sha256_of(target) == good


def test_runtime_config_is_made_from_pyscript_toml():
    text = (DIST / "site/assets/runtime-config.js").read_text()
    start = text.index("window.MVCALC_RUNTIME = ") + len("window.MVCALC_RUNTIME = ")
    data = json.loads(text[start: text.index("};\n", start) + 1])   # the file:// manifest follows
    assert data["config"] == assemble.load_config()
    assert "sympy" not in data["config"]["packages"] and "scipy" not in data["config"]["packages"]
    assert (DIST / data["config"]["interpreter"]).is_file()
    for source in data["config"]["files"]:
        assert (DIST / source).is_file(), source
    assert (DIST / data["pyscript"]).is_file()
    assert data["startupBytes"] > 10_000_000
    assert [m["slug"] for m in data["course"]][0] == "m1-what-is-calculus"


def test_no_absolute_or_outside_urls_in_pages():
    """Every page works under any sub-path and offline: relative URLs only, no CDN."""
    for page in [DIST / "index.html", *sorted((DIST / "site").glob("*/index.html"))]:
        html = page.read_text()
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert not url.startswith("/"), f"{page.name}: absolute path {url}"
            assert not re.match(r"^[a-z]+://", url), f"{page.name}: outside URL {url}"
    for script in (ROOT / "site/assets").glob("*.js"):
        assert not re.search(r"https?://(?!www\.w3\.org)", script.read_text()), script.name


def test_the_server_stays_quiet_when_a_browser_hangs_up_but_reports_real_errors(capsys):
    from sitebuild.server import SiteServer

    with SiteServer(DIST) as server:
        for error, reported in ((ConnectionResetError(104, "reset"), False), (ValueError("a bug"), True)):
            try:
                raise error
            except Exception:
                server.httpd.handle_error(None, ("127.0.0.1", 1))
            assert (type(error).__name__ in capsys.readouterr().err) is reported
