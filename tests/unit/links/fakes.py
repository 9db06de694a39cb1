"""Fake remote sites for the link checker's tests: everything listens on 127/8.

- `fake_site(address)`: a threaded pytest-httpserver (werkzeug) on one loopback address,
  with `Counter` to measure requests in flight;
- `RawSite`: a socket server for what HTTP servers will not do on purpose (reset a
  connection before answering);
- `self_signed(tmp)`: a certificate no CA signed, made with the openssl command line.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


@contextlib.contextmanager
def fake_site(address: str = "127.0.0.1", ssl_context=None) -> Iterator[HTTPServer]:
    """A started, threaded fake site; its log lists every (request, response)."""
    server = HTTPServer(host=address, port=0, threaded=True, ssl_context=ssl_context)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


@pytest.fixture(scope="module")
def fake_site_module() -> Iterator[HTTPServer]:
    """One fake site per test module (starting a server per test is slow)."""
    with fake_site() as server:
        yield server


@pytest.fixture
def site(fake_site_module: HTTPServer) -> Iterator[HTTPServer]:
    """The module's fake site, with no routes and an empty log."""
    fake_site_module.clear()
    yield fake_site_module
    fake_site_module.clear()


def requests_to(server: HTTPServer, path: str) -> list[Request]:
    """Requests the fake site received for `path`, in order."""
    return [request for request, _ in server.log if request.path == path]


class Counter:
    """Counts requests in flight (now and at most), overall or per Host header."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self.total_now = self.total_peak = 0

    @contextlib.contextmanager
    def inflight(self, host: str) -> Iterator[None]:
        with self.lock:
            self.now[host] = self.now.get(host, 0) + 1
            self.peak[host] = max(self.peak.get(host, 0), self.now[host])
            self.total_now += 1
            self.total_peak = max(self.total_peak, self.total_now)
        try:
            yield
        finally:
            with self.lock:
                self.now[host] -= 1
                self.total_now -= 1

    def slow_ok(self, seconds: float):
        """A handler answering 200 after `seconds`, counted while it waits."""

        def handler(request: Request) -> Response:
            with self.inflight(request.host.rsplit(":", 1)[0]):
                time.sleep(seconds)
            return Response("ok", content_type="text/html")

        return handler


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


class RawSite:
    """A TCP server that resets the first `resets` connections, then answers 200 OK."""

    def __init__(self, resets: int) -> None:
        self.resets = resets
        self.connections = 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                self.connections += 1
                conn.recv(65536)
                if self.connections <= self.resets:
                    # SO_LINGER 0: close with RST, the way an overloaded proxy drops a connection.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    continue
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")

    def close(self) -> None:
        self.sock.close()


def self_signed(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """(certificate, key) for `host`, signed by nobody; skips the test without openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={host}",
            "-addext",
            f"subjectAltName=IP:{host}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
