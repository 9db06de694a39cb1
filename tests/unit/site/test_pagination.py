"""Bounded listings: 20 a page, pages 2 … n under `page/<n>/`, newer/older in every language."""

from __future__ import annotations

import pytest
from lilith.site.pagination import PER_PAGE, Pager, numbered_title, page_count, page_src, page_url, pager


def test_page_one_is_the_listing_itself_and_later_pages_sit_under_page():
    assert page_url("", 1) == ""
    assert page_url("", 2) == "page/2/"
    assert page_url("cs/", 7) == "cs/page/7/"
    assert page_url("pl/tags/rag/", 3) == "pl/tags/rag/page/3/"
    assert page_url("glossary/drift/", 2) == "glossary/drift/page/2/"
    assert page_src("cs/", 2) == "cs/page/2.md"
    with pytest.raises(ValueError):
        page_url("", 0)


@pytest.mark.parametrize(
    ("total", "count"), [(0, 1), (1, 1), (20, 1), (21, 2), (40, 2), (41, 3), (1000, 50), (5000, 250)]
)
def test_page_count_is_the_ceiling_and_never_zero(total, count):
    assert PER_PAGE == 20
    assert page_count(total) == count


def test_each_page_holds_its_twenty_and_links_newer_and_older():
    items = list(range(45))
    first, middle, last = (pager("cs/", 45, n) for n in (1, 2, 3))
    assert (list(first.items(items)), list(last.items(items))) == (items[:20], items[40:])
    assert list(middle.items(items)) == items[20:40]
    assert (first.prev_url, first.next_url) == (None, "cs/page/2/")
    assert (middle.prev_url, middle.next_url) == ("cs/", "cs/page/3/")
    assert (last.prev_url, last.next_url) == ("cs/page/2/", None)
    assert middle.url == "cs/page/2/"


def test_every_item_is_on_exactly_one_page_at_any_size():
    for total in (0, 1, 19, 20, 21, 59, 60, 61, 999):
        items = list(range(total))
        count = page_count(total)
        shown = [i for n in range(1, count + 1) for i in pager("", total, n).items(items)]
        assert shown == items
        assert all(len(pager("", total, n).items(items)) <= PER_PAGE for n in range(1, count + 1))


def test_a_page_that_does_not_exist_is_an_error():
    with pytest.raises(ValueError):
        pager("", 45, 4)
    with pytest.raises(ValueError):
        Pager("", 0, 3)


def test_one_page_has_no_pager_to_show():
    assert pager("", 20).context("en") is None
    assert pager("", 0).context("cs") is None


@pytest.mark.parametrize(
    ("lang", "position", "title"),
    [
        ("en", "Page 2 of 7", "Radar – page 2 of 7"),
        ("cs", "Strana 2 z 7", "Radar – strana 2 z 7"),
        ("pl", "Strona 2 z 7", "Radar – strona 2 z 7"),
    ],
)
def test_labels_read_natively_in_each_language(lang, position, title):
    context = pager("", 140, 2).context(lang)
    assert context == {
        "number": 2,
        "count": 7,
        "prev_url": "./",  # the English home, "" (`url` makes "../../" of it)
        "next_url": "page/3/",
        "position": position,
    }
    assert numbered_title("Radar", lang, 2, 7) == title


def test_newer_and_older_labels_exist_in_every_language():
    from lilith.text.strings import t

    assert [t(lang, "pager.newer") for lang in ("en", "cs", "pl")] == ["Newer", "Novější", "Nowsze"]
    assert [t(lang, "pager.older") for lang in ("en", "cs", "pl")] == ["Older", "Starší", "Starsze"]
    assert [t(lang, "archive.title") for lang in ("en", "cs", "pl")] == ["Archive", "Archiv", "Archiwum"]
