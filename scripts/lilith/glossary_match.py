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

Linking walks the HTML with a real tokenizer (`html.parser`) and only touches text: never
headings, code, preformatted text, existing links, URLs or attributes. The first occurrence
of each term links to its entry; `[[id]]`, `[[id|text]]` force a link and `[[!text]]` or
an element with class `no-glossary` keep text unlinked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import snowballstemmer
from mkdocs.utils import get_relative_url

from lilith.glossary import Glossary, term_url

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
EXPLICIT = re.compile(r"\[\[(!?)\s*([^\[\]|\n]+?)\s*(?:\|([^\[\]\n]*))?\]\]")
_URLISH = re.compile(r"(?:https?|ftp)://[^\s<>\"]+|www\.[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PROTECTED = re.compile(f"{EXPLICIT.pattern}|{_URLISH.pattern}")

STEMMERS = {"en": "english", "cs": "czech", "pl": "polish"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Endings a word may have beyond its shared beginning with a declared form (noun inflection).
NOUN_ENDINGS: dict[str, frozenset[str]] = {
    "en": frozenset({"", "s", "es", "'s", "’s", "s'", "s’"}),
    "cs": _words("a e ě i í o u ů y ou em ám ách ami ech ích ím ími emi ům ovi ové") | {""},
    "pl": _words("a ą e ę i y o u ie em iem om ów ach ami owi owie ii mi") | {""},
}
MIN_STEM_WORD = 4  # shorter words are matched only as declared
_LETTERS = re.compile(r"[-'’]")  # removed before checking that a word is made of letters

CODE_TAGS = _words("code pre kbd samp script style textarea svg math template var")
HEADING_TAGS = _words("h1 h2 h3 h4 h5 h6")
PLAIN_TAGS = _words("a button label select option summary")  # no links inside these
VOID_TAGS = _words("area base br col embed hr img input link meta param source track wbr")
OFF_CLASS = "no-glossary"
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
    strict: tuple[bool, ...]


@dataclass(frozen=True)
class Match:
    """A term found in a text, `text[start:end]`."""

    start: int
    end: int
    term: str
    exact: bool


def _lower(token: str) -> str:
    return token.lower().replace("’", "'")


class TermIndex:
    """Every form of every term in one language, indexed by first word and by stem."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        self.endings = NOUN_ENDINGS[lang]
        self._stemmer = snowballstemmer.stemmer(STEMMERS[lang])
        self._stems: dict[str, str] = {}
        self.exact: dict[str, list[_Form]] = {}
        multi: dict[tuple[str, ...], set[str]] = {}
        single: dict[str, dict[str, str]] = {}  # stem -> {form: term}
        for term in glossary:
            for form in term.text(lang).all_forms:
                raw = tuple(WORD.findall(form))
                entry = _Form(term.id, tuple(_lower(w) for w in raw), raw, tuple(_strict(w) for w in raw))
                self.exact.setdefault(entry.words[0], []).append(entry)
                if any(entry.strict):
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

    def _inflection_of(self, word: str) -> str | None:
        """The term whose declared single-word form `word` inflects, if any."""
        if len(word) < MIN_STEM_WORD or not _LETTERS.sub("", word).isalpha():
            return None
        forms = self.stem_single.get(self.stem(word))
        if not forms:
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

    def find(self, text: str) -> list[Match]:
        """Non-overlapping term matches in `text`, left to right, longest first."""
        tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        n = len(tokens)
        lower = [_lower(t[2]) for t in tokens]
        # joined[k]: token k follows token k-1 across whitespace only (a phrase can continue)
        joined = [False] + [text[tokens[k - 1][1] : tokens[k][0]].isspace() for k in range(1, n)]
        stems: list[str | None] = [None] * n

        def stem_at(k: int) -> str:
            if stems[k] is None:
                stems[k] = self.stem(lower[k])
            return stems[k]

        def phrase(i: int, size: int) -> bool:
            return i + size <= n and all(joined[i + k] for k in range(1, size))

        out: list[Match] = []
        i = 0
        while i < n:
            size, term, exact = 0, "", False
            for form in self.exact.get(lower[i], ()):
                length = len(form.words)
                if phrase(i, length) and all(
                    lower[i + k] == form.words[k] and (not form.strict[k] or tokens[i + k][2] == form.raw[k])
                    for k in range(length)
                ):
                    size, term, exact = length, form.term, True
                    break
            if self.stem_multi or self.stem_single:
                for stems_of_form, owner in self.stem_multi.get(stem_at(i), ()):
                    length = len(stems_of_form)
                    if length <= size:
                        break
                    if phrase(i, length) and all(stem_at(i + k) == stems_of_form[k] for k in range(length)):
                        size, term, exact = length, owner, False
                        break
                if not size:
                    owner = self._inflection_of(lower[i])
                    if owner:
                        size, term = 1, owner
            if size:
                out.append(Match(tokens[i][0], tokens[i + size - 1][1], term, exact))
                i += size
            else:
                i += 1
        return out


def term_index(glossary: Glossary, lang: str) -> TermIndex:
    """The (cached) index of `glossary` in `lang`."""
    key = ("index", lang)
    if key not in glossary._cache:
        glossary._cache[key] = TermIndex(glossary, lang)
    return glossary._cache[key]


# -- HTML ------------------------------------------------------------------------------------


class _Events(HTMLParser):
    """Tokenizes HTML into (offset, kind, payload) events; text arrives decoded."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.events: list[tuple[int, str, object]] = []
        self.feed(html)
        self.close()

    def _add(self, kind: str, payload: object = None) -> None:
        line, col = self.getpos()
        offset = self._line_starts[line - 1] + col
        if kind == "data" and self.events and self.events[-1][1] == "data":
            start, _, text = self.events[-1]
            self.events[-1] = (start, "data", text + payload)  # adjacent text runs
            return
        self.events.append((offset, kind, payload))

    def handle_starttag(self, tag, attrs):
        self._add("start", (tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self._add("void", (tag, attrs))

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_data(self, data):
        self._add("data", data)

    def handle_comment(self, data):
        self._add("other")

    def handle_decl(self, decl):
        self._add("other")

    def handle_pi(self, data):
        self._add("other")

    def unknown_decl(self, data):
        self._add("other")


def _zone(tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
    if tag in CODE_TAGS:
        return "code"
    if tag in HEADING_TAGS:
        return "heading"
    classes = next((v or "" for k, v in attrs if k == "class"), "").split()
    if tag in PLAIN_TAGS or OFF_CLASS in classes:
        return "plain"
    return None


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

    def href(self, term_id: str) -> str:
        url = term_url(term_id, self.link_lang)
        return "/" + url if self.page_url is None else get_relative_url(url, self.page_url)

    def link(self, term_id: str, text: str) -> str:
        if term_id not in self.linked:
            self.linked.append(term_id)
        return (
            f'<a class="{TERM_CLASS}" href="{escape(self.href(term_id))}" data-term="{term_id}" '
            f'aria-describedby="{definition_id(term_id)}">{escape(text, quote=False)}</a>'
        )

    def explicit(self, match: re.Match, plain: bool) -> str:
        bang, name, shown = match.group(1), match.group(2), match.group(3)
        if bang:
            return escape(shown if shown is not None else name, quote=False)
        if name not in self.glossary:
            raise MarkupError(match.group(0), f"unknown glossary term '{name}' in {match.group(0)}", name)
        if shown is not None and not shown.strip():
            raise MarkupError(match.group(0), f"{match.group(0)}: the text after '|' is empty")
        text = shown.strip() if shown is not None else self.glossary.text(name, self.lang).term
        return escape(text, quote=False) if plain else self.link(name, text)

    def auto_link(self, text: str) -> str:
        out, pos = [], 0
        for match in self.index.find(text):
            if match.term in self.linked or match.term in self.skip:
                continue
            out.append(escape(text[pos : match.start], quote=False))
            out.append(self.link(match.term, text[match.start : match.end]))
            pos = match.end
        out.append(escape(text[pos:], quote=False))
        return "".join(out)

    def text(self, text: str, zone: str | None) -> str | None:
        """New HTML for a text run, or None to keep it as written."""
        if zone == "code":
            return None
        if zone == "heading":
            found = EXPLICIT.search(text)
            if found:
                raise MarkupError(
                    found.group(0), f"{found.group(0)}: glossary links are not allowed in headings"
                )
            return None
        plain = zone == "plain"
        if plain and "[[" not in text:
            return None
        if not self.auto and "[[" not in text:
            return None
        out, pos, changed = [], 0, False
        for found in _PROTECTED.finditer(text):
            before = text[pos : found.start()]
            out.append(escape(before, quote=False) if plain or not self.auto else self.auto_link(before))
            if found.group(0).startswith("[["):
                out.append(self.explicit(found, plain))
                changed = True
            else:
                out.append(escape(found.group(0), quote=False))
            pos = found.end()
        rest = text[pos:]
        out.append(escape(rest, quote=False) if plain or not self.auto else self.auto_link(rest))
        html = "".join(out)
        return html if changed or "<a " in html else None


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
    linker = _Linker(glossary, lang, link_lang or lang, page_url, frozenset(skip), auto)
    if not auto and "[[" not in html:
        return html, []
    events = _Events(html).events
    out: list[str] = []
    stack: list[tuple[str, str | None]] = []
    for n, (start, kind, payload) in enumerate(events):
        end = events[n + 1][0] if n + 1 < len(events) else len(html)
        raw = html[start:end]
        if kind == "start":
            tag, attrs = payload
            if tag not in VOID_TAGS:
                stack.append((tag, _zone(tag, attrs)))
        elif kind == "end":
            if any(tag == payload for tag, _ in stack):
                while stack and stack.pop()[0] != payload:
                    pass
        elif kind == "data":
            zone = _innermost_zone(stack)
            new = linker.text(payload, zone)
            if new is not None:
                out.append(new)
                continue
        out.append(raw)
    return "".join(out), linker.linked


_PRIORITY = {"code": 3, "heading": 2, "plain": 1}


def _innermost_zone(stack: list[tuple[str, str | None]]) -> str | None:
    """The strongest protection among the open elements (code > heading > plain)."""
    best = None
    for _, zone in stack:
        if zone and (best is None or _PRIORITY[zone] > _PRIORITY[best]):
            best = zone
    return best
