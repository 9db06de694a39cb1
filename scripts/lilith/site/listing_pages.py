"""The pages of bounded listings (pages 2 … n, the archive) and what their templates see.

Every listing shows `pagination.PER_PAGE` articles a page: the Radar (home), each tag page
and each glossary entry's "Articles that use this term"; the archive shows a year a page
(`lilith.site.archive`). Pages 2 … n and the archive are generated Markdown files with
front matter only, like the tag pages: out of the nav and the search, in the language's
sitemap. `lilith.site.generated` wraps them as MkDocs files; `context` is what the plugin
adds to a page's `lilith` context.

Glossary entries' pages 2 … n can only be counted once every article of the language is
linked (`GlossarySite.backlinks`), so they are made later, from `on_env`.
"""

from __future__ import annotations

import json

from lilith.content.pages import ARTICLES_DIR
from lilith.glossary.pages import GlossarySite
from lilith.glossary.terms import term_url
from lilith.site import archive, tags
from lilith.site.context import PageContexts
from lilith.site.listing import ListingEntry
from lilith.site.pagination import META_KEY, PER_PAGE, numbered_title, page_src, pager
from lilith.text import strings
from lilith.text.languages import prefix

HOME_TEMPLATE = "home.html"
ENTRY_TEMPLATE = "glossary-entry.html"


def _markdown(front: dict) -> str:
    """Front matter only; JSON is YAML, so every value is quoted and escaped."""
    body = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items())
    return f"---\n{body}\n---\n"


def _numbered(first_url: str, title: str, total: int, lang: str, per_page: int = PER_PAGE, **meta) -> dict:
    """{src_uri: Markdown} of pages 2 … n of one listing."""
    p = pager(first_url, total, per_page=per_page)
    return {
        page_src(first_url, n): _markdown(
            {
                "title": numbered_title(title, lang, n, p.count),
                **meta,
                META_KEY: n,
                "search": {"exclude": True},
            }
        )
        for n in range(2, p.count + 1)
    }


def sources(listing: list[ListingEntry], lang: str) -> dict[str, str]:
    """{src_uri: Markdown} of `lang`'s home pages 2 … n, tag pages 2 … n and archive pages."""
    out = _numbered(
        prefix(lang), strings.t(lang, "radar.heading"), len(listing), lang, template=HOME_TEMPLATE
    )
    for tag in sorted({tag for entry in listing for tag in entry.tags}):
        total = len(tags.tagged(listing, tag))
        title = tags.page_title(lang, tag)
        out |= _numbered(
            tags.url(lang, tag), title, total, lang, template=tags.TEMPLATE, **{tags.META_KEY: tag}
        )
    exclude = {"search": {"exclude": True}}
    overview = {"title": strings.t(lang, "archive.title"), "template": archive.TEMPLATE, archive.META_KEY: 0}
    out[f"{archive.url(lang)}index.md"] = _markdown({**overview, **exclude})
    for year, entries in archive.by_year(listing).items():
        title = strings.t(lang, "archive.year").format(year=year)
        first_url = archive.url(lang, year)
        meta = {"template": archive.TEMPLATE, archive.META_KEY: year}
        out[f"{first_url.rstrip('/')}.md"] = _markdown({"title": title, **meta, **exclude})
        out |= _numbered(first_url, title, len(entries), lang, archive.PER_PAGE, **meta)
    return out


def backlink_sources(glossary: GlossarySite, lang: str) -> dict[str, str]:
    """{src_uri: Markdown} of pages 2 … n of every glossary entry's backlinks in `lang`."""
    out: dict[str, str] = {}
    for term in glossary.glossary:
        total = len(glossary.backlinks.get((lang, term.id), ()))
        title = term.text(lang).term
        out |= _numbered(
            term_url(term.id, lang), title, total, lang, template=ENTRY_TEMPLATE, glossary_term=term.id
        )
    return out


def context(page, lang: str, pages: PageContexts, glossary: GlossarySite | None) -> dict:
    """What a page's `lilith` context gains: `tag`, `glossary`, `items`, `pager`, `archive`, `related`."""
    meta = page.meta
    number = int(meta.get(META_KEY, 1))
    listing = pages.listing(lang)
    out: dict = {"pager": None, "archive_url": archive.url(lang), "related": []}
    out["tag"] = tag = tags.page_context(meta, pages.articles, lang, listing)
    if tag is not None and tag.get("id"):
        p = pager(tags.url(lang, tag["id"]), len(tag["entries"]), number)
        tag["entries"], out["pager"] = p.items(tag["entries"]), p.context(lang)
    elif meta.get("template") == HOME_TEMPLATE:
        p = pager(prefix(lang), len(listing), number)
        out["items"], out["pager"] = p.items(listing), p.context(lang)
    elif archive.META_KEY in meta:
        out["archive"], out["pager"] = archive_context(
            int(meta[archive.META_KEY] or 0), number, listing, lang
        )
    if glossary is not None:
        term = meta.get("glossary_term")
        window = None
        if term:
            p = pager(term_url(term, lang), len(glossary.backlinks.get((lang, term), ())), number)
            window, out["pager"] = p.window, p.context(lang)
        out["glossary"] = glossary.context(page, lang, window)
        if page.file.src_uri.startswith(f"{ARTICLES_DIR}/"):
            out["related"] = pages.related(lang, page.url, glossary.used)
    if out["pager"]:
        # The head's rel="prev"/"next" are the listing's pages (partials/lilith/head.html),
        # not Material's neighbours in the nav (the home page's "next" is the glossary).
        page.previous_page = page.next_page = None
    return out


def archive_context(
    year: int, number: int, listing: list[ListingEntry], lang: str
) -> tuple[dict, dict | None]:
    """An archive page's (`archive`, `pager`): the overview (year 0), else a page of one year."""
    if not year:
        return {"overview": archive.overview(listing, lang, tags.count_text)}, None
    entries = archive.by_year(listing).get(year, [])
    p = archive.year_pager(lang, year, len(entries), number)
    months = archive.months(p.items(entries), lang)
    return {"year": year, "months": months, "index_url": archive.url(lang)}, p.context(lang)
