"""One Atom feed per language: `feed.xml` at each language's root (`/`, `/cs/`, `/pl/`).

Each holds the newest `FEED_SIZE` (50) articles; each entry carries the article's title, lede,
verdict, date, link and translated tags. The feed sits at the language root on purpose:
Material fetches `sitemap.xml` beside every `<link rel="alternate">` in the head, and beside
the feed that is the language's own sitemap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path
from xml.etree import ElementTree as ET

from lilith.content.pages import Article
from lilith.site import tags
from lilith.site.listing import ListingEntry, entries
from lilith.site.sitemap import absolute
from lilith.text import strings
from lilith.text.languages import prefix

FEED_FILE = "feed.xml"
FEED_SIZE = 50  # the newest entries a feed holds; the archive has the rest
MEDIA_TYPE = "application/atom+xml"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EPOCH = "1970-01-01T00:00:00Z"


def path(lang: str) -> str:
    """Site-relative path of the feed of `lang`."""
    return prefix(lang) + FEED_FILE


@dataclass(frozen=True)
class FeedInfo:
    """What a language's feed says about the site."""

    lang: str
    title: str  # the language's site name
    subtitle: str  # the language's site description
    author: str


def timestamp(date_iso: str) -> str:
    """An RFC 3339 timestamp for an article date (midnight UTC)."""
    return dt.date.fromisoformat(date_iso).isoformat() + "T00:00:00Z"


def entry_html(entry: ListingEntry, lang: str) -> str:
    """The entry's content: lede, then the verdict (as the listing shows them)."""
    label = strings.t(lang, "verdict.short")
    return f"<p>{escape(entry.lede)}</p>\n<p><strong>{escape(label)}:</strong> {escape(entry.verdict)}</p>"


def render(info: FeedInfo, listing: list[ListingEntry], site_url: str, tag_names: dict[str, str]) -> str:
    """The Atom document of one language, newest entry first."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        el.text = text
        return el

    home = absolute(site_url, prefix(info.lang))
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: info.lang})
    sub(feed, "id", home)
    sub(feed, "title", info.title)
    sub(feed, "subtitle", info.subtitle)
    sub(feed, "link", rel="alternate", type="text/html", href=home, hreflang=info.lang)
    sub(feed, "link", rel="self", type=MEDIA_TYPE, href=absolute(site_url, path(info.lang)))
    sub(feed, "updated", max((timestamp(e.date_iso) for e in listing), default=_EPOCH))
    sub(sub(feed, "author"), "name", info.author)
    for entry in listing:
        item = sub(feed, "entry")
        if entry.fallback:
            item.set(XML_LANG, entry.lang)
        link = absolute(site_url, entry.url)
        sub(item, "id", link)
        sub(item, "title", entry.title)
        sub(item, "link", rel="alternate", type="text/html", href=link)
        sub(item, "published", timestamp(entry.date_iso))
        sub(item, "updated", timestamp(entry.date_iso))
        for tag in entry.tags:
            sub(item, "category", term=tag, label=tag_names.get(tag, tag))
        sub(item, "summary", entry.lede)
        sub(item, "content", entry_html(entry, info.lang), type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def write(site_dir: Path, info: FeedInfo, articles: list[Article], site_url: str) -> Path:
    """Write the feed of `info.lang` (the newest `FEED_SIZE` articles of its listing); returns its path."""
    names = {tag: tags.name(tag, info.lang) for tag in tags.used(articles)}
    target = site_dir / path(info.lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        render(info, entries(articles, info.lang)[:FEED_SIZE], site_url, names), encoding="utf-8"
    )
    return target
