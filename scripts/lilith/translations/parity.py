"""Structural parity of a translation with its English source, by plain parsing (no rendering).

What must match: headings (count and levels), checklist items (in `/// checklist` blocks),
images, internal link targets, explicit glossary references (`[[term]]`, counted by term id),
and the front-matter fields that are the same in every language (source URL, date, tags).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from lilith.content.pages import Document, line_of_key
from lilith.report import Problem

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_BLOCK_OPEN = re.compile(r"^(/{3,})[ \t]*([A-Za-z][\w-]*)")
_BLOCK_CLOSE = re.compile(r"^(/{3,})[ \t]*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]+")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_IMG_TAG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)", re.IGNORECASE)
_LINK = re.compile(r"(?<![!\[])\[[^\[\]]*\]\(\s*<?([^)\s>]+)")
_A_TAG = re.compile(r"<a\b[^>]*?\bhref\s*=\s*[\"']([^\"']+)", re.IGNORECASE)
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
# Explicit glossary references, as lilith.glossary.terms reads them: [[id]] or [[id|shown text]].
_TERM = re.compile(r"\[\[\s*([^\[\]|!\n][^\[\]|\n]*?)\s*(?:\|[^\[\]\n]*)?\]\]")
# A checklist item's target, as lilith.checklist.syntax reads it: `- text -> glossary:id` or `-> ../page.md`.
_ITEM_TARGET = re.compile(r"[ \t]+->[ \t]+(\S.*?)[ \t]*$")
_GLOSSARY_TARGET = re.compile(r"^glossary:([a-z0-9]+(?:-[a-z0-9]+)*)$")
_PAGE_TARGET = re.compile(r"^(?:\[[^\]]*\]\(([^)\s]+)\)|([^\s\[\]()]+))$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
CHECKLIST = "checklist"


@dataclass
class Structure:
    """What parity compares, each with the file line it is on."""

    headings: list[tuple[int, str, int]] = field(default_factory=list)  # (level, text, line)
    checklist_items: list[int] = field(default_factory=list)  # lines
    images: list[tuple[str, int]] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)  # internal targets, no #fragment
    terms: list[tuple[str, int]] = field(default_factory=list)  # glossary term ids


def internal_target(href: str) -> str | None:
    """The page or file an internal link points to (without #fragment or ?query), else None."""
    if _SCHEME.match(href) or href.startswith("#"):
        return None
    return re.split(r"[#?]", href, maxsplit=1)[0] or None


def structure(body: str, first_line: int = 1) -> Structure:
    """Parse a Markdown body (starting on file line `first_line`) into its `Structure`."""
    found = Structure()
    fence: str | None = None
    blocks: list[tuple[str, str]] = []  # open blocks: (slashes, name)
    for offset, raw in enumerate(body.split("\n")):
        line_no = first_line + offset
        if fence is not None:
            if raw.strip().startswith(fence) and set(raw.strip()) == {fence[0]}:
                fence = None
            continue
        if not raw:
            continue
        first = raw.lstrip()[:1]
        if first in "`~" and (m := _FENCE.match(raw)):
            fence = m.group(1)
            continue
        if first == "/":
            if m := _BLOCK_CLOSE.match(raw):
                while blocks and blocks[-1][0] != m.group(1):
                    blocks.pop()
                if blocks:
                    blocks.pop()
                continue
            if m := _BLOCK_OPEN.match(raw):
                blocks.append((m.group(1), m.group(2).lower()))
                continue
        if first == "#" and (m := _HEADING.match(raw)):
            found.headings.append((len(m.group(1)), (m.group(2) or "").strip(), line_no))
        if blocks and blocks[-1][1] == CHECKLIST and _LIST_ITEM.match(raw):
            found.checklist_items.append(line_no)
            if m := _ITEM_TARGET.search(raw):
                _add_item_target(found, m.group(1), line_no)
                raw = raw[: m.start()]
        if "[" in raw or "<" in raw:  # every inline form below starts with one of these
            _inline(found, _CODE_SPAN.sub("", raw) if "`" in raw else raw, line_no)
    return found


def _inline(found: Structure, text: str, line_no: int) -> None:
    """Images, internal link targets and glossary references on one line (code spans removed)."""
    if "![" in text or "<img" in text.lower():
        for regex in (_IMAGE, _IMG_TAG):
            found.images.extend((src, line_no) for src in regex.findall(text))
    if "](" in text or "]:" in text or "<a" in text.lower():
        for regex in (_LINK, _A_TAG, _LINK_DEF):
            for href in regex.findall(text):
                if (target := internal_target(href)) is not None:
                    found.links.append((target, line_no))
    if "[[" in text:
        found.terms.extend((term.lower(), line_no) for term in _TERM.findall(text))


def _add_item_target(found: Structure, target: str, line_no: int) -> None:
    if m := _GLOSSARY_TARGET.match(target):
        found.terms.append((m.group(1), line_no))
    elif (m := _PAGE_TARGET.match(target)) and (page := internal_target(m.group(1) or m.group(2))):
        found.links.append((page, line_no))


def _multiset_problem(
    rel: str, code: str, what: str, english: list[tuple[str, int]], here: list[tuple[str, int]], fallback: int
) -> Problem | None:
    want, have = Counter(v for v, _ in english), Counter(v for v, _ in here)
    if want == have:
        return None
    missing, extra = want - have, have - want
    parts = []
    if missing:
        parts.append(f"missing {_counted(missing)}")
    if extra:
        parts.append(f"not in the English {_counted(extra)}")
    line = next((ln for v, ln in here if v in extra), fallback)
    return Problem(rel, line, code, f"{what} differ from the English: {'; '.join(parts)}")


def _counted(values: Counter) -> str:
    return ", ".join(f"'{v}'" + (f" ×{n}" if n > 1 else "") for v, n in values.items())


def _levels(headings: list[tuple[int, str, int]]) -> str:
    return " ".join("#" * level for level, _, _ in headings) or "none"


def _heading_problem(
    rel: str, en: list[tuple[int, str, int]], tr: list[tuple[int, str, int]], en_rel: str, start: int
) -> Problem | None:
    if [h[0] for h in en] == [h[0] for h in tr]:
        return None
    i = next((i for i, (a, b) in enumerate(zip(en, tr, strict=False)) if a[0] != b[0]), min(len(en), len(tr)))
    english = f"'{'#' * en[i][0]} {en[i][1]}' ({en_rel}:{en[i][2]})" if i < len(en) else "no heading"
    here = f"'{'#' * tr[i][0]} {tr[i][1]}'" if i < len(tr) else "no heading"
    line = tr[i][2] if i < len(tr) else (tr[-1][2] if tr else start)
    return Problem(
        rel,
        line,
        "parity-headings",
        f"headings differ from the English: English has {len(en)} ({_levels(en)}), this translation "
        f"{len(tr)} ({_levels(tr)}); heading {i + 1} is {english} in the English, {here} here",
    )


def compare(
    rel: str, english: Document, translation: Document, en_rel: str, en: Structure | None = None
) -> list[Problem]:
    """Parity problems of `translation` (at `rel`) against `english` (at `en_rel`).

    Pass the English `Structure` when comparing several translations with the same English.
    """
    en = en or structure(english.body, english.body_line)
    tr = structure(translation.body, translation.body_line)
    start = translation.body_line
    problems = []
    if problem := _heading_problem(rel, en.headings, tr.headings, en_rel, start):
        problems.append(problem)
    if len(en.checklist_items) != len(tr.checklist_items):
        line = tr.checklist_items[-1] if tr.checklist_items else start
        problems.append(
            Problem(
                rel,
                line,
                "parity-checklist",
                f"checklist items differ from the English: English has {len(en.checklist_items)} "
                f"in '/// checklist' blocks, this translation {len(tr.checklist_items)}",
            )
        )
    for code, what, a, b in (
        ("parity-images", "images", en.images, tr.images),
        ("parity-links", "internal link targets", en.links, tr.links),
        ("parity-glossary", "glossary references", en.terms, tr.terms),
    ):
        if problem := _multiset_problem(rel, code, what, a, b, start):
            problems.append(problem)
    problems.extend(_meta_parity(rel, english.meta, translation))
    return problems


_SAME_IN_EVERY_LANGUAGE = (
    (("source", "url"), "parity-source", "source URL"),
    (("date",), "parity-date", "date"),
    (("tags",), "parity-tags", "tags"),
    (("template",), "parity-template", "template"),
)


def _meta_parity(rel: str, english: Mapping, translation: Document) -> list[Problem]:
    problems = []
    for path, code, what in _SAME_IN_EVERY_LANGUAGE:
        want, have = _get(english, path), _get(translation.meta, path)
        if want != have:
            line = line_of_key(translation.front_matter, path)
            shown = want if not isinstance(want, list) else "[" + ", ".join(map(str, want)) + "]"
            problems.append(
                Problem(
                    rel,
                    max(line, 1),
                    code,
                    f"{what} differs from the English: write `{path[-1]}: {shown}`"
                    if want is not None
                    else f"{what} is not in the English; remove `{'.'.join(path)}`",
                )
            )
    return problems


def _get(meta: Mapping, path: tuple[str, ...]) -> object:
    value: object = meta
    for part in path:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value
