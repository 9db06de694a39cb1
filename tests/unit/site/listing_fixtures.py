"""Generated listings for the unit tests of bounded listings, the archive and related articles."""

from __future__ import annotations

import datetime as dt

from lilith.site.listing import ListingEntry
from lilith.text.dates import long_date
from lilith.text.languages import prefix

TAG_CYCLE = ("evals", "rag", "agents", "training", "fine-tuning")


def entry(
    slug: str, day: dt.date, tags: tuple[str, ...] = (), lang: str = "en", fallback: bool = False
) -> ListingEntry:
    return ListingEntry(
        url=f"{prefix(lang)}radar/{slug}/",
        title=f"Title of {slug}",
        lede=f"Lede of {slug}.",
        verdict="Verdict.",
        date_iso=day.isoformat(),
        date_text=long_date(day, lang),
        tags=tags,
        lang="en" if fallback else lang,
        fallback=fallback,
    )


def listing(n: int, lang: str = "en", start: dt.date = dt.date(2026, 11, 19), step_days: int = 1) -> list:
    """`n` entries, one every `step_days` days back from `start`, newest first; tags cycle."""
    return [
        entry(f"a{i:04d}", start - dt.timedelta(days=i * step_days), (TAG_CYCLE[i % 5],), lang)
        for i in range(n)
    ]
