"""A worker's saved pages rendered alone, against the site as its last run left it.

A worker's standby (`lilith.site.serve.standby`) calls `render` in a throwaway fork: the
saved page's Markdown is read and rendered again, and its template rendered with the last
run's files and navigation, into a folder of its own. Only when that is what the next run
writes for it: its front matter stayed but for the title (the language's home page, which
lists the newest articles by title, then comes along, from the articles read again), it is
not new nor generated, and nothing warns. Everything else waits for the run.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands import build as mk

from lilith.site import site_inputs
from lilith.site.context import PageContexts
from lilith.site.serve import inputs
from lilith.site.serve.records import capture
from lilith.text.languages import lang_of_src, prefix

_TRANSLATION_STATE = {"outdated", "translation-missing", "fingerprint-missing"}


class NotShown(Exception):
    """Why a save gets no preview (the run shows it)."""


def render(state, saved: list[str], out: Path) -> list[str]:
    """The saved pages rendered alone into `out` by a `WarmLanguage` (`state`), against the
    site as its last run left it; their dest URIs. Raises `NotShown` when that cannot be what
    the next run writes for them.

    Only for pages whose front matter stayed but for their title: when a title changed,
    the language's home page (which lists the newest articles) comes along, rendered from
    the site's articles read again; the other pages that show the title (tag pages, feed,
    glossary entries) wait for the run. A page that is new, generated, or warns, or a
    change the site's checks see, gets none. This changes the worker's state (the pages,
    the plugins'): it runs in a throwaway fork (`lilith.site.serve.standby`).
    """
    if state.last_run is None:
        raise NotShown("the last run failed")
    files, doc_files, nav = state.last_run
    by_path = {os.path.normpath(f.abs_src_path): f for f in doc_files if f.abs_src_path}
    docs = Path(state.config.docs_dir)
    pages, retitled = [], False
    with capture() as records:
        for rel in saved:
            file = by_path.get(os.path.normpath(docs / rel))
            cached = state.rendered.get(file.src_uri) if file is not None else None
            if cached is None or file.generated_by is not None or file.page is None:
                raise NotShown(f"{rel} is a new page")
            page, title = file.page, file.page.title
            inputs.KNOWN.pop(file.abs_src_path, None)  # read as it is now
            try:
                mk._populate_page(page, state.config, files)
            except Exception as exc:
                raise NotShown(f"{rel} does not render ({type(exc).__name__})") from None
            if changed := sorted(_changed_keys(page.meta, cached.meta) - {"title"}):
                raise NotShown(f"its {', '.join(changed)} changed (other pages show them)")
            retitled = retitled or page.title != title
            pages.append(page)
        if retitled:
            home = next((f.page for f in doc_files if f.dest_uri == _home_uri(state)), None)
            if home is None or home in pages:
                raise NotShown("the home page cannot come along")
            _read_articles_again(state)
            pages.append(home)
        for page in pages:
            page.file.abs_dest_path = str(out / page.file.dest_uri)
            try:
                mk._build_page(page, state.config, doc_files, nav, state.env)
            except Exception as exc:
                raise NotShown(f"{page.file.src_uri} does not build ({type(exc).__name__})") from None
    if records.records:  # a warning (the worker logs nothing less): the run shows it
        raise NotShown("the run has a warning to show")
    return [page.file.dest_uri for page in pages]


def _problems(state, problems) -> list[str]:
    """The problems this language's pages may show: not another language's translation
    state (outdated, missing: banners on that language's pages)."""
    return [
        p.full_text()
        for p in problems
        if p.code not in _TRANSLATION_STATE or lang_of_src(str(p.path).removeprefix("docs/")) == state.lang
    ]


def _home_uri(state) -> str:
    return prefix(state.lang) + "index.html"


def _read_articles_again(state) -> None:
    """The plugin's articles (listings) as the files are now, unless the site's checks found
    other problems than in the last run (the run shows them, and the banners)."""
    if state.lilith is None:
        raise NotShown("no listings without our plugin")
    now = site_inputs.read(state.root, Path(state.config.docs_dir))
    if _problems(state, now.content.problems) != _problems(state, state.lilith.content.problems):
        raise NotShown("the site's checks find other problems")
    state.lilith.content, state.lilith.pages = now.content, PageContexts(now.articles)


def _changed_keys(meta: dict, before: dict) -> set[str]:
    """The front-matter keys whose values differ."""
    return {key for key in meta.keys() | before.keys() if meta.get(key) != before.get(key)}
