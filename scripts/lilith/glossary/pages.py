"""Glossary pages per language, linking of pages, and what templates show.

`generated_pages` writes their Markdown; `lilith.site.generated` adds them as MkDocs files
after static-i18n has picked the files of the language being built (it cannot handle
generated files: it assumes every page has a source path in `docs/`). Each language build
adds its own: `glossary/index.md` and `glossary/<id>.md` for
English, `glossary/index.cs.md` … written to `cs/glossary/…` for Czech. They are ordinary
pages from then on: in that language's nav, sitemap and search index.

`GlossarySite` holds one site build's state: which page linked which terms (for the box at
the end of an article) and which articles use each term (the entry's backlinks).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import yaml
from markupsafe import Markup

from lilith.content.pages import ARTICLES_DIR, line_of_key, parse_document
from lilith.glossary.collation import first_letter, sort_key
from lilith.glossary.match import MarkupError, definition_id, link_terms
from lilith.glossary.terms import GLOSSARY_DIR, Glossary, GlossaryError, index_url, term_url
from lilith.text.languages import DEFAULT, lang_of_src
from lilith.text.strings import t
from lilith.text.typography import NBSP, nbsp
from lilith.text.urls import relative_url

ENTRY_TEMPLATE = "glossary-entry.html"


@dataclass(frozen=True)
class GeneratedPage:
    """A glossary page to add to a language build."""

    src_uri: str
    dest_uri: str
    name: str
    markdown: str
    in_nav: bool


def _front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def _src_uri(lang: str, name: str) -> str:
    return f"{GLOSSARY_DIR}/{name}.md" if lang == DEFAULT else f"{GLOSSARY_DIR}/{name}.{lang}.md"


def _dest_uri(lang: str, name: str) -> str:
    folder = f"{GLOSSARY_DIR}/" if name == "index" else term_url(name, DEFAULT)
    return ("" if lang == DEFAULT else f"{lang}/") + folder + "index.html"


def _definition(href: str, term: str, short: str) -> str:
    """A term and its short definition in a `<dl>`. The newline between them is invisible between
    blocks, but the search index (Material's parser keeps whitespace, not tag edges) then reads
    "fine-tuning Dotrénování …", not "fine-tuningDotrénování …"."""
    return f'<dt><a href="{escape(href)}">{escape(term)}</a></dt>\n<dd>{escape(short)}</dd>'


def index_markdown(glossary: Glossary, lang: str) -> str:
    """The glossary index in `lang`: terms in that language's alphabetical order, by letter."""
    terms = sorted(glossary, key=lambda term: sort_key(term.text(lang).term, lang))
    parts = [
        _front_matter({"title": t(lang, "glossary.title"), "description": t(lang, "glossary.intro")}),
        f'<p class="lilith-glossary-intro">{escape(t(lang, "glossary.intro"))}</p>\n',
    ]
    here = index_url(lang)
    letter = None
    for term in terms:
        text = term.text(lang)
        initial = first_letter(text.term, lang)
        if initial != letter:
            if letter is not None:
                parts.append("</dl>\n")
            parts.append(f'## {initial}\n\n<dl class="lilith-glossary-index">')
            letter = initial
        href = relative_url(term_url(term.id, lang), here)
        parts.append(_definition(href, text.term, text.short))
    parts.append("</dl>\n")
    return "\n".join(parts)


def entry_markdown(glossary: Glossary, term_id: str, lang: str) -> str:
    """A term's entry in `lang`: short definition, explanation, related terms."""
    term = glossary[term_id]
    text = term.text(lang)
    here = term_url(term_id, lang)
    related = "\n".join(
        _definition(
            relative_url(term_url(rel, lang), here),
            glossary.text(rel, lang).term,
            glossary.text(rel, lang).short,
        )
        for rel in term.related
    )
    meta = {
        "title": text.term,
        "description": text.short,
        "template": ENTRY_TEMPLATE,
        "glossary_term": term_id,
    }
    parts = [
        _front_matter(meta),
        f'<p class="lilith-glossary-short">{escape(text.short)}</p>\n',
        text.long.strip() + "\n",
    ]
    if related:
        heading = t(lang, "glossary.related")
        parts.append(
            f'## {heading}\n\n<dl class="lilith-glossary-index lilith-glossary-related">{related}</dl>\n'
        )
    return "\n".join(parts)


def generated_pages(glossary: Glossary, lang: str) -> list[GeneratedPage]:
    """Every glossary page of one language."""
    pages = [
        GeneratedPage(
            _src_uri(lang, "index"), _dest_uri(lang, "index"), "index", index_markdown(glossary, lang), True
        )
    ]
    for term in glossary:
        pages.append(
            GeneratedPage(
                _src_uri(lang, term.id),
                _dest_uri(lang, term.id),
                term.id,
                entry_markdown(glossary, term.id, lang),
                False,
            )
        )
    return pages


# -- linking pages and template context --------------------------------------------------------


@dataclass(frozen=True)
class Backlink:
    """An article that uses a term."""

    url: str
    title: str
    date: dt.date | None


@dataclass
class GlossarySite:
    """One site build: the glossary, the terms each page links, the articles using each term."""

    glossary: Glossary
    root: Path = Path()  # project directory, for shorter paths in messages
    used: dict[str, list[str]] = field(default_factory=dict)  # page url -> term ids
    backlinks: dict[tuple[str, str], list[Backlink]] = field(default_factory=dict)
    _box_items: dict[tuple[str, str], dict] = field(default_factory=dict, repr=False)
    _sorted: dict[tuple[str, str], list[Backlink]] = field(default_factory=dict, repr=False)

    def _where(self, page) -> Path | str:
        path = page.file.abs_src_path
        if path is None:
            return page.file.src_uri
        try:
            return Path(path).relative_to(self.root)
        except ValueError:
            return Path(path)

    def _line_of(self, page, needle: str, term_id: str | None) -> int:
        path = page.file.abs_src_path
        if path is None:
            return 1
        text = Path(path).read_text(encoding="utf-8")
        pos = text.find(needle)
        if pos < 0 and term_id:
            pos = text.find(f"[[{term_id}")
        return text.count("\n", 0, pos) + 1 if pos >= 0 else 1

    def _skip(self, page) -> list[str]:
        skip = page.meta.get("glossary_skip") or []
        if isinstance(skip, str):
            skip = [skip]
        for term_id in skip:
            if term_id not in self.glossary:
                line = 1
                if page.file.abs_src_path:
                    doc = parse_document(Path(page.file.abs_src_path))
                    line = line_of_key(doc.front_matter, ("glossary_skip",))
                err = self.glossary.unknown(str(term_id), self._where(page), line)
                raise GlossaryError(err.path, err.line, f"glossary_skip: {err.message}")
        return list(skip)

    def link_page(self, html: str, page, lang: str) -> str:
        """Link terms in a page's HTML body: automatically in articles, `[[…]]` everywhere."""
        is_article = page.file.src_uri.startswith(f"{ARTICLES_DIR}/")
        auto = is_article and page.meta.get("glossary", True) is not False
        try:
            html, used = link_terms(
                html,
                lang_of_src(page.file.src_uri),  # the text's language (a fallback page's is English)
                self.glossary,
                link_lang=lang,
                page_url=page.url,
                skip=self._skip(page),
                auto=auto,
            )
        except MarkupError as exc:  # in text glued already: shown with the spaces as written
            needle, message = (text.replace(NBSP, " ") for text in (exc.needle, exc.message))
            line = self._line_of(page, needle, exc.term_id)
            raise GlossaryError(self._where(page), line, message) from None
        self.used[page.url] = used
        if is_article:
            for term_id in used:
                self.backlinks.setdefault((lang, term_id), []).append(
                    Backlink(page.url, page.title or page.url, page.meta.get("date"))
                )
        if used and not is_article:  # an article's box holds the definitions
            html += definitions_html(self.glossary, used, lang)
        return html

    def sorted_backlinks(self, lang: str, term_id: str) -> list[Backlink]:
        """The articles using a term in `lang`, newest first (sorted once per build)."""
        key = (lang, term_id)
        cached = self._sorted.get(key)
        if cached is None:
            cached = self._sorted[key] = sorted(
                self.backlinks.get(key, []),
                key=lambda b: (
                    -(b.date.toordinal() if isinstance(b.date, dt.date) else 0),
                    sort_key(b.title, lang),
                ),
            )
        return cached

    def context(self, page, lang: str, window: tuple[int, int] | None = None) -> dict:
        """`lilith.glossary.terms` for templates: the page's terms, and an entry's backlinks.

        `window`: (start, stop) of the backlinks this page shows (all when None).
        """
        used = self.used.get(page.url, [])
        term_id = page.meta.get("glossary_term")
        backlinks = self.sorted_backlinks(lang, term_id) if term_id else []
        if window is not None:
            backlinks = backlinks[window[0] : window[1]]
        # `href`: the link from this page, as the `url` template filter would write it (a
        # filter call per item made the box and the backlink lists a good part of linking's cost)
        return {
            "used": [
                {**self.box_item(term, lang), "href": relative_url(term_url(term, lang), page.url)}
                for term in used
            ],
            "term": term_id,
            "backlinks": [  # titles escaped and typeset here: an entry may list hundreds
                {
                    "url": b.url,
                    "title": nbsp(Markup.escape(b.title), lang),
                    "href": relative_url(b.url, page.url),
                }
                for b in backlinks
            ],
            "index_url": index_url(lang),
        }

    def box_item(self, term_id: str, lang: str) -> dict:
        """One line of the "From the Glossary" box (without its page-relative `href`).

        `term` and `short` are HTML, escaped and typeset (`nbsp`): the box repeats them on
        every article, so each is made once per build.
        """
        key = (term_id, lang)
        item = self._box_items.get(key)
        if item is None:
            text = self.glossary.text(term_id, lang)
            item = self._box_items[key] = {
                "id": term_id,
                "term": nbsp(Markup.escape(text.term), lang),
                "short": nbsp(Markup.escape(text.short), lang),
                "url": term_url(term_id, lang),
                "def_id": definition_id(term_id),
            }
        return item


def definitions_html(glossary: Glossary, used: list[str], lang: str) -> str:
    """Hidden short definitions that term links on a page without the box point to."""
    items = "".join(
        f'<span id="{definition_id(term_id)}">{escape(glossary.text(term_id, lang).short)}</span>'
        for term_id in used
    )
    return f'\n<div class="lilith-term-definitions" hidden>{items}</div>\n'
