"""The site's languages and how a page's URL maps between them."""

from __future__ import annotations

import re
from typing import Final

DEFAULT: Final = "en"
LANGUAGES: Final = ("en", "cs", "pl")
NAMES: Final = {"en": "English", "cs": "Čeština", "pl": "Polski"}
BABEL_LOCALES: Final = {"en": "en_GB", "cs": "cs_CZ", "pl": "pl_PL"}


def prefix(lang: str) -> str:
    """URL prefix of a language's pages: '' for the default, 'cs/' for Czech."""
    return "" if lang == DEFAULT else f"{lang}/"


def split_url(url: str) -> tuple[str, str]:
    """Split a site-relative page URL into (language, language-neutral path).

    >>> split_url("cs/radar/x/")
    ('cs', 'radar/x/')
    >>> split_url("radar/x/")
    ('en', 'radar/x/')
    """
    url = url.lstrip("/")
    if url in {"cs", "pl"} or url in {"cs/", "pl/"}:
        return url.rstrip("/"), ""
    head, _, rest = url.partition("/")
    if head in LANGUAGES and head != DEFAULT:
        return head, rest
    return DEFAULT, url


# A glossary entry's pages 2…n: each language has as many as its articles use the term, so the
# same page number may not exist in another language; there the entry's first page stands in.
_TERM_PAGE = re.compile(r"^(glossary/[^/]+/)page/\d+/$")


def alternates(url: str) -> dict[str, str]:
    """The same page's site-relative URL in every language, keyed by language."""
    own, neutral = split_url(url)
    term_page = _TERM_PAGE.match(neutral)
    other = term_page.group(1) if term_page else neutral
    return {lang: prefix(lang) + (neutral if lang == own else other) for lang in LANGUAGES}


def lang_of_src(src_uri: str) -> str:
    """Language of a docs source file in the suffix structure (`a/b.cs.md` -> 'cs')."""
    stem = src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if "." in stem:
        suffix = stem.rsplit(".", 1)[1]
        if suffix in LANGUAGES:
            return suffix
    return DEFAULT
