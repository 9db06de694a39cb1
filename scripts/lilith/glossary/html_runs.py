"""Find the text runs in a page body's HTML, for linking glossary terms.

One compiled pattern scans the HTML (linear, in C): comments, CDATA, declarations, start and
end tags (quoted attribute values may hold `>`), and elements whose content is never linked
(code, pre, kbd, script, style, svg, …) taken whole, so their inner markup costs nothing.
Everything between markup is text. `text_runs` gives each text run's place and the
protection its open elements give it (a heading; a link, a button or `no-glossary`), so the
linker changes text and nothing else: never markup or attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
PLAIN_TAGS = frozenset(["a", "button", "label", "select", "option", "summary"])  # no links inside
VOID_TAGS = frozenset(  # elements without content or end tag
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input"),
        *("link", "meta", "param", "source", "track", "wbr"),
    }
)
OFF_CLASS = "no-glossary"

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


class TextRun(NamedTuple):
    """`html[start:end]` is text; `zone` is what protects it: None, "heading" or "plain"."""

    start: int
    end: int
    zone: str | None


def text_runs(html: str) -> Iterator[TextRun]:
    """The text runs of `html` in order, each with its zone.

    Runs of whitespace alone are left out. An end tag closes the elements opened after its
    start tag too (as browsers do with `<h2>x <a>y</h2>`); one with no open start tag is ignored.
    """
    stack: list[tuple[str, str | None]] = []  # open elements: (name, zone)
    heading = plain = 0  # open elements of each protecting kind
    make = tuple.__new__
    pos = 0
    for match in _TOKEN.finditer(html):
        start = match.start()
        if start > pos and not html[pos:start].isspace():
            yield make(TextRun, (pos, start, "heading" if heading else "plain" if plain else None))
        pos = match.end()
        kind = match.lastgroup
        if kind == "start":
            name = match.group("start_name").lower()
            attrs = match.group("attrs")
            if name in VOID_TAGS or attrs.rstrip().endswith("/"):
                continue
            if name in HEADING_TAGS:
                zone = "heading"
                heading += 1
            elif name in PLAIN_TAGS or (OFF_CLASS in attrs and OFF_CLASS in classes(attrs)):
                zone = "plain"
                plain += 1
            else:
                zone = None
            stack.append((name, zone))
        elif kind == "end":
            name = match.group("end_name").lower()
            if not stack or (stack[-1][0] != name and all(name != opened for opened, _ in stack)):
                continue
            while stack:
                opened, zone = stack.pop()
                if zone == "heading":
                    heading -= 1
                elif zone:
                    plain -= 1
                if opened == name:
                    break
    if pos < len(html) and not html[pos:].isspace():
        yield make(TextRun, (pos, len(html), "heading" if heading else "plain" if plain else None))


def classes(attrs: str) -> list[str]:
    """The class names in a start tag's attributes."""
    found = _CLASS.search(attrs)
    if not found:
        return []
    return next(value for value in found.groups() if value is not None).split()
