"""Human words for a failed request: what went wrong, and with which host.

httpx wraps the socket's error in its own (`ConnectError: [Errno -2] Name or service not
known`); `unreachable` follows the chain of causes to the socket's error and says it the
way a reader would: "unknown host archive.org", "connection refused by 127.0.0.1:8000".
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from http import HTTPStatus
from urllib.parse import urlsplit

import httpx

# getaddrinfo's "there is no such name" answers (the others mean the lookup itself failed).
_NO_SUCH_NAME = frozenset(
    getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)
)


def host_of(url: str) -> str:
    """The host a URL's requests go to, with its port when the URL names one."""
    parts = urlsplit(url)
    host = parts.hostname or url
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port else host


def reason(code: int) -> str:
    """'404 Not Found': the code and its standard phrase (whatever phrase the server sent)."""
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def short(exc: BaseException) -> str:
    """An exception's first line (at most 200 characters), or its type."""
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = exc
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def unreachable(exc: BaseException, host: str) -> str | None:
    """What kept a request from `host` from being answered, if it was the network; else None."""
    for seen in _causes(exc):
        if isinstance(seen, socket.gaierror):
            if seen.errno in _NO_SUCH_NAME:
                return f"unknown host {host}"
            return f"cannot look up {host} ({seen.strerror or short(seen)})"
        if isinstance(seen, ConnectionRefusedError):
            return f"connection refused by {host}"
        if isinstance(seen, ConnectionResetError):
            return f"connection reset by {host}"
        if isinstance(seen, TimeoutError | httpx.TimeoutException):
            return f"no answer from {host} in time"
    return None
