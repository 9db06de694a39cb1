"""The article's checklist in a real browser: verdict, memory, share links, instant navigation,
keyboard, no JavaScript, no storage, and an edited question that forgets only its own answer."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, Watched, watch
from tests.browser.test_accessibility import AXE, describe
from tests.checklist_site import build, edit, make_site
from tests.conftest import QuietHandler, free_port
from tests.site_facts import ARTICLE, LANGS, page_path

CHECKLIST = "#checklist-before-fine-tuning"
VERDICT = {
    "en": ("Keep fine-tuning in the drawer.", "Fine-tuning is now a measured decision."),
    "cs": ("Nechte fine-tuning v\u00a0šuplíku.", "Fine-tuning je teď rozhodnutí podložené měřením."),
    "pl": ("Trzymaj fine-tuning w\u00a0szufladzie.", "Fine-tuning jest teraz decyzją popartą pomiarami."),
}
PROGRESS = {
    "en": "“Yes” answers: {n} of 4.",
    "cs": "Odpovědi „ano“: {n}, otázek celkem: 4.",
    "pl": "Odpowiedzi „tak”: {n} z\u00a04.",
}
NO_STORAGE = """
Object.defineProperty(window, 'localStorage', { get() { throw new Error('storage disabled'); } });
"""
COUNT_STATUS_CHANGES = """
() => {
  window.__statusChanges = 0;
  const status = document.querySelector('#checklist-before-fine-tuning [role=status]');
  new MutationObserver((records) => { window.__statusChanges += records.length; })
    .observe(status, { childList: true });
}
"""


def normal(text: str) -> str:
    """Text as a reader sees it: typography's no-break spaces count as spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def article(page: Page, base: str, lang: str = "en") -> None:
    page.goto(base + page_path(lang, ARTICLE), wait_until="networkidle")
    expect(page.locator(f"{CHECKLIST}.lilith-checklist--live")).to_be_attached()


def boxes(page: Page):
    return page.locator(f"{CHECKLIST} input[type=checkbox]")


def status(page: Page) -> str:
    return normal(page.locator(f"{CHECKLIST} [role=status]").inner_text())


def ticked(page: Page) -> list[bool]:
    return [boxes(page).nth(i).is_checked() for i in range(boxes(page).count())]


# -- the verdict ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_ticking_updates_the_live_verdict_and_what_to_do_first(page: Watched, served_site, lang):
    article(page.page, served_site, lang)
    fewer, all_yes = (normal(v) for v in VERDICT[lang])
    todo = page.page.locator(f"{CHECKLIST} .lilith-checklist__todo li")

    assert status(page.page).startswith(normal(PROGRESS[lang].format(n=0)) + " " + fewer)
    assert todo.evaluate_all("els => els.filter(el => !el.hidden).length") == 4

    boxes(page.page).nth(0).check()
    boxes(page.page).nth(2).check()
    assert status(page.page).startswith(normal(PROGRESS[lang].format(n=2)) + " " + fewer)
    visible = todo.evaluate_all("els => els.filter(el => !el.hidden).map(el => el.dataset.hash)")
    hashes = [boxes(page.page).nth(i).get_attribute("value") for i in (1, 3)]
    assert visible == hashes  # the unticked questions' steps, in order

    boxes(page.page).nth(1).check()
    boxes(page.page).nth(3).check()
    assert status(page.page).startswith(normal(PROGRESS[lang].format(n=4)) + " " + all_yes)
    expect(page.page.locator(f"{CHECKLIST} .lilith-checklist__todo")).to_be_hidden()
    assert page.page.locator(f"{CHECKLIST} [role=status]").count() == 1
    assert page.errors == []


def test_without_javascript_the_fieldset_explains_everything_in_text(browser: Browser, served_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_site + ARTICLE)
        checklist = page.locator(CHECKLIST)

        expect(checklist.locator("fieldset > legend")).to_have_text("Four questions before you fine-tune")
        checkbox = page.get_by_role(
            "checkbox", name="Do we have an evaluation set that captures real quality"
        )
        expect(checkbox).to_be_visible()
        assert page.get_by_role("checkbox").count() == 4
        expect(checklist.locator(".lilith-checklist__lever")).to_have_count(4)
        for i in range(4):
            expect(checklist.locator(".lilith-checklist__lever").nth(i)).to_be_visible()
        key = checklist.locator(".lilith-checklist__key")
        expect(key).to_be_visible()
        assert "Keep fine-tuning in the drawer." in normal(key.inner_text())
        assert "Fine-tuning is now a measured decision." in normal(key.inner_text())
        expect(checklist.locator(".lilith-checklist__result")).to_be_hidden()
        checkbox.check()  # still a working form control
        expect(checkbox).to_be_checked()
    finally:
        context.close()


def test_printed_page_shows_the_steps_and_outcomes_not_the_buttons(page: Watched, served_site):
    article(page.page, served_site)
    boxes(page.page).nth(0).check()
    page.page.emulate_media(media="print")
    checklist = page.page.locator(CHECKLIST)

    expect(checklist.locator(".lilith-checklist__key")).to_be_visible()
    expect(checklist.locator(".lilith-checklist__lever").first).to_be_visible()
    expect(checklist.locator(".lilith-checklist__actions")).to_be_hidden()
    expect(boxes(page.page).nth(0)).to_be_checked()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("ours", [True, False], ids=["with-checklist-js", "without-checklist-js"])
def test_axe_finds_nothing_in_an_answered_checklist(browser: Browser, served_site, scheme, ours):
    """test_accessibility covers the untouched page; this covers ticks, the steps list and the
    markup readers get without our script (axe itself needs JavaScript, so the script is blocked)."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = context.new_page()
        if not ours:
            page.route("**/checklist.js", lambda route: route.abort())
        page.goto(served_site + page_path("pl", ARTICLE), wait_until="networkidle")
        live = page.locator(f"{CHECKLIST}.lilith-checklist--live")
        expect(live).to_have_count(1 if ours else 0)
        boxes(page).nth(0).check()
        boxes(page).nth(1).focus()
        violations = AXE.run(page, context=CHECKLIST).response["violations"]
        assert violations == [], describe(violations)
    finally:
        context.close()


# -- memory and sharing -----------------------------------------------------------------------


def test_reload_keeps_the_answers_and_reset_clears_them(page: Watched, served_site):
    article(page.page, served_site)
    boxes(page.page).nth(1).check()
    boxes(page.page).nth(3).check()

    page.page.reload(wait_until="networkidle")
    assert ticked(page.page) == [False, True, False, True]
    assert status(page.page).startswith("“Yes” answers: 2 of 4.")

    page.page.get_by_role("button", name="Clear answers").click()
    assert ticked(page.page) == [False] * 4
    page.page.reload(wait_until="networkidle")
    assert ticked(page.page) == [False] * 4
    assert page.errors == []


def test_share_link_restores_the_same_ticks_in_a_fresh_browser(browser: Browser, page: Watched, served_site):
    article(page.page, served_site)
    boxes(page.page).nth(0).check()
    boxes(page.page).nth(2).check()
    link = page.page.locator(f"{CHECKLIST} a.lilith-checklist__share").get_attribute("href")
    assert link.startswith(served_site + ARTICLE + "?checklist-before-fine-tuning=")

    fresh = browser.new_context(viewport=PHONE)  # no storage shared with the first browser
    try:
        other = watch(fresh.new_page())
        other.page.goto(link, wait_until="networkidle")
        expect(other.page.locator(f"{CHECKLIST}.lilith-checklist--live")).to_be_attached()
        assert ticked(other.page) == [True, False, True, False]
        assert status(other.page).startswith("“Yes” answers: 2 of 4.")
        # the address bar follows later changes, so copying it shares what is ticked now
        boxes(other.page).nth(1).check()
        assert other.page.url == other.page.locator(f"{CHECKLIST} a.lilith-checklist__share").get_attribute(
            "href"
        )
        assert other.errors == []
    finally:
        fresh.close()


def test_copy_button_puts_the_share_link_on_the_clipboard(browser: Browser, served_site):
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.rstrip("/"))
    try:
        page = context.new_page()
        article(page, served_site)
        boxes(page).nth(3).check()
        page.get_by_role("button", name="Copy link").click()

        expect(page.locator(f"{CHECKLIST} .lilith-checklist__note")).to_have_text("Link copied.")
        share = page.locator(f"{CHECKLIST} a.lilith-checklist__share").get_attribute("href")
        assert page.evaluate("navigator.clipboard.readText()") == share
    finally:
        context.close()


def test_without_storage_it_still_works_and_just_forgets(browser: Browser, served_site):
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(NO_STORAGE)
    try:
        page = watch(context.new_page())
        stacks: list[str] = []
        page.page.on("pageerror", lambda error: stacks.append(error.stack or ""))
        article(page.page, served_site)
        probe = "() => { try { localStorage; return 'works'; } catch (e) { return 'throws'; } }"
        assert page.page.evaluate(probe) == "throws"
        for i in range(4):
            boxes(page.page).nth(i).check()
        assert status(page.page).startswith("“Yes” answers: 4 of 4. Fine-tuning is now a measured decision.")
        page.page.get_by_role("button", name="Clear answers").click()
        assert status(page.page).startswith("“Yes” answers: 0 of 4.")
        boxes(page.page).nth(0).check()
        page.page.reload(wait_until="networkidle")
        assert ticked(page.page) == [False] * 4
        # Material's own inline __md_get reads localStorage unguarded and throws; ours never does.
        assert [stack for stack in stacks if "checklist.js" in stack] == []
    finally:
        context.close()


# -- instant navigation and keyboard -----------------------------------------------------------


def test_instant_navigation_away_and_back_keeps_state_without_piling_up_listeners(page: Watched, served_site):
    p = page.page
    article(p, served_site)
    p.evaluate(COUNT_STATUS_CHANGES)
    boxes(p).nth(0).check()
    per_tick = p.evaluate("window.__statusChanges")
    assert per_tick == 1  # one tick, one update of the result

    p.evaluate("window.__sameDocument = true")
    p.locator("a.md-header__button.md-logo").click()  # to the home page
    p.wait_for_url(served_site)
    expect(p.locator(".lilith-radar__item").first).to_be_visible()
    p.locator(f'.lilith-radar__item h2 a[href*="{ARTICLE}"]').first.click()  # and back
    p.wait_for_url(served_site + ARTICLE)
    expect(p.locator(f"{CHECKLIST}.lilith-checklist--live")).to_be_attached()

    assert p.evaluate("window.__sameDocument") is True  # instant navigation, no full reload
    assert ticked(p) == [True, False, False, False]
    p.evaluate(COUNT_STATUS_CHANGES)
    boxes(p).nth(1).check()
    assert p.evaluate("window.__statusChanges") == per_tick
    assert status(p).startswith("“Yes” answers: 2 of 4.")
    assert page.errors == []


def test_keyboard_only_tab_space_and_a_visible_focus(page: Watched, served_site):
    p = page.page
    article(p, served_site)
    first = boxes(p).nth(0)
    for _ in range(200):  # Tab from the top of the page to the first question
        p.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first checkbox")

    outline = first.evaluate(
        "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth"
    )
    assert not outline.startswith("none") and not outline.endswith(" 0px")
    p.keyboard.press("Space")
    expect(first).to_be_checked()
    assert status(p).startswith("“Yes” answers: 1 of 4.")

    p.keyboard.press("Tab")  # the glossary link of question 1
    p.keyboard.press("Tab")
    expect(boxes(p).nth(1)).to_be_focused()
    p.keyboard.press("Space")
    assert status(p).startswith("“Yes” answers: 2 of 4.")

    reset = p.get_by_role("button", name="Clear answers")
    for _ in range(20):
        p.keyboard.press("Tab")
        if reset.evaluate("el => el === document.activeElement"):
            break
    p.keyboard.press("Space")
    assert ticked(p) == [False] * 4


# -- an edited question ------------------------------------------------------------------------


@pytest.fixture
def editable_site(tmp_path: Path) -> Iterator[tuple[Path, Path, str]]:
    """A private copy of the site, served on 127.0.0.1 while a test edits and rebuilds it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    config, site = make_site(tmp_path / "src"), tmp_path / "site"
    site.mkdir()
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield config, site, url
    finally:
        server.shutdown()
        server.server_close()


def test_an_edited_question_forgets_only_its_own_answer(page: Watched, editable_site):
    config, site, url = editable_site
    first = build(config, site, url)
    assert first.returncode == 0, first.stderr
    article(page.page, url)
    for i in range(4):
        boxes(page.page).nth(i).check()
    old_hashes = [boxes(page.page).nth(i).get_attribute("value") for i in range(4)]

    edit(
        config,
        "- Is the problem in knowledge, style, process, format, or the reasoning behavior itself?",
        "- Do we know whether the problem is knowledge, style, process, format or reasoning?",
    )
    second = build(config, site, url)
    assert second.returncode == 0, second.stderr
    page.page.reload(wait_until="networkidle")

    new_hashes = [boxes(page.page).nth(i).get_attribute("value") for i in range(4)]
    assert [old == new for old, new in zip(old_hashes, new_hashes, strict=True)] == [True, False, True, True]
    assert ticked(page.page) == [True, False, True, True]
    assert status(page.page).startswith("“Yes” answers: 3 of 4. Keep fine-tuning in the drawer.")
    assert page.errors == []
