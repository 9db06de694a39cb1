"""Bounded listings: a long list of articles shown 20 at a time, on pages 1, 2, … n.

Page 1 is the listing's own page (the home page, a tag page, a glossary entry, an archive
year); pages 2 … n sit under it at `page/<n>/`:

    /  /page/2/            /cs/  /cs/page/2/          (the Radar, newest first)
    /tags/rag/  /tags/rag/page/2/                      (a tag)
    /glossary/drift/  /glossary/drift/page/2/          (articles that use a term)
    /archive/2026/  /archive/2026/page/2/              (an archive year)

Plain logic, no MkDocs: `lilith.site.listing_pages` makes the pages' sources and contexts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from lilith.text.strings import t

PER_PAGE = 20  # the home page, tag pages and glossary entries
PAGE_DIR = "page"
META_KEY = "lilith_page"  # front matter of a generated page 2 … n: its number

T = TypeVar("T")


def page_url(first_url: str, number: int) -> str:
    """Site-relative URL of page `number` of the listing whose first page is at `first_url`.

    >>> page_url("cs/tags/rag/", 1), page_url("cs/tags/rag/", 2), page_url("", 3)
    ('cs/tags/rag/', 'cs/tags/rag/page/2/', 'page/3/')
    """
    if number < 1:
        raise ValueError(f"page numbers start at 1, not {number}")
    return first_url if number == 1 else f"{first_url}{PAGE_DIR}/{number}/"


def page_src(first_url: str, number: int) -> str:
    """The generated Markdown file of page `number` ≥ 2 (MkDocs makes it `page_url`)."""
    return f"{page_url(first_url, number).rstrip('/')}.md"


def page_count(total: int, per_page: int = PER_PAGE) -> int:
    """How many pages `total` items fill: at least one (an empty listing still has its page)."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    return max(1, -(-total // per_page))


@dataclass(frozen=True)
class Pager:
    """Page `number` of `count` of one listing."""

    first_url: str
    number: int
    count: int
    per_page: int = PER_PAGE

    def __post_init__(self) -> None:
        if not 1 <= self.number <= max(self.count, 1):
            raise ValueError(f"page {self.number} of {self.count} does not exist")

    @property
    def url(self) -> str:
        return page_url(self.first_url, self.number)

    @property
    def prev_url(self) -> str | None:
        """The newer page (`rel="prev"`), or None on page 1."""
        return page_url(self.first_url, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        """The older page (`rel="next"`), or None on the last page."""
        return page_url(self.first_url, self.number + 1) if self.number < self.count else None

    @property
    def window(self) -> tuple[int, int]:
        """(start, stop) of this page's share of the whole listing."""
        start = (self.number - 1) * self.per_page
        return start, start + self.per_page

    def items(self, listing: Sequence[T]) -> Sequence[T]:
        """This page's share of the whole listing."""
        start, stop = self.window
        return listing[start:stop]

    def context(self, lang: str) -> dict | None:
        """What templates show: newer/older links and "Page 2 of 7"; None when one page holds all."""
        if self.count < 2:
            return None
        prev_url = self.prev_url
        return {
            "number": self.number,
            "count": self.count,
            # the English home is "" (the site root): "./" keeps the `url` filter's trailing slash
            "prev_url": "./" if prev_url == "" else prev_url,
            "next_url": self.next_url,
            "position": position(lang, self.number, self.count),
        }


def pager(first_url: str, total: int, number: int = 1, per_page: int = PER_PAGE) -> Pager:
    """Page `number` of the listing of `total` items whose first page is at `first_url`."""
    return Pager(first_url, number, page_count(total, per_page), per_page)


def position(lang: str, number: int, count: int) -> str:
    """'Page 2 of 7', 'Strana 2 z 7', 'Strona 2 z 7'."""
    return t(lang, "pager.position").format(n=number, count=count)


def numbered_title(title: str, lang: str, number: int, count: int) -> str:
    """The title of page 2 … n: 'Radar – page 2 of 7'."""
    return t(lang, "pager.title").format(title=title, n=number, count=count)
