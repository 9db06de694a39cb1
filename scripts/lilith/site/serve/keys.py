"""Digests of what a page's output is made of, cheap enough to take of every page on every save.

A warm worker keys each page by a digest of its inputs (`lilith.site.serve.warm`). Most of
those inputs are our frozen models (listing entries, backlinks, articles), and the same
values come back run after run; `repr` of a dataclass is slow (a tenth of a millisecond
each, tens of thousands a run), so `Digests` digests each frozen value once and remembers it
by value for as long as a run still uses it, and by identity for the objects a run passes
again and again (a tag page's entries are the listing's own).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping


def _frozen(value: object) -> bool:
    params = getattr(type(value), "__dataclass_params__", None)
    return params is not None and params.frozen


class Digests:
    """`digest(*parts)`: a hex digest of the parts, their frozen dataclasses memoized by value.

    Values seen in the last run or this one are remembered; `next_run()` forgets the rest.
    """

    def __init__(self) -> None:
        self._now: dict[object, bytes] = {}
        self._last: dict[object, bytes] = {}
        self._ids: dict[int, tuple[object, bytes]] = {}  # id -> (the object, kept alive; digest)

    def __call__(self, *parts: object) -> str:
        h = hashlib.blake2b(digest_size=16)
        for part in parts:
            h.update(self._bytes(part))
            h.update(b"\0")
        return h.hexdigest()

    def of(self, value: object) -> bytes:
        """The bytes a part is digested as (a frozen dataclass: 16 bytes of digest)."""
        return self._bytes(value)

    def next_run(self) -> None:
        """Start a run: values the last run did not use are forgotten."""
        self._last, self._now = self._now, {}
        self._ids = {}

    def _bytes(self, part: object) -> bytes:
        if isinstance(part, str):
            return b"s" + part.encode("utf-8", "surrogatepass")
        if isinstance(part, bytes):
            return b"b" + part
        if isinstance(part, (list, tuple)):
            return b"[" + b"\x1f".join(map(self._bytes, part)) + b"]"
        if isinstance(part, Mapping):
            return b"{" + b"\x1f".join(self._bytes(k) + b"\x1e" + self._bytes(v) for k, v in part.items()) + b"}"
        if _frozen(part):
            seen = self._ids.get(id(part))
            if seen is not None and seen[0] is part:
                return seen[1]
            found = self._memo(part)
            self._ids[id(part)] = (part, found)
            return found
        return b"r" + repr(part).encode("utf-8", "surrogatepass")

    def _memo(self, value: object) -> bytes:
        try:
            found = self._now.get(value)
        except TypeError:  # a frozen dataclass holding a list or a dict: not hashable
            return self._fields(value)
        if found is None:
            found = self._last.get(value)
            if found is None:
                found = hashlib.blake2b(self._fields(value), digest_size=16).digest()
            self._now[value] = found
        return found

    def _fields(self, value: object) -> bytes:
        name = type(value).__qualname__.encode()
        fields = [getattr(value, f.name) for f in dataclasses.fields(value)]  # type: ignore[arg-type]
        return name + self._bytes(fields)
