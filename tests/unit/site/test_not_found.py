"""The 404 page per language, and the root 404 page that serves every language."""

from __future__ import annotations

import json
from pathlib import Path

from lilith.site import not_found
from selectolax.lexbor import LexborHTMLParser

CONFIG = (
    '<script id="__config" type="application/json">{{"base": "/", "translations": {{"x": "{x}"}}}}</script>'
)


def page(lang: str, title: str, search: str, x: str, messages: str) -> str:
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
  <header><input aria-label="{search}" placeholder="{search}"><span class="name">{title}</span></header>
  <main><div class="lilith-404s" data-lilith-404s>{messages}</div></main>
  {CONFIG.format(x=x)}
</body></html>
"""


CZECH_MESSAGE = '<section lang="cs"><h1>Stránka nenalezena</h1></section>'
EN = page(
    "en", "Lilith", "Search", "More", '<section lang="en"><h1>Page not found</h1></section>' + CZECH_MESSAGE
)
CS = page("cs", "Lilith · radar", "Hledat", "Více", CZECH_MESSAGE)


def i18n(html: str, selector: str) -> dict:
    return json.loads(LexborHTMLParser(html).css_first(selector).attributes[not_found.I18N_ATTR])


def test_root_page_carries_the_other_languages_texts_outside_the_messages():
    root = not_found.localize_root(EN, {"cs": not_found.with_base(CS, "/cs/")})

    assert i18n(root, "html") == {"cs": {"@lang": "cs"}}
    assert i18n(root, "title") == {"cs": {"#text0": "Lilith · radar"}}
    assert i18n(root, "input") == {"cs": {"@aria-label": "Hledat", "@placeholder": "Hledat"}}
    config = json.loads(i18n(root, "script#__config")["cs"]["#text0"])
    assert config == {"base": "/cs/", "translations": {"x": "Více"}}
    # the messages are each language's own, never rewritten
    doc = LexborHTMLParser(root)
    assert not doc.css(f"[data-lilith-404s] [{not_found.I18N_ATTR}]")
    assert [h.text() for h in doc.css("section h1")] == ["Page not found", "Stránka nenalezena"]


def test_a_subtree_with_another_structure_is_left_alone():
    other = CS.replace("<header><input", "<header><button>x</button><input")
    root = not_found.localize_root(EN, {"cs": other})
    assert not LexborHTMLParser(root).css_first("input").attributes.get(not_found.I18N_ATTR)
    assert i18n(root, "title") == {"cs": {"#text0": "Lilith · radar"}}


def test_localizing_twice_gives_the_same_page():
    once = not_found.localize_root(EN, {"cs": CS})
    assert not_found.localize_root(once, {"cs": CS}) == once


def test_language_roots_keep_the_sites_path_and_end_with_a_slash():
    assert not_found.language_base("/", "cs") == "/cs/"
    assert not_found.language_base("/lilith/", "pl") == "/lilith/pl/"
    assert not_found.language_base("/", "en") == "/"


def test_each_language_build_keeps_its_page_and_the_root_learns_them(tmp_path: Path):
    (tmp_path / "404.html").write_text(CS, encoding="utf-8")  # the Czech build just wrote it
    not_found.write_language(tmp_path, "cs")
    czech = (tmp_path / "cs" / "404.html").read_text(encoding="utf-8")
    assert not_found.config_base(czech) == "/cs/"

    (tmp_path / "404.html").write_text(EN, encoding="utf-8")  # the default language's page
    not_found.write_language(tmp_path, "en")  # the default language has no folder of its own
    assert not (tmp_path / "en").exists()
    not_found.write_root(tmp_path)
    root = (tmp_path / "404.html").read_text(encoding="utf-8")
    assert i18n(root, "html") == {"cs": {"@lang": "cs"}}


def test_root_build_shows_every_language_and_other_builds_only_their_own():
    assert [v["lang"] for v in not_found.versions("en")] == ["en", "cs", "pl"]
    assert [v["lang"] for v in not_found.versions("pl")] == ["pl"]
    polish = not_found.versions("pl")[0]
    assert (polish["heading"], polish["home_url"]) == ("Nie znaleziono strony", "pl/")


def test_a_value_less_attribute_equals_an_empty_one():
    bare = EN.replace("<input ", "<input hidden ")
    serialized = CS.replace("<input ", '<input hidden="" ')
    root = not_found.localize_root(bare, {"cs": serialized})
    assert "@hidden" not in i18n(root, "input")["cs"]
