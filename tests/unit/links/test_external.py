"""The external link checker against fake sites on 127/8: what each kind of answer means."""

from __future__ import annotations

import ssl
import time

import pytest
from lilith.links import LinkResult, LinkStatus, check_urls
from lilith.links.urls import normalise
from werkzeug import Request, Response

from tests.unit.links import fakes as links_fakes
from tests.unit.links.fakes import Counter, RawSite, fake_site, free_port, requests_to, self_signed

# the module's fake site, shared with the other link tests (tests/unit/links/fakes.py)
fake_site_module = links_fakes.fake_site_module
site = links_fakes.site

FAST = {"timeout": 3.0, "retries": 2, "backoff": 0.01, "backoff_max": 0.05, "retry_after_cap": 3.0}


def check(*urls: str, **options) -> dict[str, LinkResult]:
    """Results keyed by the URLs as given (each checked once)."""
    results = {r.url: r for r in check_urls(urls, **{**FAST, **options})}
    return {url: results[normalise(url)] for url in urls}


def check_one(url: str, **options) -> LinkResult:
    return check(url, **options)[url]


def test_a_page_that_answers_200_is_ok_after_one_head_request(site):
    site.expect_request("/post").respond_with_data("<p>hi</p>", content_type="text/html")
    result = check_one(site.url_for("/post"))
    assert result.status == LinkStatus.OK
    assert result.code == 200
    seen = requests_to(site, "/post")
    assert [r.method for r in seen] == ["HEAD"]
    assert seen[0].headers["User-Agent"].startswith("LilithLinkChecker/")
    assert "(+https://" in seen[0].headers["User-Agent"]


def test_404_is_broken_and_confirmed_with_get_before_saying_so(site):
    site.expect_request("/gone").respond_with_data("no", status=404)
    result = check_one(site.url_for("/gone"))
    assert (result.status, result.code, result.detail) == (LinkStatus.BROKEN, 404, "404 Not Found")
    assert [r.method for r in requests_to(site, "/gone")] == ["HEAD", "GET"]


def test_410_is_broken(site):
    site.expect_request("/removed").respond_with_data("", status=410)
    result = check_one(site.url_for("/removed"))
    assert (result.status, result.detail) == (LinkStatus.BROKEN, "410 Gone")


def test_a_chain_of_permanent_redirects_says_where_the_page_moved(site):
    site.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/older"})
    site.expect_request("/older").respond_with_data("", status=301, headers={"Location": "/new"})
    site.expect_request("/new").respond_with_data("here")
    result = check_one(site.url_for("/old"))
    assert result.status == LinkStatus.REDIRECTED
    assert result.final_url == site.url_for("/new")
    assert result.detail == f"moved permanently — update to {site.url_for('/new')}"


def test_a_temporary_redirect_is_fine_and_the_link_stays(site):
    site.expect_request("/login-wall").respond_with_data("", status=302, headers={"Location": "/login"})
    site.expect_request("/login").respond_with_data("log in")
    result = check_one(site.url_for("/login-wall"))
    assert result.status == LinkStatus.OK
    assert result.final_url == site.url_for("/login")


def test_after_a_permanent_then_temporary_hop_the_permanent_target_is_suggested(site):
    site.expect_request("/a").respond_with_data("", status=308, headers={"Location": "/b"})
    site.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/c"})
    site.expect_request("/c").respond_with_data("here")
    result = check_one(site.url_for("/a"))
    assert (result.status, result.final_url) == (LinkStatus.REDIRECTED, site.url_for("/b"))


def test_a_redirect_loop_is_broken(site):
    site.expect_request("/ping").respond_with_data("", status=301, headers={"Location": "/pong"})
    site.expect_request("/pong").respond_with_data("", status=302, headers={"Location": "/ping"})
    result = check_one(site.url_for("/ping"))
    assert result.status == LinkStatus.BROKEN
    assert result.detail.startswith("redirect loop")


def test_more_redirects_than_allowed_is_broken(site):
    for n in range(6):
        site.expect_request(f"/hop/{n}").respond_with_data(
            "", status=302, headers={"Location": f"/hop/{n + 1}"}
        )
    site.expect_request("/hop/6").respond_with_data("finally")
    assert check_one(site.url_for("/hop/0"), max_redirects=6).status == LinkStatus.OK
    result = check_one(site.url_for("/hop/0"), max_redirects=5)
    assert (result.status, result.detail) == (LinkStatus.BROKEN, "more than 5 redirects")


def _answers(*replies):
    """A handler giving each reply in turn (then repeating the last), logging when it was asked."""
    calls: list[float] = []

    def handler(request: Request) -> Response:
        calls.append(time.monotonic())
        status, headers = replies[min(len(calls), len(replies)) - 1]
        return Response("" if status != 200 else "ok", status=status, headers=headers)

    return handler, calls


def test_429_with_retry_after_is_retried_after_the_wait_the_server_asked_for(site):
    handler, calls = _answers((429, {"Retry-After": "1"}), (200, {}))
    site.expect_request("/busy").respond_with_handler(handler)
    result = check_one(site.url_for("/busy"))
    assert (result.status, result.attempts) == (LinkStatus.OK, 2)
    assert calls[1] - calls[0] >= 0.95


def test_a_long_retry_after_is_capped(site):
    handler, calls = _answers((429, {"Retry-After": "3600"}), (200, {}))
    site.expect_request("/very-busy").respond_with_handler(handler)
    result = check_one(site.url_for("/very-busy"), retry_after_cap=0.3)
    assert result.status == LinkStatus.OK
    assert 0.25 <= calls[1] - calls[0] < 60


def test_429_that_never_clears_is_unverified_not_broken(site):
    handler, calls = _answers((429, {"Retry-After": "0"}))
    site.expect_request("/throttled").respond_with_handler(handler)
    result = check_one(site.url_for("/throttled"), retries=2)
    assert result.status == LinkStatus.UNVERIFIED
    assert "429" in result.detail
    assert len(calls) == 3  # one try and two retries, no more


def test_503_then_200_is_ok_after_a_retry(site):
    handler, _calls = _answers((503, {}), (200, {}))
    site.expect_request("/flaky").respond_with_handler(handler)
    result = check_one(site.url_for("/flaky"))
    assert (result.status, result.attempts) == (LinkStatus.OK, 2)
    assert [r.status_code for _, r in site.log] == [503, 200]


def test_503_that_persists_is_broken_after_the_retries(site):
    handler, calls = _answers((503, {}))
    site.expect_request("/down").respond_with_handler(handler)
    result = check_one(site.url_for("/down"), retries=2)
    assert (result.status, result.code) == (LinkStatus.BROKEN, 503)
    assert len(calls) == 4  # HEAD + 2 retries, then one GET in case only HEAD fails


def test_a_slow_answer_is_a_timeout_not_a_broken_link(site):
    def slow(request: Request) -> Response:
        time.sleep(2)
        return Response("late")

    site.expect_request("/slow").respond_with_handler(slow)
    result = check_one(site.url_for("/slow"), timeout=0.3)
    assert result.status == LinkStatus.TIMEOUT
    assert result.detail == "no answer within 0.3 s"


def test_connection_refused_is_a_connection_error_naming_the_host():
    port = free_port()
    result = check_one(f"http://127.0.0.1:{port}/nobody-home")
    assert (result.status, result.detail) == (
        LinkStatus.CONNECTION_ERROR,
        f"connection refused by 127.0.0.1:{port}",
    )


def test_a_reset_connection_is_retried():
    raw = RawSite(resets=1)
    try:
        result = check_one(raw.url("/reset-once"))
    finally:
        raw.close()
    assert (result.status, result.attempts) == (LinkStatus.OK, 2)
    assert raw.connections == 2


def test_a_connection_reset_every_time_is_a_connection_error():
    raw = RawSite(resets=100)
    try:
        result = check_one(raw.url("/always-reset"), retries=2)
    finally:
        raw.close()
    assert result.status == LinkStatus.CONNECTION_ERROR
    assert result.detail.startswith("connection reset")
    assert raw.connections == 3


def test_403_from_a_host_known_to_block_bots_is_unverified(site):
    site.expect_request("/in/someone").respond_with_data("denied", status=403)
    url = f"http://www.linkedin.com:{site.port}/in/someone"
    result = check_one(url, resolve={"www.linkedin.com": "127.0.0.1"})
    assert result.status == LinkStatus.UNVERIFIED
    assert "blocks automated checks" in result.detail
    assert requests_to(site, "/in/someone")[0].host == f"www.linkedin.com:{site.port}"


def test_403_from_any_other_host_is_broken(site):
    site.expect_request("/private").respond_with_data("denied", status=403)
    assert check_one(site.url_for("/private")).status == LinkStatus.BROKEN


def test_403_carrying_a_cloudflare_challenge_is_unverified(site):
    site.expect_request("/cf").respond_with_data(
        "just a moment", status=403, headers={"cf-mitigated": "challenge"}
    )
    assert check_one(site.url_for("/cf")).status == LinkStatus.UNVERIFIED


def test_linkedin_999_is_unverified(site):
    site.expect_request("/999").respond_with_data("", status=999)
    result = check_one(site.url_for("/999"))
    assert (result.status, result.code) == (LinkStatus.UNVERIFIED, 999)


def test_a_huge_body_is_cut_after_a_small_read(site):
    sent = []

    def huge(request: Request) -> Response:
        if request.method == "HEAD":
            return Response("", status=405)

        def chunks():
            for _ in range(16384):  # 1 GiB in 64 KiB chunks
                sent.append(1)
                yield b"x" * 65536

        return Response(chunks(), content_type="video/mp4")

    site.expect_request("/film").respond_with_handler(huge)
    site.expect_request("/trailer").respond_with_handler(huge)
    results = check(site.url_for("/film"), site.url_for("/trailer"), per_host=1)
    assert {r.status for r in results.values()} == {LinkStatus.OK}
    assert len(sent) < 300  # what fits in socket buffers, nowhere near 16384
    # HEAD was refused once: the host's next URL goes straight to GET.
    assert [r.method for r in requests_to(site, "/trailer")] == ["GET"]


def test_non_html_content_is_fine(site):
    site.expect_request("/paper.pdf").respond_with_data(b"%PDF-1.7 ...", content_type="application/pdf")
    site.expect_request("/data.json").respond_with_json({"a": 1})
    results = check(site.url_for("/paper.pdf"), site.url_for("/data.json"))
    assert {r.status for r in results.values()} == {LinkStatus.OK}


def test_head_not_allowed_falls_back_to_get(site):
    def get_only(request: Request) -> Response:
        return Response("", status=405) if request.method == "HEAD" else Response("ok")

    site.expect_request("/get-only").respond_with_handler(get_only)
    assert check_one(site.url_for("/get-only")).status == LinkStatus.OK
    assert [r.method for r in requests_to(site, "/get-only")] == ["HEAD", "GET"]


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("https://exa mple.com/post", "spaces"),
        ("https:///no-host", "no host"),
        ("http://example.com:99999/", "Port out of range"),
        ("https://-bad-.example/", "not valid"),
        ("https://xn--zz.example/", "not valid"),
        ("javascript:alert(1)", "javascript: links run code"),
        ("data:text/html,<b>hi</b>", "data: URLs embed content"),
    ],
)
def test_malformed_urls_and_code_links_are_invalid_without_a_request(url, detail):
    result = check_one(url)
    assert result.status == LinkStatus.INVALID
    assert detail in result.detail
    assert result.attempts == 0


def test_mailto_is_skipped():
    assert check_one("mailto:editors@example.org").status == LinkStatus.SKIPPED


@pytest.mark.parametrize("mapped", ["bücher.example", "xn--bcher-kva.example"])
def test_an_internationalized_host_name_is_sent_in_its_idna_form(site, mapped):
    site.expect_request("/katalog").respond_with_data("ok")
    url = f"http://Bücher.example:{site.port}/katalog"
    result = check_one(url, resolve={mapped: "127.0.0.1"})
    assert result.status == LinkStatus.OK
    assert result.url == f"http://xn--bcher-kva.example:{site.port}/katalog"
    assert requests_to(site, "/katalog")[0].host == f"xn--bcher-kva.example:{site.port}"


def test_a_certificate_nobody_signed_is_a_tls_error(tmp_path):
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with fake_site(ssl_context=context) as secure:
        secure.expect_request("/secret").respond_with_data("ok")
        url = f"https://127.0.0.1:{secure.port}/secret"
        result = check_one(url)
        assert result.status == LinkStatus.TLS_ERROR
        assert "certificate" in result.detail.lower()
        # The same server is fine for a client that trusts the certificate: it is TLS, not the site.
        trusted = ssl.create_default_context(cafile=str(cert))
        assert check_one(url, verify=trusted).status == LinkStatus.OK


def test_a_url_cited_many_times_is_requested_once(site):
    site.expect_request("/popular").respond_with_data("ok")
    base = site.url_for("/popular")
    urls = [base, base + "#intro", base + "#details", base.replace("127.0.0.1", "127.0.0.1"), base + "#"]
    results = check_urls(urls, **FAST)
    assert len(results) == 1 and results[0].status == LinkStatus.OK
    assert len(requests_to(site, "/popular")) == 1


def test_no_more_requests_to_one_host_than_the_per_host_limit(site):
    counter = Counter()
    site.expect_request("/slow").respond_with_handler(counter.slow_ok(0.15))
    urls = [site.url_for("/slow") + f"?page={n}" for n in range(12)]
    results = check_urls(urls, concurrency=32, per_host=3, **FAST)
    assert {r.status for r in results} == {LinkStatus.OK}
    assert counter.peak["127.0.0.1"] == 3


def test_no_more_requests_overall_than_the_concurrency_limit():
    counter = Counter()
    addresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4"]
    with fake_site(addresses[0]) as a, fake_site(addresses[1]) as b, fake_site(addresses[2]) as c:
        urls = []
        for server in (a, b, c):
            server.expect_request("/slow").respond_with_handler(counter.slow_ok(0.15))
            urls += [server.url_for("/slow") + f"?n={n}" for n in range(6)]
        results = check_urls(urls, concurrency=5, per_host=4, **FAST)
    assert len(results) == 18 and {r.status for r in results} == {LinkStatus.OK}
    assert counter.total_peak == 5
    assert max(counter.peak.values()) <= 4
    assert set(counter.peak) == set(addresses)


def test_a_site_that_sets_a_cookie_and_redirects_to_itself_is_not_a_loop(site):
    def consent(request: Request) -> Response:
        if request.cookies.get("consent") == "yes":
            return Response("article")
        return Response("", status=302, headers={"Location": "/article", "Set-Cookie": "consent=yes; Path=/"})

    site.expect_request("/article").respond_with_handler(consent)
    result = check_one(site.url_for("/article"))
    assert (result.status, result.code) == (LinkStatus.OK, 200)
    assert [r.cookies.get("consent") for r in requests_to(site, "/article")] == [None, "yes"]
