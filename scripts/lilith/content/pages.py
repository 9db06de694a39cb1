"""Load pages and their front matter into typed models, with errors that name file and line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lilith.content import yaml_text
from lilith.text.languages import DEFAULT, LANGUAGES

ARTICLES_DIR = "radar"
_FENCE = "---"
_TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG = _TAG  # article slugs: lowercase words joined by hyphens
FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
# What a language suffix looks like (`x.de.md`, `x.pt-BR.md`): unknown ones are errors, not English.
_LANG_LIKE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


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
    glossary: bool = Field(default=True, description="false: no automatic glossary links on this page")
    glossary_skip: list[str] = Field(default_factory=list, description="term ids never linked automatically")

    @field_validator("translated_from")
    @classmethod
    def _fingerprint(cls, value: str | None) -> str | None:
        return _check_fingerprint(value)

    @field_validator("tags")
    @classmethod
    def _tag_ids(cls, tags: list[str]) -> list[str]:
        bad = [t for t in tags if not _TAG.match(t)]
        if bad:
            raise ValueError(f"tags are lowercase ids like 'fine-tuning', not {bad}")
        twice = sorted({t for t in tags if tags.count(t) > 1})
        if twice:
            raise ValueError(f"tag(s) {', '.join(twice)} listed twice; list each tag once")
        return tags


def _check_fingerprint(value: str | None) -> str | None:
    if value is not None and not FINGERPRINT.match(value):
        raise ValueError(
            "must be the 12-character fingerprint written by `python -m lilith fingerprint <file>`; "
            "do not edit it by hand"
        )
    return value


class PageMeta(BaseModel):
    """Front matter of a page that is not an article (e.g. `index.md`): open, but typed where known."""

    model_config = ConfigDict(extra="allow")
    title: str | None = Field(default=None, min_length=1)
    description: str | None = Field(default=None, min_length=1)
    template: str | None = None
    translated_from: str | None = None

    @field_validator("translated_from")
    @classmethod
    def _fingerprint(cls, value: str | None) -> str | None:
        return _check_fingerprint(value)


@dataclass(frozen=True)
class SourceName:
    """What a docs file's path says: page (language-neutral path), language, and any bad suffix."""

    page: str  # e.g. "radar/x" for radar/x.md, radar/x.cs.md and radar/x.en.md
    lang: str
    unknown_suffix: str | None = None  # "de" for x.de.md

    @property
    def slug(self) -> str:
        return self.page.rsplit("/", 1)[-1]


def source_name(rel: str) -> SourceName:
    """Split a docs-relative path in the suffix structure into page and language."""
    stem = rel.removesuffix(".md")
    head, dot, suffix = stem.rpartition(".")
    if dot and "/" not in suffix:
        if suffix in LANGUAGES:
            return SourceName(head, suffix)
        if _LANG_LIKE.match(suffix):
            return SourceName(head, DEFAULT, suffix)
    return SourceName(stem, DEFAULT)


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
    meta = _load_yaml(path, fm)
    if not isinstance(meta, dict):
        raise ContentError(path, 2, "front matter must be 'key: value' pairs, e.g. 'title: My title'")
    body = "\n".join(lines[end + 1 :])
    return Document(path, meta, body, end + 2, fm)


_YAML_HINTS = (
    ("mapping values are not allowed", "a value containing ': ' must be in quotes, e.g. title: \"A: B\""),
    ("could not find expected ':'", "every line is 'key: value'; quote values that span lines"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("expected ',' or ']'", "close the list with ']', e.g. tags: [evals, rag]"),
    ("expected ',' or '}'", "close the mapping with '}'"),
    ("found undefined alias", "'*' starts an alias; put the value in quotes"),
    ("found character that cannot start any token", "put the value in quotes"),
)


class _DuplicateKey(ValueError):
    def __init__(self, key: str, line: int, first: int) -> None:
        super().__init__(key)
        self.key, self.line, self.first = key, line, first


class _Loader(yaml_text.SafeLoader):  # type: ignore[misc,valid-type]
    """YAML's safe loader (libyaml's when available) that refuses a key written twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                line = key_node.start_mark.line
                if key_node.value in seen:
                    raise _DuplicateKey(key_node.value, line, seen[key_node.value])
                seen[key_node.value] = line
        return super().construct_mapping(node, deep=deep)


def _load_yaml(path: Path, front_matter: str) -> object:
    """Parse front matter; every failure (YAML syntax, impossible dates …) is a `ContentError`."""
    if not front_matter.strip():
        return {}
    try:
        return yaml.load(front_matter, Loader=_Loader)  # CSafeLoader/SafeLoader: no arbitrary objects
    except yaml.YAMLError as exc:
        # Where the broken construct starts (an unclosed '[' or quote) beats where YAML noticed.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 2
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or "invalid YAML"
        hint = next((h for needle, h in _YAML_HINTS if needle in str(problem)), "")
        message = f"front matter is not valid YAML: {problem}" + (f"; {hint}" if hint else "")
        raise ContentError(path, line, message) from None
    except _DuplicateKey as exc:
        raise ContentError(
            path, exc.line + 2, f"'{exc.key}' is written twice (also on line {exc.first + 2}); keep one"
        ) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # e.g. date: 2026-13-45
        line = _first_date_line(front_matter)
        raise ContentError(
            path, line, f"front matter has a value YAML cannot read ({exc}); write dates as 2026-11-20"
        ) from None


def _first_date_line(front_matter: str) -> int:
    """Line of the first date-like value (the usual cause of value errors), else the first line."""
    for i, line in enumerate(front_matter.split("\n"), 2):
        if re.search(r":\s*\d{4}-\d{1,2}-\d{1,2}", line):
            return i
    return 2


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


# What to write, per field: every schema error ends with an example of a correct line.
EXAMPLES = {
    "title": "title: Fine-tuning is no longer the default",
    "description": "description: The lede, two or three sentences.",
    "date": "date: 2026-11-20",
    "tags": "tags: [evals, rag]",
    "verdict": "verdict: Scalpel yes. Hammer for every problem, no.",
    "source": "source: {url: https://example.com/post, title: The post, publisher: Example}",
    "source.url": "  url: https://example.com/post",
    "source.title": "  title: Title of the original",
    "source.publisher": "  publisher: Who published it",
    "glossary": "glossary: false",
    "glossary_skip": "glossary_skip: [drift, prompt]",
    "translated_from": "(run `python -m lilith fingerprint <file>`)",
}


def _error_message(err: dict) -> str:
    loc = [str(p) for p in err["loc"]]
    field = ".".join(loc) or "front matter"
    example = EXAMPLES.get(".".join(p for p in loc if not p.isdigit()), "")
    if err["type"] == "extra_forbidden":
        known = ", ".join(k for k in EXAMPLES if "." not in k)
        return f"unknown field '{field}'; remove it or check its spelling (known fields: {known})"
    if err["type"] == "missing":
        msg = f"missing required field '{field}'"
    else:
        msg = f"'{field}': " + err["msg"].removeprefix("Value error, ")
    if not example:
        return msg
    return f"{msg} {example}" if example.startswith("(") else f"{msg}; write e.g. `{example.strip()}`"


def meta_errors(doc: Document, model: type[BaseModel]) -> tuple[BaseModel | None, list[ContentError]]:
    """Validate a document's front matter against `model`: (meta or None, every error found)."""
    try:
        return model.model_validate(doc.meta), []
    except ValidationError as exc:
        return None, [
            ContentError(doc.path, line_of_key(doc.front_matter, err["loc"]), _error_message(err))
            for err in exc.errors()
        ]


def parse_article(path: Path, docs_dir: Path) -> Article:
    """Load one article file into an `Article`, raising `ContentError` on any problem."""
    return article_from(parse_document(path), docs_dir)


def article_from(doc: Document, docs_dir: Path) -> Article:
    """The `Article` of a parsed document, raising the first schema error as `ContentError`."""
    meta, errors = meta_errors(doc, ArticleMeta)
    if errors:
        raise errors[0]
    name = source_name(docs_relative(doc.path, docs_dir))
    if name.unknown_suffix:
        raise ContentError(doc.path, 1, unknown_suffix_message(name.unknown_suffix))
    return Article(name.slug, name.lang, doc.path, meta, doc.body, doc.body_line)


def unknown_suffix_message(suffix: str) -> str:
    """What to say about `x.<suffix>.md` when `suffix` is not one of our languages."""
    others = ", ".join(f"'.{lang}.md'" for lang in LANGUAGES if lang != DEFAULT)
    return (
        f"unknown language suffix '.{suffix}'; the site's languages are {', '.join(LANGUAGES)}: "
        f"name translations {others} and English files without a suffix"
    )


def article_paths(docs_dir: Path) -> list[Path]:
    """All article source files, in a stable order."""
    return sorted((docs_dir / ARTICLES_DIR).glob("*.md"))


def page_paths(docs_dir: Path) -> list[Path]:
    """Every Markdown page MkDocs would build (hidden files and folders excluded), sorted."""
    found = ((p, docs_relative(p, docs_dir)) for p in docs_dir.rglob("*.md"))
    return sorted(p for p, rel in found if not any(part.startswith(".") for part in rel.split("/")))


def is_article(rel: str) -> bool:
    """Whether a docs-relative path is an article (`radar/<slug>[.lang].md`)."""
    return rel.startswith(f"{ARTICLES_DIR}/") and rel.count("/") == 1


def docs_relative(path: Path, docs_dir: Path) -> str:
    """`path` relative to `docs_dir`, POSIX-style (by text: `relative_to` is slow in bulk)."""
    text, base = path.as_posix(), docs_dir.as_posix().rstrip("/") + "/"
    return text[len(base) :] if text.startswith(base) else path.relative_to(docs_dir).as_posix()


def load_articles(docs_dir: Path) -> list[Article]:
    """Every article in every language; the first broken file raises `ContentError`."""
    return [parse_article(p, docs_dir) for p in article_paths(docs_dir)]


def load_articles_tolerant(
    docs_dir: Path, parsed: Mapping[str, Document] | None = None
) -> tuple[list[Article], list[ContentError]]:
    """Every article that loads, and the errors of those that do not (for `mkdocs serve`);
    `parsed`: documents already read (docs-relative path -> `Document`, as the checks keep them).
    """
    parsed = parsed or {}
    articles, errors = [], []
    for path in article_paths(docs_dir):
        doc = parsed.get(docs_relative(path, docs_dir))
        try:
            articles.append(article_from(doc, docs_dir) if doc else parse_article(path, docs_dir))
        except ContentError as exc:
            errors.append(exc)
    return articles, errors


def by_language(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles per language, newest first (ties by slug)."""
    out: dict[str, list[Article]] = {lang: [] for lang in LANGUAGES}
    for article in articles:
        out[article.lang].append(article)
    for items in out.values():
        items.sort(key=lambda a: (-a.meta.date.toordinal(), a.slug))
    return out
