"""Bounded listings on a generated site (bench/corpus.py, 55 articles × 3 languages).

Home, tag pages and glossary entries show 20 articles a page with pages 2 … n; every
language has an archive by year and month; feeds hold the newest 50; articles end with up
to three related articles in their language. Built both ways: `python -m lilith build`
(parallel) and `mkdocs build`, byte for byte the same.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest

from bench.corpus import generate
from bench.measure import largest_listing_page
from tests.build.test_parallel_build import assert_same_site, parallel_build
from tests.conftest import mkdocs_build

N = 55
URL = "http://127.0.0.1:9/"
PREFIX = {"en": "", "cs": "cs/", "pl": "pl/"}
LABELS = {
    "en": ("Pages of this list", "Newer", "Older", "Page 2 of 3", "Archive"),
    "cs": ("Stránky tohoto seznamu", "Novější", "Starší", "Strana 2 z 3", "Archiv"),
    "pl": ("Strony tej listy", "Nowsze", "Starsze", "Strona 2 z 3", "Archiwum"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    return generate(N, tmp_path_factory.mktemp("corpus") / str(N))


@pytest.fixture(scope="module")
def site(corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("listings") / "site"
    result = parallel_build(corpus.config, out, URL, "--strict", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def radar_items(page: str) -> list[str]:
    return re.findall(
        r'<li class="lilith-radar__item"[^>]*>\s*<article>\s*'
        r'<h2 class="lilith-radar__title">\s*<a href="([^"]+)"',
        page,
    )


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_home_shows_twenty_then_pages_two_and_three_with_prev_next(site, lang):
    nav, newer, older, position, archive = LABELS[lang]
    assert archive in html(site, PREFIX[lang] + "archive/")
    first, second, third = (html(site, PREFIX[lang] + p) for p in ("", "page/2/", "page/3/"))
    assert not (site / PREFIX[lang] / "page" / "4").exists()
    assert [len(radar_items(p)) for p in (first, second, third)] == [20, 20, 15]
    assert len(set(radar_items(first) + radar_items(second) + radar_items(third))) == N
    assert '<link rel="next" href="page/2/">' in first and 'rel="prev"' not in first
    # the listing's pages, not Material's nav neighbour (the home page's next is the glossary)
    assert first.count('<link rel="next"') == 1 and 'rel="next" href="glossary/"' not in first
    assert '<link rel="prev" href="../../">' in second and '<link rel="next" href="../3/">' in second
    assert '<link rel="prev" href="../2/">' in third and '<link rel="next"' not in third
    assert f'<nav class="lilith-pager" aria-label="{nav}">' in second
    assert f"> {newer}</a>" in second and f">{older} <" in second and position in second
    assert f'rel="prev"><span aria-hidden="true">←</span> {newer}</a>' in second
    assert '<p class="lilith-archive-link"><a href="../../archive/">' in second
    assert "<title>Radar – " in second
    assert f'<html lang="{lang}"' in second


def test_every_listing_page_stays_under_100_kb(site):
    path, size = largest_listing_page(site)
    assert size <= 100_000, (path, size)


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_feeds_hold_the_newest_fifty(site, lang):
    feed = feedparser.parse((site / PREFIX[lang] / "feed.xml").read_bytes())
    assert feed.bozo == 0 and len(feed.entries) == 50
    dates = [e.published for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_tag_and_glossary_pages_two_list_the_rest(site, lang):
    tag_pages = sorted((site / PREFIX[lang] / "tags").glob("*/page/2/index.html"))
    assert tag_pages, "some tag has more than 20 articles"
    for page2 in tag_pages:
        tag_dir = page2.parents[2]
        shown = radar_items((tag_dir / "index.html").read_text(encoding="utf-8"))
        for n in range(2, 10):
            page = tag_dir / "page" / str(n) / "index.html"
            if page.exists():
                shown += radar_items(page.read_text(encoding="utf-8"))
        assert len(shown) == len(set(shown))
        assert len(shown) > 20
    entries = sorted((site / PREFIX[lang] / "glossary").glob("*/page/2/index.html"))
    assert entries, "some term is used by more than 20 articles"
    for page2 in entries:
        text = page2.read_text(encoding="utf-8")
        items = re.findall(r'<li><a href="([^"]+)">', text.split("lilith-glossary-backlinks", 1)[1])
        assert 0 < len(items) <= 20
        assert 'rel="prev" href="../../">' in text and LABELS[lang][1] in text
        entry = (page2.parents[2] / "index.html").read_text(encoding="utf-8")
        assert '<link rel="next" href="page/2/">' in entry


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_the_archive_lists_every_article_once_by_month(site, lang):
    overview = html(site, PREFIX[lang] + "archive/")
    month = {"en": "November 2026", "cs": "listopad 2026", "pl": "listopad 2026"}[lang]
    assert f">{month}</a>" in overview
    years = sorted((site / PREFIX[lang] / "archive").glob("20*/index.html"))
    links = []
    for year in years:
        links += re.findall(
            r'<li(?: lang="en")?><a href="([^"]+radar/[^"]+)">', year.read_text(encoding="utf-8")
        )
    assert len(links) == N and len(set(links)) == N


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_articles_end_with_up_to_three_related_in_their_language(site, lang):
    articles = sorted((site / PREFIX[lang] / "radar").glob("*/index.html"))
    assert len(articles) == N
    counts = []
    for path in articles:
        text = path.read_text(encoding="utf-8")
        block = re.search(r'<section class="lilith-related".*?</section>', text, re.S)
        links = re.findall(r'<a href="([^"]+)">', block.group(0)) if block else []
        counts.append(len(links))
        assert all(re.fullmatch(r"\.\./[a-z0-9-]+/", link) for link in links), links  # same language
        assert f"../{path.parent.name}/" not in links
    assert max(counts) == 3 and min(counts) >= 1


def test_new_pages_are_in_the_sitemap_and_out_of_the_search(site):
    sitemap = (site / "cs" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{URL}cs/page/2/</loc>" in sitemap and f"<loc>{URL}cs/archive/</loc>" in sitemap
    index = json.loads((site / "cs" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [
        d["location"] for d in index["docs"] if "page/" in d["location"] or "archive/" in d["location"]
    ]


def test_the_sequential_build_writes_the_same_bytes(corpus, site, tmp_path):
    sequential = tmp_path / "seq"
    mkdocs_build(sequential, URL, corpus.config)
    assert_same_site(sequential, site)


@pytest.mark.parametrize("lang", ["en", "cs", "pl"])
def test_the_real_site_has_one_page_per_listing_no_related_box_and_an_archive(built_site, lang):
    home = (built_site / PREFIX[lang] / "index.html").read_text(encoding="utf-8")
    article = (
        built_site / PREFIX[lang] / "radar" / "fine-tuning-no-longer-default" / "index.html"
    ).read_text(encoding="utf-8")
    assert not (built_site / PREFIX[lang] / "page").exists()
    assert "lilith-pager" not in home and 'rel="next" href="page/2/"' not in home
    assert '<link rel="next" href="glossary/">' in home  # Material's, the nav's next page, as before
    assert '<p class="lilith-archive-link"><a href="archive/">' in home
    assert "lilith-related" not in article  # one article: nothing related, no empty box
    year = (built_site / PREFIX[lang] / "archive" / "2026" / "index.html").read_text(encoding="utf-8")
    assert "../../radar/fine-tuning-no-longer-default/" in year


@pytest.mark.parametrize("lang", ["cs", "pl"])
def test_generated_listing_pages_carry_no_translation_banner(site, lang):
    """Pages 2 … n and the archive are written in their language: never "not translated yet"."""
    root = site / PREFIX[lang]
    pages = [
        *root.glob("page/*/index.html"),
        *root.glob("tags/*/page/*/index.html"),
        *root.glob("glossary/*/page/*/index.html"),
        *root.glob("archive/**/index.html"),
    ]
    assert len(pages) > 10
    assert [
        p.relative_to(site).as_posix() for p in pages if 'class="lilith-banner' in p.read_text("utf-8")
    ] == []
