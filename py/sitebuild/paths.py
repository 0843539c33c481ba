"""Where things live: the sources, the caches and the built site."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = ROOT / "py"
SITE = ROOT / "site"
NODE_MODULES = ROOT / "node_modules"
CACHE = ROOT / ".cache"
DOWNLOADS = CACHE / "downloads"   # registry downloads, kept between builds
RUNTIME = CACHE / "runtime"       # the verified runtime, laid out as in dist/site/vendor
DIST = ROOT / "dist"              # the built static site: copy this folder anywhere
PINS = Path(__file__).with_name("pins.json")
