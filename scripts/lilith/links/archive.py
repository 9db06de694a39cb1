"""Archived copies of dead sources, from the Wayback Machine's availability API.

For a broken source link we ask `<endpoint>?url=<url>&timestamp=<YYYYMMDD>` (the citing
article's date) for the closest snapshot. The endpoint is configurable (`--archive-endpoint`
or `LILITH_ARCHIVE_ENDPOINT`) so tests answer from a local fake.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx

from lilith.links.client import CheckerConfig, make_client
from lilith.links.network import host_of, reason, short, unreachable

DEFAULT_ENDPOINT = "https://archive.org/wayback/available"
ENV_ENDPOINT = "LILITH_ARCHIVE_ENDPOINT"


def endpoint_from_env(default: str = DEFAULT_ENDPOINT) -> str:
    return os.environ.get(ENV_ENDPOINT) or default


@dataclass(frozen=True)
class Archived:
    """The answer for one (URL, date): a snapshot URL, or none, or why we could not ask."""

    snapshot: str | None = None
    timestamp: str | None = None  # YYYYMMDDhhmmss of the snapshot
    error: str | None = None


def _https(url: str) -> str:
    """Wayback answers with http:// snapshot URLs; readers should get https://."""
    parts = urlsplit(url)
    if parts.scheme == "http" and parts.hostname and parts.hostname.endswith("archive.org"):
        return urlunsplit(parts._replace(scheme="https"))
    return url


def parse_answer(data: object) -> Archived:
    """The closest usable snapshot in an availability API answer."""
    closest = {}
    if isinstance(data, dict):
        closest = (data.get("archived_snapshots") or {}).get("closest") or {}
    if not isinstance(closest, dict) or not closest.get("available") or not closest.get("url"):
        return Archived()
    status = str(closest.get("status", "200"))
    if not status.startswith(("2", "3")):
        return Archived()
    return Archived(_https(str(closest["url"])), str(closest.get("timestamp") or "") or None)


async def lookup(client: httpx.AsyncClient, endpoint: str, url: str, date: dt.date | None) -> Archived:
    """Ask the endpoint for the snapshot of `url` closest to `date`."""
    params = {"url": url}
    if date is not None:
        params["timestamp"] = date.strftime("%Y%m%d")
    host = host_of(endpoint)
    try:
        response = await client.get(endpoint, params=params, follow_redirects=True)
    except httpx.HTTPError as exc:
        return Archived(error=f"archive lookup failed: {unreachable(exc, host) or f'{host}: {short(exc)}'}")
    if response.is_error:
        return Archived(error=f"archive lookup failed: {host} answered {reason(response.status_code)}")
    try:
        return parse_answer(response.json())
    except ValueError:
        return Archived(error=f"archive lookup failed: {host} did not answer in JSON")


async def lookup_all(
    wanted: Iterable[tuple[str, dt.date | None]], endpoint: str, config: CheckerConfig
) -> dict[tuple[str, dt.date | None], Archived]:
    """Snapshots for every (URL, date) pair, a few requests at a time."""
    pairs = list(dict.fromkeys(wanted))
    if not pairs:
        return {}
    slots = asyncio.Semaphore(4)
    async with make_client(config) as client:

        async def one(pair: tuple[str, dt.date | None]) -> Archived:
            async with slots:
                return await lookup(client, endpoint, *pair)

        answers = await asyncio.gather(*(one(p) for p in pairs))
    return dict(zip(pairs, answers, strict=True))
