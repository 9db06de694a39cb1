"""The Radar listing: every article in a language, newest first, with fallbacks marked."""

from __future__ import annotations

from dataclasses import dataclass

from lilith.content.pages import Article
from lilith.text.dates import long_date
from lilith.text.languages import DEFAULT, prefix


@dataclass(frozen=True)
class ListingEntry:
    """One article as the listing shows it."""

    url: str  # site-relative, in the listing's language
    title: str
    lede: str
    verdict: str
    date_iso: str
    date_text: str
    tags: tuple[str, ...]
    lang: str  # language of the text
    fallback: bool  # True when the listing's language has no translation yet


def entries(articles: list[Article], lang: str) -> list[ListingEntry]:
    """Listing for `lang`: its translation where one exists, else the English text."""
    by_slug: dict[str, dict[str, Article]] = {}
    for article in articles:
        by_slug.setdefault(article.slug, {})[article.lang] = article
    out = []
    for slug, versions in by_slug.items():
        if DEFAULT not in versions:
            continue  # a translation without its English source is a content error, reported by check
        article = versions.get(lang, versions[DEFAULT])
        out.append(
            ListingEntry(
                url=f"{prefix(lang)}radar/{slug}/",
                title=article.meta.title,
                lede=article.meta.description,
                verdict=article.meta.verdict,
                date_iso=article.meta.date.isoformat(),
                date_text=long_date(article.meta.date, lang),
                tags=tuple(article.meta.tags),
                lang=article.lang,
                fallback=article.lang != lang,
            )
        )
    out.sort(key=lambda e: (e.date_iso, e.url), reverse=True)
    return out
