"""Related articles: up to three at the end of each article, in the article's language.

Score = shared tags + shared glossary terms; ties go to the newest article. Only articles
written in the listing's language count (an English fallback is not "in its language"),
and an article sharing nothing is never related. The terms are the ones the glossary
linked on each article page (`GlossarySite.used`): every article of a language is linked
before any page template runs, so they are known when the first article is rendered.
Plain logic, no MkDocs.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection, Mapping

from lilith.site.listing import ListingEntry

LIMIT = 3


class RelatedIndex:
    """Related articles of one language's listing (inverted index: tag or term -> articles)."""

    def __init__(self, listing: list[ListingEntry], terms_of: Mapping[str, Collection[str]]) -> None:
        # listing order is newest first, so a lower position wins a tie
        self.entries = [entry for entry in listing if not entry.fallback]
        self.position = {entry.url: i for i, entry in enumerate(self.entries)}
        self.keys: dict[str, set[tuple[str, str]]] = {}
        self.postings: dict[tuple[str, str], list[int]] = {}
        for i, entry in enumerate(self.entries):
            keys = {("tag", tag) for tag in entry.tags} | {
                ("term", term) for term in terms_of.get(entry.url, ())
            }
            self.keys[entry.url] = keys
            for key in keys:
                self.postings.setdefault(key, []).append(i)

    def related(self, url: str, limit: int = LIMIT) -> list[ListingEntry]:
        """The article at `url`'s related articles, best first; [] when it shares nothing."""
        me = self.position.get(url)
        if me is None:
            return []
        scores: Counter[int] = Counter()
        for key in self.keys[url]:
            scores.update(self.postings[key])
        del scores[me]
        best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))
        return [self.entries[i] for i, _ in best]


def related(
    url: str, listing: list[ListingEntry], terms_of: Mapping[str, Collection[str]], limit: int = LIMIT
) -> list[ListingEntry]:
    """One article's related articles (see `RelatedIndex` for many)."""
    return RelatedIndex(listing, terms_of).related(url, limit)
