"""Checklists: the `/// checklist` block editors write, and the markup readers tick.

- `syntax`: the block's body (items, `-> target`s, `outcome` lines) read into a `Checklist`;
  `ChecklistError` names file and line;
- `markup`: the accessible HTML that works without JavaScript (`render`);
- `block`: the pymdownx Blocks glue (`ChecklistBlock`) and its safety nets, registered by
  `lilith.blocks`.

Nothing here imports MkDocs. Exports `Checklist`, `ChecklistError`, `parse` and `render`.
"""

from lilith.checklist.markup import render
from lilith.checklist.syntax import Checklist, ChecklistError, parse

__all__ = ["Checklist", "ChecklistError", "parse", "render"]
