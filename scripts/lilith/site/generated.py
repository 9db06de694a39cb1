"""Generated pages as MkDocs files: each language's tag, listing and glossary pages.

The pages' Markdown comes from `lilith.site.tags.page_sources`, `lilith.site.listing_pages`
and `lilith.glossary.pages.generated_pages`; this module only wraps it in MkDocs `File`s,
added after static-i18n has picked the files of the language being built.

Each file out of the nav gets a `GeneratedPage`: most are front matter only (a listing's
pages 2 … n: half the pages of a language at N = 1,000), and MkDocs would build a Markdown
converter for each and read its front matter with PyYAML's pure-Python parser.
"""

from __future__ import annotations

import logging
import re

from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from lilith.content import yaml_text
from lilith.content.pages import Article
from lilith.glossary.pages import GlossarySite, generated_pages
from lilith.glossary.terms import Glossary
from lilith.site import listing_pages
from lilith.site.listing import ListingEntry
from lilith.site.tags import page_sources

# MkDocs' own front matter pattern (mkdocs.utils.meta.YAML_RE).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


class GeneratedPage(Page):
    """A page MkDocs reads and renders as any other, two steps cheaper, same result:

    - its front matter (always ours, always YAML) is read with libyaml's parser;
    - a page whose Markdown is blank after the plugins' `on_page_markdown` is not converted:
      `markdown.Markdown.convert` returns "" for blank text before any extension runs, so
      only the converter's construction (every extension's setup) is saved.
    """

    def read_source(self, config: MkDocsConfig) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            source = self.file.content_string
        match = _FRONT_MATTER.match(source)
        data = yaml_text.load(match.group(1)) if match else None
        if not isinstance(data, dict):
            super().read_source(config)  # what MkDocs makes of anything else
            return
        self.markdown, self.meta = source[match.end() :].lstrip("\n"), data

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None or self.markdown.strip():
            super().render(config, files)
            return
        self.content, self.toc, self._title_from_render = "", get_toc([]), None
        self.present_anchor_ids = set()
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}


def _generated_file(config: MkDocsConfig, src_uri: str, markdown: str) -> File:
    """A generated file out of the nav, with its `GeneratedPage` (MkDocs makes only nav pages)."""
    file = File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
    GeneratedPage(None, file, config)
    return file


def listing_files(
    config: MkDocsConfig, articles: list[Article], listing: list[ListingEntry], lang: str
) -> list[File]:
    """The tag pages, home pages 2 … n and archive of `lang`, out of the nav (and the sidebar)."""
    sources = page_sources(articles, lang) | listing_pages.sources(listing, lang)
    return [_generated_file(config, src_uri, markdown) for src_uri, markdown in sources.items()]


def add_backlink_pages(files: Files, config: MkDocsConfig, glossary: GlossarySite, lang: str) -> None:
    """Glossary entries' backlink pages 2 … n, added from `on_env`.

    How many there are is known only once every article is linked, after MkDocs has read
    (populated) every page; `on_env` comes after that and before MkDocs lists the pages to
    write, so each page added here is read as MkDocs reads any page and then written.
    """
    for src_uri, markdown in listing_pages.backlink_sources(glossary, lang).items():
        file = _generated_file(config, src_uri, markdown)
        files.append(file)
        _populate_page(file.page, config, files)


def add_glossary_pages(files: Files, config: MkDocsConfig, glossary: Glossary, lang: str) -> Files:
    """Add `lang`'s glossary pages to the files of a build (after static-i18n's `on_files`)."""
    for page in generated_pages(glossary, lang):
        file = File.generated(
            config,
            page.src_uri,
            content=page.markdown,
            inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV,
        )
        file.dest_uri = page.dest_uri
        file.name = page.name
        files.append(file)
    return files
