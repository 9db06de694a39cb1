"""Content: the Markdown pages editors write, their front matter, and new articles.

- `pages`: reading a page (`read_text`, `parse_document` → `Document`), the front matter
  models (`ArticleMeta`, `PageMeta`, `Source`), `Article`, file names (`source_name`) and
  loading every article (`load_articles`); every problem is a `ContentError` (file, line);
- `yaml_text`: YAML through libyaml, for every YAML file we read;
- `scaffold`: `python -m lilith new`, an article's three files with valid front matter.

Exports `ContentError`, `Document`, `Article`, `ArticleMeta`, `parse_document`,
`load_articles` and `ARTICLES_DIR`.
"""

from lilith.content.pages import (
    ARTICLES_DIR,
    Article,
    ArticleMeta,
    ContentError,
    Document,
    load_articles,
    parse_document,
)

__all__ = [
    "ARTICLES_DIR",
    "Article",
    "ArticleMeta",
    "ContentError",
    "Document",
    "load_articles",
    "parse_document",
]
