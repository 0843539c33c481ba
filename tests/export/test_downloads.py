"""Every page's downloads run outside the site: the .py as a script and the .ipynb cell by
cell, each in a fresh CPython with only numpy, matplotlib, sympy and scipy, and each passes
its own self-checks. Pages are found automatically, so a new page is tested too.

Every lab's downloads too: filled in with the reference answers (the labs' own ANSWERS) they
pass their checks; left blank they fail, naming the functions that need work."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mvcalc.export import export_page
from mvcalc.export.labs import labs
from mvcalc.export.site import LAB_MARKER, page_slug, page_title, write_page_downloads
from sitebuild.pages import is_module, rendered

ROOT = Path(__file__).resolve().parents[2]
PAGES = [p for p in sorted((ROOT / "site").glob("*/index.html")) if is_module(p.parent.name)]     # module pages
TIMEOUT = 180

# Run each cell of a notebook in order, in one fresh namespace, as Jupyter would.
RUN_NOTEBOOK = r"""
import json, sys
cells = [c for c in json.load(open(sys.argv[1]))["cells"] if c["cell_type"] == "code"]
namespace = {"__name__": "__main__"}
for index, cell in enumerate(cells):
    exec(compile("".join(cell["source"]), f"<cell {index}>", "exec"), namespace)
"""

# Learner-written parts of the labs: the reference solution the test fills in, by download
# stem and the name in the placeholder `# YOUR CODE: <name>` ... `# END YOUR CODE`.
LABS = labs()
SOLUTIONS: dict[str, dict[str, str]] = {lab.stem: lab.answers for lab in LABS}
PLACEHOLDER = re.compile(r"^( *)# YOUR CODE: (\w+)\n.*?^\1# END YOUR CODE(?:\n|\Z)", re.S | re.M)


def fill_in(stem: str, text: str) -> str:
    def solution(match):
        indent, name = match.group(1), match.group(2)
        code = SOLUTIONS[stem][name]
        return "".join(indent + line + "\n" for line in code.strip("\n").splitlines())
    return PLACEHOLDER.sub(solution, text)


def clean_env() -> dict:
    """A headless matplotlib and no way to import the course's package."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1", MPLCONFIGDIR=env.get("MPLCONFIGDIR", "/tmp/mpl-export"))
    return env


def run(args: list[str], cwd: Path, succeed: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-I", *args], cwd=cwd, env=clean_env(), capture_output=True,
                            text=True, timeout=TIMEOUT)
    if succeed:
        assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module", params=[p.parent.name for p in PAGES])
def download(request, tmp_path_factory):
    """One page's downloads, written as the build writes them, into a scratch site."""
    folder = tmp_path_factory.mktemp(request.param)
    page = folder / "index.html"
    page.write_text(rendered(request.param))
    export = write_page_downloads(page)
    if export is None:
        pytest.skip(f"{request.param} mounts no figure")
    return export, page


def test_the_script_is_standalone(download):
    export, _ = download
    assert not re.search(r"^\s*(from|import)\s+(mvcalc\b|\.)", export.script, re.M), "an mvcalc import was left"
    compile(export.script, export.stem + ".py", "exec")
    assert set(export.requires) <= {"numpy", "matplotlib", "sympy", "scipy"}, export.requires


def test_the_script_runs_and_passes_its_checks(download, tmp_path):
    export, page = download
    script = tmp_path / f"{export.stem}.py"
    script.write_text(fill_in(export.stem, (page.parent / "downloads" / script.name).read_text()))
    result = run([str(script)], tmp_path)
    assert "all checks passed" in result.stdout
    pngs = sorted(tmp_path.glob(f"{export.stem}-figures/*.png"))
    assert len(pngs) >= len(export.figures), "each figure was saved when headless"
    assert all(p.stat().st_size > 5000 for p in pngs)


def test_the_notebook_runs_cell_by_cell(download, tmp_path):
    export, page = download
    data = json.loads((page.parent / "downloads" / f"{export.stem}.ipynb").read_text())
    assert data["nbformat"] == 4 and data["metadata"]["kernelspec"]["language"] == "python"
    assert all(c["cell_type"] in ("markdown", "code") and isinstance(c["source"], list) for c in data["cells"])
    for cell in data["cells"]:
        cell["source"] = fill_in(export.stem, "".join(cell["source"])).splitlines(keepends=True)
    notebook = tmp_path / f"{export.stem}.ipynb"
    notebook.write_text(json.dumps(data))
    result = run(["-c", RUN_NOTEBOOK, str(notebook)], tmp_path)
    assert "all checks passed" in result.stdout


def test_the_page_links_its_downloads(download):
    export, page = download
    html = page.read_text()
    assert html.count('data-downloads') == 1
    for suffix in (".py", ".ipynb"):
        assert f'href="downloads/{export.stem}{suffix}" download' in html
    assert html.index("data-downloads") < html.index("</main>")


def test_a_page_with_a_marker_gets_its_links_there(tmp_path):
    source = rendered("m1-what-is-calculus")
    marked = source.replace("</section>", '</section>\n<div class="downloads" data-downloads></div>', 1)
    page = tmp_path / "index.html"
    page.write_text(marked)
    write_page_downloads(page)
    html = page.read_text()
    assert html.count("data-downloads") == 1 and '<div class="downloads" data-downloads>' not in html
    assert html.index("downloads-heading") < html.index("</main>") - 200, "the links are where the marker was"


def test_what_a_figure_uses_is_inlined_and_title_and_slug_are_read_from_the_html():
    html = rendered("m4-taylor-series")
    assert page_slug(html) == "m4-taylor-series"
    export = export_page("m4-taylor-series", html, page_title(html))
    for name in ("class TaylorScene", "EXPLORER =", "SPECIAL =", "class Taylor2DScene"):
        assert name in export.script, f"{name} (which a mounted figure uses) is inlined"
    assert export.title.startswith("Taylor")


# --- the labs -------------------------------------------------------------------------------------

def lab_pages() -> dict[str, str]:
    """Lab key -> the page whose source marks where its downloads go."""
    found: dict[str, list[str]] = {}
    for page in PAGES:
        for key in LAB_MARKER.findall(page.read_text()):
            found.setdefault(key, []).append(page.parent.name)
    assert all(len(slugs) == 1 for slugs in found.values()), f"a lab is linked from two pages: {found}"
    return {key: slugs[0] for key, slugs in found.items()}


def test_every_lab_is_linked_from_its_page_and_every_link_is_a_lab():
    assert sorted(lab_pages()) == sorted(lab.key for lab in LABS)
    assert {lab.key for lab in LABS} == {"sandpit", "backprop", "descent", "lagrange", "heights", "curve_fit"}


@pytest.fixture(scope="module", params=[lab.key for lab in LABS])
def lab_download(request, tmp_path_factory):
    """One lab's downloads, written as the build writes them (with its page), into a scratch site."""
    slug = lab_pages()[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    page = folder / "index.html"
    page.write_text(rendered(slug))
    write_page_downloads(page)
    lab = next(lab for lab in LABS if lab.key == request.param)
    return lab, page


def _lab_files(lab, page):
    folder = page.parent / "downloads"
    return (folder / f"{lab.stem}.py").read_text(), json.loads((folder / f"{lab.stem}.ipynb").read_text())


def test_the_page_links_the_labs_downloads_in_the_labs_section(lab_download):
    lab, page = lab_download
    html = page.read_text()
    assert f'data-lab="{lab.key}"' not in html, "the marker was replaced"
    start = html.index(f'data-lab-downloads="{lab.key}"')
    links = html[start:html.index("</div>", start)]
    for suffix in (".py", ".ipynb"):
        assert f'href="downloads/{lab.stem}{suffix}" download' in links
    assert "numpy" in links and "# YOUR CODE" in links


def test_the_lab_is_standalone_and_says_what_it_needs_first(lab_download):
    lab, page = lab_download
    script, data = _lab_files(lab, page)
    assert not re.search(r"^\s*(from|import)\s+(mvcalc\b|\.)", script, re.M), "an mvcalc import was left"
    compile(script, lab.stem + ".py", "exec")
    first = "".join(data["cells"][0]["source"])
    needs = ["numpy", "matplotlib"] + (["scipy"] if "scipy" in script else [])
    assert first.startswith(f"# {lab.title}") and "What it needs" in first
    assert f"pip install {' '.join(needs)}" in first
    assert f"python3 -m pip install {' '.join(needs)}" in script[:3000]
    for module in lab.modules:      # the page's own checks, inlined
        assert module.replace(".", "/") + ".py" in script


def test_the_lab_filled_in_passes_its_checks_as_a_script(lab_download, tmp_path):
    lab, page = lab_download
    script, _ = _lab_files(lab, page)
    assert PLACEHOLDER.search(script), "the download has blanks"
    path = tmp_path / f"{lab.stem}.py"
    path.write_text(fill_in(lab.stem, script))
    result = run([str(path)], tmp_path)
    assert "all checks passed" in result.stdout and "NOT YET" not in result.stdout
    assert list(tmp_path.glob("*.png")), "the lab drew its figure"


def test_the_lab_left_blank_fails_naming_each_blank_function(lab_download, tmp_path):
    lab, page = lab_download
    script, _ = _lab_files(lab, page)
    path = tmp_path / f"{lab.stem}.py"
    path.write_text(script)
    result = run([str(path)], tmp_path, succeed=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    verdict = result.stderr.strip().splitlines()[-1]
    for name in PLACEHOLDER.findall(script):
        assert name[1] in verdict, f"{name[1]} is not named in: {verdict}"
    assert "NOT YET" in result.stdout


def test_the_lab_notebook_passes_filled_in_and_fails_blank(lab_download, tmp_path):
    lab, page = lab_download
    _, data = _lab_files(lab, page)
    assert data["nbformat"] == 4 and data["metadata"]["kernelspec"]["language"] == "python"
    blank = tmp_path / "blank.ipynb"
    blank.write_text(json.dumps(data))
    for cell in data["cells"]:
        cell["source"] = fill_in(lab.stem, "".join(cell["source"])).splitlines(keepends=True)
    filled = tmp_path / "filled.ipynb"
    filled.write_text(json.dumps(data))
    assert "all checks passed" in run(["-c", RUN_NOTEBOOK, str(filled)], tmp_path).stdout
    failed = run(["-c", RUN_NOTEBOOK, str(blank)], tmp_path, succeed=False)
    assert failed.returncode != 0 and "LabChecksFailed" in failed.stderr
