"""Find every external URL in the content, with the page and line that cites it.

Markdown pages (`docs/**/*.md`) and glossary files (`glossary/*.yml`) are scanned line by
line for inline links and images, reference definitions, autolinks, raw HTML `href`/`src`
and bare `http(s)://` URLs; fenced code blocks and code spans are skipped. Each article's
front-matter `source.url` is collected as *critical*, with the article's date (for
archived copies). Relative links are left to the built-site check (`internal`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from lilith.content.pages import (
    ContentError,
    article_from,
    is_article,
    line_of_key,
    page_paths,
    parse_document,
)
from lilith.links.models import Citation
from lilith.links.urls import is_external, normalise

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]+)>")
_HTML_ATTR = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_BARE = re.compile(r"""https?://[^\s<>"'`\]\[{}|\\^]+""", re.IGNORECASE)
_TRAILING = ".,;:!?*_~'\""


def _strip_code_spans(line: str) -> str:
    """The line with code spans blanked out (columns kept), so code is not taken for links."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def _inline_targets(line: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, target) of each `[text](target "title")`, balancing parentheses in URLs."""
    pos = 0
    while (open_at := line.find("](", pos)) != -1:
        i, depth = open_at + 2, 1
        while i < len(line) and depth:
            depth += {"(": 1, ")": -1}.get(line[i], 0)
            i += 1
        inner = line[open_at + 2 : i - 1 if depth == 0 else i].strip()
        if inner.startswith("<") and ">" in inner:
            target = inner[1 : inner.index(">")]
        else:
            target = inner.split()[0] if inner.split() else ""
        if target:
            yield open_at, i, target
        pos = open_at + 2


def _trim_bare(url: str) -> str:
    """A bare URL without the sentence punctuation or unbalanced ')' that follows it."""
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def urls_in_line(line: str) -> list[str]:
    """External URLs on one line of Markdown (or YAML holding Markdown), in order of appearance."""
    text = _strip_code_spans(line)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for start, end, target in _inline_targets(text):
        found.append((start, target))
        taken.append((start, end))
    if match := _REFERENCE.match(text):
        found.append((match.start(1), match.group(1)))
        taken.append(match.span())
    for match in _AUTOLINK.finditer(text):
        found.append((match.start(1), match.group(1)))
        taken.append(match.span())
    for match in _HTML_ATTR.finditer(text):
        value = match.group(1) if match.group(1) is not None else match.group(2)
        found.append((match.start(), value.strip()))
        taken.append(match.span())
    for match in _BARE.finditer(text):
        if not any(a <= match.start() < b for a, b in taken):
            found.append((match.start(), _trim_bare(match.group(0))))
    return [url for _, url in sorted(found) if is_external(url)]


def scan_text(text: str, first_line: int = 1, fences: bool = True) -> Iterator[tuple[int, str]]:
    """(line number, URL) for every external URL in `text`, skipping fenced code blocks."""
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), first_line):
        if fences and (match := _FENCE.match(line)):
            marker = match.group(1)
            if fence is None:
                fence = marker
                continue
            if marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[len(marker) :]:
                fence = None
                continue
        if fence is not None:
            continue
        for url in urls_in_line(line):
            yield number, url


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def collect_page(path: Path, root: Path, docs_dir: Path) -> list[Citation]:
    """Citations in one Markdown page; an article's `source.url` is critical. Raises `ContentError`."""
    rel = _rel(path, root)
    doc = parse_document(path)
    citations: list[Citation] = []
    date: dt.date | None = None
    if is_article(path.relative_to(docs_dir).as_posix()):
        article = article_from(doc, docs_dir)
        date = article.meta.date
        line = line_of_key(doc.front_matter, ("source", "url"))
        citations.append(Citation(rel, line, article.meta.source.url, critical=True, date=date))
    citations.extend(Citation(rel, n, url, date=date) for n, url in scan_text(doc.body, doc.body_line))
    return citations


def collect_glossary(path: Path, root: Path) -> list[Citation]:
    """Citations in a glossary file (its Markdown lives in YAML strings)."""
    rel = _rel(path, root)
    return [Citation(rel, n, url) for n, url in scan_text(path.read_text(encoding="utf-8"), fences=False)]


def collect(root: Path, docs_dir: Path | None = None, glossary_dir: Path | None = None):
    """All citations of external URLs under `root`, and the content errors met on the way.

    Returns `(citations, errors)`; a broken file is reported and skipped, never fatal.
    """
    docs_dir = docs_dir or root / "docs"
    glossary_dir = glossary_dir or root / "glossary"
    citations: list[Citation] = []
    errors: list[ContentError] = []
    for path in page_paths(docs_dir):
        try:
            citations.extend(collect_page(path, root, docs_dir))
        except ContentError as exc:
            errors.append(ContentError(_rel(Path(exc.path), root), exc.line, exc.message))
    if glossary_dir.is_dir():
        for path in sorted(glossary_dir.glob("*.yml")):
            try:
                citations.extend(collect_glossary(path, root))
            except (OSError, UnicodeDecodeError) as exc:
                errors.append(ContentError(_rel(path, root), 1, f"cannot read: {exc}"))
    return citations, errors


def by_url(citations: Iterable[Citation]) -> dict[str, list[Citation]]:
    """Citations grouped under the normalised URL they are checked as (fragments dropped)."""
    grouped: dict[str, list[Citation]] = {}
    for citation in citations:
        grouped.setdefault(normalise(citation.url), []).append(citation)
    return grouped
