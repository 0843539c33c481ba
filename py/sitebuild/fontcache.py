"""matplotlib's font list, made ahead of time for the browser's matplotlib.

On its first import in a page, matplotlib scans every font it ships and writes
``fontlist-v330.json`` to its cache directory ("Matplotlib is building the font cache"):
seconds of main-thread work on every page visit, because Pyodide's file system starts
empty each time. The page's boot code points ``MPLCONFIGDIR`` at a folder of the course's
zip that already holds that file (py/mvcalc/web/mplconfig/), so the scan never runs.

The file is made from the fonts inside the vendored Pyodide matplotlib wheel (it has one
font more than PyPI's: Humor-Sans), by the same matplotlib version in CPython; font paths
are stored relative to matplotlib's data folder, so the file fits the browser's install.

    .venv/bin/python py/sitebuild/fontcache.py      # rewrite the committed file

tests/sitebuild/test_fontcache.py checks that the committed file matches the wheel.
"""
from __future__ import annotations

import json
import sys
import tempfile
import zipfile
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "mvcalc" / "web" / "mplconfig"


def wheel_path() -> Path:
    sys.path.insert(0, str(HERE.parent))
    from sitebuild.paths import RUNTIME
    found = sorted((RUNTIME / "pyodide").glob("matplotlib-*-pyodide_*_wasm32.whl"))
    if not found:
        raise FileNotFoundError("no vendored matplotlib wheel: run `python3 py/make.py build` first")
    return found[-1]


def font_list(wheel: Path) -> tuple[str, str]:
    """(file name, JSON text) of matplotlib's font list for the fonts in ``wheel``."""
    import matplotlib
    from matplotlib import font_manager

    version = wheel.name.split("-")[1]
    if matplotlib.__version__ != version:
        raise RuntimeError(f"needs matplotlib {version} (the wheel's), not {matplotlib.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if name.startswith("matplotlib/mpl-data/fonts/"):
                    archive.extract(name, tmp)
        data = str(Path(tmp, "matplotlib", "mpl-data"))
        real_find = font_manager.findSystemFonts

        def shipped_only(fontpaths=None, fontext="ttf"):
            return real_find(fontpaths, fontext) if fontpaths is not None else []

        with mock.patch.object(matplotlib, "get_data_path", lambda: data), \
                mock.patch.object(font_manager, "findSystemFonts", shipped_only):
            manager = font_manager.FontManager()
            manager.ttflist.sort(key=lambda entry: entry.fname)
            manager.afmlist.sort(key=lambda entry: entry.fname)
            text = json.dumps(manager, cls=font_manager._JSONEncoder, indent=1, sort_keys=True)
    if tmp in text:
        raise RuntimeError("an absolute font path leaked into the font list")
    return f"fontlist-v{font_manager.FontManager.__version__}.json", text + "\n"


def main() -> None:
    name, text = font_list(wheel_path())
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("fontlist-*.json"):
        old.unlink()
    (TARGET / name).write_text(text)
    print(f"written: {(TARGET / name).relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()
