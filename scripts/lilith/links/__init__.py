"""The link checker: internal links and anchors in the built site, external URLs in the content.

Collector ≠ checker ≠ reporter:

- `collect` finds external URLs in the content (page and line; each article's `source.url`
  is critical); `internal` checks links and anchors across the built site's HTML;
- `urls` says what a URL is before any request (checkable, skipped, invalid; its key);
- `external` checks URLs over HTTP (async httpx, client set up in `client`), `cache`
  remembers successes, `archive` asks the Wayback Machine for copies of dead sources;
  `network` puts failed requests into words naming the host ("unknown host archive.org");
- `report` turns results into `lilith.report.Problem`s, `summary` counts them (JSON's
  `summary`, the human last line); `run` ties everything together for
  `python -m lilith links`, `command` adds the progress bar;
- `models` holds the records (`LinkResult`, `LinkStatus`, `Citation`, `InternalIssue`),
  `aio` runs a coroutine from sync code, even inside a running event loop.

Exports `check_urls`, the plain synchronous entry point (used by the benchmark), and the
records from `models`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from lilith.links.aio import run_sync
from lilith.links.cache import DEFAULT_MAX_AGE, LinkCache
from lilith.links.client import CheckerConfig
from lilith.links.external import check_all
from lilith.links.models import Citation, InternalIssue, LinkResult, LinkStatus


def check_urls(
    urls: Iterable[str],
    *,
    concurrency: int = 32,
    per_host: int = 4,
    cache_path: Path | None = None,
    max_age: float = DEFAULT_MAX_AGE,
    on_result: Callable[[LinkResult], None] | None = None,
    **options,
) -> list[LinkResult]:
    """Check `urls` (each once, fragments ignored) and return one result per unique URL, in order.

    `options` are further `CheckerConfig` fields (timeout, retries, resolve, …). With
    `cache_path`, fresh successes are read from and written to that cache file.
    """
    config = CheckerConfig(concurrency=concurrency, per_host=per_host, **options)
    cache = LinkCache(cache_path, max_age=max_age) if cache_path is not None else None
    results = run_sync(check_all(urls, config, cache=cache, on_result=on_result))
    if cache is not None:
        cache.record(results.values())
        cache.save()
    return list(results.values())


__all__ = ["CheckerConfig", "Citation", "InternalIssue", "LinkResult", "LinkStatus", "check_urls"]
