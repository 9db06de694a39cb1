"""Front matter becomes typed models; every problem names file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from lilith.content.pages import ContentError, by_language, docs_relative, load_articles, parse_article

GOOD = textwrap.dedent(
    """\
    ---
    title: A title
    description: The lede.
    date: 2026-11-20
    tags: [evals, rag]
    verdict: Short verdict.
    source:
      url: https://example.com/post
      title: The post
      publisher: Example
    ---

    Body text.
    """
)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / "radar" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def error_for(tmp_path: Path, text: str | bytes, name: str = "x.md") -> ContentError:
    path = write(tmp_path, name, text)
    with pytest.raises(ContentError) as info:
        parse_article(path, tmp_path)
    return info.value


def test_a_valid_article_loads_with_slug_language_and_body_line(tmp_path):
    article = parse_article(write(tmp_path, "my-post.cs.md", GOOD), tmp_path)
    assert (article.slug, article.lang, article.url) == ("my-post", "cs", "cs/radar/my-post/")
    assert article.meta.source.publisher == "Example"
    assert article.body_line == 12


def test_missing_field_names_the_field(tmp_path):
    err = error_for(tmp_path, GOOD.replace("verdict: Short verdict.\n", ""))
    assert err.message.startswith("missing required field 'verdict'; write e.g. `verdict: ")


def test_http_source_url_is_refused_on_its_line(tmp_path):
    err = error_for(tmp_path, GOOD.replace("https://example.com", "http://example.com"))
    assert err.line == 8
    assert "https://" in err.message


def test_unknown_field_is_refused(tmp_path):
    err = error_for(tmp_path, GOOD.replace("tags:", "tagz: [a]\ntags:"))
    assert err.line == 5 and "unknown field 'tagz'" in err.message


def test_bad_date_points_at_the_date_line(tmp_path):
    err = error_for(tmp_path, GOOD.replace("2026-11-20", "20. 11. 2026"))
    assert err.line == 4 and "'date'" in err.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("title: A title", "title: [broken"), 2, "not valid YAML"),
        ("\ufeff" + GOOD, 1, "byte-order mark"),
        (GOOD.replace("\n", "\r\n"), 1, "CRLF"),
        (GOOD.replace("  url:", "\turl:"), 8, "tab"),
        (GOOD.replace("---\n\nBody", "\nBody"), 1, "no closing '---'"),
        ("", 1, "empty file"),
    ],
    ids=["yaml", "bom", "crlf", "tab", "unclosed", "empty"],
)
def test_malformed_files_give_one_clear_error(tmp_path, text, line, words):
    err = error_for(tmp_path, text)
    assert err.line == line
    assert words in err.message
    assert str(err).startswith(str(tmp_path / "radar" / "x.md") + f":{line}: ")


def test_non_utf8_bytes_are_reported_with_their_line(tmp_path):
    err = error_for(tmp_path, GOOD.encode().replace(b"Body text", b"Body \xff text"))
    assert err.line == 13 and "UTF-8" in err.message


def test_articles_are_grouped_by_language_newest_first(tmp_path):
    write(tmp_path, "old.md", GOOD.replace("2026-11-20", "2025-01-01"))
    write(tmp_path, "new.md", GOOD)
    write(tmp_path, "new.pl.md", GOOD)
    grouped = by_language(load_articles(tmp_path))
    assert [a.slug for a in grouped["en"]] == ["new", "old"]
    assert [a.slug for a in grouped["pl"]] == ["new"]
    assert grouped["cs"] == []


def test_docs_relative_paths_are_posix_and_match_relative_to(tmp_path):
    docs = tmp_path / "docs"
    for rel in ("index.md", "radar/a.cs.md", "radar/deep/b.md"):
        assert docs_relative(docs / rel, docs) == rel == (docs / rel).relative_to(docs).as_posix()
    with pytest.raises(ValueError):  # beside docs/, not in it: "docs2/" only starts like "docs"
        docs_relative(tmp_path / "docs2" / "x.md", docs)
