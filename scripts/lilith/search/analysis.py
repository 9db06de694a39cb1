"""Index-side word analysis, the Python twin of `search-analyzer.js` (`fold`, `trim`, stop words).

Indexed words are kept whole: split on the language's separator, trimmed of punctuation,
lowercased and folded („Dolaďování“ -> "doladovani", „źródła“ -> "zrodla"). The browser folds
and stems each query word the same way and matches it as a prefix of these words.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Final

# Letters that Unicode decomposition does not fold (search-analyzer.js: EXTRA_FOLDS).
EXTRA_FOLDS: Final = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words too common to index, folded (search-analyzer.js: STOP_WORDS; English: lunr's core).
STOP_WORDS: Final = {
    "cs": _words(
        "a aby ale ani az by byl byla byli bylo byt co do i jak jako je jeho jej jen jsem "
        "jsme jsou jste k kde kdy ktera ktere ktery kteri na nad ne nebo neni o od po pod "
        "pro proto pri s se si sve tak take tam te ten tento to tu u uz v ve z za ze"
    ),
    "pl": _words(
        "a aby ale albo az by byc byl byla byli bylo czy do dla gdy i ich jak jako jest "
        "jej jego juz ktora ktore ktory ktorzy lub na nad nie niz o od oraz po pod przez "
        "przy sie sa ta tak te tego tej ten to tu w we z za ze"
    ),
    "en": _words(
        "a an and are as at be but by for if in into is it its of on or so such that the "
        "their then there these they this to was were will with"
    ),
}

_TAG = re.compile(r"<[^>]*>")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lowercase, without diacritics: „Dolaďování“ -> "doladovani", „ŹRÓDŁO“ -> "zrodlo"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return bare.translate(EXTRA_FOLDS)


def plain_text(markup: str) -> str:
    """The text of an HTML fragment, tags dropped, entities decoded."""
    return html.unescape(_TAG.sub(" ", markup))


@lru_cache(maxsize=400_000)
def _word(raw: str, lang: str) -> str:
    """One split-off piece as indexed: trimmed, folded; "" for punctuation and stop words."""
    word = fold(_EDGE.sub("", raw))
    return "" if word in STOP_WORDS.get(lang, ()) else word


def words(text: str, separator: re.Pattern[str], lang: str) -> list[str]:
    """Indexed words of plain `text`, in order: split, trimmed, folded, without stop words."""
    return [w for w in (_word(raw, lang) for raw in separator.split(text)) if w]
