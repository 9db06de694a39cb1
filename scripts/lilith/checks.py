"""Every content check `python -m lilith check` (and the build) runs, as one list of `Problem`s.

Plain parsing only (no Markdown rendering), so checking a large site costs a fraction of
building it. Each broken file gives one problem: later checks skip what could not be read,
so one mistake never cascades into many reports.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lilith.content import yaml_text
from lilith.content.pages import (
    SLUG,
    ArticleMeta,
    ContentError,
    Document,
    PageMeta,
    SourceName,
    docs_relative,
    is_article,
    line_of_key,
    meta_errors,
    page_paths,
    parse_document,
    source_name,
    unknown_suffix_message,
)
from lilith.report import Problem
from lilith.text import strings
from lilith.text.languages import DEFAULT
from lilith.translations.completeness import PageFiles, completeness, glossary_problems
from lilith.translations.fingerprints import source_text, staleness
from lilith.translations.parity import compare, structure

PLACEHOLDER = "[TODO"  # what `python -m lilith new` leaves for the editor to replace
_TEMPLATE_KEY = re.compile(r"""\bt\(\s*['"]([A-Za-z0-9_.-]+)['"]\s*\)""")
_PYTHON_KEY = re.compile(r"""\bt\(\s*[\w.]+\s*,\s*['"]([A-Za-z0-9_.-]+)['"]\s*\)""")


@dataclass
class SiteCheck:
    """The result of checking a site: its problems and what the build needs to show banners."""

    problems: list[Problem] = field(default_factory=list)
    outdated: set[str] = field(default_factory=set)  # docs-relative paths of outdated translations
    documents: dict[str, Document] = field(default_factory=dict)  # docs-relative path -> valid doc


class ConfigError(Exception):
    """The site itself cannot be checked (no docs folder, an unreadable mkdocs.yml): exit 2."""


class _AnyTagLoader(yaml_text.SafeLoader):  # type: ignore[misc,valid-type]
    """Reads mkdocs.yml, whose `!ENV` and `!!python/…` tags only MkDocs can construct."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def docs_dir(root: Path) -> Path:
    """The docs folder mkdocs.yml names (`docs_dir`, by default `docs`)."""
    config_file = root / "mkdocs.yml"
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # a SafeLoader
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {config_file}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{config_file}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    name = config.get("docs_dir", "docs") if isinstance(config, dict) else "docs"
    docs = root / str(name)
    if not docs.is_dir():
        raise ConfigError(f"no docs folder {docs} (mkdocs.yml's docs_dir)")
    return docs


def run_checks(root: Path) -> list[Problem]:
    """All problems in the site at `root` (the folder with mkdocs.yml and docs/)."""
    return inspect_site(root).problems


def inspect_site(root: Path, docs: Path | None = None) -> SiteCheck:
    """Check every page, translation, glossary term and interface string under `root`."""
    docs = docs or docs_dir(root)
    docs_prefix = _shown(root, docs) + "/"
    result = SiteCheck()
    pages: dict[str, dict[str, str]] = defaultdict(dict)
    seen: dict[tuple[str, str], str] = {}
    for path in page_paths(docs):
        rel = docs_relative(path, docs)
        name = source_name(rel)
        problem = _name_problem(rel, name, seen) or _load(path, rel, name, result)
        if problem is not None:
            result.problems.append(problem.with_path(docs_prefix + rel))
            if problem.code in {"unknown-language", "duplicate-slug"}:
                continue
        seen[(name.page.casefold(), name.lang)] = rel
        pages[name.page][name.lang] = rel
    groups = [PageFiles(page, files) for page, files in sorted(pages.items())]
    result.problems.extend(completeness(groups, docs_prefix))
    for group in groups:
        _translation_problems(root, docs_prefix, group, result)
    result.problems.extend(glossary_problems(root))
    result.problems.extend(string_problems(root))
    return result


@dataclass(frozen=True)
class _Found:
    """A problem before its path is known relative to the root."""

    line: int
    code: str
    message: str

    def with_path(self, path: str) -> Problem:
        return Problem(path, self.line, self.code, self.message)


def _name_problem(rel: str, name: SourceName, seen: dict[tuple[str, str], str]) -> _Found | None:
    if name.unknown_suffix:
        return _Found(1, "unknown-language", unknown_suffix_message(name.unknown_suffix))
    other = seen.get((name.page.casefold(), name.lang))
    if other is not None:
        return _Found(
            1,
            "duplicate-slug",
            f"same page and language as {other} (both would be /{name.page}/); rename or remove one",
        )
    if is_article(rel) and not SLUG.match(name.slug):
        return _Found(
            1,
            "slug",
            f"article slug '{name.slug}' must be lowercase words joined by hyphens, e.g. 'my-article'",
        )
    return None


def _load(path: Path, rel: str, name: SourceName, result: SiteCheck) -> _Found | None:
    """Parse and validate one file; keep it in `result.documents` when valid."""
    try:
        doc = parse_document(path)
    except ContentError as exc:
        return _Found(exc.line, "syntax", exc.message)
    _, errors = meta_errors(doc, ArticleMeta if is_article(rel) else PageMeta)
    if errors:
        for err in errors[1:]:
            result.problems.append(Problem(f"docs/{rel}", err.line, "schema", err.message))
        return _Found(errors[0].line, "schema", errors[0].message)
    if name.lang == DEFAULT and "translated_from" in doc.meta:
        line = next(
            (i for i, ln in enumerate(doc.front_matter.split("\n"), 2) if ln.startswith("translated_")), 1
        )
        return _Found(line, "schema", "English pages have no 'translated_from'; remove the line")
    if is_article(rel) and (unknown := _unknown_tag(doc)):
        return unknown
    placeholder = _placeholder_line(doc)
    if placeholder:
        return _Found(
            placeholder, "placeholder", "text left from `python -m lilith new`: replace every '[TODO …]'"
        )
    result.documents[rel] = doc
    return None


def _unknown_tag(doc: Document) -> _Found | None:
    """A tag without a name in strings.yml (`tag.<id>`), which tag pages and listings need."""
    names = strings.load()
    if not any(key.startswith("tag.") for key in names):
        return None
    unknown = [tag for tag in doc.meta.get("tags") or [] if f"tag.{tag}" not in names]
    if not unknown:
        return None
    return _Found(
        line_of_key(doc.front_matter, ("tags",)),
        "unknown-tag",
        f"unknown tag(s) {', '.join(unknown)}: use a known tag, or add 'tag.<id>' with en, cs and pl names "
        "to scripts/lilith/text/strings.yml",
    )


def _placeholder_line(doc: Document) -> int | None:
    if PLACEHOLDER in doc.front_matter:
        return 2 + next(i for i, ln in enumerate(doc.front_matter.split("\n")) if PLACEHOLDER in ln)
    for i, line in enumerate(doc.body.split("\n")):
        if PLACEHOLDER in line:
            return doc.body_line + i
    return None


def _translation_problems(root: Path, docs_prefix: str, group: PageFiles, result: SiteCheck) -> None:
    english_rel = group.files.get(DEFAULT)
    english = result.documents.get(english_rel) if english_rel else None
    if english is None:
        return
    shape, now = None, source_text(english.meta, english.body)
    for lang, rel in sorted(group.files.items()):
        translation = result.documents.get(rel)
        if lang == DEFAULT or translation is None:
            continue
        shape = shape or structure(english.body, english.body_line)
        en_rel = docs_prefix + english_rel
        result.problems.extend(compare(docs_prefix + rel, english, translation, en_rel, shape))
        problem = staleness(root, english, translation, now)
        if problem is not None:
            result.problems.append(problem)
            if problem.code == "outdated":
                result.outdated.add(rel)


# -- interface strings -----------------------------------------------------------------------


def string_problems(root: Path, strings_file: Path = strings.STRINGS_FILE) -> list[Problem]:
    """Keys without text in some language, and keys our templates or code use but never define."""
    entries = strings.load(strings_file)
    shown = _shown(root, strings_file)
    lines = strings_file.read_text(encoding="utf-8").split("\n")
    problems = []
    for key, lang in strings.missing() if strings_file == strings.STRINGS_FILE else _missing(entries):
        line = next((i for i, ln in enumerate(lines, 1) if ln.startswith(f"{key}:")), 1)
        problems.append(
            Problem(
                shown,
                line,
                "string-missing",
                f"interface string '{key}' has no {lang} text; add '  {lang}: …'",
            )
        )
    for path in sorted([*(root / "overrides").rglob("*.html"), *(root / "scripts" / "lilith").rglob("*.py")]):
        regex = _TEMPLATE_KEY if path.suffix == ".html" else _PYTHON_KEY
        for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
            for key in regex.findall(line):
                if key not in entries:
                    problems.append(
                        Problem(
                            path.relative_to(root).as_posix(),
                            i,
                            "string-undefined",
                            f"interface string '{key}' is not in {shown}; add it with en, cs and pl text",
                        )
                    )
    return problems


def _missing(entries: dict) -> list[tuple[str, str]]:
    from lilith.text.languages import LANGUAGES

    return [(k, lang) for k, e in entries.items() for lang in LANGUAGES if not (e or {}).get(lang)]


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
