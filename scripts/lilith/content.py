"""Load pages and their front matter into typed models, with errors that name file and line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lilith.languages import LANGUAGES, lang_of_src

ARTICLES_DIR = "radar"
_FENCE = "---"
_TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ContentError(Exception):
    """A problem in a content file; prints as `path:line: message`."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


class Source(BaseModel):
    """The original source an article comments on."""

    model_config = ConfigDict(extra="forbid")
    url: str
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)

    @field_validator("url")
    @classmethod
    def _https(cls, url: str) -> str:
        if not re.match(r"^https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", url):
            raise ValueError("must be an https:// URL, e.g. https://example.com/post")
        return url


class ArticleMeta(BaseModel):
    """Front matter of an article (`docs/radar/<slug>[.lang].md`)."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    description: str = Field(min_length=1, description="the lede")
    date: dt.date
    tags: list[str] = Field(min_length=1)
    verdict: str = Field(min_length=1, description="one-line verdict for listings")
    source: Source
    translated_from: str | None = Field(
        default=None, description="fingerprint of the English text this translation follows"
    )
    glossary: bool = True

    @field_validator("tags")
    @classmethod
    def _tag_ids(cls, tags: list[str]) -> list[str]:
        bad = [t for t in tags if not _TAG.match(t)]
        if bad:
            raise ValueError(f"tags are lowercase ids like 'fine-tuning', not {bad}")
        return tags


@dataclass(frozen=True)
class Document:
    """A Markdown file split into front matter and body."""

    path: Path
    meta: dict
    body: str
    body_line: int  # 1-based line number where the body starts
    front_matter: str


@dataclass(frozen=True)
class Article:
    """One language version of an article."""

    slug: str
    lang: str
    path: Path
    meta: ArticleMeta
    body: str
    body_line: int

    @property
    def url(self) -> str:
        """Site-relative URL of the article page."""
        prefix = "" if self.lang == "en" else f"{self.lang}/"
        return f"{prefix}{ARTICLES_DIR}/{self.slug}/"


def read_text(path: Path) -> str:
    """Read a content file as UTF-8, refusing what editors' tools should not produce."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ContentError(path, 1, "file starts with a byte-order mark (BOM); save as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(path, line, "not valid UTF-8; save the file as UTF-8") from None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise ContentError(path, line, "Windows (CRLF) line ends; save with LF line ends")
    return text


def parse_document(path: Path, text: str | None = None) -> Document:
    """Split `text` (or the file) into YAML front matter and Markdown body."""
    text = read_text(path) if text is None else text
    if not text.strip():
        raise ContentError(path, 1, "empty file; start with front matter between '---' lines")
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return Document(path, {}, text, 1, "")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.rstrip() == _FENCE)
    except StopIteration:
        raise ContentError(path, 1, "front matter has no closing '---' line") from None
    fm = "\n".join(lines[1:end])
    for i, line in enumerate(lines[1:end], 2):
        if "\t" in line:
            raise ContentError(path, i, "tab character in front matter; indent with spaces")
    try:
        meta = yaml.safe_load(fm) if fm.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ContentError(path, line, f"front matter is not valid YAML: {problem}") from None
    if not isinstance(meta, dict):
        raise ContentError(path, 2, "front matter must be 'key: value' pairs")
    body = "\n".join(lines[end + 1 :])
    return Document(path, meta, body, end + 2, fm)


def line_of_key(front_matter: str, loc: tuple, first_line: int = 2) -> int:
    """Best line for a validation error at `loc` (a pydantic location) in the front matter."""
    lines = front_matter.split("\n")
    found, indent, start = first_line - 1, -1, 0
    for part in loc:
        if not isinstance(part, str):
            continue
        for i in range(start, len(lines)):
            stripped = lines[i].lstrip()
            level = len(lines[i]) - len(stripped)
            if level > indent and re.match(rf"{re.escape(part)}\s*:", stripped):
                found, indent, start = i + first_line, level, i + 1
                break
    return found


def _error_message(err: dict) -> str:
    field = ".".join(str(p) for p in err["loc"]) or "front matter"
    if err["type"] == "missing":
        return f"missing required field '{field}'"
    if err["type"] == "extra_forbidden":
        return f"unknown field '{field}'; remove it or check its spelling"
    msg = err["msg"].removeprefix("Value error, ")
    return f"'{field}': {msg}"


def parse_article(path: Path, docs_dir: Path) -> Article:
    """Load one article file into an `Article`, raising `ContentError` on any problem."""
    doc = parse_document(path)
    try:
        meta = ArticleMeta.model_validate(doc.meta)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ContentError(path, line_of_key(doc.front_matter, err["loc"]), _error_message(err)) from None
    rel = path.relative_to(docs_dir).as_posix()
    lang = lang_of_src(rel)
    name = path.name.removesuffix(".md")
    slug = name.removesuffix(f".{lang}") if lang != "en" else name
    return Article(slug, lang, path, meta, doc.body, doc.body_line)


def article_paths(docs_dir: Path) -> list[Path]:
    """All article source files, in a stable order."""
    return sorted((docs_dir / ARTICLES_DIR).glob("*.md"))


def load_articles(docs_dir: Path) -> list[Article]:
    """Every article in every language; the first broken file raises `ContentError`."""
    return [parse_article(p, docs_dir) for p in article_paths(docs_dir)]


def by_language(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles per language, newest first (ties by slug)."""
    out: dict[str, list[Article]] = {lang: [] for lang in LANGUAGES}
    for article in articles:
        out[article.lang].append(article)
    for items in out.values():
        items.sort(key=lambda a: (-a.meta.date.toordinal(), a.slug))
    return out
