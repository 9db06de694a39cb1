"""One language kept warm: MkDocs' build of that language, run again on every save.

`WarmLanguage` loads the config once, as a worker of `python -m lilith build` does (static-i18n
builds only this language, into its own folder), and runs the steps of MkDocs'
`mkdocs.commands.build.build` itself, in the same order, so that it can skip work. The cheap
whole-site steps run every time (the site's checks and articles, files, navigation); a page's
two expensive steps are skipped when what they read did not change since the last run:

* reading and rendering its Markdown (`_populate_page`: Markdown → HTML, our typography and
  glossary links), keyed by its source text, the glossary files and, when it links to other
  pages, the set of pages (`_source_key`);
* rendering its template (`_build_page`), keyed by that and by what the page's template
  shows of the whole site (`lilith.site.serve.keys.PageKeys`): a title edit re-renders the
  listing pages whose window holds the article, not every page of the listing.

A skipped page keeps its output file from the last run and replays what the build's later
steps need from it: its search entries, its glossary term use, its URL for the sitemaps and
the log lines it produced. The output folder is never cleaned; files of pages that are gone
are removed. What the build writes at its end (search index, sitemaps, feeds, 404) is
written every run, as MkDocs does, from parts remembered while their inputs stay
(`lilith.site.serve.skips`); the theme's sitemap only for another set of pages.
"""

from __future__ import annotations

import copy
import functools
import logging
import os
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs import utils
from mkdocs.commands import build as mk
from mkdocs.config import load_config
from mkdocs.structure import pages as pages_module
from mkdocs.structure.files import Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from lilith.glossary.terms import GLOSSARY_DIR
from lilith.site import generated
from lilith.site.serve import inputs, skips
from lilith.site.serve.keys import Digests, PageKeys
from lilith.site.serve.records import backlink_counts, capture, new_backlinks, replay


@dataclass
class _Rendered:
    """What `_populate_page` made of a page, and what it told the rest of the build."""

    key: str
    markdown: str
    meta: dict
    content: str
    toc: object
    title_from_render: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]]  # src_uri -> {anchor: url}
    finished: str | None  # our body with term links (the plugin's `finished`)
    used: list[str] | None  # glossary terms it links
    backlinks: list = field(default_factory=list)  # [(lang, term id, Backlink)]
    records: list[logging.LogRecord] = field(default_factory=list)


@dataclass
class _Built:
    """What `_build_page` did for a page: its key and the search entries it added."""

    key: str
    entries: list[dict]
    records: list[logging.LogRecord] = field(default_factory=list)


@dataclass
class RunStats:
    """How much a run re-did."""

    rendered: int = 0
    built: int = 0
    pages: int = 0
    written: list[str] = field(default_factory=list)  # dest URIs of re-built pages


class WarmLanguage:
    """The build of one language, kept in memory between runs."""

    def __init__(self, lang: str, config_file: Path, site_dir: Path, strict: bool | None) -> None:
        kwargs = {"strict": strict} if strict is not None else {}
        self.lang = lang
        self.config = load_config(str(config_file), site_dir=str(site_dir), **kwargs)
        self.root = config_file.parent
        i18n = self.config.plugins.get("i18n")
        if i18n is not None:
            i18n.current_language = lang
            i18n.building = True
        self.lilith = self.config.plugins.get("lilith")
        if self.lilith is not None:
            self.lilith.worker = True
        self.search = self.config.plugins.get("material/search") or self.config.plugins.get("search")
        self.config.plugins.on_startup(command="build", dirty=False)
        self.env = None
        self.rendered: dict[str, _Rendered] = {}
        self.built: dict[str, _Built] = {}
        self.dest: dict[str, str] = {}  # src_uri -> dest path, for pages that went away
        self._listing: tuple[str, ...] | None = None  # docs/ as last read
        self._sorted: list | None = None  # static-i18n's files of this language, for that listing
        self._reuse = False
        self._listing_now: tuple | None = None
        self._stats: dict[str, tuple | None] = {}  # docs-relative path -> `inputs.file_key`
        self._bytes: dict[str, tuple] = {}
        self._gloss: str | None = None
        self._run_stats = RunStats()
        self._digest = Digests()
        self.keys = PageKeys(lang, self._digest)
        self._sitemap_pages: str | None = None  # the set of pages the theme's sitemap was made of
        self.last_run: tuple | None = None  # (files, doc_files, nav) of the last good run (previews)
        generated._populate_page = self._late_populate  # pages added in on_env (this process only)
        self._wrap_i18n_files(i18n)
        inputs.remember_per_file()
        pages_module.urljoin = _urljoin  # every page's canonical URL, every run: the same few
        skips.install(self.keys.article, lambda: self._listing_now)

    def _wrap_i18n_files(self, i18n) -> None:
        """static-i18n's `on_files` (a third of a run) again only when docs/ has other files.

        Its result depends only on which files there are, so while that stays the same the
        files are used again, as fresh copies without pages (the navigation steps change the
        `File`s and `Page`s they get); our plugin then adds this run's generated pages.
        """
        events = self.config.plugins.events["files"]
        for i, method in enumerate(events):
            if i18n is not None and getattr(method, "__self__", None) is i18n:

                def on_files(files: Files, config, _method=method) -> Files:
                    if self._reuse and self._sorted is not None:  # its own `Files`: it finds
                        return type(self._sorted)(i18n, [_fresh(f) for f in self._sorted])  # x.cs.md
                    out = _method(files, config=config)
                    self._sorted = type(out)(i18n, [_fresh(f) for f in out])  # before the nav
                    return out

                events[i] = on_files

    def _files(self, config) -> Files:
        """The run's files: MkDocs' `get_files` and theme files, unless docs/ lists the same files."""
        listing = tuple(sorted(self._stats))
        self._reuse = listing == self._listing and self._sorted is not None
        if self._reuse:
            files = Files([])
        else:
            files = get_files(config)
            files.add_files_from_theme(self.env, config)
            self._listing = listing
        return config.plugins.on_files(files, config=config)

    # -- keys ----------------------------------------------------------------------------

    def _site_facts(self, files: Files) -> tuple[str, str]:
        """(the glossary's files, the set of pages): what many pages' Markdown depends on."""
        glossary = self.root / GLOSSARY_DIR
        gloss = self._digest(*(p.name.encode() + p.read_bytes() for p in sorted(glossary.glob("*.yml"))))
        pages = self._digest(sorted((f.src_uri, f.dest_uri) for f in files.documentation_pages()))
        return gloss, pages

    def _source_key(self, page: Page, gloss: str, pages: str) -> str:
        file = page.file
        if file.generated_by is None:  # the file on disk, by its identity (see `inputs.file_key`)
            source: object = self._stats.get(file.src_uri) or file.content_bytes
            links = pages if b".md" in self._peek(file) else ""
        else:
            source = file.content_string
            links = pages if ".md" in source else ""
        return self._digest(file.src_uri, file.dest_uri, page.url, source, gloss, links)

    def _peek(self, file) -> bytes:
        """The file's bytes, read again only when it changed (whether it links pages)."""
        key = self._stats.get(file.src_uri)
        cached = self._bytes.get(file.src_uri)
        if cached is None or cached[0] != key:
            cached = self._bytes[file.src_uri] = (key, file.content_bytes)
        return cached[1]

    # -- the steps -------------------------------------------------------------------------

    def _populate(self, page: Page, files: Files, key: str, stats: RunStats) -> None:
        src_uri = page.file.src_uri
        cached = self.rendered.get(src_uri)
        glossary = self.lilith.glossary if self.lilith is not None else None
        if cached is not None and cached.key == key:
            page.markdown, page.meta, page.content = cached.markdown, cached.meta, cached.content
            page.toc, page._title_from_render = cached.toc, cached.title_from_render
            page.present_anchor_ids = cached.anchors
            by_uri = files.src_uris  # the files the render found (static-i18n's lookup is slow)
            page.links_to_anchors = {
                target: links
                for uri, links in cached.links.items()
                if (target := by_uri.get(uri)) is not None
            }
            if self.lilith is not None and cached.finished is not None:
                self.lilith.finished[src_uri] = cached.finished
            if glossary is not None and cached.used is not None:
                glossary.used[page.url] = cached.used
                for lang, term_id, backlink in cached.backlinks:
                    glossary.backlinks.setdefault((lang, term_id), []).append(backlink)
            replay(cached.records)
            return
        stats.rendered += 1
        before = backlink_counts(glossary)
        with capture() as records:
            mk._populate_page(page, self.config, files)
        finished = self.lilith.finished.get(src_uri) if self.lilith is not None else None
        used = glossary.used.get(page.url) if glossary is not None else None
        self.rendered[src_uri] = _Rendered(
            key, page.markdown or "", page.meta, page.content or "", page.toc, page._title_from_render,
            page.present_anchor_ids,
            {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
            finished, used, new_backlinks(glossary, before), records.records,
        )  # fmt: skip

    def _late_populate(self, page: Page, config, files: Files) -> None:
        """`_populate_page` of a page our plugin adds in `on_env` (glossary entries' pages 2 … n),
        skipped like any other's when its source is unchanged."""
        file = page.file
        gloss = self._gloss if self._gloss is not None else ""
        key = self._digest(file.src_uri, file.dest_uri, page.url, file.content_string, gloss)
        self._populate(page, files, key, self._run_stats)

    def _build(self, page: Page, doc_files, nav, key: str, stats: RunStats) -> None:
        src_uri = page.file.src_uri
        cached = self.built.get(src_uri)
        index = self.search.search_index if self.search is not None else None
        if cached is not None and cached.key == key and os.path.exists(page.file.abs_dest_path):
            if index is not None:
                index.entries.extend(cached.entries)
            if self.lilith is not None:
                self.lilith.built_urls[self.lang].append(page.url)
                self.lilith.finished.pop(src_uri, None)
            replay(cached.records)
            return
        stats.built += 1
        stats.written.append(page.file.dest_uri)
        start = len(index.entries) if index is not None else 0
        with capture() as records:
            mk._build_page(page, self.config, doc_files, nav, self.env)
        entries = list(index.entries[start:]) if index is not None else []
        self.built[src_uri] = _Built(key, entries, records.records)

    def run(self) -> RunStats:
        """One build of the language into its folder; raises what MkDocs' build raises."""
        config = self.config
        counter = utils.CountHandler()
        counter.setLevel(logging.WARNING)
        logger = logging.getLogger("mkdocs")
        if config.strict:
            logger.addHandler(counter)
        stats = RunStats()
        try:
            config = self.config = config.plugins.on_config(config)
            self._digest.next_run()
            self._stats = _walk(config.docs_dir)  # what is on disk now: one stat per file
            inputs.KNOWN.clear()
            docs = Path(config.docs_dir)
            inputs.KNOWN.update((str(docs / rel), key) for rel, key in self._stats.items())
            self._listing_now = tuple(sorted(self._stats))
            config.plugins.on_pre_build(config=config)
            if self.env is None:
                self.env = config.theme.get_env()
            files = self._files(config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            gloss, pages = self._site_facts(files)
            self._gloss, self._run_stats = gloss, stats
            doc_files = files.documentation_pages()
            for file in doc_files:
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)
                self._populate(file.page, files, self._source_key(file.page, gloss, pages), stats)
            self.env = config.plugins.on_env(self.env, config=config, files=files) or self.env
            files.copy_static_files(dirty=True)
            for template in config.theme.static_templates:
                if template == _SITEMAP and self._sitemap_pages == pages and self._sitemap_exists(config):
                    continue  # the same pages: the same file (ours is written over it in on_post_build)
                mk._build_theme_template(template, self.env, files, config, nav)
            self._sitemap_pages = pages
            for template in config.extra_templates:
                mk._build_extra_template(template, files, config, nav)
            self.keys.start(self.lilith, [(p.title, p.url) for p in nav.pages])
            doc_files = files.documentation_pages()  # with the pages on_env added (glossary 2 … n)
            for file in doc_files:
                key = self.keys.page(file.page, self.rendered[file.page.file.src_uri].key)
                self._build(file.page, doc_files, nav, key, stats)
            for file in doc_files:
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            self._forget_gone(doc_files)
            stats.pages = len(doc_files)
            self.last_run = None
            config.plugins.on_post_build(config=config)
            if counts := counter.get_counts():
                msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
                raise mk.Abort(f"Aborted with {msg} in strict mode!")
            self.last_run = (files, doc_files, nav)
        except Exception as error:
            config.plugins.on_build_error(error=error)
            self.built.clear()  # a half-done run: build every page again next time
            self._sitemap_pages = None
            self.last_run = None
            if isinstance(error, mk.BuildError):
                logging.getLogger("mkdocs.commands.build").error(str(error))
                raise mk.Abort("Aborted with a BuildError!") from None
            raise
        finally:
            logger.removeHandler(counter)
        return stats

    def can_preview(self) -> bool:
        """Whether the last run was good: `lilith.site.serve.alone` renders against it."""
        return self.last_run is not None

    @staticmethod
    def _sitemap_exists(config) -> bool:
        return (Path(config.site_dir) / _SITEMAP).exists()

    def _forget_gone(self, doc_files) -> None:
        """Remove the output and the caches of pages no longer in the site."""
        now = {file.src_uri: file.abs_dest_path for file in doc_files}
        for src_uri in set(self.dest) - set(now):
            Path(self.dest[src_uri]).unlink(missing_ok=True)
            self.rendered.pop(src_uri, None)
            self.built.pop(src_uri, None)
        self.dest = now


_SITEMAP = "sitemap.xml"
_urljoin = functools.lru_cache(maxsize=200_000)(urllib.parse.urljoin)


def _fresh(file):
    """A copy of static-i18n's `File`, as it made it: no page yet."""
    twin = copy.copy(file)
    twin.page = None
    return twin


def _walk(docs_dir: str) -> dict[str, tuple | None]:
    """{docs-relative path: `file_key`} of every file under docs/, as MkDocs walks it."""
    found: dict[str, tuple | None] = {}
    stack = [("", docs_dir)]
    while stack:
        rel, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{rel}{entry.name}"
                if entry.is_dir(follow_symlinks=True):
                    stack.append((name + "/", entry.path))
                else:
                    st = entry.stat()
                    found[name] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return found
