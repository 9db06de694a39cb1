"""The bench corpus (bench/corpus.py) is a valid Lilith site, deterministic, and like ours.

These tests read the generated files; the bench itself (timings) is not a test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lilith.content.pages import load_articles

from bench.corpus import LANGS, ROOT, generate, split_front_matter, synthetic_term


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    return generate(7, tmp_path_factory.mktemp("corpus") / "7")


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_article_exists_in_three_languages_and_loads_as_a_lilith_article(corpus):
    articles = load_articles(corpus.root / "docs")
    assert len(articles) == 7 * len(LANGS)
    by_slug: dict[str, set[str]] = {}
    for article in articles:
        by_slug.setdefault(article.slug, set()).add(article.lang)
    assert len(by_slug) == 7
    assert all(langs == set(LANGS) for langs in by_slug.values())


def test_the_same_seed_writes_the_same_corpus_byte_for_byte(corpus, tmp_path):
    again = generate(7, tmp_path / "7")
    assert files(again.root / "docs") == files(corpus.root / "docs")


def test_articles_carry_tags_source_links_glossary_terms_code_and_some_checklists(corpus):
    glossary_terms = {
        yaml.safe_load(p.read_text(encoding="utf-8"))["en"]["term"]
        for p in (corpus.root / "glossary").glob("*.yml")
    }
    english = sorted(p for p in (corpus.root / "docs/radar").glob("*.md") if p.name.count(".") == 1)
    checklists = 0
    for path in english:
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        assert 2 <= len(meta["tags"]) <= 4
        assert meta["source"]["url"].startswith("https://")
        assert sum(term in body for term in glossary_terms) >= 3
        assert "```python" in body and re.search(r"^## ", body, re.M) and "/// verdict" in body
        checklists += "/// checklist" in body
    assert 0 < checklists < len(english), "some articles, not all, have a checklist"


def test_translations_keep_the_structure_and_name_the_english_they_follow(corpus):
    for english in (corpus.root / "docs/radar").glob("*.md"):
        if english.name.count(".") != 1:
            continue
        _, en_body = split_front_matter(english.read_text(encoding="utf-8"))
        for lang in ("cs", "pl"):
            meta, body = split_front_matter(english.with_name(f"{english.stem}.{lang}.md").read_text("utf-8"))
            assert re.fullmatch(r"[0-9a-f]{12}", meta["translated_from"])
            assert body.count("\n## ") == en_body.count("\n## ")
            assert body.count("/// checklist") == en_body.count("/// checklist")


def config(path: Path) -> dict:
    from mkdocs.utils.yaml import yaml_load

    with path.open("rb") as fh:
        return yaml_load(fh)


def names(items: list) -> set[str]:
    return {next(iter(item)) if isinstance(item, dict) else item for item in items}


def test_the_stock_config_builds_the_same_markdown_without_lilith(corpus):
    ours, stock = config(corpus.root / "mkdocs.yml"), config(corpus.root / "mkdocs.stock.yml")
    assert "lilith" in names(ours["plugins"]) and "lilith.blocks" in names(ours["markdown_extensions"])
    assert names(stock["plugins"]) == {"search", "i18n"}
    assert names(stock["markdown_extensions"]) == names(ours["markdown_extensions"]) - {"lilith.blocks"}
    assert stock["theme"]["name"] == ours["theme"]["name"] == "material"
    assert stock["docs_dir"] == ours["docs_dir"] == "docs"
    for conf in (ours, stock):  # the same compact nav: articles out of the sidebar
        assert conf["not_in_nav"].strip() == "radar/*"
        assert "index.md" in conf["nav"] and not any("radar/" in str(item) for item in conf["nav"])


def test_a_200_term_glossary_is_the_real_terms_plus_synthetic_ones_that_articles_use(tmp_path):
    big = generate(4, tmp_path / "g", terms=200)
    assert big.terms == 200
    synthetic = [p for p in (big.root / "glossary").glob("bench-*.yml")]
    assert len(synthetic) == 200 - len(list((ROOT / "glossary").glob("*.yml")))
    used = 0
    for path in (big.root / "docs/radar").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        used += sum(yaml.safe_load(p.read_text("utf-8"))["en"]["term"] in text for p in synthetic)
    assert used > 0


def test_synthetic_terms_are_distinct_and_have_one_sentence_definitions_in_each_language():
    terms = [synthetic_term(n) for n in range(250)]
    assert len({t["id"] for t in terms}) == 250
    for term in terms[:3]:
        for lang in LANGS:
            assert term[lang]["short"].count(".") == 1


def test_turning_autolinking_off_marks_every_article_and_nothing_else(tmp_path):
    off = generate(3, tmp_path / "off", autolink=False)
    for path in (off.root / "docs/radar").glob("*.md"):
        meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
        assert meta["glossary"] is False


def test_each_run_of_the_bench_starts_with_the_next_build():
    from bench.run import rotated

    orders = [rotated(["ours", "sequential", "stock"], i) for i in range(4)]
    assert orders == [
        ["ours", "sequential", "stock"],
        ["sequential", "stock", "ours"],
        ["stock", "ours", "sequential"],
        ["ours", "sequential", "stock"],
    ]


def test_largest_listing_page_finds_the_biggest_home_tag_glossary_or_archive_page(tmp_path):
    from bench.measure import largest_listing_page

    assert largest_listing_page(tmp_path) == ("", 0)
    pages = {
        "index.html": 10,
        "cs/page/2/index.html": 30,
        "pl/tags/rag/page/3/index.html": 50,
        "glossary/drift/index.html": 20,
        "cs/archive/2026/index.html": 40,
        "radar/big-article/index.html": 500,  # an article, not a listing
        "pl/search/index.html": 900,
    }
    for path, size in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x" * size)
    assert largest_listing_page(tmp_path) == ("pl/tags/rag/page/3/index.html", 50)
    (tmp_path / "pl" / "archive" / "index.html").parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pl" / "archive" / "index.html").write_bytes(b"x" * 60)
    assert largest_listing_page(tmp_path) == ("pl/archive/index.html", 60)
