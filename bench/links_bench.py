"""Benchmark of the external link checker (issue 8, point 7).

500 unique URLs over 50 loopback hosts (127.0.0.2 … 127.0.0.51, 10 URLs each); every
answer comes after 100 ms; concurrency 32, per host 4. Ideal wall time: 500 × 0.1 s / 32.
Reports our time against that ideal, a second run with a warm cache, and — when
`linkchecker` (PyPI) is installed — linkchecker on the same URLs in the same run.

    python bench/links_bench.py [--json PATH] [--hosts 50] [--per-host-urls 10] [--delay 0.1]

Self-contained: the fake hosts run in a child process (an asyncio HTTP/1.1 server on
every address), so the checker and the server do not share a GIL. Nothing leaves 127/8.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_RATIO = 1.3  # wall time ≤ 1.3 × ideal
WARM_LIMIT = 0.05  # warm-cache run ≤ 5 % of the cold one


def free_port(addresses: list[str]) -> int:
    """A port free on every address (the fake hosts all listen on the same port)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((addresses[0], 0))
            port = probe.getsockname()[1]
        try:
            socks = []
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
    raise RuntimeError("no common free port")


async def _serve(addresses: list[str], port: int, delay: float, ready, counter) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method = head.split(b" ", 1)[0]
                await asyncio.sleep(delay)
                with counter.get_lock():
                    counter.value += 1
                body = b"" if method == b"HEAD" else b"<!doctype html><title>ok</title>ok"
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 34\r\n"
                    # lets linkchecker go faster than 10 requests per second per host (its docs)
                    b"LinkChecker: bench\r\n"
                    b"Connection: keep-alive\r\n\r\n" + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    servers = [await asyncio.start_server(handle, a, port, backlog=512) for a in addresses]
    ready.set()
    await asyncio.gather(*(s.serve_forever() for s in servers))


def _server_main(addresses, port, delay, ready, counter) -> None:
    asyncio.run(_serve(addresses, port, delay, ready, counter))


def run_linkchecker(urls: list[str], threads: int) -> float | None:
    """Wall time of PyPI's linkchecker on the same URLs, or None when it is not installed.

    Given its best settings: `maxrequestspersecond=1000` and the `LinkChecker` response
    header its docs require for more than 10 requests per second to one host (without them
    it sleeps inside a global lock and needs minutes).
    """
    exe = shutil.which("linkchecker") or str(Path(sys.executable).with_name("linkchecker"))
    if not Path(exe).exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # run as root, linkchecker drops privileges to nobody
        page = Path(tmp) / "links.html"
        page.write_text(
            "<!doctype html><title>links</title>\n" + "\n".join(f'<a href="{u}">{u}</a>' for u in urls)
        )
        page.chmod(0o644)
        config = Path(tmp) / "linkcheckerrc"  # its best settings: no per-host rate limit
        config.write_text("[checking]\nmaxrequestspersecond=1000\n")
        config.chmod(0o644)
        started = time.perf_counter()
        subprocess.run(
            [
                exe,
                "--check-extern",
                "--no-robots",
                "--no-status",
                "--no-warnings",
                "-r",
                "1",
                "-t",
                str(threads),
                "-o",
                "none",
                "-f",
                str(config),
                str(page),
            ],
            check=False,
            capture_output=True,
        )
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--per-host-urls", type=int, default=10)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--json", type=Path, help="also write the measurements as JSON")
    parser.add_argument("--no-linkchecker", action="store_true")
    args = parser.parse_args(argv)

    from lilith.links import LinkStatus, check_urls

    addresses = [f"127.0.0.{i}" for i in range(2, 2 + args.hosts)]
    port = free_port(addresses)
    ctx = multiprocessing.get_context("spawn")
    ready, counter = ctx.Event(), ctx.Value("i", 0)
    server = ctx.Process(target=_server_main, args=(addresses, port, args.delay, ready, counter), daemon=True)
    server.start()
    try:
        if not ready.wait(20):
            raise RuntimeError("fake hosts did not start")
        urls = [f"http://{a}:{port}/page/{n}" for a in addresses for n in range(args.per_host_urls)]
        ideal = len(urls) * args.delay / args.concurrency
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "links.json"
            started = time.perf_counter()
            results = check_urls(urls, concurrency=args.concurrency, per_host=args.per_host, cache_path=cache)
            cold = time.perf_counter() - started
            bad = [r for r in results if r.status != LinkStatus.OK]
            started = time.perf_counter()
            warm_results = check_urls(
                urls, concurrency=args.concurrency, per_host=args.per_host, cache_path=cache
            )
            warm = time.perf_counter() - started
        requests = counter.value
        theirs = None if args.no_linkchecker else run_linkchecker(urls, args.concurrency)
        their_requests = counter.value - requests  # proves linkchecker really fetched the URLs
    finally:
        server.terminate()
        server.join(5)

    measured = {
        "urls": len(urls),
        "hosts": args.hosts,
        "ideal_s": round(ideal, 3),
        "lilith_s": round(cold, 3),
        "lilith_ratio": round(cold / ideal, 3),
        "warm_s": round(warm, 4),
        "warm_fraction": round(warm / cold, 4),
        "requests": requests,
        "not_ok": len(bad),
        "warm_from_cache": sum(r.from_cache for r in warm_results),
        "linkchecker_s": None if theirs is None else round(theirs, 3),
        "linkchecker_ratio": None if theirs is None else round(theirs / ideal, 3),
        "linkchecker_requests": None if theirs is None else their_requests,
    }
    ok = measured["lilith_ratio"] <= LIMIT_RATIO and measured["warm_fraction"] <= WARM_LIMIT and not bad
    print(
        f"links: {len(urls)} URLs on {args.hosts} hosts, answers after {args.delay * 1000:.0f} ms, "
        f"concurrency {args.concurrency}, per host {args.per_host}"
    )
    print(f"  ideal           {ideal:6.2f} s")
    ratio = f"{cold / ideal:.2f}× ideal, limit {LIMIT_RATIO}×"
    print(f"  lilith          {cold:6.2f} s  ({ratio}, {requests} requests)")
    print(f"  lilith, cached  {warm:6.3f} s  ({warm / cold:.1%} of the first run, limit {WARM_LIMIT:.0%})")
    if theirs is not None:
        print(f"  linkchecker     {theirs:6.2f} s  ({theirs / ideal:.2f}× ideal, {their_requests} requests)")
    else:
        print("  linkchecker     not installed (pip install linkchecker) — skipped")
    if bad:
        print(f"  {len(bad)} URL(s) not ok, e.g. {bad[0]}")
    if args.json:
        args.json.write_text(json.dumps(measured, indent=2) + "\n")
    print("  PASS" if ok else "  FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
