"""Site-wide files written at the end of a build, from what the build recorded.

Per language: its `sitemap.xml`, its Atom feed and its own search index (split from the
one static-i18n writes, then cut into the small files `lilith.search.shards` describes).
At the root: the default language's 404 page and a gzipped sitemap matching the root
`sitemap.xml` (every nested language build overwrites both).
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Collection, Mapping
from pathlib import Path

from lilith.content.pages import Article
from lilith.search import shards
from lilith.site import feeds, search_index, sitemap
from lilith.text.languages import prefix


def write_sitemaps(site_dir: Path, built_urls: Mapping[str, list[str]], site_url: str) -> None:
    """Each built language's `sitemap.xml`, with every URL's alternates."""
    for lang, urls in built_urls.items():
        if urls:
            target = site_dir / prefix(lang) / "sitemap.xml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(sitemap.render(urls, site_url), encoding="utf-8")


def write_root_files(site_dir: Path, root_404: str | None) -> None:
    """Root files every language's build overwrites: keep the default language's.

    Each nested language build writes `404.html` and `sitemap.xml.gz` at the site root
    (DESIGN trap 4): the root 404 page is the default language's, and the gzipped sitemap
    matches the root `sitemap.xml`. A parallel build writes the same bytes.
    """
    if root_404 is not None:
        (site_dir / "404.html").write_bytes(root_404.encode("utf-8"))
    gz = site_dir / "sitemap.xml.gz"
    if gz.exists():
        gz.write_bytes(gzip.compress((site_dir / "sitemap.xml").read_bytes(), mtime=0))


def write_feeds(
    site_dir: Path,
    infos: Mapping[str, feeds.FeedInfo],
    built: Collection[str],
    articles: list[Article],
    site_url: str,
) -> None:
    """The Atom feed of each built language."""
    for lang in sorted(set(built) & infos.keys()):
        feeds.write(site_dir, infos[lang], articles, site_url)


SEARCH_INDEX = "search/search_index.json"  # Material's, one per language under its prefix


def write_search_indexes(site_dir: Path, built: Collection[str], shard: bool = True) -> None:
    """Split static-i18n's one search index into one per built language (`cs/search/…`).

    With `shard`, each is then cut into the files the browser fetches by query
    (`write_search_shards`); a parallel build's worker cuts its own after the build instead
    (`lilith.site.finish`), keeping the full index for the merge.
    """
    index_file = site_dir / SEARCH_INDEX
    if not index_file.exists():
        return
    parts = search_index.split(json.loads(index_file.read_text(encoding="utf-8")))
    for lang, part in parts.items():
        if lang in built:
            target = site_dir / prefix(lang) / SEARCH_INDEX
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
    if shard:
        write_search_shards(site_dir, built)


def write_search_shards(site_dir: Path, langs: Collection[str]) -> None:
    """Replace each language's full `search_index.json` by its shards (`lilith.search.shards`)."""
    for lang in sorted(langs):
        index_file = site_dir / prefix(lang) / SEARCH_INDEX
        if index_file.is_file():
            write_language_shards(site_dir, lang, json.loads(index_file.read_text(encoding="utf-8")))


def write_language_shards(
    site_dir: Path, lang: str, index: dict, files: dict[str, str] | None = None
) -> None:
    """Write one language's shards of its full search `index` (the config-only index included);
    `files`: `shards.build` of it, when the caller has made them."""
    folder = site_dir / prefix(lang) / "search"
    files = shards.build(index, lang) if files is None else files
    for sub in ("t", "p"):
        shutil.rmtree(folder / sub, ignore_errors=True)
        (folder / sub).mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
