"""One Atom feed per language: title, lede, verdict, date, link and tags of every article."""

from __future__ import annotations

from pathlib import Path

import feedparser
from lilith.content.pages import load_articles
from lilith.site import feeds

from tests.unit.content.test_pages import GOOD, write

SITE = "https://lilith.test/"


def articles(tmp_path: Path) -> list:
    write(tmp_path, "a.md", GOOD.replace("The lede.", "The lede & <more>."))
    czech = GOOD.replace("A title", "Titulek").replace("Short verdict.", "Krátký verdikt.")
    write(tmp_path, "a.cs.md", czech)
    write(tmp_path, "b.md", GOOD.replace("2026-11-20", "2026-11-22").replace("A title", "Newer"))
    return load_articles(tmp_path)


def czech_info() -> feeds.FeedInfo:
    return feeds.FeedInfo("cs", "Lilith · radar", "Komentáře k AI engineeringu.", "Lilith")


def test_feed_parses_cleanly_with_every_article_newest_first(tmp_path):
    path = feeds.write(tmp_path / "site", czech_info(), articles(tmp_path), SITE)
    assert path == tmp_path / "site" / "cs" / "feed.xml"
    feed = feedparser.parse(path.read_bytes())

    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Lilith · radar"
    assert feed.feed.language == "cs"
    assert feed.feed.updated == "2026-11-22T00:00:00Z"
    assert [e.link for e in feed.entries] == [SITE + "cs/radar/b/", SITE + "cs/radar/a/"]
    newer, czech = feed.entries
    assert (czech.title, czech.published, czech.summary) == ("Titulek", "2026-11-20T00:00:00Z", "The lede.")
    assert czech.content[0].value == "<p>The lede.</p>\n<p><strong>Verdikt:</strong> Krátký verdikt.</p>"
    assert [(t.term, t.label) for t in czech.tags] == [("evals", "Evaly"), ("rag", "RAG")]
    assert newer.title == "Newer"


def test_an_english_fallback_entry_is_marked_english_in_the_czech_feed(tmp_path):
    xml = feeds.render(czech_info(), [], SITE, {})
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="cs">' in xml
    path = feeds.write(tmp_path / "site", czech_info(), articles(tmp_path), SITE)
    text = path.read_text(encoding="utf-8")
    assert '<entry xml:lang="en">' in text  # "Newer" has no Czech translation yet
    assert text.count("<entry") == 2


def test_text_is_escaped_not_injected(tmp_path):
    info = feeds.FeedInfo("en", "Lilith", "About AI.", "Lilith")
    feed = feedparser.parse(feeds.write(tmp_path / "site", info, articles(tmp_path), SITE).read_bytes())
    older = feed.entries[1]
    assert feed.bozo == 0
    assert older.summary == "The lede & <more>."
    assert older.content[0].value.startswith("<p>The lede &amp; &lt;more&gt;.</p>")


def test_an_empty_feed_is_still_valid(tmp_path):
    info = feeds.FeedInfo("pl", "Lilith", "O AI.", "Lilith")
    feed = feedparser.parse(feeds.render(info, [], SITE, {}).encode())
    assert feed.bozo == 0 and feed.entries == []
    assert feeds.path("pl") == "pl/feed.xml" and feeds.path("en") == "feed.xml"


def test_a_feed_holds_the_newest_fifty(tmp_path):
    for i in range(60):
        day = f"2026-{1 + i // 28:02d}-{1 + i % 28:02d}"
        write(tmp_path, f"n{i:02d}.md", GOOD.replace("2026-11-20", day))
    info = feeds.FeedInfo("en", "Lilith", "About AI.", "Lilith")
    feed = feedparser.parse(feeds.write(tmp_path / "site", info, load_articles(tmp_path), SITE).read_bytes())
    assert feeds.FEED_SIZE == 50
    assert len(feed.entries) == 50
    assert feed.entries[0].link == SITE + "radar/n59/" and feed.entries[-1].link == SITE + "radar/n10/"
    assert feed.feed.updated == "2026-03-04T00:00:00Z"
