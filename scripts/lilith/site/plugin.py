"""MkDocs plugin: a thin adapter from MkDocs events to the functions in `lilith`.

static-i18n builds the default language first and the others from inside its own
`on_post_build`, so builds nest. We count the nesting: the outermost `on_post_build`
(ours runs last, priority -200) is the end of the whole site, where site-wide files
(per-language sitemaps, feeds and search indexes, the CSP) are written.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lilith.checks import SiteCheck
from lilith.content.pages import ARTICLES_DIR, ContentError
from lilith.glossary.pages import GlossarySite
from lilith.glossary.terms import GLOSSARY_DIR, GlossaryError, activate
from lilith.site import (
    csp,
    feeds,
    generated,
    jinja_cache,
    listing_pages,
    markdown_options,
    not_found,
    outputs,
    page_html,
    site_inputs,
    tags,
)
from lilith.site.config import (
    LilithConfig,
    current_language,
    drop_instant_warning,
    page_language,
    project_root,
)
from lilith.site.context import PageContexts, head_alternates, sharing
from lilith.site.sitemap import absolute
from lilith.text import typography
from lilith.text.languages import DEFAULT, LANGUAGES, prefix
from lilith.text.strings import t
from lilith.text.urls import relative_url
from lilith.translations.completeness import banner

log = get_plugin_logger("lilith")


class LilithPlugin(BasePlugin[LilithConfig]):
    """Dispatches MkDocs events; all logic lives in the `lilith` modules."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # how many (nested) language builds are running
        self.pages = PageContexts()
        self.built_urls: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
        self.content = SiteCheck()  # `python -m lilith check` of the site, for warnings and banners
        self.root_404: str | None = None  # the default language's 404 page
        self.command = "build"  # or "serve" (its live reload needs inline scripts)
        self.feed_info: dict[str, feeds.FeedInfo] = {}
        self.glossary: GlossarySite | None = None  # terms, and which page uses which
        # A worker of `python -m lilith build` builds one language; what needs every language
        # (the root 404 page's other languages, the site-wide CSP) comes after, with the parent
        # (`lilith.site.finish`).
        self.worker = False
        self.finished: dict[str, str] = {}  # src_uri -> body with term links and typography

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Runs once per language build (static-i18n calls MkDocs' build() again)."""
        if not self.config.enabled:
            return None
        drop_instant_warning()
        return config

    def on_build_error(self, error: Exception) -> None:
        self.depth = 0
        self.finished.clear()

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.depth += 1
        if self.depth > 1:
            return
        self.built_urls = {lang: [] for lang in LANGUAGES}
        self.finished.clear()
        # Every problem `python -m lilith check` finds is a warning naming file:line:
        # --strict fails on it, `mkdocs serve` shows it and builds on (broken articles
        # are left out of listings; missing or outdated translations get a banner).
        root = project_root(config)
        inputs = site_inputs.take(root, Path(config.docs_dir))
        self.content = inputs.content
        for problem in self.content.problems:
            log.warning(problem.full_text())
        self.pages = PageContexts(inputs.articles)
        try:
            tags.check_known(inputs.articles, root)  # names for tag pages
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        if inputs.glossary_error is not None:  # a broken term file fails the build (file:line)
            raise PluginError(str(inputs.glossary_error.relative_to(root)))
        self.glossary = GlossarySite(inputs.glossary, root=root)
        activate(self.glossary.glossary)

    @event_priority(-150)  # after static-i18n has sorted the docs into this language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Adds this language's tag, listing and glossary pages; notes its site name for its feed."""
        if not self.config.enabled:
            return files
        lang = current_language(config)
        for file in generated.listing_files(config, self.pages.articles, self.pages.listing(lang), lang):
            files.append(file)
        self.feed_info[lang] = feeds.FeedInfo(
            lang, config.site_name, config.site_description or "", config.site_author or config.site_name
        )
        if self.glossary is None:
            return files
        return generated.add_glossary_pages(files, config, self.glossary.glossary, lang)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return markdown
        markdown_options.set_page(
            config.mdx_configs, lang=page_language(page), src_path=page.file.abs_src_path or "",
            page_url=page.url, root=project_root(config),
        )  # fmt: skip
        if page.file.src_uri.startswith(f"{ARTICLES_DIR}/"):
            page.meta.setdefault("template", "article.html")
        return markdown

    @event_priority(-50)  # after static-i18n's alternates and Material's search index
    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
        if not self.config.enabled:
            return context
        page.content = self.finished.pop(page.file.src_uri, page.content)  # see on_page_content
        lang, site_url = page_language(page), config.site_url or "/"
        # Material prints these as <link rel="alternate" hreflang> in the head. An attribute,
        # like static-i18n sets it: Jinja reads the attribute before the dict item.
        config.extra.alternate = head_alternates(page.url, site_url)
        ours = context["lilith"] = self.pages.base(lang, page.url)
        ours["article"] = article = self.pages.article(page.file.src_uri, page.url, lang)
        ours["sharing"] = sharing(
            lang=lang, url=page.canonical_url or absolute(site_url, page.url), site_name=config.site_name,
            title=config.site_name if page.is_homepage else (page.title or config.site_name),
            description=page.meta.get("description") or config.site_description or "", article=article,
        )  # fmt: skip
        generated = page.file.generated_by is not None  # written in their language: no banner
        ours["banner"] = (
            None if generated else banner(page.file.src_uri, page.url, lang, self.content.outdated)
        )
        ours.update(listing_pages.context(page, lang, self.pages, self.glossary))  # pages 2 … n, related
        return context

    @event_priority(-100)  # after every other plugin's content transform
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Glues one-letter words (lilith.text.typography), then links glossary terms.

        The finished body becomes `page.content` in `on_page_context`, right after Material's
        search plugin has indexed the page there: the index keeps only text, which the term
        links and non-breaking spaces do not change, and parsing their markup made indexing
        a page a fifth slower.
        """
        if not self.config.enabled:
            return html
        lang = page_language(page)
        text_lang = typography.text_language(lang, page.file.src_uri, page.file.generated_by is not None)
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
        """Template filters (`nbsp`), the template cache; glossary entries' pages 2 … n (now countable)."""
        if self.config.enabled:
            typography.register(env)
            jinja_cache.use(env)
            if self.glossary is not None:
                generated.add_backlink_pages(files, config, self.glossary, current_language(config))
        return env

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(project_root(config) / GLOSSARY_DIR))
        return server

    def on_template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        """Static templates (404.html, sitemap.xml) get the same `lilith` context, page-less."""
        if self.config.enabled:
            lang = current_language(config)
            context["lilith"] = self.pages.base(lang, prefix(lang))
            if template_name == not_found.FILE:
                context["lilith"]["not_found"] = not_found.versions(lang)
                # hreflang alternates of a missing page: each language's home (else the last page's)
                config.extra.alternate = head_alternates("", config.site_url or "/")
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        lang = page_language(page)
        self.built_urls[lang].append(page.url)
        base = relative_url(prefix(lang) or ".", page.url).rstrip("/") or "."
        return page_html.finish(output, t(lang, "search.dialog"), base)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if self.config.enabled and template_name == not_found.FILE:
            lang = current_language(config)
            output_content = page_html.finish(output_content, t(lang, "search.dialog"))
            if lang == DEFAULT:
                self.root_404 = output_content
        return output_content

    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site_dir, site_url = Path(config.site_dir), config.site_url or "/"
        not_found.write_language(site_dir, current_language(config))
        self.depth -= 1
        if self.depth:
            return
        # Only the languages built in this process: `python -m lilith build` runs one
        # language per process, and a process must not write another language's files.
        built = {lang for lang, urls in self.built_urls.items() if urls}
        outputs.write_sitemaps(site_dir, self.built_urls, site_url)
        if DEFAULT in built:
            outputs.write_root_files(site_dir, self.root_404)
            if not self.worker:
                not_found.write_root(site_dir)
        outputs.write_feeds(site_dir, self.feed_info, built, self.pages.articles, site_url)
        outputs.write_search_indexes(site_dir, built, shard=not self.worker)
        # KEEP LAST: hashes every inline script of every finished page into one policy.
        if not self.worker:
            csp.write_site(site_dir, dev=self.command == "serve")
