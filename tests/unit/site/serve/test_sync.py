"""The served folder: the saved language's pages first, then everything as the full build has it."""

from __future__ import annotations

import os
from pathlib import Path

from lilith.site.serve.sync import SiteMirror

PAGE = "<!doctype html><html><head><title>{}</title></head><body><p>{}</p></body></html>"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _parts(tmp_path: Path) -> dict[str, Path]:
    parts = {lang: tmp_path / "parts" / lang for lang in ("en", "cs", "pl")}
    _write(parts["en"] / "index.html", PAGE.format("Home", "one"))
    _write(parts["en"] / "404.html", PAGE.format("Not found", "Nothing here"))
    for lang, word in (("cs", "Nenalezeno"), ("pl", "Nie znaleziono")):
        _write(parts[lang] / lang / "index.html", PAGE.format(lang, "jedna"))
        _write(parts[lang] / lang / "404.html", PAGE.format(word, word))
    return parts


def test_a_saved_language_is_served_alone_and_the_rest_follows(tmp_path: Path) -> None:
    parts, site = _parts(tmp_path), tmp_path / "site"
    site.mkdir()
    mirror = SiteMirror(site, parts, "en")
    mirror.update()
    root_404 = (site / "404.html").read_text(encoding="utf-8")

    _write(parts["cs"] / "cs" / "index.html", PAGE.format("cs", "dvě"))
    _write(parts["en"] / "index.html", PAGE.format("Home", "two"))  # a build still writing
    (parts["pl"] / "pl" / "index.html").unlink()
    _write(parts["cs"] / "cs" / "404.html", PAGE.format("Nenalezeno", "Stránka nenalezena"))
    seen = []
    changed = mirror.update(seen.append, langs={"cs"})

    assert sorted(changed) == ["cs/404.html", "cs/index.html"]
    assert seen == [changed]
    assert "dvě" in (site / "cs" / "index.html").read_text(encoding="utf-8")
    assert "one" in (site / "index.html").read_text(encoding="utf-8"), "another language was copied"
    assert (site / "pl" / "index.html").exists(), "another language's page was removed"
    assert (site / "404.html").read_text(encoding="utf-8") == root_404, "the root 404 needs every language"

    changed = mirror.update()
    assert "404.html" in changed and "index.html" in changed and "pl/index.html" in changed
    assert "two" in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "pl" / "index.html").exists()
    assert "Stránka nenalezena" in (site / "404.html").read_text(encoding="utf-8")


def test_the_root_404_is_localized_from_the_built_pages_not_the_stamped_ones(tmp_path: Path) -> None:
    """The served pages carry the site's policy; the root page is compared with pages without it."""
    parts, site = _parts(tmp_path), tmp_path / "site"
    site.mkdir()
    mirror = SiteMirror(site, parts, "en")
    mirror.update()
    _write(parts["cs"] / "cs" / "404.html", PAGE.format("Nenalezeno", "Stránka nenalezena"))
    mirror.update(langs={"cs"})  # stamps the served cs/404.html
    _write(parts["en"] / "404.html", PAGE.format("Not found", "Nothing at all here"))
    mirror.update()

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    SiteMirror(fresh, parts, "en").update()
    assert (site / "404.html").read_bytes() == (fresh / "404.html").read_bytes()
    assert "Stránka nenalezena" in (site / "404.html").read_text(encoding="utf-8")


SCRIPTED = PAGE.replace("</body>", "<script>console.log({!r})</script></body>")


def _served_site(tmp_path: Path) -> tuple[dict[str, Path], Path, Path, SiteMirror]:
    """(the workers' parts, the served site after a first run, a preview folder, the mirror)."""
    parts, site = _parts(tmp_path), tmp_path / "site"
    site.mkdir()
    mirror = SiteMirror(site, parts, "en")
    mirror.update()
    return parts, site, tmp_path / "preview", mirror


def _served(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_a_preview_shown_as_the_run_then_writes_it_is_not_reported_again(tmp_path: Path) -> None:
    parts, site, preview, mirror = _served_site(tmp_path)
    _write(preview / "cs" / "index.html", PAGE.format("cs", "dvě"))

    assert mirror.show(preview, ["cs/index.html"]) == ["cs/index.html"]
    shown = _served(site, "cs/index.html")
    assert "dvě" in shown and "Content-Security-Policy" in shown, "shown with the site's policy"

    _write(parts["cs"] / "cs" / "index.html", PAGE.format("cs", "dvě"))  # the run: the same page
    _write(parts["en"] / "index.html", PAGE.format("Home", "two"))
    seen = []
    changed = mirror.update(seen.append)
    assert "cs/index.html" in changed and "index.html" in changed
    assert "cs/index.html" not in seen[0], "the browser has this page as it is: no second reload"
    assert "index.html" in seen[0]
    assert _served(site, "cs/index.html") == shown


def test_a_preview_the_run_writes_otherwise_is_reported_and_replaced(tmp_path: Path) -> None:
    parts, site, preview, mirror = _served_site(tmp_path)
    _write(preview / "cs" / "index.html", PAGE.format("cs", "dvě"))
    mirror.show(preview, ["cs/index.html"])

    _write(parts["cs"] / "cs" / "index.html", PAGE.format("cs", "tři"))
    seen = []
    mirror.update(seen.append, langs={"cs"})
    assert seen == [["cs/index.html"]]
    assert "tři" in _served(site, "cs/index.html")


def test_a_preview_the_run_does_not_write_goes_back_to_the_page_before(tmp_path: Path) -> None:
    _, site, preview, mirror = _served_site(tmp_path)
    before = _served(site, "cs/index.html")
    _write(preview / "cs" / "index.html", PAGE.format("cs", "dvě"))
    mirror.show(preview, ["cs/index.html"])

    seen = []
    mirror.update(seen.append)
    assert "cs/index.html" in seen[0], "the browser has the preview: it reloads"
    assert _served(site, "cs/index.html") == before


def test_a_failed_run_serves_the_previewed_page_as_it_was(tmp_path: Path) -> None:
    _, site, preview, mirror = _served_site(tmp_path)
    before = _served(site, "index.html")
    _write(preview / "index.html", PAGE.format("Home", "two"))
    mirror.show(preview, ["index.html"])
    assert "two" in _served(site, "index.html")

    assert mirror.revert_preview() == ["index.html"]
    assert _served(site, "index.html") == before
    assert mirror.revert_preview() == []


def test_a_preview_with_an_inline_script_the_policy_lacks_is_not_shown(tmp_path: Path) -> None:
    """Every page would need the new policy first: the run restamps them all."""
    _, site, preview, mirror = _served_site(tmp_path)
    before = _served(site, "index.html")
    _write(preview / "index.html", SCRIPTED.format("Home", "two", "new"))

    assert mirror.show(preview, ["index.html"]) == []
    assert _served(site, "index.html") == before


def test_nothing_is_shown_before_the_first_run_or_for_a_page_not_served(tmp_path: Path) -> None:
    parts, site, preview = _parts(tmp_path), tmp_path / "site", tmp_path / "preview"
    site.mkdir()
    _write(preview / "index.html", PAGE.format("Home", "two"))
    _write(preview / "new" / "index.html", PAGE.format("New", "page"))
    mirror = SiteMirror(site, parts, "en")
    assert mirror.show(preview, ["index.html"]) == []
    mirror.update()
    assert mirror.show(preview, ["new/index.html"]) == []
    assert not (site / "new").exists()


def test_the_default_language_served_first_keeps_the_root_404(tmp_path: Path) -> None:
    parts, site, _, mirror = _served_site(tmp_path)
    root_404 = _served(site, "404.html")
    _write(parts["en"] / "index.html", PAGE.format("Home", "two"))
    seen = []
    mirror.update(seen.append, langs={"en"})
    assert seen == [["index.html"]]
    assert _served(site, "404.html") == root_404


def test_a_page_written_again_with_the_same_bytes_is_not_reported(tmp_path: Path) -> None:
    """Workers write their 404 pages on every run: the browser reloads only for real changes."""
    parts, _, _, mirror = _served_site(tmp_path)
    for lang, rel in (("en", "404.html"), ("cs", "cs/404.html")):
        path = parts[lang] / rel
        path.write_bytes(path.read_bytes())
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    seen = []
    changed = mirror.update(seen.append)
    assert "cs/404.html" in changed, "copied: its stamp changed"
    assert seen == [[]]
