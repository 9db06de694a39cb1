"""YAML for every reader here: libyaml's safe loader when PyYAML has it, else PyYAML's own.

Both build plain data only (no arbitrary objects); libyaml's parses several times faster,
which is most of `python -m lilith check` on a big site.
"""

from __future__ import annotations

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
