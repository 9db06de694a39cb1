"""YAML for every reader here: libyaml's safe loader when PyYAML has it, else PyYAML's own.

Both build plain data only (no arbitrary objects); libyaml's parses several times faster,
which is most of `python -m lilith check` on a big site.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> object:
    """The data of a YAML document."""
    return yaml.load(text, Loader=SafeLoader)


def load_with_nodes(text: str) -> tuple[yaml.Node | None, object]:
    """A document's node tree (with line numbers) and its data, from one parse."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


_REMEMBERED: dict[str, object] = {}


def remembered(text: str, parse: Callable[[], object]) -> object:
    """`parse()`'s data for `text`, parsed once per process (`lilith serve` reads the site on
    every save); a copy each time, as callers may change it. Failures are not remembered."""
    if text not in _REMEMBERED:
        if len(_REMEMBERED) > 50_000:
            _REMEMBERED.clear()
        _REMEMBERED[text] = parse()
    return copy.deepcopy(_REMEMBERED[text])
