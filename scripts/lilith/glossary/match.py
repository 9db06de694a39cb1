"""Find glossary terms in text and link them in rendered HTML.

Matching, per language: a text is split into word tokens once; at each token the index is
looked up by that token (declared forms, case-insensitive except acronyms like "RAG") and by
its Snowball stem (forms nobody listed, e.g. Czech "fine-tuningu", Polish "ewaluacjach").
The longest match wins ("retrieval-augmented generation" over "retrieval"), an exact form
beats a stem match of the same length, and a word is consumed by at most one term. A
single-word stem match must also look like an inflection of a declared form: the same
beginning and a noun ending of the language, so that Czech "agentní" or Polish "agentowy"
(adjectives, other terms) never become "agent", nor English "promptly" "prompt". Cost is
linear in the text: one dict lookup and one (cached) stem per token.

Linking walks the HTML with a tokenizer (`glossary_html`) and only touches text: never
headings, code, preformatted text, existing links, URLs or attributes. The first occurrence
of each term links to its entry; `[[id]]`, `[[id|text]]` force a link and `[[!text]]` or
an element with class `no-glossary` keep text unlinked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass
from html import escape, unescape
from itertools import accumulate
from operator import attrgetter

import snowballstemmer

from lilith.glossary.html_runs import text_runs
from lilith.glossary.terms import Glossary, term_url
from lilith.text.typography import NBSP
from lilith.text.urls import relative_url

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SPLIT = re.compile(f"({WORD.pattern})")
EXPLICIT = re.compile(r"\[\[(!?)\s*([^\[\]|\n]+?)\s*(?:\|([^\[\]\n]*))?\]\]")
_URLISH = re.compile(r"(?:https?|ftp)://[^\s<>\"]+|www\.[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PROTECTED = re.compile(f"{EXPLICIT.pattern}|{_URLISH.pattern}")
_MAYBE_URL = re.compile(r"://|www\.|@")  # a cheap test before looking for URLs in a text

STEMMERS = {"en": "english", "cs": "czech", "pl": "polish"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Endings a word may have beyond its shared beginning with a declared form (noun inflection).
NOUN_ENDINGS: dict[str, frozenset[str]] = {
    "en": frozenset({"", "s", "es", "'s", "’s", "s'", "s’"}),
    "cs": _words("a e ě i í o u ů y ou em ám ách ami ech ích ím ími emi ům ovi ové") | {""},
    "pl": _words("a ą e ę i y o u ie em iem om ów ach ami owi owie ii mi") | {""},
}
_STEM = attrgetter("stem")  # of a word's _Candidates
MIN_STEM_WORD = 4  # shorter words are matched only as declared
_LETTERS = re.compile(r"[-'’]")  # removed before checking that a word is made of letters

TERM_CLASS = "lilith-term"


def definition_id(term_id: str) -> str:
    """The id of the element holding a term's short definition on a page."""
    return f"lilith-def-{term_id}"


class MarkupError(Exception):
    """Explicit glossary markup that cannot be honoured; `needle` is the text to locate."""

    def __init__(self, needle: str, message: str, term_id: str | None = None) -> None:
        super().__init__(message)
        self.needle, self.message, self.term_id = needle, message, term_id


# -- matching --------------------------------------------------------------------------------


def _strict(token: str) -> bool:
    """Acronyms ("RAG", "RAGu", "GPU", "AI") match case-sensitively."""
    return sum(c.isupper() for c in token) >= 2


@dataclass(frozen=True)
class _Form:
    term: str
    words: tuple[str, ...]  # lowercased tokens
    raw: tuple[str, ...]  # tokens as written
    strict: tuple[int, ...]  # positions of the tokens that match case-sensitively (acronyms)


@dataclass(frozen=True)
class Match:
    """A term found in a text, `text[start:end]`."""

    start: int
    end: int
    term: str
    exact: bool


def _lower(token: str) -> str:
    return token.lower().replace("’", "'")


def _fold(text: str) -> str:
    """`text` lowercased for matching (the same length, so words line up, in all but rare cases)."""
    return text.lower().replace("’", "'")


class TermIndex:
    """Every form of every term in one language, indexed by first word and by stem."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        self.endings = NOUN_ENDINGS[lang]
        self._stemmer = snowballstemmer.stemmer(STEMMERS[lang])
        self._stems: dict[str, str] = {}
        self._words: dict[str, _Candidates] = {}  # per distinct word seen: what it can start
        self.exact: dict[str, list[_Form]] = {}
        multi: dict[tuple[str, ...], set[str]] = {}
        single: dict[str, dict[str, str]] = {}  # stem -> {form: term}
        for term in glossary:
            for form in term.text(lang).all_forms:
                raw = tuple(WORD.findall(form))
                strict = tuple(k for k, w in enumerate(raw) if _strict(w))
                entry = _Form(term.id, tuple(_lower(w) for w in raw), raw, strict)
                self.exact.setdefault(entry.words[0], []).append(entry)
                if entry.strict:
                    continue
                if len(raw) > 1:
                    multi.setdefault(tuple(self.stem(w) for w in entry.words), set()).add(term.id)
                elif len(entry.words[0]) >= MIN_STEM_WORD:
                    single.setdefault(self.stem(entry.words[0]), {})[entry.words[0]] = term.id
        for forms in self.exact.values():
            forms.sort(key=lambda f: -len(f.words))
        # A stem two terms share is ambiguous: such words link only through declared forms.
        self.stem_multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for stems, terms in sorted(multi.items(), key=lambda kv: -len(kv[0])):
            if len(terms) == 1:
                self.stem_multi.setdefault(stems[0], []).append((stems, next(iter(terms))))
        self.stem_single = {stem: forms for stem, forms in single.items() if len(set(forms.values())) == 1}

    def stem(self, word: str) -> str:
        """Snowball stem of a lowercased word (cached)."""
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stemmer.stemWord(word)
        return stem

    def _inflection_of(self, word: str, stem: str) -> str | None:
        """The term whose declared single-word form `word` inflects, if any."""
        forms = self.stem_single.get(stem)
        if not forms or len(word) < MIN_STEM_WORD or not _LETTERS.sub("", word).isalpha():
            return None
        for form, term in forms.items():
            common = 0
            for a, b in zip(word, form, strict=False):
                if a != b:
                    break
                common += 1
            if common >= max(3, len(form) - 2) and word[common:] in self.endings:
                return term
        return None

    def _candidates(self, word: str) -> _Candidates:
        """What a (lowercased) word can start: declared forms, stem phrases, an inflection."""
        found = self._words.get(word)
        if found is None:
            stem = self.stem(word)
            forms = tuple(self.exact.get(word, ()))
            phrases = tuple(self.stem_multi.get(stem, ()))
            inflection = self._inflection_of(word, stem)
            terms = {f.term for f in forms} | {term for _, term in phrases} | ({inflection} - {None})
            one_word = not phrases and all(len(f.words) == 1 for f in forms)
            found = _Candidates(stem, forms, phrases, inflection, frozenset(terms), one_word)
            self._words[word] = found
        return found

    def find(self, text: str, done: Set[str] = frozenset()) -> list[Match]:
        """Non-overlapping term matches in `text`, left to right, longest first.

        One pass of the tokenizer, then one cached lookup per word: a word that starts no
        form costs a dict lookup. Matches of the `done` terms (linked already) may be left
        out where leaving them out changes no other match: a word that can only be one of
        them, on its own.
        """
        folded = _fold(text)
        if len(folded) == len(text):  # nearly always: split once, raw words are at the same places
            parts = _SPLIT.split(folded)  # separator, word, separator, word, …, separator
            lower = parts[1::2]
        else:  # lowercasing changed a length (e.g. "İ"): split the text, lowercase word by word
            parts = _SPLIT.split(text)
            lower = [_lower(w) for w in parts[1::2]]
        n = len(lower)
        if not n:
            return []
        seps = parts[0::2]  # seps[k] comes before word k
        found = list(map(self._words.get, lower))  # most words are seen before: a C-level loop
        if None in found:
            found = [c or self._candidates(w) for c, w in zip(found, lower, strict=True)]
        starts = [  # words that start a form, and may start one of a term not done
            i for i, c in enumerate(found) if c.terms and not (c.one_word and c.terms <= done)
        ]
        if not starts:
            return []
        bounds = list(accumulate(map(len, parts)))  # word i is text[bounds[2i]:bounds[2i + 1]]

        def raw(k: int) -> str:
            """Word k as written."""
            return text[bounds[2 * k] : bounds[2 * k + 1]]

        def joined(i: int, size: int) -> bool:
            """Words i … i+size-1 exist and are separated by whitespace only (one phrase)."""
            return i + size <= n and all(map(str.isspace, seps[i + 1 : i + size]))

        out: list[Match] = []
        end = 0  # words before `end` belong to a match already
        for i in starts:
            if i < end:
                continue
            here = found[i]
            size, term, exact = 0, "", False
            for form in here.forms:
                length = len(form.words)
                if length == 1:  # the word is the form's (the index is by first word)
                    matched = True
                else:
                    matched = tuple(lower[i : i + length]) == form.words and joined(i, length)
                if (
                    matched and form.strict and not all(raw(i + k) == form.raw[k] for k in form.strict)
                ):  # an acronym written in other letter case
                    matched = False
                if matched:
                    size, term, exact = length, form.term, True
                    break
            for stems, owner in here.stem_phrases:
                length = len(stems)
                if length <= size:
                    break
                if joined(i, length) and tuple(map(_STEM, found[i : i + length])) == stems:
                    size, term, exact = length, owner, False
                    break
            if not size and here.inflection:
                size, term = 1, here.inflection
            if size:
                out.append(Match(bounds[2 * i], bounds[2 * (i + size) - 1], term, exact))
                end = i + size
        return out


@dataclass(frozen=True, eq=False)  # compared by identity: `None in found` stays cheap
class _Candidates:
    stem: str
    forms: tuple[_Form, ...]  # declared forms starting with the word, longest first
    stem_phrases: tuple[tuple[tuple[str, ...], str], ...]  # (stems, term) of phrases, longest first
    inflection: str | None  # the term the word inflects (one-word forms)
    terms: frozenset[str]  # every term a match starting here can be; none: the common case
    one_word: bool  # every such match is this word alone


def term_index(glossary: Glossary, lang: str) -> TermIndex:
    """The (cached) index of `glossary` in `lang`."""
    key = ("index", lang)
    if key not in glossary._cache:
        glossary._cache[key] = TermIndex(glossary, lang)
    return glossary._cache[key]


# -- HTML ------------------------------------------------------------------------------------


def _text_of(raw: str) -> str:
    """The text an HTML text run stands for (entities decoded; `&nbsp;` is the common one)."""
    text = raw.replace("&nbsp;", NBSP)
    return unescape(text) if "&" in text else text


def _text_html(text: str) -> str:
    """Text as HTML, with no-break spaces written as `&nbsp;` as the rest of the page has them."""
    return escape(text, quote=False).replace(NBSP, "&nbsp;")


@dataclass
class _Linker:
    glossary: Glossary
    lang: str  # language of the text
    link_lang: str  # language of the entries linked to
    page_url: str | None
    skip: frozenset[str]
    auto: bool

    def __post_init__(self) -> None:
        self.index = term_index(self.glossary, self.lang)
        self.linked: list[str] = []
        self.done: set[str] = set(self.skip)  # terms never auto-linked again: linked or skipped

    def href(self, term_id: str) -> str:
        url = term_url(term_id, self.link_lang)
        return "/" + url if self.page_url is None else relative_url(url, self.page_url)

    def link(self, term_id: str, text: str) -> str:
        if term_id not in self.linked:
            self.linked.append(term_id)
            self.done.add(term_id)
        return (
            f'<a class="{TERM_CLASS}" href="{escape(self.href(term_id))}" data-term="{term_id}" '
            f'aria-describedby="{definition_id(term_id)}">{_text_html(text)}</a>'
        )

    def explicit(self, match: re.Match, plain: bool) -> str:
        bang, name, shown = match.group(1), match.group(2), match.group(3)
        if bang:
            return _text_html(shown if shown is not None else name)
        if name not in self.glossary:
            raise MarkupError(match.group(0), f"unknown glossary term '{name}' in {match.group(0)}", name)
        if shown is not None and not shown.strip():
            raise MarkupError(match.group(0), f"{match.group(0)}: the text after '|' is empty")
        text = shown.strip() if shown is not None else self.glossary.text(name, self.lang).term
        return _text_html(text) if plain else self.link(name, text)

    def auto_link(self, text: str) -> str | None:
        """`text` as HTML with the first occurrence of each term not yet linked as a link; None if none."""
        out, pos = [], 0
        for match in self.index.find(text, self.done):
            if match.term in self.done:
                continue
            out.append(_text_html(text[pos : match.start]))
            out.append(self.link(match.term, text[match.start : match.end]))
            pos = match.end
        if not out:
            return None
        out.append(_text_html(text[pos:]))
        return "".join(out)

    def text(self, text: str, zone: str | None) -> str | None:
        """New HTML for a text run, or None to keep it as written."""
        if text.isspace():
            return None
        explicit = "[[" in text
        if zone == "heading":
            found = EXPLICIT.search(text) if explicit else None
            if found:
                raise MarkupError(
                    found.group(0), f"{found.group(0)}: glossary links are not allowed in headings"
                )
            return None
        auto = self.auto and zone is None
        if not explicit and (not auto or not _MAYBE_URL.search(text)):
            return self.auto_link(text) if auto else None
        out, pos = [], 0
        for found in _PROTECTED.finditer(text):
            out.append(self._plain_or_linked(text[pos : found.start()], auto))
            if found.group(0).startswith("[["):
                out.append(self.explicit(found, plain=zone == "plain"))
            else:
                out.append(_text_html(found.group(0)))
            pos = found.end()
        out.append(self._plain_or_linked(text[pos:], auto))
        html = "".join(out)
        return html if explicit or "<a " in html else None

    def _plain_or_linked(self, text: str, auto: bool) -> str:
        linked = self.auto_link(text) if auto else None
        return _text_html(text) if linked is None else linked


def link_terms(
    html: str,
    lang: str,
    glossary: Glossary,
    *,
    link_lang: str | None = None,
    page_url: str | None = None,
    skip: Iterable[str] = (),
    auto: bool = True,
) -> tuple[str, list[str]]:
    """Link glossary terms in `html` (a page body); returns (html, term ids linked, in order).

    `lang` is the language of the text; links go to the entries in `link_lang` (default
    `lang`), relative to `page_url` (site-relative; None gives root-absolute links).
    `skip` lists terms never auto-linked; `auto=False` only honours explicit `[[…]]` links.
    Raises `MarkupError` for explicit markup naming an unknown term or sitting in a heading.
    """
    if not auto and "[[" not in html:
        return html, []
    linker = _Linker(glossary, lang, link_lang or lang, page_url, frozenset(skip), auto)
    out: list[str] = []
    pos = 0  # html[:pos] is in `out`
    for start, end, zone in text_runs(html):
        raw = html[start:end]
        new = linker.text(_text_of(raw) if "&" in raw else raw, zone)
        if new is not None:
            out.append(html[pos:start])
            out.append(new)
            pos = end
    if not out:
        return html, linker.linked
    out.append(html[pos:])
    return "".join(out), linker.linked
