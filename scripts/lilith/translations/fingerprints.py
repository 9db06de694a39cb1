"""Translations: completeness, staleness (fingerprints of the English text) and their snapshots.

A translation's front matter stores `translated_from: <fingerprint>`, the first 12 hex digits
of the SHA-256 of the English source's *translatable text* (`source_text`: the translatable
front-matter fields and the body, whitespace-normalised). The text itself is kept in
`fingerprints/<fingerprint>.txt` at the repository root (outside `docs/`, never built), so
when the English changes, `check` shows what changed since the translation was made without
relying on git history. `update_fingerprint` records a translation as current again.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from lilith.content.pages import (
    ContentError,
    Document,
    line_of_key,
    parse_document,
    read_text,
    source_name,
)
from lilith.report import Problem
from lilith.text.languages import DEFAULT

SNAPSHOT_DIR = "fingerprints"
FINGERPRINT_LENGTH = 12
# Front-matter fields whose text is translated; other fields (date, tags, source.url …) are
# checked for parity instead, so a change there does not make translations outdated.
TRANSLATABLE_FIELDS = ("title", "description", "verdict", "source.title", "source.publisher")
_FINGERPRINT_LINE = re.compile(r"^translated_from\s*:.*$")
_REFERENCE = re.compile(r"^translated_from\s*:\s*['\"]?([0-9a-f]{12})\b", re.MULTILINE)
_SNAPSHOT_NAME = re.compile(r"^[0-9a-f]{12}\.txt$")
LANGUAGE_NAMES_EN = {"en": "English", "cs": "Czech", "pl": "Polish"}


def _field(meta: Mapping, dotted: str) -> object:
    value: object = meta
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def source_text(meta: Mapping, body: str) -> str:
    """The English text a translation follows: translatable fields, then the body, normalised.

    Trailing spaces, runs of blank lines and blank lines at either end do not count, and
    each field's value is one line; everything else does.
    """
    head = []
    for name in TRANSLATABLE_FIELDS:
        value = _field(meta, name)
        if isinstance(value, str) and value.strip():
            head.append(f"{name}: {' '.join(value.split())}")
    lines: list[str] = []
    for line in body.split("\n"):
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(head) + "\n\n" + "\n".join(lines) + "\n"


def fingerprint(text: str) -> str:
    """First 12 hex digits of the SHA-256 of `text`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def snapshot_path(root: Path, print_: str) -> Path:
    return root / SNAPSHOT_DIR / f"{print_}.txt"


def read_snapshot(root: Path, print_: str) -> str | None:
    """The English text stored for a fingerprint, or None when it is not stored (or unreadable)."""
    path = snapshot_path(root, print_)
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_snapshot(root: Path, text: str) -> str:
    """Store `text` under its fingerprint (content-addressed: never rewritten); return it."""
    print_ = fingerprint(text)
    path = snapshot_path(root, print_)
    if read_snapshot(root, print_) != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return print_


def english_path(translation: Path, docs: Path) -> Path:
    """The English source file of a translation (`x.cs.md` -> `x.md`)."""
    name = source_name(translation.relative_to(docs).as_posix())
    return docs / f"{name.page}.md"


# -- staleness -------------------------------------------------------------------------------


def staleness(root: Path, english: Document, translation: Document, now: str | None = None) -> Problem | None:
    """An `outdated` (or `fingerprint-missing`) problem when `translation` no longer follows `english`.

    `now` is the English `source_text`, when the caller has it already.
    """
    rel = translation.path.relative_to(root).as_posix()
    en_rel = english.path.relative_to(root).as_posix()
    now = now if now is not None else source_text(english.meta, english.body)
    current = fingerprint(now)
    stored = translation.meta.get("translated_from")
    command = f"python -m lilith fingerprint {rel}"
    if stored is None:
        return Problem(
            rel,
            1,
            "fingerprint-missing",
            f"no 'translated_from' fingerprint, so nobody will know when {en_rel} changes; once this "
            f"translation matches the English, run `{command}`",
        )
    if stored == current:
        return None
    line = line_of_key(translation.front_matter, ("translated_from",))
    old = read_snapshot(root, str(stored))
    if old is None:
        return Problem(
            rel,
            line,
            "outdated",
            f"outdated: {en_rel} changed since this translation was made, and the English it was "
            f"translated from ({stored}) is not stored in {SNAPSHOT_DIR}/, so compare by hand; "
            f"update the translation, then run `{command}`",
        )
    diff = "\n".join(
        difflib.unified_diff(
            old.splitlines(),
            now.splitlines(),
            fromfile=f"{en_rel} when translated ({stored})",
            tofile=f"{en_rel} now ({current})",
            lineterm="",
            n=1,
        )
    )
    return Problem(
        rel,
        line,
        "outdated",
        f"outdated: {en_rel} changed since this translation was made (what changed is below); "
        f"update the translation, then run `{command}`",
        detail=diff,
    )


# -- updating fingerprints -------------------------------------------------------------------


@dataclass(frozen=True)
class FingerprintUpdate:
    """What recording one translation as current changes (see `plan_fingerprint`)."""

    translation: Path
    old: str | None
    new: str
    english_text: str  # stored as fingerprints/<new>.txt
    translation_text: str  # the file with `translated_from: <new>`
    changed: bool

    def apply(self, root: Path) -> None:
        write_snapshot(root, self.english_text)
        if self.changed:
            self.translation.write_bytes(self.translation_text.encode("utf-8"))


def plan_fingerprint(root: Path, translation: Path) -> FingerprintUpdate:
    """What recording `translation` as following the current English would change; writes nothing.

    Raises `ContentError` when the translation or its English source cannot be read.
    """
    docs = root / "docs"
    rel = translation.relative_to(docs).as_posix()
    if source_name(rel).lang == DEFAULT:
        raise ContentError(translation, 1, "an English file has no fingerprint; pass its translation")
    text = read_text(translation)
    doc = parse_document(translation, text)
    source = english_path(translation, docs)
    if not source.is_file():
        raise ContentError(translation, 1, f"no English source {source.relative_to(root).as_posix()}")
    english = parse_document(source)
    now = source_text(english.meta, english.body)
    old, new = doc.meta.get("translated_from"), fingerprint(now)
    old = str(old) if old is not None else None
    return FingerprintUpdate(translation, old, new, now, _with_fingerprint(text, new), old != new)


def update_fingerprint(root: Path, translation: Path) -> tuple[str | None, str]:
    """Record `translation` as following the current English; returns (old, new) fingerprints.

    Raises `ContentError` (and changes no file) when the translation or its English cannot be read.
    """
    update = plan_fingerprint(root, translation)
    update.apply(root)
    return update.old, update.new


def _with_fingerprint(text: str, print_: str) -> str:
    """`text` with its front matter's `translated_from` set to `print_` (added when absent)."""
    value = print_ if yaml.safe_load(print_) == print_ else f'"{print_}"'  # e.g. all digits
    entry = f"translated_from: {value}"
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return f"---\n{entry}\n---\n" + text
    end = next(i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---")
    for i in range(1, end):
        if _FINGERPRINT_LINE.match(lines[i]):
            lines[i] = entry
            return "\n".join(lines)
    lines.insert(end, entry)
    return "\n".join(lines)


def prune_snapshots(root: Path) -> list[Path]:
    """Delete stored English texts no translation refers to any more; returns what was removed."""
    referenced = set()
    for page in (root / "docs").rglob("*.md"):
        referenced.update(_REFERENCE.findall(page.read_bytes().decode("utf-8", errors="replace")))
    removed = []
    for snap in sorted((root / SNAPSHOT_DIR).glob("*.txt")):
        if _SNAPSHOT_NAME.match(snap.name) and snap.stem not in referenced:
            snap.unlink()
            removed.append(snap)
    return removed
