"""Turn link results into `lilith.report.Problem`s: one per citing page and line.

Severity depends on the status and on whether the link is an article's source
(critical). The table is documented in the README ("Link checking"):

| status            | other links | source links |
|-------------------|-------------|--------------|
| broken            | error       | error        |
| invalid           | error       | error        |
| tls_error         | warning     | error        |
| connection_error  | warning     | error        |
| timeout           | warning     | error        |
| redirected        | warning     | warning      |
| unverified        | notice      | warning      |
| ok, skipped       | —           | —            |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from lilith.content.pages import ContentError
from lilith.links.archive import Archived
from lilith.links.models import Citation, InternalIssue, LinkResult, LinkStatus
from lilith.report import Problem, Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE
SEVERITY: dict[LinkStatus, tuple[Severity | None, Severity | None]] = {
    LinkStatus.BROKEN: (E, E),
    LinkStatus.INVALID: (E, E),
    LinkStatus.TLS_ERROR: (W, E),
    LinkStatus.CONNECTION_ERROR: (W, E),
    LinkStatus.TIMEOUT: (W, E),
    LinkStatus.REDIRECTED: (W, W),
    LinkStatus.UNVERIFIED: (N, W),
    LinkStatus.OK: (None, None),
    LinkStatus.SKIPPED: (None, None),
}
# Statuses for which a dead source gets an archived copy suggested.
DEAD = frozenset({LinkStatus.BROKEN, LinkStatus.CONNECTION_ERROR, LinkStatus.TLS_ERROR, LinkStatus.TIMEOUT})
_WHAT = {
    LinkStatus.BROKEN: "broken",
    LinkStatus.INVALID: "invalid",
    LinkStatus.TLS_ERROR: "TLS error",
    LinkStatus.CONNECTION_ERROR: "unreachable",
    LinkStatus.TIMEOUT: "timed out",
    LinkStatus.REDIRECTED: "moved",
    LinkStatus.UNVERIFIED: "unverified",
}


def severity(result: LinkResult, critical: bool) -> Severity | None:
    return SEVERITY[result.status][1 if critical else 0]


def archive_wanted(
    grouped: Mapping[str, Sequence[Citation]], results: Mapping[str, LinkResult]
) -> list[tuple[str, dt.date | None]]:
    """(URL as cited, article date) of every dead source link."""
    wanted = []
    for key, citations in grouped.items():
        if results[key].status in DEAD:
            wanted.extend((c.url.split("#", 1)[0], c.date) for c in citations if c.critical)
    return wanted


def _message(citation: Citation, result: LinkResult, archived: Archived | None) -> str:
    label = "source link" if citation.critical else "link"
    if result.status == LinkStatus.REDIRECTED:
        return f"{label} moved — update to {result.final_url}: {citation.url}"
    text = f"{label} {_WHAT[result.status]}: {citation.url} ({result.detail})"
    if archived is not None:
        if archived.snapshot:
            text += f" — archived copy: {archived.snapshot}"
        elif archived.error:
            text += f" — {archived.error}"
        else:
            text += " — no archived copy found"
    return text


def external_problems(
    grouped: Mapping[str, Sequence[Citation]],
    results: Mapping[str, LinkResult],
    archived: Mapping[tuple[str, dt.date | None], Archived] | None = None,
) -> list[Problem]:
    """A problem for every citation of a URL whose result calls for one."""
    archived = archived or {}
    problems = []
    for key, citations in grouped.items():
        result = results[key]
        for citation in citations:
            level = severity(result, citation.critical)
            if level is None:
                continue
            snapshot = None
            if citation.critical and result.status in DEAD:
                snapshot = archived.get((citation.url.split("#", 1)[0], citation.date))
            detail = ""
            if result.final_url and result.status != LinkStatus.REDIRECTED:
                detail = f"ended at {result.final_url}"
            problems.append(
                Problem(
                    citation.path,
                    citation.line,
                    ("source-" if citation.critical else "link-") + result.status.replace("_", "-"),
                    _message(citation, result, snapshot),
                    level,
                    detail,
                )
            )
    return problems


def internal_problems(issues: Iterable[InternalIssue], site_label: str) -> list[Problem]:
    """Broken internal links and anchors, as errors on the built page (`site/cs/…/index.html`)."""
    prefix = site_label.rstrip("/") + "/" if site_label else ""
    return [Problem(prefix + i.page, i.line, i.code, i.message) for i in issues]


def content_problems(errors: Iterable[ContentError]) -> list[Problem]:
    """Content files the collector could not read: errors (the `check` command says more)."""
    return [Problem(str(e.path), e.line, "content-error", e.message) for e in errors]
