"""The real site's internal links and anchors all resolve, in every language (issue 8).

This is the check `python -m lilith links --no-external` runs, on the session's strict
build; `make test` runs it, so a broken link or anchor fails CI.
"""

from __future__ import annotations

from pathlib import Path

from lilith.cli import main
from lilith.links.internal import SiteChecker, check_site, site_url_of

from tests.site_facts import LANGS, PREFIX


def test_every_internal_link_and_anchor_in_the_built_site_resolves(built_site: Path):
    issues = check_site(built_site)
    assert issues == [], "\n".join(f"{i.page}:{i.line}: {i.message}" for i in issues)


def test_the_check_covers_every_language_and_the_generated_absolute_links(built_site: Path, site_url: str):
    assert site_url_of(built_site) == site_url  # canonical and hreflang URLs are checked, not skipped
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    for lang in LANGS:
        assert f"{PREFIX[lang]}index.html" in pages
    checker = SiteChecker(built_site)
    # A link that does not resolve is caught on the real pages too, in each language.
    for lang in LANGS:
        home = f"{PREFIX[lang]}index.html"
        assert checker.check_ref(home, 1, "radar/no-such-article/") is not None
        assert checker.check_ref(home, 1, "#no-such-anchor") is not None
        assert checker.check_ref(home, 1, f"{site_url}{PREFIX[lang]}radar/no-such-article/") is not None


def test_the_links_command_passes_on_the_built_site(built_site: Path, capsys):
    root = Path(__file__).resolve().parents[2]
    code = main(
        ["links", "--root", str(root), "--site-dir", str(built_site), "--no-external", "--format", "json"]
    )
    assert code == 0, capsys.readouterr().out
