"""The archive: years and months (Babel, nominative), one page per year, 200 entries a page."""

from __future__ import annotations

import datetime as dt

from lilith.site import archive, tags

from tests.unit.site.listing_fixtures import listing


def test_month_names_are_nominative_in_each_language():
    assert archive.month_name(2026, 11, "en") == "November 2026"
    assert archive.month_name(2026, 11, "cs") == "listopad 2026"
    assert archive.month_name(2026, 11, "pl") == "listopad 2026"
    assert archive.month_name(2027, 2, "cs") == "únor 2027"
    assert archive.month_name(2027, 2, "pl") == "luty 2027"


def test_urls_per_language():
    assert archive.url("en") == "archive/"
    assert archive.url("cs") == "cs/archive/"
    assert archive.url("pl", 2026) == "pl/archive/2026/"


def test_years_newest_first_and_months_newest_first_within_a_page():
    entries = listing(100, "cs", start=dt.date(2027, 1, 10), step_days=3)
    years = archive.by_year(entries)
    assert list(years) == [2027, 2026]
    assert sum(len(v) for v in years.values()) == 100
    months = archive.months(years[2027], "cs")
    assert [m.name for m in months] == ["leden 2027"]
    months_2026 = archive.months(years[2026], "cs")
    assert months_2026[0].name == "prosinec 2026" and months_2026[0].id == "m2026-12"
    assert [e.date_iso for m in months_2026 for e in m.entries] == [e.date_iso for e in years[2026]]


def test_the_overview_links_each_month_to_the_year_page_it_starts_on():
    entries = listing(500, "pl", start=dt.date(2026, 12, 31), step_days=0)  # 500 on one day
    entries += listing(40, "pl", start=dt.date(2025, 6, 30))  # 30 in June, 10 in May
    overview = archive.overview(entries, "pl", tags.count_text)
    assert [y["year"] for y in overview] == [2026, 2025]
    assert overview[0]["count_text"] == "500 artykułów"
    assert overview[0]["months"] == [
        {
            "name": "grudzień 2026",
            "url": "pl/archive/2026/",
            "anchor": "m2026-12",
            "count": 500,
            "count_text": "500 artykułów",
        }
    ]
    june, may = overview[1]["months"]
    assert (june["name"], june["count"], may["name"], may["count"]) == ("czerwiec 2025", 30, "maj 2025", 10)
    # a year of 500 takes three pages of 200 at most
    assert archive.year_pager("pl", 2026, 500).count == 3
    later = listing(450, "en", start=dt.date(2026, 12, 31))  # one a day: Dec 31 back into 2025
    months = {
        m["anchor"]: m["url"] for y in archive.overview(later, "en", tags.count_text) for m in y["months"]
    }
    assert months["m2026-12"] == "archive/2026/"
    assert months["m2026-02"] == "archive/2026/page/2/"  # entries 200+ of 2026 start page 2
