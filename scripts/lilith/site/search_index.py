"""Split the one search index static-i18n writes into one index per language.

Each language's index also says how its text is split and analysed: `config.lang` and
`config.separator` (Material's page highlighter reads the separator too). Czech and Polish
words end at punctuation; our search worker (overrides/assets/lilith/search-worker.js)
folds and stems their query words, so "doladovani" finds „doladění“ and "modelu" finds
„model“, „modelem“. The split index is then cut into small files (`lilith.search.shards`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Final

from lilith.site import tags
from lilith.text.languages import LANGUAGES, split_url

# Pipeline steps Material keeps for our languages (it removes the others by name).
# Our "stemmer" step folds diacritics; the stemming happens on the query side.
OUR_PIPELINE: Final = ["trimmer", "stopWordFilter", "stemmer"]

# Languages our analyzer stems (see assets/lilith/search-analyzer.js).
ANALYZED: Final = ("cs", "pl")

# Where words end for our languages: whitespace, hyphens and dashes, and punctuation, so
# that result highlights cover the word, not its comma or its „quotes“. Apostrophes stay
# inside words (Polish „pipeline’y“). No `|` and no lookaround: Material splits this
# pattern on `|` to highlight the target page.
SEPARATOR: Final = r'[\s\-–—,.:;!?()\[\]{}"„“”‚«»…/]+'


def search_config(base: dict, lang: str) -> dict:
    """Material's search `config` for one language's index, derived from the site's."""
    config = copy.deepcopy(base)
    config["lang"] = [lang]
    if lang in ANALYZED:
        config["pipeline"] = list(OUR_PIPELINE)
        config["separator"] = SEPARATOR
    return config


def translated_tag(tag: str, lang: str) -> str:
    """A tag's name in `lang` (strings.yml); an unknown tag stays as written."""
    return tags.name(tag, lang) if tags.is_known(tag) else tag


def split(index: dict, tag_name: Callable[[str, str], str] | None = translated_tag) -> dict[str, dict]:
    """{lang: index} where each index holds only that language's documents.

    Locations become relative to the language root, which is the `base` the page's search
    worker resolves them against. `tag_name(tag, lang)` turns a document's tag ids into
    their names in its language: results show „Trénink“, not "training", and a Czech query
    for a tag's Czech name finds it (None keeps the ids).
    """
    out = {}
    for lang in LANGUAGES:
        part = {k: copy.deepcopy(v) for k, v in index.items() if k not in {"docs", "config"}}
        if "config" in index:
            part["config"] = search_config(index["config"], lang)
        part["docs"] = []
        out[lang] = part
    for doc in index.get("docs", []):
        lang, neutral = split_url(doc["location"])
        entry = {**doc, "location": neutral}
        if tag_name is not None and doc.get("tags"):
            entry["tags"] = [tag_name(tag, lang) for tag in doc["tags"]]
        out[lang]["docs"].append(entry)
    return out
