"""Every content check `python -m lilith check` runs, as one list of `Problem`s."""

from __future__ import annotations

from pathlib import Path

from lilith.content import ContentError, article_paths, parse_article
from lilith.report import Problem


def run_checks(root: Path) -> list[Problem]:
    """All problems in the site at `root` (the folder with mkdocs.yml)."""
    docs = root / "docs"
    problems: list[Problem] = []
    for path in article_paths(docs):
        try:
            parse_article(path, docs)
        except ContentError as exc:
            problems.append(Problem(path.relative_to(root).as_posix(), exc.line, "schema", exc.message))
    return problems
