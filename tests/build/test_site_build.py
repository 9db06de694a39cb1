"""The strict build of the real site writes what readers, crawlers and Material's JS need."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.site_facts import ARTICLE, LANGS, PREFIX, SOURCE_URL, page_path, search_docs


def html(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_article_head_has_lang_hreflang_alternates_and_x_default(built_site, site_url, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    assert doc.css_first("html").attributes["lang"] == lang
    alternates = {
        link.attributes["hreflang"]: link.attributes["href"]
        for link in doc.css('head link[rel="alternate"][hreflang]:not([type])')  # not the feed
    }
    assert alternates == {
        "en": site_url + ARTICLE,
        "cs": site_url + "cs/" + ARTICLE,
        "pl": site_url + "pl/" + ARTICLE,
        "x-default": site_url + ARTICLE,
    }


def test_every_page_has_one_hreflang_alternate_per_language_and_x_default(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        doc = HTMLParser(page.read_text(encoding="utf-8"))
        langs = [link.attributes["hreflang"] for link in doc.css("link[hreflang]")]
        assert sorted(langs) == sorted([*LANGS, "x-default"]), page.relative_to(built_site)
        assert all(link.attributes.get("rel") == "alternate" for link in doc.css("link[hreflang]"))
        assert all("type" not in link.attributes for link in doc.css("link[hreflang]"))  # no feed


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_links_lead_to_the_same_article(built_site, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    links = {a.attributes["hreflang"]: a.attributes["href"] for a in doc.css("a.lilith-lang")}
    depth = "../../" + ("../" if lang != "en" else "")
    expected = {other: depth + page_path(other, ARTICLE) for other in LANGS} | {lang: "./"}
    assert links == expected


@pytest.mark.parametrize("lang", LANGS)
def test_material_config_base_is_the_language_root(built_site, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    config = json.loads(doc.css_first("script#__config").text())
    assert config["base"] == "../.."  # /radar/x/ -> /, /cs/radar/x/ -> /cs/


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_sitemap_and_search_index(built_site, site_url, lang):
    sitemap = (built_site / PREFIX[lang] / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site_url}{page_path(lang, ARTICLE)}</loc>" in sitemap
    others = [other for other in LANGS if other != lang and other != "en"]
    assert all(f"<loc>{site_url}{other}/" not in sitemap for other in others)
    index = json.loads((built_site / PREFIX[lang] / "search/search_index.json").read_text())
    assert index["docs"] == []  # only Material's config: the documents are in search/p/
    assert index["config"]["lang"] == [lang]
    docs = search_docs(built_site, lang)
    assert any(doc["location"] == ARTICLE for doc in docs)
    assert not any(doc["location"].startswith(("cs/", "pl/")) for doc in docs)


def test_no_page_loads_fonts_or_anything_from_google(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page


@pytest.mark.parametrize("lang", LANGS)
def test_article_source_link_is_built_from_front_matter(built_site, lang):
    link = html(built_site, page_path(lang, ARTICLE)).css_first("a.lilith-source__link")
    assert link.attributes["href"] == SOURCE_URL
    assert set(link.attributes["rel"].split()) == {"noopener", "noreferrer"}


PROMISE = {
    "en": "I keep the external link at the end. First, a concise explanation here\u00a0— no hunting "
    "across someone else’s site.",
    "cs": "Externí odkaz nechávám až na konec. Nejdřív tu najdete stručné vysvětlení\u00a0– žádné "
    "hledání po cizím webu.",
    "pl": "Link zewnętrzny zostawiam na koniec. Najpierw znajdziesz tu zwięzłe wyjaśnienie\u00a0– bez "
    "szukania po cudzej stronie.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_every_article_promises_the_explanation_right_above_the_source_link(built_site, lang):
    articles = sorted((built_site / PREFIX[lang] / "radar").glob("*/index.html"))
    assert articles, "no articles built"
    for article in articles:
        doc = HTMLParser(article.read_text(encoding="utf-8"))
        (promise,) = doc.css(".lilith-promise")
        assert promise.text() == PROMISE[lang], article  # the dash glued to the word before it
        source = promise.next
        while source is not None and source.tag == "-text":  # whitespace between the two
            source = source.next
        assert source is not None and "lilith-source" in source.attributes.get("class", "").split(), article
        assert source.css_first("a.lilith-source__link") is not None


@pytest.mark.parametrize(
    ("lang", "date", "site_name"),
    [
        ("en", "20 November 2026", "Lilith · AI engineering radar"),
        ("cs", "20. listopadu 2026", "Lilith · radar AI engineeringu"),
        ("pl", "20 listopada 2026", "Lilith · radar inżynierii AI"),
    ],
)
def test_home_lists_the_article_with_localized_date_and_site_name(built_site, lang, date, site_name):
    doc = html(built_site, page_path(lang))
    item = doc.css_first(".lilith-radar__item")
    assert item.css_first("time").text().strip() == date
    assert site_name in doc.css_first("title").text()
    assert doc.css(".md-sidebar--primary a[href*='radar/']") == []
