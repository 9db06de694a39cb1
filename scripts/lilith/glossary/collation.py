"""Alphabetical order per language, without ICU.

Czech and Polish alphabets differ from English: in Czech, č, ch, ř, š, ž are letters of their
own (ch comes after h), while á, é, ě, í, ó, ú, ů, ý, ď, ň, ť sort as their base letter and
only break ties. In Polish every letter with a diacritic is its own letter: ą ć ę ł ń ó ś ź ż.
Keys compare like a collation does: letters first (primary), then accents (secondary), then
case (tertiary); spaces and hyphens separate words and sort before any letter.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

# Letters in alphabetical order; multi-character letters (Czech "ch") are matched first.
ALPHABETS: dict[str, list[str]] = {
    "en": list("abcdefghijklmnopqrstuvwxyz"),
    "cs": [*"abcč", "d", *"efgh", "ch", *"ijklmnopqrřsštuvwxyzž"],
    "pl": list("aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"),
}

_SEPARATORS = " -‐–—_/'’"
_SEPARATOR, _FIRST_DIGIT, _FIRST_LETTER = 1, 2, 20  # primary weights: separators < digits < letters


@cache
def _table(lang: str) -> tuple[dict[str, int], int]:
    alphabet = ALPHABETS.get(lang, ALPHABETS["en"])
    return {letter: _FIRST_LETTER + i for i, letter in enumerate(alphabet)}, max(len(x) for x in alphabet)


def _letters(text: str, lang: str) -> list[tuple[int, int, int, str]]:
    """(primary, secondary, tertiary, letter) for each letter of `text` in `lang`."""
    order, longest = _table(lang)
    out: list[tuple[int, int, int, str]] = []
    i = 0
    while i < len(text):
        for size in range(longest, 0, -1):
            chunk = text[i : i + size]
            folded = chunk.casefold()
            if len(chunk) == size and folded in order:
                tertiary = 0 if chunk == folded else 1
                out.append((order[folded], 0, tertiary, folded))
                i += size
                break
        else:
            char = text[i]
            i += 1
            if char in _SEPARATORS or char.isspace():
                out.append((_SEPARATOR, 0, 0, " "))
                continue
            if char.isdigit():
                out.append((_FIRST_DIGIT + unicodedata.digit(char, 0), 0, 0, char))
                continue
            # A letter this alphabet does not list (á in Czech, é in Polish, ö anywhere):
            # its base letter at the primary level, the accent as a secondary difference.
            decomposed = unicodedata.normalize("NFD", char)
            base = decomposed[0].casefold()
            secondary = sum(ord(c) for c in decomposed[1:])
            tertiary = 0 if char == char.casefold() else 1
            out.append((order.get(base, 10_000 + ord(base)), secondary, tertiary, base))
    return out


@lru_cache(maxsize=16384)  # backlink lists sort the same article titles on many entry pages
def sort_key(text: str, lang: str) -> tuple:
    """A key that orders strings the way a dictionary in `lang` does."""
    letters = _letters(text.strip(), lang)
    return (
        tuple(p for p, _, _, _ in letters),
        tuple(s for _, s, _, _ in letters),
        tuple(t for _, _, t, _ in letters),
        text,
    )


def sorted_by_alphabet(items: list[str], lang: str) -> list[str]:
    """`items` in `lang`'s alphabetical order."""
    return sorted(items, key=lambda s: sort_key(s, lang))


def first_letter(text: str, lang: str) -> str:
    """The index letter `text` is filed under: 'Č', 'Ch', 'Ł', 'A' (for 'á' in Czech), '#'."""
    for primary, _, _, letter in _letters(text.strip(), lang):
        if primary >= _FIRST_LETTER:
            return letter[:1].upper() + letter[1:]
        if primary != _SEPARATOR:
            return "#"
    return "#"
