"""The link cache: successes only, an age limit, atomic writes, corrupt files ignored."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import pytest
from lilith.links import LinkResult, LinkStatus, check_urls
from lilith.links.cache import LinkCache

from tests.unit.links import fakes as links_fakes
from tests.unit.links.fakes import requests_to

# the module's fake site, shared with the other link tests (tests/unit/links/fakes.py)
fake_site_module = links_fakes.fake_site_module
site = links_fakes.site

FAST = {"timeout": 3.0, "retries": 0, "backoff": 0.01}
DAY = 24 * 3600.0


def ok(url: str, checked_at: float) -> LinkResult:
    return LinkResult(url, LinkStatus.OK, "200 OK", 200, checked_at=checked_at)


def test_a_success_is_cached_and_not_requested_again(site, tmp_path):
    site.expect_request("/fine").respond_with_data("ok")
    cache = tmp_path / ".lilith-cache" / "links.json"
    first = check_urls([site.url_for("/fine")], cache_path=cache, **FAST)
    second = check_urls([site.url_for("/fine")], cache_path=cache, **FAST)
    assert first[0].status == second[0].status == LinkStatus.OK
    assert (first[0].from_cache, second[0].from_cache) == (False, True)
    assert len(requests_to(site, "/fine")) == 1
    assert site.url_for("/fine") in json.loads(cache.read_text())["entries"]


def test_a_permanent_redirect_is_cached_with_where_it_moved(site, tmp_path):
    site.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    site.expect_request("/new").respond_with_data("ok")
    cache = tmp_path / "links.json"
    check_urls([site.url_for("/old")], cache_path=cache, **FAST)
    again = check_urls([site.url_for("/old")], cache_path=cache, **FAST)[0]
    assert (again.status, again.final_url, again.from_cache) == (
        LinkStatus.REDIRECTED,
        site.url_for("/new"),
        True,
    )


def test_a_failure_is_never_cached_and_always_rechecked(site, tmp_path):
    site.expect_request("/missing").respond_with_data("", status=404)
    cache = tmp_path / "links.json"
    for _ in range(2):
        assert check_urls([site.url_for("/missing")], cache_path=cache, **FAST)[0].status == LinkStatus.BROKEN
    assert len(requests_to(site, "/missing")) == 4  # HEAD + GET, twice
    assert not cache.exists() or site.url_for("/missing") not in cache.read_text()


def test_a_link_that_broke_since_it_was_cached_leaves_the_cache(site, tmp_path):
    url = site.url_for("/was-fine")
    cache = LinkCache(tmp_path / "links.json")
    cache.record([ok(url, time.time() - 8 * DAY)])  # older than the limit: checked again
    cache.save()
    site.expect_request("/was-fine").respond_with_data("", status=404)
    check_urls([url], cache_path=tmp_path / "links.json", **FAST)
    assert url not in json.loads((tmp_path / "links.json").read_text())["entries"]


def test_entries_older_than_the_age_limit_are_rechecked(site, tmp_path):
    url = site.url_for("/aging")
    site.expect_request("/aging").respond_with_data("ok")
    path = tmp_path / "links.json"
    cache = LinkCache(path)
    cache.record([ok(url, time.time() - 6 * DAY)])
    cache.save()
    assert check_urls([url], cache_path=path, **FAST)[0].from_cache  # six days: still fresh
    assert not check_urls([url], cache_path=path, max_age=5 * DAY, **FAST)[0].from_cache
    assert len(requests_to(site, "/aging")) == 1


def test_the_age_limit_follows_the_clock():
    clock = [1_000_000.0]
    cache = LinkCache(Path("/nonexistent/links.json"), max_age=DAY, clock=lambda: clock[0])
    cache.record([ok("https://example.org/", clock[0])])
    assert cache.get("https://example.org/") is not None
    clock[0] += DAY + 1
    assert cache.get("https://example.org/") is None


@pytest.mark.parametrize(
    "content",
    ["{not json", "[]", '{"version": 99, "entries": {}}', '{"version": 1, "entries": []}', "\x00\x01"],
)
def test_a_corrupt_cache_file_is_ignored_with_a_warning_and_replaced(site, tmp_path, content):
    path = tmp_path / "links.json"
    path.write_text(content)
    cache = LinkCache(path)
    assert len(cache) == 0
    assert len(cache.warnings) == 1 and "corrupt" in cache.warnings[0] and str(path) in cache.warnings[0]
    site.expect_request("/after-corruption").respond_with_data("ok")
    check_urls([site.url_for("/after-corruption")], cache_path=path, **FAST)
    assert list(json.loads(path.read_text())["entries"]) == [site.url_for("/after-corruption")]


def test_invalid_entries_are_dropped_but_good_ones_kept(tmp_path):
    path = tmp_path / "links.json"
    good = {"status": "ok", "detail": "200 OK", "code": 200, "final_url": None, "checked_at": time.time()}
    entries = {"https://good.example/": good, "https://bad.example/": {"status": "broken"}}
    path.write_text(json.dumps({"version": 1, "entries": entries}))
    cache = LinkCache(path)
    assert cache.get("https://good.example/") is not None
    assert cache.get("https://bad.example/") is None


def _writer(path: str, worker: int, rounds: int) -> None:
    for n in range(rounds):
        cache = LinkCache(Path(path))
        cache.record([ok(f"https://w{worker}.example/{n}", time.time())])
        cache.save()


def test_concurrent_writers_never_corrupt_the_file_nor_lose_entries(tmp_path):
    path = tmp_path / "links.json"
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_writer, args=(str(path), w, 25)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    entries = json.loads(path.read_text())["entries"]
    assert set(entries) == {f"https://w{w}.example/{n}" for w in range(4) for n in range(25)}
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "links.json",
        "links.json.lock",
    ]  # no temp files left


def test_a_crash_while_writing_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "links.json"
    cache = LinkCache(path)
    cache.record([ok("https://kept.example/", time.time())])
    cache.save()
    before = path.read_bytes()

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies between writing the temp file and renaming it

    monkeypatch.setattr("lilith.links.cache.os.replace", crash)
    cache = LinkCache(path)
    cache.record([ok("https://lost.example/", time.time())])
    with pytest.raises(KeyboardInterrupt):
        cache.save()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
