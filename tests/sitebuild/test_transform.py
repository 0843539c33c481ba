"""The shipped runtime is exactly the transform of the verified one (sitebuild/transform.py)."""
from __future__ import annotations

import base64
import csv
import gzip
import hashlib
import io
import json
import logging
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sitebuild import bytecode, runtime, transform
from sitebuild.paths import DIST, ROOT, RUNTIME

VENDOR = DIST / "site/vendor"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record() -> dict:
    path = VENDOR / "transform.json"
    assert path.is_file(), "dist/ is not built: run `python3 py/make.py build`"
    return json.loads(path.read_text())


def test_every_shipped_runtime_file_is_recorded_with_its_verified_source():
    """transform.json names each shipped file's sha256 and the verified file it was made from,
    whose sha256 is the one the pins or the official lock give (the trust anchor)."""
    pins = runtime.load_pins()
    official = json.loads((RUNTIME / "pyodide/pyodide-lock.official.json").read_text())
    official_sha = {entry["file_name"]: entry["sha256"] for entry in official["packages"].values()}
    files = record()["files"]
    shipped = {p.name for p in (VENDOR / "pyodide").iterdir()}
    assert set(files) == shipped
    for name, entry in files.items():
        data = (VENDOR / "pyodide" / name).read_bytes()
        assert sha(data) == entry["sha256"] and len(data) == entry["size"], name
        source = entry["from"]
        if source["file"] == "pyodide-lock.json":
            assert source["sha256"] == runtime.sha256_of(RUNTIME / "pyodide/pyodide-lock.json")
            continue
        expected = pins["pypi"].get(source["file"]) or official_sha.get(source["file"]) or \
            pins["npm"][f"pyodide/{source['file']}"]
        assert source["sha256"] == expected, f"{name} is made from a verified file"
        if "changes" not in entry:
            assert entry["sha256"] == source["sha256"], f"{name}: shipped as verified"


def test_a_second_transform_of_the_verified_runtime_makes_the_same_bytes():
    """The transform is reproducible: run again from the verified runtime and the cached
    bytecode, every file comes out byte-identical to the built site's."""
    made = transform.transform(RUNTIME / "pyodide", bytecode.derive(RUNTIME / "pyodide"))
    for name, data in made.files.items():
        assert sha(data) == runtime.sha256_of(VENDOR / "pyodide" / name), name
    assert made.record == record()


def test_the_shipped_lock_carries_every_shipped_file_and_leaves_fonttools_out_of_matplotlib():
    lock = json.loads((VENDOR / "pyodide/pyodide-lock.json").read_text())
    for name, entry in lock["packages"].items():
        assert sha((VENDOR / "pyodide" / entry["file_name"]).read_bytes()) == entry["sha256"], name
        assert set(entry["depends"]) <= set(lock["packages"]), name
    wheels = {p.name for p in (VENDOR / "pyodide").iterdir() if p.suffix in (".whl", ".zip")} - {"python_stdlib.zip"}
    assert {entry["file_name"] for entry in lock["packages"].values()} == wheels, "exactly what is shipped"
    assert not {"fonttools", "pytz"} & set(lock["packages"]["matplotlib"]["depends"])
    assert {"fonttools", "pytz"} <= set(lock["packages"]), "still loadable by name"
    assert not {"sympy", "mpmath"} & set(lock["packages"]), "not shipped: no page or worker loads them"
    official = json.loads((RUNTIME / "pyodide/pyodide-lock.official.json").read_text())
    assert lock["info"] == official["info"]


def test_the_gzipped_wasm_inflates_to_the_verified_one():
    data = gzip.decompress((VENDOR / "pyodide/pyodide.asm.wasm.gz").read_bytes())
    assert sha(data) == runtime.load_pins()["npm"]["pyodide/pyodide.asm.wasm"]
    assert (VENDOR / "pyodide/pyodide.asm.wasm").read_bytes() == data


def test_every_repacked_wheels_record_matches_its_files():
    """A repacked wheel's RECORD lists each of its files with the right hash and size."""
    repacked = [name for name, entry in record()["files"].items() if name.endswith(".whl") and "changes" in entry]
    assert any(name.startswith("matplotlib-") for name in repacked)
    for wheel in repacked:
        with zipfile.ZipFile(VENDOR / "pyodide" / wheel) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".dist-info/RECORD"))
            rows = list(csv.reader(io.StringIO(archive.read(name).decode())))
            assert {row[0] for row in rows} == set(archive.namelist()), wheel
            for row in rows:
                if row[0] == name:
                    assert row[1:] == ["", ""]
                    continue
                data = archive.read(row[0])
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert row[1] == f"sha256={digest}" and int(row[2]) == len(data), (wheel, row[0])


# --- the transforms themselves ----------------------------------------------------------------

def make_wheel(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        archive.writestr("pkg-1.0.dist-info/RECORD", "stale\n")
    return buffer.getvalue()


def test_repack_puts_bytecode_in_place_of_source_leaves_out_what_the_rules_say_and_rewrites_record():
    wheel = make_wheel({"pkg/__init__.py": b"x = 1\n", "pkg/used.py": b"y = 2\n", "pkg/spare.py": b"z = 3\n",
                        "pkg/tests/test_it.py": b"assert 1\n", "pkg/data.txt": b"keep me"})
    new, changes = transform.repack_wheel(
        wheel, drop=((r"(^|/)tests/", "tests"),), bytecode={"pkg/used.py": b"PYC"})
    with zipfile.ZipFile(io.BytesIO(new)) as archive:
        names = archive.namelist()
        assert names == ["pkg/__init__.py", "pkg/used.pyc", "pkg/spare.py", "pkg/data.txt", "pkg-1.0.dist-info/RECORD"]
        assert archive.read("pkg/used.pyc") == b"PYC"
        record_text = archive.read("pkg-1.0.dist-info/RECORD").decode()
        assert "pkg/used.pyc,sha256=" in record_text and "tests" not in record_text
        assert record_text.endswith("pkg-1.0.dist-info/RECORD,,\n")
        assert {info.date_time for info in archive.infolist()} == {transform.DATE}
    assert changes.compiled == 1 and changes.dropped == {"tests": 1}
    again, _ = transform.repack_wheel(wheel, drop=((r"(^|/)tests/", "tests"),), bytecode={"pkg/used.py": b"PYC"})
    assert again == new, "the same bytes every time"
    unchanged, nothing = transform.repack_wheel(wheel)
    assert unchanged is wheel and not nothing
    with pytest.raises(ValueError, match="does not hold"):
        transform.repack_wheel(wheel, bytecode={"pkg/missing.py": b"PYC"})


def test_the_stdlib_gets_bytecode_in_place_of_each_compiled_source():
    stdlib = make_wheel({"json/__init__.py": b"", "json/decoder.py": b"src", "abc.py": b"src"})
    new, changes = transform.stdlib_with_bytecode(stdlib, {"json/decoder.py": b"PYC"})
    names = zipfile.ZipFile(io.BytesIO(new)).namelist()
    assert "json/decoder.pyc" in names and "json/decoder.py" not in names and "abc.py" in names
    assert changes.compiled == 1


def test_the_font_list_names_exactly_the_fonts_left_in_the_wheel():
    text = json.dumps({"_version": 330, "ttflist": [{"fname": "fonts/ttf/DejaVuSans.ttf"},
                                                    {"fname": "fonts/ttf/DejaVuSerif.ttf"}],
                       "afmlist": [{"fname": "fonts/afm/ptmr8a.afm"}]})
    wheel = make_wheel({"matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf": b"font"})
    data = json.loads(transform.font_list(text, wheel))
    assert data["ttflist"] == [{"fname": "fonts/ttf/DejaVuSans.ttf"}] and data["afmlist"] == []


def test_the_shipped_lock_refuses_a_dependency_it_does_not_ship():
    lock = {"info": {}, "packages": {
        "a": {"file_name": "a.whl", "depends": ["b"], "sha256": "0"},
        "b": {"file_name": "b.whl", "depends": [], "sha256": "0"}}}
    assert json.loads(transform.shipped_lock(lock, {"a.whl": "1", "b.whl": "2"}))["packages"]["a"]["sha256"] == "1"
    with pytest.raises(ValueError, match="does not ship"):
        transform.shipped_lock(lock, {"a.whl": "1"})


# --- the fonts the figures use ----------------------------------------------------------------

FONT_PROBE = r'''
import atexit, json, os
import matplotlib
from matplotlib import font_manager
data = matplotlib.get_data_path()
# Pyodide has no system fonts: matplotlib's own only, as in the browser
font_manager.fontManager.ttflist = [f for f in font_manager.fontManager.ttflist if f.fname.startswith(data)]
opened = set()
real = font_manager.get_font
def get_font(paths, *args, **kwargs):
    for path in [paths] if isinstance(paths, (str, os.PathLike)) else paths:
        opened.add(os.path.basename(str(path)))
    return real(paths, *args, **kwargs)
font_manager.get_font = get_font
atexit.register(lambda: print("FONTS " + json.dumps(sorted(opened))))
'''


def page_scripts() -> list[str]:
    sys.path.insert(0, str(ROOT / "tests/speed"))
    try:
        from test_first_plot_path import page_scripts as found
    finally:
        sys.path.pop(0)
    return found()


@pytest.mark.parametrize("stem", page_scripts())
def test_every_font_a_pages_figures_open_is_shipped(stem):
    """Every figure of the page built, drawn and dragged (the first-plot harness) in CPython's
    matplotlib with all of matplotlib's fonts: each font file it opens is one the build keeps."""
    sys.path.insert(0, str(ROOT / "tests/speed"))
    try:
        from test_first_plot_path import HARNESS, page_html
    finally:
        sys.path.pop(0)
    result = subprocess.run([sys.executable, "-c", FONT_PROBE + HARNESS, stem, str(page_html(stem)), "4"],
                            cwd=ROOT / "py", capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    opened = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("FONTS "))[6:])
    assert "DejaVuSans.ttf" in opened
    assert set(opened) <= transform.KEPT_FONTS, f"{stem} draws with fonts the build leaves out"


def test_every_family_mathtext_looks_up_is_found_among_the_kept_fonts(caplog):
    """mathtext's default fontset looks up these families when it starts; with only the kept
    fonts each is found (a family left out would log "findfont: Font family ... not found")."""
    import matplotlib
    from matplotlib import _mathtext, font_manager
    data = matplotlib.get_data_path()
    manager = font_manager.FontManager.__new__(font_manager.FontManager)
    manager.__dict__.update(font_manager.fontManager.__dict__)
    manager.ttflist = [f for f in font_manager.fontManager.ttflist
                       if f.fname.startswith(data) and os.path.basename(f.fname) in transform.KEPT_FONTS]
    manager.afmlist = []
    families = set()
    for fonts in (_mathtext.DejaVuSansFonts, _mathtext.StixSansFonts, _mathtext.StixFonts, _mathtext.BakomaFonts):
        families.update(v for v in fonts._fontmap.values())
    with caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"):
        for family in sorted(families):
            found = manager.findfont(font_manager.FontProperties(family), rebuild_if_missing=False)
            assert os.path.basename(found) in transform.KEPT_FONTS, family
    assert not [r for r in caplog.records if "not found" in r.getMessage()], caplog.text
