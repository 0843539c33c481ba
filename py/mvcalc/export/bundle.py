"""One page's code as a standalone script and notebook: helpers inlined, checks and drawing appended."""
from __future__ import annotations

import sys
from dataclasses import dataclass

from .inline import PACKAGE_ROOT, ExportError, hoisted_imports, inline, module_path
from .notebook import notebook
from .page import page_module, read_controls, read_page, states

STYLE = "mvcalc.figures.style"           # the course's look, applied before drawing
TOOLS = ["mvcalc.export.checks", "mvcalc.export.runner"]


@dataclass
class Export:
    stem: str                  # file name without suffix: m1_what_is_calculus
    title: str
    script: str                # the .py
    notebook: str              # the .ipynb (JSON)
    requires: list[str]        # third-party packages it imports
    figures: list[str]         # ids of the figures it draws


ORDER = ["numpy", "matplotlib", "sympy", "scipy"]


def spoken_list(names: list[str]) -> str:
    """["numpy", "matplotlib", "scipy"] -> "numpy, matplotlib and scipy"."""
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def requirements(imports: list[str]) -> list[str]:
    names = set()
    for line in imports:
        words = line.split()
        names.add(words[1].split(".")[0])
    found = [n for n in names if n not in sys.stdlib_module_names and n != "__future__"]
    return sorted(found, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def export_page(slug: str, html: str, title: str) -> Export | None:
    """The downloads of one page, or None if it has no page script or its script mounts no figure."""
    try:
        module_path(page_module(slug))
    except ExportError:
        return None
    page = read_page(slug)
    if not page.figures:
        return None
    controls = read_controls(html)
    modules = inline([*page.modules, STYLE, *TOOLS])
    imports = hoisted_imports(modules, ["import matplotlib", *page.imports])
    stem = slug.replace("-", "_")
    figure_states = {f.id: states(controls.get(f.id, [])) for f in page.figures}
    packages = requirements(imports)

    intro = (f"{title}: the code behind this page's live figures, from the course "
             f"*Multivariate Calculus for Machine Learning*. It runs in any Python 3.10+ with "
             f"{spoken_list(packages)}; nothing else from the course is needed (its helpers are inlined below). "
             f"It first checks the figures' numbers against independent computations, then draws each "
             f"figure at a few settings of its controls: in a window, in Jupyter, or (headless) as PNG files.")
    figures_code = "\n\n\n".join([
        *page.helpers,
        "def page_figures():\n"
        '    """Each live figure of the page, by the id of its <figure>, built as the page builds it."""\n'
        "    return {\n"
        + "".join(f"        {f.id!r}: {f.expression},\n" for f in page.figures)
        + "    }",
    ])
    settings = ("# The settings drawn: where the page's controls start, then their ends.\n"
                f"STATES = {_literal(figure_states)}")
    run_code = (f"matplotlib.rcParams.update(RC)\n"
                f"run(page_figures, STATES, {stem!r}, globals())")

    sections = [(f"{m.path.relative_to(PACKAGE_ROOT).as_posix()}: {m.doc}", m.body) for m in modules]
    script = "\n".join([
        f'"""{title}\n\n' + _wrap(intro) + f'\n\nRun it:  python3 {stem}.py\n"""',
        "from __future__ import annotations\n",
        *imports,
        "",
        *[f"\n# {'-' * 88}\n# {heading}\n# {'-' * 88}\n\n{body}\n" for heading, body in sections],
        f"\n# {'-' * 88}\n# The page's figures\n# {'-' * 88}\n",
        figures_code,
        "\n",
        settings,
        "\n",
        'if __name__ == "__main__":',
        *("    " + line for line in run_code.splitlines()),
        "",
    ])
    cells = [("markdown", f"# {title}\n\n{intro}"),
             ("code", "from __future__ import annotations\n\n" + "\n".join(imports))]
    for heading, body in sections:
        cells += [("markdown", f"## `{heading.split(': ')[0]}`\n\n{heading.partition(': ')[2]}"), ("code", body)]
    cells += [("markdown", "## The page's figures\n\nEach built exactly as the page builds it. Change the "
                           "settings below and run the last cell again."),
              ("code", figures_code), ("code", settings),
              ("markdown", "## Check, then draw"), ("code", run_code)]
    return Export(stem, title, script, notebook(cells), packages, [f.id for f in page.figures])


def _literal(value) -> str:
    import pprint
    return pprint.pformat(value, width=100, sort_dicts=False)


def _wrap(text: str, width: int = 92) -> str:
    import textwrap
    return textwrap.fill(text, width)
