"""The archive of each language: every article by year and month.

    /archive/                  years and their months, with counts (`/cs/archive/`, `/pl/archive/`)
    /archive/2026/             that year's articles by month, newest first
    /archive/2026/page/2/      … when a year holds more than `PER_PAGE` articles

The overview names each month once, so it stays small at any N; a year page holds at most
`PER_PAGE` one-line entries (about 40 KB of HTML), so no archive page outgrows 100 KB.
Month names come from Babel in the page's language, nominative („listopad 2026“).
Plain logic, no MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import format_date

from lilith.site.listing import ListingEntry
from lilith.site.pagination import Pager, page_count, page_url
from lilith.text.languages import BABEL_LOCALES, prefix

ARCHIVE_DIR = "archive"
TEMPLATE = "archive.html"
META_KEY = "lilith_archive"  # front matter of a generated archive page: a year, or "" for the overview
PER_PAGE = 200  # entries on one year page


def url(lang: str, year: int | None = None) -> str:
    """Site-relative URL of the archive overview (no `year`) or of a year's first page."""
    return f"{prefix(lang)}{ARCHIVE_DIR}/" + (f"{year}/" if year else "")


@lru_cache(maxsize=1024)
def month_name(year: int, month: int, lang: str) -> str:
    """'November 2026', 'listopad 2026', 'listopad 2026' (stand-alone, nominative)."""
    return format_date(dt.date(year, month, 1), format="LLLL y", locale=BABEL_LOCALES[lang])


def anchor(year: int, month: int) -> str:
    """The id of a month's heading on its year page: 'm2026-11'."""
    return f"m{year}-{month:02d}"


def by_year(listing: list[ListingEntry]) -> dict[int, list[ListingEntry]]:
    """{year: entries}, newest year first, entries in listing order (newest first)."""
    years: dict[int, list[ListingEntry]] = {}
    for entry in listing:
        years.setdefault(int(entry.date_iso[:4]), []).append(entry)
    return dict(sorted(years.items(), reverse=True))


@dataclass(frozen=True)
class Month:
    """One month of one year page: its heading and its entries on that page."""

    name: str
    id: str
    entries: tuple[ListingEntry, ...]


def months(entries: list[ListingEntry] | tuple[ListingEntry, ...], lang: str) -> list[Month]:
    """Entries (newest first) grouped by month, newest month first."""
    groups: dict[tuple[int, int], list[ListingEntry]] = {}
    for entry in entries:
        groups.setdefault((int(entry.date_iso[:4]), int(entry.date_iso[5:7])), []).append(entry)
    return [Month(month_name(y, m, lang), anchor(y, m), tuple(items)) for (y, m), items in groups.items()]


def year_pager(lang: str, year: int, total: int, number: int = 1) -> Pager:
    return Pager(url(lang, year), number, page_count(total, PER_PAGE), PER_PAGE)


def overview(listing: list[ListingEntry], lang: str, count_text) -> list[dict]:
    """The overview: each year (newest first) with its months, counts and links.

    A month links to the page of its year where its first article is (`#m2026-11`).
    `count_text(n, lang)` writes '3 articles' in the language.
    """
    out = []
    for year, entries in by_year(listing).items():
        first_url = url(lang, year)
        month_rows: dict[int, dict] = {}
        for i, entry in enumerate(entries):
            month = int(entry.date_iso[5:7])
            row = month_rows.get(month)
            if row is None:
                target = page_url(first_url, i // PER_PAGE + 1)
                row = month_rows[month] = {
                    "name": month_name(year, month, lang),
                    "url": target,
                    "anchor": anchor(year, month),
                    "count": 0,
                }
            row["count"] += 1
        for row in month_rows.values():
            row["count_text"] = count_text(row["count"], lang)
        out.append(
            {
                "year": year,
                "url": first_url,
                "count_text": count_text(len(entries), lang),
                "months": list(month_rows.values()),
            }
        )
    return out
