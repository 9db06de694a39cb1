from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lilith.text.urls import relative_url
from mkdocs.utils import get_relative_url


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("glossary/rag/", "radar/x/", "../../glossary/rag/"),
        ("cs/glossary/rag/", "cs/radar/x/", "../../glossary/rag/"),
        ("glossary/rag/", "", "glossary/rag/"),
        ("glossary/rag/", "index.html", "glossary/rag/"),
        ("cs/", "cs/radar/x/", "../../"),
        (".", "radar/x/", "../.."),
        ("radar/x/", "radar/x/", "./"),
    ],
)
def test_links_from_one_page_to_another(url, page, expected):
    assert relative_url(url, page) == expected


segment = st.sampled_from(["", ".", "..", "cs", "radar", "x", "a.html", "index.html", "glossary"])
path = st.lists(segment, max_size=5).map("/".join) | st.lists(segment, max_size=4).map(
    lambda p: "/".join(p) + "/"
)


@given(path, path)
def test_writes_what_mkdocs_writes(url, page):
    """MkDocs' own rule, so pages link the same under MkDocs, ProperDocs or without either."""
    assert relative_url(url, page) == get_relative_url(url, page)
