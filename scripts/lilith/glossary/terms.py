"""The glossary: terms in every language, loaded from `glossary/*.yml` and validated.

One YAML file per term holds its `id`, `related` term ids and, for each of en/cs/pl, the
`term`, its word `forms` (inflections and synonyms the linker matches), a one-sentence
`short` definition (tooltips, the article box, the index) and a `long` explanation in
Markdown. Every problem is a `GlossaryError` naming file and line.

Other modules (checklists, tags) call `term_exists(term_id)` and `term_url(term_id, lang)`.
Matching lives in `glossary_match`, pages and the box in `glossary_pages`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lilith.content import yaml_text
from lilith.content.pages import ContentError, read_text
from lilith.text.languages import LANGUAGES, prefix

GLOSSARY_DIR = "glossary"  # next to mkdocs.yml; also the URL segment of the pages
DEFAULT_DIR = Path(__file__).resolve().parents[3] / GLOSSARY_DIR
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# What a form may contain: words (letters/digits, inner hyphens or apostrophes) and spaces.
_FORM = re.compile(r"^[^\W_]+(?:[-'’][^\W_]+)*(?: [^\W_]+(?:[-'’][^\W_]+)*)*$")


class GlossaryError(ContentError):
    """A problem in a glossary file or in a reference to a term; prints as `path:line: message`."""

    def relative_to(self, root: Path) -> GlossaryError:
        """The same error with its path shown relative to `root` (the project directory)."""
        try:
            return GlossaryError(Path(self.path).relative_to(root), self.line, self.message)
        except ValueError:
            return self


class TermText(BaseModel):
    """A term in one language."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    term: str = Field(min_length=1)
    forms: list[str]
    short: str = Field(min_length=1, description="one sentence, for tooltips and the index")
    long: str = Field(min_length=1, description="Markdown")

    @field_validator("term", "short", "long")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("short")
    @classmethod
    def _one_sentence(cls, value: str) -> str:
        if "\n" in value.strip():
            raise ValueError("must be one sentence on one line (it is a tooltip)")
        return value

    @property
    def all_forms(self) -> list[str]:
        """The term itself, then its declared forms."""
        return [self.term, *self.forms]


class GlossaryTerm(BaseModel):
    """One glossary file: a term in every language."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    related: list[str]
    en: TermText
    cs: TermText
    pl: TermText

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"must be a lowercase id like 'fine-tuning', not {value!r}")
        return value

    def text(self, lang: str) -> TermText:
        """The term in `lang`."""
        return getattr(self, lang)


@dataclass(frozen=True)
class SourceMap:
    """Where a glossary file's values are: line numbers by YAML path."""

    path: Path
    lines: dict[tuple, int]

    def line(self, loc: tuple) -> int:
        """Line of the deepest known part of `loc` (a pydantic/YAML location)."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


@dataclass
class Glossary:
    """All terms, by id, with where each came from."""

    terms: dict[str, GlossaryTerm]
    sources: dict[str, SourceMap] = field(default_factory=dict)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.terms

    def __getitem__(self, term_id: str) -> GlossaryTerm:
        return self.terms[term_id]

    def __iter__(self):
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def text(self, term_id: str, lang: str) -> TermText:
        """Term `term_id` in `lang`."""
        return self.terms[term_id].text(lang)

    def unknown(self, term_id: str, where: Path | str, line: int) -> GlossaryError:
        """The error for a reference to a term that does not exist, with a suggestion."""
        close = difflib.get_close_matches(term_id, list(self.terms), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; terms are the file names in {GLOSSARY_DIR}/"
        return GlossaryError(where, line, f"unknown glossary term '{term_id}'{hint}")


def term_url(term_id: str, lang: str) -> str:
    """Site-relative URL of a term's entry: `glossary/<id>/`, `cs/glossary/<id>/`, …"""
    return f"{prefix(lang)}{GLOSSARY_DIR}/{term_id}/"


def index_url(lang: str) -> str:
    """Site-relative URL of a language's glossary index."""
    return f"{prefix(lang)}{GLOSSARY_DIR}/"


_active: Glossary | None = None


def activate(glossary: Glossary | None) -> None:
    """Make `glossary` the one `term_exists` answers for (the plugin does this per build)."""
    global _active
    _active = glossary


def current() -> Glossary:
    """The active glossary, else the project's `glossary/` directory."""
    return _active if _active is not None else load_glossary(DEFAULT_DIR)


def term_exists(term_id: str) -> bool:
    """Whether `term_id` is a glossary term."""
    return term_id in current()


# -- loading ---------------------------------------------------------------------------------


def _node_lines(node: yaml.Node, loc: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    """{YAML path: 1-based line} for every mapping key and sequence item under `node`."""
    out = {} if out is None else out
    out.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            path = (*loc, key.value)
            out[path] = key.start_mark.line + 1
            _node_lines(value, path, out)
            if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):
                out[(*path, "body")] = value.start_mark.line + 2  # first line of the block
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _node_lines(item, (*loc, i), out)
    return out


def _message(err: dict) -> str:
    where = ".".join(str(p) for p in err["loc"]) or "file"
    if err["type"] == "missing":
        if len(err["loc"]) == 1 and err["loc"][0] in LANGUAGES:
            return f"missing language '{where}' (every term needs en, cs and pl)"
        return f"missing field '{where}'"
    if err["type"] == "extra_forbidden":
        return f"unknown field '{where}'; fields are id, related, en, cs, pl (term, forms, short, long)"
    return f"'{where}': {err['msg'].removeprefix('Value error, ')}"


def parse_term(path: Path) -> tuple[GlossaryTerm, SourceMap]:
    """Load and validate one glossary file (alone: cross-term checks are in `load_glossary`)."""
    text = read_text(path)
    try:
        node, data = yaml_text.load_with_nodes(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise GlossaryError(path, line, f"not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(data, dict) or node is None:
        raise GlossaryError(path, 1, "a glossary file is a mapping: id, related, en, cs, pl")
    source = SourceMap(path, _node_lines(node))
    try:
        term = GlossaryTerm.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise GlossaryError(path, source.line(tuple(err["loc"])), _message(err)) from None
    if term.id != path.stem:
        raise GlossaryError(
            path, source.line(("id",)), f"id '{term.id}' must match the file name '{path.stem}'"
        )
    for lang in LANGUAGES:
        for i, form in enumerate(term.text(lang).all_forms):
            if not _FORM.match(form):
                loc = (lang, "term") if i == 0 else (lang, "forms", i - 1)
                raise GlossaryError(
                    path,
                    source.line(loc),
                    f"form {form!r} can never match: use words (letters, digits, inner hyphens or "
                    "apostrophes) separated by single spaces",
                )
    return term, source


def form_key(form: str) -> str:
    """How two forms are compared for clashes: case-insensitive, one apostrophe style."""
    return form.casefold().replace("’", "'")


def _check_forms(terms: dict[str, GlossaryTerm], sources: dict[str, SourceMap]) -> None:
    """One word form belongs to one term per language (a word must never mean two terms)."""
    for lang in LANGUAGES:
        owner: dict[str, tuple[str, int]] = {}
        for term in terms.values():
            seen: set[str] = set()
            for i, form in enumerate(term.text(lang).all_forms):
                key = form_key(form)
                loc = (lang, "term") if i == 0 else (lang, "forms", i - 1)
                line = sources[term.id].line(loc)
                path = sources[term.id].path
                if key in seen:
                    raise GlossaryError(path, line, f"{lang} form {form!r} is listed twice in '{term.id}'")
                seen.add(key)
                if key in owner:
                    other, other_line = owner[key]
                    other_path = f"{GLOSSARY_DIR}/{sources[other].path.name}"
                    raise GlossaryError(
                        path,
                        line,
                        f"{lang} form {form!r} is claimed by two terms: '{term.id}' and '{other}' "
                        f"({other_path}:{other_line}); keep it in one",
                    )
                owner[key] = (term.id, line)


def _check_related(terms: dict[str, GlossaryTerm], sources: dict[str, SourceMap]) -> None:
    for term in terms.values():
        for i, rel in enumerate(term.related):
            line = sources[term.id].line(("related", i))
            if rel == term.id:
                raise GlossaryError(sources[term.id].path, line, f"'{term.id}' lists itself as related")
            if rel not in terms:
                glossary = Glossary(terms)
                err = glossary.unknown(rel, sources[term.id].path, line)
                raise GlossaryError(err.path, err.line, f"related term: {err.message}")


_EXPLICIT = re.compile(r"\[\[\s*([^\[\]|!\n][^\[\]|\n]*?)\s*(?:\|[^\[\]\n]*)?\]\]")


def _check_explicit_refs(terms: dict[str, GlossaryTerm], sources: dict[str, SourceMap]) -> None:
    """`[[id]]` references inside the long explanations must name existing terms."""
    glossary = Glossary(terms)
    for term in terms.values():
        for lang in LANGUAGES:
            long = term.text(lang).long
            for match in _EXPLICIT.finditer(long):
                ref = match.group(1)
                if ref not in terms:
                    first = sources[term.id].line((lang, "long", "body"))
                    line = first + long.count("\n", 0, match.start())
                    raise glossary.unknown(ref, sources[term.id].path, line)


@cache
def _load_cached(directory: Path, stamp: tuple) -> Glossary:
    paths = sorted(directory.glob("*.yml"))
    if not paths:
        raise GlossaryError(directory, 1, "no glossary files (*.yml) found")
    terms: dict[str, GlossaryTerm] = {}
    sources: dict[str, SourceMap] = {}
    for path in paths:
        term, source = parse_term(path)
        terms[term.id], sources[term.id] = term, source
    _check_related(terms, sources)
    _check_forms(terms, sources)
    _check_explicit_refs(terms, sources)
    return Glossary(terms, sources)


def load_glossary(directory: Path | str) -> Glossary:
    """Every term in `directory`; the first problem raises `GlossaryError`.

    Cached while no file changes (serve rebuilds, and every language build, reuse it).
    """
    directory = Path(directory)
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(directory.glob("*.yml")))
    return _load_cached(directory.resolve(), stamp)
