"""`python -m lilith links`, as a library function: collect, check, look up archives, report.

The command line (`lilith.cli`) only parses options into `LinkOptions`, shows progress and
renders the `Problem`s this returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lilith.links import report
from lilith.links.aio import run_sync
from lilith.links.archive import DEFAULT_ENDPOINT, lookup_all
from lilith.links.cache import DEFAULT_MAX_AGE, DEFAULT_PATH, LinkCache
from lilith.links.client import CheckerConfig, user_agent
from lilith.links.collect import by_url, collect
from lilith.links.external import check_all
from lilith.links.internal import check_site
from lilith.links.models import LinkResult
from lilith.links.summary import LinkSummary
from lilith.report import Problem, Severity


class LinksUsageError(Exception):
    """The command cannot run as asked (exit code 2)."""


@dataclass(frozen=True)
class LinkOptions:
    """What `python -m lilith links` does; defaults are the documented ones."""

    internal: bool = True
    external: bool = True
    site_dir: Path | None = None  # default: <root>/site
    cache_path: Path | None = DEFAULT_PATH  # relative to the root; None: no cache
    max_age: float = DEFAULT_MAX_AGE
    archive: bool = True
    archive_endpoint: str = DEFAULT_ENDPOINT
    checker: CheckerConfig = field(default_factory=CheckerConfig)


@dataclass
class LinksOutcome:
    """Everything one run found."""

    problems: list[Problem]
    results: dict[str, LinkResult] = field(default_factory=dict)
    pages: int = 0  # content files citing external URLs

    @property
    def summary(self) -> LinkSummary:
        """The totals: JSON's `summary`, the human output's last line."""
        return LinkSummary.of(self.results.values(), self.pages)


def site_url_from_config(root: Path, default: str = "https://lilithai.dev/") -> str:
    """`site_url` from mkdocs.yml (its `!ENV [VAR, default]` default), for our user agent."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return default
    match = re.search(r"^site_url:\s*(.+)$", text, re.MULTILINE)
    if not match:
        return default
    value = match.group(1).strip()
    urls = re.findall(r"""["']?(https?://[^"'\],\s]+)""", value)
    return urls[-1] if urls else default


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def run_links(
    root: Path,
    options: LinkOptions,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[LinkResult], None] | None = None,
) -> LinksOutcome:
    """Run the internal and/or external checks under `root`; raises `LinksUsageError`."""
    problems: list[Problem] = []
    outcome = LinksOutcome(problems)
    if options.internal:
        site_dir = options.site_dir or root / "site"
        if not (site_dir / "index.html").is_file():
            raise LinksUsageError(
                f"no built site in {site_dir}: run 'make build' first, or pass --site-dir, or --no-internal"
            )
        problems += report.internal_problems(check_site(site_dir), _relative(site_dir, root))
    if not options.external:
        return outcome

    citations, errors = collect(root)
    problems += report.content_problems(errors)
    grouped = by_url(citations)
    outcome.pages = len({c.path for c in citations})
    cache = None
    if options.cache_path is not None:
        cache_path = options.cache_path if options.cache_path.is_absolute() else root / options.cache_path
        cache = LinkCache(cache_path, max_age=options.max_age)
        problems += [
            Problem(_relative(cache_path, root), 1, "links-cache", w, Severity.WARNING)
            for w in cache.warnings
        ]
    if on_start:
        on_start(len(grouped))
    results = run_sync(check_all(grouped, options.checker, cache=cache, on_result=on_result))
    outcome.results = results
    if cache is not None:
        cache.record(results.values())
        try:
            cache.save()
        except OSError as exc:
            problems.append(
                Problem(
                    _relative(cache.path, root),
                    1,
                    "links-cache",
                    f"cannot write the link cache: {exc.strerror}",
                    Severity.WARNING,
                )
            )
    archived = {}
    wanted = report.archive_wanted(grouped, results)
    if options.archive and wanted:
        archived = run_sync(lookup_all(wanted, options.archive_endpoint, options.checker))
    problems += report.external_problems(grouped, results, archived)
    return outcome


def default_checker(root: Path, **fields) -> CheckerConfig:
    """A `CheckerConfig` whose user agent names the site in `root`'s mkdocs.yml."""
    return CheckerConfig(user_agent=user_agent(site_url_from_config(root)), **fields)
