"""Translations: fingerprints, stored English texts, completeness, parity and banners."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from lilith.checks import run_checks, string_problems
from lilith.content.pages import parse_document
from lilith.translations.completeness import PageFiles, banner, completeness, glossary_problems
from lilith.translations.fingerprints import (
    fingerprint,
    prune_snapshots,
    read_snapshot,
    source_text,
    update_fingerprint,
)
from lilith.translations.parity import compare, structure

from tests.editor_site import make_site

CS = "docs/radar/a.cs.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


def doc(text: str, name: str = "x.md"):
    return parse_document(Path(name), textwrap.dedent(text))


# -- the text a fingerprint covers ----------------------------------------------------------


def test_source_text_holds_the_translatable_fields_and_the_body():
    english = doc(
        """\
        ---
        title: A title
        description: >-
          The lede,
          folded.
        date: 2026-11-20
        tags: [evals]
        source: {url: https://example.com/x, title: The post, publisher: Example}
        ---

        Body.
        """
    )
    assert source_text(english.meta, english.body) == (
        "title: A title\ndescription: The lede, folded.\nsource.title: The post\n"
        "source.publisher: Example\n\nBody.\n"
    )


def test_whitespace_noise_does_not_change_the_fingerprint_but_words_do():
    base = source_text({"title": "T"}, "\nOne.\n\nTwo.\n")
    assert source_text({"title": "T "}, "\n\nOne.   \n\n\n\nTwo.\n\n") == base
    assert fingerprint(source_text({"title": "T"}, "One.\n\nTwo!\n")) != fingerprint(base)
    assert fingerprint(source_text({"title": "T2"}, "One.\n\nTwo.\n")) != fingerprint(base)
    assert len(fingerprint(base)) == 12 and int(fingerprint(base), 16) >= 0


def test_fields_that_are_the_same_in_every_language_do_not_make_translations_outdated():
    a = source_text({"title": "T", "date": "2026-01-01", "tags": ["a"]}, "Body.")
    b = source_text({"title": "T", "date": "2027-01-01", "tags": ["b"]}, "Body.")
    assert a == b


# -- fingerprints on disk -------------------------------------------------------------------


def test_update_stores_the_english_text_under_its_fingerprint(site):
    cs = site / CS
    print_ = parse_document(cs).meta["translated_from"]
    english = parse_document(site / "docs/radar/a.md")
    assert read_snapshot(site, print_) == source_text(english.meta, english.body)
    assert update_fingerprint(site, cs) == (print_, print_)  # already current: nothing to do


def test_update_adds_the_line_when_a_translation_has_none(site):
    cs = site / CS
    text = cs.read_text(encoding="utf-8")
    cs.write_text("\n".join(ln for ln in text.split("\n") if not ln.startswith("translated_from")))
    old, new = update_fingerprint(site, cs)
    assert old is None
    lines = cs.read_text(encoding="utf-8").split("\n")
    assert lines[lines.index("---", 1) - 1] == f"translated_from: {new}"


def test_a_fingerprint_made_of_digits_is_quoted_so_yaml_keeps_it_a_string(site, monkeypatch):
    monkeypatch.setattr("lilith.translations.fingerprints.fingerprint", lambda text: "123456789012")
    update_fingerprint(site, site / CS)
    assert 'translated_from: "123456789012"' in (site / CS).read_text(encoding="utf-8")
    assert parse_document(site / CS).meta["translated_from"] == "123456789012"


def test_texts_no_translation_refers_to_are_pruned(site):
    stale = site / "fingerprints" / "aaaaaaaaaaaa.txt"
    stale.write_text("old English\n")
    keep = site / "fingerprints" / "README.txt"
    keep.write_text("not a snapshot")
    assert prune_snapshots(site) == [stale]
    assert keep.exists() and len(list((site / "fingerprints").glob("*.txt"))) == 3


def test_outdated_without_the_stored_text_still_reports_and_says_why(site):
    (site / "docs/radar/a.md").write_text((site / "docs/radar/a.md").read_text().replace("Most", "Many"))
    for snap in (site / "fingerprints").glob("*.txt"):
        snap.unlink()
    problems = [p for p in run_checks(site) if p.path == CS]
    assert [p.code for p in problems] == ["outdated"]
    assert "not stored in fingerprints/" in problems[0].message and problems[0].detail == ""


def test_an_english_page_with_a_fingerprint_is_an_error(site):
    en = site / "docs/radar/a.md"
    en.write_text(en.read_text().replace("---\n\nMost", "translated_from: 0123456789ab\n---\n\nMost"))
    (problem,) = run_checks(site)
    assert problem.path == "docs/radar/a.md" and problem.line == 11
    assert "English pages have no 'translated_from'" in problem.message


def test_a_hand_edited_fingerprint_is_a_schema_error(site):
    cs = site / CS
    cs.write_text(cs.read_text().replace("translated_from: ", "translated_from: x"))
    (problem,) = run_checks(site)
    assert problem.code == "schema" and "python -m lilith fingerprint" in problem.message


# -- completeness ---------------------------------------------------------------------------


def test_completeness_names_each_missing_language_and_each_orphan():
    pages = [
        PageFiles("radar/a", {"en": "radar/a.md"}),
        PageFiles("radar/b", {"cs": "radar/b.cs.md"}),
        PageFiles("index", {"en": "index.md", "cs": "index.cs.md", "pl": "index.pl.md"}),
    ]
    found = [(p.path, p.code) for p in completeness(pages)]
    assert found == [
        ("docs/radar/a.md", "translation-missing"),
        ("docs/radar/a.md", "translation-missing"),
        ("docs/radar/b.cs.md", "orphan-translation"),
    ]


def test_every_glossary_term_needs_every_language(tmp_path):
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "rag.yml").write_text(
        "id: rag\nrelated: []\n"
        "en: {term: RAG, forms: [], short: Retrieval first., long: Long.}\n"
        "cs: {term: RAG, forms: [], short: '', long: Dlouhé.}\n",
        encoding="utf-8",
    )
    found = [(p.path, p.line, p.code, p.message) for p in glossary_problems(tmp_path)]
    assert found == [
        ("glossary/rag.yml", 4, "glossary-missing", found[0][3]),
        ("glossary/rag.yml", 1, "glossary-missing", found[1][3]),
    ]
    assert "no Czech 'short'" in found[0][3]
    assert "no Polish entry; add 'pl:'" in found[1][3]


def test_the_real_glossary_is_complete_and_valid():
    root = Path(__file__).resolve().parents[3]
    assert glossary_problems(root) == []


def test_interface_strings_missing_a_language_or_used_but_undefined(tmp_path):
    strings_file = tmp_path / "strings.yml"
    strings_file.write_text("a.key:\n  en: A\n  cs: Á\nb.key:\n  en: B\n  cs: B\n  pl: B\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "x.html").write_text("{{ lilith.t('b.key') }}\n{{ lilith.t('c.key') }}\n")
    found = [(p.path, p.line, p.code) for p in string_problems(tmp_path, strings_file)]
    assert found == [("strings.yml", 1, "string-missing"), ("overrides/x.html", 2, "string-undefined")]


def test_the_real_templates_use_only_defined_and_translated_strings():
    root = Path(__file__).resolve().parents[3]
    assert string_problems(root) == []


# -- parity ---------------------------------------------------------------------------------


def test_structure_ignores_code_and_reads_checklists_links_images_and_terms():
    found = structure(
        textwrap.dedent(
            """\
            ## Heading [[rag]]
            ```
            ## not a heading ![x](no.png) [x](no.md)
            ```
            Text `[x](code.md)` [ok](page.md#anchor) [ext](https://example.com) [top](#top)
            <img src="img/a.png" alt=""> [[fine-tuning|tuning]] [[!literal]]

            /// checklist | Title
                id: x

            - First -> glossary:evals
              | explanation [x](inner.md)
            - Second -> [other](../other.md)
            outcome all: done
            ///
            """
        ),
        first_line=10,
    )
    assert found.headings == [(2, "Heading [[rag]]", 10)]
    assert found.checklist_items == [20, 22]
    assert found.images == [("img/a.png", 15)]
    assert [t for t, _ in found.links] == ["page.md", "inner.md", "../other.md"]
    assert [t for t, _ in found.terms] == ["rag", "fine-tuning", "evals"]


def test_parity_problems_point_at_the_translation_line():
    english = doc("---\ntitle: T\n---\n\n## One\n\n## Two\n\n### Three\n")
    czech = doc("---\ntitle: T\n---\n\n## Jedna\n\n### Dvě\n", "x.cs.md")
    (problem,) = compare("x.cs.md", english, czech, "x.md")
    assert (problem.code, problem.line) == ("parity-headings", 7)
    assert "English has 3 (## ## ###), this translation 2 (## ###)" in problem.message
    assert "'## Two' (x.md:7)" in problem.message


# -- banners --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "url", "lang", "expected"),
    [
        ("radar/a.md", "cs/radar/a/", "cs", {"kind": "fallback", "href": "radar/a/", "lang": "en"}),
        ("index.md", "pl/", "pl", {"kind": "fallback", "href": ".", "lang": "en"}),
        ("radar/a.pl.md", "pl/radar/a/", "pl", {"kind": "outdated", "href": "radar/a/", "lang": "en"}),
        ("radar/a.cs.md", "cs/radar/a/", "cs", None),
        ("radar/a.md", "radar/a/", "en", None),
    ],
)
def test_banner_says_fallback_or_outdated_and_links_the_english_page(src, url, lang, expected):
    assert banner(src, url, lang, outdated={"radar/a.pl.md"}) == expected
