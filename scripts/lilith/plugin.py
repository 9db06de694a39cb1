"""MkDocs plugin: a thin adapter from MkDocs events to the functions in `lilith`.

static-i18n builds the default language first and the others from inside its own
`on_post_build`, so builds nest. We count the nesting: the outermost `on_post_build`
(ours runs last, priority -200) is the end of the whole site, where site-wide files
(per-language sitemaps and search indexes) are written.
"""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from lilith import (
    csp,
    feeds,
    jinja_cache,
    listing,
    meta,
    not_found,
    search_index,
    site_inputs,
    sitemap,
    tags,
    typography,
)
from lilith.checks import SiteCheck
from lilith.content import ARTICLES_DIR, Article, ContentError
from lilith.dates import long_date
from lilith.glossary import GLOSSARY_DIR, GlossaryError, activate
from lilith.glossary_pages import GlossarySite, add_pages
from lilith.languages import DEFAULT, LANGUAGES, NAMES, alternates, prefix, split_url
from lilith.page_html import name_search_dialog, set_config_base
from lilith.strings import Translator, t
from lilith.translations import banner

BLOCKS_EXTENSION = "lilith.blocks"
log = get_plugin_logger("lilith")


class _HandledInstantWarning(logging.Filter):
    """Drops static-i18n's warning that its switcher breaks with `navigation.instant`.

    We replace that switcher: each language has its own sitemap and `base`, so instant
    navigation stays inside one language and a language switch is a full page load
    (proved by tests/browser/test_language_switch.py). The warning would fail --strict.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "not compatible with theme.features = navigation.instant" not in record.getMessage()


_I18N_LOGGER = "mkdocs.plugins.mkdocs_static_i18n.reconfigure"


class LilithConfig(Config):
    """Options of the `lilith` plugin in mkdocs.yml."""

    enabled = c.Type(bool, default=True)


def page_language(page: Page) -> str:
    """Language of the site section a page belongs to (its text may be a fallback)."""
    return split_url(page.url)[0]


class LilithPlugin(BasePlugin[LilithConfig]):
    """Dispatches MkDocs events; all logic lives in the `lilith` modules."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # how many (nested) language builds are running
        self.articles: list[Article] = []
        self.listings: dict[str, list[listing.ListingEntry]] = {}  # per language, reset with articles
        self.by_slug: dict[str, dict[str, Article]] | None = None  # likewise
        self.built_urls: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
        self.content = SiteCheck()  # `python -m lilith check` of the site, for warnings and banners
        self.root_404: str | None = None  # the default language's 404 page
        self.command = "build"  # or "serve" (its live reload needs inline scripts)
        self.feed_info: dict[str, feeds.FeedInfo] = {}
        self.glossary: GlossarySite | None = None  # terms, and which page uses which
        # A worker of `python -m lilith.parallel_build` builds one language; its parent writes
        # what needs every language: the root 404 page's other languages and the site-wide CSP.
        self.worker = False
        self.finished: dict[str, str] = {}  # src_uri -> body with term links and typography

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Runs once per language build (static-i18n calls MkDocs' build() again)."""
        if not self.config.enabled:
            return None
        i18n_logger = logging.getLogger(_I18N_LOGGER)
        if not any(isinstance(f, _HandledInstantWarning) for f in i18n_logger.filters):
            i18n_logger.addFilter(_HandledInstantWarning())
        return config

    def on_build_error(self, error: Exception) -> None:
        self.depth = 0
        self.finished.clear()

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.depth += 1
        if self.depth == 1:
            self.built_urls = {lang: [] for lang in LANGUAGES}
            self.finished.clear()
            # Every problem `python -m lilith check` finds is a warning naming file:line:
            # --strict fails on it, `mkdocs serve` shows it and builds on (broken articles
            # are left out of listings; missing or outdated translations get a banner).
            root = Path(config.config_file_path).parent
            inputs = site_inputs.take(root, Path(config.docs_dir))
            self.content = inputs.content
            for problem in self.content.problems:
                log.warning(problem.full_text())
            self.articles = inputs.articles
            self.listings, self.by_slug = {}, None
            try:
                tags.check_known(self.articles, root)  # names for tag pages
            except ContentError as exc:
                raise PluginError(str(exc)) from None
            self._use_glossary(inputs, root)

    @event_priority(-150)  # after static-i18n has sorted the docs into this language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Adds this language's tag and glossary pages; notes its site name for its feed."""
        if not self.config.enabled:
            return files
        lang = self._language(config)
        for file in tags.generated_files(config, self.articles, lang):
            files.append(file)
        self.feed_info[lang] = feeds.FeedInfo(
            lang, config.site_name, config.site_description or "", config.site_author or config.site_name
        )
        if self.glossary is None:
            return files
        return add_pages(files, config, self.glossary.glossary, lang)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return markdown
        config.mdx_configs.setdefault(BLOCKS_EXTENSION, {})["lang"] = page_language(page)
        # Checklists name the Markdown file in errors and link glossary terms relative to the page.
        config.mdx_configs[BLOCKS_EXTENSION].update(
            src_path=page.file.abs_src_path or "",
            page_url=page.url,
            glossary_dir=str(Path(config.config_file_path).parent / "glossary"),
        )
        if page.file.src_uri.startswith(f"{ARTICLES_DIR}/"):
            page.meta.setdefault("template", "article.html")
        return markdown

    @event_priority(-50)  # after static-i18n's alternates and Material's search index
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
        if not self.config.enabled:
            return context
        page.content = self.finished.pop(page.file.src_uri, page.content)  # see on_page_content
        lang = page_language(page)
        site_url = config.site_url or "/"
        # Material prints these as <link rel="alternate" hreflang> in the head. An attribute,
        # like static-i18n sets it: Jinja reads the attribute before the dict item.
        config.extra.alternate = [
            {"name": NAMES.get(a["lang"], a["lang"]), "lang": a["lang"], "link": a["href"]}
            for a in sitemap.head_alternates(page.url, site_url)
        ]
        context["lilith"] = self._context(lang, page.url)
        context["lilith"]["article"] = self._article_context(page, lang)
        context["lilith"]["tag"] = tags.page_context(page.meta, self.articles, lang, self._listing(lang))
        context["lilith"]["sharing"] = self._sharing(page, config, lang, context["lilith"]["article"])
        context["lilith"]["banner"] = banner(page.file.src_uri, page.url, lang, self.content.outdated)
        if self.glossary is not None:
            context["lilith"]["glossary"] = self.glossary.context(page, lang)
        return context

    @event_priority(-100)  # after every other plugin's content transform
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Glues one-letter words (lilith.typography), then links glossary terms (lilith.glossary_match).

        The finished body becomes `page.content` in `on_page_context`, right after Material's
        search plugin has indexed the page there: the index keeps only text, which the term
        links and non-breaking spaces do not change, and parsing their markup made indexing
        a page a fifth slower.
        """
        if not self.config.enabled:
            return html
        lang = page_language(page)
        generated = page.file.generated_by is not None
        text_lang = typography.text_language(lang, page.file.src_uri, generated)
        # Glued first: the parser then walks the body without the term links in it (a third
        # of gluing's time), and the linker keeps each `&nbsp;` as it finds it.
        finished = typography.glue_html(html, text_lang)
        if self.glossary is not None:
            try:
                finished = self.glossary.link_page(finished, page, lang)
            except GlossaryError as exc:
                raise PluginError(str(exc)) from None
        self.finished[page.file.src_uri] = finished
        return html

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Template filters: `nbsp` (lilith.typography); compiled templates kept (lilith.jinja_cache)."""
        if self.config.enabled:
            typography.register(env)
            jinja_cache.use(env)
        return env

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(Path(config.config_file_path).parent / GLOSSARY_DIR))
        return server

    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        """Static templates (404.html, sitemap.xml) get the same `lilith` context, page-less."""
        if self.config.enabled:
            lang = self._language(config)
            context["lilith"] = self._context(lang, prefix(lang))
            if template_name == not_found.FILE:
                context["lilith"]["not_found"] = not_found.versions(lang)
                # hreflang alternates of a missing page: each language's home (else the last page's)
                config.extra.alternate = [
                    {"name": NAMES.get(a["lang"], a["lang"]), "lang": a["lang"], "link": a["href"]}
                    for a in sitemap.head_alternates("", config.site_url or "/")
                ]
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        lang = page_language(page)
        self.built_urls[lang].append(page.url)
        output = name_search_dialog(output, t(lang, "search.dialog"))
        base = get_relative_url(prefix(lang) or ".", page.url).rstrip("/") or "."
        return set_config_base(output, base)

    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        not_found.write_language(Path(config.site_dir), self._language(config))
        self.depth -= 1
        if self.depth:
            return
        site_dir = Path(config.site_dir)
        # Only the languages built in this process: `python -m lilith.parallel_build` runs one
        # language per process, and a process must not write another language's files.
        built = {lang for lang, urls in self.built_urls.items() if urls}
        for lang, urls in self.built_urls.items():
            if lang not in built:
                continue
            target = site_dir / prefix(lang) / "sitemap.xml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(sitemap.render(urls, config.site_url or "/"), encoding="utf-8")
        if DEFAULT in built:
            self._write_root_files(site_dir)
            if not self.worker:
                not_found.write_root(site_dir)
        for lang in sorted(built & self.feed_info.keys()):
            feeds.write(site_dir, self.feed_info[lang], self.articles, config.site_url or "/")
        index_file = site_dir / "search" / "search_index.json"
        if index_file.exists():
            parts = search_index.split(json.loads(index_file.read_text(encoding="utf-8")))
            for lang, part in parts.items():
                if lang not in built:
                    continue
                target = site_dir / prefix(lang) / "search" / "search_index.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
        # KEEP LAST: hashes every inline script of every finished page into one policy.
        if not self.worker:
            csp.write_site(site_dir, dev=self.command == "serve")

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if self.config.enabled and template_name == "404.html":
            lang = self._language(config)
            output_content = name_search_dialog(output_content, t(lang, "search.dialog"))
            if lang == DEFAULT:
                self.root_404 = output_content
        return output_content

    def _write_root_files(self, site_dir: Path) -> None:
        """Root files every language's build overwrites: keep the default language's.

        Each nested language build writes `404.html` and `sitemap.xml.gz` at the site root
        (DESIGN trap 4): the root 404 page is the default language's, and the gzipped sitemap
        matches the root `sitemap.xml`. A parallel build writes the same bytes.
        """
        if self.root_404 is not None:
            (site_dir / "404.html").write_bytes(self.root_404.encode("utf-8"))
        gz = site_dir / "sitemap.xml.gz"
        if gz.exists():
            gz.write_bytes(gzip.compress((site_dir / "sitemap.xml").read_bytes(), mtime=0))

    # -- helpers ---------------------------------------------------------------------------

    def _use_glossary(self, inputs: site_inputs.SiteInputs, root: Path) -> None:
        """The glossary for this site build; a broken term file fails the build (file:line)."""
        if inputs.glossary_error is not None:
            raise PluginError(str(inputs.glossary_error.relative_to(root)))
        self.glossary = GlossarySite(inputs.glossary, root=root)
        activate(self.glossary.glossary)

    @staticmethod
    def _language(config: MkDocsConfig) -> str:
        i18n = config.plugins.get("i18n")
        return getattr(i18n, "current_language", None) or DEFAULT

    def _listing(self, lang: str) -> list[listing.ListingEntry]:
        """The language's listing, made once per build: every page's context carries it,
        and making it per page made a build quadratic in the number of articles."""
        if lang not in self.listings:
            self.listings[lang] = listing.entries(self.articles, lang)
        return self.listings[lang]

    def _versions(self) -> dict[str, dict[str, Article]]:
        """{slug: {lang: article}}, made once per build (looked up on every article page)."""
        if self.by_slug is None:
            self.by_slug = {}
            for article in self.articles:
                self.by_slug.setdefault(article.slug, {})[article.lang] = article
        return self.by_slug

    def _context(self, lang: str, url: str) -> dict:
        return {
            "lang": lang,
            "t": Translator(lang),
            "languages": [
                {"lang": code, "name": NAMES[code], "url": alt, "current": code == lang}
                for code, alt in alternates(url).items()
            ],
            "article": None,
            "listing": self._listing(lang),
            "feed": {"url": feeds.path(lang), "type": feeds.MEDIA_TYPE},
            "tags_url": tags.url(lang),
        }

    def _article_context(self, page: Page, lang: str) -> dict | None:
        if not page.file.src_uri.startswith(f"{ARTICLES_DIR}/"):
            return None
        slug = page.url.rstrip("/").rsplit("/", 1)[-1]
        versions = self._versions().get(slug, {})
        article = versions.get(lang) or versions.get(DEFAULT)
        if article is None:
            return None
        return {
            "meta": article.meta,
            "lang": article.lang,
            "fallback": article.lang != lang,
            "date_text": long_date(article.meta.date, lang),
            "tags": tags.links(article.meta.tags, lang),
        }

    @staticmethod
    def _sharing(page: Page, config: MkDocsConfig, lang: str, article: dict | None) -> str:
        """Open Graph and Twitter tags of a page (see lilith.meta)."""
        url = page.canonical_url or sitemap.absolute(config.site_url or "/", page.url)
        if article is not None:
            a = article["meta"]
            tag_names = [tag["name"] for tag in tags.links(a.tags, article["lang"])]
            found = meta.sharing_tags(
                lang=article["lang"], title=a.title, description=a.description, url=url,
                site_name=config.site_name, published=a.date, tags=tag_names,
            )  # fmt: skip
        else:
            title = config.site_name if page.is_homepage else (page.title or config.site_name)
            description = page.meta.get("description") or config.site_description or ""
            found = meta.sharing_tags(
                lang=lang, title=title, description=description, url=url, site_name=config.site_name
            )
        return meta.render(found)
