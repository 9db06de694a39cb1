"""A private copy of the real site whose articles a test may edit: same mkdocs.yml, plugin,
theme and glossary (linked, not copied), its own docs/. Used by the checklist tests that
must change Markdown and rebuild (broken blocks, an edited question)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_MD = Path("docs/radar/fine-tuning-no-longer-default.md")
_SKIP = {".git", ".venv", "site", "tests", "docs", "mkdocs.yml", "__pycache__", ".pytest_cache"}


def make_site(target: Path) -> Path:
    """Copy docs/ and mkdocs.yml into `target`, link everything else; returns the config path."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for entry in ROOT.iterdir():
        if entry.name not in _SKIP and not entry.name.startswith("."):
            (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return target / "mkdocs.yml"


def build(config: Path, site_dir: Path, site_url: str, strict: bool = False) -> subprocess.CompletedProcess:
    """`mkdocs build` of the copy, from its folder (so error paths read `docs/…`)."""
    env = {**os.environ, "LILITH_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    return subprocess.run(
        [*command, "--strict"] if strict else command,
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def edit(config: Path, old: str, new: str, path: Path = ARTICLE_MD) -> None:
    """Replace `old` (which must occur once) by `new` in a Markdown file of the copy."""
    source = config.parent / path
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    source.write_text(text.replace(old, new), encoding="utf-8")
