"""Every page's code as a download that runs anywhere: a .py and an .ipynb with the
mvcalc helpers it needs inlined (no ``import mvcalc``), self-checking, then drawing.

Pure Python, run by the build (``sitebuild.assemble``), never in the browser:
``write_downloads(dist)`` finds the pages, reads which scenes each page script mounts
(``page.py``), inlines the modules they need (``inline.py``), and appends the
self-checks (``checks.py``) and the drawing (``runner.py``).
"""
from .bundle import Export, export_page
from .inline import ExportError
from .site import write_downloads

__all__ = ["Export", "ExportError", "export_page", "write_downloads"]
