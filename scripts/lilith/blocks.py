"""Markdown blocks editors write in articles (pymdownx Blocks API).

`/// verdict` … `///` renders Lilith's verdict as its own labelled section, with the
heading in the page's language. The plugin tells the extension the language through
its `lang` option before each page is rendered.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import ClassVar

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from lilith.checklist import block, syntax
from lilith.text.strings import t


class Verdict(Block):
    """Lilith's verdict: a section with a translated heading and the editor's text."""

    NAME = "verdict"
    ARGUMENT = False
    OPTIONS: ClassVar[dict] = {}

    def on_create(self, parent: etree.Element) -> etree.Element:
        lang = self.config.get("lang", "en")
        section = etree.SubElement(
            parent, "section", {"class": "lilith-verdict", "aria-labelledby": "lilith-verdict"}
        )
        heading = etree.SubElement(section, "h2", {"id": "lilith-verdict"})
        heading.text = t(lang, "verdict.heading")
        return etree.SubElement(section, "div", {"class": "lilith-verdict__body"})


class LilithBlocksExtension(BlocksExtension):
    """Registers Lilith's blocks; `lang` is set per page by the plugin."""

    def __init__(self, *args, **kwargs) -> None:
        self.config = {"lang": ["en", "Language of the page being rendered"], **syntax.config_spec()}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md, block_mgr) -> None:
        block_mgr.register(Verdict, self.getConfigs())
        block.register(md, block_mgr, self.getConfigs())


def makeExtension(*args, **kwargs) -> LilithBlocksExtension:
    """Entry point for Python-Markdown."""
    return LilithBlocksExtension(*args, **kwargs)
