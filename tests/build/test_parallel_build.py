"""`python -m lilith.site.parallel_build` writes exactly the site a sequential `mkdocs build` writes.

One process per language, merged: the same files with the same bytes, and a failing
language fails the whole build with its error shown once and `site/` left alone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lilith.site.merge import drop_fallback_duplicates, merge

from tests.conftest import ROOT

ARTICLE_SRC = "docs/radar/fine-tuning-no-longer-default"


def parallel_build(config: Path, site_dir: Path, site_url: str, *flags: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LILITH_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "lilith.site.parallel_build", "-f", str(config), "-d", str(site_dir), *flags],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(expected: Path, actual: Path) -> None:
    want, got = tree(expected), tree(actual)
    assert sorted(got) == sorted(want), "the two builds wrote different files"
    differing = [name for name in want if want[name] != got[name]]
    assert differing == [], f"files whose bytes differ: {differing}"


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A copy of the real site's sources (overrides shared) that a test may break."""
    root = tmp_path / "src"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "glossary"):
        shutil.copytree(ROOT / folder, root / folder)
    for entry in ROOT.iterdir():  # other data folders the plugin may read, shared read-only
        skip = {"site", "tests", "bench", "scripts"}
        wanted = entry.is_dir() and not entry.name.startswith(".") and entry.name not in skip
        if wanted and not (root / entry.name).exists():
            (root / entry.name).symlink_to(entry)
    return root


def test_parallel_build_of_the_real_site_is_the_sequential_build_byte_for_byte(
    built_site, site_url, tmp_path
):
    out = tmp_path / "site"
    result = parallel_build(ROOT / "mkdocs.yml", out, site_url, "--strict", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert_same_site(built_site, out)


def test_a_missing_translation_gives_the_same_site_and_search_indexes_both_ways(site_copy, tmp_path):
    (site_copy / f"{ARTICLE_SRC}.pl.md").unlink()  # Polish falls back to the English text
    url = "http://127.0.0.1:9/"
    sequential, parallel = tmp_path / "seq", tmp_path / "par"
    mkdocs_build_lenient(site_copy / "mkdocs.yml", sequential, url)
    result = parallel_build(site_copy / "mkdocs.yml", parallel, url, "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert_same_site(sequential, parallel)


def mkdocs_build_lenient(config: Path, site_dir: Path, site_url: str) -> None:
    env = {**os.environ, "LILITH_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    subprocess.run(cmd, cwd=config.parent, env=env, check=True, capture_output=True)


def test_a_broken_article_fails_every_language_with_the_error_shown_once(site_copy, tmp_path):
    article = site_copy / f"{ARTICLE_SRC}.md"
    article.write_text(article.read_text().replace("date: 2026-11-20", "date: 2026-13-45"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the last good build")
    result = parallel_build(site_copy / "mkdocs.yml", site, "http://127.0.0.1:9/", "--strict")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert output.count("fine-tuning-no-longer-default.md:9:") == 1, output
    assert "The 'en', 'cs' and 'pl' builds failed" in output, output
    assert "Traceback" not in output
    assert [p.name for p in site.iterdir()] == ["previous.html"], "site/ must stay as it was"
    assert not [p for p in tmp_path.iterdir() if ".parts-" in p.name], "temporary builds are removed"


def test_a_warning_in_one_language_fails_the_strict_build_naming_that_language(site_copy, tmp_path):
    czech = site_copy / f"{ARTICLE_SRC}.cs.md"
    czech.write_text(czech.read_text() + "\nViz [chybějící stránku](neexistuje.md).\n")
    result = parallel_build(site_copy / "mkdocs.yml", tmp_path / "site", "http://127.0.0.1:9/", "--strict")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "[cs] WARNING -  Doc file 'radar/fine-tuning-no-longer-default.cs.md' contains a link" in output
    assert output.count("is not found among documentation files") == 1, output
    assert re.search(r"ERROR +-  The ('\w\w', )*'cs'( and '\w\w')* builds? failed", output), output
    assert "warnings in strict mode!" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").iterdir())


def test_merge_takes_each_language_only_from_its_own_build(tmp_path):
    def write(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    parts = {lang: tmp_path / lang for lang in ("en", "cs", "pl")}
    for lang, part in parts.items():  # every build writes the assets and stray root files
        write(part / "assets/app.js", f"js from {lang}")
        write(part / "404.html", f"404 from {lang}")
    write(parts["en"] / "index.html", "en home")
    write(parts["en"] / "cs/sitemap.xml", "stale cs sitemap from the en build")
    write(parts["cs"] / "cs/index.html", "cs home")
    write(parts["cs"] / "cs/sitemap.xml", "cs sitemap")
    write(parts["pl"] / "pl/index.html", "pl home")
    site = tmp_path / "site"
    write(site / "old.html", "stale")
    write(site / ".git/HEAD", "kept, like mkdocs keeps hidden files")

    merge(parts, site, "en")

    assert tree(site) == {
        ".git/HEAD": b"kept, like mkdocs keeps hidden files",
        "404.html": b"404 from en",
        "assets/app.js": b"js from en",
        "index.html": b"en home",
        "cs/index.html": b"cs home",
        "cs/sitemap.xml": b"cs sitemap",
        "pl/index.html": b"pl home",
    }


def test_fallback_search_entries_are_dropped_as_static_i18n_drops_them():
    def doc(location: str, title: str, text: str) -> dict:
        return {"location": location, "title": title, "text": text}

    indexes = {
        "en": {"docs": [doc("", "Radar", "Hi"), doc("radar/a/", "A", "English text")]},
        "cs": {"docs": [doc("", "Radar", "Ahoj"), doc("radar/a/", "A", "English text")]},
        "pl": {"docs": [doc("", "Radar", "Cześć"), doc("radar/a/", "A", "Tekst po polsku")]},
    }
    changed = drop_fallback_duplicates(indexes, ["en", "cs", "pl"])
    assert changed == {"cs"}
    assert indexes["cs"]["docs"] == [doc("", "Radar", "Ahoj")]
    assert len(indexes["pl"]["docs"]) == 2 and len(indexes["en"]["docs"]) == 2


def static_i18n_drops(indexes: dict[str, dict], order: list[str]) -> dict[str, list[dict]]:
    """What static-i18n's own (pairwise) code keeps of the joined per-language indexes."""
    from types import SimpleNamespace

    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    prefixes = {lang: "" if lang == order[0] else f"{lang}/" for lang in order}
    entries = [
        {**doc, "location": prefixes[lang] + doc["location"], "_lang": lang}
        for lang in order
        for doc in indexes[lang]["docs"]
    ]
    ExtendedPlugin.reconfigure_search_duplicates(SimpleNamespace(build_languages=order), entries)
    return {
        lang: [
            {k: v for k, v in e.items() if k != "_lang"}
            | {"location": e["location"].removeprefix(prefixes[lang])}
            for e in entries
            if e["_lang"] == lang
        ]
        for lang in order
    }


def test_fallback_search_entries_are_dropped_exactly_as_static_i18n_drops_them_in_a_large_index():
    def page(slug: str, lang_text: str) -> list[dict]:
        url = f"radar/{slug}/"
        return [{"location": url, "title": slug, "text": lang_text}] + [
            {"location": f"{url}#part-{k}", "title": f"Part {k}", "text": f"{lang_text} {k}"}
            for k in range(3)
        ]

    order = ["en", "cs", "pl"]
    indexes: dict[str, dict] = {lang: {"docs": []} for lang in order}
    for i in range(120):  # every third page has no Czech text, every fifth no Polish text
        indexes["en"]["docs"] += page(f"a{i}", f"English {i}")
        indexes["cs"]["docs"] += page(f"a{i}", f"English {i}" if i % 3 == 0 else f"Česky {i}")
        indexes["pl"]["docs"] += page(f"a{i}", f"English {i}" if i % 5 == 0 else f"Po polsku {i}")
    expected = static_i18n_drops({lang: {"docs": list(ix["docs"])} for lang, ix in indexes.items()}, order)

    assert drop_fallback_duplicates(indexes, order) == {"cs", "pl"}
    assert {lang: ix["docs"] for lang, ix in indexes.items()} == expected
    assert len(indexes["cs"]["docs"]) == 4 * 80 and len(indexes["pl"]["docs"]) == 4 * 96
