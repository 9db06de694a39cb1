"""Related articles: most shared tags and terms, then newest; same language; up to three."""

from __future__ import annotations

import datetime as dt

from lilith.site.related import RelatedIndex, related

from tests.unit.site.listing_fixtures import entry, listing

DAY = dt.date(2026, 11, 19)


def day(i: int) -> dt.date:
    return DAY - dt.timedelta(days=i)


def test_the_most_shared_tags_and_terms_come_first_then_the_newest():
    me = entry("me", day(5), ("rag", "evals"), "cs")
    items = [
        entry("newest-one-tag", day(0), ("rag",), "cs"),
        entry("two-tags", day(9), ("rag", "evals"), "cs"),
        entry("tag-and-term", day(8), ("agents", "evals"), "cs"),
        entry("older-one-tag", day(7), ("rag",), "cs"),
        entry("nothing-shared", day(1), ("training",), "cs"),
    ]
    listing_ = sorted([me, *items], key=lambda e: e.date_iso, reverse=True)
    terms = {me.url: ["drift"], "cs/radar/tag-and-term/": ["drift", "prompt"]}
    found = related(me.url, listing_, terms)
    # two-tags and tag-and-term share 2 (the newer wins the tie), then the newest with 1
    assert [e.url for e in found] == [
        "cs/radar/tag-and-term/",
        "cs/radar/two-tags/",
        "cs/radar/newest-one-tag/",
    ]


def test_at_most_three_never_itself_and_nothing_when_nothing_is_shared():
    items = listing(50, "pl")
    index = RelatedIndex(items, {})
    for item in items:
        found = index.related(item.url)
        assert len(found) == 3
        assert item not in found
        assert all(set(item.tags) & set(other.tags) for other in found)
    alone = [entry("only", DAY, ("rag",))]
    assert related("radar/only/", alone, {}) == []
    strangers = [entry("a", DAY, ("rag",)), entry("b", day(1), ("evals",))]
    assert related("radar/a/", strangers, {"radar/a/": ["x"], "radar/b/": ["y"]}) == []


def test_only_articles_written_in_the_language_count():
    me = entry("me", day(3), ("rag",), "cs")
    fallback = entry("english-only", day(0), ("rag",), "cs", fallback=True)
    czech = entry("czech", day(4), ("rag",), "cs")
    assert [e.url for e in related(me.url, [fallback, me, czech], {})] == ["cs/radar/czech/"]
    assert related("cs/radar/unknown/", [me, czech], {}) == []


def test_ties_go_to_the_newest_at_any_size():
    items = listing(1000, "en")  # tags cycle through five: every fifth article shares the tag
    found = RelatedIndex(items, {}).related(items[500].url)
    assert [e.url for e in found] == [items[0].url, items[5].url, items[10].url]
