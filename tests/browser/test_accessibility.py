"""axe-core finds no violations: home and article, each language, light and dark, phone and desktop."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.browser.conftest import DESKTOP, PHONE
from tests.site_facts import ARTICLE, LANGS, page_path

AXE = Axe()


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", ARTICLE], ids=["home", "article"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violations(browser: Browser, served_site: str, lang, path, scheme, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served_site + page_path(lang, path), wait_until="networkidle")
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        violations = AXE.run(page).response["violations"]
        assert violations == [], describe(violations)
    finally:
        context.close()
