"""Requests that got no HTTP answer are described in words naming the host, never as errno text:
the checker's details and the archive lookup's errors. Every host is on 127.0.0.1 or a mock."""

from __future__ import annotations

import asyncio
import socket
import time

import httpx
import pytest
from lilith.links.archive import DEFAULT_ENDPOINT, lookup
from lilith.links.client import CheckerConfig, make_client
from lilith.links.network import host_of, unreachable
from werkzeug import Request, Response

from tests.unit.links import fakes as links_fakes
from tests.unit.links.fakes import free_port

# the module's fake site (tests/unit/links/fakes.py)
fake_site_module = links_fakes.fake_site_module
site = links_fakes.site


def wrapped(cause: BaseException) -> httpx.ConnectError:
    """What httpx raises: its own error, from httpcore's, from the socket's."""
    try:
        try:
            raise cause
        except BaseException as exc:
            raise httpx.ConnectError(str(exc)) from exc
    except httpx.ConnectError as exc:
        return exc


@pytest.mark.parametrize(
    ("cause", "said"),
    [
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "unknown host archive.org"),
        (
            socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"),
            "cannot look up archive.org (Temporary failure in name resolution)",
        ),
        (ConnectionRefusedError(111, "Connection refused"), "connection refused by archive.org"),
        (ConnectionResetError(104, "Connection reset by peer"), "connection reset by archive.org"),
        (TimeoutError(), "no answer from archive.org in time"),
    ],
)
def test_socket_errors_become_words_naming_the_host(cause, said):
    assert unreachable(wrapped(cause), "archive.org") == said
    assert "Errno" not in said


def test_other_errors_are_left_to_the_caller():
    assert unreachable(httpx.RemoteProtocolError("illegal header"), "example.org") is None


@pytest.mark.parametrize(
    ("url", "host"),
    [
        (DEFAULT_ENDPOINT, "archive.org"),
        ("http://127.0.0.1:8123/wayback", "127.0.0.1:8123"),
        ("https://[::1]:9/x", "::1:9"),
        ("https://example.org:bad/", "example.org"),
    ],
)
def test_host_of_keeps_a_port_the_url_names(url, host):
    assert host_of(url) == host


def ask(endpoint: str, client: httpx.AsyncClient | None = None, **config) -> str | None:
    async def go() -> str | None:
        async with client or make_client(CheckerConfig(**config)) as c:
            return (await lookup(c, endpoint, "https://example.org/gone", None)).error

    return asyncio.run(go())


def test_an_archive_that_does_not_resolve_is_an_unknown_host():
    def no_such_host(request: httpx.Request) -> httpx.Response:
        raise wrapped(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))

    client = httpx.AsyncClient(transport=httpx.MockTransport(no_such_host))
    assert ask(DEFAULT_ENDPOINT, client) == "archive lookup failed: unknown host archive.org"


def test_an_archive_refusing_connections_is_named():
    port = free_port()
    error = ask(f"http://127.0.0.1:{port}/wayback/available", timeout=3)
    assert error == f"archive lookup failed: connection refused by 127.0.0.1:{port}"


def test_a_slow_archive_is_a_timeout(site):
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response("{}")

    site.expect_request("/slow").respond_with_handler(slow)
    error = ask(site.url_for("/slow"), timeout=0.3)
    assert error == f"archive lookup failed: no answer from 127.0.0.1:{site.port} in time"


def test_an_archive_error_answer_says_its_status(site):
    site.expect_request("/down").respond_with_data("", status=503)
    error = ask(site.url_for("/down"))
    assert error == f"archive lookup failed: 127.0.0.1:{site.port} answered 503 Service Unavailable"


def test_an_archive_answer_that_is_not_json_says_so(site):
    site.expect_request("/html").respond_with_data("<html>", content_type="text/html")
    error = ask(site.url_for("/html"))
    assert error == f"archive lookup failed: 127.0.0.1:{site.port} did not answer in JSON"
