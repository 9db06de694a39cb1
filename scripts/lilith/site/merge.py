"""Merging the languages' builds into one site (`lilith.site.parallel_build`'s last step).

Each worker writes a whole site into its own directory; `merge` keeps what each language
owns (`cs/…` from the Czech build, everything else from the default language's);
`drop_fallback_duplicates` drops the search entries of fallback pages, as static-i18n does
after a sequential build (`lilith.site.finish.merge_search` applies it).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Sequence
from pathlib import Path

from lilith.text.languages import prefix


def clean_directory(directory: Path) -> None:
    """Empty `directory` but keep it and its hidden entries, as `mkdocs build` does."""
    if not directory.exists():
        directory.mkdir(parents=True)
        return
    for entry in directory.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def drop_fallback_duplicates(indexes: dict[str, dict], order: Sequence[str]) -> set[str]:
    """Remove search entries static-i18n drops in a sequential build; the changed languages.

    After building every language, static-i18n drops a translation's entry when it is the
    default language's entry again (a fallback page): same title and text, and a location
    ending in the default entry's. Each worker only knows its own language, so the merge
    applies that rule to the per-language indexes (`{lang: index}`, locations relative to the
    language root; `order`: the default language first). By lookup, not as static-i18n does
    it (every entry against every other: 6 s for 1,000 articles × 3 languages).
    """
    default, others = order[0], [lang for lang in order[1:] if lang in indexes]
    located: dict[tuple[str, str], list[str]] = {}  # (title, text) -> default entries' locations
    for doc in indexes.get(default, {}).get("docs", []):
        located.setdefault((doc["title"], doc["text"]), []).append(doc["location"])
    changed = set()
    for lang in others:
        docs = indexes[lang].get("docs", [])
        kept = [
            doc
            for doc in docs
            if not any(
                (prefix(lang) + doc["location"]).endswith(location)
                for location in located.get((doc["title"], doc["text"]), ())
            )
        ]
        if len(kept) != len(docs):
            indexes[lang]["docs"] = kept
            changed.add(lang)
    return changed


def owned_entries(part: Path, lang: str, default: str, langs: Collection[str]) -> list[Path]:
    """The top-level entries of `lang`'s build (`part`) that are its own in the merged site.

    The default language owns everything except the other languages' top-level folders;
    every other language owns exactly its folder (`cs/` from the Czech build).
    """
    if lang == default:
        others = {other for other in langs if other != default}
        return [entry for entry in sorted(part.iterdir()) if entry.name not in others]
    own = part / lang
    return [own] if own.exists() else []


def merge(parts: dict[str, Path], site_dir: Path, default: str) -> None:
    """Move each language's own files (`owned_entries`) from its build directory in `parts`
    into `site_dir`, emptied first."""
    clean_directory(site_dir)
    for lang in sorted(parts, key=lambda lang: (lang != default, lang)):
        for entry in owned_entries(parts[lang], lang, default, parts):
            os.replace(entry, site_dir / entry.name)
