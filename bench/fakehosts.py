"""Fake remote sites for the link-checker benchmark, all on this machine's loopback range.

One asyncio HTTP/1.1 server (keep-alive, HEAD and GET) listens on every address
127.0.0.2 … 127.0.0.(1 + hosts), on one port, and answers every request after `delay`
seconds, in a child process of its own (so the checker under test does not share its GIL).
127.0.0.1 additionally serves, without delay, one HTML page linking to every URL (what
`linkchecker`, which checks pages, is pointed at). Nothing leaves 127/8.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

_OK = b"<!doctype html><title>ok</title><p>ok</p>"


@dataclass
class FakeHosts:
    """A running set of fake hosts."""

    urls: list[str]  # the URLs to check: `per_host` on each host
    page_url: str  # http://127.0.0.1:PORT/links.html, linking to every URL
    _counter: object

    @property
    def requests(self) -> int:
        """Requests the delayed hosts answered so far (the links page not counted)."""
        return self._counter.value

    def reset(self) -> None:
        with self._counter.get_lock():
            self._counter.value = 0


def free_port(addresses: list[str]) -> int:
    """A port that is free on every address."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((addresses[0], 0))
            port = probe.getsockname()[1]
        socks = []
        try:
            for address in addresses:
                sock = socket.socket()
                socks.append(sock)
                sock.bind((address, port))
            return port
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise RuntimeError("no port free on every loopback address")


def links_page(urls: list[str]) -> bytes:
    items = "\n".join(f'<li><a href="{u}">{u}</a></li>' for u in urls)
    html = f"<!doctype html><html><head><title>links</title></head><body><ul>\n{items}\n</ul></body></html>"
    return html.encode()


async def _serve(addresses: list[str], port: int, delay: float, page: bytes, ready, counter) -> None:
    def respond(writer: asyncio.StreamWriter, method: bytes, body: bytes, ctype: bytes) -> None:
        # `LinkChecker:` lets linkchecker lift its per-host politeness delay when its
        # `maxrequestspersecond` allows (see bench/run.py); other clients ignore it.
        head = b"HTTP/1.1 200 OK\r\nLinkChecker: allow\r\nContent-Type: " + ctype
        head += b"\r\nContent-Length: %d\r\n\r\n" % len(body)
        writer.write(head + (b"" if method == b"HEAD" else body))

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delayed: bool) -> None:
        try:
            while True:
                request = await reader.readuntil(b"\r\n\r\n")
                method, path = request.split(b" ", 2)[:2]
                if delayed:
                    await asyncio.sleep(delay)
                    with counter.get_lock():
                        counter.value += 1
                    respond(writer, method, _OK, b"text/html")
                elif path.startswith(b"/links.html"):
                    respond(writer, method, page, b"text/html; charset=utf-8")
                else:
                    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    servers = [
        await asyncio.start_server(lambda r, w: handle(r, w, True), address, port, backlog=1024)
        for address in addresses
    ]
    servers.append(await asyncio.start_server(lambda r, w: handle(r, w, False), "127.0.0.1", port))
    ready.set()
    await asyncio.gather(*(server.serve_forever() for server in servers))


def _main(addresses, port, delay, page, ready, counter) -> None:
    asyncio.run(_serve(addresses, port, delay, page, ready, counter))


@contextmanager
def fake_hosts(hosts: int = 50, per_host: int = 10, delay: float = 0.1) -> Iterator[FakeHosts]:
    """Run the fake hosts for the duration of the `with` block."""
    addresses = [f"127.0.0.{i}" for i in range(2, 2 + hosts)]
    port = free_port([*addresses, "127.0.0.1"])
    urls = [f"http://{a}:{port}/page/{n}" for a in addresses for n in range(per_host)]
    ctx = multiprocessing.get_context("spawn")
    ready, counter = ctx.Event(), ctx.Value("i", 0)
    server = ctx.Process(
        target=_main, args=(addresses, port, delay, links_page(urls), ready, counter), daemon=True
    )
    server.start()
    try:
        if not ready.wait(30):
            raise RuntimeError("the fake hosts did not start")
        yield FakeHosts(urls, f"http://127.0.0.1:{port}/links.html", counter)
    finally:
        server.terminate()
        server.join(5)
