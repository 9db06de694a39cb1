from pathlib import Path

from lilith.content.pages import load_articles
from lilith.site.listing import entries
from lilith.text.dates import long_date

from tests.unit.content.test_pages import GOOD, write


def test_dates_read_as_each_language_writes_them():
    import datetime as dt

    day = dt.date(2026, 11, 20)
    assert long_date(day, "en") == "20 November 2026"
    assert long_date(day, "cs") == "20. listopadu 2026"
    assert long_date(day, "pl") == "20 listopada 2026"


def test_listing_uses_translations_and_marks_english_fallbacks(tmp_path: Path):
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "a.cs.md", GOOD.replace("A title", "Titulek"))
    write(tmp_path, "b.md", GOOD.replace("2026-11-20", "2026-11-21"))
    articles = load_articles(tmp_path)

    czech = entries(articles, "cs")
    assert [(e.url, e.title, e.fallback) for e in czech] == [
        ("cs/radar/b/", "A title", True),
        ("cs/radar/a/", "Titulek", False),
    ]
    assert czech[1].date_text == "20. listopadu 2026"
