"""Dates written the way each language writes them (Babel)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date

from lilith.text.languages import BABEL_LOCALES


@lru_cache(maxsize=4096)  # every listing formats the same dates again
def long_date(day: dt.date, lang: str) -> str:
    """'20 November 2026', '20. listopadu 2026', '20 listopada 2026'."""
    return format_date(day, format="long", locale=BABEL_LOCALES[lang])
