"""Edits to the HTML Material writes, done on the finished page."""

from __future__ import annotations

import json
import re
from html import escape

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_MATERIAL_WORKER = re.compile(r"javascripts/workers/search\.[^/]*\.js$")
OUR_WORKER = "lilith/search-worker.js"


def set_config_base(html: str, base: str | None) -> str:
    """Point Material's `__config.base` at `base` (the page's language root; None keeps it)
    and `__config.search` at our search worker (assets/lilith/search-worker.js).

    Material's JavaScript loads the sitemap (instant navigation) and the search index from
    `base`; static-i18n leaves it at the site root for every language. Our worker fetches
    the index by the query instead of whole (`lilith.search.shards`).
    """

    def replace(match: re.Match) -> str:
        config = json.loads(match.group(2))
        if base is not None:
            config["base"] = base
        if isinstance(config.get("search"), str):
            config["search"] = _MATERIAL_WORKER.sub(OUR_WORKER, config["search"])
        return (
            match.group(1) + json.dumps(config, ensure_ascii=False).replace("<", "\\u003c") + match.group(3)
        )

    return _CONFIG.sub(replace, html, count=1)


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(html: str, label: str) -> str:
    """Give Material's search dialog an accessible name (axe: aria-dialog-name)."""
    named = _SEARCH_DIALOG[:-1] + f' aria-label="{escape(label, quote=True)}">'
    return html.replace(_SEARCH_DIALOG, named, 1)


_GENERATOR = re.compile(r'(<meta name="generator" content=")mkdocs-[^,"]*, ')


def drop_engine_version(html: str) -> str:
    """`<meta name="generator">` without the engine's version, only the theme's.

    Material writes `mkdocs-<version>` there, which ProperDocs fills with its own name:
    without it, MkDocs and ProperDocs write the same bytes (tests/build/test_properdocs.py).
    """
    return _GENERATOR.sub(r"\1", html, count=1)


def finish(html: str, dialog_label: str, base: str | None = None) -> str:
    """Our edits of a finished page (or of the 404 page, whose `base` stays as it is)."""
    return set_config_base(drop_engine_version(name_search_dialog(html, dialog_label)), base)
