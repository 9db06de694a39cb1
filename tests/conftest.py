"""Shared fixtures: one strict build of the real site, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Fast tests first, browser tests last (their session browser keeps an event loop running)."""
    items.sort(key=lambda item: "tests/browser/" in item.path.as_posix())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mkdocs_build(site_dir: Path, site_url: str, config: Path = ROOT / "mkdocs.yml") -> None:
    """Run `mkdocs build --strict` as a developer would, failing the test with its log."""
    env = {**os.environ, "LILITH_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: a missing path gets status 404 and the root 404.html."""

    def log_message(self, format: str, *args) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)  # "Not Found", as GitHub Pages says it
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site_url(site_port: int) -> str:
    return f"http://127.0.0.1:{site_port}/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Path:
    """The real site, built once per test session with --strict.

    `site_url` matches the test server, as on the real host: Material's instant
    navigation only follows links whose host and port match the sitemap's.
    """
    site_dir = tmp_path_factory.mktemp("site")
    mkdocs_build(site_dir, site_url)
    return site_dir


@pytest.fixture(scope="session")
def served_site(built_site: Path, site_port: int) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1, like a static host."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site_port}/"
    server.shutdown()
    server.server_close()
