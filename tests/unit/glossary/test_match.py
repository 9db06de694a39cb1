"""Terms are found in Czech, Polish and English text: listed forms, unlisted inflections, no look-alikes."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from lilith.content.pages import parse_document
from lilith.glossary.match import WORD, TermIndex, link_terms, term_index
from lilith.glossary.terms import Glossary, GlossaryTerm, load_glossary

ROOT = Path(__file__).resolve().parents[3]
ARTICLE = ROOT / "docs" / "radar" / "fine-tuning-no-longer-default"


@pytest.fixture(scope="module")
def terms() -> Glossary:
    return load_glossary(ROOT / "glossary")


def article_text(lang: str) -> str:
    suffix = "" if lang == "en" else f".{lang}"
    return parse_document(ARTICLE.with_name(ARTICLE.name + f"{suffix}.md")).body


def found(terms: Glossary, lang: str, text: str) -> dict[str, str]:
    """{matched text: term id}"""
    return {text[m.start : m.end]: m.term for m in term_index(terms, lang).find(text)}


# Inflected forms in the real article, and the term each must link to.
CZECH_FORMS = {
    "fine-tuningu": "fine-tuning",
    "doladit": "fine-tuning",
    "doladíme": "fine-tuning",
    "agenta": "agent",
    "evalů": "evals",
    "evaluační smyčkou": "evals",
    "validátorů": "validation",
    "validaci": "validation",
    "evaluační sadu": "evaluation-set",
    "otevřeným modelům": "open-models",
    "agentních produktů": "agentic-workflow",
    "agentní orchestrace": "orchestration",
    "datových pipeline": "data-pipeline",
    "vah modelu": "model-weights",
    "runtime vrstvě": "runtime-layer",
    "delší kontext": "context-window",
    "volání nástrojů": "tool-use",
    "promptu": "prompt",
    "trénovací pipeline": "training-pipeline",
}
POLISH_FORMS = {
    "fine-tuningu": "fine-tuning",
    "dostroić": "fine-tuning",
    "dostroimy": "fine-tuning",
    "agenta": "agent",
    "ewaluacji": "evals",
    "pętlą ewaluacyjną": "evals",
    "walidatorów": "validation",
    "walidacji": "validation",
    "zbiór ewaluacyjny": "evaluation-set",
    "otwartych modeli": "open-models",
    "produktach agentowych": "agentic-workflow",
    "orkiestracja agentowa": "orchestration",
    "pipeline’y danych": "data-pipeline",
    "wagi modelu": "model-weights",
    "warstwie runtime": "runtime-layer",
    "dłuższego kontekstu": "context-window",
    "korzystania z narzędzi": "tool-use",
    "promptu": "prompt",
    "ustrukturyzowanych wyjść": "structured-outputs",
    "retrievalu": "retrieval",
}


@pytest.mark.parametrize(("lang", "expected"), [("cs", CZECH_FORMS), ("pl", POLISH_FORMS)])
def test_inflected_forms_in_the_real_article_link_to_their_terms(terms, lang, expected):
    text = article_text(lang)
    matches = [(text[m.start : m.end], m.term) for m in term_index(terms, lang).find(text)]
    for form, term_id in expected.items():
        assert form in text, f"the {lang} article no longer says {form!r}"
        assert (form, term_id) in matches, f"{form!r} should link to {term_id}"


@pytest.mark.parametrize(
    ("lang", "sentence", "word", "term_id"),
    [
        # forms nobody listed, found through the Snowball stemmer
        ("cs", "O driftech se v týmech mluví málo.", "driftech", "drift"),
        ("cs", "Úlohy předáváme dvěma orchestrátorům.", "orchestrátorům", "orchestration"),
        ("cs", "Všem fine-tuningům mají předcházet evaly.", "fine-tuningům", "fine-tuning"),
        ("cs", "Náklady na orchestracím podobné služby rostou.", "orchestracím", "orchestration"),
        ("pl", "O driftach w zespołach mówi się mało.", "driftach", "drift"),
        ("pl", "Błędy wyłapujemy w walidatorach.", "walidatorach", "validation"),
        ("pl", "Przy fine-tuningach liczy się jakość danych.", "fine-tuningach", "fine-tuning"),
        ("pl", "Zespół zarządza kilkoma orkiestracjami.", "orkiestracjami", "orchestration"),
        ("en", "Two evaluation runs disagreed.", "evaluation", "evals"),
        ("en", "The agent's tools were slow.", "agent's", "agent"),
        ("en", "Retrievals were stale.", "Retrievals", "retrieval"),
    ],
)
def test_unlisted_inflections_are_found_by_their_stem(terms, lang, sentence, word, term_id):
    assert found(terms, lang, sentence).get(word) == term_id


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        # adjectives and other words that share a stem with a term, but are not that term
        ("cs", "Agentní přístup je módní."),
        ("cs", "Výsledky agentního přístupu a agentnímu týmu."),
        ("cs", "Evaluační metriky jsou validní."),
        ("cs", "Promptní inženýrství je u modelu pořád potřeba."),
        ("cs", "Modely mají retrievalový modul a trénovací data."),
        ("cs", "Datové vrstvy nejsou datová hřiště."),
        ("pl", "Agentowy charakter tego podejścia."),
        ("pl", "Agentowe podejście i wynik ewaluacyjny."),
        ("pl", "Krok walidacyjny i szablon promptowy w modelu."),
        ("pl", "Modele mają retrievalowy moduł."),
        ("en", "An agentic mindset answers promptly."),
        ("en", "A valid point; a rag on the desk; retrieve it."),
    ],
)
def test_look_alike_words_do_not_match(terms, lang, sentence):
    assert found(terms, lang, sentence) == {}


def test_the_longest_form_wins_where_forms_overlap(terms):
    assert found(terms, "en", "We use retrieval-augmented generation daily.") == {
        "retrieval-augmented generation": "rag"
    }
    assert found(terms, "en", "Build an eval set first.") == {"eval set": "evaluation-set"}
    assert found(terms, "en", "With agentic orchestration.") == {"agentic orchestration": "orchestration"}
    assert found(terms, "cs", "Zkusili jsme fine-tuning pomocí zpětnovazebního učení.") == {
        "fine-tuning pomocí zpětnovazebního učení": "rlft"
    }


def test_phrases_do_not_continue_across_punctuation(terms):
    assert found(terms, "en", "We need a bigger context window.")["context window"] == "context-window"
    assert found(terms, "en", "Context, window frames and more.") == {}


def test_acronyms_match_only_in_capitals(terms):
    assert found(terms, "cs", "Nasadili jsme RAG a RAGem to vyřešili.") == {"RAG": "rag", "RAGem": "rag"}
    assert found(terms, "en", "Use GPU hours wisely; gpu is not a word.") == {"GPU hours": "gpu"}


def make_term(term_id: str, en: list[str], cs: list[str] | None = None) -> GlossaryTerm:
    def text(forms: list[str]) -> dict:
        return {"term": forms[0], "forms": forms[1:], "short": f"{forms[0]}.", "long": "L."}

    cs = cs or [f"{term_id} cs"]
    return GlossaryTerm.model_validate(
        {"id": term_id, "related": [], "en": text(en), "cs": text(cs), "pl": text([f"{term_id} pl"])}
    )


def test_a_stem_two_terms_share_links_only_through_declared_forms():
    # "validation" and "validator" both stem to "valid": an unlisted "validations" is ambiguous
    shared = Glossary(
        {t.id: t for t in [make_term("check", ["validation"]), make_term("tool", ["validator"])]}
    )
    index = TermIndex(shared, "en")
    text = "A validation, a validator, more validations."
    assert [(text[m.start : m.end], m.term) for m in index.find(text)] == [
        ("validation", "check"),
        ("validator", "tool"),
    ]


def test_matching_is_linear_in_the_number_of_words(terms):
    """One cached lookup per word, one stem per distinct word, however long the text."""
    index = TermIndex(terms, "cs")

    class Counting(dict):
        lookups = 0

        def get(self, key, default=None):
            Counting.lookups += 1
            return super().get(key, default)

    index._words = Counting()
    text = article_text("cs") + "\n"
    words = WORD.findall(text)
    stems_before = len(index._stems)
    index.find(text)  # every word seen once: its stem and what it can start are cached
    counts = {}
    for copies in (1, 10):
        Counting.lookups = 0
        index.find(text * copies)
        counts[copies] = Counting.lookups
    assert counts[1] <= 2 * len(words)  # a word, and the next words of a phrase it may start
    assert counts[10] == 10 * counts[1]
    assert len(index._stems) - stems_before <= len({w.lower() for w in words})  # each word stemmed once


# -- linking HTML ------------------------------------------------------------------------------


def html_of(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "md_in_html", "fenced_code"])


def links(html: str) -> list[tuple[str, str]]:
    from selectolax.lexbor import LexborHTMLParser

    doc = LexborHTMLParser(html)
    return [(a.attributes["data-term"], a.text()) for a in doc.css("a.lilith-term")]


def test_the_first_occurrence_of_each_term_links_to_its_entry_with_a_description(terms):
    html, used = link_terms(
        "<p>Drift is real. More drift, and a prompt.</p>", "en", terms, page_url="radar/x/"
    )
    assert used == ["drift", "prompt"]
    assert html == (
        '<p><a class="lilith-term" href="../../glossary/drift/" data-term="drift" '
        'aria-describedby="lilith-def-drift">Drift</a> is real. More drift, and a '
        '<a class="lilith-term" href="../../glossary/prompt/" data-term="prompt" '
        'aria-describedby="lilith-def-prompt">prompt</a>.</p>'
    )


def test_links_go_to_the_entry_in_the_pages_language(terms):
    html, _ = link_terms("<p>Hlídáte drift.</p>", "cs", terms, page_url="cs/radar/x/")
    assert 'href="../../glossary/drift/"' in html  # /cs/radar/x/ -> /cs/glossary/drift/
    html, _ = link_terms("<p>We watch drift.</p>", "en", terms, link_lang="pl", page_url="pl/radar/x/")
    assert 'href="../../glossary/drift/"' in html
    html, _ = link_terms("<p>drift</p>", "en", terms)
    assert 'href="/glossary/drift/"' in html


def test_headings_code_links_urls_and_attributes_are_never_touched(terms):
    md = """\
## Drift in a heading

`drift` in code and <kbd>drift</kbd>

```
drift in a block
```

[drift in a link](https://example.com/drift) and https://example.com/drift/guide and
<span title="drift">hover</span> and <span class="no-glossary">drift here</span> and *drift*{.no-glossary}
"""
    html = html_of(md)
    out, used = link_terms(html, "en", terms)
    assert used == [] and out == html


def test_text_after_protected_places_still_links(terms):
    html = html_of("## Drift\n\n`drift` then drift, see https://example.com/drift and prompt.")
    out, used = link_terms(html, "en", terms)
    assert used == ["drift", "prompt"]
    assert links(out) == [("drift", "drift"), ("prompt", "prompt")]
    assert "https://example.com/drift" in out and "<h2>Drift</h2>" in out


def test_entities_and_nested_markup_survive(terms):
    html = "<p>R&amp;D on <em>drift</em> &lt;here&gt; &copy;</p>"
    out, used = link_terms(html, "en", terms)
    assert used == ["drift"]
    assert out.startswith("<p>R&amp;D on <em><a ")
    assert out.endswith("</a></em> &lt;here&gt; &copy;</p>")


def test_editors_can_force_a_link_and_choose_its_text(terms):
    out, used = link_terms(html_of("Read [[fine-tuning]] and [[rag|this pattern]]."), "en", terms)
    assert used == ["fine-tuning", "rag"]
    assert links(out) == [("fine-tuning", "fine-tuning"), ("rag", "this pattern")]
    out, _ = link_terms(html_of("Přečtěte si [[evals]]."), "cs", terms)
    assert links(out) == [("evals", "evaly")]  # the term as the page's language writes it


def test_editors_can_turn_linking_off_for_a_word_a_term_or_a_page(terms):
    out, used = link_terms(html_of("Not [[!drift]] here, but drift here."), "en", terms)
    assert links(out) == [("drift", "drift")] and "Not drift here" in out
    out, used = link_terms(html_of("Drift and prompt."), "en", terms, skip=["drift"])
    assert used == ["prompt"]
    out, used = link_terms(html_of("Drift and [[prompt]]."), "en", terms, auto=False)
    assert used == ["prompt"] and links(out) == [("prompt", "prompt")]
    out, used = link_terms(html_of("Drift and prompt."), "en", terms, auto=False)
    assert used == []


def test_explicit_links_are_plain_text_inside_other_links_and_literal_in_code(terms):
    html = html_of("[see [[drift]]](https://example.com) and `[[drift]]`")
    out, used = link_terms(html, "en", terms)
    assert used == [] and "see drift</a>" in out and "<code>[[drift]]</code>" in out


@pytest.mark.parametrize(
    ("md", "message"),
    [
        ("See [[drfit]].", "unknown glossary term 'drfit' in [[drfit]]"),
        ("## About [[drift]]", "glossary links are not allowed in headings"),
        ("See [[drift|]].", "the text after '|' is empty"),
    ],
)
def test_broken_explicit_markup_is_an_error(terms, md, message):
    from lilith.glossary.match import MarkupError

    with pytest.raises(MarkupError) as info:
        link_terms(html_of(md), "en", terms)
    assert message in info.value.message
