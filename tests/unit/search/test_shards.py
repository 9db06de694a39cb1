"""The sharded search index: what each file holds, and that a query word needs few of them."""

from __future__ import annotations

import json

from lilith.search import analysis, shards

CONFIG = {"lang": ["cs"], "separator": r"[\s\-,.]+", "pipeline": ["trimmer"]}


def index(*pages: tuple[str, str, str]) -> dict:
    docs = []
    for location, title, text in pages:
        docs.append({"location": location, "title": title, "text": text})
    return {"config": CONFIG, "docs": docs}


def built(idx: dict, lang: str = "cs") -> dict[str, object]:
    return {name: json.loads(text) for name, text in shards.build(idx, lang).items()}


def home(keys: list[str], word: str) -> str:
    """The term file a word lives in: the longest key it starts with (search-worker.js: keysFor)."""
    return max((k for k in keys if word.startswith(k)), key=len)


def test_material_gets_only_the_config_and_where_the_files_are():
    files = built(index(("radar/a/", "Model", "<p>Dolaďování modelů</p>")))
    assert files["search_index.json"] == {"config": {**CONFIG, "lilith_root": "cs/"}, "docs": []}
    assert built(index(("a/", "A", "")), "en")["search_index.json"]["config"]["lilith_root"] == ""


def test_pages_hold_their_documents_page_first():
    files = built(
        index(
            ("radar/a/#b", "B", "<p>druhá</p>"),
            ("radar/a/", "A", "<p>první</p>"),
            ("radar/c/", "C", "<p>jiná</p>"),
        )
    )
    assert [row[0] for row in files["p/0.json"]] == ["radar/a/", "radar/a/#b"]
    assert files["p/0.json"][0][1:3] == ["A", "<p>první</p>"]
    assert [row[0] for row in files["p/1.json"]] == ["radar/c/"]
    assert files["terms.json"]["pages"] == 2
    assert files["terms.json"]["sections"] == 3


def test_words_are_folded_whole_and_weighted_by_titles():
    files = built(index(("a/", "Źródła modelů", "<p>Dolaďování <b>modelem</b>, model.</p>")))
    keys = files["terms.json"]["keys"]
    for word in ("zrodla", "modelu", "doladovani", "modelem", "model"):
        assert word in files[f"t/{home(keys, word)}.json"], word
    assert files[f"t/{home(keys, 'zrodla')}.json"]["zrodla"] == [1, 0, shards.TITLE]
    assert files[f"t/{home(keys, 'model')}.json"]["model"][:2] == [1, 0]
    assert 1 <= files[f"t/{home(keys, 'model')}.json"]["model"][2] <= shards.IMPACT


def test_stop_words_are_not_indexed():
    files = built(index(("a/", "", "<p>model a se na</p>")))
    words = {w for name, f in files.items() if name.startswith("t/") for w in f}
    assert words == {"model"}


def test_a_word_lists_its_heaviest_pages_and_how_many_pages_have_it():
    pages = [(f"p{i}/", "", "<p>" + "slovo " * (1 + i % 7) + "jiné " * 6 + "</p>") for i in range(300)]
    files = built(index(*pages))
    entry = files["t/sl.json"]["slovo"]
    assert entry[0] == 300
    listed, page = [], 0
    for i in range(1, len(entry), 2):
        page += entry[i]
        listed.append((page, entry[i + 1]))
    assert len(listed) == shards.TOP
    heaviest = sorted(range(300), key=lambda i: -(1 + i % 7))[: shards.TOP]  # the most occurrences
    assert {p for p, _ in listed} == set(heaviest)
    assert [p for p, _ in listed] == sorted(p for p, _ in listed)


def test_large_term_files_are_split_by_longer_keys():
    words = [f"mod{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}x" for i in range(600)]
    files = built(index(*((f"p{i}/", "", "<p>" + " ".join(words) + "</p>") for i in range(20))))
    keys = files["terms.json"]["keys"]
    assert len(keys) > 1 and all(k.startswith("mo") for k in keys)
    for name, content in files.items():
        if name.startswith("t/"):
            assert len(json.dumps(content)) <= shards.SPLIT_BYTES * 1.2 or len(name) - 7 >= shards.MAX_KEY
    for word in words:  # every word in exactly the file of the longest key it starts with
        assert word in files[f"t/{home(keys, word)}.json"]


def test_file_names_are_ascii():
    assert shards.file_key("mo") == "mo"
    assert shards.file_key("æ1") == "_e61"


def test_the_build_is_a_function_of_the_index():
    idx = index(("a/", "Model", "<p>model modelem</p>"), ("b/", "Jiný", "<p>modelu</p>"))
    assert shards.build(idx, "cs") == shards.build(json.loads(json.dumps(idx)), "cs")


def test_folding_matches_the_analyzer():
    assert [analysis.fold(w) for w in ["Dolaďování", "ŹRÓDŁO", "Żółć", "Straße"]] == [
        "doladovani",
        "zrodlo",
        "zolc",
        "strasse",
    ]


def test_a_remembered_build_writes_what_a_fresh_build_writes_after_each_change():
    memo: dict = {}
    idx = index(
        ("radar/a/", "Model", "<p>Dolaďování modelů a modelem</p>"),
        ("radar/a/#s", "Sekce", "<p>Zdroj dat</p>"),
        ("radar/b/", "Jiný", "<p>Jiný text o modelu</p>"),
    )
    assert shards.build(idx, "cs", memo) == shards.build(idx, "cs")
    idx["docs"][2]["text"] = "<p>Přepsaný text, nová slova</p>"  # one page's text
    assert shards.build(idx, "cs", memo) == shards.build(json.loads(json.dumps(idx)), "cs")
    idx["docs"].append({"location": "radar/c/", "title": "Nový", "text": "<p>modely</p>"})  # a page added
    assert shards.build(idx, "cs", memo) == shards.build(idx, "cs")
    del idx["docs"][0:2]  # a page removed
    assert shards.build(idx, "cs", memo) == shards.build(idx, "cs")
    assert len(memo["pages"]) == 2  # only the pages of the last build are remembered
