"""Sitemaps, split search indexes and edits to Material's HTML."""

import json
from xml.etree import ElementTree

from lilith.site import search_index, sitemap
from lilith.site.page_html import name_search_dialog, set_config_base

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_a_language_with_alternates_and_x_default():
    xml = sitemap.render(["cs/", "cs/radar/a/"], "https://lilith.test/")
    root = ElementTree.fromstring(xml)
    locs = [e.text for e in root.findall("s:url/s:loc", NS)]
    assert locs == ["https://lilith.test/cs/", "https://lilith.test/cs/radar/a/"]
    links = {e.get("hreflang"): e.get("href") for e in root.findall("s:url", NS)[1].findall("x:link", NS)}
    assert links == {
        "en": "https://lilith.test/radar/a/",
        "cs": "https://lilith.test/cs/radar/a/",
        "pl": "https://lilith.test/pl/radar/a/",
        "x-default": "https://lilith.test/radar/a/",
    }


def test_search_index_is_split_per_language_with_locations_relative_to_its_root():
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "", "title": "Radar", "text": ""},
            {"location": "cs/radar/a/#x", "title": "A", "text": "česky"},
            {"location": "pl/", "title": "Radar", "text": "po polsku"},
        ],
    }
    parts = search_index.split(index)
    assert [d["location"] for d in parts["en"]["docs"]] == [""]
    assert [d["location"] for d in parts["cs"]["docs"]] == ["radar/a/#x"]
    assert [d["location"] for d in parts["pl"]["docs"]] == [""]
    assert parts["cs"]["config"]["lang"] == ["cs"]  # its own lunr language (test_search_index.py)


def test_config_base_points_at_the_language_root():
    html = '<p></p><script id="__config" type="application/json">{"base": "../..", "x": 1}</script>'
    out = set_config_base(html, "..")
    payload = out.split('application/json">')[1].split("</script>")[0]
    assert json.loads(payload) == {"base": "..", "x": 1}


def test_search_dialog_gets_an_accessible_name():
    html = '<div class="md-search" data-md-component="search" role="dialog"><input></div>'
    assert 'role="dialog" aria-label="Hledat &amp; najít">' in name_search_dialog(html, "Hledat & najít")


def test_the_generator_tag_names_the_theme_not_the_engine():
    from lilith.site.page_html import drop_engine_version

    for engine in ("mkdocs-1.6.1", "mkdocs-ProperDocs 1.6.7"):
        head = f'<head><meta name="generator" content="{engine}, mkdocs-material-9.8.1"></head>'
        assert (
            drop_engine_version(head)
            == '<head><meta name="generator" content="mkdocs-material-9.8.1"></head>'
        )
