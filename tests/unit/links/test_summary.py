"""The totals of a link check: JSON's `summary` and the human last line say the same counts."""

from __future__ import annotations

from lilith.links.models import LinkResult, LinkStatus
from lilith.links.summary import STATUSES, LinkSummary


def result(status: LinkStatus, cached: bool = False) -> LinkResult:
    return LinkResult(f"https://example.org/{status}", status, from_cache=cached)


def test_every_status_is_counted_once_per_url_and_the_counts_add_up():
    results = [result(s) for s in STATUSES] + [result(LinkStatus.OK, cached=True), result(LinkStatus.BROKEN)]
    summary = LinkSummary.of(results, pages=3)
    assert summary.as_json() == {
        "checked": 11,
        "pages": 3,
        "ok": 2,
        "redirected": 1,
        "broken": 2,
        "timeout": 1,
        "connection_error": 1,
        "tls_error": 1,
        "unverified": 1,
        "invalid": 1,
        "skipped": 1,
        "from_cache": 1,
    }
    assert sum(summary.as_json()[s.value] for s in LinkStatus) == summary.checked
    assert set(STATUSES) == set(LinkStatus)  # a new status cannot go uncounted


def test_the_text_lists_the_same_counts_in_the_same_order():
    summary = LinkSummary.of([result(LinkStatus.TLS_ERROR), result(LinkStatus.OK, cached=True)], pages=1)
    assert summary.text() == (
        "2 external URL(s) checked, cited on 1 page(s): 1 ok, 0 redirected, 0 broken, 0 timeout, "
        "0 connection error, 1 TLS error, 0 unverified, 0 invalid, 0 skipped; 1 served from the cache"
    )


def test_nothing_checked_is_all_zeros():
    assert set(LinkSummary.of([]).as_json().values()) == {0}
