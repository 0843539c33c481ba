"""The glossary: every entry says where it is introduced, with a link to a lesson anchor that exists,
and the module page that introduces it links the term's first use back to the entry. Its formulas
are checked with sympy."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import sympy as sp

from mvcalc.course import MODULES
from sitebuild.paths import SITE

GLOSSARY = (SITE / "glossary" / "index.html").read_text()
SLUGS = [m.slug for m in MODULES]
PAGES = {slug: (SITE / slug / "index.html").read_text() for slug in SLUGS}
LESSON_LINK = re.compile(r'href="\.\./([\w-]+)/index\.html#([\w-]+)"')
BACK_LINK = re.compile(r'<a class="glossary-link" href="\.\./glossary/index\.html#([\w-]+)">')


class Entries(HTMLParser):
    """Each <dt id> with the text of its <dd> (raw HTML kept for the links)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.entries: dict[str, dict] = {}
        self.current = None
        self.where = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "dt" and attrs.get("id"):
            self.current = self.entries.setdefault(attrs["id"], {"term": "", "text": "", "links": []})
            self.where = "term"
        elif tag == "dd" and self.current is not None:
            self.where = "text"
        elif tag == "a" and self.current is not None and self.where == "text":
            self.current["links"].append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "dd":
            self.current, self.where = None, None
        elif tag == "dt":
            self.where = None

    def handle_data(self, data):
        if self.current is not None and self.where:
            self.current[self.where] += data


def entries() -> dict[str, dict]:
    parser = Entries()
    parser.feed(GLOSSARY)
    return parser.entries


ENTRIES = entries()


def test_the_glossary_has_every_symbol_and_term_the_issue_names():
    terms = " ".join(e["term"] for e in ENTRIES.values())
    table = GLOSSARY[GLOSSARY.index("<table"):GLOSSARY.index("</table>")]
    for symbol in ("∂", "∇", "J", "H", "σ", "χ²", "γ", "λ", "κ", "ν", "Σ", "ln", "det", "ᵀ"):
        assert symbol in table, symbol
    for term in ("Jacobian", "Hessian", "Gradient", "Learning rate", "Residual", "Chi-squared", "Partial derivative",
                 "Eigenvalue", "Positive definite", "Condition number", "Degrees of freedom", "Likelihood",
                 "Quotient rule", "Sigmoid", "Backpropagation", "Taylor series", "Lagrange multiplier"):
        assert term in terms, term
    assert len(ENTRIES) >= 45


def lessons(ident: str) -> list[tuple[str, str]]:
    """(module slug, anchor) of each lesson the entry links to."""
    found = [LESSON_LINK.match(f'href="{href}"') for href in ENTRIES[ident]["links"]]
    return [m.groups() for m in found if m]


@pytest.mark.parametrize("ident", sorted(ENTRIES))
def test_each_entry_links_to_lesson_anchors_that_exist(ident):
    assert lessons(ident), f"{ident}: no link to the lesson that introduces it"
    for slug, anchor in lessons(ident):
        assert slug in PAGES, f"{ident}: {slug} is not a module"
        assert f'id="{anchor}"' in PAGES[slug], f"{ident}: #{anchor} is not an anchor of {slug}"
    assert "Introduced in" in ENTRIES[ident]["text"]


@pytest.mark.parametrize("ident", sorted(ENTRIES))
def test_each_entry_is_linked_from_its_first_use_on_the_page_that_introduces_it(ident):
    introduced = {slug for slug, _ in lessons(ident)}
    linking = [slug for slug in SLUGS if ident in BACK_LINK.findall(PAGES[slug])]
    assert linking, f"no module page links its use of {ident!r} to the glossary"
    first = linking[0]
    assert first in introduced, f"{ident}: first linked from {first}, introduced in {sorted(introduced)}"
    page = PAGES[first]
    link = page.index(f'href="../glossary/index.html#{ident}"')
    anchor = next(anchor for slug, anchor in lessons(ident) if slug == first)
    assert page.index(f'id="{anchor}"') < link, f"{ident}: the link comes before the lesson #{anchor}"


def test_every_link_into_the_glossary_lands_on_an_entry():
    table_links = re.findall(r'<td><a href="#([\w-]+)">', GLOSSARY)
    assert len(table_links) >= 20 and set(table_links) <= set(ENTRIES)
    inner = re.findall(r'<a href="#([\w-]+)">', GLOSSARY)
    assert set(inner) <= set(ENTRIES) | {"symbols", "terms"}
    for slug, page in PAGES.items():
        for ident in BACK_LINK.findall(page):
            assert ident in ENTRIES, f"{slug} links to #{ident}, which the glossary does not have"
    for template in ("module.html",):
        from sitebuild.pages import TEMPLATE
        assert 'href="../glossary/index.html"' in TEMPLATE.read_text(), "every module page's footer links it"


def test_british_spelling_and_plain_words():
    text = re.sub(r"<[^>]+>", " ", GLOSSARY)
    for american in ("linearization", "optimization", "minimize", "normalize", "color", "behavior", "center "):
        assert american not in text.lower(), american


def test_the_formulas_in_the_glossary_are_right():
    x, h, z = sp.symbols("x h z", real=True)
    u, v = sp.Function("u")(x), sp.Function("v")(x)
    assert "(u/v)′ = (vu′ − uv′)/v²" in GLOSSARY
    assert sp.simplify(sp.diff(u / v, x) - (v * u.diff(x) - u * v.diff(x)) / v**2) == 0
    assert "(uv)′ = u′v + uv′" in GLOSSARY and sp.simplify(sp.diff(u * v, x) - (u.diff(x) * v + u * v.diff(x))) == 0
    assert "its derivative is 1/x" in GLOSSARY and sp.diff(sp.log(x), x) == 1 / x
    sigma = 1 / (1 + sp.exp(-z))
    assert "σ′ = σ(1 − σ)" in GLOSSARY and sp.simplify(sp.diff(sigma, z) - sigma * (1 - sigma)) == 0
    p, q, r, s = sp.symbols("p q r s")
    assert "it is ps − qr" in GLOSSARY and sp.Matrix([[p, q], [r, s]]).det() == p * s - q * r
    f = sp.sin(x) * sp.exp(x)
    central = (f.subs(x, x + h) - f.subs(x, x - h)) / (2 * h)
    forward = (f.subs(x, x + h) - f) / h
    assert "(f(x + h) − f(x − h))/2h, which is more accurate" in GLOSSARY
    assert sp.series(central - f.diff(x), h, 0, 2).removeO().subs(h, 0) == 0          # error of order h²
    assert sp.simplify(sp.series(forward - f.diff(x), h, 0, 1).removeO()) == 0 and \
        sp.series(forward - f.diff(x), h, 0, 2).removeO() != 0                         # only of order h
    assert "halve the step and it falls to about a quarter" in GLOSSARY
    assert "f(a) + f′(a)(x − a) + f″(a)(x − a)²/2!" in GLOSSARY
    taylor = sum(sp.exp(x).diff(x, k).subs(x, 0) * x**k / sp.factorial(k) for k in range(3))
    assert sp.series(sp.exp(x), x, 0, 3).removeO() == taylor
    assert "ln L = −χ²/2 + a constant" in GLOSSARY and "Hv = λv" in GLOSSARY
