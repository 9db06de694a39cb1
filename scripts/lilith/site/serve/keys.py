"""The keys a warm worker tells changed pages by: digests of what each page's output is made of.

A warm worker keys each page by a digest of its inputs (`lilith.site.serve.warm`). Most of
those inputs are our frozen models (listing entries, backlinks, articles), and the same
values come back run after run; `repr` of a dataclass is slow (a tenth of a millisecond
each, tens of thousands a run), so `Digests` digests each frozen value once and remembers it
by value for as long as a run still uses it, and by identity for the objects a run passes
again and again. `PageKeys` digests, per page, what its template shows of the whole site.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping

from lilith.content.pages import ARTICLES_DIR
from lilith.glossary.terms import GLOSSARY_DIR, term_url
from lilith.site import archive, listing_pages, pagination, tags
from lilith.text.languages import DEFAULT, prefix
from lilith.translations.completeness import banner


def _frozen(value: object) -> bool:
    params = getattr(type(value), "__dataclass_params__", None)
    return params is not None and params.frozen


class Digests:
    """`digest(*parts)`: a hex digest of the parts, their frozen dataclasses memoized by value.

    Values seen in the last run or this one are remembered; `next_run()` forgets the rest.
    """

    def __init__(self) -> None:
        self._now: dict[object, bytes] = {}
        self._last: dict[object, bytes] = {}
        self._ids: dict[int, tuple[object, bytes]] = {}  # id -> (the object, kept alive; digest)
        self._ids_last: dict[int, tuple[object, bytes]] = {}

    def __call__(self, *parts: object) -> str:
        h = hashlib.blake2b(digest_size=16)
        for part in parts:
            h.update(self._bytes(part))
            h.update(b"\0")
        return h.hexdigest()

    @staticmethod
    def plain(*parts: object) -> str:
        """The digest of parts made of strings, numbers, bytes, None, and lists, tuples and dicts
        of them only: their `repr` (in C), for the many small facts of every page."""
        return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def of(self, value: object) -> bytes:
        """The bytes a part is digested as (a frozen dataclass: 16 bytes of digest)."""
        seen = self._ids.get(id(value))  # the common case first: a model seen this run
        if seen is not None and seen[0] is value:
            return seen[1]
        return self._bytes(value)

    def next_run(self) -> None:
        """Start a run: values the last run did not use are forgotten."""
        self._last, self._now = self._now, {}
        self._ids_last, self._ids = self._ids, {}

    def _bytes(self, part: object) -> bytes:
        if isinstance(part, str):
            return b"s" + part.encode("utf-8", "surrogatepass")
        if isinstance(part, bytes):
            return b"b" + part
        if isinstance(part, (list, tuple)):
            return b"[" + b"\x1f".join(map(self._bytes, part)) + b"]"
        if isinstance(part, Mapping):
            items = (self._bytes(k) + b"\x1e" + self._bytes(v) for k, v in part.items())
            return b"{" + b"\x1f".join(items) + b"}"
        if _frozen(part):
            seen = self._ids.get(id(part)) or self._ids_last.get(id(part))
            found = seen[1] if seen is not None and seen[0] is part else self._memo(part)
            self._ids[id(part)] = (part, found)
            return found
        return b"r" + repr(part).encode("utf-8", "surrogatepass")

    def _memo(self, value: object) -> bytes:
        try:
            found = self._now.get(value)
        except TypeError:  # a frozen dataclass holding a list or a dict: not hashable
            return self._fields(value)
        if found is None:
            found = self._last.get(value)
            if found is None:
                found = hashlib.blake2b(self._fields(value), digest_size=16).digest()
            self._now[value] = found
        return found

    def _fields(self, value: object) -> bytes:
        name = type(value).__qualname__.encode()
        fields = [getattr(value, f.name) for f in dataclasses.fields(value)]  # type: ignore[arg-type]
        return name + self._bytes(fields)


class PageKeys:
    """What a page's template shows beyond its own source, as one digest (one language).

    `start` takes a run's site-wide facts (the navigation, the listing and what each tag
    lists, the terms every page links); `page` then digests, for each page, only what that
    page shows of them: its banner; an article's header (its version of the slug) and related
    articles; a listing page's window of entries and pager (the home page's, a tag's, a
    glossary entry's backlinks), an archive page's months; its glossary terms; its alternates.
    """

    def __init__(self, lang: str, digest: Digests) -> None:
        self.lang, self.digest = lang, digest
        self.plugin = None
        self.nav_key = self.listing_key = ""
        self.entries: list[bytes] = []  # the listing's entries' digests, newest first
        self.tagged: dict[str, list[bytes]] = {}  # the same, of each tag's entries
        self._articles: dict[int, tuple] = {}
        self.by_url: dict[str, bytes] = {}  # listing entry url -> its digest
        self._related: dict[str, list[str]] = {}  # article url -> its related articles' urls
        self._related_state: tuple | None = None

    def start(self, plugin, nav: list[tuple[str, str]]) -> None:
        """A run's site-wide facts, once every page is read (`plugin`: our plugin, or None)."""
        self.plugin, self.nav_key = plugin, self.digest(nav)
        listing = plugin.pages.listing(self.lang) if plugin is not None else []
        self.entries, self.tagged, self.by_url = [], {}, {}
        for entry in listing:
            digest = self.by_url[entry.url] = self.digest.of(entry)
            self.entries.append(digest)
            for tag in entry.tags:
                self.tagged.setdefault(tag, []).append(digest)
        self.listing_key = self.digest.plain(self.entries)  # the whole listing, from those digests
        # Related articles are ranked by tags, terms and listing order only (site/related.py):
        # while those stay, so does every ranking (a title edit shows in the entries' digests).
        glossary = plugin.glossary if plugin is not None else None
        ranking = [(e.url, e.fallback, e.tags) for e in listing]
        state = self.digest.plain(ranking, sorted(glossary.used.items()) if glossary is not None else None)
        if state != self._related_state:
            self._related, self._related_state = {}, state

    def article(self, article) -> str:
        """A digest of what listings and headers show of an article (memoized by identity:
        unchanged files give the same objects, `lilith.site.serve.inputs`)."""
        cached = self._articles.get(id(article))
        if cached is None or cached[0] is not article:
            digest = self.digest(article.lang, article.slug, article.meta)
            cached = self._articles[id(article)] = (article, digest)
        return cached[1]

    def _related_key(self, url: str) -> bytes:
        """The digests of the article's related articles, ranked again only when the ranking's
        inputs changed (`start`)."""
        ranked = self._related.get(url)
        if ranked is None:
            related = self.plugin.pages.related(self.lang, url, self.plugin.glossary.used)
            ranked = self._related[url] = [entry.url for entry in related]
        return b"".join(self.by_url[u] for u in ranked)

    @staticmethod
    def _window(digests: list[bytes], first_url: str, number: int) -> tuple[int, bytes]:
        """What page `number` of a listing shows: the page count and its entries' digests."""
        p = pagination.pager(first_url, len(digests), number)
        return p.count, b"".join(digests[slice(*p.window)])

    def page(self, page, source_key: str) -> str:
        """The digest of what `page` shows; `source_key`: its Markdown's (`WarmLanguage`)."""
        plugin, lang = self.plugin, self.lang
        src_uri, meta = page.file.src_uri, page.meta
        facts: list[object] = [source_key, self.nav_key, page.canonical_url]
        number = int(meta.get(pagination.META_KEY, 1))  # a listing's page 2 … n
        if plugin is not None:
            facts.append(banner(src_uri, page.url, lang, plugin.content.outdated))
            if src_uri.startswith(f"{ARTICLES_DIR}/"):  # the header shows one version of the slug
                slug = src_uri[len(ARTICLES_DIR) + 1 :].split(".", 1)[0]
                versions = plugin.pages.versions(slug)
                shown = versions.get(lang) or versions.get(DEFAULT)
                facts.append(self.article(shown) if shown is not None else None)
                if plugin.glossary is not None:  # its related articles (site/related.py)
                    facts.append(self._related_key(page.url))
            elif tags.META_KEY in meta:  # a tag page: names and counts, its window of entries
                tag = meta[tags.META_KEY]
                facts.append(self.digest.of(tags.page_context(meta, plugin.pages.articles, lang, [])))
                if tag:
                    facts.append(self._window(self.tagged.get(tag, []), tags.url(lang, tag), number))
            elif meta.get("template") == listing_pages.HOME_TEMPLATE:  # its window of the Radar
                facts.append(self._window(self.entries, prefix(lang), number))
            elif archive.META_KEY in meta:  # a year's months, or the overview's counts
                year, listing = int(meta[archive.META_KEY] or 0), plugin.pages.listing(lang)
                facts.append(self.digest.of(listing_pages.archive_context(year, number, listing, lang)))
            elif not src_uri.startswith(f"{GLOSSARY_DIR}/"):  # any other page may show the listing
                facts.append(self.listing_key)  # glossary pages: their backlinks, below
            glossary = plugin.glossary
            if glossary is not None:
                facts.append(glossary.used.get(page.url))
                term_id = meta.get("glossary_term")
                if term_id:  # its window of the entry's backlinks, and the pager
                    backlinks = glossary.backlinks.get((lang, term_id)) or []
                    p = pagination.pager(term_url(term_id, lang), len(backlinks), number)
                    window = glossary.sorted_backlinks(lang, term_id)[slice(*p.window)]
                    facts.append((p.count, [self.digest.of(b) for b in window]))
        alternates = getattr(page.file, "alternates", None)
        if alternates:
            facts.append(sorted((k, getattr(v, "src_uri", v)) for k, v in alternates.items()))
        return self.digest.plain(*facts)  # every model in them is a digest already
