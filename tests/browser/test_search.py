"""Search in a real browser: each language searches its own index, Czech and Polish ignore
diacritics and match word forms, English words match their plural and -ing forms.

Queries go through Material's real search dialog and our worker (assets/lilith/search-worker.js)
on the built site; nothing of the index is fetched before the reader searches, and a query
fetches only the files it needs. The last tests run the analyzer file on its own, with the
word forms it must bring together.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import PHONE, Watched, watch
from tests.site_facts import ARTICLE, page_path

ROOT = Path(__file__).resolve().parents[2]
ANALYZER = ROOT / "overrides" / "assets" / "lilith" / "search-analyzer.js"

# Material's own translations of the results line (partials/languages/<lang>.html).
PLACEHOLDER = {
    "en": "Type to start searching",
    "cs": "Pište co se má vyhledat",
    "pl": "Zacznij pisać, aby szukać",
}
NOTHING = {
    "en": "No matching documents",
    "cs": "Nenalezeny žádné dokumenty",
    "pl": "Brak wyników wyszukiwania",
}
FOUND = {
    "en": re.compile(r"^(1 matching document|\d+ matching documents)$"),
    "cs": re.compile(r"^(Nalezený dokument: 1|Nalezené dokumenty: \d+)$"),
    "pl": re.compile(r"^Wyniki wyszukiwania: \d+$"),
}
TITLE = {
    "en": "Fine-tuning is no longer the default tool for most AI products",
    "cs": "Fine-tuning už není výchozí nástroj pro většinu AI produktů",
    "pl": "Fine-tuning nie jest już domyślnym narzędziem dla większości produktów AI",
}


@dataclass
class Results:
    line: str  # "Nalezené dokumenty: 3"
    paths: list[str]  # site-relative targets of every result link
    marks: list[str]  # highlighted words, as the reader sees them
    titles: list[str]


def open_search(p: Page) -> None:
    if p.viewport_size and p.viewport_size["width"] < 960:
        p.locator('label.md-header__button[for="__search"]').click()
    else:
        p.locator("input.md-search__input").click()


def search(p: Page, site: str, lang: str, query: str, path: str = "") -> Results:
    """Type `query` into the search dialog of `path` in `lang` and read the results."""
    if path is not None:
        p.goto(site + page_path(lang, path), wait_until="networkidle")
    open_search(p)
    line = p.locator(".md-search-result__meta")
    field = p.locator("input.md-search__input")
    field.fill("")
    field.press("End")  # Material reads the field on keyup
    expect(line).to_have_text(PLACEHOLDER[lang])  # the worker has loaded the index
    field.fill(query)
    field.press("End")
    expect(line).not_to_have_text(PLACEHOLDER[lang])
    links = p.locator(".md-search-result__link")
    hrefs = links.evaluate_all("els => els.map(e => e.href)")
    return Results(
        line=line.inner_text().strip(),
        paths=[h.removeprefix(site).split("?")[0] for h in hrefs],
        marks=p.locator(".md-search-result__link mark").evaluate_all("els => els.map(e => e.textContent)"),
        titles=p.locator(".md-search-result__article :is(h1, h2)").evaluate_all(
            "els => els.map(e => e.textContent)"
        ),
    )


def without_diacritics(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def marked(results: Results) -> set[str]:
    return {m.lower() for m in results.marks if m}


@pytest.fixture
def failed(page: Watched) -> list[str]:
    """Responses with an HTTP error status (a missing script would be a 404 here)."""
    out: list[str] = []
    page.page.on("response", lambda r: r.status >= 400 and out.append(f"{r.status} {r.url}"))
    return out


# -- each language searches its own index ---------------------------------------------------


def index_files(requests: list[str]) -> list[str]:
    """Requested files of a search index (any language), site-relative."""
    return [u.split("/", 3)[3] for u in requests if re.search(r"/search/(terms\.json|[tp]/)", u)]


@pytest.mark.parametrize("lang", ["cs", "pl", "en"])
def test_nothing_of_the_index_is_fetched_before_search(page: Watched, failed, served_site: str, lang):
    p = page.page
    p.goto(served_site + page_path(lang, ARTICLE), wait_until="networkidle")
    p.wait_for_timeout(300)
    assert index_files(page.requests) == []
    # Material's search_index.json is only its config now: no documents, a few hundred bytes.
    stub = [u for u in page.requests if u.endswith("search_index.json")]
    assert stub == [served_site + page_path(lang, "search/search_index.json")]
    assert p.evaluate("u => fetch(u).then(r => r.json()).then(j => j.docs.length)", stub[0]) == 0
    assert not [u for u in page.requests if "/lunr/" in u or "workers/search." in u]
    assert not [u for u in page.requests if u.endswith("sitemap.xml")]  # see test_language_switch
    # Opening the dialog fetches only the language's list of term files (a round trip the
    # first query then saves); no term or page file before a word is typed.
    own = page_path(lang, "search/terms.json")
    with p.expect_request(served_site + own):
        open_search(p)
    p.wait_for_load_state("networkidle")
    assert index_files(page.requests) == [own]
    p.keyboard.press("Escape")
    open_search(p)
    p.wait_for_timeout(300)
    assert index_files(page.requests) == [own], "the list is fetched once"
    assert page.errors == []
    assert failed == []


@pytest.mark.parametrize("lang", ["cs", "pl", "en"])
def test_a_query_fetches_only_its_own_languages_files(page: Watched, failed, served_site: str, lang):
    results = search(page.page, served_site, lang, "model")
    assert FOUND[lang].match(results.line), results.line
    files = index_files(page.requests)
    own = page_path(lang, "search/")
    assert files and all(f.startswith(own) for f in files), files
    assert files.count(own + "terms.json") == 1
    assert len([f for f in files if f.startswith(own + "t/")]) == 1  # one word, one term file
    assert len([f for f in files if f.startswith(own + "p/")]) <= 20  # the pages shown
    assert served_site + "assets/lilith/search-analyzer.js" in page.requests
    assert page.errors == []
    assert failed == []


def test_english_finds_word_forms(page: Watched, failed: list[str], served_site: str):
    results = search(page.page, served_site, "en", "evals")
    assert FOUND["en"].match(results.line), results.line
    assert ARTICLE in results.paths
    assert "evals" in marked(results)
    results = search(page.page, served_site, "en", "models")
    assert ARTICLE in results.paths
    assert {"model", "models"} & marked(results)
    results = search(page.page, served_site, "en", "tuned")  # "tun*": tuned, tuning
    assert ARTICLE in results.paths
    assert {"tuned", "tuning"} <= marked(results)
    assert page.errors == []
    assert failed == []


def test_english_hyphenated_query_finds_the_hyphenated_word(page: Watched, served_site: str):
    results = search(page.page, served_site, "en", "fine-tuned")
    assert ARTICLE in results.paths
    assert TITLE["en"] in results.titles
    assert "fine" in marked(results)


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("cs", "model"),
        ("cs", "doladovani"),
        ("pl", "model"),
        ("pl", "ewaluacja"),
        ("en", "model"),
        ("en", "evals"),
    ],
)
def test_results_are_only_in_the_readers_language(page: Watched, served_site: str, lang, query):
    results = search(page.page, served_site, lang, query)
    assert results.paths
    others = [other for other in ("cs", "pl") if other != lang]
    for path in results.paths:
        assert not path.startswith(tuple(f"{o}/" for o in others)), path
        if lang != "en":
            assert path.startswith(f"{lang}/"), path


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("cs", "seductive"),  # only in the English article
        ("cs", "dostrajanie"),  # only in the Polish article
        ("pl", "doladění"),  # only in the Czech article
        ("pl", "seductive"),
        ("en", "doladění"),
        ("en", "dostrajanie"),
    ],
)
def test_other_languages_words_find_nothing(page: Watched, served_site: str, lang, query):
    results = search(page.page, served_site, lang, query)
    assert results.line == NOTHING[lang]
    assert results.paths == []


# -- Czech: diacritics and word forms -------------------------------------------------------


def test_czech_query_without_diacritics_finds_the_czech_article(page: Watched, served_site: str):
    results = search(page.page, served_site, "cs", "doladovani")
    assert FOUND["cs"].match(results.line), results.line
    assert "cs/" + ARTICLE in results.paths
    # The article says „doladění“, „doladit“, „doladíme“: forms the typed word is no prefix of.
    assert marked(results) & {"doladění", "doladit", "doladíme"}
    assert all(without_diacritics(m).startswith("dolad") for m in marked(results)), marked(results)
    assert TITLE["cs"] in results.titles  # results show the original text
    assert page.errors == []


def test_czech_word_forms_find_each_other(page: Watched, served_site: str):
    results = search(page.page, served_site, "cs", "modelu")
    assert "cs/" + ARTICLE in results.paths
    assert {"model", "modelem"} <= marked(results)


def test_czech_query_with_diacritics_also_matches(page: Watched, served_site: str):
    results = search(page.page, served_site, "cs", "Doladění")
    assert "cs/" + ARTICLE in results.paths
    assert marked(results) & {"doladit", "doladíme"}


def test_czech_results_show_czech_tag_names_and_find_them(page: Watched, served_site: str):
    results = search(page.page, served_site, "cs", "trenink")  # the tag „Trénink“, typed plainly
    assert "cs/" + ARTICLE in results.paths
    shown = page.page.locator(".md-search-result .md-tag").evaluate_all("els => els.map(e => e.textContent)")
    assert "Trénink" in shown
    assert "training" not in shown


# -- Polish ---------------------------------------------------------------------------------


def test_polish_word_forms_find_each_other(page: Watched, served_site: str):
    results = search(page.page, served_site, "pl", "ewaluacja")
    assert FOUND["pl"].match(results.line), results.line
    assert "pl/" + ARTICLE in results.paths
    assert {"ewaluacji", "ewaluacjami"} <= marked(results)
    assert TITLE["pl"] in results.titles


@pytest.mark.parametrize("query", ["zrodlo", "zrodla"])
def test_polish_query_without_diacritics_finds_zrodlo(page: Watched, served_site: str, query):
    results = search(page.page, served_site, "pl", query)
    assert "pl/" in results.paths  # the home page says „oryginalnego źródła”
    assert "źródła" in marked(results)


# -- instant navigation and phones ----------------------------------------------------------


def test_search_keeps_working_after_instant_navigation(page: Watched, failed: list[str], served_site: str):
    p = page.page
    search(p, served_site, "cs", "doladovani")
    p.evaluate("window.__sameDocument = true")
    p.locator(".md-search-result__link").first.click()
    p.wait_for_url(re.compile(re.escape(served_site + "cs/" + ARTICLE)))
    p.wait_for_load_state("networkidle")
    assert p.evaluate("window.__sameDocument === true"), "expected instant navigation"

    results = search(p, served_site, "cs", "modelem", path=None)
    assert results.paths and all(path.startswith("cs/") for path in results.paths)
    assert "modelem" in marked(results)
    assert p.evaluate("window.__sameDocument === true")
    indexes = [u for u in page.requests if u.endswith(("search_index.json", "terms.json"))]
    assert indexes == [served_site + "cs/search/search_index.json", served_site + "cs/search/terms.json"]
    assert page.errors == []
    assert failed == []


def test_search_on_a_phone(context: BrowserContext, served_site: str):
    w = watch(context.new_page())
    w.page.set_viewport_size(PHONE)
    results = search(w.page, served_site, "pl", "zrodla")
    assert "źródła" in marked(results)
    assert w.page.locator(".md-search-result__meta").is_visible()
    assert w.errors == []


# -- the analyzer on its own ----------------------------------------------------------------


@pytest.fixture
def analyzer(page: Watched) -> Page:
    p = page.page
    p.set_content("<!doctype html><title>analyzer</title>")
    p.add_script_tag(path=str(ANALYZER))
    return p


def analyze(p: Page, lang: str, words: list[str]) -> list[str]:
    return p.evaluate("([lang, words]) => words.map(w => LilithAnalysis.analyze(lang, w))", [lang, words])


def fold(p: Page, words: list[str]) -> list[str]:
    return p.evaluate("words => words.map(w => LilithAnalysis.fold(w))", words)


WORD_FORMS = {
    "cs": [
        ["doladovani", "doladění", "doladit", "doladíme", "doladěný", "dolaďování", "Doladěním"],
        ["modelu", "model", "modelem", "modely", "modelů", "modelech", "modelům"],
        ["nástroje", "nástroj", "nástrojů", "nástrojích", "nastroji"],
        ["evaluace", "evaluaci", "evaluační", "evaluačních"],
        ["týmy", "tým", "týmech", "týmů"],
        ["trénování", "trénovat", "trénuje"],
    ],
    "pl": [
        ["ewaluacja", "ewaluacji", "ewaluacje", "ewaluacjami", "ewaluacyjnej", "Ewaluacyjny"],
        ["zrodlo", "źródło", "źródła", "źródłami", "ŹRÓDŁA"],
        ["modelu", "model", "modelem", "modeli", "modele"],
        ["narzędzie", "narzędzi", "narzędziami", "narzedziach"],
        ["zespołów", "zespół", "zespoły", "zespołach"],
        ["dane", "danych", "danymi"],
    ],
}


@pytest.mark.parametrize("lang", ["cs", "pl"])
def test_a_query_word_is_a_prefix_of_all_its_forms(analyzer: Page, lang):
    for group in WORD_FORMS[lang]:
        stems = analyze(analyzer, lang, group)
        folded = fold(analyzer, group)
        for query, stem in zip(group, stems, strict=True):
            assert len(stem) >= 3, (query, stem)
            for form in folded:
                assert form.startswith(stem), f"{query!r} -> {stem!r}* does not match {form!r}"


@pytest.mark.parametrize(
    ("lang", "query", "unrelated"),
    [
        ("cs", "model", "moderní"),
        ("cs", "problém", "probíhá"),
        ("cs", "tým", "typ"),
        ("pl", "model", "moderny"),
        ("pl", "źródło", "zrobić"),
        ("pl", "przy", "przez"),  # a stem keeps a vowel: not "prz"
        ("cs", "chaos", "chata"),  # "-os" is no Czech ending
        ("cs", "profil", "profese"),  # past-tense "-il" is not stripped
    ],
)
def test_stems_do_not_run_into_unrelated_words(analyzer: Page, lang, query, unrelated):
    [stem] = analyze(analyzer, lang, [query])
    [other] = fold(analyzer, [unrelated])
    assert not other.startswith(stem)


def test_folding_removes_diacritics_and_case(analyzer: Page):
    assert fold(analyzer, ["Dolaďování", "ŹRÓDŁO", "Żółć", "Příliš žluťoučký kůň"]) == [
        "doladovani",
        "zrodlo",
        "zolc",
        "prilis zlutoucky kun",
    ]


def test_query_terms_keep_their_wildcards(analyzer: Page):
    terms = ["doladovani*", "*modelu", "*", "„modelu“*", "a*", "2026*"]
    out = analyzer.evaluate("terms => terms.map(t => LilithAnalysis.analyzeQueryTerm('cs', t))", terms)
    assert out == ["dolad*", "*model", "*", "model*", "a*", "2026*"]


def test_stop_words_are_folded_too(analyzer: Page):
    out = analyzer.evaluate(
        "() => [['cs', 'Že'], ['cs', 'už'], ['pl', 'się'], ['pl', 'Już'], ['cs', 'model']]"
        ".map(([l, w]) => LilithAnalysis.isStopWord(l, w))"
    )
    assert out == [True, True, True, True, False]


def test_english_and_unknown_languages_are_not_stemmed(analyzer: Page):
    assert analyze(analyzer, "en", ["evals", "Models"]) == ["evals", "models"]
