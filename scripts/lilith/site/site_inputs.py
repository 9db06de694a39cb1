"""What every language's build reads from the whole site, read once per build.

Building one language still needs the whole site: the checks of every file (their problems
are the build's warnings, their results the translation banners), every article (listings,
tags, feeds) and the glossary. `read` gathers them, parsing each file once.

The parallel build (`lilith.site.parallel_build`) calls `prepare` once before it forks its
language workers; each worker then `take`s what its parent read instead of reading and
checking the whole site again, once per language. `take` hands prepared inputs out once,
so a later build in the same process (a `mkdocs serve` rebuild) reads the site afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lilith.checks import SiteCheck, inspect_site
from lilith.content.pages import Article, load_articles_tolerant
from lilith.glossary.match import term_index
from lilith.glossary.terms import GLOSSARY_DIR, Glossary, GlossaryError, load_glossary
from lilith.text.languages import LANGUAGES


@dataclass
class SiteInputs:
    """The site as every language's build sees it."""

    content: SiteCheck
    articles: list[Article]
    glossary: Glossary | None  # None when `glossary_error` says why
    glossary_error: GlossaryError | None = None


def read(root: Path, docs_dir: Path) -> SiteInputs:
    """Check the site at `root` and load its articles and glossary."""
    content = inspect_site(root, docs_dir)
    articles, _ = load_articles_tolerant(docs_dir, content.documents)
    try:
        glossary, error = load_glossary(root / GLOSSARY_DIR), None
    except GlossaryError as exc:
        glossary, error = None, exc
    return SiteInputs(content, articles, glossary, error)


_prepared: dict[tuple[Path, Path], SiteInputs] = {}


def _key(root: Path, docs_dir: Path) -> tuple[Path, Path]:
    return root.resolve(), docs_dir.resolve()


def prepare(root: Path, docs_dir: Path) -> None:
    """Read the site now, for the builds this process (or a fork of it) runs next.

    Also builds the glossary's term index of every language, which each worker would
    otherwise build for itself.
    """
    inputs = read(root, docs_dir)
    if inputs.glossary is not None:
        for lang in LANGUAGES:
            term_index(inputs.glossary, lang)
    _prepared[_key(root, docs_dir)] = inputs


def take(root: Path, docs_dir: Path) -> SiteInputs:
    """The prepared inputs of this site (once), else the site read now."""
    return _prepared.pop(_key(root, docs_dir), None) or read(root, docs_dir)
