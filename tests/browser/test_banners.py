"""Readers see translation banners: with instant navigation inside a language, and a full page
load (right `<html lang>`) when they follow the banner to the English original.

The site is a lenient build (as `mkdocs serve` builds) of the real one with the Czech
article deleted and the English article edited after its Polish translation.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, Watched
from tests.build.test_translation_banners import break_translations
from tests.conftest import QuietHandler, free_port
from tests.editor_site import copy_real_site
from tests.site_facts import ARTICLE

SHOTS = Path("/tmp/lilith-banner-shots")


@pytest.fixture(scope="module")
def banner_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = break_translations(copy_real_site(tmp_path_factory.mktemp("banners")))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LILITH_SITE_URL": url}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()
    server.server_close()


def test_the_banner_link_is_a_full_load_of_the_english_page(page: Watched, banner_site: str):
    p = page.page
    p.goto(banner_site + "cs/" + ARTICLE, wait_until="networkidle")
    banner = p.locator("aside.lilith-banner--fallback")
    assert banner.is_visible()
    assert banner.get_attribute("aria-label") == "Upozornění k překladu"
    p.evaluate("window.__sameDocument = true")
    banner.get_by_role("link", name="Otevřít stránku v angličtině").click()
    p.wait_for_url(banner_site + ARTICLE)
    p.wait_for_load_state("networkidle")
    assert p.evaluate("window.__sameDocument === undefined"), "expected a full page load"
    assert p.locator("html").get_attribute("lang") == "en"
    assert p.locator(".lilith-banner").count() == 0
    assert page.errors == []


def test_instant_navigation_brings_the_banner_and_takes_it_away(page: Watched, banner_site: str):
    p = page.page
    p.goto(banner_site + "cs/", wait_until="networkidle")
    assert p.locator(".lilith-banner").count() == 0
    p.evaluate("window.__sameDocument = true")
    p.locator(".lilith-radar__title a").first.click()
    p.wait_for_url(banner_site + "cs/" + ARTICLE)
    p.wait_for_load_state("networkidle")
    # the address changes before Material swaps the content in: wait for the content
    expect(p.locator("aside.lilith-banner--fallback")).to_be_visible()
    assert p.evaluate("window.__sameDocument === true"), "expected instant navigation"
    p.go_back()
    p.wait_for_url(banner_site + "cs/")
    expect(p.locator(".lilith-banner")).to_have_count(0)
    assert p.evaluate("window.__sameDocument === true")
    assert page.errors == []


def test_the_outdated_banner_is_polish_on_the_polish_page(page: Watched, banner_site: str):
    p = page.page
    p.goto(banner_site + "pl/" + ARTICLE, wait_until="networkidle")
    banner = p.locator("aside.lilith-banner--outdated")
    assert "może być nieaktualne" in banner.inner_text()
    link = banner.get_by_role("link", name="Przeczytaj angielski oryginał")
    assert link.get_attribute("hreflang") == "en"
    link.focus()
    p.keyboard.press("Enter")
    p.wait_for_url(banner_site + ARTICLE)
    assert p.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["cs/" + ARTICLE, "pl/" + ARTICLE], ids=["fallback-cs", "outdated-pl"])
def test_banners_pass_axe_and_fit_a_phone(browser: Browser, banner_site: str, path, scheme, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    try:
        p = context.new_page()
        p.goto(banner_site + path, wait_until="networkidle")
        banner = p.locator(".lilith-banner")
        box = banner.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        assert p.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        violations = Axe().run(p, context=".lilith-banner").response["violations"]
        assert violations == [], violations
        SHOTS.mkdir(exist_ok=True)
        name = f"{path.split('/')[0]}-{scheme}-{'phone' if viewport == PHONE else 'desktop'}.png"
        p.screenshot(path=str(SHOTS / name))
    finally:
        context.close()
