"""Tags: translated names, unknown tags as errors on their line, tag pages per language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lilith.content.pages import ContentError, load_articles
from lilith.site import generated, tags
from lilith.site.listing import entries
from lilith.text.strings import load as load_strings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel

from tests.unit.content.test_pages import GOOD, write

ROOT = Path(__file__).resolve().parents[3]


def site(tmp_path: Path) -> list:
    """Three articles: a (evals, rag; en + cs), b (rag; en, newer), c (agents; en)."""
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "a.cs.md", GOOD.replace("A title", "Titulek"))
    write(tmp_path, "b.md", GOOD.replace("2026-11-20", "2026-11-22").replace("[evals, rag]", "[rag]"))
    write(tmp_path, "c.md", GOOD.replace("[evals, rag]", "[agents]"))
    return load_articles(tmp_path)


def test_every_tag_in_the_real_content_has_a_name_in_every_language():
    used = tags.used(load_articles(ROOT / "docs"))
    assert used, "the site's articles use tags"
    entries = load_strings()
    for tag in used:
        names = entries[tags.key(tag)]
        assert set(names) == {"en", "cs", "pl"} and all(names.values()), tag


def test_tag_names_are_translated():
    assert [tags.name("agents", lang) for lang in ("en", "cs", "pl")] == ["Agents", "Agenti", "Agenci"]
    assert [tags.name("evals", lang) for lang in ("en", "cs", "pl")] == ["Evals", "Evaly", "Ewaluacje"]


def test_an_unknown_tag_in_a_flow_list_is_an_error_on_the_tags_line(tmp_path):
    write(tmp_path, "a.pl.md", GOOD.replace("[evals, rag]", "[evals, ragg]"))
    with pytest.raises(ContentError) as info:
        tags.check_known(load_articles(tmp_path))
    err = info.value
    assert (Path(err.path).name, err.line) == ("a.pl.md", 5)
    assert err.message.startswith("unknown tag 'ragg'; use a known tag or add 'tag.ragg'")
    assert str(err).startswith(f"{tmp_path / 'radar' / 'a.pl.md'}:5: unknown tag 'ragg'")
    with pytest.raises(ContentError) as info:
        tags.check_known(load_articles(tmp_path), root=tmp_path)
    assert str(info.value).startswith("radar/a.pl.md:5: unknown tag 'ragg'")


def test_an_unknown_tag_in_a_block_list_is_an_error_on_its_own_line(tmp_path):
    block = "tags:\n  - evals\n  - rag\n  - fine-tunning\n"
    write(tmp_path, "a.md", GOOD.replace("tags: [evals, rag]\n", block))
    with pytest.raises(ContentError) as info:
        tags.check_known(load_articles(tmp_path))
    assert info.value.line == 8  # ---, title, description, date, tags:, evals, rag, fine-tunning


def test_known_tags_pass(tmp_path):
    tags.check_known(site(tmp_path))  # no exception


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("en", {1: "1 article", 2: "2 articles", 5: "5 articles"}),
        ("cs", {1: "1 článek", 2: "2 články", 4: "4 články", 5: "5 článků", 22: "22 článků"}),
        ("pl", {1: "1 artykuł", 2: "2 artykuły", 5: "5 artykułów", 12: "12 artykułów", 22: "22 artykuły"}),
    ],
)
def test_article_counts_use_each_languages_plural_forms(lang, counts):
    assert {n: tags.count_text(n, lang) for n in counts} == counts


def test_tag_index_lists_used_tags_by_translated_name_with_counts(tmp_path):
    czech = tags.tags_in(site(tmp_path), "cs")
    assert [(t.name, t.url, t.count_text) for t in czech] == [
        ("Agenti", "cs/tags/agents/", "1 článek"),
        ("Evaly", "cs/tags/evals/", "1 článek"),
        ("RAG", "cs/tags/rag/", "2 články"),
    ]


def test_a_tag_page_lists_its_articles_newest_first_in_the_pages_language(tmp_path):
    context = tags.page_context({tags.META_KEY: "rag"}, site(tmp_path), "cs")
    assert context["name"] == "RAG"
    assert [(e.url, e.title, e.fallback) for e in context["entries"]] == [
        ("cs/radar/b/", "A title", True),
        ("cs/radar/a/", "Titulek", False),
    ]
    assert context["index_url"] == "cs/tags/"
    assert tags.page_context({"title": "Radar"}, [], "cs") is None


def test_tag_pages_are_markdown_with_translated_titles_kept_out_of_search(tmp_path):
    pages = tags.page_sources(site(tmp_path), "pl")
    assert sorted(pages) == [
        "pl/tags/agents.md",
        "pl/tags/evals.md",
        "pl/tags/index.md",
        "pl/tags/rag.md",
    ]
    front = yaml.safe_load(pages["pl/tags/evals.md"].split("---")[1])
    assert front == {
        "title": "Artykuły z tagiem Ewaluacje",
        "template": "tags.html",
        "lilith_tag": "evals",
        "search": {"exclude": True},
    }
    assert yaml.safe_load(pages["pl/tags/index.md"].split("---")[1])["title"] == "Tagi"


def test_tag_pages_become_mkdocs_files_outside_the_nav(tmp_path):
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path), "site_dir": str(tmp_path / "site")})
    config.validate()
    config.plugins._current_plugin = "lilith"  # as while MkDocs runs our on_files
    articles = site(tmp_path)
    files = {f.src_uri: f for f in generated.listing_files(config, articles, entries(articles, "cs"), "cs")}
    rag = files["cs/tags/rag.md"]
    assert (rag.url, rag.dest_uri) == ("cs/tags/rag/", "cs/tags/rag/index.html")
    assert files["cs/tags/index.md"].url == "cs/tags/"
    assert all(f.inclusion == InclusionLevel.NOT_IN_NAV for f in files.values())
    assert files["cs/archive/index.md"].url == "cs/archive/"  # and the archive, beside them
    assert "Články se štítkem RAG" in rag.content_string


def test_article_header_links_point_at_the_languages_tag_pages():
    assert tags.links(["rag", "training"], "pl") == [
        {"id": "rag", "name": "RAG", "url": "pl/tags/rag/"},
        {"id": "training", "name": "Trenowanie", "url": "pl/tags/training/"},
    ]
