"""Every language version of the article loads cleanly, offline, with verdict and source."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Watched
from tests.site_facts import ARTICLE, LANGS, SOURCE_LABEL, SOURCE_URL, VERDICT_HEADING, page_path


@pytest.mark.parametrize("lang", LANGS)
def test_article_shows_verdict_and_source_without_errors(page: Watched, served_site: str, lang):
    page.page.goto(served_site + page_path(lang, ARTICLE), wait_until="networkidle")

    assert page.page.locator("html").get_attribute("lang") == lang
    verdict = page.page.locator("section.lilith-verdict")
    heading = verdict.locator("h2").inner_text().removesuffix("¶").strip()  # minus the permalink
    assert heading == VERDICT_HEADING[lang]
    assert "Scalpel" in verdict.inner_text() or "Skalpel" in verdict.inner_text()
    source = page.page.locator("a.lilith-source__link")
    assert source.get_attribute("href") == SOURCE_URL
    assert set(source.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    assert SOURCE_LABEL[lang] in source.inner_text()
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", ARTICLE], ids=["home", "article"])
def test_page_load_requests_only_our_own_server(page: Watched, served_site: str, lang, path):
    page.page.goto(served_site + page_path(lang, path), wait_until="networkidle")

    foreign = [url for url in page.requests if not url.startswith(served_site)]
    assert foreign == [], "a page load reached another host (fonts? analytics?)"
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_home_lists_the_article_with_date_lede_and_verdict(page: Watched, served_site, lang):
    page.page.goto(served_site + page_path(lang), wait_until="networkidle")

    item = page.page.locator(".lilith-radar__item").first
    link = item.locator("h2 a")
    assert link.get_attribute("href").rstrip("/").endswith(ARTICLE.rstrip("/"))
    assert item.locator("time").get_attribute("datetime") == "2026-11-20"
    assert item.locator(".lilith-radar__verdict").inner_text().strip()
    # the sidebar never lists articles (DESIGN trap 11)
    assert page.page.locator(f'.md-sidebar--primary a[href*="{ARTICLE}"]').count() == 0
