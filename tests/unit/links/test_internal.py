"""Internal links and anchors of a built site, checked on a small hand-made site tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from lilith.links.internal import check_site, site_url_of

SITE = "https://example.org/"


def page(body: str, canonical: str = "", head: str = "") -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"<!doctype html>\n<html>\n<head>\n{link}\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    files = {
        "index.html": page(
            '<a href="radar/evals/">article</a>\n<a href="cs/">čeština</a>\n<a href="#top">top</a>\n'
            '<img src="assets/logo.svg" srcset="assets/logo.svg 1x, assets/logo.svg 2x">\n'
            '<a href="https://example.org/not-built-but-cited/">a citation on our own domain</a>\n'
            '<a href="https://elsewhere.example/">external</a> <a href="mailto:x@example.org">mail</a>',
            canonical=SITE,
            head='<link rel="alternate" hreflang="cs" href="https://example.org/cs/">'
            '<link rel="preconnect" href="https://fonts.example/">',
        ),
        "radar/evals/index.html": page(
            '<h2 id="why">Why</h2>\n<a href="#why">¶</a>\n<a href="../../">home</a>\n'
            '<a href="/cs/radar/evals/#pro%C4%8D">cs anchor, encoded</a>\n'
            '<a href="../../cs/radar/evals/#proč">cs anchor, raw</a>',
            canonical="https://example.org/radar/evals/",
        ),
        "cs/index.html": page('<a href="radar/evals/">článek</a>', canonical="https://example.org/cs/"),
        "cs/radar/evals/index.html": page('<h2 id="proč">Proč</h2>\n<a name="legacy"></a>'),
        "assets/logo.svg": "<svg/>",
        "sitemap.xml": "<urlset>\n<url><loc>https://example.org/</loc></url>\n"
        "<url><loc>https://example.org/radar/evals/</loc></url>\n</urlset>\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def add(site: Path, rel: str, body: str) -> None:
    (site / rel).parent.mkdir(parents=True, exist_ok=True)
    (site / rel).write_text(page(body), encoding="utf-8")


def test_a_clean_site_has_no_issues(site):
    assert site_url_of(site) == SITE
    assert check_site(site) == []


def test_a_link_to_a_page_that_was_not_built_is_reported_with_its_line(site):
    add(site, "pl/index.html", '<p>x</p>\n<a href="radar/missing/">brak</a>')
    [issue] = check_site(site)
    assert (issue.page, issue.line, issue.href, issue.code) == (
        "pl/index.html",
        9,
        "radar/missing/",
        "internal-link",
    )
    assert "pl/radar/missing/index.html" in issue.message


def test_a_missing_anchor_on_another_page_is_reported(site):
    add(site, "pl/index.html", '<a href="../radar/evals/#how">jak</a>')
    [issue] = check_site(site)
    assert issue.code == "internal-anchor"
    assert issue.message == "'../radar/evals/#how': no element with id 'how' on radar/evals/index.html"


def test_a_missing_anchor_on_the_same_page_is_reported(site):
    add(
        site,
        "pl/index.html",
        '<h2 id="dlaczego">Dlaczego</h2><a href="#dlaczego">ok</a><a href="#jak">nie</a>',
    )
    assert [(i.href, i.code) for i in check_site(site)] == [("#jak", "internal-anchor")]


def test_named_anchors_count(site):
    add(site, "pl/index.html", '<a href="../cs/radar/evals/#legacy">old-style anchor</a>')
    assert check_site(site) == []


def test_generated_absolute_links_under_the_site_url_must_exist(site):
    add(site, "pl/index.html", "")
    (site / "pl/index.html").write_text(
        page(
            "",
            canonical="https://example.org/pl/",
            head='<link rel="alternate" href="https://example.org/de/">',
        )
    )
    [issue] = check_site(site)
    assert (issue.page, issue.href) == ("pl/index.html", "https://example.org/de/")


def test_sitemap_entries_must_exist(site):
    (site / "cs/sitemap.xml").write_text(
        "<urlset>\n<url><loc>https://example.org/cs/radar/gone/</loc></url>\n"
    )
    [issue] = check_site(site)
    assert (issue.page, issue.line, issue.href) == ("cs/sitemap.xml", 2, "https://example.org/cs/radar/gone/")


def test_links_above_the_sites_root_are_reported(site):
    add(site, "pl/index.html", '<a href="../../../etc/passwd">escape</a>')
    [issue] = check_site(site)
    assert "above the site's root" in issue.message


def test_a_site_served_under_a_path(site):
    add(
        site,
        "pl/index.html",
        '<a href="/lilith/radar/evals/#why">ok</a><a href="/lilith/radar/nope/">bad</a>',
    )
    issues = check_site(site, site_url="https://example.org/lilith/")
    assert [i.href for i in issues if i.page == "pl/index.html"] == ["/lilith/radar/nope/"]
