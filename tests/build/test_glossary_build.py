"""The strict build writes a glossary per language, links terms in articles, and fails on bad terms."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lilith.glossary.collation import sort_key
from lilith.glossary.terms import load_glossary
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import ROOT
from tests.site_facts import ARTICLE, LANGS, PREFIX, SLUG, page_path, search_docs

GLOSSARY = load_glossary(ROOT / "glossary")
TITLE = {"en": "Glossary", "cs": "Glosář", "pl": "Słownik pojęć"}
BOX = {"en": "From the Glossary", "cs": "Z glosáře", "pl": "Ze słownika pojęć"}
BACKLINKS = {"en": "Articles that use this term", "cs": "Články, které tento pojem používají"}
BACKLINKS["pl"] = "Artykuły, w których pojawia się to pojęcie"
# Inflected forms in the article text, linked to their term (first occurrence).
LINKED_FORMS = {
    "en": {"retrieval": "retrieval", "coding agent": "agent", "longer context": "context-window"},
    "cs": {"agenta": "agent", "delší kontext": "context-window", "vah modelu": "model-weights"},
    "pl": {
        "agenta": "agent",
        "dłuższy kontekst": "context-window",
        "produktach agentowych": "agentic-workflow",
    },
}


def html(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def text(node) -> str:
    return " ".join(node.text().replace("\xa0", " ").replace("¶", "").split())


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_a_glossary_index_in_its_alphabetical_order(built_site, lang):
    doc = html(built_site, page_path(lang, "glossary/"))
    assert doc.css_first("html").attributes["lang"] == lang
    assert text(doc.css_first("article h1")) == TITLE[lang]
    shown = [text(dt) for dt in doc.css("dl.lilith-glossary-index dt")]
    expected = [term.text(lang).term for term in GLOSSARY]
    assert sorted(shown) == sorted(expected)
    assert shown == sorted(shown, key=lambda term: sort_key(term, lang))
    definitions = [text(dd) for dd in doc.css("dl.lilith-glossary-index dd")]
    by_term = {term.text(lang).term: " ".join(term.text(lang).short.split()) for term in GLOSSARY}
    assert definitions == [by_term[term] for term in shown]
    for link in doc.css("dl.lilith-glossary-index dt a"):
        assert (built_site / page_path(lang, "glossary/") / link.attributes["href"] / "index.html").is_file()


def test_index_order_follows_the_rules_of_each_alphabet(built_site):
    def order(lang: str) -> list[str]:
        return [text(dt) for dt in html(built_site, page_path(lang, "glossary/")).css("dt")]

    cs = order("cs")
    assert cs.index("váhy modelu") < cs.index("validace")  # á sorts as a: "vah" before "val"
    assert cs.index("strukturované výstupy") < cs.index("trénovací pipeline")
    pl = order("pl")
    assert pl.index("walidacja") < pl.index("warstwa runtime") < pl.index("zbiór ewaluacyjny")
    assert order("en")[:3] == ["agent", "agentic workflow", "context window"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_term_has_an_entry_with_explanation_related_terms_and_backlinks(built_site, lang):
    title = html(built_site, page_path(lang, ARTICLE)).css_first("article h1")
    for term in GLOSSARY:
        doc = html(built_site, page_path(lang, f"glossary/{term.id}/"))
        local = term.text(lang)
        assert doc.css_first("html").attributes["lang"] == lang
        assert text(doc.css_first("article h1")) == local.term
        assert text(doc.css_first(".lilith-glossary-short")) == " ".join(local.short.split())
        first_paragraph = local.long.strip().split("\n\n")[0]
        assert first_paragraph.split()[1].strip("*") in text(doc.css_first("article"))
        related = [text(a) for a in doc.css(".lilith-glossary-related dt a")]
        assert related == [GLOSSARY.text(rel, lang).term for rel in term.related]
        section = doc.css_first("section.lilith-glossary-backlinks")
        assert text(section.css_first("h2")) == BACKLINKS[lang]
        backlinks = {text(a): a.attributes["href"] for a in section.css("a")}
        if term.id in USED_BY_ARTICLE[lang]:
            assert backlinks == {text(title): f"../../radar/{SLUG}/"}
        else:
            assert backlinks == {}


USED_BY_ARTICLE: dict[str, set[str]] = {}


@pytest.fixture(scope="module", autouse=True)
def _terms_the_article_links(built_site):
    for lang in LANGS:
        doc = html(built_site, page_path(lang, ARTICLE))
        USED_BY_ARTICLE[lang] = {a.attributes["data-term"] for a in doc.css("a.lilith-term")}


@pytest.mark.parametrize("lang", LANGS)
def test_article_links_the_first_occurrence_of_each_term_to_its_entry_in_the_same_language(built_site, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    links = doc.css("article a.lilith-term")
    terms = [a.attributes["data-term"] for a in links]
    assert len(terms) >= 15
    assert len(terms) == len(set(terms)), "a term is linked more than once"
    for link in links:
        target = built_site / page_path(lang, ARTICLE) / link.attributes["href"] / "index.html"
        assert target.resolve().is_file()
        assert target.resolve().is_relative_to((built_site / PREFIX[lang] / "glossary").resolve())
        assert target.resolve().parent.name == link.attributes["data-term"]
        parent = link.parent
        while parent is not None and parent.tag != "article":
            assert parent.tag not in {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "a"}
            parent = parent.parent
    shown = {text(a): a.attributes["data-term"] for a in links}
    for form, term_id in LINKED_FORMS[lang].items():
        assert shown.get(form) == term_id, f"{form!r} should link to {term_id}"


@pytest.mark.parametrize("lang", LANGS)
def test_each_link_is_described_by_its_definition_in_the_glossary_box(built_site, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    box = doc.css_first("section.lilith-glossary-box")
    assert box.attributes["lang"] == lang
    assert text(box.css_first("h2")) == BOX[lang]
    items = [(text(dt), dt.css_first("a").attributes["href"]) for dt in box.css("dt")]
    links = doc.css("article a.lilith-term")
    assert [GLOSSARY.text(a.attributes["data-term"], lang).term for a in links] == [term for term, _ in items]
    for link in links:
        term_id = link.attributes["data-term"]
        assert "title" not in link.attributes  # Material's title tooltips would drop our description
        definition = doc.css_first(f"#{link.attributes['aria-describedby']}")
        assert definition is not None and definition.tag == "dd"
        assert text(definition) == " ".join(GLOSSARY.text(term_id, lang).short.split())
        assert (term_id, link.attributes["href"]) in [(h.rstrip("/").rsplit("/", 1)[-1], h) for _, h in items]


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_pages_are_in_their_languages_sitemap_search_index_and_navigation(
    built_site, site_url, lang
):
    sitemap = (built_site / PREFIX[lang] / "sitemap.xml").read_text(encoding="utf-8")
    for term in GLOSSARY:
        assert f"<loc>{site_url}{page_path(lang, f'glossary/{term.id}/')}</loc>" in sitemap
    assert f"<loc>{site_url}{page_path(lang, 'glossary/')}</loc>" in sitemap
    docs = {doc["location"]: doc for doc in search_docs(built_site, lang)}
    drift = docs["glossary/drift/"]
    assert drift["title"] == GLOSSARY.text("drift", lang).term
    assert GLOSSARY.text("drift", lang).short.split()[1] in drift["text"]
    nav = html(built_site, page_path(lang, ARTICLE)).css(".md-nav--primary a.md-nav__link")
    assert TITLE[lang] in [text(a) for a in nav]


# -- broken glossaries fail the strict build, naming file and line ------------------------------


def build_copy(tmp_path: Path, edit) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a copy of the site after `edit(copy_root)`."""
    site = tmp_path / "project"
    site.mkdir()
    for name in ["mkdocs.yml", "docs", "overrides", "glossary", "fingerprints"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, site / name)
        elif source.is_file():
            shutil.copy2(source, site / name)
    edit(site)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "out")],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def replace(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(needle) + 1


def drop_polish(root: Path) -> None:
    path = root / "glossary/drift.yml"
    content = path.read_text(encoding="utf-8")
    path.write_text(content[: content.index("\npl:\n") + 1], encoding="utf-8")


def unknown_reference(root: Path) -> None:
    replace(root / f"docs/radar/{SLUG}.cs.md", "To není inženýrství.", "To není [[evalz]] inženýrství.")


def link_in_heading(root: Path) -> None:
    heading = "## Fine-tuning patří tam"
    replace(root / f"docs/radar/{SLUG}.cs.md", heading, heading.replace("tam", "[[drift|v praxi]] tam"))


def form_twice(root: Path) -> None:
    replace(root / "glossary/prompt.yml", "forms: [prompts,", "forms: [drift, prompts,")


def unknown_related(root: Path) -> None:
    replace(root / "glossary/fine-tuning.yml", "related: [rlft, evals,", "related: [rlft, evalz,")


def unknown_skip(root: Path) -> None:
    replace(root / f"docs/radar/{SLUG}.pl.md", "\ndate: ", "\nglossary_skip: [drfit]\ndate: ")


@pytest.mark.parametrize(
    ("edit", "where", "message"),
    [
        (drop_polish, ("glossary/drift.yml", "id: drift"), "missing language 'pl'"),
        (
            unknown_reference,
            (f"docs/radar/{SLUG}.cs.md", None),
            "unknown glossary term 'evalz' in [[evalz]]",
        ),
        (
            link_in_heading,
            (f"docs/radar/{SLUG}.cs.md", None),
            "[[drift|v praxi]]: glossary links are not allowed in headings",
        ),
        (
            form_twice,
            ("glossary/prompt.yml", None),
            "en form 'drift' is claimed by two terms: 'prompt' and 'drift'",
        ),
        (
            unknown_related,
            ("glossary/fine-tuning.yml", None),
            "unknown glossary term 'evalz'; did you mean 'evals'?",
        ),
        (unknown_skip, (f"docs/radar/{SLUG}.pl.md", None), "glossary_skip: unknown glossary term 'drfit'"),
    ],
    ids=[
        *("missing-language", "unknown-reference", "link-in-heading"),
        *("form-twice", "unknown-related", "unknown-skip"),
    ],
)
def test_a_broken_glossary_or_reference_fails_the_strict_build_naming_file_and_line(
    tmp_path, edit, where, message
):
    result = build_copy(tmp_path, edit)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    path, needle = where
    project = tmp_path / "project"
    if needle is None:  # the line the edit touched
        edited = (project / path).read_text(encoding="utf-8").split("\n")
        original = (ROOT / path).read_text(encoding="utf-8").split("\n")
        line = next(i for i, (a, b) in enumerate(zip(edited, original, strict=False), 1) if a != b)
    else:
        line = line_of(project / path, needle)
    assert f"{path}:{line}: " in output, output
    assert message in output, output
