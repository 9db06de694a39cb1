"""The per-language search indexes and how each tells Material's worker to analyse text."""

import re

from lilith.site import search_index, tags

SITE_CONFIG = {
    "lang": ["en"],
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
}


def index_with(*locations: str) -> dict:
    return {
        "config": SITE_CONFIG,
        "docs": [{"location": loc, "title": loc or "home", "text": ""} for loc in locations],
    }


def test_each_language_gets_only_its_own_documents():
    parts = search_index.split(index_with("", "radar/a/", "cs/", "cs/radar/a/#x", "pl/radar/a/"))
    assert [d["location"] for d in parts["en"]["docs"]] == ["", "radar/a/"]
    assert [d["location"] for d in parts["cs"]["docs"]] == ["", "radar/a/#x"]
    assert [d["location"] for d in parts["pl"]["docs"]] == ["radar/a/"]


def test_english_keeps_materials_english_setup():
    config = search_index.split(index_with(""))["en"]["config"]
    assert config == SITE_CONFIG


def test_czech_and_polish_name_their_language_and_keep_every_pipeline_step():
    parts = search_index.split(index_with(""))
    for lang in ("cs", "pl"):
        config = parts[lang]["config"]
        assert config["lang"] == [lang]  # our worker analyses the query by it
        assert config["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]
        assert config["fields"] == SITE_CONFIG["fields"]


def test_the_shared_site_config_is_not_modified():
    index = index_with("")
    search_index.split(index)
    assert index["config"] == SITE_CONFIG
    assert SITE_CONFIG["lang"] == ["en"]


def test_czech_and_polish_words_end_at_punctuation_but_keep_apostrophes():
    separator = re.compile(search_index.SEPARATOR)
    text = "„Tohle chce fine-tuning“, řekl (tým) – a pipeline’y… 3.5/x"
    words = [w for w in separator.split(text) if w]
    assert words == ["Tohle", "chce", "fine", "tuning", "řekl", "tým", "a", "pipeline’y", "3", "5", "x"]


def test_the_separator_survives_materials_page_highlighter():
    # Material splits `separator` on "|" and drops lookarounds to highlight the target page.
    assert "|" not in search_index.SEPARATOR
    assert "(?" not in search_index.SEPARATOR


def test_our_search_worker_loads_the_analyzer_beside_it():
    from pathlib import Path

    lilith = Path(__file__).resolve().parents[3] / "overrides" / "assets" / "lilith"
    worker = (lilith / "search-worker.js").read_text(encoding="utf-8")
    assert 'importScripts("search-analyzer.js")' in worker  # relative to assets/lilith/
    assert (lilith / "search-analyzer.js").is_file()
    assert not (lilith.parent / "javascripts" / "lunr").exists()  # Material's lunr worker is not used


def test_tags_are_shown_and_found_by_their_name_in_the_documents_language():
    index = {
        "docs": [
            {"location": "radar/a/", "title": "A", "text": "", "tags": ["training", "evals"]},
            {"location": "cs/radar/a/", "title": "A", "text": "", "tags": ["training", "evals"]},
            {"location": "pl/radar/a/", "title": "A", "text": "", "tags": ["training", "not-a-tag"]},
        ]
    }
    parts = search_index.split(index)
    assert parts["cs"]["docs"][0]["tags"] == ["Trénink", "Evaly"]
    assert parts["en"]["docs"][0]["tags"] == [tags.name("training", "en"), tags.name("evals", "en")]
    assert parts["pl"]["docs"][0]["tags"] == [tags.name("training", "pl"), "not-a-tag"]  # unknown: as written
    assert search_index.split(index, tag_name=None)["cs"]["docs"][0]["tags"] == ["training", "evals"]
