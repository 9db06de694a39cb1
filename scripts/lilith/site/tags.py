"""Tags: their translated names, the check that every tag is known, and the tag pages.

An article's front matter lists tag ids (`tags: [rag, evals]`); each id's name lives in
`strings.yml` as `tag.<id>` in every language. Every language gets a tag index (`tags/`,
`cs/tags/`, `pl/tags/`) and one page per tag (`cs/tags/rag/`). The pages are generated as MkDocs
files after static-i18n has sorted the docs, so Material renders them like any page, they land
in their language's sitemap (the plugin lists every page it built) and they stay out of the
sidebar (not in nav; DESIGN trap 11).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from lilith.content.pages import Article, ContentError, parse_document
from lilith.site.listing import ListingEntry, entries
from lilith.text import strings
from lilith.text.languages import BABEL_LOCALES, prefix

TAGS_DIR = "tags"
TEMPLATE = "tags.html"
META_KEY = "lilith_tag"  # front matter of a generated page: a tag id, or "" for the index


def key(tag: str) -> str:
    """The strings.yml key of a tag's name."""
    return f"tag.{tag}"


def is_known(tag: str) -> bool:
    """True when strings.yml names the tag."""
    return bool(strings.load().get(key(tag)))


def name(tag: str, lang: str) -> str:
    """The tag's name in `lang` (English when a translation is missing)."""
    return strings.t(lang, key(tag))


def url(lang: str, tag: str | None = None) -> str:
    """Site-relative URL of the tag index (no `tag`) or of one tag's page."""
    return f"{prefix(lang)}{TAGS_DIR}/" + (f"{tag}/" if tag else "")


def count_text(count: int, lang: str) -> str:
    """'1 article', '3 články', '5 artykułów': the plural form Babel picks for `lang`."""
    form = Locale.parse(BABEL_LOCALES[lang]).plural_form(count)
    return strings.t(lang, f"tags.count.{form}").format(n=count)


def tag_line(article: Article, tag: str) -> int:
    """Line of `tag` in the article's front matter (the `tags:` line when not found alone)."""
    doc = parse_document(article.path)
    lines = doc.front_matter.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"tags\s*:", line)), None)
    if start is None:
        return 2
    word = re.compile(rf"(?<![\w-]){re.escape(tag)}(?![\w-])")
    for i in range(start, len(lines)):
        if i > start and lines[i][:1] not in (" ", "-", ""):
            break  # the next top-level key
        if word.search(lines[i].split("#", 1)[0]):
            return i + 2  # front matter starts on line 2
    return start + 2


def check_known(articles: Iterable[Article], root: Path | None = None) -> None:
    """Raise `ContentError` at the first tag that strings.yml does not name.

    The error's path is relative to `root` (the project directory) when given.
    """
    for article in articles:
        for tag in article.meta.tags:
            if not is_known(tag):
                path = article.path
                if root is not None and path.is_relative_to(root):
                    path = path.relative_to(root)
                raise ContentError(
                    path,
                    tag_line(article, tag),
                    f"unknown tag '{tag}'; use a known tag or add '{key(tag)}' "
                    "with en, cs and pl names to scripts/lilith/text/strings.yml",
                )


@dataclass(frozen=True)
class Tag:
    """A tag as one language shows it."""

    id: str
    name: str
    url: str  # site-relative, in that language
    count: int
    count_text: str


def used(articles: Iterable[Article]) -> list[str]:
    """Every tag id some article uses, sorted."""
    return sorted({tag for article in articles for tag in article.meta.tags})


def tags_in(articles: list[Article], lang: str) -> list[Tag]:
    """Every used tag in `lang`, sorted by its translated name, with article counts."""
    listing = entries(articles, lang)
    out = []
    for tag in used(articles):
        count = sum(tag in entry.tags for entry in listing)
        out.append(Tag(tag, name(tag, lang), url(lang, tag), count, count_text(count, lang)))
    return sorted(out, key=lambda t: (t.name.casefold(), t.id))


def links(tag_ids: Iterable[str], lang: str) -> list[dict[str, str]]:
    """An article's tags as links for its header: id, translated name and URL."""
    return [{"id": tag, "name": name(tag, lang), "url": url(lang, tag)} for tag in tag_ids]


def tagged(listing: list[ListingEntry], tag: str) -> list[ListingEntry]:
    """The listing entries that carry `tag`, in listing order (newest first)."""
    return [entry for entry in listing if tag in entry.tags]


def page_title(lang: str, tag: str | None) -> str:
    """Title of the tag index or of one tag's page."""
    if tag is None:
        return strings.t(lang, "tags.index.title")
    return strings.t(lang, "tags.page.title").format(tag=name(tag, lang))


def page_sources(articles: list[Article], lang: str) -> dict[str, str]:
    """{src_uri: Markdown} of the tag pages of `lang`: the index and one page per used tag."""
    pages: dict[str, str] = {}
    for tag in [None, *used(articles)]:
        src_uri = f"{prefix(lang)}{TAGS_DIR}/{tag or 'index'}.md"
        front = {
            "title": page_title(lang, tag),
            "template": TEMPLATE,
            META_KEY: tag or "",
            "search": {"exclude": True},  # search finds articles; tag pages only list them
        }
        # JSON is YAML: every value is quoted and escaped.
        body = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items())
        pages[src_uri] = f"---\n{body}\n---\n"
    return pages


def page_context(
    meta: dict, articles: list[Article], lang: str, listing: list[ListingEntry] | None = None
) -> dict | None:
    """Template context of a generated tag page, or None for any other page.

    `listing`: the language's Radar listing when the caller has it (else made from `articles`).
    """
    if META_KEY not in meta:
        return None
    tag = meta[META_KEY] or None
    context = {"id": tag, "index_url": url(lang), "index_title": page_title(lang, None)}
    if tag is None:  # the index
        context["tags"] = tags_in(articles, lang)
    else:
        context["name"] = name(tag, lang)
        context["entries"] = tagged(listing if listing is not None else entries(articles, lang), tag)
    return context
