"""Split the one search index static-i18n writes into one index per language.

Each language's index also says how Material's search worker analyses its text. English
keeps Material's own English setup. Czech and Polish name our lunr languages (`lang: cs`
loads overrides/assets/javascripts/lunr/min/lunr.cs.min.js into the worker): words are
indexed whole with diacritics folded, and query terms are folded and stemmed, so
"doladovani" finds „doladění“ and "modelu" finds „model“, „modelem“.
"""

from __future__ import annotations

import copy
from typing import Final

from lilith.languages import LANGUAGES, split_url

# Pipeline steps Material keeps for our languages (it removes the others by name).
# Our "stemmer" step folds diacritics; the stemming happens on the query side.
OUR_PIPELINE: Final = ["trimmer", "stopWordFilter", "stemmer"]

# Languages whose lunr support we ship (see assets/lilith/search-analyzer.js).
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


def split(index: dict) -> dict[str, dict]:
    """{lang: index} where each index holds only that language's documents.

    Locations become relative to the language root, which is the `base` the page's search
    worker resolves them against.
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
        out[lang]["docs"].append({**doc, "location": neutral})
    return out
