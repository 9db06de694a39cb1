"""The external link checker: async httpx, polite to every host, honest about what it saw.

Each URL is checked once. URLs are grouped by host; each host gets at most `per_host`
workers, and a worker needs one of `concurrency` global slots to send a request. A worker
keeps its slot while it goes on to the next URL of its host (reusing the connection) and
gives it up whenever it waits (backoff, `Retry-After`) or runs out of URLs, so slots are
never held idle and a busy host never starves the others.

A URL gets HEAD first and GET (streamed, cut after `body_limit` bytes) when HEAD is
refused. 5xx, 408, 429 and reset connections are retried with exponential backoff and
jitter; `Retry-After` (seconds or HTTP date, capped) pauses the whole host. Redirects are
followed by hand (at most `max_redirects`, loops detected); a permanent first hop
(301/308) means "moved — update the link".
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import ssl
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from urllib.parse import urljoin

import httpx

from lilith.links.client import CheckerConfig, HostPools, make_client
from lilith.links.models import LinkResult, LinkStatus
from lilith.links.network import host_of, reason, short, unreachable
from lilith.links.urls import classify, host_key, normalise

PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
BOT_WALL_CODE = 999  # LinkedIn's "request denied"


# -- pure helpers ------------------------------------------------------------------------------


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta seconds or HTTP date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def backoff_delay(retry: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: base·2^(retry-1), capped, times a factor in [0.5, 1.5)."""
    rng = rng or random
    return min(cap, base * 2 ** (retry - 1)) * (0.5 + rng.random())


def _host_matches(host: str, hosts: Iterable[str]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


def _is_tls(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return True
        seen = seen.__cause__ or seen.__context__
    text = str(exc)
    return "SSL" in text or "CERTIFICATE" in text.upper() or "TLS" in text


@dataclass(frozen=True)
class _Answer:
    """The end of one redirect chain."""

    code: int
    headers: httpx.Headers
    url: str  # where the chain ended
    moved_to: str | None  # end of the leading run of permanent redirects, if any
    hops: int


class _Failure(Exception):
    """A request that ended without an HTTP answer we can judge."""

    def __init__(self, status: LinkStatus, detail: str, retryable: bool = False) -> None:
        super().__init__(detail)
        self.status, self.detail, self.retryable = status, detail, retryable


class _Host:
    """Per-host state: its queue of URLs, a pause (`Retry-After`) and whether HEAD works."""

    def __init__(self) -> None:
        self.queue: deque[str] = deque()
        self.not_before = 0.0  # monotonic time before which nobody asks this host again
        self.head_refused = False


class _Lease:
    """A worker's hold on one global slot, kept across requests and dropped while waiting."""

    def __init__(self, slots: asyncio.Semaphore) -> None:
        self._slots, self.held = slots, False

    async def take(self) -> None:
        if not self.held:
            await self._slots.acquire()
            self.held = True

    def drop(self) -> None:
        if self.held:
            self._slots.release()
            self.held = False


class Checker:
    """Checks URLs with one shared client; create it inside the running event loop."""

    def __init__(
        self,
        config: CheckerConfig,
        client: httpx.AsyncClient,
        pools: HostPools | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.client = client
        self.pools = pools  # when given, a host's connections are closed once it is done
        self.rng = rng or random.Random()
        self._slots = asyncio.Semaphore(config.concurrency)

    async def run(
        self, urls: Iterable[str], on_result: Callable[[LinkResult], None] | None = None
    ) -> dict[str, LinkResult]:
        """Check each URL (normalised, unique) once; results keyed by URL."""
        results: dict[str, LinkResult] = {}
        hosts: dict[str, _Host] = {}
        for url in urls:
            early = classify(url)
            if early is not None:
                results[url] = replace(early, checked_at=time.time())
                if on_result:
                    on_result(results[url])
            else:
                hosts.setdefault(host_key(url), _Host()).queue.append(url)

        async def worker(host: _Host) -> None:
            lease = _Lease(self._slots)
            try:
                while host.queue:
                    url = host.queue.popleft()
                    started = time.monotonic()
                    result = await self._check(url, host, lease)
                    results[url] = replace(result, elapsed=time.monotonic() - started, checked_at=time.time())
                    if on_result:
                        on_result(results[url])
            finally:
                lease.drop()

        async def host_workers(name: str, host: _Host) -> None:
            await asyncio.gather(*(worker(host) for _ in range(min(self.config.per_host, len(host.queue)))))
            if self.pools is not None:
                await self.pools.close_host(name)

        await asyncio.gather(*(host_workers(name, host) for name, host in hosts.items()))
        return results

    async def _check(self, url: str, host: _Host, lease: _Lease) -> LinkResult:
        cfg = self.config
        method = "GET" if host.head_refused else "HEAD"
        attempts = retries = 0
        tried_get_after_head = False
        while True:
            attempts += 1
            try:
                answer = await self._attempt(host, lease, url, method)
            except _Failure as failure:
                if failure.retryable and retries < cfg.retries:
                    retries += 1
                    await self._sleep(lease, backoff_delay(retries, cfg.backoff, cfg.backoff_max, self.rng))
                    continue
                return LinkResult(url, failure.status, failure.detail, attempts=attempts)
            code = answer.code
            retryable = code in (408, 429) or (code >= 500 and code not in (501, 505))
            if method == "HEAD" and code >= 400 and not retryable:
                # HEAD refused or not understood: ask with GET, and remember for this host.
                method, tried_get_after_head = "GET", True
                if code in (405, 501):
                    host.head_refused = True
                continue
            if retryable and retries < cfg.retries:
                retries += 1
                wait = parse_retry_after(answer.headers.get("retry-after"))
                if wait is not None:  # the server said when: pause the whole host
                    host.not_before = max(host.not_before, time.monotonic() + min(wait, cfg.retry_after_cap))
                else:
                    await self._sleep(lease, backoff_delay(retries, cfg.backoff, cfg.backoff_max, self.rng))
                continue
            if retryable and method == "HEAD" and code != 429 and not tried_get_after_head:
                method, tried_get_after_head = "GET", True  # some servers fail only on HEAD
                continue
            return self._judge(url, answer, attempts)

    async def _sleep(self, lease: _Lease, seconds: float) -> None:
        lease.drop()
        await asyncio.sleep(seconds)

    async def _attempt(self, host: _Host, lease: _Lease, url: str, method: str) -> _Answer:
        while (wait := host.not_before - time.monotonic()) > 0:
            await self._sleep(lease, wait)
        await lease.take()
        return await self._follow(url, method)

    async def _follow(self, url: str, method: str) -> _Answer:
        seen = {normalise(url)}
        current, moved_to, permanent_run = url, None, True
        for hops in range(self.config.max_redirects + 1):
            code, headers = await self._request(method, current)
            location = headers.get("location")
            if code not in REDIRECTS or not location:
                return _Answer(code, headers, current, moved_to, hops)
            target = urljoin(current, location.strip())
            if classify(target) is not None:
                raise _Failure(LinkStatus.BROKEN, f"{reason(code)} to an unusable URL: {location}")
            key = normalise(target)
            if key in seen and "set-cookie" not in headers:
                raise _Failure(LinkStatus.BROKEN, f"redirect loop ({reason(code)} back to {target})")
            seen.add(key)
            permanent_run = permanent_run and code in PERMANENT_REDIRECTS
            if permanent_run:
                moved_to = target
            current = target
        raise _Failure(LinkStatus.BROKEN, f"more than {self.config.max_redirects} redirects")

    async def _request(self, method: str, url: str) -> tuple[int, httpx.Headers]:
        """One request without following redirects; the body is read up to the limit, then cut."""
        try:
            async with asyncio.timeout(self.config.timeout):
                request = self.client.build_request(method, url)
                response = await self.client.send(request, stream=True, follow_redirects=False)
                try:
                    # Read to the end when small (the connection can then be reused), cut when large.
                    received = 0
                    async for chunk in response.aiter_raw():
                        received += len(chunk)
                        if received > self.config.body_limit:
                            break
                finally:
                    await response.aclose()
                return response.status_code, response.headers
        except (TimeoutError, httpx.TimeoutException):
            raise _Failure(LinkStatus.TIMEOUT, f"no answer within {self.config.timeout:g} s") from None
        except httpx.ConnectError as exc:
            if _is_tls(exc):
                raise _Failure(LinkStatus.TLS_ERROR, f"TLS error: {short(exc)}") from None
            raise _Failure(LinkStatus.CONNECTION_ERROR, _connect_detail(exc, url)) from None
        except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
            if _is_tls(exc):
                raise _Failure(LinkStatus.TLS_ERROR, f"TLS error: {short(exc)}") from None
            raise _Failure(
                LinkStatus.CONNECTION_ERROR, f"connection reset: {short(exc)}", retryable=True
            ) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError) as exc:
            raise _Failure(LinkStatus.INVALID, f"malformed URL ({short(exc)})") from None
        except ssl.SSLError as exc:
            raise _Failure(LinkStatus.TLS_ERROR, f"TLS error: {short(exc)}") from None
        except httpx.HTTPError as exc:
            raise _Failure(LinkStatus.CONNECTION_ERROR, short(exc)) from None

    def _judge(self, url: str, answer: _Answer, attempts: int) -> LinkResult:
        code, cfg = answer.code, self.config
        final = answer.url if answer.url != url else None
        via = f" (after redirect to {answer.url})" if final else ""
        if 200 <= code < 300:
            if answer.moved_to is not None:
                return LinkResult(
                    url,
                    LinkStatus.REDIRECTED,
                    f"moved permanently — update to {answer.moved_to}",
                    code,
                    answer.moved_to,
                    attempts,
                )
            return LinkResult(url, LinkStatus.OK, reason(code), code, final, attempts)
        host = host_key(answer.url)
        if code == BOT_WALL_CODE:
            return LinkResult(
                url, LinkStatus.UNVERIFIED, f"999: {host} refuses automated checks", code, final, attempts
            )
        if code == 403 and (
            _host_matches(host, cfg.bot_wall_hosts)
            or _host_matches(host_key(url), cfg.bot_wall_hosts)
            or answer.headers.get("cf-mitigated", "").lower() == "challenge"
        ):
            return LinkResult(
                url,
                LinkStatus.UNVERIFIED,
                f"403 from {host}, which blocks automated checks",
                code,
                final,
                attempts,
            )
        if code == 429:
            return LinkResult(
                url,
                LinkStatus.UNVERIFIED,
                f"429 Too Many Requests after {attempts} attempts: rate limited",
                code,
                final,
                attempts,
            )
        if code == 401:
            return LinkResult(
                url, LinkStatus.UNVERIFIED, "401 Unauthorized: needs a login", code, final, attempts
            )
        if 300 <= code < 400:
            return LinkResult(
                url, LinkStatus.BROKEN, f"{reason(code)} without a Location{via}", code, final, attempts
            )
        return LinkResult(url, LinkStatus.BROKEN, f"{reason(code)}{via}", code, final, attempts)


def _connect_detail(exc: BaseException, url: str) -> str:
    host = host_of(url)
    return unreachable(exc, host) or f"cannot connect to {host}: {short(exc)}"


async def check_all(
    urls: Iterable[str],
    config: CheckerConfig,
    cache=None,
    on_result: Callable[[LinkResult], None] | None = None,
) -> dict[str, LinkResult]:
    """Check every URL once (keys are normalised URLs, in first-seen order); cached successes
    are not fetched, and no client is made when everything is cached."""
    unique = list(dict.fromkeys(normalise(u) for u in urls))
    results: dict[str, LinkResult] = {}
    todo: list[str] = []
    for url in unique:
        hit = cache.get(url) if cache is not None else None
        if hit is not None:
            results[url] = hit
            if on_result:
                on_result(hit)
        else:
            todo.append(url)
    if todo:
        pools = HostPools(config)
        async with make_client(config, pools) as client:
            results.update(await Checker(config, client, pools).run(todo, on_result))
    return {url: results[url] for url in unique}
