"""Glossary indexes follow each language's alphabet (Czech ch after h; Polish ł after l …)."""

from __future__ import annotations

import random

import pytest
from lilith.glossary.collation import first_letter, sort_key, sorted_by_alphabet


def in_order(words: list[str], lang: str) -> bool:
    shuffled = words[:]
    random.Random(3).shuffle(shuffled)
    return sorted_by_alphabet(shuffled, lang) == words


@pytest.mark.parametrize(
    "words",
    [
        ["cukr", "cyklus", "čaj", "čtvrť", "dům"],  # č after c
        ["hrad", "hůl", "hýbat", "chata", "chyba", "ihned"],  # ch after h, before i
        ["rak", "rytíř", "řeka", "řízek", "sova"],  # ř after r
        ["svět", "sýr", "šál", "štika", "tma"],  # š after s
        ["zub", "zvon", "žába", "žlutý"],  # ž after z
        ["vada", "váhy modelu", "validace"],  # á is a only: "vah" < "val"
        ["kontext", "kontextové okno", "kontextový"],  # a shorter word first
        ["agent", "agentní workflow", "evaluační sada", "evaly"],
    ],
)
def test_czech_alphabet(words):
    assert in_order(words, "cs")


@pytest.mark.parametrize(
    "words",
    [
        ["azyl", "ąb", "bób"],  # ą after a
        ["cyrk", "ćma", "dom"],  # ć after c
        ["ewa", "ęsi", "fala"],  # ę after e
        ["lampa", "lody", "łąka", "łódź", "mama"],  # ł after l
        ["nuta", "ńa", "oko", "ósmy", "pole"],  # ń after n, ó after o
        ["sowa", "szafa", "śnieg", "świt", "tak"],  # ś after s
        ["zamek", "zupa", "źrebię", "żaba", "żółw"],  # ź, then ż, after z
        ["walidacja", "warstwa runtime", "zbiór ewaluacyjny"],
    ],
)
def test_polish_alphabet(words):
    assert in_order(words, "pl")


def test_english_ignores_case_first_and_accents_only_break_ties():
    assert in_order(["GPU", "model weights", "open models", "prompt", "RAG", "retrieval", "RLFT"], "en")
    assert in_order(["cafe", "café", "cafes"], "en")


def test_czech_ch_is_one_letter_but_a_c_before_other_letters_is_not():
    assert sort_key("chata", "cs") > sort_key("hrad", "cs")
    assert sort_key("cukr", "cs") < sort_key("čaj", "cs") < sort_key("dům", "cs")
    assert sort_key("chata", "pl") < sort_key("hrad", "pl")  # Polish has no ch letter


@pytest.mark.parametrize(
    ("word", "lang", "letter"),
    [
        ("chata", "cs", "Ch"),
        ("Chata", "cs", "Ch"),
        ("čaj", "cs", "Č"),
        ("álgebra", "cs", "A"),
        ("řeka", "cs", "Ř"),
        ("chata", "pl", "C"),
        ("łódź", "pl", "Ł"),
        ("źrebię", "pl", "Ź"),
        ("GPU", "en", "G"),
        ("3D model", "en", "#"),
    ],
)
def test_index_letters(word, lang, letter):
    assert first_letter(word, lang) == letter
