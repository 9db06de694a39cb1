"""The totals of a link check: JSON's `summary` object and the human output's last line.

Counts are of the external URLs the run checked, each once however many pages cite it
(as lychee counts): every status, which add up to `checked`, and how many of them came
from the cache. Both formats are made from the same `LinkSummary`, so they always agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from lilith.links.models import LinkResult, LinkStatus

# The order both formats list the statuses in.
STATUSES = (
    LinkStatus.OK,
    LinkStatus.REDIRECTED,
    LinkStatus.BROKEN,
    LinkStatus.TIMEOUT,
    LinkStatus.CONNECTION_ERROR,
    LinkStatus.TLS_ERROR,
    LinkStatus.UNVERIFIED,
    LinkStatus.INVALID,
    LinkStatus.SKIPPED,
)
_LABEL = {LinkStatus.CONNECTION_ERROR: "connection error", LinkStatus.TLS_ERROR: "TLS error"}


@dataclass(frozen=True)
class LinkSummary:
    """How many external URLs were checked, with each status, and from the cache."""

    checked: int = 0
    pages: int = 0  # content files citing them
    statuses: dict[LinkStatus, int] = field(default_factory=dict)
    from_cache: int = 0

    @classmethod
    def of(cls, results: Iterable[LinkResult], pages: int = 0) -> LinkSummary:
        results = list(results)
        counts = Counter(result.status for result in results)
        return cls(
            checked=len(results),
            pages=pages,
            statuses={status: counts[status] for status in STATUSES},
            from_cache=sum(result.from_cache for result in results),
        )

    def count(self, status: LinkStatus) -> int:
        return self.statuses.get(status, 0)

    def as_json(self) -> dict[str, int]:
        """`{"checked": 12, "pages": 4, "ok": 9, "redirected": 1, …, "from_cache": 5}`."""
        counts = {status.value: self.count(status) for status in STATUSES}
        return {"checked": self.checked, "pages": self.pages, **counts, "from_cache": self.from_cache}

    def text(self) -> str:
        """'12 external URL(s) checked, cited on 4 page(s): 9 ok, 1 redirected, … ; 5 from the cache'."""
        counts = ", ".join(f"{self.count(status)} {_LABEL.get(status, status.value)}" for status in STATUSES)
        return (
            f"{self.checked} external URL(s) checked, cited on {self.pages} page(s): {counts}; "
            f"{self.from_cache} served from the cache"
        )
