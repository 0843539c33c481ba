"""Where things live: the sources, the caches and the built site."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = ROOT / "py"
SITE = ROOT / "site"
NODE_MODULES = ROOT / "node_modules"
CACHE = ROOT / ".cache"
DOWNLOADS = CACHE / "downloads"   # registry downloads, kept between builds
RUNTIME = CACHE / "runtime"       # the verified runtime, laid out as in dist/site/vendor
# the built static site: copy this folder anywhere (MVCALC_DIST: another folder, so that
# several people can build and test side by side in one checkout)
DIST = Path(os.environ.get("MVCALC_DIST") or ROOT / "dist").resolve()
PINS = Path(__file__).with_name("pins.json")
