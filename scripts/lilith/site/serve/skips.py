"""Site-wide steps a warm worker skips when what they read is what they read last time.

Installed in a warm worker's process only (`install`), around the module functions our
plugin and the site checks call, so the plugin itself is unchanged:

* `outputs.write_feeds` rewrites the feeds only when the articles' listing data
  (`meta_key`) differ from last time (or a feed is missing): they would be the same bytes
  (the sitemaps are always written: MkDocs writes its own root sitemap over ours first);
* `sitemap.render` renders a language's sitemap again only for another set of URLs;
* `checks.page_paths` and `pages.article_paths` (a walk and a sort of docs/, twice per save)
  answer from the worker's own walk of docs/ while it lists the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lilith import checks
from lilith.content import pages
from lilith.site import feeds, outputs, sitemap

_state: dict = {"feeds": None, "paths": {}, "sitemaps": {}}
_original = {
    "feeds": outputs.write_feeds,
    "sitemap": sitemap.render,
    "page_paths": checks.page_paths,
    "article_paths": pages.article_paths,
}


def install(meta_key: Callable[[object], str], listing: Callable[[], tuple | None]) -> None:
    """Put the remembering versions in place (idempotent)."""

    def write_feeds(site_dir, infos, built, articles, site_url):
        key = (str(site_dir), sorted(infos.items()), sorted(built), site_url, [meta_key(a) for a in articles])
        files = [Path(site_dir) / feeds.path(lang) for lang in built]
        if key != _state["feeds"] or not all(f.exists() for f in files):
            _original["feeds"](site_dir, infos, built, articles, site_url)
            _state["feeds"] = key

    def remembered(name: str):
        def paths(docs_dir: Path) -> list[Path]:
            now = listing()
            cached = _state["paths"].get((name, str(docs_dir)))
            if now is None or cached is None or cached[0] != now:
                cached = (now, _original[name](docs_dir))
                _state["paths"][(name, str(docs_dir))] = cached
            return list(cached[1])

        return paths

    def render_sitemap(urls: list[str], site_url: str) -> str:
        key, known = (tuple(sorted(set(urls))), site_url), _state["sitemaps"]
        if key not in known:
            if len(known) >= 8:  # a worker renders its language's one or two (the root's)
                known.clear()
            known[key] = _original["sitemap"](urls, site_url)
        return known[key]

    outputs.write_feeds = write_feeds
    sitemap.render = render_sitemap
    checks.page_paths = remembered("page_paths")
    pages.article_paths = remembered("article_paths")
