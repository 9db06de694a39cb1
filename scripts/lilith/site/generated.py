"""Generated pages as MkDocs files: each language's tag, listing and glossary pages.

The pages' Markdown comes from `lilith.site.tags.page_sources`, `lilith.site.listing_pages`
and `lilith.glossary.pages.generated_pages`; this module only wraps it in MkDocs `File`s,
added after static-i18n has picked the files of the language being built.
"""

from __future__ import annotations

from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from lilith.content.pages import Article
from lilith.glossary.pages import GlossarySite, generated_pages
from lilith.glossary.terms import Glossary
from lilith.site import listing_pages
from lilith.site.listing import ListingEntry
from lilith.site.tags import page_sources


def listing_files(
    config: MkDocsConfig, articles: list[Article], listing: list[ListingEntry], lang: str
) -> list[File]:
    """The tag pages, home pages 2 … n and archive of `lang`, out of the nav (and the sidebar)."""
    sources = page_sources(articles, lang) | listing_pages.sources(listing, lang)
    return [
        File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        for src_uri, markdown in sources.items()
    ]


def add_backlink_pages(files: Files, config: MkDocsConfig, glossary: GlossarySite, lang: str) -> None:
    """Glossary entries' backlink pages 2 … n, added from `on_env`.

    How many there are is known only once every article is linked, after MkDocs has read
    (populated) every page; `on_env` comes after that and before MkDocs lists the pages to
    write, so each page added here is read as MkDocs reads any page and then written.
    """
    for src_uri, markdown in listing_pages.backlink_sources(glossary, lang).items():
        file = File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        _populate_page(Page(None, file, config), config, files)


def add_glossary_pages(files: Files, config: MkDocsConfig, glossary: Glossary, lang: str) -> Files:
    """Add `lang`'s glossary pages to the files of a build (after static-i18n's `on_files`)."""
    for page in generated_pages(glossary, lang):
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        file.dest_uri = page.dest_uri
        file.name = page.name
        files.append(file)
    return files
