"""Tokenize a page body's HTML into text runs and markup, for linking glossary terms.

One compiled pattern scans the HTML (linear, in C): comments, CDATA, declarations, start and
end tags (quoted attribute values may hold `>`), and elements whose content is never linked
(code, pre, kbd, script, style, svg, …) taken whole, so their inner markup costs nothing.
Everything between tokens is text. Markup comes back verbatim; only text runs are offered
for changes, so attributes are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

OPAQUE_TAGS = ("pre", "code", "kbd", "samp", "var", "script", "style", "textarea", "template", "svg", "math")
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_TOKEN = re.compile(
    rf"""<(?:
      (?P<comment>!--.*?(?:-->|\Z))
    | (?P<cdata>!\[CDATA\[.*?(?:\]\]>|\Z))
    | (?P<decl>[!?][^>]*>)
    | (?P<whole>(?P<opaque>{"|".join(OPAQUE_TAGS)})(?=[\s/>]){_ATTRS}(?<!/)>.*?(?:</(?P=opaque)\s*>|\Z))
    | (?P<end>/(?P<end_name>[a-zA-Z][^\s/>]*)[^>]*>)
    | (?P<start>(?P<start_name>[a-zA-Z][^\s/>]*)(?P<attrs>{_ATTRS})>)
    )""",
    re.S | re.X | re.I,
)
_CLASS = re.compile(r"""(?<![\w:-])class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


class Token(NamedTuple):
    """A piece of the HTML: `kind` is text, start, end or other (kept as written)."""

    kind: str
    raw: str
    name: str = ""  # tag name, lowercased
    attrs: str = ""  # a start tag's attributes, as written
    closed: bool = False  # a start tag written `<x … />`


def tokens(html: str) -> Iterator[Token]:
    """The tokens of `html`, in order; joined, their `raw` is `html` again."""
    make = tuple.__new__  # a Token without NamedTuple's Python-level __new__: pages have thousands
    pos = 0
    for match in _TOKEN.finditer(html):
        start = match.start()
        if start > pos:
            yield make(Token, ("text", html[pos:start], "", "", False))
        pos = match.end()
        kind = match.lastgroup
        if kind == "start":
            attrs = match.group("attrs")
            closed = attrs.endswith("/") or attrs.rstrip().endswith("/")
            yield make(Token, ("start", match.group(), match.group("start_name").lower(), attrs, closed))
        elif kind == "end":
            yield make(Token, ("end", match.group(), match.group("end_name").lower(), "", False))
        else:
            yield make(Token, ("other", match.group(), "", "", False))
    if pos < len(html):
        yield Token("text", html[pos:])


def classes(attrs: str) -> list[str]:
    """The class names in a start tag's attributes."""
    found = _CLASS.search(attrs)
    if not found:
        return []
    return next(value for value in found.groups() if value is not None).split()
