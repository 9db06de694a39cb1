"""The glossary files load into terms in every language; each broken file names file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from lilith.glossary import terms as glossary
from lilith.glossary.terms import GlossaryError, load_glossary, term_exists, term_url
from lilith.text.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[3]


def term_yaml(term_id: str, related: str = "[]", **overrides: str) -> str:
    """A valid glossary file; `overrides` replace a language section (e.g. pl="...")."""
    sections = {
        lang: textwrap.dedent(
            f"""\
            {lang}:
              term: {term_id} {lang}
              forms: [{term_id} {lang} form]
              short: One sentence about {term_id} in {lang}.
              long: |
                First paragraph about {term_id}.

                Second paragraph.
            """
        )
        for lang in LANGUAGES
    }
    sections.update(overrides)
    return f"id: {term_id}\nrelated: {related}\n" + "".join(
        sections[lang] for lang in LANGUAGES if sections[lang]
    )


def write(directory: Path, term_id: str, text: str) -> Path:
    path = directory / f"{term_id}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(directory: Path) -> GlossaryError:
    with pytest.raises(GlossaryError) as info:
        load_glossary(directory)
    return info.value


def test_the_real_glossary_has_at_least_15_terms_written_in_every_language():
    terms = load_glossary(ROOT / "glossary")
    assert len(terms) >= 15
    needed = "fine-tuning rlft evals evaluation-set retrieval rag tool-use agentic-workflow context-window"
    needed += " structured-outputs model-weights validation drift open-models prompt runtime-layer"
    needed += " training-pipeline"
    for needed_id in needed.split():
        assert needed_id in terms
    for term in terms:
        for lang in LANGUAGES:
            text = term.text(lang)
            assert text.term and text.short and text.long and isinstance(text.forms, list)
        assert all(rel in terms for rel in term.related)
    # written natively: Czech and Polish definitions are not copies of the English ones
    assert terms.text("evals", "cs").short != terms.text("evals", "en").short
    assert terms.text("evals", "pl").term == "ewaluacje"


def test_a_valid_directory_loads(tmp_path):
    write(tmp_path, "alpha", term_yaml("alpha", related="[beta]"))
    write(tmp_path, "beta", term_yaml("beta", related="[alpha]"))
    terms = load_glossary(tmp_path)
    assert sorted(t.id for t in terms) == ["alpha", "beta"]
    assert terms.text("alpha", "cs").forms == ["alpha cs form"]
    assert terms.text("beta", "pl").long.startswith("First paragraph about beta.")


def test_a_missing_language_names_file_and_line(tmp_path):
    path = write(tmp_path, "alpha", term_yaml("alpha", pl=""))
    err = error_of(tmp_path)
    assert (err.path, err.line) == (str(path), 1)
    assert "missing language 'pl'" in str(err)
    assert str(err).startswith(f"{path}:1: ")


def test_a_missing_field_points_at_its_language(tmp_path):
    cs = "cs:\n  term: alpha\n  forms: []\n  long: Text.\n"
    path = write(tmp_path, "alpha", term_yaml("alpha", cs=cs))
    err = error_of(tmp_path)
    lines = path.read_text().split("\n")
    assert lines[err.line - 1] == "cs:"
    assert "missing field 'cs.short'" in err.message


def test_an_unknown_related_term_names_its_line_and_suggests_the_closest(tmp_path):
    write(tmp_path, "alpha", term_yaml("alpha", related="\n  - beta\n  - gama"))
    write(tmp_path, "beta", term_yaml("beta"))
    write(tmp_path, "gamma", term_yaml("gamma"))
    err = error_of(tmp_path)
    assert err.path.endswith("alpha.yml") and err.line == 4
    assert "related term: unknown glossary term 'gama'; did you mean 'gamma'?" in err.message


def test_a_word_form_claimed_by_two_terms_names_both(tmp_path):
    write(tmp_path, "alpha", term_yaml("alpha"))
    clash = "pl:\n  term: beta\n  forms: [inne, Alpha PL Form]\n  short: S.\n  long: L.\n"
    path = write(tmp_path, "beta", term_yaml("beta", pl=clash))
    err = error_of(tmp_path)
    assert err.path == str(path)
    assert path.read_text().split("\n")[err.line - 1].startswith("  forms: [inne, Alpha PL Form]")
    assert "pl form 'Alpha PL Form' is claimed by two terms: 'beta' and 'alpha'" in err.message
    assert "alpha.yml:" in err.message


def test_an_explicit_reference_to_an_unknown_term_in_an_explanation(tmp_path):
    long = "en:\n  term: a\n  forms: []\n  short: S.\n  long: |\n    One.\n\n    See [[bta|this]].\n"
    path = write(tmp_path, "alpha", term_yaml("alpha", en=long))
    write(tmp_path, "beta", term_yaml("beta"))
    err = error_of(tmp_path)
    assert path.read_text().split("\n")[err.line - 1] == "    See [[bta|this]]."
    assert "unknown glossary term 'bta'; did you mean 'beta'?" in err.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: alpha\nrelated: [\n", "not valid YAML"),
        ("- just\n- a list\n", "a glossary file is a mapping"),
        (term_yaml("beta"), "id 'beta' must match the file name 'alpha'"),
        (term_yaml("alpha").replace("related: []\n", ""), "missing field 'related'"),
        (term_yaml("alpha") + "colour: red\n", "unknown field 'colour'"),
        (term_yaml("alpha").replace("[alpha en form]", "[alpha (en)]"), "can never match"),
        (term_yaml("alpha", related="[alpha]"), "lists itself as related"),
        (term_yaml("alpha").replace("[alpha cs form]", "[alpha cs form, Alpha CS Form]"), "listed twice"),
    ],
)
def test_other_broken_files_say_what_is_wrong(tmp_path, text, message):
    write(tmp_path, "alpha", text)
    err = error_of(tmp_path)
    assert message in err.message
    assert err.path.endswith("alpha.yml") and err.line >= 1


def test_term_urls_are_per_language():
    assert term_url("fine-tuning", "en") == "glossary/fine-tuning/"
    assert term_url("fine-tuning", "cs") == "cs/glossary/fine-tuning/"
    assert term_url("fine-tuning", "pl") == "pl/glossary/fine-tuning/"


def test_term_exists_answers_for_the_active_glossary(tmp_path):
    assert term_exists("fine-tuning") and not term_exists("no-such-term")
    write(tmp_path, "alpha", term_yaml("alpha"))
    glossary.activate(load_glossary(tmp_path))
    try:
        assert term_exists("alpha") and not term_exists("fine-tuning")
    finally:
        glossary.activate(None)
