"""Import numpy and matplotlib from bytecode compiled by the build, not from source.

Pyodide's wheels hold sources only and the browser's file system starts empty on every
visit, so each page would compile ~300 modules before its first figure. The build
compiles them once (py/sitebuild/pycache.py) into ``pycache.zip``, which PyScript puts in
the working directory. :func:`install` adds an import hook that finds modules exactly as
Python does (same spec, same ``__file__``, so matplotlib still finds its data) and only
swaps in the ready code object when the zip holds bytecode for that very source file
and this Python's magic number. Nothing is unpacked: a module is read when imported.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import marshal
import sys
import zipfile

PREFIX = "/lib/python3.12/site-packages/"
HEADER = 16                                     # magic, flags, hash/mtime, size

_archive: zipfile.ZipFile | None = None
_index: dict[str, str] = {}                     # source path -> member name in the zip
loaded: list[str] = []                          # modules imported from the zip (tests, bench)


class _Loader(importlib.machinery.SourceFileLoader):
    def get_code(self, fullname):
        member = _index.get(self.path)
        if member is not None and _archive is not None:
            data = _archive.read(member)
            if data[:4] == importlib.util.MAGIC_NUMBER:
                loaded.append(fullname)
                return marshal.loads(memoryview(data)[HEADER:])
        return super().get_code(fullname)


class _Finder:
    @staticmethod
    def find_spec(name, path=None, target=None):
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is not None and spec.origin in _index and type(spec.loader) is importlib.machinery.SourceFileLoader:
            spec.loader = _Loader(spec.loader.name, spec.loader.path)
        return spec

    @staticmethod
    def invalidate_caches():
        pass


def install(zip_path: str, prefix: str = PREFIX) -> int:
    """Use the bytecode in ``zip_path`` (members ``pkg/__pycache__/mod.<tag>.pyc`` of sources
    under ``prefix``); return how many modules it holds. A missing or empty zip: no-op."""
    global _archive
    try:
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile):
        return 0
    tag = f".{sys.implementation.cache_tag}.pyc"
    for member in archive.namelist():
        folder, _, name = member.rpartition("__pycache__/")
        if name.endswith(tag):
            _index[prefix + folder + name[: -len(tag)] + ".py"] = member
    if not _index:
        return 0
    _archive = archive
    if _Finder not in sys.meta_path:
        where = sys.meta_path.index(importlib.machinery.PathFinder) \
            if importlib.machinery.PathFinder in sys.meta_path else len(sys.meta_path)
        sys.meta_path.insert(where, _Finder)
    return len(_index)
