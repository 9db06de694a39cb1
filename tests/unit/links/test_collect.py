"""Collecting external URLs from the content, and what a URL is before it is fetched."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lilith.links.collect import by_url, collect, scan_text, urls_in_line
from lilith.links.models import Citation, LinkStatus
from lilith.links.urls import classify, idna_host, is_external, normalise

ARTICLE = """\
---
title: Evals first
description: The lede.
date: 2026-03-14
tags: [evals]
verdict: Measure first.
source:
  url: https://source.example/original-post
  title: The original
  publisher: Example
---

Read [the paper](https://papers.example/evals.pdf "PDF") and <https://auto.example/x>.

[ref]: https://ref.example/definition

A bare https://bare.example/page, in a sentence.

`https://code-span.example/` is code, and so is this block:

```bash
curl https://fenced.example/api
```

<a href="https://html.example/">raw HTML</a> and [local](other.md#why) and [mail](mailto:x@example.org).

[bad](javascript:alert(1)) ![inline image](data:image/png;base64,AAAA)
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    write(tmp_path, "docs/radar/evals-first.md", ARTICLE)
    write(
        tmp_path,
        "docs/index.md",
        "---\ntitle: Radar\n---\n\nSee [Wikipedia](https://en.wikipedia.org/wiki/Eval_(disambiguation)).\n",
    )
    write(
        tmp_path,
        "glossary/evals.yml",
        "id: evals\nen:\n  term: evals\n  long: |\n    See [the guide](https://guide.example/evals).\n",
    )
    return tmp_path


def test_every_kind_of_external_link_is_found_with_its_page_and_line(content):
    citations, errors = collect(content)
    assert errors == []
    found = {(c.path, c.line, c.url) for c in citations}
    article = "docs/radar/evals-first.md"
    assert found == {
        (article, 8, "https://source.example/original-post"),
        (article, 13, "https://papers.example/evals.pdf"),
        (article, 13, "https://auto.example/x"),
        (article, 15, "https://ref.example/definition"),
        (article, 17, "https://bare.example/page"),
        (article, 25, "https://html.example/"),
        (article, 25, "mailto:x@example.org"),
        (article, 27, "javascript:alert(1)"),
        (article, 27, "data:image/png;base64,AAAA"),
        ("docs/index.md", 5, "https://en.wikipedia.org/wiki/Eval_(disambiguation)"),
        ("glossary/evals.yml", 5, "https://guide.example/evals"),
    }


def test_only_the_articles_source_is_critical_and_it_carries_the_articles_date(content):
    citations, _ = collect(content)
    critical = [c for c in citations if c.critical]
    assert critical == [
        Citation(
            "docs/radar/evals-first.md", 8, "https://source.example/original-post", True, dt.date(2026, 3, 14)
        )
    ]
    assert all(c.date == dt.date(2026, 3, 14) for c in citations if c.path.startswith("docs/radar/"))


def test_a_broken_content_file_is_reported_and_the_rest_still_collected(content):
    write(content, "docs/radar/broken.md", "---\ntitle: [unclosed\n---\nbody\n")
    citations, errors = collect(content)
    assert [(e.path, e.line) for e in errors] == [("docs/radar/broken.md", 2)]
    assert any(c.url == "https://source.example/original-post" for c in citations)


def test_urls_cited_with_different_fragments_are_one_url_with_all_citations():
    citations = [
        Citation("a.md", 1, "https://Example.org/post#intro"),
        Citation("b.md", 2, "https://example.org/post"),
        Citation("c.md", 3, "https://example.org:443/post#end"),
    ]
    assert by_url(citations) == {"https://example.org/post": citations}


@pytest.mark.parametrize(
    ("line", "urls"),
    [
        (
            "[a](https://a.example/x) [b](<https://b.example/with space>)",
            ["https://a.example/x", "https://b.example/with space"],
        ),
        ("See https://a.example/x.", ["https://a.example/x"]),
        ("(see https://a.example/x)", ["https://a.example/x"]),
        ("[w](https://w.example/A_(b)_c)", ["https://w.example/A_(b)_c"]),
        ("``code `https://no.example/` here``", []),
        ("[rel](../radar/x.md) and [anchor](#top)", []),
        ("<img src='https://img.example/a.png'>", ["https://img.example/a.png"]),
    ],
)
def test_links_on_one_line(line, urls):
    assert urls_in_line(line) == urls


def test_fenced_code_blocks_are_skipped_until_the_matching_fence():
    text = "a https://one.example/\n~~~~\n```\nhttps://no.example/\n~~~~\nhttps://two.example/\n"
    assert list(scan_text(text, first_line=10)) == [
        (10, "https://one.example/"),
        (15, "https://two.example/"),
    ]


def test_normalise_drops_the_fragment_lowercases_and_uses_idna():
    assert (
        normalise("HTTPS://Bücher.Example:443/Kapitel?x=1#s") == "https://xn--bcher-kva.example/Kapitel?x=1"
    )
    assert normalise("http://example.org") == "http://example.org/"
    assert normalise(normalise("https://Bücher.example/#x")) == normalise("https://Bücher.example/#x")


def test_idna_hosts():
    assert idna_host("Bücher.example") == "xn--bcher-kva.example"
    assert idna_host("ŁÓDŹ.example") == "łódź".encode("idna").decode() + ".example"  # lowercased, then IDNA
    with pytest.raises(ValueError):
        idna_host("xn--zz.example")


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("https://example.org/", None),
        ("http://127.0.0.9:8000/x", None),
        ("https://[::1]:8443/", None),
        ("https://příklad.example/", None),
        ("mailto:a@example.org", LinkStatus.SKIPPED),
        ("tel:+420123456789", LinkStatus.SKIPPED),
        ("ftp://ftp.example.org/file", LinkStatus.SKIPPED),
        ("javascript:void(0)", LinkStatus.INVALID),
        ("JavaScript:void(0)", LinkStatus.INVALID),
        ("data:text/plain,hi", LinkStatus.INVALID),
        ("file:///home/editor/draft.html", LinkStatus.INVALID),
        ("//cdn.example/x.js", LinkStatus.INVALID),
        ("https://localhost/", LinkStatus.INVALID),
        ("https://user:secret@example.org/", LinkStatus.INVALID),
        ("http://300.1.1.1/", LinkStatus.INVALID),
        ("https://example..org/", LinkStatus.INVALID),
        ("https://example.org:0/", LinkStatus.INVALID),
    ],
)
def test_classify_before_any_request(url, status):
    result = classify(url)
    assert (result.status if result else None) == status


@given(st.text(alphabet=st.sampled_from("[]()<>`'\" =:/#.ahtpsxj\n"), max_size=120) | st.text(max_size=120))
def test_any_line_yields_only_external_urls_taken_from_the_line(line):
    for url in urls_in_line(line):
        assert is_external(url)
        assert url in line


@given(
    st.sampled_from(["http", "https", "HTTPS"]),
    st.sampled_from(["example.org", "Bücher.example", "127.0.0.3", "xn--bcher-kva.example", "[::1]"]),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.text(alphabet="abcXYZ019/-._~%?=&#čł", max_size=30),
)
def test_normalising_twice_changes_nothing(scheme, host, port, rest):
    url = f"{scheme}://{host}{port}/{rest}"
    once = normalise(url)
    assert normalise(once) == once
    assert "#" not in once
