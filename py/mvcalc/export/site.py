"""Write every page's downloads into the built site and link them from the page.

Pages are found by their ``<body data-page="slug">``; each gets ``downloads/<stem>.py``
and ``.ipynb`` and a "Take the code with you" section, put where the page has
``<div class="downloads" data-downloads></div>`` or else at the end of ``<main>``.
A new page gets all of this without doing anything.
"""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from .bundle import Export, export_page, spoken_list

MARKER = re.compile(r'<div class="downloads" data-downloads>\s*</div>')


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


def _kb(size: int) -> str:
    return f"{max(1, round(size / 1000))} kB"


def write_page_downloads(page: Path) -> Export | None:
    html = page.read_text()
    slug = page_slug(html)
    if slug is None:
        return None
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
