"""Glossary pages per language, and what one site build records about pages using terms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from lilith.glossary.collation import sort_key
from lilith.glossary.pages import GlossarySite, entry_markdown, generated_pages, index_markdown
from lilith.glossary.terms import GlossaryError, load_glossary
from lilith.text.typography import nbsp
from markupsafe import escape

ROOT = Path(__file__).resolve().parents[3]
GLOSSARY = load_glossary(ROOT / "glossary")


def page(src_uri: str, url: str, meta: dict | None = None, source: Path | None = None, title: str = "T"):
    file = SimpleNamespace(src_uri=src_uri, abs_src_path=str(source) if source else None)
    return SimpleNamespace(file=file, url=url, meta=meta or {}, title=title)


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_the_index_lists_every_term_under_its_letter_in_alphabetical_order(lang):
    markdown = index_markdown(GLOSSARY, lang)
    terms = [
        line.split('">', 1)[1].split("</a>")[0] for line in markdown.split("\n") if line.startswith("<dt>")
    ]
    assert sorted(terms, key=lambda term: sort_key(term, lang)) == terms
    assert len(terms) == len(GLOSSARY)
    assert markdown.startswith("---\ntitle: ")
    assert "\n## A\n" in markdown


def test_an_entry_has_its_definition_explanation_and_related_terms_in_its_language():
    markdown = entry_markdown(GLOSSARY, "drift", "pl")
    assert "title: drift\n" in markdown and "template: glossary-entry.html\n" in markdown
    assert GLOSSARY.text("drift", "pl").short in markdown
    assert GLOSSARY.text("drift", "pl").long.strip() in markdown
    assert "## Powiązane pojęcia" in markdown
    assert '<dt><a href="../evals/">ewaluacje</a></dt>' in markdown


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_search_reads_each_term_apart_from_its_definition(lang):
    """Material's indexer joins text across tag edges: "fine-tuningDotrénování" was one word."""
    from html import escape as as_indexed  # Material's indexer escapes text, quotes kept

    from material.plugins.search.plugin import Parser

    def indexed(markdown: str) -> str:
        parser = Parser()
        parser.feed(markdown.split("\n---\n", 1)[1])
        parser.close()
        return " ".join("".join(section.text) for section in parser.data)

    index = indexed(index_markdown(GLOSSARY, lang))
    related = indexed(entry_markdown(GLOSSARY, "drift", lang))
    for term in GLOSSARY:
        text = term.text(lang)
        assert f"{text.term} {as_indexed(text.short, quote=False)}" in index
    for rel in GLOSSARY["drift"].related:
        text = GLOSSARY.text(rel, lang)
        assert f"{text.term} {as_indexed(text.short, quote=False)}" in related


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_generated_pages_follow_the_suffix_structure_and_land_in_the_languages_folder(lang):
    suffix, folder = ("", "") if lang == "en" else (f".{lang}", f"{lang}/")
    index = (f"glossary/index{suffix}.md", f"{folder}glossary/index.html")
    entry = (f"glossary/drift{suffix}.md", f"{folder}glossary/drift/index.html")
    pages = {(p.src_uri, p.dest_uri): p for p in generated_pages(GLOSSARY, lang)}
    assert index in pages and pages[index].in_nav
    assert entry in pages and not pages[entry].in_nav
    assert len(pages) == len(GLOSSARY) + 1


ARTICLE_HTML = "<p>Hlídáte drift a prompt.</p>"


def test_articles_are_linked_and_recorded_for_the_box_and_the_backlinks():
    site = GlossarySite(GLOSSARY)
    article = page("radar/x.cs.md", "cs/radar/x/", {"date": dt.date(2026, 1, 2)}, title="Článek")
    html = site.link_page(ARTICLE_HTML, article, "cs")
    assert html.count('class="lilith-term"') == 2
    assert site.context(article, "cs")["used"][0] == {
        "id": "drift",
        "term": "drift",
        "short": nbsp(escape(GLOSSARY.text("drift", "cs").short), "cs"),  # HTML, typeset
        "url": "cs/glossary/drift/",
        "href": "../../glossary/drift/",  # from the page, as the `url` template filter writes it
        "def_id": "lilith-def-drift",
    }
    title = "Starší v praxi & jinde"
    older = page("radar/y.cs.md", "cs/radar/y/", {"date": dt.date(2025, 1, 1)}, title=title)
    site.link_page("<p>Drift.</p>", older, "cs")
    entry = page("glossary/drift.cs.md", "cs/glossary/drift/", {"glossary_term": "drift"})
    assert site.context(entry, "cs")["backlinks"] == [
        {"url": "cs/radar/x/", "title": "Článek", "href": "../../radar/x/"},
        {"url": "cs/radar/y/", "title": "Starší v&nbsp;praxi &amp; jinde", "href": "../../radar/y/"},  # HTML
    ]
    assert (
        site.context(page("glossary/drift.md", "glossary/drift/", {"glossary_term": "drift"}), "en")[
            "backlinks"
        ]
        == []
    )


def test_front_matter_turns_linking_off_for_a_page_or_a_term():
    site = GlossarySite(GLOSSARY)
    off = page("radar/x.cs.md", "cs/radar/x/", {"glossary": False})
    assert site.link_page(ARTICLE_HTML, off, "cs") == ARTICLE_HTML
    skip = page("radar/y.cs.md", "cs/radar/y/", {"glossary_skip": ["drift"]})
    assert 'data-term="drift"' not in site.link_page(ARTICLE_HTML, skip, "cs")


def test_other_pages_only_get_forced_links_and_carry_their_definitions():
    site = GlossarySite(GLOSSARY)
    home = page("index.pl.md", "pl/", {})
    html = site.link_page("<p>Drift i [[prompt]].</p>", home, "pl")
    assert html.count('class="lilith-term"') == 1
    assert '<div class="lilith-term-definitions" hidden><span id="lilith-def-prompt">' in html


def test_a_fallback_page_matches_english_text_and_links_to_the_readers_language():
    site = GlossarySite(GLOSSARY)
    fallback = page("radar/x.md", "pl/radar/x/")  # no Polish file: static-i18n shows English
    html = site.link_page("<p>We watch drift.</p>", fallback, "pl")
    assert 'href="../../glossary/drift/"' in html  # /pl/radar/x/ -> /pl/glossary/drift/


def test_errors_name_the_markdown_file_and_line(tmp_path):
    source = tmp_path / "docs" / "radar" / "x.md"
    source.parent.mkdir(parents=True)
    source.write_text(
        "---\ntitle: X\nglossary_skip: [drfit]\n---\n\nText.\n\nSee [[evalz]].\n", encoding="utf-8"
    )
    site = GlossarySite(GLOSSARY, root=tmp_path)
    with pytest.raises(GlossaryError) as info:
        site.link_page(
            "<p>See.</p>", page("radar/x.md", "radar/x/", {"glossary_skip": ["drfit"]}, source), "en"
        )
    assert str(info.value).startswith("docs/radar/x.md:3: glossary_skip: unknown glossary term 'drfit'")
    with pytest.raises(GlossaryError) as info:
        site.link_page("<p>See [[evalz]].</p>", page("radar/x.md", "radar/x/", {}, source), "en")
    assert str(info.value) == ("docs/radar/x.md:8: unknown glossary term 'evalz' in [[evalz]]")
