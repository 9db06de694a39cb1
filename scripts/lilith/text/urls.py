"""Site-relative URLs: how a page links another (MkDocs' rule, without MkDocs)."""

from __future__ import annotations

import functools
import posixpath


@functools.cache
def _parts(path: str) -> tuple[str, ...]:
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return tuple(path.split("/")) if path else ()


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other`, as `mkdocs.utils.get_relative_url` writes it.

    Both are slash-separated site paths; the last part of `other` is a file when it has a dot;
    `..` above the root stays at the root. A trailing slash on `url` is kept.
    """
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join(("..",) * (len(here) - common) + there[common:]) or "."
    return rel + "/" if url.endswith("/") else rel
