"""Pure pieces of the link checker: Retry-After, backoff, Wayback answers, the severity table."""

from __future__ import annotations

import datetime as dt
import email.utils
import random

import pytest
from lilith.links.archive import Archived, parse_answer
from lilith.links.external import backoff_delay, parse_retry_after
from lilith.links.models import Citation, LinkResult, LinkStatus
from lilith.links.report import external_problems, severity
from lilith.report import Severity

NOW = 1_800_000_000.0


def test_retry_after_in_seconds():
    assert parse_retry_after("120", now=NOW) == 120.0
    assert parse_retry_after(" 0 ", now=NOW) == 0.0


def test_retry_after_as_an_http_date():
    header = email.utils.formatdate(NOW + 90, usegmt=True)  # "Fri, 15 Jan 2027 08:01:30 GMT"
    assert parse_retry_after(header, now=NOW) == pytest.approx(90, abs=1)
    past = email.utils.formatdate(NOW - 90, usegmt=True)
    assert parse_retry_after(past, now=NOW) == 0.0


@pytest.mark.parametrize("value", [None, "", "soon", "-5", "1.5e3"])
def test_retry_after_that_cannot_be_read_is_ignored(value):
    assert parse_retry_after(value, now=NOW) is None


def test_backoff_doubles_with_jitter_and_is_capped():
    rng = random.Random(8)
    delays = [backoff_delay(n, base=1.0, cap=8.0, rng=rng) for n in range(1, 7)]
    nominal = [1, 2, 4, 8, 8, 8]
    assert all(0.5 * d <= got < 1.5 * d for got, d in zip(delays, nominal, strict=True))
    assert len({round(d / n, 6) for d, n in zip(delays, nominal, strict=True)}) > 1  # jittered, not lockstep


def test_wayback_answers():
    closest = {
        "available": True,
        "url": "http://web.archive.org/web/2026/https://a.example/",
        "status": "200",
        "timestamp": "20260101000000",
    }
    assert parse_answer({"archived_snapshots": {"closest": closest}}) == Archived(
        "https://web.archive.org/web/2026/https://a.example/", "20260101000000"
    )
    assert parse_answer({"archived_snapshots": {}}) == Archived()
    assert parse_answer({"archived_snapshots": {"closest": {**closest, "status": "404"}}}) == Archived()
    assert parse_answer(["not", "an", "object"]) == Archived()


@pytest.mark.parametrize(
    ("status", "other", "source"),
    [
        (LinkStatus.BROKEN, Severity.ERROR, Severity.ERROR),
        (LinkStatus.INVALID, Severity.ERROR, Severity.ERROR),
        (LinkStatus.TIMEOUT, Severity.WARNING, Severity.ERROR),
        (LinkStatus.CONNECTION_ERROR, Severity.WARNING, Severity.ERROR),
        (LinkStatus.TLS_ERROR, Severity.WARNING, Severity.ERROR),
        (LinkStatus.REDIRECTED, Severity.WARNING, Severity.WARNING),
        (LinkStatus.UNVERIFIED, Severity.NOTICE, Severity.WARNING),
        (LinkStatus.OK, None, None),
        (LinkStatus.SKIPPED, None, None),
    ],
)
def test_severity_table(status, other, source):
    result = LinkResult("https://a.example/", status)
    assert (severity(result, critical=False), severity(result, critical=True)) == (other, source)


def test_one_problem_per_citing_page_and_line():
    url = "https://a.example/gone"
    cites = [
        Citation("docs/radar/x.md", 8, url, critical=True, date=dt.date(2026, 1, 2)),
        Citation("docs/radar/x.cs.md", 8, url, critical=True, date=dt.date(2026, 1, 2)),
        Citation("docs/index.md", 3, url + "#section"),
    ]
    problems = external_problems(
        {url: cites}, {url: LinkResult(url, LinkStatus.TIMEOUT, "no answer within 10 s")}
    )
    assert [(p.path, p.line, p.code, p.severity) for p in problems] == [
        ("docs/radar/x.md", 8, "source-timeout", Severity.ERROR),
        ("docs/radar/x.cs.md", 8, "source-timeout", Severity.ERROR),
        ("docs/index.md", 3, "link-timeout", Severity.WARNING),
    ]
    assert problems[2].message == f"link timed out: {url}#section (no answer within 10 s)"
