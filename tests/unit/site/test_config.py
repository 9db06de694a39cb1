"""`project_root`: the folder of mkdocs.yml, absolute and normalised like MkDocs' `docs_dir`."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from lilith.site.config import project_root


def root_of(config_file_path: str) -> Path:
    return project_root(SimpleNamespace(config_file_path=config_file_path))  # type: ignore[arg-type]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    (tmp_path / "site" / "docs").mkdir(parents=True)
    (tmp_path / "site" / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return tmp_path / "site"


def test_a_relative_config_path_is_taken_from_the_working_directory(checkout, monkeypatch):
    monkeypatch.chdir(checkout)
    assert root_of("mkdocs.yml") == checkout


def test_dot_dot_is_normalised_away_as_in_docs_dir(checkout, monkeypatch):
    monkeypatch.chdir(checkout / "docs")
    root = root_of("../mkdocs.yml")
    assert root == checkout and ".." not in root.parts
    docs_dir = os.path.abspath(os.path.join(os.path.dirname("../mkdocs.yml"), "docs"))  # MkDocs' way
    assert Path(docs_dir).relative_to(root) == Path("docs")


def test_a_symlinked_checkout_is_not_resolved(checkout, tmp_path):
    link = tmp_path / "link"
    link.symlink_to(checkout, target_is_directory=True)
    assert root_of(str(link / "mkdocs.yml")) == link


def test_an_absolute_path_stays(checkout):
    assert root_of(str(checkout / "mkdocs.yml")) == checkout
