"""What every language's build reads from the whole site is read once, each file parsed once."""

from __future__ import annotations

import shutil
from pathlib import Path

from lilith.content import pages as content
from lilith.content.pages import page_paths
from lilith.site import site_inputs

from tests.conftest import ROOT


def copy_site(tmp_path: Path) -> Path:
    for name in ("mkdocs.yml", "docs", "glossary", "fingerprints"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    return tmp_path


def test_reading_the_site_parses_each_page_once(monkeypatch):
    parsed: list[Path] = []
    real = content.parse_document

    def counting(path, text=None):
        parsed.append(path)
        return real(path, text)

    monkeypatch.setattr(content, "parse_document", counting)
    monkeypatch.setattr("lilith.checks.parse_document", counting)
    inputs = site_inputs.read(ROOT, ROOT / "docs")

    assert sorted(parsed) == page_paths(ROOT / "docs")
    assert {a.slug for a in inputs.articles} == {"fine-tuning-no-longer-default"}
    assert {a.lang for a in inputs.articles} == {"en", "cs", "pl"}
    assert inputs.glossary is not None and "fine-tuning" in inputs.glossary


def test_prepared_inputs_are_taken_once_then_the_site_is_read_again(tmp_path):
    site = copy_site(tmp_path)
    site_inputs.prepare(site, site / "docs")
    first = site_inputs.take(site, site / "docs")
    article = site / "docs" / "radar" / "fine-tuning-no-longer-default.md"
    article.write_text(article.read_text(encoding="utf-8").replace("\ntitle:", "\ntitle: Changed —"), "utf-8")

    again = site_inputs.take(site, site / "docs")  # e.g. a `mkdocs serve` rebuild

    assert again is not first
    titles = {a.meta.title for a in again.articles if a.lang == "en"}
    assert any(title.startswith("Changed —") for title in titles)


def test_a_broken_glossary_is_carried_to_the_build_that_reports_it(tmp_path):
    site = copy_site(tmp_path)
    term = next((site / "glossary").glob("*.yml"))
    term.write_text("en: [unclosed\n", encoding="utf-8")

    inputs = site_inputs.read(site, site / "docs")

    assert inputs.glossary is None
    assert inputs.glossary_error is not None and term.name in str(inputs.glossary_error.path)
