"""The project's commands. Run from anywhere with the machine's python3 (3.11+):

    python3 py/make.py serve     build the site (vendoring the runtime on first use) and serve it
    python3 py/make.py test      set up the test environment and run every test
    python3 py/make.py build     only build dist/
    python3 py/make.py package   build dist/ and zip it as mvcalc-course.zip (for teachers)
    python3 py/make.py pins      record the sha256 pins after changing a runtime version
    python3 py/make.py bench     measure the site's speed against its budgets (README: Speed)
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild.paths import DIST, ROOT  # noqa: E402
from sitebuild.runtime import BuildError  # noqa: E402
from sitebuild.venv import venv_python  # noqa: E402

BROWSERS = {"chromium": Path("/usr/bin/chromium"), "firefox-esr": Path("/usr/bin/firefox-esr")}


def build(_args=None) -> None:
    from sitebuild.assemble import assemble
    started = time.monotonic()
    assemble()
    print(f"build: done in {time.monotonic() - started:.1f} s")


def package(_args=None) -> None:
    """dist/ as one zip for teachers: unzip, open mvcalc-course/index.html (no server needed)."""
    from sitebuild.offline import write_course_zip
    build()
    target = write_course_zip(DIST, ROOT / "mvcalc-course.zip")
    print(f"package: {target.relative_to(ROOT)} written, {target.stat().st_size / 1e6:.1f} MB")


def serve(args) -> None:
    from sitebuild.server import SiteServer
    build()
    with SiteServer(DIST, prefix=args.prefix, port=args.port, host=args.host) as server:
        print(f"\nThe course is served at {server.url}  (Ctrl+C to stop)", flush=True)
        try:
            server.thread.join()
        except KeyboardInterrupt:
            print("stopped")


def ensure_browsers() -> None:
    """Debian's Chromium (every browser test) and Firefox ESR (the double-click tests)."""
    missing = [package for package, path in BROWSERS.items() if not path.exists()]
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"browser tests need {', '.join(missing)}: installing with apt-get", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True)
        return
    raise BuildError(f"the browser tests need {', '.join(missing)}: `sudo apt-get install {' '.join(missing)}`")


# Two lanes (pytest-xdist), one per core: each test file runs whole in one lane, and so do a module
# page's visit tests; the longest first (tests/conftest.py). A later `-n 0` runs one lane.
LANES = ["-n", "2", "--dist", "loadgroup", "--no-loadscope-reorder"]


def test(args) -> None:
    with ThreadPoolExecutor(1) as pool:     # .venv made while the runtime is fetched (the bank waits for it)
        environment = pool.submit(venv_python)
        ensure_browsers()
        build()
        python = environment.result()
    command = [str(python), "-m", "pytest", *LANES, *args.pytest_args]
    print("$ " + " ".join(command), flush=True)
    sys.exit(subprocess.run(command, cwd=ROOT).returncode)


def bench(args) -> None:
    """The speed benchmark (py/bench/run.py), run with the test environment's Playwright."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        python = venv_python()
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), "bench", *args.bench_args])
    ensure_browsers()
    build()
    from bench.run import main as run_bench
    sys.exit(run_bench(args.bench_args))


def pins(_args) -> None:
    from sitebuild.runtime import write_pins
    write_pins()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python3 py/make.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="build dist/").set_defaults(run=build)
    commands.add_parser("package", help="build dist/ and zip it as mvcalc-course.zip").set_defaults(run=package)
    serve_parser = commands.add_parser("serve", help="build and serve on localhost")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--prefix", default="/", help="serve under a sub-path, e.g. /course/")
    serve_parser.set_defaults(run=serve)
    test_parser = commands.add_parser("test", help="run every test (extra arguments go to pytest)")
    test_parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test_parser.set_defaults(run=test)
    bench_parser = commands.add_parser("bench", help="measure start-up and redraw speed (--runs N, --pages, --quick)")
    bench_parser.add_argument("bench_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    bench_parser.set_defaults(run=bench)
    commands.add_parser("pins", help="record sha256 pins of the runtime files").set_defaults(run=pins)
    args, extra = parser.parse_known_args()
    if args.command in ("bench", "test"):   # everything after the command is passed on as it is
        rest = sys.argv[sys.argv.index(args.command) + 1:]
        setattr(args, f"{args.command}_args" if args.command == "bench" else "pytest_args", rest)
    elif extra:
        parser.error("unrecognized arguments: " + " ".join(extra))
    try:
        args.run(args)
    except BuildError as error:
        sys.exit(f"build failed: {error}")


if __name__ == "__main__":
    main()
