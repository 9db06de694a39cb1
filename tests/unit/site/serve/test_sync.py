"""The served folder: the saved language's pages first, then everything as the full build has it."""

from __future__ import annotations

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
