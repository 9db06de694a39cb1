"""A parallel build's workers finish their own pages: each page stamped by exactly one worker,
and a worker that dies before it is ready stops the others from stamping."""

from __future__ import annotations

import os
from pathlib import Path

from lilith.site.finish import Channel, own_pages
from lilith.site.merge import merge


def write(path: Path, text: str = "<html></html>") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_the_workers_own_pages_are_exactly_the_merged_sites_pages(tmp_path):
    parts = {lang: tmp_path / lang for lang in ("en", "cs", "pl")}
    for lang, part in parts.items():  # every build writes its own pages and stray copies
        write(part / "404.html")
        write(part / "index.html")
        write(part / lang / "radar/a/index.html")
    write(parts["en"] / "cs/stale/index.html")  # the default build's copy of a Czech page
    owned = {lang: own_pages(part, lang, "en", list(parts)) for lang, part in parts.items()}
    names = sorted(p.relative_to(parts[lang]).as_posix() for lang, pages in owned.items() for p in pages)
    site = tmp_path / "site"
    merge(parts, site, "en")
    assert names == sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(names) == len(set(names)), "no page is stamped twice"


def test_a_worker_that_dies_before_it_is_ready_is_seen_and_the_others_are_told_to_stop():
    dying, healthy = Channel("en", ["en"]), Channel("en", ["en"])
    pid = os.fork()
    if pid == 0:  # the dying worker: gone before `ready`
        dying.as_worker()
        os._exit(1)
    dying.as_parent()
    os.waitpid(pid, 0)
    assert dying.wait_ready() is None
    pid = os.fork()
    if pid == 0:  # the healthy worker: ready, then waits for the word
        healthy.as_worker()
        healthy.ready(["'sha256-x'"])
        os._exit(0 if healthy.wait_go() is None else 3)
    healthy.as_parent()
    assert healthy.wait_ready() == ["'sha256-x'"]
    healthy.go(None)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0, "the worker must not stamp"


def test_the_policy_reaches_the_worker_whole():
    channel = Channel("en", ["en"])
    pid = os.fork()
    if pid == 0:
        channel.as_worker()
        channel.ready([])
        os._exit(0 if channel.wait_go() == "script-src 'self' 'sha256-ž'" else 3)
    channel.as_parent()
    assert channel.wait_ready() == []
    channel.go("script-src 'self' 'sha256-ž'")
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
