"""`python -m lilith links` end to end on a tiny content tree and fake sites: severities,
archived copies for dead sources, the four report formats and the exit codes."""

from __future__ import annotations

import json
import re
import ssl
import textwrap
from pathlib import Path

import pytest
from lilith.cli import main
from lilith.links.client import CheckerConfig
from lilith.links.run import LinkOptions, run_links
from lilith.report import Severity

from tests.unit.links.fakes import fake_site, free_port, self_signed

FAST = ["--timeout", "3", "--retries", "0", "--no-cache"]


def article(source: str, body: str, date: str = "2026-03-14") -> str:
    return (
        textwrap.dedent(
            f"""\
        ---
        title: Evals first
        description: The lede.
        date: {date}
        tags: [evals]
        verdict: Measure first.
        source:
          url: {source}
          title: The original
          publisher: Example
        ---

        """
        )
        + body
    )


def tree(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text('site_name: t\nsite_url: !ENV [LILITH_SITE_URL, "https://t.example/"]\n')
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def web():
    """One fake site for the cited pages, one for the Wayback availability API."""
    with fake_site() as pages, fake_site() as wayback:
        pages.expect_request("/fine").respond_with_data("ok")
        pages.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
        pages.expect_request("/new").respond_with_data("ok")
        pages.expect_request("/gone").respond_with_data("", status=404)
        pages.expect_request("/in/someone").respond_with_data("", status=999)
        yield pages, wayback


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["links", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_dead_source_is_an_error_with_the_archived_copy_closest_to_the_article_date(tmp_path, web, capsys):
    pages, wayback = web
    # https:// to a server that speaks plain HTTP: the TLS handshake fails, the source is dead.
    source = f"https://127.0.0.1:{pages.port}/post"
    snapshot = f"http://web.archive.org/web/20260301120000/{source}"
    wayback.expect_request(
        "/wayback/available", query_string={"url": source, "timestamp": "20260314"}
    ).respond_with_json(
        {
            "url": source,
            "archived_snapshots": {
                "closest": {
                    "available": True,
                    "url": snapshot,
                    "timestamp": "20260301120000",
                    "status": "200",
                }
            },
        }
    )
    root = tree(
        tmp_path, {"docs/radar/evals-first.md": article(source, f"See [fine]({pages.url_for('/fine')}).\n")}
    )
    code, out, _ = run(
        capsys,
        "--root",
        str(root),
        "--no-internal",
        "--format",
        "json",
        *FAST,
        "--archive-endpoint",
        wayback.url_for("/wayback/available"),
    )
    assert code == 1
    [problem] = json.loads(out)["problems"]
    assert (problem["path"], problem["line"], problem["code"], problem["severity"]) == (
        "docs/radar/evals-first.md",
        8,
        "source-tls-error",
        "error",
    )
    assert problem["message"].endswith("— archived copy: " + snapshot.replace("http://", "https://", 1))


def test_the_archive_endpoint_comes_from_the_environment_too(tmp_path, web, capsys, monkeypatch):
    pages, wayback = web
    source = f"https://127.0.0.1:{pages.port}/never-archived"
    wayback.expect_request("/env/available").respond_with_json({"archived_snapshots": {}})
    monkeypatch.setenv("LILITH_ARCHIVE_ENDPOINT", wayback.url_for("/env/available"))
    root = tree(tmp_path, {"docs/radar/x.md": article(source, "")})
    code, out, _ = run(capsys, "--root", str(root), "--no-internal", "--format", "json", *FAST)
    assert code == 1
    assert json.loads(out)["problems"][0]["message"].endswith("— no archived copy found")


def test_severities_moved_is_a_warning_bot_wall_a_notice_code_links_errors(tmp_path, web, capsys):
    pages, _ = web
    body = (
        f"[a]({pages.url_for('/old')}) and [b](http://www.linkedin.com:{pages.port}/in/someone)\n\n"
        "[c](javascript:alert(1)) ![d](data:image/png;base64,AAAA) [e](mailto:x@example.org)\n"
    )
    root = tree(tmp_path, {"docs/index.md": body})
    code, out, _ = run(
        capsys,
        "--root",
        str(root),
        "--no-internal",
        "--format",
        "json",
        *FAST,
        "--resolve",
        "www.linkedin.com:127.0.0.1",
    )
    found = {(p["line"], p["code"], p["severity"]) for p in json.loads(out)["problems"]}
    assert found == {
        (1, "link-redirected", "warning"),
        (1, "link-unverified", "notice"),
        (3, "link-invalid", "error"),
        (3, "link-invalid", "error"),
    }
    assert code == 1
    moved = next(p for p in json.loads(out)["problems"] if p["code"] == "link-redirected")
    assert moved["message"] == f"link moved — update to {pages.url_for('/new')}: {pages.url_for('/old')}"


def test_warnings_alone_exit_0(tmp_path, web, capsys):
    pages, _ = web
    root = tree(tmp_path, {"docs/index.md": f"[a]({pages.url_for('/old')}) [b]({pages.url_for('/fine')})\n"})
    code, out, _ = run(capsys, "--root", str(root), "--no-internal", *FAST)
    assert code == 0
    assert "docs/index.md" in out and "moved — update to" in out
    assert out.splitlines()[-1] == (
        "links: 0 error(s), 1 warning(s); 2 external URL(s) checked, cited on 1 page(s): 1 ok, "
        "1 redirected, 0 broken, 0 timeout, 0 connection error, 0 TLS error, 0 unverified, 0 invalid, "
        "0 skipped; 0 served from the cache"
    )


def test_github_annotations_and_junit(tmp_path, web, capsys):
    pages, _ = web
    root = tree(tmp_path, {"docs/index.md": f"x\n[gone]({pages.url_for('/gone')})\n"})
    junit = tmp_path / "reports" / "links.xml"
    code, out, _ = run(
        capsys, "--root", str(root), "--no-internal", "--format", "github", *FAST, "--junit", str(junit)
    )
    assert code == 1
    assert out.startswith("::error file=docs/index.md,line=2,title=link-broken::link broken: ")
    assert "404 Not Found" in out
    xml = junit.read_text()
    assert 'failures="1"' in xml and "404 Not Found" in xml


def test_internal_and_external_together_grouped_by_page(tmp_path, web, capsys):
    pages, _ = web
    root = tree(tmp_path, {"docs/index.md": f"[gone]({pages.url_for('/gone')})\n"})
    site = root / "site"  # the default --site-dir
    (site / "cs").mkdir(parents=True)
    (site / "index.html").write_text('<link rel="canonical" href="https://t.example/"><a href="cs/">cs</a>')
    (site / "cs/index.html").write_text('<a href="../pl/">pl</a>')
    code, out, _ = run(capsys, "--root", str(root), *FAST)
    assert code == 1
    assert out.index("docs/index.md") < out.index("404 Not Found")
    assert out.index("site/cs/index.html") < out.index("'../pl/' leads nowhere")


def test_a_corrupt_cache_is_a_warning_not_a_failure(tmp_path, web, capsys):
    pages, _ = web
    root = tree(tmp_path, {"docs/index.md": f"[ok]({pages.url_for('/fine')})\n"})
    (root / ".lilith-cache").mkdir()
    (root / ".lilith-cache/links.json").write_text("{garbage")
    code, out, _ = run(capsys, "--root", str(root), "--no-internal", "--format", "json", "--timeout", "3")
    assert code == 0
    [problem] = json.loads(out)["problems"]
    assert (problem["code"], problem["severity"]) == ("links-cache", "warning")
    assert "corrupt" in problem["message"]
    assert json.loads((root / ".lilith-cache/links.json").read_text())["entries"]  # rewritten, valid


@pytest.mark.parametrize(
    "args",
    [
        ["--resolve", "no-address-here"],
        ["--concurrency", "0"],
        ["--format", "yaml"],
    ],
)
def test_usage_errors_exit_2(tmp_path, capsys, args):
    root = tree(tmp_path, {"docs/index.md": "nothing\n"})
    assert run(capsys, "--root", str(root), "--no-internal", *args)[0] == 2


def test_no_built_site_is_a_usage_error_naming_what_to_do(tmp_path, capsys):
    root = tree(tmp_path, {"docs/index.md": "nothing\n"})
    code, _, err = run(capsys, "--root", str(root), "--no-external")
    assert code == 2
    assert "no built site" in err and "make build" in err
    assert "Traceback" not in err


def test_a_broken_content_file_is_one_clear_line_and_exit_1(tmp_path, capsys):
    root = tree(tmp_path, {"docs/radar/bad.md": "---\ntitle: [oops\n---\n"})
    code, out, err = run(capsys, "--root", str(root), "--no-internal", "--format", "github", *FAST)
    assert code == 1
    assert out.startswith("::error file=docs/radar/bad.md,line=2,title=content-error::")
    assert "Traceback" not in out + err


def test_a_broken_source_served_over_trusted_tls_gets_its_archived_copy(tmp_path, web):
    """The library pipeline with a certificate the checker trusts: a real 404 on a source."""
    _, wayback = web
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with fake_site(ssl_context=context) as secure:
        secure.expect_request("/retracted").respond_with_data("", status=404)
        source = f"https://127.0.0.1:{secure.port}/retracted"
        wayback.expect_request(
            "/tls/available", query_string={"url": source, "timestamp": "20251224"}
        ).respond_with_json(
            {
                "archived_snapshots": {
                    "closest": {
                        "available": True,
                        "status": "200",
                        "url": f"https://web.archive.org/web/20251201/{source}",
                    }
                }
            }
        )
        root = tree(tmp_path, {"docs/radar/x.md": article(source, "", date="2025-12-24")})
        options = LinkOptions(
            internal=False,
            cache_path=None,
            archive_endpoint=wayback.url_for("/tls/available"),
            checker=CheckerConfig(timeout=3, retries=0, verify=ssl.create_default_context(cafile=str(cert))),
        )
        outcome = run_links(root, options)
    [problem] = outcome.problems
    assert (problem.code, problem.severity) == ("source-broken", Severity.ERROR)
    assert problem.message == (
        f"source link broken: {source} (404 Not Found) — archived copy: https://web.archive.org/web/20251201/{source}"
    )


def test_a_url_cited_on_three_pages_is_checked_once_and_reported_on_each(tmp_path, web, capsys):
    pages, _ = web
    pages.expect_request("/moved-once").respond_with_data("", status=301, headers={"Location": "/fine"})
    url = pages.url_for("/moved-once")
    files = {
        "docs/index.md": f"[a]({url})\n",
        "docs/about.md": f"intro\n\n[b]({url}#team)\n",
        "docs/about.cs.md": f"[c]({url}#tym) and again <{url}>\n",
    }
    root = tree(tmp_path, files)
    before = len([r for r, _ in pages.log if r.path == "/moved-once"])
    code, out, _ = run(capsys, "--root", str(root), "--no-internal", "--format", "json", *FAST)
    assert code == 0
    assert len([r for r, _ in pages.log if r.path == "/moved-once"]) - before == 1
    found = sorted((p["path"], p["line"], p["code"]) for p in json.loads(out)["problems"])
    assert found == [
        ("docs/about.cs.md", 1, "link-redirected"),
        ("docs/about.cs.md", 1, "link-redirected"),
        ("docs/about.md", 3, "link-redirected"),
        ("docs/index.md", 1, "link-redirected"),
    ]


# -- totals ----------------------------------------------------------------------------------

_COUNTED = r"(\d+) (ok|redirected|broken|timeout|connection error|TLS error|unverified|invalid|skipped)\b"
_LABEL_KEY = {"connection error": "connection_error", "TLS error": "tls_error"}


def counts_in(line: str) -> dict[str, int]:
    """The totals a person reads in the human output's last line, keyed as in JSON."""
    checked, pages = re.search(r"(\d+) external URL\(s\) checked, cited on (\d+) page\(s\)", line).groups()
    counts = {_LABEL_KEY.get(label, label): int(n) for n, label in re.findall(_COUNTED, line)}
    cached = re.search(r"(\d+) served from the cache$", line).group(1)
    return {"checked": int(checked), "pages": int(pages), **counts, "from_cache": int(cached)}


def test_json_has_a_summary_with_the_counts_of_the_human_last_line_and_the_cache(tmp_path, web, capsys):
    pages, _ = web
    body = (
        f"[a]({pages.url_for('/fine')}) [b]({pages.url_for('/old')}) [c]({pages.url_for('/gone')})\n"
        f"[d](http://www.linkedin.com:{pages.port}/in/someone) [e](https://127.0.0.1:{pages.port}/tls)\n"
        f"[f](http://127.0.0.1:{free_port()}/refused) [g](javascript:alert(1)) [h](mailto:x@example.org)\n"
    )
    root = tree(tmp_path, {"docs/index.md": body, "docs/other.md": f"[a]({pages.url_for('/fine')})\n"})
    flags = ["--root", str(root), "--no-internal", "--timeout", "3", "--retries", "0", "--no-archive"]
    flags += ["--resolve", "www.linkedin.com:127.0.0.1", "--cache", str(tmp_path / "cache.json")]
    expected = {
        "checked": 8,
        "pages": 2,
        "ok": 1,
        "redirected": 1,
        "broken": 1,
        "timeout": 0,
        "connection_error": 1,
        "tls_error": 1,
        "unverified": 1,
        "invalid": 1,
        "skipped": 1,
        "from_cache": 0,
    }
    _, out, _ = run(capsys, *flags, "--format", "json")  # a cold cache
    assert json.loads(out)["summary"] == expected
    _, out, _ = run(capsys, *flags)  # the two successes now come from the cache
    last = out.splitlines()[-1]
    assert last.startswith("links: 2 error(s), 3 warning(s); ")
    assert counts_in(last) == expected | {"from_cache": 2}
    _, out, _ = run(capsys, *flags, "--format", "json")
    assert json.loads(out)["summary"] == counts_in(last)


def test_a_failed_archive_lookup_names_the_archive_host(tmp_path, web, capsys):
    pages, _ = web
    source = f"https://127.0.0.1:{pages.port}/post"  # TLS to a plain HTTP server: dead
    archive_port = free_port()
    root = tree(tmp_path, {"docs/radar/evals-first.md": article(source, "")})
    endpoint = f"http://127.0.0.1:{archive_port}/wayback/available"
    code, out, _ = run(
        capsys,
        "--root",
        str(root),
        "--no-internal",
        "--format",
        "json",
        *FAST,
        "--archive-endpoint",
        endpoint,
    )
    assert code == 1
    [problem] = json.loads(out)["problems"]
    assert problem["message"].endswith(
        f"— archive lookup failed: connection refused by 127.0.0.1:{archive_port}"
    )
    assert "Errno" not in problem["message"]
