"""A reader's site in a real browser: the Content-Security-Policy holds on every page type in every
language (no violation, no console error, also across instant navigation), the 404 page speaks
the language of the URL, tag pages work, and an article prints cleanly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import AXE, describe
from tests.site_facts import ARTICLE, LANGS, SOURCE_URL, page_path

SHOTS = Path("/tmp/tagsfeeds-shots")
MISSING = {"en": "no-such-page/", "cs": "neexistuje/", "pl": "nie-ma-takiej-strony/"}
PAGE_TYPES = {
    "home": "",
    "article": ARTICLE,
    "glossary index": "glossary/",
    "glossary entry": "glossary/rag/",
    "tag index": "tags/",
    "tag page": "tags/rag/",
}
NOT_FOUND = {"en": "Page not found", "cs": "Stránka nenalezena", "pl": "Nie znaleziono strony"}
SITE_NAME = {
    "en": "Lilith · AI engineering radar",
    "cs": "Lilith · radar AI engineeringu",
    "pl": "Lilith · radar inżynierii AI",
}
SEARCH = {"en": "Search", "cs": "Hledat", "pl": "Szukaj"}

# Reports every CSP violation of every document the page loads (also after instant navigation).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__lilithCsp({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
                      url: document.location.href});
});
"""


@dataclass
class Reader:
    """A browser tab that records CSP violations, console errors and failed responses."""

    page: Page
    violations: list[dict] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)  # (text, url of the source)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (status, url)

    def errors_except_document_404(self, url: str) -> list[tuple[str, str]]:
        """Console errors, minus the one a browser logs for a document answered with 404."""
        expected = ("Failed to load resource: the server responded with a status of 404 (Not Found)", url)
        return [entry for entry in self.console if entry != expected]


def open_reader(context: BrowserContext) -> Reader:
    reader = Reader(context.new_page())
    console = reader.console
    reader.page.on("console", lambda m: m.type == "error" and console.append((m.text, m.location["url"])))
    reader.page.on("pageerror", lambda e: reader.console.append((str(e), "")))
    reader.page.on("response", lambda r: r.status >= 400 and reader.failed.append((r.status, r.url)))
    return reader


@pytest.fixture
def reader(context: BrowserContext) -> Reader:
    violations: list[dict] = []
    context.expose_binding("__lilithCsp", lambda _source, v: violations.append(v))
    context.add_init_script(CSP_LISTENER)
    found = open_reader(context)
    found.violations = violations
    return found


# -- Content-Security-Policy -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_types_load_without_csp_violations_or_console_errors(reader: Reader, served_site, lang, kind):
    url = served_site + page_path(lang, PAGE_TYPES[kind])
    response = reader.page.goto(url, wait_until="networkidle")

    assert response.status == 200
    policy = reader.page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert "script-src 'self' 'sha256-" in policy.get_attribute("content")
    assert reader.violations == []
    assert reader.console == []
    assert reader.failed == []  # the feed link makes Material fetch no missing sitemap


@pytest.mark.parametrize("lang", LANGS)
def test_the_404_page_loads_without_csp_violations_or_other_errors(reader: Reader, served_site, lang):
    url = served_site + page_path(lang, MISSING[lang])
    response = reader.page.goto(url, wait_until="networkidle")

    assert response.status == 404
    assert reader.violations == []
    assert reader.errors_except_document_404(url) == []
    assert reader.failed == [(404, url)]


def test_the_policy_is_enforced_an_unhashed_inline_script_is_blocked(reader: Reader, served_site):
    """The control for the tests above: the listener sees a violation when there is one."""
    reader.page.goto(served_site + page_path("cs", ARTICLE), wait_until="networkidle")
    ran = reader.page.evaluate(
        """() => { window.__ran = false; const s = document.createElement("script");
                   s.textContent = "window.__ran = true"; document.body.append(s); return window.__ran; }"""
    )
    assert ran is False
    expect(reader.page.locator("body")).to_be_visible()
    reader.page.wait_for_function("true")  # let the violation event arrive
    assert [v["directive"] for v in reader.violations] == ["script-src-elem"]


def test_instant_navigation_hops_stay_within_the_policy(reader: Reader, served_site):
    p = reader.page
    p.goto(served_site + page_path("cs"), wait_until="networkidle")
    p.evaluate("window.__sameDocument = true")

    p.locator(".lilith-radar__title a").first.click()  # home -> article
    p.wait_for_url(served_site + page_path("cs", ARTICLE))
    p.wait_for_load_state("networkidle")
    p.locator('a.lilith-tag[data-lilith-tag="rag"]').click()  # article -> tag page
    p.wait_for_url(served_site + page_path("cs", "tags/rag/"))
    p.wait_for_load_state("networkidle")
    expect(p.locator("h1")).to_have_text("Články se štítkem RAG")
    p.locator(".lilith-tags__back a").click()  # tag page -> tag index
    p.wait_for_url(served_site + page_path("cs", "tags/"))
    p.locator(".lilith-radar__title a, a.lilith-tag").first.click()  # tag index -> a tag page
    p.wait_for_load_state("networkidle")
    p.go_back()
    p.wait_for_load_state("networkidle")

    assert p.evaluate("window.__sameDocument === true"), "expected instant navigation all along"
    assert p.locator("html").get_attribute("lang") == "cs"
    assert reader.violations == []
    assert reader.console == []
    assert reader.failed == []


# -- 404 in the reader's language --------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_page_answers_in_the_language_of_its_url(reader: Reader, served_site, lang):
    url = served_site + page_path(lang, MISSING[lang])
    response = reader.page.goto(url, wait_until="networkidle")
    p = reader.page

    assert response.status == 404
    assert p.url == url  # the reader keeps the address they typed
    assert p.locator("html").get_attribute("lang") == lang
    visible = p.locator("[data-lilith-404]:visible")
    expect(visible).to_have_count(1)
    assert visible.get_attribute("lang") == lang
    expect(visible.locator("h1")).to_have_text(NOT_FOUND[lang])
    expect(p).to_have_title(SITE_NAME[lang])
    search = p.locator("input.md-search__input")
    assert (search.get_attribute("placeholder"), search.get_attribute("aria-label")) == (SEARCH[lang],) * 2
    current = p.locator('a.lilith-lang[aria-current="true"]')
    expect(current).to_have_count(1)
    assert current.get_attribute("hreflang") == lang
    assert reader.errors_except_document_404(url) == []

    visible.locator(".lilith-404__home").click()
    p.wait_for_url(served_site + page_path(lang))
    expect(p.locator(".lilith-radar__item").first).to_be_visible()
    assert p.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", ["cs", "pl"])
def test_the_404_page_searches_the_languages_own_index(context: BrowserContext, served_site, lang):
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + page_path(lang, MISSING[lang]), wait_until="networkidle")

    indexes = [url for url in requests if url.endswith("search_index.json")]
    assert indexes == [served_site + page_path(lang, "search/search_index.json")]
    # Instant navigation reads the one-URL stub, not the language's sitemap (sitemap-guard.js).
    assert served_site + "assets/lilith/instant.xml" in requests
    assert not [url for url in requests if url.endswith("sitemap.xml")]
    # A query from the 404 page fetches and shows the language's own results.
    if page.viewport_size and page.viewport_size["width"] < 960:
        page.locator('label.md-header__button[for="__search"]').click()
    else:
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("model")
    page.locator("input.md-search__input").press("End")
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    hrefs = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(served_site + f"{lang}/") for h in hrefs), hrefs
    assert [u for u in requests if u.startswith(served_site + f"{lang}/search/t/")]


@pytest.mark.parametrize("lang", ["cs", "pl"])
def test_hosts_with_per_directory_404_pages_get_the_languages_own_page(reader: Reader, served_site, lang):
    url = served_site + page_path(lang, "404.html")
    reader.page.goto(url, wait_until="networkidle")

    assert reader.page.locator("html").get_attribute("lang") == lang
    expect(reader.page.locator("[data-lilith-404]")).to_have_count(1)
    expect(reader.page.locator("[data-lilith-404] h1")).to_have_text(NOT_FOUND[lang])
    assert reader.violations == [] and reader.console == []


def test_without_javascript_the_root_404_reads_in_all_three_languages(browser: Browser, served_site):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        response = page.goto(served_site + page_path("pl", MISSING["pl"]))
        assert response.status == 404
        sections = page.locator("[data-lilith-404]")
        expect(sections).to_have_count(3)
        for i, lang in enumerate(LANGS):
            expect(sections.nth(i)).to_be_visible()
            assert sections.nth(i).get_attribute("lang") == lang
            expect(sections.nth(i).locator("h1")).to_have_text(NOT_FOUND[lang])
    finally:
        context.close()


# -- tag pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "tag", "title"),
    [("en", "Agents", "Articles tagged Agents"), ("cs", "Agenti", "Články se štítkem Agenti"),
     ("pl", "Agenci", "Artykuły z tagiem Agenci")],
)  # fmt: skip
def test_an_articles_tag_leads_to_its_tag_page_in_the_same_language(
    reader: Reader, served_site, lang, tag, title
):
    p = reader.page
    p.goto(served_site + page_path(lang, ARTICLE), wait_until="networkidle")
    p.get_by_role("link", name=tag, exact=True).click()
    p.wait_for_url(served_site + page_path(lang, "tags/agents/"))

    expect(p.locator("h1")).to_have_text(title)
    article = p.locator(".lilith-radar__item h2 a")
    expect(article).to_have_count(1)
    assert article.get_attribute("href").endswith(page_path(lang, ARTICLE))
    in_sidebar = f'.md-sidebar--primary a[href*="{ARTICLE}"], .md-sidebar--primary a[href*="tags/"]'
    assert p.locator(in_sidebar).count() == 0
    assert reader.violations == [] and reader.console == []


def test_the_switcher_on_a_tag_page_keeps_the_tag(reader: Reader, served_site):
    p = reader.page
    p.goto(served_site + page_path("cs", "tags/evals/"), wait_until="networkidle")
    p.locator(".md-select").first.hover()
    p.locator('a.lilith-lang[hreflang="pl"]').click()
    p.wait_for_url(served_site + page_path("pl", "tags/evals/"))
    expect(p.locator("h1")).to_have_text("Artykuły z tagiem Ewaluacje")
    assert p.locator("html").get_attribute("lang") == "pl"


def test_the_tag_index_lists_tags_with_counts(reader: Reader, served_site):
    p = reader.page
    p.goto(served_site + page_path("pl", "tags/"), wait_until="networkidle")
    rows = p.locator("li.lilith-tags__item")
    expect(rows).to_have_count(5)
    expect(rows.filter(has_text="Ewaluacje").locator(".lilith-tags__count")).to_have_text("1 artykuł")


@pytest.mark.parametrize(("scheme", "viewport"), [("light", DESKTOP), ("dark", PHONE)], ids=["light", "dark"])
@pytest.mark.parametrize("path", ["tags/", "tags/rag/", "missing/"], ids=["tag index", "tag page", "404"])
@pytest.mark.parametrize("lang", LANGS)
def test_tag_and_404_pages_have_no_axe_violations(
    browser: Browser, served_site, lang, path, scheme, viewport
):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served_site + page_path(lang, path), wait_until="networkidle")
        violations = AXE.run(page).response["violations"]
        assert violations == [], describe(violations)
    finally:
        context.close()


# -- print -------------------------------------------------------------------------------------


def display(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display)")


@pytest.mark.parametrize("lang", LANGS)
def test_an_article_prints_without_site_chrome_and_with_the_source_address(page_of_reader, served_site, lang):
    p = page_of_reader
    p.goto(served_site + page_path(lang, ARTICLE), wait_until="networkidle")
    p.emulate_media(media="print")

    for chrome in (".md-header", ".md-sidebar", ".md-search", ".md-footer", ".md-select", ".md-top"):
        assert set(display(p, chrome)) <= {"none"}, chrome
    assert display(p, ".lilith-verdict") == ["block"]
    verdict = p.locator(".lilith-verdict")
    assert verdict.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    after = p.locator("a.lilith-source__link").evaluate("e => getComputedStyle(e, '::after').content")
    assert after == f'" ({SOURCE_URL})"'
    promise, source = p.locator(".lilith-promise"), p.locator("a.lilith-source__link")
    expect(promise).to_be_visible()  # the promise prints, in black, right above the source link
    assert promise.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    above, below = promise.bounding_box(), source.bounding_box()
    assert above["y"] + above["height"] <= below["y"] < above["y"] + above["height"] + 40
    body = p.locator(".md-typeset").first
    assert body.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    assert p.locator("body").evaluate("e => getComputedStyle(e).backgroundColor") in (
        "rgb(255, 255, 255)",
        "rgba(0, 0, 0, 0)",
    )
    checklists = p.locator(".lilith-checklist")
    for i in range(checklists.count()):
        expect(checklists.nth(i)).to_be_visible()

    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = p.pdf(path=str(SHOTS / f"article-{lang}.pdf"), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2  # the whole article, over pages


@pytest.fixture
def page_of_reader(context: BrowserContext) -> Iterator[Page]:
    yield context.new_page()
