"""The Content-Security-Policy: hashes of every inline script, the same policy on every page."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from lilith.site import csp

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>x</title>
    <script>var a = 1;</script>
    <script src="assets/x.js"></script>
  </head>
  <body>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script type="module">import "./m.js";</script>
    <SCRIPT type='text/javascript'>
      b()</SCRIPT>
  </body>
</html>
"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_inline_scripts_are_the_executable_ones_without_src():
    assert csp.inline_scripts(PAGE) == ["var a = 1;", 'import "./m.js";', "\n      b()"]


def test_a_hash_is_sha256_of_the_exact_script_text():
    assert csp.script_hash("var a = 1;") == sha("var a = 1;")
    # the value the CSP spec's own example gives for this script
    expected = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert csp.script_hash("alert('Hello, world.');") == expected


def test_the_policy_allows_our_origin_and_hashed_scripts_only():
    text = csp.policy(["'sha256-b'", "'sha256-a'"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["script-src"] == "'self' 'sha256-b' 'sha256-a'"
    assert directives["default-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
    assert "unsafe-inline" not in text and "unsafe-eval" not in text
    assert "frame-ancestors" not in text  # ignored in <meta>; only _headers carries it


def test_serve_mode_allows_live_reloads_inline_script_and_keeps_the_rest():
    text = csp.policy(["'sha256-a'"], dev=True)
    assert "script-src 'self' 'unsafe-inline';" in text
    assert "sha256" not in text  # a hash would switch 'unsafe-inline' off
    assert "object-src 'none'" in text


def test_the_policy_goes_first_after_meta_charset_and_replaces_an_old_one():
    once = csp.with_policy(PAGE, "default-src 'self'")
    meta = '<meta http-equiv="Content-Security-Policy" content="default-src'
    assert '<meta charset="utf-8">\n    ' + meta in once
    twice = csp.with_policy(once, "default-src 'none'")
    assert twice.count("Content-Security-Policy") == 1
    assert "default-src 'none'" in twice
    assert twice.index("Content-Security-Policy") < twice.index("<script>")


def test_a_page_without_head_is_refused():
    with pytest.raises(ValueError, match="no <head>"):
        csp.with_policy("<p>fragment</p>", "default-src 'self'")


def test_every_page_gets_the_union_of_all_pages_hashes(tmp_path: Path):
    (tmp_path / "cs").mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "cs" / "index.html").write_text(PAGE.replace("var a = 1;", "var a = 2;"), encoding="utf-8")

    text = csp.write_site(tmp_path)

    for script in ("var a = 1;", "var a = 2;", 'import "./m.js";', "\n      b()"):
        assert sha(script) in text
    pages = [(tmp_path / "index.html").read_text(), (tmp_path / "cs" / "index.html").read_text()]
    assert all(f'<meta http-equiv="Content-Security-Policy" content="{text}">' in page for page in pages)
    assert csp.write_site(tmp_path) == text  # running again changes nothing
    headers = (tmp_path / "_headers").read_text()
    assert headers.startswith("/*\n  Content-Security-Policy: " + text + "; frame-ancestors 'none'\n")
