"""What the plugin tells our Markdown extension (`lilith.blocks`) before each page.

The extension knows nothing of MkDocs: the page's language, its Markdown file (for
`file:line` errors), its URL (for relative glossary links), the glossary folder, and the
error class to raise, which under MkDocs is also a `PluginError` so that a broken
checklist stops the build with one line instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from lilith.checklist.syntax import ChecklistError
from lilith.glossary.terms import GLOSSARY_DIR

BLOCKS_EXTENSION = "lilith.blocks"


class ChecklistBuildError(ChecklistError, PluginError):
    """A broken checklist as MkDocs reports it: `path:line: checklist: message`, no traceback."""


def set_page(mdx_configs: dict, *, lang: str, src_path: str, page_url: str, root: Path) -> None:
    """Set the extension's options for the page about to be rendered."""
    mdx_configs.setdefault(BLOCKS_EXTENSION, {}).update(
        lang=lang,
        src_path=src_path,
        page_url=page_url,
        glossary_dir=str(root / GLOSSARY_DIR),
        error=ChecklistBuildError,
    )
