"""Facts about the real content that several tests check against."""

import json
from pathlib import Path

LANGS = ("en", "cs", "pl")
PREFIX = {"en": "", "cs": "cs/", "pl": "pl/"}
SLUG = "fine-tuning-no-longer-default"
ARTICLE = f"radar/{SLUG}/"
SOURCE_URL = "https://lilithai.dev/radar/latent-space-konec-fine-tuningu-pro-vetsinu-ai-engineeringu"
VERDICT_HEADING = {"en": "Lilith’s verdict", "cs": "Verdikt Lilith", "pl": "Werdykt Lilith"}
SOURCE_LABEL = {"en": "Original source", "cs": "Původní zdroj", "pl": "Oryginalne źródło"}


def page_path(lang: str, path: str = "") -> str:
    """Site-relative path of `path` in `lang`."""
    return PREFIX[lang] + path


def search_docs(site_dir: Path, lang: str) -> list[dict]:
    """Every search document of a language, as Material indexed it, from the page files
    the search worker fetches (`lilith.search.shards`: search/p/<n>.json)."""
    folder = site_dir / PREFIX[lang] / "search" / "p"
    files = sorted(folder.glob("*.json"), key=lambda f: int(f.stem))
    rows = [row for f in files for row in json.loads(f.read_text(encoding="utf-8"))]
    return [{"location": r[0], "title": r[1], "text": r[2], "tags": r[3]} for r in rows]
