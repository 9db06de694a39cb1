"""The switcher keeps the reader on the same page in every language, with instant navigation on."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import Watched
from tests.site_facts import ARTICLE, page_path


def switch_to(page: Page, lang: str) -> None:
    page.locator(".md-select").first.hover()
    page.locator(f'a.lilith-lang[hreflang="{lang}"]').click()
    page.wait_for_load_state("networkidle")


def test_switch_from_czech_article_to_polish_and_back(page: Watched, served_site: str):
    p = page.page
    # Arrive at the Czech article by instant navigation from the Czech home page.
    p.goto(served_site + page_path("cs"), wait_until="networkidle")
    p.evaluate("window.__sameDocument = true")
    p.locator(".lilith-radar__title a").first.click()
    p.wait_for_url(served_site + page_path("cs", ARTICLE))
    p.wait_for_load_state("networkidle")
    assert p.evaluate("window.__sameDocument === true"), "expected instant navigation"

    switch_to(p, "pl")
    assert p.url == served_site + page_path("pl", ARTICLE)
    assert p.locator("html").get_attribute("lang") == "pl"
    assert p.evaluate("window.__sameDocument === undefined"), "a language switch is a full load"

    switch_to(p, "cs")
    assert p.url == served_site + page_path("cs", ARTICLE)
    assert p.locator("html").get_attribute("lang") == "cs"
    assert page.errors == []


def test_switcher_follows_instant_navigation(page: Watched, served_site: str):
    p = page.page
    p.goto(served_site, wait_until="networkidle")
    assert p.locator('a.lilith-lang[hreflang="cs"]').get_attribute("href").endswith("/cs/")

    p.locator(".lilith-radar__title a").first.click()
    p.wait_for_url(served_site + ARTICLE)
    p.wait_for_load_state("networkidle")

    # Instant navigation changes the URL before it swaps the page in: wait for the swap
    # (a loaded machine was seen between the two), then every link must follow the article.
    for lang in ("en", "cs", "pl"):
        link = p.locator(f'a.lilith-lang[hreflang="{lang}"]')
        expect(link).to_have_attribute("href", re.compile(re.escape("/" + page_path(lang, ARTICLE)) + "$"))
    assert page.errors == []
