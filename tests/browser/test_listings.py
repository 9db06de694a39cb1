"""Bounded listings in a real browser, on a generated site (bench/corpus.py, 55 articles):
home page 2, a tag page 2, a glossary entry's page 2, the archive and its year page, and an
article with related articles — in every language, light and dark, phone and desktop:
no axe violation, no console error, no request off 127.0.0.1, nothing wider than the screen,
and "Older"/"Newer" move through the pages (Material's instant navigation included)."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from bench.corpus import generate
from tests.browser.conftest import DESKTOP, PHONE, watch
from tests.browser.test_accessibility import AXE, describe
from tests.build.test_parallel_build import parallel_build
from tests.conftest import QuietHandler, free_port

N = 55
LANGS = ("en", "cs", "pl")
PREFIX = {"en": "", "cs": "cs/", "pl": "pl/"}
OLDER = {"en": "Older", "cs": "Starší", "pl": "Starsze"}
NEWER = {"en": "Newer", "cs": "Novější", "pl": "Nowsze"}
POSITION2 = {"en": "Page 2 of 3", "cs": "Strana 2 z 3", "pl": "Strona 2 z 3"}
POSITION3 = {"en": "Page 3 of 3", "cs": "Strana 3 z 3", "pl": "Strona 3 z 3"}
RELATED = {"en": "Related articles", "cs": "Související články", "pl": "Powiązane artykuły"}


@pytest.fixture(scope="session")
def listing_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The generated site, built by `python -m lilith build` and served like a static host."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    corpus = generate(N, tmp_path_factory.mktemp("listing-corpus") / str(N))
    site = tmp_path_factory.mktemp("listing-site") / "site"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    result = parallel_build(corpus.config, site, url, "--strict", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url, site
    server.shutdown()
    server.server_close()


def page_types(site: Path, lang: str) -> dict[str, str]:
    """A path of each new page type in `lang` (the tag and term with a page 2 vary by corpus)."""
    root = site / PREFIX[lang]
    tag = sorted((root / "tags").glob("*/page/2/index.html"))[0].parents[2].name
    term = sorted((root / "glossary").glob("*/page/2/index.html"))[0].parents[2].name
    article = sorted((root / "radar").glob("*/index.html"))[0].parent.name
    year = sorted((root / "archive").glob("20*/index.html"))[-1].parent.name
    return {
        "home page 2": "page/2/",
        "tag page 2": f"tags/{tag}/page/2/",
        "glossary entry page 2": f"glossary/{term}/page/2/",
        "archive": "archive/",
        "archive year": f"archive/{year}/",
        "article with related": f"radar/{article}/",
    }


TYPES = [
    "home page 2",
    "tag page 2",
    "glossary entry page 2",
    "archive",
    "archive year",
    "article with related",
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("lang", LANGS)
def test_new_pages_have_no_axe_violations_and_fit_the_screen(
    browser: Browser, listing_site, lang, kind, scheme, viewport
):
    url, site = listing_site
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    try:
        watched = watch(context.new_page())
        page = watched.page
        page.goto(url + PREFIX[lang] + page_types(site, lang)[kind], wait_until="networkidle")
        assert page.locator("html").get_attribute("lang") == lang
        # The generated articles carry a code block, whose syntax colours are Material's own
        # (the real articles have none); everything else on the page is checked.
        violations = AXE.run(page, context={"exclude": [[".highlight"]]}).response["violations"]
        assert violations == [], describe(violations)
        wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wide <= 0, f"{wide}px wider than the viewport"
        assert watched.errors == []
        assert [r for r in watched.requests if not r.startswith(url)] == []
        if kind == "article with related":
            related = page.locator("section.lilith-related")
            assert related.locator("h2").inner_text() == RELATED[lang]
            assert 1 <= related.locator("li").count() <= 3
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_older_and_newer_walk_the_radar_with_instant_navigation(browser: Browser, listing_site, lang):
    url, _ = listing_site
    context = browser.new_context(viewport=PHONE)
    try:
        watched = watch(context.new_page())
        page = watched.page
        page.goto(url + PREFIX[lang], wait_until="networkidle")
        nav = page.locator("nav.lilith-pager")
        items = page.locator("li.lilith-radar__item")
        nav.get_by_role("link", name=OLDER[lang]).click()
        page.wait_for_url(url + PREFIX[lang] + "page/2/")
        expect(nav).to_contain_text(POSITION2[lang])
        nav.get_by_role("link", name=OLDER[lang]).click()
        page.wait_for_url(url + PREFIX[lang] + "page/3/")
        expect(nav).to_contain_text(POSITION3[lang])
        expect(nav.get_by_role("link", name=OLDER[lang])).to_have_count(0)
        expect(items).to_have_count(N - 40)
        nav.get_by_role("link", name=NEWER[lang]).click()
        page.wait_for_url(url + PREFIX[lang] + "page/2/")
        expect(nav).to_contain_text(POSITION2[lang])
        expect(items).to_have_count(20)
        assert page.evaluate("document.title").startswith("Radar – ")
        assert watched.errors == []
    finally:
        context.close()
