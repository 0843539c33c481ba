"""Each module page ends with a recap: what the learner can now do, and where the next module uses
it, with links that land on lessons of the next module that exist."""
from __future__ import annotations

import re

import pytest

from mvcalc.course import MODULES
from sitebuild.paths import SITE

SLUGS = [m.slug for m in MODULES]


@pytest.mark.parametrize("index, slug", list(enumerate(SLUGS)))
def test_the_page_ends_with_a_recap_that_points_to_the_next_module(index, slug):
    page = (SITE / slug / "index.html").read_text()
    start = page.index('<section id="recap"')
    recap = page[start:page.index("</section>", start)]
    assert page.rindex("<section ") == start, "the recap is the last section of the page"
    assert "<h2 id=\"recap-heading\">Recap: what you can now do</h2>" in recap
    assert recap.count("<li>") >= 3
    links = re.findall(r'href="\.\./([\w-]+)/index\.html(?:#([\w-]+))?"', recap)
    if index + 1 < len(SLUGS):
        following = SLUGS[index + 1]
        assert f"Where Module {index + 2} uses it" in recap
        targets = [(s, a) for s, a in links if s == following]
        assert len(targets) >= 2, f"{slug}: the recap should link into {following}"
    else:
        targets = links
    for target, anchor in targets:
        if anchor:
            assert f'id="{anchor}"' in (SITE / target / "index.html").read_text(), f"{target}#{anchor}"
