"""What templates see as `lilith`: one build's page contexts, made from our own models.

`PageContexts` holds what every page's context is made from (the articles, each
language's listing, each article's versions) and makes each of them once per build: every
page carries the listing, and making it per page made a build quadratic in the articles.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from lilith.content.pages import ARTICLES_DIR, Article
from lilith.site import feeds, listing, meta, related, sitemap, tags
from lilith.text.dates import long_date
from lilith.text.languages import DEFAULT, NAMES, alternates
from lilith.text.strings import Translator


def head_alternates(url: str, site_url: str) -> list[dict[str, str]]:
    """`config.extra.alternate` for Material's head: one `<link rel="alternate" hreflang>` a language."""
    return [
        {"name": NAMES.get(a["lang"], a["lang"]), "lang": a["lang"], "link": a["href"]}
        for a in sitemap.head_alternates(url, site_url)
    ]


@dataclass
class PageContexts:
    """The `lilith` template context of one site build's pages."""

    articles: list[Article] = field(default_factory=list)
    _listings: dict[str, list[listing.ListingEntry]] = field(default_factory=dict, repr=False)
    _versions: dict[str, dict[str, Article]] | None = field(default=None, repr=False)
    _related: dict[str, related.RelatedIndex] = field(default_factory=dict, repr=False)

    def listing(self, lang: str) -> list[listing.ListingEntry]:
        """The language's listing, newest first."""
        if lang not in self._listings:
            self._listings[lang] = listing.entries(self.articles, lang)
        return self._listings[lang]

    def related(self, lang: str, url: str, terms_of: Mapping[str, Collection[str]]) -> list:
        """Up to three related articles of the article at `url` (`lilith.site.related`).

        `terms_of`: {page url: glossary terms it links}, complete once every page of the
        language is linked, which is before the first page template runs.
        """
        if lang not in self._related:
            self._related[lang] = related.RelatedIndex(self.listing(lang), terms_of)
        return self._related[lang].related(url)

    def versions(self, slug: str) -> dict[str, Article]:
        """{lang: article} of one slug (looked up on every article page)."""
        if self._versions is None:
            self._versions = {}
            for article in self.articles:
                self._versions.setdefault(article.slug, {})[article.lang] = article
        return self._versions.get(slug, {})

    def base(self, lang: str, url: str) -> dict:
        """What every page and static template of `lang` gets."""
        return {
            "lang": lang,
            "t": Translator(lang),
            "languages": [
                {"lang": code, "name": NAMES[code], "url": alt, "current": code == lang}
                for code, alt in alternates(url).items()
            ],
            "article": None,
            "listing": self.listing(lang),
            "feed": {"url": feeds.path(lang), "type": feeds.MEDIA_TYPE},
            "tags_url": tags.url(lang),
        }

    def article(self, src_uri: str, url: str, lang: str) -> dict | None:
        """An article page's header data (its version in `lang`, else the English one)."""
        if not src_uri.startswith(f"{ARTICLES_DIR}/"):
            return None
        versions = self.versions(url.rstrip("/").rsplit("/", 1)[-1])
        article = versions.get(lang) or versions.get(DEFAULT)
        if article is None:
            return None
        return {
            "meta": article.meta,
            "lang": article.lang,
            "fallback": article.lang != lang,
            "date_text": long_date(article.meta.date, lang),
            "tags": tags.links(article.meta.tags, lang),
        }


def sharing(
    *, lang: str, url: str, site_name: str, title: str, description: str, article: dict | None
) -> str:
    """Open Graph and Twitter tags of a page (see `lilith.site.meta`); an article's come from it."""
    if article is not None:
        a = article["meta"]
        tag_names = [tag["name"] for tag in tags.links(a.tags, article["lang"])]
        found = meta.sharing_tags(
            lang=article["lang"], title=a.title, description=a.description, url=url,
            site_name=site_name, published=a.date, tags=tag_names,
        )  # fmt: skip
    else:
        found = meta.sharing_tags(
            lang=lang, title=title, description=description, url=url, site_name=site_name
        )
    return meta.render(found)
