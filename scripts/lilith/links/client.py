"""The HTTP client the checker uses: its settings, user agent and an optional host map.

`CheckerConfig` holds every knob with a CI-friendly default. `make_client` builds one
httpx `AsyncClient` with our user agent, no automatic redirects, no proxies from the
environment, and a connection pool whose network backend can map host names to
addresses (curl's `--resolve`): tests use it to send `bücher.example` or
`www.linkedin.com` to a fake site on 127.0.0.1 while the Host header, TLS SNI and IDNA
handling stay real.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata

import httpcore
import httpx

from lilith.links.urls import idna_host

SITE_URL = "https://lilithai.dev/"


def user_agent(site_url: str = SITE_URL) -> str:
    """`LilithLinkChecker/<version> (+<site url>)`: who we are, and where to complain."""
    try:
        version = metadata.version("lilith")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        version = "0"
    return f"LilithLinkChecker/{version} (+{site_url})"


# Hosts that answer 403 to any client that is not a browser; a 403 from them means
# "could not verify", not "broken". Subdomains match too.
DEFAULT_BOT_WALL_HOSTS = frozenset(
    {
        "linkedin.com",
        "twitter.com",
        "x.com",
        "facebook.com",
        "instagram.com",
        "threads.net",
        "medium.com",
        "quora.com",
        "reddit.com",
        "researchgate.net",
        "sciencedirect.com",
        "tandfonline.com",
        "onlinelibrary.wiley.com",
        "jstor.org",
        "openai.com",
        "chatgpt.com",
        "platform.openai.com",
        "cloudflare.com",
    }
)
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
BOT_WALL_CODE = 999  # LinkedIn's "request denied"


@dataclass(frozen=True)
class CheckerConfig:
    """How the checker behaves; every field has a sensible default for CI."""

    concurrency: int = 32
    per_host: int = 4
    timeout: float = 10.0  # seconds for one request, connection to last byte read
    retries: int = 3  # extra attempts after 5xx, 408, 429 or a reset connection
    backoff: float = 0.5  # first retry delay in seconds; doubles each retry, with jitter
    backoff_max: float = 10.0
    retry_after_cap: float = 30.0  # longest `Retry-After` we wait
    max_redirects: int = 10
    body_limit: int = 16 * 1024  # bytes read from a GET answer before it is cut
    user_agent: str = field(default_factory=user_agent)
    bot_wall_hosts: frozenset[str] = DEFAULT_BOT_WALL_HOSTS
    resolve: Mapping[str, str] = field(default_factory=dict)  # host -> IP address, like curl --resolve
    verify: ssl.SSLContext | str | bool = True

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.per_host < 1:
            raise ValueError("concurrency and per-host limits must be at least 1")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")


# -- transport: an optional host -> address map, the way curl's --resolve works ----------------


class _ResolvingBackend(httpcore.AsyncNetworkBackend):
    """Connects to a mapped address for mapped hosts; the Host header and TLS SNI keep the name."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self._backend = httpcore.AnyIOBackend()
        self._map = {idna_host(host): ip for host, ip in mapping.items()}

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        address = self._map.get(host.lower().rstrip("."), host)
        return await self._backend.connect_tcp(address, port, timeout, local_address, socket_options)

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        return await self._backend.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:  # pragma: no cover
        await self._backend.sleep(seconds)


class _PoolTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool we build (httpx has no network-backend option)."""

    def __init__(self, pool: httpcore.AsyncConnectionPool) -> None:
        self._pool = pool


class HostPools(httpx.AsyncBaseTransport):
    """One small connection pool per host.

    httpcore's pool scans all its connections on every request, so a single pool shared by
    hundreds of hosts spends more time choosing a connection than waiting for answers. Per
    host, a pool holds at most `per_host` idle connections; the checker closes a host's
    pool when it is done with the host, so file descriptors do not pile up.
    """

    def __init__(self, config: CheckerConfig) -> None:
        self._config = config
        self._ssl = httpx.create_ssl_context(verify=config.verify, trust_env=False)
        self._backend = _ResolvingBackend(config.resolve)
        self._pools: dict[str, _PoolTransport] = {}

    def _for(self, host: str) -> _PoolTransport:
        transport = self._pools.get(host)
        if transport is None:
            transport = self._pools[host] = _PoolTransport(
                httpcore.AsyncConnectionPool(
                    ssl_context=self._ssl,
                    max_connections=None,  # the checker's own limits bound the connections
                    max_keepalive_connections=self._config.per_host,
                    keepalive_expiry=5.0,
                    network_backend=self._backend,
                )
            )
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._for(request.url.raw_host.decode("ascii")).handle_async_request(request)

    async def close_host(self, host: str) -> None:
        """Close the idle connections to `host` (ASCII form; the checker has no more URLs for it)."""
        transport = self._pools.pop(host, None)
        if transport is not None:
            await transport.aclose()

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for transport in pools:
            await transport.aclose()


class _Cookies(httpx.Cookies):
    """Cookies as httpx keeps them, without the cost when an answer sets none.

    httpx hands every response to `http.cookiejar` (about a quarter of a HEAD request's
    CPU time); most answers set no cookie. Cookies still matter: some sites redirect
    to themselves once a cookie is set.
    """

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


class _Client(httpx.AsyncClient):
    """httpx's client with `_Cookies`."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.cookies = None  # through our setter

    @property
    def cookies(self) -> httpx.Cookies:
        return self._lilith_cookies

    @cookies.setter
    def cookies(self, cookies) -> None:
        self._lilith_cookies = _Cookies(cookies)


def make_client(config: CheckerConfig, transport: HostPools | None = None) -> httpx.AsyncClient:
    """The checker's client: our user agent, no automatic redirects, no proxies from the environment."""
    return _Client(
        transport=transport or HostPools(config),
        headers={
            "User-Agent": config.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        },
        timeout=httpx.Timeout(config.timeout, pool=None),
        follow_redirects=False,
        trust_env=False,
    )
