"""Translations: is every page and glossary term there in every language, and the banners.

`completeness` reports pages missing a language and translations without an English
source; `glossary_completeness` terms without a language's term, short or long text.
`banner` says what a page shows readers when its text is English instead of theirs
(a fallback) or an outdated translation.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from lilith.content import yaml_text
from lilith.content.pages import ContentError, line_of_key, read_text, source_name
from lilith.report import Problem
from lilith.text.languages import DEFAULT, LANGUAGES, NAMES, split_url
from lilith.translations.fingerprints import LANGUAGE_NAMES_EN


@dataclass(frozen=True)
class PageFiles:
    """One page (language-neutral path, e.g. `radar/x`) and its file per language."""

    page: str
    files: Mapping[str, str]  # lang -> docs-relative path


def completeness(pages: Iterable[PageFiles], docs_prefix: str = "docs/") -> list[Problem]:
    """Every page in every language; translations without an English source."""
    problems = []
    for page in pages:
        english = page.files.get(DEFAULT)
        if english is None:
            for lang, rel in sorted(page.files.items()):
                problems.append(
                    Problem(
                        docs_prefix + rel,
                        1,
                        "orphan-translation",
                        f"{LANGUAGE_NAMES_EN[lang]} translation without an English source: create "
                        f"{docs_prefix}{page.page}.md, or rename this file if the page has another name",
                    )
                )
            continue
        for lang in LANGUAGES:
            if lang not in page.files:
                problems.append(
                    Problem(
                        docs_prefix + english,
                        1,
                        "translation-missing",
                        f"no {LANGUAGE_NAMES_EN[lang]} ({NAMES[lang]}) translation: readers of /{lang}/ get "
                        f"the English with a banner; create {docs_prefix}{page.page}.{lang}.md",
                    )
                )
    return problems


def glossary_completeness(root: Path) -> list[Problem]:
    """Every glossary term (`glossary/*.yml`) has its term, short and long text in every language."""
    problems = []
    for path in sorted((root / "glossary").glob("*.yml")):
        rel = path.relative_to(root).as_posix()
        try:
            text = read_text(path)
            data = yaml_text.load(text)
        except ContentError as exc:
            problems.append(Problem(rel, exc.line, "glossary-syntax", exc.message))
            continue
        except (yaml.YAMLError, ValueError) as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problems.append(Problem(rel, line, "glossary-syntax", f"not valid YAML: {exc}".split("\n")[0]))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(rel, 1, "glossary-syntax", "a glossary file is 'key: value' pairs"))
            continue
        term_id = data.get("id") or path.stem
        for lang in LANGUAGES:
            entry = data.get(lang)
            fields = ("term", "short", "long")
            absent = [f for f in fields if not (isinstance(entry, dict) and _nonempty(entry.get(f)))]
            if not absent:
                continue
            line = line_of_key(text, (lang,) if isinstance(entry, dict) else (), first_line=1)
            what = "entry" if not isinstance(entry, dict) else ", ".join(f"'{f}'" for f in absent)
            problems.append(
                Problem(
                    rel,
                    max(line, 1),
                    "glossary-missing",
                    f"glossary term '{term_id}' has no {LANGUAGE_NAMES_EN[lang]} {what}; "
                    f"add '{lang}:' with term, short and long",
                )
            )
    return problems


def glossary_problems(root: Path) -> list[Problem]:
    """Completeness of every term, then (when complete) the glossary's own validation."""
    problems = glossary_completeness(root)
    directory = root / "glossary"
    if problems or not any(directory.glob("*.yml")):
        return problems
    try:
        from lilith.glossary.terms import load_glossary
    except ImportError:  # pragma: no cover - the glossary module is part of the package
        return problems
    try:
        load_glossary(directory)
    except ContentError as exc:  # GlossaryError: file, line and what to write
        problems.append(Problem(shown_path(root, Path(exc.path)), exc.line, "glossary", exc.message))
    return problems


def shown_path(root: Path, path: Path) -> str:
    """`path` relative to `root` when inside it (as reports show it), else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _nonempty(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


# -- banners ---------------------------------------------------------------------------------


def banner(src_uri: str, page_url: str, lang: str, outdated: Collection[str]) -> dict | None:
    """What the banner on a page says: English shown instead of `lang` ("fallback"), or an
    "outdated" translation; None for up-to-date pages. `href` is the English page, site-relative.
    """
    if lang == DEFAULT:
        return None
    if source_name(src_uri).lang != lang:
        kind = "fallback"
    elif src_uri in outdated:
        kind = "outdated"
    else:
        return None
    return {"kind": kind, "href": split_url(page_url)[1] or ".", "lang": DEFAULT}
