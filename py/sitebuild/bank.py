"""Build the question bank (mvcalc.questions.bank): every question of the course, as JSON.

The templates need sympy, which the machine's own python3 may not have, so the bank is made
by the project's environment (sitebuild/venv.py) running this file as a script, two modules
at a time. It takes a minute or so; the result is cached in ``.cache/bank/<key>/`` under a
hash of everything it depends on (the course's question and checking code, this file, the
pinned package versions), so a build with none of them changed copies the cached files.

    python py/sitebuild/bank.py <folder>     (in .venv: writes <module>.<variant>.json there)
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

BANK = "py/bank"                      # where the built site keeps it


def _sources() -> list[Path]:
    from .paths import PY, ROOT
    mvcalc = PY / "mvcalc"
    files = sorted((mvcalc / "questions").rglob("*.py")) + sorted((mvcalc / "checking").rglob("*.py"))
    files += [mvcalc / "__init__.py", mvcalc / "course.py", Path(__file__), ROOT / "requirements-dev.txt"]
    return [f for f in files if "__pycache__" not in f.parts]


def source_contents() -> list[tuple[str, bytes]]:
    """(path from the repository's root, content) of every source the bank depends on."""
    from .paths import ROOT
    return [(path.relative_to(ROOT).as_posix(), path.read_bytes()) for path in _sources()]


def cache_key(contents: list[tuple[str, bytes]] | None = None) -> str:
    digest = hashlib.sha256()
    for name, data in contents if contents is not None else source_contents():
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:20]


def ensure_bank() -> Path:
    """The folder of bank files for the current sources, made (in .venv) if not cached."""
    from .paths import CACHE, PY
    from .runtime import BuildError
    from .venv import venv_python

    folder = CACHE / "bank" / cache_key()
    if (folder / "index.json").is_file():
        return folder
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    print("bank: generating every question of the course (once for these sources)", flush=True)
    result = subprocess.run([str(venv_python()), __file__, str(tmp)], cwd=PY)
    if result.returncode != 0 or not (tmp / "index.json").is_file():
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError("the question bank could not be generated (see the error above)")
    for old in folder.parent.iterdir():                 # keep the cache to the newest bank
        if old != tmp:
            shutil.rmtree(old, ignore_errors=True)
    tmp.rename(folder)
    return folder


def write_bank(site: Path) -> dict:
    """Copy the bank into the site being built; return what the page needs to know of it."""
    source = ensure_bank()
    target = site / BANK
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.json")):
        if path.name != "index.json":
            shutil.copyfile(path, target / path.name)
    return json.loads((source / "index.json").read_text())


# --- run in .venv: generate the files ------------------------------------------------------------

def _generate(task: tuple[str, int, str]) -> tuple[str, int]:
    module_slug, variant, folder = task
    from mvcalc.course import MODULES
    from mvcalc.questions import bank
    module = next(m for m in MODULES if m.slug == module_slug)
    text = bank.variant_file(module_slug, variant, bank.module_variant(module, variant))
    (Path(folder) / bank.file_name(module_slug, variant)).write_text(text, encoding="utf-8")
    return module_slug, len(text.encode())


def main(folder: str) -> None:
    import multiprocessing

    from mvcalc.course import MODULES
    from mvcalc.questions import bank
    Path(folder).mkdir(parents=True, exist_ok=True)
    tasks = [(m.slug, v, folder) for m in MODULES if m.exercise_sets for v in range(bank.VARIANTS)]
    sizes: dict[str, int] = {}
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for module_slug, size in pool.imap_unordered(_generate, tasks):
            sizes[module_slug] = sizes.get(module_slug, 0) + size
    index = {"format": bank.FORMAT, "variants": bank.VARIANTS, "path": BANK + "/",
             "modules": sorted(sizes), "bytes": sizes}
    (Path(folder) / "index.json").write_text(json.dumps(index, indent=1, sort_keys=True))
    print(f"bank: {len(tasks)} files, {sum(sizes.values()) / 1e6:.1f} MB", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main(sys.argv[1])
