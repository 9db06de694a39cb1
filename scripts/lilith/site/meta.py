"""Sharing metadata: Open Graph and Twitter card tags in each page's language.

Material already writes `<link rel="canonical">` (site_url + page URL, right for /cs/ and /pl/)
and `<meta name="description">`; the plugin writes the hreflang alternates. This module adds what
link previews read: translated title and lede, the canonical URL, the locale and its alternates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from lilith.text.languages import BABEL_LOCALES, LANGUAGES


@dataclass(frozen=True)
class MetaTag:
    """One `<meta>`: `attr` is 'property' (Open Graph) or 'name' (Twitter)."""

    attr: str
    key: str
    content: str

    def html(self) -> str:
        return f'<meta {self.attr}="{self.key}" content="{escape(self.content, quote=True)}">'


def sharing_tags(
    *,
    lang: str,
    title: str,
    description: str,
    url: str,
    site_name: str,
    published: dt.date | None = None,
    tags: list[str] | tuple[str, ...] = (),
) -> list[MetaTag]:
    """Open Graph and Twitter tags of a page; `published` makes it an article.

    `lang` is the language of the text (a fallback page shows English text in /cs/).
    """
    og = [
        ("og:type", "article" if published else "website"),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
        ("og:site_name", site_name),
        ("og:locale", BABEL_LOCALES[lang]),
        *(("og:locale:alternate", BABEL_LOCALES[other]) for other in LANGUAGES if other != lang),
    ]
    if published:
        og.append(("article:published_time", published.isoformat()))
        og.extend(("article:tag", tag) for tag in tags)
    twitter = [
        ("twitter:card", "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    return [MetaTag("property", k, v) for k, v in og] + [MetaTag("name", k, v) for k, v in twitter]


def render(tags: list[MetaTag]) -> str:
    """The tags as HTML for the head, one per line."""
    return "\n".join(tag.html() for tag in tags)
