"""Generated pages as MkDocs files: each language's tag pages and glossary pages.

The pages' Markdown comes from `lilith.site.tags.page_sources` and
`lilith.glossary.pages.generated_pages`; this module only wraps it in MkDocs `File`s,
added after static-i18n has picked the files of the language being built.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from lilith.content.pages import Article
from lilith.glossary.pages import generated_pages
from lilith.glossary.terms import Glossary
from lilith.site.tags import page_sources


def tag_files(config: MkDocsConfig, articles: list[Article], lang: str) -> list[File]:
    """The tag pages of `lang`, kept out of the nav (and so out of the sidebar)."""
    return [
        File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        for src_uri, markdown in page_sources(articles, lang).items()
    ]


def add_glossary_pages(files: Files, config: MkDocsConfig, glossary: Glossary, lang: str) -> Files:
    """Add `lang`'s glossary pages to the files of a build (after static-i18n's `on_files`)."""
    for page in generated_pages(glossary, lang):
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        file.dest_uri = page.dest_uri
        file.name = page.name
        files.append(file)
    return files
