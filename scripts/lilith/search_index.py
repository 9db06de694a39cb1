"""Split the one search index static-i18n writes into one index per language."""

from __future__ import annotations

import copy

from lilith.languages import LANGUAGES, split_url


def split(index: dict) -> dict[str, dict]:
    """{lang: index} where each index holds only that language's documents.

    Locations become relative to the language root, which is the `base` the page's search
    worker resolves them against.
    """
    out = {}
    for lang in LANGUAGES:
        part = {k: copy.deepcopy(v) for k, v in index.items() if k != "docs"}
        part["docs"] = []
        out[lang] = part
    for doc in index.get("docs", []):
        lang, neutral = split_url(doc["location"])
        out[lang]["docs"].append({**doc, "location": neutral})
    return out
