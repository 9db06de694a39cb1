"""Language-aware typography: no line break after a one-letter word in Czech and Polish.

Czech and Polish typesetting never leaves a one-letter preposition or conjunction („v“,
„k“, „a“, „w“, „z“ …) at the end of a line: the space after it is a non-breaking one.
`glue_text` does that to plain text (titles, ledes); `glue_html` to rendered HTML, through
a real HTML parser: only text nodes change, never markup, attributes, code, preformatted
text, scripts or styles, and only text whose language (the nearest `lang` attribute, else
the page's) has the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from typing import Final

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from selectolax.lexbor import LexborHTMLParser, LexborNode

from lilith.text.languages import DEFAULT, lang_of_src

NBSP: Final = "\u00a0"

# One-letter prepositions and conjunctions that must not end a line, both cases.
ONE_LETTER_WORDS: Final = {
    "cs": "ksvzouai",
    "pl": "wzouai",
}

# Text inside these is never touched: code, machine text, non-HTML content.
SKIPPED: Final = frozenset(
    {"code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "svg", "math", "template"}
)

# Phrasing elements: a word may run across their edges ("v <em>Praze</em>"). Any other
# element ends the run of text, as a block or a line break does.
INLINE: Final = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "kbd",
        "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
        "code",
    }
)  # fmt: skip

# What may stand right before a one-letter word: start of text, whitespace, an opening
# bracket or quote, or the "|" that starts the text of an explicit glossary link
# ("[[rag|v praxi]]"). Anything else (a letter, "/", ".", "@", "-") means it is part of
# something longer: a URL, an abbreviation, a file name.
_BEFORE: Final = r"(?<![^\s(\[{„‚\"'«»|!])"


def _pattern(letters: str) -> re.Pattern[str]:
    chars = re.escape(letters + letters.upper())
    return re.compile(_BEFORE + rf"([{chars}])([ \t\r\n]+)(?=\S)")


_PATTERNS: Final = {lang: _pattern(letters) for lang, letters in ONE_LETTER_WORDS.items()}
_OPAQUE: Final = re.compile(r"\S")


def language_of(tag: str | None) -> str:
    """Primary language of a BCP 47 tag: 'cs-CZ' -> 'cs', '' -> ''."""
    return (tag or "").strip().split("-")[0].split("_")[0].lower()


def _glue(text: str, lang: str, left: str = "", right: str = "") -> str:
    """`text` with the rule applied; `left`/`right` are the text around it (context only)."""
    pattern = _PATTERNS.get(lang)
    if pattern is None:
        return text
    start = len(left)

    def replace(match: re.Match[str]) -> str:
        if match.start(2) < start:  # the space belongs to the text before this one
            return match.group(0)
        return match.group(1) + NBSP

    glued = pattern.sub(replace, left + text + right)
    return glued[start : len(glued) - len(right)]


def glue_text(text: str, lang: str) -> str:
    """Plain text with a non-breaking space after each one-letter word (cs, pl only).

    >>> glue_text("a v praxi", "cs") == "a\\u00a0v\\u00a0praxi"
    True
    """
    return _glue(text, language_of(lang))


@dataclass
class _Text:
    node: LexborNode
    lang: str
    skipped: bool


def _walk(node: LexborNode | None, lang: str, skipped: bool) -> Iterator[_Text | None]:
    """Text nodes in document order with their language; `None` at every block edge."""
    while node is not None:
        if node.is_text_node:
            yield _Text(node, lang, skipped)
        elif node.is_element_node:
            tag = node.tag or ""
            attrs = node.attributes
            inner = language_of(attrs["lang"]) if "lang" in attrs else lang
            block = tag not in INLINE
            if block:
                yield None
            yield from _walk(node.first_child, inner, skipped or tag in SKIPPED)
            if block:
                yield None
        node = node.next


def _runs(root: LexborNode | None, lang: str) -> Iterator[list[_Text]]:
    """Runs of text between block edges: a word may continue across nodes within a run."""
    run: list[_Text] = []
    for item in _walk(root, lang, False):
        if item is None:
            if run:
                yield run
            run = []
        else:
            run.append(item)
    if run:
        yield run


# Markup as an HTML tokenizer sees it: "<" then a letter, "/", "!" or "?" (else it is text),
# up to the first ">" outside quoted attribute values.
_MARKUP: Final = re.compile(r"""<[a-zA-Z/!?](?:[^>"']|"[^"]*"|'[^']*')*>""")


def _nothing_to_glue(html: str, lang: str) -> bool:
    """A cheap test that `glue_html` would leave `html` as it is.

    Markup becomes a space (a block edge, as the parser's walk sees it, or more whitespace than
    there is); entities are decoded. Where the rule cannot match that text, it cannot match any
    run of the parsed page either.
    """
    pattern = _PATTERNS.get(lang)
    if pattern is None:
        return True
    return pattern.search(unescape(_MARKUP.sub(" ", html))) is None


def glue_html(html: str, lang: str) -> str:
    """Rendered HTML with the rule applied to its cs/pl text (see the module docstring)."""
    page_lang = language_of(lang)
    if "lang=" not in html and _nothing_to_glue(html, page_lang):
        return html
    return _glue_parsed(html, page_lang)


def _glue_parsed(html: str, page_lang: str) -> str:
    """`glue_html` by the parser, text run by text run."""
    tree = LexborHTMLParser(html, is_fragment=True)
    changed = False
    for run in _runs(tree.root, page_lang):
        texts = [item.node.text_content or "" for item in run]
        # Skipped text counts as some word (its letters are code, not Czech or Polish).
        seen = [_OPAQUE.sub("x", t) if item.skipped else t for item, t in zip(run, texts, strict=True)]
        after = [""] * len(run)  # first character of the text after each node
        for k in range(len(run) - 2, -1, -1):
            after[k] = (seen[k + 1] or after[k + 1])[:1]
        before = ""  # last two characters of the text before
        for k, item in enumerate(run):
            if not item.skipped and item.lang in _PATTERNS:
                glued = _glue(texts[k], item.lang, before, after[k])
                if glued != texts[k]:
                    item.node.replace_with(glued)
                    changed = True
            before = (before + seen[k])[-2:]
    return tree.html if changed else html


def text_language(page_lang: str, src_uri: str, generated: bool) -> str:
    """Language of a page's text: its section's, except on a fallback page.

    static-i18n fills a missing translation with the English source file (its `src_uri` has
    no language suffix); pages our plugins generate are written in their section's language.
    """
    if generated or page_lang == DEFAULT:
        return page_lang
    return lang_of_src(src_uri)


def nbsp(value: object, lang: str) -> object:
    """The rule for a template value: plain text is glued as text, `Markup` as HTML."""
    if value is None:
        return value
    if isinstance(value, Markup):
        return Markup(_glued(str(value), True, lang))
    return _glued(str(value), False, lang)


@lru_cache(maxsize=8192)
def _glued(text: str, is_html: bool, lang: str) -> str:
    """Templates repeat the same titles and definitions on every page: glue each once."""
    return glue_html(text, lang) if is_html else glue_text(text, lang)


@pass_context
def _nbsp_filter(context: Context, value: object, lang: str | None = None) -> object:
    """`{{ page.title | nbsp }}` in the page's language, `| nbsp(item.lang)` in another."""
    if lang is None:
        lilith = context.get("lilith") or {}
        lang = lilith.get("lang", "") if isinstance(lilith, dict) else ""
    return nbsp(value, lang or "")


def register(env: Environment) -> None:
    """Add the `nbsp` filter to the theme's Jinja environment."""
    env.filters["nbsp"] = _nbsp_filter
