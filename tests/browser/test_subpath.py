"""dist/ served under a sub-path, as GitHub Pages serves a project site (/<repo>/).

The whole learner's tour (tour.py) at http://127.0.0.1:<port>/course/: nothing may be
asked for outside that sub-path (an absolute path would escape it) or outside the origin.
"""
from __future__ import annotations

import json

import pytest

from sitebuild.server import SiteServer

from .tour import Recorder, tour

PREFIX = "/course/"


@pytest.fixture(scope="module")
def subpath_server(site):
    with SiteServer(site, prefix=PREFIX) as running:
        yield running


@pytest.fixture
def subpath_context(browser, subpath_server):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.recorder = Recorder(context)
    origin = "/".join(subpath_server.url.split("/")[:3])

    def route(route):   # anything outside the origin is refused (and reported below)
        if route.request.url.startswith(origin) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()
    context.route("**/*", route)
    yield context
    context.close()


def test_every_module_page_works_under_a_sub_path(subpath_context, subpath_server):
    assert subpath_server.url.endswith(PREFIX)
    page = subpath_context.new_page()
    failed: list[str] = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    seen = tour(page, subpath_server.url)
    recorder = subpath_context.recorder
    assert recorder.requests
    assert not recorder.outside(subpath_server.url), f"requests outside {PREFIX} or the origin: {recorder.outside(subpath_server.url)}"
    assert not failed, f"failed requests: {failed}"
    assert not recorder.errors, f"console errors: {recorder.errors}"
    assert "teacher" in seen["extraPages"], "the teacher's page works under the sub-path too"
    assert "glossary" in seen["extraPages"], "the glossary works under the sub-path too"
    assert seen["extraPages"]["worksheets"]["python"], "the worksheets' Python starts under the sub-path too"
    print(json.dumps(seen, indent=1))
