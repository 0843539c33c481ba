"""The runtime the site ships: a reproducible transform of the verified one.

Pyodide's official files stay the trust anchor: ``runtime.py`` checks every one against the
npm pins and the official lock. The site ships them transformed, the same way on every
build (same inputs, same bytes), and ``site/vendor/transform.json`` records, for each shipped
file, its sha256, the verified file it was made from (with that file's sha256) and what was
done to it:

- wheels: the modules pages import are shipped as bytecode IN PLACE of their source
  (``<module>.pyc`` beside the package's other files, which Python's own sourceless loader
  imports; made by the browser's own Python, ``bytecode.py``), so each module is downloaded
  once, not as a source and a compiled copy; modules no page imports keep their source (a
  learner's code may still import them);
- wheels: files no page can use are left out (``DROPPED``): tests, matplotlib's example data
  and the fonts the figures never use (``KEPT_FONTS``), headers and type stubs, Pillow's
  WebP and FreeType modules (Pyodide loads every compiled module of a package when it
  installs it, so they cost download AND start-up time);
- matplotlib's wheel carries the font list matplotlib makes for the fonts it ships (the
  wheel's own is stale), so a page never scans its fonts;
- ``python_stdlib.zip``: bytecode in place of the source of each module start-up imports;
- ``pyodide.asm.wasm`` is also shipped gzipped (``pyodide.asm.wasm.gz``, a third of the
  size): static hosts rarely compress ``.wasm``, so pages fetch this one and inflate it
  (``site/assets/runtime-files.js``); the plain file stays for anything else that loads it;
- ``pyodide-lock.json``: only the packages the site ships, each changed wheel's new sha256
  (Pyodide checks every wheel against it), and matplotlib without fonttools and pytz among
  its dependencies (no page imports them: they are out of the first load, still in the lock
  and the site for code that asks for them).
"""
from __future__ import annotations

import base64
import csv
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .bytecode import Derived, forget_unused
from .paths import CACHE, RUNTIME

DATE = (2020, 1, 1, 0, 0, 0)          # every zip member's date: the same bytes on every build
LOCK = "pyodide-lock.json"
WASM = "pyodide.asm.wasm"
GZIPPED = (WASM,)                       # shipped also as <name>.gz
FONTS = "matplotlib/mpl-data/fonts/"
FONT_LIST = "matplotlib/fontlist.json"  # where Pyodide's (patched) matplotlib reads its font list

# The fonts matplotlib opens for the course's figures: DejaVu Sans (text; bold for a label, oblique
# for mathtext's italics), and what mathtext's default fontset ("dejavusans") looks up when it
# starts: DejaVu Sans Mono and Display, STIX (glyphs DejaVu lacks, big delimiters) and the
# Computer Modern files of its Bakoma fallback. A face left out (bold italic, say) is replaced
# by the nearest one of its family, silently; a family left out would log a warning, so every
# family mathtext names keeps at least its regular face. Checked against every page's figures
# in tests/sitebuild/test_transform.py.
KEPT_FONTS = frozenset({
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf",
    "DejaVuSansDisplay.ttf", "STIXGeneral.ttf", "STIXNonUni.ttf", "STIXSizOneSymReg.ttf",
    "STIXSizTwoSymReg.ttf", "STIXSizThreeSymReg.ttf", "STIXSizFourSymReg.ttf", "STIXSizFiveSymReg.ttf",
    "cmb10.ttf", "cmex10.ttf", "cmmi10.ttf", "cmr10.ttf", "cmss10.ttf", "cmsy10.ttf", "cmtt10.ttf",
    "LICENSE_DEJAVU", "LICENSE_STIX",
})

BUILD_TOOLS = (r"\.(pyi|pxd|pyx|h|hpp|c|cpp|a)$",
               "headers, C sources, static libraries and type stubs: for compiling against the package "
               "or for type checkers, never read when it runs")

# lock package name -> (member pattern, why it is left out); a wheel not named here is shipped as it is
DROPPED: dict[str, tuple[tuple[str, str], ...]] = {
    "numpy": (
        BUILD_TOOLS,
        (r"^numpy/f2py/", "f2py builds Fortran extensions: it needs a compiler, which a browser has not"),
        (r"^numpy/_core/lib/", "numpy's C library and build settings, for compiling against numpy"),
        (r"^numpy/_pyinstaller/", "hooks for PyInstaller"),
    ),
    "matplotlib": (
        BUILD_TOOLS,
        (r"^matplotlib/mpl-data/sample_data/", "example data for matplotlib's own gallery"),
        (r"^matplotlib/mpl-data/fonts/(afm|pdfcorefonts)/",
         "Adobe font metrics, for the PostScript and PDF backends: pages draw with Agg"),
        (r"^matplotlib/mpl-data/fonts/ttf/(?!(" + "|".join(re.escape(f) for f in sorted(KEPT_FONTS)) + r")$)",
         "fonts the figures never use (transform.KEPT_FONTS)"),
    ),
    "pillow": (
        (r"^PIL/_webp\.[^/]*\.so$", "WebP images: matplotlib's Agg figures never read or write them"),
        (r"^PIL/_imagingft\.[^/]*\.so$", "Pillow's FreeType text: matplotlib draws text with its own"),
    ),
    "scipy": (BUILD_TOOLS,),
}

# verified with the rest of the runtime but not shipped: the build makes every question ahead
# (sitebuild/bank.py, sympy in CPython) and the browser marks answers without sympy, so no page
# and no worker loads them
NOT_SHIPPED = {"sympy", "mpmath"}

# depends removed from the shipped lock: loadPackage("matplotlib") then leaves these out
NOT_LOADED_WITH = {"matplotlib": ("fonttools", "pytz")}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _zip(members: list[tuple[str, bytes, int]]) -> bytes:
    """A zip of (name, data, external_attr), deflated at level 9, dated DATE: reproducible."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, attributes in members:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = attributes
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def _record(members: list[tuple[str, bytes, int]], record: str) -> bytes:
    """A wheel's RECORD for these members (the RECORD itself without a hash, as the spec says)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for name, data, _ in members:
        if name == record:
            continue
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(data)])
    writer.writerow([record, "", ""])
    return out.getvalue().encode()


@dataclass
class Changes:
    """What a transform did to one file, for transform.json."""
    compiled: int = 0                 # modules shipped as bytecode instead of source
    dropped: dict[str, int] = field(default_factory=dict)   # why -> files left out
    dropped_bytes: int = 0
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        out: dict = {}
        if self.compiled:
            out["bytecode instead of source"] = self.compiled
        if self.dropped:
            out["left out"] = self.dropped
            out["left out, bytes unpacked"] = self.dropped_bytes
        if self.notes:
            out["notes"] = self.notes
        return out

    def __bool__(self) -> bool:
        return bool(self.compiled or self.dropped or self.notes)


def repack_wheel(data: bytes, *, drop: tuple[tuple[str, str], ...] = (), bytecode: dict[str, bytes] | None = None,
                 replace: dict[str, bytes] | None = None) -> tuple[bytes, Changes]:
    """The wheel ``data`` without the members ``drop`` matches, with ``bytecode[member]`` in place
    of each source ``member`` (as ``<member>c``), ``replace[member]`` as the new content of a
    member, and its RECORD rewritten to match. Unchanged: the same bytes back."""
    bytecode = bytecode or {}
    replace = replace or {}
    rules = [(re.compile(pattern), why) for pattern, why in drop]
    changes = Changes()
    members: list[tuple[str, bytes, int]] = []
    record = None
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            name = info.filename
            if name.endswith(".dist-info/RECORD"):
                record = name
            why = next((why for rule, why in rules if rule.search(name)), None)
            if why is not None:
                changes.dropped[why] = changes.dropped.get(why, 0) + 1
                changes.dropped_bytes += info.file_size
                continue
            if name in bytecode:
                members.append((name + "c", bytecode[name], info.external_attr))
                changes.compiled += 1
            elif name in replace:
                members.append((name, replace[name], info.external_attr))
                changes.notes.append(f"{name} replaced")
            else:
                members.append((name, archive.read(info), info.external_attr))
    missing = set(bytecode) - {m[0][:-1] for m in members if m[0].endswith(".pyc")}
    if missing:
        raise ValueError(f"bytecode for modules the wheel does not hold: {sorted(missing)[:5]}")
    if not changes:
        return data, changes
    if record is not None:
        members = [(name, _record(members, record) if name == record else content, attributes)
                   for name, content, attributes in members]
    return _zip(members), changes


def stdlib_with_bytecode(data: bytes, bytecode: dict[str, bytes]) -> tuple[bytes, Changes]:
    """Pyodide's python_stdlib.zip with ``bytecode[member]`` in place of each source ``member``:
    zipimport imports ``<name>.pyc`` when there is no ``<name>.py``."""
    changes = Changes()
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename in bytecode:
                members.append((info.filename + "c", bytecode[info.filename], info.external_attr))
                changes.compiled += 1
            else:
                members.append((info.filename, archive.read(info), info.external_attr))
    if changes.compiled != len(bytecode):
        raise ValueError("bytecode for modules python_stdlib.zip does not hold")
    return (_zip(members), changes) if changes else (data, changes)


def font_list(text: str, wheel: bytes) -> bytes:
    """matplotlib's font list (made under Node from the wheel's fonts) for the fonts ``wheel``
    still holds: exactly the list matplotlib would make from them (its entries are per file)."""
    data = json.loads(text)
    with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
        shipped = {name[len("matplotlib/mpl-data/"):] for name in archive.namelist()
                   if name.startswith(FONTS)}
    for key in ("ttflist", "afmlist"):
        data[key] = [entry for entry in data[key] if entry["fname"] in shipped]
    kept = {entry["fname"].rsplit("/", 1)[-1] for entry in data["ttflist"]}
    if "DejaVuSans.ttf" not in kept:
        raise ValueError("the font list has no DejaVu Sans, matplotlib's default font")
    return (json.dumps(data, indent=2) + "\n").encode()


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def shipped_lock(lock: dict, shipped: dict[str, str]) -> bytes:
    """The vendored lock for the files the site ships: ``shipped`` maps a file name to its
    shipped sha256; packages whose file is not shipped are left out."""
    lock = json.loads(json.dumps(lock))
    packages = {}
    for name, entry in lock["packages"].items():
        if entry["file_name"] not in shipped:
            continue
        entry["sha256"] = shipped[entry["file_name"]]
        entry["depends"] = [d for d in entry["depends"] if d not in NOT_LOADED_WITH.get(name, ())]
        packages[name] = entry
    for name, entry in packages.items():
        missing = [d for d in entry["depends"] if d not in packages]
        if missing:
            raise ValueError(f"{name} depends on {missing}, which the site does not ship")
    lock["packages"] = packages
    return (json.dumps(lock, indent=1, sort_keys=True) + "\n").encode()


# --- the whole runtime -----------------------------------------------------------------------

@dataclass
class Shipped:
    files: dict[str, bytes]           # file name in site/vendor/pyodide -> content
    record: dict                      # transform.json


def transform(pyodide_dir: Path, derived: Derived) -> Shipped:
    """Every file of site/vendor/pyodide, made from the verified runtime in ``pyodide_dir``
    (its vendored lock, wheels and core files) and the bytecode and font list in ``derived``."""
    lock = json.loads((pyodide_dir / LOCK).read_text())
    by_file = {entry["file_name"]: name for name, entry in lock["packages"].items()}
    site_pyc = {member: path.read_bytes() for member, path in derived.site.items()}
    files: dict[str, bytes] = {}
    record: dict = {"pyodide": lock["info"]["version"], "files": {}}

    def put(name: str, data: bytes, source: str, source_sha: str, changes: Changes | dict | str | None) -> None:
        files[name] = data
        entry = {"sha256": sha256_hex(data), "size": len(data), "from": {"file": source, "sha256": source_sha}}
        details = changes.as_json() if isinstance(changes, Changes) else changes
        if details:
            entry["changes"] = details
        record["files"][name] = entry

    for path in sorted(pyodide_dir.iterdir()):
        name = path.name
        if not path.is_file() or name in (LOCK, "pyodide-lock.official.json"):
            continue
        data = path.read_bytes()
        source_sha = sha256_hex(data)
        if name == "python_stdlib.zip":
            new, changes = stdlib_with_bytecode(data, {m: p.read_bytes() for m, p in derived.stdlib.items()})
        elif by_file.get(name) in NOT_SHIPPED:
            continue
        elif name in by_file:
            package = by_file[name]
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
            replace = {}
            if package == "matplotlib" and derived.fontlist is not None:
                replace[FONT_LIST] = b""      # filled in below, once the fonts it lists are known
            new, changes = repack_wheel(data, drop=DROPPED.get(package, ()),
                                        bytecode={m: c for m, c in site_pyc.items() if m in names},
                                        replace=replace)
            if replace:
                new, _ = repack_wheel(new, replace={FONT_LIST: font_list(derived.fontlist.read_text(), new)})
                changes.notes = ["fontlist.json: the list matplotlib makes for the fonts shipped"]
        else:
            new, changes = data, None
        put(name, new, name, source_sha, changes)
        if name in GZIPPED:
            put(name + ".gz", gzipped(data), name, source_sha, "gzip -9 (pages inflate it: runtime-files.js)")
    compiled = sum(entry.get("changes", {}).get("bytecode instead of source", 0)
                   for name, entry in record["files"].items() if name.endswith(".whl"))
    if compiled != len(site_pyc):
        raise ValueError(f"{len(site_pyc) - compiled} compiled modules belong to no shipped wheel")
    shipped_names = {name: sha256_hex(data) for name, data in files.items()}
    lock_bytes = shipped_lock(lock, shipped_names)
    notes = ["only the packages the site ships", "the sha256 of every file as shipped",
             f"not shipped: {', '.join(sorted(NOT_SHIPPED))} (questions are made at build time)"]
    notes += [f"{name} no longer loads {', '.join(deps)}" for name, deps in NOT_LOADED_WITH.items()]
    put(LOCK, lock_bytes, LOCK, sha256_hex((pyodide_dir / LOCK).read_bytes()), {"notes": notes})
    record["bytecode"] = {"standard library": len(derived.stdlib), "packages": len(derived.site),
                          "made by": "the vendored Pyodide under Node (sitebuild/bytecode.py)"}
    return Shipped(files, record)


def cache_key(pyodide_dir: Path, derived: Derived) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(pyodide_dir.iterdir()):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    digest.update(json.dumps(derived.modules, sort_keys=True).encode())
    if derived.fontlist is not None:
        digest.update(derived.fontlist.read_bytes())
    return digest.hexdigest()[:16]


def shipped_runtime(derived: Derived, pyodide_dir: Path = RUNTIME / "pyodide", cache: Path = CACHE) -> Path:
    """``.cache/shipped-<key>/``: ``pyodide/`` (site/vendor/pyodide as shipped) and
    ``transform.json``, made once per runtime and bytecode (a rebuild copies them)."""
    target = cache / f"shipped-{cache_key(pyodide_dir, derived)}"
    if (target / "transform.json").is_file():
        os.utime(target)
        return target
    shipped = transform(pyodide_dir, derived)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="tmp-shipped-", dir=cache))
    try:
        (work / "pyodide").mkdir()
        for name, data in shipped.files.items():
            (work / "pyodide" / name).write_bytes(data)
        (work / "transform.json").write_text(json.dumps(shipped.record, indent=1, sort_keys=True) + "\n")
        forget_unused(cache, "shipped-")
        if target.exists():                 # made meanwhile by another build: same bytes
            shutil.rmtree(work)
        else:
            os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    total = sum(entry["size"] for entry in shipped.record["files"].values())
    print(f"runtime: shipped files made from the verified ones ({total / 1e6:.1f} MB, see transform.json)")
    return target


def install(site: Path, derived: Derived) -> dict:
    """Put the shipped runtime into the site being built: ``site/vendor/pyodide/`` as
    shipped and ``site/vendor/transform.json``. Returns the record."""
    shipped = shipped_runtime(derived)
    target = site / "site/vendor/pyodide"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(shipped / "pyodide", target)
    shutil.copyfile(shipped / "transform.json", site / "site/vendor/transform.json")
    return json.loads((shipped / "transform.json").read_text())
