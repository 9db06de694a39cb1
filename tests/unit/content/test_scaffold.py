"""`python -m lilith new <slug>`: three valid files with the standard sections, never an overwrite."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lilith.cli import app
from lilith.content.pages import parse_article
from lilith.translations.parity import structure
from typer.testing import CliRunner

from tests.editor_site import make_site, tree_state

runner = CliRunner()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


def new(site: Path, *args: str):
    result = runner.invoke(app, ["new", *args, "--root", str(site)])
    assert "Traceback" not in result.output
    return result


def check(site: Path) -> list[dict]:
    result = runner.invoke(app, ["check", "--format", "json", "--root", str(site)])
    return json.loads(result.output)["problems"]


def test_new_writes_three_files_with_valid_front_matter(site):
    result = new(site, "agents-in-production", "--date", "2026-12-01", "--tag", "agents", "--tag", "evals")
    assert result.exit_code == 0, result.output
    docs = site / "docs"
    for name in ("agents-in-production.md", "agents-in-production.cs.md", "agents-in-production.pl.md"):
        article = parse_article(docs / "radar" / name, docs)  # raises on any schema error
        assert article.slug == "agents-in-production"
        assert article.meta.date == dt.date(2026, 12, 1)
        assert article.meta.tags == ["agents", "evals"]
        assert f"created docs/radar/{name}" in result.output


def test_the_three_languages_have_the_same_standard_sections(site):
    new(site, "same-shape", "--tag", "evals")
    shapes = {}
    for lang, suffix in {"en": "", "cs": ".cs", "pl": ".pl"}.items():
        path = site / "docs" / "radar" / f"same-shape{suffix}.md"
        article = parse_article(path, site / "docs")
        found = structure(article.body)
        shapes[lang] = ([h[0] for h in found.headings], len(found.checklist_items))
        assert "/// verdict" in article.body
    assert shapes["en"] == shapes["cs"] == shapes["pl"] == ([2, 2, 2, 2], 3)
    czech = (site / "docs/radar/same-shape.cs.md").read_text(encoding="utf-8")
    assert "## Co se změnilo" in czech and "## Než se rozhodnete" in czech
    polish = (site / "docs/radar/same-shape.pl.md").read_text(encoding="utf-8")
    assert "## Co się zmieniło" in polish and "## Zanim zdecydujesz" in polish


def test_check_asks_for_the_placeholders_and_nothing_else(site):
    new(site, "fresh", "--tag", "rag")
    found = check(site)
    assert {(p["path"], p["code"]) for p in found} == {
        ("docs/radar/fresh.md", "placeholder"),
        ("docs/radar/fresh.cs.md", "placeholder"),
        ("docs/radar/fresh.pl.md", "placeholder"),
    }


def test_once_the_english_is_written_the_translations_show_what_to_translate(site):
    new(site, "fresh", "--tag", "rag")
    en = site / "docs/radar/fresh.md"
    facts = "[TODO: the facts, with the original source’s own numbers]"
    text = en.read_text(encoding="utf-8").replace(facts, "Facts.")
    en.write_text(text.replace("[TODO", "[Written"), encoding="utf-8")
    found = [p for p in check(site) if p["path"] == "docs/radar/fresh.md"]
    assert found == []
    outdated = [p for p in check(site) if p["code"] == "outdated"]
    # The translations still hold placeholders, so they are reported as such first.
    assert outdated == []
    cs = site / "docs/radar/fresh.cs.md"
    cs.write_text(cs.read_text(encoding="utf-8").replace("[TODO", "[Přeloženo"), encoding="utf-8")
    (cs_problem,) = [p for p in check(site) if p["path"] == "docs/radar/fresh.cs.md"]
    assert cs_problem["code"] == "outdated" and "+Facts." in cs_problem["detail"]


def test_new_never_overwrites_and_writes_nothing_when_one_file_exists(site):
    existing = site / "docs/radar/taken.pl.md"
    existing.write_text("my own text\n", encoding="utf-8")
    before = tree_state(site)
    result = new(site, "taken", "--tag", "evals")
    assert result.exit_code == 1
    assert "docs/radar/taken.pl.md" in result.output and "never overwrites" in result.output
    assert tree_state(site) == before


@pytest.mark.parametrize(
    "args",
    [
        ["Bad_Slug", "--tag", "evals"],
        ["ok-slug"],
        ["ok-slug", "--tag", "Not A Tag"],
        ["ok-slug", "--tag", "no-such-tag"],
        ["ok-slug", "--tag", "evals", "--source-url", "http://x.org"],
    ],
    ids=["slug", "no-tag", "tag-format", "unknown-tag", "http"],
)
def test_bad_slugs_and_options_are_usage_errors_that_write_nothing(site, args):
    before = tree_state(site)
    result = new(site, *args)
    assert result.exit_code == 2
    assert tree_state(site) == before


def test_an_unknown_tag_in_an_article_is_reported_on_its_line(site):
    cs = site / "docs/radar/a.cs.md"
    cs.write_text(cs.read_text(encoding="utf-8").replace("tags: [evals, rag]", "tags: [evals, rags]"))
    found = [(p["path"], p["line"], p["code"]) for p in check(site)]
    assert ("docs/radar/a.cs.md", 5, "unknown-tag") in found
