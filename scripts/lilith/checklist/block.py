"""The `/// checklist` block for Python-Markdown (pymdownx Blocks API) and its safety nets.

`ChecklistBlock` reads the block's title and `id:` option, hands the body to
`lilith.checklist.syntax.parse` and the result to `lilith.checklist.markup.render`.
pymdownx leaves a block it cannot read as plain text, so `LeftoverCheck` fails on any
`/// checklist` left in the page; `SourceKeeper` keeps the Markdown to count lines in errors.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any, ClassVar, NoReturn

from markdown import Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks.block import Block, type_string

from lilith.checklist.markup import render, term_exists
from lilith.checklist.syntax import (
    BLOCK_ID,
    BLOCK_START,
    GLOSSARY_DIR,
    GLOSSARY_TARGET,
    NAME,
    BodyError,
    default_id,
    fail,
    parse,
    unknown_term,
)


class ChecklistBlock(Block):
    """`/// checklist | Title` with an optional `id:` option; the body is our own small syntax."""

    NAME = NAME
    ARGUMENT = True
    OPTIONS: ClassVar[dict] = {"id": ("", type_string)}

    def on_markdown(self) -> str:
        return "raw"  # we parse the body ourselves; inline Markdown is rendered later

    def fail(self, message: str, text: str = "", nth: int = 0) -> NoReturn:
        """Raise a ChecklistError naming the Markdown file and the line of the block (or item)."""
        title = self.argument or ""
        occurrence = self.tracker.get("seen", {}).get(title, 1) - 1
        fail(self.config, self.md, title, occurrence, message, text, nth)

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        """Like pymdownx, but a missing title or an unknown option is an error, not plain text."""
        self.argument = arg
        seen = self.tracker.setdefault("seen", {})
        seen[arg or ""] = seen.get(arg or "", 0) + 1
        if not (arg or "").strip():
            self.fail("give the checklist a title: '/// checklist | Your title'")
        unknown = sorted(set(options) - set(self.option_spec))
        if unknown:
            self.fail(f"unknown option(s) {', '.join(unknown)}; the only option is 'id'")
        if not super()._validate(parent, arg, **options):
            self.fail("the options under the first line are not valid ('id: lowercase-words')")
        block_id = str(self.options.get("id") or default_id(arg))
        if not BLOCK_ID.match(block_id):
            self.fail(f"id '{block_id}' must be lowercase letters, digits and hyphens")
        ids = self.tracker.setdefault("ids", set())
        if block_id in ids:
            self.fail(f"two checklists on this page have the id '{block_id}'; give each its own 'id:'")
        ids.add(block_id)
        self.options["id"] = block_id
        return True

    def on_create(self, parent: etree.Element) -> etree.Element:
        # Items link their glossary terms explicitly; no automatic term links inside (glossary_match).
        return etree.SubElement(parent, "div", {"class": "lilith-checklist no-glossary"})

    def on_end(self, block: etree.Element) -> None:
        body, block.text = block.text or "", None
        try:
            checklist = parse(self.argument.strip(), self.options["id"], str(body))
        except BodyError as exc:
            self.fail(str(exc), exc.text, exc.nth)
        glossary_dir = self.config.get("glossary_dir") or str(GLOSSARY_DIR)
        for item in checklist.items:
            term = GLOSSARY_TARGET.match(item.target)
            if term and not term_exists(term.group(1), glossary_dir):
                self.fail(unknown_term(term.group(1), glossary_dir), item.line)
        render(
            block, checklist, self.config.get("lang") or "en", self.config.get("page_url") or "", glossary_dir
        )


class SourceKeeper(Preprocessor):
    """Keeps the Markdown as given, before other preprocessors, to count lines in errors."""

    def run(self, lines: list[str]) -> list[str]:
        self.md.lilith_source = "\n".join(lines)  # type: ignore[attr-defined]
        return lines


class LeftoverCheck(Treeprocessor):
    """Fails when a `/// checklist` block was not recognised and would show as plain text."""

    def __init__(self, md: Markdown, config: dict[str, Any]) -> None:
        super().__init__(md)
        self.config = config

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if el.tag in {"pre", "code"} or not isinstance(el.text, str):
                continue
            match = BLOCK_START.match(el.text.split("\n", 1)[0])
            if match:
                fail(
                    self.config,
                    self.md,
                    match.group(1) or "",
                    0,
                    "this block was not read as a checklist: check that it has a '| title', "
                    "that option lines are indented by 4 spaces ('    id: my-list') and valid YAML, "
                    "and that it ends with '///'",
                )


def register(md: Markdown, block_mgr: Any, config: dict[str, Any]) -> None:
    """Register the block and its safety nets on a Markdown instance (called by blocks.py)."""
    block_mgr.register(ChecklistBlock, config)
    md.preprocessors.register(SourceKeeper(md), "lilith_checklist_source", 200)
    md.treeprocessors.register(LeftoverCheck(md, config), "lilith_checklist_leftover", 25)
