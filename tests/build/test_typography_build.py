"""Typography and dates in the built site: cs/pl non-breaking spaces, Babel dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.site_facts import ARTICLE, LANGS, page_path

NBSP = "\u00a0"
ONE_LETTER = {"cs": "ksvzouai", "pl": "wzouai"}
# Written the way each language writes dates (checked by native readers, not computed).
PUBLISHED = {"en": "20 November 2026", "cs": "20. listopadu 2026", "pl": "20 listopada 2026"}
BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, td, th, blockquote"
NOT_CHECKED = "pre, code, kbd, samp, script, style"


def html(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def breakable_one_letter_words(block_text: str, lang: str) -> list[str]:
    """Places where a one-letter word is followed by an ordinary (breakable) space."""
    letters = ONE_LETTER[lang] + ONE_LETTER[lang].upper()
    pattern = re.compile(rf"(?<![^\s(„\"])[{letters}] (?=\S)")
    return [block_text[max(0, m.start() - 15) : m.end() + 10] for m in pattern.finditer(block_text)]


def checked_blocks(doc: HTMLParser, selector: str):
    """Leaf text blocks under `selector`, without code and other people's boxes."""
    root = doc.css_first(selector)
    assert root is not None, selector
    for node in root.css(NOT_CHECKED):
        node.decompose()
    return [b for b in root.css(BLOCKS) if len(b.css(BLOCKS)) == 1]  # css() includes the node itself


@pytest.mark.parametrize("lang", ["cs", "pl"])
def test_article_never_leaves_a_one_letter_word_at_a_line_end(built_site, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    blocks = checked_blocks(doc, "article.lilith-article")
    assert len(blocks) > 20  # title, lede, paragraphs, headings, list items, the verdict
    found = [hit for block in blocks for hit in breakable_one_letter_words(block.text(), lang)]
    assert found == []
    text = " ".join(block.text() for block in blocks)
    assert text.count(NBSP) > 30


@pytest.mark.parametrize(
    ("lang", "title_or_lede"),
    [
        ("cs", "Elitní týmy s\u00a0vlastními daty"),
        ("pl", "Elitarne zespoły z\u00a0własnymi danymi"),
        ("pl", "przewagą w\u00a0dystrybucji"),
    ],
)
def test_article_lede_is_typeset_like_the_body(built_site, lang, title_or_lede):
    doc = html(built_site, page_path(lang, ARTICLE))
    assert title_or_lede in doc.css_first(".lilith-lede").text()


@pytest.mark.parametrize("lang", ["cs", "pl"])
def test_home_listing_titles_and_ledes_are_typeset(built_site, lang):
    doc = html(built_site, page_path(lang))
    for block in doc.css(".lilith-radar__title, .lilith-radar__lede, .lilith-radar__verdict"):
        assert breakable_one_letter_words(block.text(), lang) == []
    assert NBSP in doc.css_first(".lilith-radar__lede").text()


@pytest.mark.parametrize("lang", ["cs", "pl"])
def test_glossary_links_survive_typography(built_site, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    terms = doc.css("article.lilith-article a.lilith-term")
    assert len(terms) > 5
    for link in terms:
        assert link.attributes.get("href", "").endswith("/")
        assert link.text().strip()


@pytest.mark.parametrize("lang", LANGS)
def test_no_attribute_ever_gets_a_non_breaking_space(built_site, lang):
    for path in (page_path(lang), page_path(lang, ARTICLE)):
        doc = html(built_site, path)
        for node in doc.root.traverse():
            for name, value in (node.attributes or {}).items():
                assert NBSP not in (value or ""), (path, node.tag, name, value)


def test_english_text_is_left_alone(built_site):
    doc = html(built_site, ARTICLE)
    blocks = checked_blocks(doc, "article.lilith-article")
    text = " ".join(block.text() for block in blocks)
    assert re.search(r"(?:^|\s)a ", text)  # "a model", "a reason" …
    assert not re.search(rf"(?:^|\s)[aiAI]{NBSP}", text)


@pytest.mark.parametrize("lang", LANGS)
def test_article_header_shows_the_localized_date(built_site, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    time = doc.css_first(".lilith-article__header time")
    assert time.attributes["datetime"] == "2026-11-20"
    assert time.text().strip() == PUBLISHED[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_listing_shows_the_localized_date(built_site, lang):
    doc = html(built_site, page_path(lang))
    times = doc.css(".lilith-radar time")
    assert times, "the listing shows each article's date"
    first = times[0]
    assert first.attributes["datetime"] == "2026-11-20"
    assert first.text().strip() == PUBLISHED[lang]
