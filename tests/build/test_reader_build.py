"""What the strict build writes for readers beyond the articles: tag pages, feeds, 404 pages in
every language, sharing metadata and the Content-Security-Policy of every page."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import feedparser
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import free_port
from tests.editor_site import copy_real_site, tree_state
from tests.site_facts import ARTICLE, LANGS, PREFIX, page_path, search_docs

TAGS = ("training", "fine-tuning", "evals", "rag", "agents")
TAG_NAME = {
    "en": {"rag": "RAG", "evals": "Evals", "agents": "Agents", "training": "Training"},
    "cs": {"rag": "RAG", "evals": "Evaly", "agents": "Agenti", "training": "Trénink"},
    "pl": {"rag": "RAG", "evals": "Ewaluacje", "agents": "Agenci", "training": "Trenowanie"},
}
LOCALE = {"en": "en_GB", "cs": "cs_CZ", "pl": "pl_PL"}
SITE_NAME = {
    "en": "Lilith · AI engineering radar",
    "cs": "Lilith · radar AI engineeringu",
    "pl": "Lilith · radar inżynierii AI",
}


def html(site: Path, path: str) -> HTMLParser:
    file = site / path if path.endswith(".html") else site / path / "index.html"
    return HTMLParser(file.read_text(encoding="utf-8"))


def text(node) -> str:
    """A node's text as plain words (typography glues cs/pl one-letter words with NBSP)."""
    return " ".join(node.text().split())


def meta(doc: HTMLParser, key: str) -> list[str]:
    return [m.attributes["content"] for m in doc.css(f'head meta[property="{key}"], head meta[name="{key}"]')]


# -- tag pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_article_tags_link_to_the_tag_pages_of_its_language(built_site, lang):
    links = html(built_site, page_path(lang, ARTICLE)).css("a.lilith-tag")
    assert [a.attributes["data-lilith-tag"] for a in links] == list(TAGS)
    rag = next(a for a in links if a.attributes["data-lilith-tag"] == "rag")
    assert rag.attributes["href"] == "../../tags/rag/"  # /<lang>/radar/x/ -> /<lang>/tags/rag/
    assert [a.text().strip() for a in links][3:] == [TAG_NAME[lang]["rag"], TAG_NAME[lang]["agents"]]


@pytest.mark.parametrize("lang", LANGS)
def test_each_tag_page_lists_the_article_with_a_translated_title(built_site, lang):
    for tag in TAGS:
        doc = html(built_site, page_path(lang, f"tags/{tag}/"))
        assert doc.css_first("html").attributes["lang"] == lang
        items = doc.css(".lilith-radar__item h2 a")
        assert [a.attributes["href"] for a in items] == [f"../../radar/{ARTICLE.split('/')[1]}/"]
    title = html(built_site, page_path(lang, "tags/evals/")).css_first("h1").text()
    assert (
        title
        == {
            "en": "Articles tagged Evals",
            "cs": "Články se štítkem Evaly",
            "pl": "Artykuły z tagiem Ewaluacje",
        }[lang]
    )


@pytest.mark.parametrize(("lang", "count"), [("en", "1 article"), ("cs", "1 článek"), ("pl", "1 artykuł")])
def test_the_tag_index_lists_every_tag_with_its_count(built_site, lang, count):
    doc = html(built_site, page_path(lang, "tags/"))
    rows = [
        (a.text(), a.attributes["href"], li.css_first(".lilith-tags__count").text())
        for li in doc.css("li.lilith-tags__item")
        for a in [li.css_first("a")]
    ]
    assert len(rows) == len(TAGS)
    assert (TAG_NAME[lang]["agents"], "agents/", count) in rows
    names = [name for name, _, _ in rows]
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize("lang", LANGS)
def test_tag_pages_are_in_their_languages_sitemap_with_alternates(built_site, site_url, lang):
    sitemap = (built_site / PREFIX[lang] / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("tags/", *(f"tags/{tag}/" for tag in TAGS)):
        assert f"<loc>{site_url}{page_path(lang, path)}</loc>" in sitemap
    assert f'hreflang="x-default" href="{site_url}tags/rag/"' in sitemap


@pytest.mark.parametrize("path", ["", ARTICLE, "tags/", "tags/rag/"])
def test_no_page_lists_tag_pages_or_articles_in_the_sidebar(built_site, path):
    for lang in LANGS:
        doc = html(built_site, page_path(lang, path))
        assert doc.css(".md-sidebar--primary a[href*='tags/']") == []
        assert doc.css(".md-sidebar--primary a[href*='radar/']") == []


def test_tag_pages_stay_out_of_search(built_site):
    for lang in LANGS:
        assert not [d for d in search_docs(built_site, lang) if d["location"].startswith("tags/")]


# -- feeds -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_an_atom_feed_linked_from_the_head(built_site, site_url, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    link = doc.css_first('head link[rel="alternate"][type="application/atom+xml"]')
    assert "hreflang" not in link.attributes  # the feed says xml:lang; hreflang is for translations
    assert link.attributes["href"] == "../../feed.xml"  # the language root, beside its sitemap
    assert link.attributes["title"] == SITE_NAME[lang]

    feed = feedparser.parse((built_site / PREFIX[lang] / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert (feed.feed.title, feed.feed.language) == (SITE_NAME[lang], lang)
    assert feed.feed.links[1].href == site_url + page_path(lang, "feed.xml")
    (entry,) = feed.entries
    article = html(built_site, page_path(lang, ARTICLE))
    assert entry.title == text(article.css_first("h1"))
    assert entry.link == site_url + page_path(lang, ARTICLE)
    assert entry.published.startswith("2026-11-20")
    assert entry.summary == text(article.css_first(".lilith-lede"))
    verdict_label = {"en": "Verdict", "cs": "Verdikt", "pl": "Werdykt"}[lang]
    assert f"<strong>{verdict_label}:</strong>" in entry.content[0].value
    assert TAG_NAME[lang]["agents"] in [t.label for t in entry.tags]


# -- 404 pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "heading"), [("cs", "Stránka nenalezena"), ("pl", "Nie znaleziono strony")])
def test_each_language_has_its_own_404_page_rooted_in_that_language(built_site, lang, heading):
    doc = html(built_site, f"{lang}/404.html")
    assert doc.css_first("html").attributes["lang"] == lang
    assert [s.attributes["lang"] for s in doc.css("[data-lilith-404]")] == [lang]
    assert doc.css_first("[data-lilith-404] h1").text() == heading
    assert json.loads(doc.css_first("script#__config").text())["base"] == f"/{lang}/"
    assert doc.css_first(".lilith-404__home").attributes["href"] == f"/{lang}/"


def test_the_root_404_page_speaks_every_language(built_site):
    doc = html(built_site, "404.html")
    assert doc.css_first("html").attributes["lang"] == "en"
    sections = {s.attributes["lang"]: s for s in doc.css("[data-lilith-404]")}
    assert list(sections) == ["en", "cs", "pl"]  # without JavaScript all three read in order
    assert sections["pl"].css_first("h1").text() == "Nie znaleziono strony"
    i18n = json.loads(doc.css_first("html").attributes["data-lilith-i18n"])
    assert i18n == {"cs": {"@lang": "cs"}, "pl": {"@lang": "pl"}}
    title = json.loads(doc.css_first("title").attributes["data-lilith-i18n"])
    assert title["cs"]["#text0"] == SITE_NAME["cs"]
    search = json.loads(doc.css_first("input.md-search__input").attributes["data-lilith-i18n"])
    assert search["cs"]["@placeholder"] == "Hledat"
    config = json.loads(doc.css_first("script#__config").attributes["data-lilith-i18n"])
    assert json.loads(config["pl"]["#text0"])["base"] == "/pl/"
    assert doc.css('head link[rel="alternate"][hreflang="x-default"]')[0].attributes["href"].endswith("/")
    scripts = [s.attributes.get("src", "") for s in doc.css("script[src]")]
    assert scripts.index("/assets/lilith/not-found.js") < scripts.index("/assets/lilith/sitemap-guard.js")


# -- sharing metadata --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_articles_share_translated_title_and_lede_with_their_locale(built_site, site_url, lang):
    doc = html(built_site, page_path(lang, ARTICLE))
    url = site_url + page_path(lang, ARTICLE)
    assert doc.css_first('link[rel="canonical"]').attributes["href"] == url
    assert meta(doc, "og:url") == [url]
    assert meta(doc, "og:type") == ["article"]
    assert meta(doc, "og:title") == [text(doc.css_first("h1"))] == meta(doc, "twitter:title")
    lede = text(doc.css_first(".lilith-lede"))
    assert meta(doc, "og:description") == [lede] == meta(doc, "twitter:description")
    assert meta(doc, "og:locale") == [LOCALE[lang]]
    assert sorted(meta(doc, "og:locale:alternate")) == sorted(v for k, v in LOCALE.items() if k != lang)
    assert meta(doc, "og:site_name") == [SITE_NAME[lang]]
    assert meta(doc, "article:published_time") == ["2026-11-20"]
    assert meta(doc, "twitter:card") == ["summary"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "tags/", "tags/rag/", "glossary/"])
def test_other_pages_have_canonical_hreflang_and_sharing_tags(built_site, site_url, lang, path):
    doc = html(built_site, page_path(lang, path))
    url = site_url + page_path(lang, path)
    assert doc.css_first('link[rel="canonical"]').attributes["href"] == url
    assert meta(doc, "og:url") == [url] and meta(doc, "og:type") == ["website"]
    assert meta(doc, "og:locale") == [LOCALE[lang]]
    alternates = {
        link.attributes["hreflang"]: link.attributes["href"]
        for link in doc.css('head link[rel="alternate"][hreflang]:not([type])')
    }
    assert alternates == {other: site_url + page_path(other, path) for other in LANGS} | {
        "x-default": site_url + path
    }


# -- Content-Security-Policy -------------------------------------------------------------------

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)


def inline_scripts(text: str) -> list[str]:
    return [
        body
        for attrs, body in _SCRIPT.findall(text)
        if "src=" not in attrs and "application/json" not in attrs
    ]


def test_every_page_has_the_same_strict_policy_before_any_script(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    policies = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert match, page
        assert match.start() < text.index("<script"), page
        assert text.index("<meta charset") < match.start(), page
        policies.add(match.group(1))
    (policy,) = policies
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'sha256-")
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
    assert "unsafe" not in policy
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {policy}; frame-ancestors 'none'" in headers


def test_every_inline_script_on_the_site_is_hashed_in_the_policy(built_site):
    pages = sorted(built_site.rglob("*.html"))
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', pages[0].read_text()).group(1)
    allowed = set(re.findall(r"'(sha256-[^']+)'", policy))
    seen = set()
    for page in pages:
        for body in inline_scripts(page.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"sha256-{digest}" in allowed, (page, body[:60])
            seen.add(f"sha256-{digest}")
    assert seen == allowed  # nothing allowed that no page needs


def test_no_page_has_inline_event_handlers_or_style_attributes(built_site):
    """The policy has no 'unsafe-inline': such markup would be blocked in the browser."""
    for page in sorted(built_site.rglob("*.html")):
        doc = HTMLParser(page.read_text(encoding="utf-8"))
        for node in doc.css("*"):
            bad = [a for a in node.attributes if a == "style" or re.fullmatch(r"on[a-z]+", a)]
            assert not bad, (page, node.tag, bad)
        assert not doc.css("style"), page


# -- an unknown tag ----------------------------------------------------------------------------


def test_an_unknown_tag_fails_the_build_naming_file_and_line_and_writes_nothing(tmp_path):
    src = copy_real_site(tmp_path / "src")
    article = src / "docs" / "radar" / "fine-tuning-no-longer-default.pl.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("tags: [training,", "tags: [trainig,", 1), encoding="utf-8")
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("tags:"))) + 1
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("an earlier build", encoding="utf-8")
    before = tree_state(site)

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    output = result.stdout + result.stderr
    error = f"docs/radar/fine-tuning-no-longer-default.pl.md:{line}: unknown tag 'trainig'"
    assert [line for line in output.splitlines() if error in line] == [
        f"ERROR   -  {error}; use a known tag or add 'tag.trainig' with en, cs and pl names to "
        "scripts/lilith/text/strings.yml"
    ]  # one line, the path relative to the project
    assert "Traceback" not in output
    assert tree_state(site) == before


def test_mkdocs_serve_keeps_the_policy_but_lets_live_reload_run(tmp_path):
    """`mkdocs serve` injects an inline live-reload script that no hash can allow."""
    src = copy_real_site(tmp_path / "src")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=src,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "Serving on" in line:
                break
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/cs/", timeout=10) as response:
            served = response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', served).group(1)
    assert "script-src 'self' 'unsafe-inline';" in policy and "sha256" not in policy
    assert "object-src 'none'" in policy and "style-src 'self';" in policy
    assert "livereload" in served  # the inline script the policy must let run
