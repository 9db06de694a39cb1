"""One language's search index as small files, so a query downloads a few of them, not all.

Material's search worker downloads the language's whole `search_index.json` on every first
page view (6.9 MB at 1,000 articles). We replace the worker (`search-worker.js`) and write,
beside a `search_index.json` that keeps only Material's `config`:

- `search/terms.json`: the shard keys, the page count and the section count;
- `search/t/<key>.json`: every indexed word starting with `key` (its first two letters, more
  where two would make a large file) and the pages it occurs in: `{word: [count, page,
  weight, …]}`, the `TOP` heaviest pages (weight: BM25's share of the word's occurrences for the
  page's length, 1 to `IMPACT`, plus `TITLE` when the word is in a title or tag), page numbers
  as differences from the previous entry;
- `search/p/<page>.json`: a page's documents as Material indexed them (location, title,
  text, tags): what the results show, fetched only for the results shown.

A query word's analysed form (search-analyzer.js) is a prefix of the words it finds, so a
word needs the term files whose key it starts with or that start with it: one, usually.
Every file is a function of the index alone (sorted keys, no timestamps): both builds write
the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from typing import Final

from lilith.search.analysis import plain_text, words
from lilith.text.languages import prefix

TITLE: Final = 100  # added to a page's weight of a word in its title or tags
IMPACT: Final = 90  # a word's weight in a page's texts: 1 to this (BM25, k1 = K1, b = B)
K1: Final = 1.2
B: Final = 0.75
TOP: Final = 100  # pages listed per word (the heaviest): what a word costs stays flat in N
SPLIT_BYTES: Final = 16_000  # a term file above this is split by one more letter
MAX_KEY: Final = 5
DEFAULT_SEPARATOR: Final = r"[\s\-]+"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def file_key(key: str) -> str:
    """A key as a file name: ASCII letters and digits as they are, others as `_<hex>`."""
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}" for c in key)


def pages_of(docs: list[dict]) -> list[list[dict]]:
    """Material's documents grouped by page: the page's own entry first, then its sections."""
    pages: list[list[dict]] = []
    where: dict[str, int] = {}
    for doc in docs:
        page = doc["location"].split("#", 1)[0]
        if page not in where:
            where[page] = len(pages)
            pages.append([])
        pages[where[page]].append(doc)
    for group in pages:
        group.sort(key=lambda d: "#" in d["location"])  # the page itself first, stable
    return pages


Counted = tuple[Counter, set, int]  # a page's word counts, its title and tag words, its length


def count_page(group: list[dict], separator: re.Pattern[str], lang: str) -> Counted:
    """One page's (word counts of its texts, words of its titles and tags, number of words)."""
    counts: Counter[str] = Counter()
    titled: set[str] = set()
    length = 0
    for doc in group:
        text = words(plain_text(doc.get("text", "")), separator, lang)
        length += len(text)
        counts.update(text)
        heading = plain_text(doc.get("title", "")) + " " + " ".join(doc.get("tags") or [])
        titled.update(words(heading, separator, lang))
    return counts, titled, length


def postings(
    pages: list[list[dict]], separator: re.Pattern[str], lang: str, counted: list[Counted] | None = None
) -> dict[str, dict[int, int]]:
    """{word: {page: weight}}: how much the word says about the page (BM25's share of its
    occurrences for the page's length, `IMPACT` for the most), plus `TITLE` when the word
    is in one of the page's titles or tags. `counted`: each page's `count_page`, if known."""
    if counted is None:
        counted = [count_page(group, separator, lang) for group in pages]
    average = max(1.0, sum(length for _, _, length in counted) / max(1, len(counted)))
    out: dict[str, dict[int, int]] = defaultdict(dict)
    for p, (counts, titled, length) in enumerate(counted):
        norm = K1 * (1 - B + B * length / average)
        weight_of: dict[int, int] = {}  # tf -> weight: a page has a few distinct counts
        for word, tf in counts.items():
            weight = weight_of.get(tf)
            if weight is None:
                weight = weight_of[tf] = max(round(IMPACT * tf * (K1 + 1) / (tf + norm) / (K1 + 1)), 1)
            out[word][p] = weight + TITLE if word in titled else weight
        for word in titled:
            if word not in counts:
                out[word][p] = TITLE
    return out


def encode(pages: dict[int, int]) -> list[int]:
    """[pages with the word, page, weight, …]: the `TOP` heaviest pages, by page number, each
    page as the difference from the one before (a query shows the best pages, not all)."""
    best = sorted(pages.items(), key=lambda pw: (-pw[1], pw[0]))[:TOP]
    flat, last = [len(pages)], 0
    for page, weight in sorted(best):
        flat += [page - last, weight]
        last = page
    return flat


def _term_files(terms: dict[str, dict[int, int]]) -> dict[str, dict[str, list[int]]]:
    """{key: {word: encoded}}: keys of two letters, longer (up to `MAX_KEY`) where a file is large."""
    encoded = {word: encode(terms[word]) for word in sorted(terms)}
    out: dict[str, dict[str, list[int]]] = {}

    def place(key: str, group: list[str]) -> None:
        files = {w: encoded[w] for w in group}
        if len(key) >= MAX_KEY or len(_json(files)) <= SPLIT_BYTES:
            out[key] = files
            return
        short = [w for w in group if len(w) <= len(key)]  # a word as long as the key stays
        longer: dict[str, list[str]] = defaultdict(list)
        for w in group:
            if len(w) > len(key):
                longer[w[: len(key) + 1]].append(w)
        if short:
            out[key] = {w: encoded[w] for w in short}
        for sub, words_ in longer.items():
            place(sub, words_)

    first: dict[str, list[str]] = defaultdict(list)
    for word in encoded:
        first[word[:2]].append(word)
    for key, group in first.items():
        place(key, group)
    return out


def build(index: dict, lang: str, memo: dict | None = None) -> dict[str, str]:
    """{path under the language's `search/`: text} for one language's Material index.

    `memo`: a dict kept between builds of the same language (a live preview's), in which each
    page's word counts are remembered by its documents, so that only changed pages are read.
    """
    config = index.get("config", {})
    separator = re.compile(config.get("separator") or DEFAULT_SEPARATOR)
    pages = pages_of(index.get("docs", []))
    counted = None
    if memo is not None:
        if memo.get("separator") != separator.pattern:
            memo.clear()
            memo["separator"] = separator.pattern
        known: dict = memo.setdefault("pages", {})
        now: dict = {}
        counted = []
        for group in pages:
            key = tuple((d.get("title", ""), d.get("text", ""), tuple(d.get("tags") or ())) for d in group)
            found = known.get(key)
            now[key] = found = found if found is not None else count_page(group, separator, lang)
            counted.append(found)
        memo["pages"] = now
    term_files = _term_files(postings(pages, separator, lang, counted))
    files = {f"t/{file_key(key)}.json": _json(group) for key, group in sorted(term_files.items())}
    for p, group in enumerate(pages):
        rows = [[d["location"], d.get("title", ""), d.get("text", ""), d.get("tags") or []] for d in group]
        files[f"p/{p}.json"] = _json(rows)
    sections = sum(len(group) for group in pages)
    files["terms.json"] = _json({"keys": sorted(term_files), "pages": len(pages), "sections": sections})
    # Material sends the config to the worker; `lilith_root` says where the index lives.
    files["search_index.json"] = _json({"config": {**config, "lilith_root": prefix(lang)}, "docs": []})
    return files
