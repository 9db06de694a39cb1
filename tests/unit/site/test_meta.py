"""Open Graph and Twitter card tags, in the language of the page's text."""

from __future__ import annotations

import datetime as dt

from lilith.site import meta
from selectolax.lexbor import LexborHTMLParser


def tags_of(html: str) -> list[tuple[str, str]]:
    doc = LexborHTMLParser(f"<head>{html}</head>")
    return [
        (m.attributes.get("property") or m.attributes.get("name"), m.attributes["content"])
        for m in doc.css("meta")
    ]


def test_an_article_is_shared_with_its_title_lede_locale_and_date():
    found = meta.sharing_tags(
        lang="pl",
        title="Fine-tuning nie jest już domyślnym narzędziem",
        description="Rynek dzieli się na dwie rzeczywistości.",
        url="https://lilith.test/pl/radar/x/",
        site_name="Lilith · radar inżynierii AI",
        published=dt.date(2026, 11, 20),
        tags=["Trenowanie", "RAG"],
    )
    assert tags_of(meta.render(found)) == [
        ("og:type", "article"),
        ("og:title", "Fine-tuning nie jest już domyślnym narzędziem"),
        ("og:description", "Rynek dzieli się na dwie rzeczywistości."),
        ("og:url", "https://lilith.test/pl/radar/x/"),
        ("og:site_name", "Lilith · radar inżynierii AI"),
        ("og:locale", "pl_PL"),
        ("og:locale:alternate", "en_GB"),
        ("og:locale:alternate", "cs_CZ"),
        ("article:published_time", "2026-11-20"),
        ("article:tag", "Trenowanie"),
        ("article:tag", "RAG"),
        ("twitter:card", "summary"),
        ("twitter:title", "Fine-tuning nie jest już domyślnym narzędziem"),
        ("twitter:description", "Rynek dzieli się na dwie rzeczywistości."),
    ]


def test_other_pages_are_websites_without_article_tags():
    found = meta.sharing_tags(
        lang="cs", title="Radar", description="Komentáře.", url="https://lilith.test/cs/", site_name="Lilith"
    )
    keys = [tag.key for tag in found]
    assert ("og:type", "website") in [(t.key, t.content) for t in found]
    assert "article:published_time" not in keys and "article:tag" not in keys
    assert [t.content for t in found if t.key == "og:locale"] == ["cs_CZ"]


def test_quotes_and_markup_in_text_cannot_break_out_of_the_attribute():
    html = meta.render(
        meta.sharing_tags(lang="en", title='Say "no" <b>', description="a & b", url="u", site_name="s")
    )
    assert 'content="Say &quot;no&quot; &lt;b&gt;"' in html
    assert tags_of(html)[1] == ("og:title", 'Say "no" <b>')
    assert ("og:description", "a & b") in tags_of(html)
