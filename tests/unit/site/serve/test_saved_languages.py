"""Which languages' pages a save changes first (served before the others are built)."""

from __future__ import annotations

from pathlib import Path

from lilith.site.serve.session import saved_languages

LANGS = ["en", "cs", "pl"]


def _saved(tmp_path: Path, *names: str) -> set[str]:
    return saved_languages({str(tmp_path / name) for name in names}, tmp_path, LANGS)


def test_an_article_saved_in_one_language_is_that_language(tmp_path: Path) -> None:
    assert _saved(tmp_path, "docs/radar/a.md") == {"en"}
    assert _saved(tmp_path, "docs/radar/a.cs.md") == {"cs"}
    assert _saved(tmp_path, "docs/radar/a.pl.md", "docs/index.cs.md") == {"cs", "pl"}


def test_a_save_of_every_language_or_of_shared_files_has_no_first(tmp_path: Path) -> None:
    assert _saved(tmp_path, "docs/radar/a.md", "docs/radar/a.cs.md", "docs/radar/a.pl.md") == set()
    assert _saved(tmp_path, "glossary/rag.yml") == set()
    assert _saved(tmp_path, "docs/radar/a.md", "docs/assets/diagram.svg") == set()
    assert _saved(tmp_path) == set()
