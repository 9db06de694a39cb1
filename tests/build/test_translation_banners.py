"""Missing and outdated translations: strict builds fail naming file:line; other builds (and
`mkdocs serve`) warn and show readers a translated banner linking to the English original.

The site is a copy of the real one with the Czech article deleted, the English article
edited after its translations (so Polish is outdated) and, for one build, a broken date.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.conftest import free_port
from tests.editor_site import copy_real_site
from tests.site_facts import ARTICLE, SLUG

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LILITH_SITE_URL": "http://127.0.0.1/"}
EN_SOURCE = f"docs/radar/{SLUG}.md"


def break_translations(root: Path) -> Path:
    (root / f"docs/radar/{SLUG}.cs.md").unlink()
    english = root / EN_SOURCE
    text = english.read_text(encoding="utf-8")
    first = next(line for line in text.split("\n")[20:] if line.strip() and not line.startswith(("#", "/")))
    english.write_text(text.replace(first, first + " An editor added this sentence.", 1), encoding="utf-8")
    return root


def build(root: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "-d", str(root / "site")],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return break_translations(copy_real_site(tmp_path_factory.mktemp("broken")))


@pytest.fixture(scope="module")
def lenient_build(broken: Path) -> tuple[Path, str]:
    """`mkdocs build` without --strict, as `mkdocs serve` builds."""
    result = build(broken)
    assert result.returncode == 0, result.stderr
    return broken / "site", result.stderr


def page(site: Path, path: str) -> HTMLParser:
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def test_strict_build_fails_naming_file_and_line_of_each_problem(broken):
    result = build(broken, "--strict")
    assert result.returncode != 0
    log = result.stderr
    assert f"WARNING -  lilith: {EN_SOURCE}:1: error: no Czech (Čeština) translation" in log
    assert re.search(rf"lilith: docs/radar/{SLUG}\.pl\.md:\d+: error: outdated: ", log)
    assert "+" in log and "An editor added this sentence." in log  # the diff of the English
    assert "in strict mode" in result.stdout + log  # MkDocs' closing "Aborted with N warnings"


def test_a_schema_error_fails_the_strict_build_on_its_line(tmp_path):
    root = copy_real_site(tmp_path / "site-src")
    article = root / EN_SOURCE
    lines = article.read_text(encoding="utf-8").split("\n")
    date_line = next(i for i, line in enumerate(lines, 1) if line.startswith("date:"))
    article.write_text(
        "\n".join("date: 20/11/2026" if i == date_line else line for i, line in enumerate(lines, 1)),
        encoding="utf-8",
    )
    result = build(root, "--strict")
    assert result.returncode != 0
    assert f"lilith: {EN_SOURCE}:{date_line}: error: 'date': " in result.stderr
    assert "write e.g. `date: 2026-11-20`" in result.stderr
    assert "Traceback" not in result.stderr


def test_lenient_build_warns_and_goes_on(lenient_build):
    site, log = lenient_build
    assert "WARNING -  lilith:" in log and "no Czech (Čeština) translation" in log
    assert (site / "cs" / ARTICLE / "index.html").is_file()


def test_a_fallback_page_says_so_in_czech_and_links_the_english_page(lenient_build):
    site, _ = lenient_build
    doc = page(site, "cs/" + ARTICLE)
    assert doc.css_first("html").attributes["lang"] == "cs"
    banner = doc.css_first("aside.lilith-banner--fallback")
    assert banner is not None
    assert banner.attributes["aria-label"] == "Upozornění k překladu"
    assert "není přeložená do češtiny" in banner.text()
    link = banner.css_first("a")
    assert link.text().replace("\u00a0", " ") == "Otevřít stránku v angličtině"
    assert link.attributes["href"] == "../../../" + ARTICLE
    assert link.attributes["hreflang"] == "en"
    # The banner is Czech; the English article under it says it is English.
    assert "lang" not in banner.attributes
    assert doc.css_first("article.lilith-article").attributes["lang"] == "en"


def test_an_outdated_page_says_so_in_polish(lenient_build):
    site, _ = lenient_build
    doc = page(site, "pl/" + ARTICLE)
    banner = doc.css_first("aside.lilith-banner--outdated")
    assert banner is not None and "może być nieaktualne" in banner.text()
    assert banner.css_first("a").text() == "Przeczytaj angielski oryginał"
    assert banner.css_first("a").attributes["href"] == "../../../" + ARTICLE


def test_pages_that_are_up_to_date_have_no_banner(lenient_build):
    site, _ = lenient_build
    for path in (ARTICLE, "", "cs/", "pl/"):
        assert page(site, path).css_first(".lilith-banner") is None, path


def test_no_page_of_the_real_site_has_a_banner(built_site):
    """Generated pages (glossary, tags) and every translation are up to date: no banner anywhere."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        assert "lilith-banner" not in path.read_text(encoding="utf-8"), path.relative_to(built_site)


def test_mkdocs_serve_warns_and_serves_the_banner_instead_of_stopping(broken):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=broken,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        log = []
        assert server.stdout is not None
        for line in server.stdout:
            log.append(line)
            if "Serving on" in line:
                break
        assert any("no Czech (Čeština) translation" in line for line in log), "".join(log)
        html = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/cs/{ARTICLE}", timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        assert "lilith-banner--fallback" in html
        assert re.search("Otevřít stránku v(?:\u00a0|&nbsp;)angličtině", html)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_freshly_scaffolded_article_builds_for_serve_and_fails_strict(tmp_path):
    root = copy_real_site(tmp_path / "scaffolded")
    created = subprocess.run(
        [sys.executable, "-m", "lilith", "new", "fresh-article", "--tag", "evals", "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    lenient = build(root)
    assert lenient.returncode == 0, lenient.stderr
    for lang in ("", "cs/", "pl/"):
        doc = page(root / "site", f"{lang}radar/fresh-article/")
        assert doc.css_first(".lilith-verdict") is not None
        assert len(doc.css("article h2")) >= 4
    assert "docs/radar/fresh-article.md:2: error: text left from `python -m lilith new`" in lenient.stderr
    assert build(root, "--strict").returncode != 0


def test_czech_banner_text_keeps_one_letter_words_with_the_next_word(lenient_build):
    site, _ = lenient_build
    link = page(site, "cs/" + ARTICLE).css_first("aside.lilith-banner a")
    assert link.text() == "Otevřít stránku v\u00a0angličtině"
