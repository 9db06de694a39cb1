"""Generated listing pages: home and tag pages 2 … n, the archive; feeds of the newest 50."""

from __future__ import annotations

import datetime as dt

import yaml
from lilith.site import listing_pages
from lilith.site.pagination import META_KEY

from tests.unit.site.listing_fixtures import listing


def front(markdown: str) -> dict:
    assert markdown.startswith("---\n") and markdown.endswith("\n---\n")
    return yaml.safe_load(markdown[4:-5])


def test_home_tag_and_archive_pages_of_a_long_listing_in_czech():
    pages = listing_pages.sources(listing(101, "cs", start=dt.date(2026, 11, 19)), "cs")
    home = sorted(src for src in pages if src.startswith("cs/page/"))
    assert home == ["cs/page/2.md", "cs/page/3.md", "cs/page/4.md", "cs/page/5.md", "cs/page/6.md"]
    second = front(pages["cs/page/2.md"])
    assert second == {
        "title": "Radar – strana 2 z 6",
        "template": "home.html",
        META_KEY: 2,
        "search": {"exclude": True},
    }
    # tags cycle through five: 21 articles each for evals (index 0, 5, …), 20 for the others
    assert "cs/tags/evals/page/2.md" in pages and "cs/tags/rag/page/2.md" not in pages
    evals = front(pages["cs/tags/evals/page/2.md"])
    assert (evals["title"], evals["lilith_tag"], evals["template"]) == (
        "Články se štítkem Evaly – strana 2 z 2",
        "evals",
        "tags.html",
    )
    assert front(pages["cs/archive/index.md"])["title"] == "Archiv"
    assert front(pages["cs/archive/2026.md"])["title"] == "Archiv 2026"
    assert front(pages["cs/archive/2026.md"])["lilith_archive"] == 2026
    assert "cs/archive/2026/page/2.md" not in pages  # 101 fit one year page


def test_one_article_gets_no_page_two_only_the_archive():
    pages = listing_pages.sources(listing(1, "pl"), "pl")
    assert sorted(pages) == ["pl/archive/2026.md", "pl/archive/index.md"]
    assert front(pages["pl/archive/index.md"])["title"] == "Archiwum"


def test_every_english_page_is_out_of_the_search():
    pages = listing_pages.sources(listing(250, "en", step_days=0), "en")
    assert "page/13.md" in pages and "page/14.md" not in pages
    assert "archive/2026/page/2.md" in pages  # 250 on one day: two archive pages of 200
    assert all(front(md)["search"] == {"exclude": True} for md in pages.values())
    assert front(pages["page/13.md"])["title"] == "Radar – page 13 of 13"
