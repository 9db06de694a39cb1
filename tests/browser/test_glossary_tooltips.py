"""Glossary term links show their short definition on keyboard focus, hover and tap."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, Watched, watch
from tests.browser.test_accessibility import AXE, describe
from tests.site_facts import ARTICLE, page_path

TIP = ".lilith-term-tip"


def definition_of(page: Page, link) -> str:
    target = link.get_attribute("aria-describedby")
    return " ".join(page.locator(f"#{target}").inner_text().split())


def tab_to_first_term(page: Page, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.lilith-term')"):
            return
    pytest.fail("Tab never reached a glossary term link")


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_keyboard_focus_shows_the_definition_and_escape_hides_it(page: Watched, served_site: str, lang):
    p = page.page
    p.goto(served_site + page_path(lang, ARTICLE), wait_until="networkidle")
    tip = p.locator(TIP)

    tab_to_first_term(p)
    focused = p.locator("a.lilith-term:focus")
    definition = definition_of(p, focused)
    expect(focused).to_have_accessible_description(definition)
    expect(tip).to_be_visible()
    assert " ".join(tip.inner_text().split()) == definition
    box, tip_box = focused.bounding_box(), tip.bounding_box()
    assert tip_box["y"] >= box["y"] + box["height"] - 1 or tip_box["y"] + tip_box["height"] <= box["y"] + 1

    first_term = focused.get_attribute("data-term")
    tab_to_first_term(p)  # the next term: the tooltip follows focus
    second = p.locator("a.lilith-term:focus")
    assert second.get_attribute("data-term") != first_term
    assert " ".join(tip.inner_text().split()) == definition_of(p, second)

    p.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    p.keyboard.press("Shift+Tab")
    expect(tip).to_be_visible()
    assert page.errors == []


def test_hover_shows_the_definition_and_leaving_hides_it(page: Watched, served_site: str):
    p = page.page
    p.goto(served_site + page_path("cs", ARTICLE), wait_until="networkidle")
    link = p.locator("article a.lilith-term").nth(2)
    link.hover()
    expect(p.locator(TIP)).to_be_visible()
    assert " ".join(p.locator(TIP).inner_text().split()) == definition_of(p, link)
    p.locator("article h1").hover()
    expect(p.locator(TIP)).to_be_hidden()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    yield watch(context.new_page())
    context.close()


@pytest.mark.parametrize("lang", ["cs", "pl"])
def test_a_tap_shows_the_definition_and_a_second_tap_opens_the_entry(phone: Watched, served_site: str, lang):
    p = phone.page
    article_url = served_site + page_path(lang, ARTICLE)
    p.goto(article_url, wait_until="networkidle")
    tip = p.locator(TIP)
    link = p.locator("article a.lilith-term").nth(1)
    term_id = link.get_attribute("data-term")

    link.tap()
    expect(tip).to_be_visible()
    assert p.url == article_url, "the first tap must not navigate"
    assert " ".join(tip.inner_text().split()) == definition_of(p, link)
    tip_box = tip.bounding_box()
    assert tip_box["x"] >= 0 and tip_box["x"] + tip_box["width"] <= PHONE["width"]

    p.locator("article p").first.tap()  # a tap elsewhere closes it
    expect(tip).to_be_hidden()

    link.tap()
    expect(tip).to_be_visible()
    link.tap()
    p.wait_for_url(re.compile(re.escape(served_site + page_path(lang, f"glossary/{term_id}/")) + "$"))
    expect(tip).to_be_hidden()
    assert p.locator("html").get_attribute("lang") == lang
    assert phone.errors == []


def test_tooltips_keep_working_after_instant_navigation_without_piling_up(page: Watched, served_site: str):
    p = page.page
    p.goto(served_site + page_path("pl", ARTICLE), wait_until="networkidle")
    p.evaluate("window.__sameDocument = true")
    link = p.locator("article a.lilith-term").first
    term_id = link.get_attribute("data-term")
    link.click()  # a mouse click follows the link at once
    p.wait_for_url(served_site + page_path("pl", f"glossary/{term_id}/"))
    p.locator(".lilith-glossary-backlinks a").first.click()
    p.wait_for_url(served_site + page_path("pl", ARTICLE))
    p.wait_for_load_state("networkidle")
    assert p.evaluate("window.__sameDocument === true"), "expected instant navigation"

    tab_to_first_term(p)
    expect(p.locator(TIP)).to_be_visible()
    assert p.locator(TIP).count() == 1
    assert page.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path", ["glossary/", "glossary/fine-tuning/", ARTICLE], ids=["index", "entry", "tip"]
)
@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_glossary_pages_and_an_open_tooltip_have_no_axe_violations(
    browser: Browser, served_site: str, lang, path, scheme
):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, has_touch=True, is_mobile=True)
    try:
        p = context.new_page()
        p.goto(served_site + page_path(lang, path), wait_until="networkidle")
        if path == ARTICLE:
            p.locator("article a.lilith-term").nth(2).tap()
            expect(p.locator(TIP)).to_be_visible()
        violations = AXE.run(p).response["violations"]
        assert violations == [], describe(violations)
    finally:
        context.close()
