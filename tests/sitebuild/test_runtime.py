"""The vendored runtime is verified, repaired or refused, and never left half-written."""
from __future__ import annotations

import json
import shutil

import pytest

from sitebuild import runtime
from sitebuild.paths import RUNTIME


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A private copy of the verified runtime store, so tests can damage it."""
    if not RUNTIME.is_dir():
        runtime.ensure_runtime()
    copy = tmp_path / "runtime"
    shutil.copytree(RUNTIME, copy)
    monkeypatch.setattr(runtime, "RUNTIME", copy)
    return copy


@pytest.fixture
def offline(monkeypatch):
    """Any call out to npm or pip fails the test: these builds must use what is cached."""
    def refuse(command, what):
        raise AssertionError(f"unexpected registry call: {' '.join(command)}")
    monkeypatch.setattr(runtime, "run", refuse)


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): runtime.sha256_of(p) for p in folder.rglob("*") if p.is_file()}


def test_a_complete_store_is_verified_without_downloading(store, offline):
    before = snapshot(store)
    expected = runtime.ensure_runtime()
    assert snapshot(store) == before
    assert set(expected) == set(before)


def test_every_vendored_file_matches_its_pin_or_the_official_lock(store):
    pins = runtime.load_pins()
    official = json.loads((store / "pyodide/pyodide-lock.official.json").read_text())
    assert runtime.sha256_of(store / "pyodide/pyodide-lock.official.json") == pins["npm"]["pyodide/pyodide-lock.json@official"]
    for name in runtime.package_closure(official):
        entry = official["packages"][name]
        actual = runtime.sha256_of(store / "pyodide" / entry["file_name"])
        if name in runtime.PURE_WHEELS:
            assert actual == pins["pypi"][entry["file_name"]]
        else:
            assert actual == entry["sha256"], name
    for path, sha in pins["npm"].items():
        if not path.endswith("@official"):
            assert runtime.sha256_of(store / path) == sha, path


def test_the_vendored_lock_carries_the_pypi_hashes_of_sympy_and_mpmath(store):
    lock = json.loads((store / "pyodide/pyodide-lock.json").read_text())
    for name in ("sympy", "mpmath"):
        entry = lock["packages"][name]
        assert entry["sha256"] == runtime.sha256_of(store / "pyodide" / entry["file_name"])


@pytest.mark.parametrize("damage", ["corrupt", "delete"])
def test_a_damaged_file_is_repaired_from_the_registries(store, offline, damage, capsys):
    target = store / "pyodide/pyodide.asm.wasm"
    good = runtime.sha256_of(target)
    if damage == "corrupt":
        with open(target, "r+b") as handle:
            handle.seek(1000)
            handle.write(b"\x00corrupt\x00")
    else:
        target.unlink()
    runtime.ensure_runtime()
    assert runtime.sha256_of(target) == good
    if damage == "corrupt":
        assert "pyodide/pyodide.asm.wasm" in capsys.readouterr().out


def test_a_damaged_wheel_is_repaired_from_the_wheelhouse(store, offline):
    target = next((store / "pyodide").glob("numpy-*.whl"))
    good = runtime.sha256_of(target)
    target.write_bytes(b"not a wheel")
    runtime.ensure_runtime()
    assert runtime.sha256_of(target) == good


def test_a_source_that_does_not_match_its_pin_stops_the_build_and_changes_nothing(store, offline, monkeypatch):
    pins = runtime.load_pins()
    pins["npm"]["pyscript/core.js"] = "0" * 64
    monkeypatch.setattr(runtime, "load_pins", lambda: pins)
    before = snapshot(store)
    with pytest.raises(runtime.BuildError, match=r"pyscript/core\.js"):
        runtime.ensure_runtime()
    assert snapshot(store) == before, "the old runtime is untouched"
    assert not store.with_name("runtime.tmp").exists(), "no half-written runtime is left behind"


def test_a_download_that_does_not_match_its_pin_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(runtime, "DOWNLOADS", tmp_path)
    (tmp_path / "x.whl").write_bytes(b"tampered")

    def fake_pip(requirement):
        (tmp_path / "x.whl").write_bytes(b"still tampered")
    monkeypatch.setattr(runtime, "pip_download", fake_pip)
    with pytest.raises(runtime.BuildError, match=r"x\.whl: sha256 .* does not match the pin"):
        runtime.verified_download("x.whl", "x==1", "0" * 64)
    assert not (tmp_path / "x.whl").exists()
