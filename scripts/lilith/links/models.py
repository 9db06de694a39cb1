"""The link checker's records: what a link is, where it is cited, and what checking it found.

Plain immutable data shared by the collector (`collect`, `internal`), the checker
(`external`), the cache and the reporter; no I/O here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum


class LinkStatus(StrEnum):
    """What checking one URL found."""

    OK = "ok"
    REDIRECTED = "redirected"  # permanently moved (301/308): update the link
    BROKEN = "broken"  # 4xx/5xx after retries, redirect loops, too many redirects
    TIMEOUT = "timeout"
    UNVERIFIED = "unverified"  # a bot wall (403 from a known host, 999) or rate limit that never cleared
    TLS_ERROR = "tls_error"
    CONNECTION_ERROR = "connection_error"  # refused, reset, unknown host
    INVALID = "invalid"  # malformed URL or a forbidden scheme (javascript:, data:): a content error
    SKIPPED = "skipped"  # mailto:, tel: and other schemes we do not check

    @property
    def reachable(self) -> bool:
        """The reader gets to a page (possibly after redirects)."""
        return self in {LinkStatus.OK, LinkStatus.REDIRECTED}


@dataclass(frozen=True, order=True)
class Citation:
    """One place in the content that cites a URL."""

    path: str  # relative to the repository root, e.g. "docs/radar/x.cs.md"
    line: int
    url: str  # exactly as written (fragment included)
    critical: bool = False  # an article's `source.url`
    date: dt.date | None = None  # the citing article's date (for archived copies)


@dataclass(frozen=True)
class LinkResult:
    """The outcome of checking one (normalised) URL."""

    url: str
    status: LinkStatus
    detail: str = ""  # human reason, e.g. "404 Not Found" or "redirect loop"
    code: int | None = None  # last HTTP status seen, if any
    final_url: str | None = None  # where redirects ended (for REDIRECTED: the URL to update to)
    attempts: int = 0  # requests sent, retries included (0 for cached, invalid, skipped)
    elapsed: float = 0.0  # seconds spent on this URL
    checked_at: float = 0.0  # epoch seconds of the check
    from_cache: bool = False

    def cached(self) -> LinkResult:
        """The same result, served from the cache."""
        return replace(self, from_cache=True, attempts=0, elapsed=0.0)


@dataclass(frozen=True)
class InternalIssue:
    """A broken link or anchor inside the built site."""

    page: str  # HTML file relative to the site directory, e.g. "cs/radar/x/index.html"
    line: int
    href: str
    code: str  # "internal-link" or "internal-anchor"
    message: str
