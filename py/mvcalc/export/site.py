"""Write every page's downloads into the built site and link them from the page.

Pages are found by their ``<body data-page="slug">``; each gets ``downloads/<stem>.py``
and ``.ipynb`` and a "Take the code with you" section, put where the page has
``<div class="downloads" data-downloads></div>`` or else at the end of ``<main>``.
A new page gets all of this without doing anything.

Each lab's downloads (``mvcalc.export.labs``) go where its page has
``<div class="lab-downloads" data-lab="KEY"></div>``, in the lab's own section.
"""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from .bundle import Export, export_page, spoken_list
from .inline import ExportError
from .labs import LabExport, export_lab, labs

MARKER = re.compile(r'<div class="downloads" data-downloads>\s*</div>')
LAB_MARKER = re.compile(r'<div class="lab-downloads" data-lab="([\w-]+)">\s*</div>')


def page_slug(html: str) -> str | None:
    match = re.search(r'<body[^>]*\bdata-page="([^"]+)"', html)
    return match.group(1) if match else None


def page_title(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else "Course page"


def links_html(export: Export, sizes: dict[str, int]) -> str:
    needs = spoken_list(export.requires)
    py, nb = f"{export.stem}.py", f"{export.stem}.ipynb"
    return f"""<section class="downloads" aria-labelledby="downloads-heading" data-downloads>
      <h2 id="downloads-heading">Take the code with you</h2>
      <p>The code behind this page's figures, with every helper it needs inlined, runs in any Python 3.10+ with {needs}, outside this site. It checks its own numbers, then draws each figure.</p>
      <ul class="download-list">
        <li><a href="downloads/{py}" download>{py}</a> <span class="download-note">a Python script: <code>python3 {py}</code> ({_kb(sizes[py])})</span></li>
        <li><a href="downloads/{nb}" download>{nb}</a> <span class="download-note">the same as a Jupyter notebook ({_kb(sizes[nb])})</span></li>
      </ul>
    </section>"""


def lab_links_html(export: LabExport, sizes: dict[str, int]) -> str:
    py, nb = f"{export.stem}.py", f"{export.stem}.ipynb"
    return (f'<div class="lab-downloads" data-lab-downloads="{export.key}">\n'
            f'        <p><strong>Take this lab with you:</strong> <a href="downloads/{nb}" download>{nb}</a> '
            f'<span class="download-note">(a Jupyter notebook, {_kb(sizes[nb])})</span> or '
            f'<a href="downloads/{py}" download>{py}</a> <span class="download-note">(a script: '
            f'<code>python3 {py}</code>, {_kb(sizes[py])})</span>. The same starter code with its '
            f'<code># YOUR CODE</code> blanks, and the same checks as this page; it runs in any Python 3.10+ '
            f'with {spoken_list(export.requires)}.</p>\n      </div>')


def write_lab_downloads(page: Path, html: str) -> tuple[str, list[LabExport]]:
    """Each lab marked in ``html``: its downloads written beside the page, the marker replaced by links."""
    by_key = {lab.key: lab for lab in labs()}
    written: list[LabExport] = []

    def links(match: re.Match) -> str:
        key = match.group(1)
        if key not in by_key:
            raise ExportError(f"{page}: there is no lab {key!r} (labs: {', '.join(by_key)})")
        export = export_lab(by_key[key])
        folder = page.parent / "downloads"
        folder.mkdir(exist_ok=True)
        (folder / f"{export.stem}.py").write_text(export.script)
        (folder / f"{export.stem}.ipynb").write_text(export.notebook)
        written.append(export)
        sizes = {p.name: p.stat().st_size for p in folder.iterdir()}
        return lab_links_html(export, sizes)

    return LAB_MARKER.sub(links, html), written


def _kb(size: int) -> str:
    return f"{max(1, round(size / 1000))} kB"


def write_page_downloads(page: Path) -> Export | None:
    html = page.read_text()
    slug = page_slug(html)
    if slug is None:
        return None
    html, _ = write_lab_downloads(page, html)
    page.write_text(html)
    export = export_page(slug, html, page_title(html))
    if export is None:
        return None
    folder = page.parent / "downloads"
    folder.mkdir(exist_ok=True)
    (folder / f"{export.stem}.py").write_text(export.script)
    (folder / f"{export.stem}.ipynb").write_text(export.notebook)
    sizes = {p.name: p.stat().st_size for p in folder.iterdir()}
    section = links_html(export, sizes)
    if MARKER.search(html):
        html = MARKER.sub(lambda _: section, html, count=1)
    else:
        html = html.replace("</main>", "  " + section + "\n  </main>", 1)
    page.write_text(html)
    return export


def write_downloads(site_root: Path) -> list[Export]:
    """Downloads for every page under ``site_root/site/*/index.html``; returns what was written."""
    written = []
    for page in sorted((site_root / "site").glob("*/index.html")):
        export = write_page_downloads(page)
        if export is not None:
            written.append(export)
    return written
