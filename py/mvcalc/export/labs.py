"""Every lab as a download: a .py and an .ipynb that run in any Python with numpy, matplotlib
(and scipy where the lab uses it), the course's checks inlined.

Each has, in order: what it needs and how to install it; the imports; the learner's code with
its ``# YOUR CODE`` blanks (the page's own starter, :mod:`mvcalc.labs`); the lab's machinery,
inlined from the same modules the page's worker uses (so the page and the download judge the
same code the same way and cannot drift); and the steps that check the learner's functions
and then run the lab (train, fit, solve, draw). Left blank, the checks fail and name the
functions that need work; filled in with the reference answers, they pass.

A page shows the links where it has ``<div class="lab-downloads" data-lab="KEY"></div>``.
"""
from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field

from .bundle import ORDER, spoken_list
from .inline import PACKAGE_ROOT, ExportError, hoisted_imports, inline, top_level_names
from .notebook import notebook


@dataclass(frozen=True)
class Lab:
    key: str                      # the page's marker: data-lab="KEY"
    stem: str                     # file name without suffix
    title: str
    intro: str                    # markdown: what the lab is about
    task: str                     # markdown: what the learner writes
    code: str                     # the learner's cell: given code and # YOUR CODE blanks
    answers: dict                 # blank -> reference answer (the tests fill them in)
    modules: tuple[str, ...]      # the mvcalc modules inlined (the checks and what they need)
    steps: tuple[tuple[str, str], ...]   # (markdown, code): check, then run the lab
    imports: tuple[str, ...] = ()        # imports the learner's code may use besides numpy
    references: str = ""          # markdown at the very end: reference solutions, labelled
    defines: frozenset = field(default=frozenset())


@dataclass
class LabExport:
    key: str
    stem: str
    title: str
    script: str
    notebook: str
    requires: list[str]
    blanks: list[str]


def _labs() -> list[Lab]:
    from mvcalc.labs import backprop, curve_fit, descent, heights, lagrange, sandpit

    presets = "\n\n".join(f"### {descent.PRESET_NAMES[key]}\n\n```python\n{code.rstrip()}\n```"
                          for key, code in descent.PRESETS.items())
    return [
        Lab("sandpit", "m2_sandpit_lab", "The Sandpit",
            "A phone is lost at the deepest point of a 6 × 6 m sandpit. Each dip of a stick reads the depth "
            "and the downhill arrow −J. Play with `dip(x, y)` (after running the cells below), then teach the "
            "computer to search: measure the Jacobian yourself by finite differences, and write a search "
            "that follows the arrow.",
            "Write `estimate_J(height, x, y)`: the Jacobian [∂z/∂x, ∂z/∂y] of the height by finite differences "
            "(Module 2, \"reality is hard\"). Then `search(dip, x, y)`: dip, follow the downhill arrow, and stop "
            "when `dip` returns `None` (the phone is found). The checks compare `estimate_J` with the pits' "
            "exact slopes, and play 20 games with `search`: each must find the phone within 25 dips.",
            sandpit.STARTER, sandpit.ANSWERS, ("mvcalc.labs.sandpit_checks",),
            (("## Check your functions", "check_my_functions(globals())"),
             ("## Where following the gradient fails\n\nThe hard pits: several hollows, rocky noise, a narrow "
              "well. Your search is run on each from the middle; read what it found.",
              "try_the_hard_pits(globals())"),
             ("## Play\n\nDip the stick yourself: `dip(x, y)` prints the depth and the downhill arrow and draws "
              "the map; `new_game(\"random\", 4)` deals another pit (or `\"minima\"`, `\"rocky\"`, `\"well\"`).",
              "new_game()\ndip(3, 3)")),
            imports=("import math",)),
        Lab("backprop", "m3_backprop_lab", "Backpropagation: a network learns to draw a heart",
            "A 1-6-7-2 sigmoid network learns to draw a heart: 100 points x = 0, 0.01, …, 0.99, targets on the "
            "heart curve ((16 sin³t, 13 cos t − 5 cos 2t − 2 cos 3t − cos 4t)/20 at t = 2πx, mapped into (0, 1)). "
            "Backpropagation is the chain rule, layer by layer.",
            "Write the Jacobians of the cost with respect to each weight matrix and bias vector: `J_b3`, `J_W2`, "
            "`J_b2`, `J_W1`, `J_b1` (`J_W3` is done for you, as the example). The checks compare each with "
            "finite differences of the cost on three random networks, then train the network with your "
            "Jacobians: the cost must fall below 0.005 and the curve become a heart.",
            backprop.STARTER, backprop.ANSWERS, ("mvcalc.labs.backprop_checks",),
            (("## Check your Jacobians", "check_my_jacobians(globals())"),
             ("## Train the network and draw the heart", "train_and_draw(globals())"))),
        Lab("lagrange", "m5_lagrange_lab", "Lagrange multipliers, solved numerically",
            "The largest and smallest values of f(x, y) = x²y on the circle x² + y² = 3. At the best points "
            "∇f = λ∇g: every such point is a zero of the gradient of the Lagrangian L(x, y, λ) = f − λg, "
            "which scipy's root finder can solve for.",
            "Write `grad_L(v)` for v = (x, y, λ): the three partial derivatives of L. The checks compare it "
            "with finite differences of L, then run `scipy.optimize.root` with it from 24 starting guesses "
            "round the circle, and check every point found: on the circle, ∇f parallel to ∇g, and the "
            "largest and smallest f the same as a scan along the whole circle.",
            lagrange.STARTER, lagrange.ANSWERS, ("mvcalc.labs.lagrange_checks",),
            (("## Check grad_L, solve, check the solutions", "solutions = check_and_solve(globals())"),)),
        Lab("descent", "m5_descent_lab", "Gradient descent in a sandpit",
            "Write the rule that walks downhill: `next_step(f, J, H)` gets the height `f` (a number), the "
            "gradient `J` (a numpy vector) and the Hessian `H` (a 2 × 2 numpy array) where the walker stands, "
            "and returns the step to take, `[dx, dy]`. Fixed steps, a shrinking step size, Newton's step and "
            "a hybrid are all possible answers.",
            "Four property tests judge `next_step`: (1) its first step goes downhill from a start on each "
            "landscape; (2) it reaches the bottom of the narrow valley x² + 10y² within 200 steps from three "
            "starts; (3) from near the minimum of a quadratic bowl, one step lands on it (Newton's step "
            "does); (4) on the two wells it leaves the saddle that plain Newton stops on. Every correct "
            "descent rule passes (1) and (2): that is \"correct\". The hybrid passes all four. If your "
            "function keeps memory in a global, write a `reset()` too: it is called before every walk.",
            descent.STARTER, {"next_step": descent.ANSWERS["hybrid"]}, ("mvcalc.labs.descent_checks",),
            (("## Grade next_step", "check_next_step(globals())"),
             ("## Watch a walk\n\nYour `next_step` on each landscape from its usual start.",
              "draw_walks(globals())")),
            references="## Reference solutions (try your own first)\n\nThe page's four presets, each a correct "
                       "`next_step` of its kind. Only the hybrid passes all four properties.\n\n" + presets),
        Lab("heights", "m6_heights_lab", "Fitting the distribution of heights",
            "A histogram of 10,000 synthetic heights (bins of 2.5 cm from 50 cm, normalised) and a Gaussian "
            "f(x; μ, σ) fitted to it by steepest descent on χ² = Σ (yᵢ − f(xᵢ))², compared with scipy's "
            "`curve_fit`.",
            "Write `dfdmu` and `dfdsig`, the partial derivatives of the Gaussian `f` (given), and "
            "`steepest_step`, one step of steepest descent on χ². The checks call each on random inputs and "
            "compare with finite differences (and name a known slip); then the fit runs with your "
            "`steepest_step` and must agree with `curve_fit`.",
            heights.STARTER, heights.ANSWERS, ("mvcalc.labs.heights_checks",),
            (("## Check your functions", "check_my_functions(globals())"),
             ("## Fit, compare with curve_fit, draw", "fitted = fit_and_compare(globals())"))),
        Lab("curve_fit", "m6_curve_fit_lab", "In practice: scipy's curve_fit",
            "A radioactive source's count rate falls as y = a e^(−bx). Twelve measurements, each ±0.15. "
            "In practice a fit is a few lines of `scipy.optimize.curve_fit`.",
            "Write `model(x, a, b)` and `fit(model, x, y, p0, sigma)`, which calls `curve_fit` and returns the "
            "best parameters and their standard errors. The checks compare the model with a e^(−bx) point by "
            "point, the parameters with gradient descent on χ², and the errors with the curvature of χ² at "
            "its minimum.",
            curve_fit.STARTER, curve_fit.ANSWERS, ("mvcalc.labs.curve_fit_checks",),
            (("## Check model and fit, then fit the decay", "check_and_draw(globals())"),),
            imports=("from scipy.optimize import curve_fit",)),
    ]


def labs() -> list[Lab]:
    return _labs()


def packages(sources: list[str]) -> list[str]:
    """The third-party packages ``sources`` import, at any depth, in the usual order."""
    names = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    found = [n for n in names if n not in sys.stdlib_module_names and n not in ("__future__", "mvcalc")]
    return sorted(found, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def export_lab(lab: Lab) -> LabExport:
    from mvcalc.labs.blanks import names as blank_names

    modules = inline(list(lab.modules))
    ours = set().union(*(m.defines for m in modules))
    learner = top_level_names(ast.parse(lab.code))
    clash = sorted(n for n in learner & ours if not n.startswith("__"))
    if clash:
        raise ExportError(f"lab {lab.key}: the learner's code defines {clash}, which the inlined modules define too")
    imports = hoisted_imports(modules, ["import numpy as np", *lab.imports])
    needs = packages([*imports, *(m.body for m in modules), lab.code])
    install = " ".join(needs)
    needs_words = (f"**What it needs:** Python 3.10 or later with {spoken_list(needs)}. If they are missing, "
                   f"install them: `python3 -m pip install {install}` (in Jupyter: `%pip install {install}`). "
                   "Nothing else from the course is needed: the lab's data and checks are in the cells below.")
    first_code = ("# What this lab needs: " + ", ".join(needs) + ". If an import fails, install them:\n"
                  f"#     python3 -m pip install {install}        (in Jupyter: %pip install {install})\n"
                  "from __future__ import annotations\n\n" + "\n".join(imports))
    machinery = [(f"{m.path.relative_to(PACKAGE_ROOT).as_posix()}: {m.doc}", m.body) for m in modules]
    blanks = blank_names(lab.code)
    how = (f"Fill in the blanks between `# YOUR CODE: name` and `# END YOUR CODE` "
           f"({', '.join(f'`{b}`' for b in blanks)}), then run every cell in order (or the whole script). "
           "Left blank, the checks fail and say which function needs work.")

    cells = [("markdown", f"# {lab.title}\n\n{lab.intro}\n\n{needs_words}"),
             ("code", first_code),
             ("markdown", f"## Your part\n\n{lab.task}\n\n{how}"),
             ("code", lab.code),
             ("markdown", "## The lab's machinery\n\nThe data, the checks and the drawing, exactly as the "
                          "course's page runs them (inlined from its Python package). Run these cells; you "
                          "need not read them.")]
    for heading, body in machinery:
        cells += [("markdown", f"### `{heading.split(': ')[0]}`\n\n{heading.partition(': ')[2]}"), ("code", body)]
    for words, code in lab.steps:
        cells += [("markdown", words), ("code", code)]
    if lab.references:
        cells.append(("markdown", lab.references))

    rule = "# " + "-" * 88
    doc = "\n\n".join([lab.title, _wrap(lab.intro), _wrap(_plain(needs_words)), _wrap(_plain(lab.task)),
                       _wrap(_plain(how)), f"Run it:  python3 {lab.stem}.py"])
    main = ["try:", *("    " + line for _, code in lab.steps for line in code.splitlines()),
            "except LabChecksFailed as failed:", '    raise SystemExit(f"\\n{failed}")']
    script = "\n".join([
        f'"""{doc}\n"""',
        first_code.replace("from __future__ import annotations\n\n", "from __future__ import annotations\n"),
        "", "", rule, "# Your part: fill in the blanks", rule, "", lab.code.rstrip(), "", "",
        *[f"{rule}\n# {heading}\n{rule}\n\n{body}\n\n" for heading, body in machinery],
        rule, "# Check your code, then run the lab", rule, "",
        'if __name__ == "__main__":', *("    " + line for line in main), "",
    ])
    if lab.references:
        script += "\n" + "\n".join("# " + line if line else "#" for line in _plain(lab.references).splitlines()) + "\n"
    return LabExport(lab.key, lab.stem, lab.title, script, notebook(cells), needs, blanks)


def _plain(markdown: str) -> str:
    """Markdown as the script's plain text: no emphasis, no code marks, no code fences."""
    lines = [line for line in markdown.splitlines() if not line.startswith("```")]
    return "\n".join(lines).replace("**", "").replace("`", "")


def _wrap(text: str, width: int = 92) -> str:
    import textwrap
    return "\n\n".join(textwrap.fill(part, width) for part in text.split("\n\n"))
