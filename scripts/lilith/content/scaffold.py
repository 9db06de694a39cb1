"""`python -m lilith new <slug>`: a new article in all three languages, never overwriting a file.

The files have valid front matter and the standard sections; every text to write is a
`[TODO …]` placeholder, which `check` reports until the editor has replaced it. The
translations are fingerprinted against the scaffolded English, so once the editor writes
the English, `check` reports both translations as outdated and shows what to translate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from lilith.content.pages import ARTICLES_DIR, SLUG, parse_document
from lilith.text import strings
from lilith.text.languages import DEFAULT, LANGUAGES
from lilith.translations.fingerprints import fingerprint, source_text, write_snapshot

# The standard sections of an article, per language: lede in front matter, an opening,
# what changed, what it means for teams, a checklist, what to watch, and the verdict.
_TEXT: dict[str, dict] = {
    "en": {
        "title": "[TODO: title — the claim, in one sentence]",
        "description": "[TODO: the lede — two or three sentences shown above the title and in listings]",
        "verdict": "[TODO: the verdict in one line, for listings]",
        "source_title": "[TODO: title of the original]",
        "publisher": "[TODO: who published it]",
        "opening": "[TODO: what happened, and why a team building AI products should care]",
        "changed": "What changed",
        "changed_text": "[TODO: the facts, with the original source’s own numbers]",
        "means": "What it means for teams",
        "means_text": "[TODO: Lilith’s commentary]",
        "before": "Before you decide",
        "checklist": "[TODO: the checklist’s title, e.g. Before you decide to tune]",
        "items": (
            "[TODO: a first question the reader answers yes or no]",
            "[TODO: a second question]",
            "[TODO: a third question]",
        ),
        "all": "[TODO: what it means when every box is ticked]",
        "some": "[TODO: what it means when some are ticked]",
        "none": "[TODO: what it means when none is ticked]",
        "watch": "What to watch",
        "watch_text": "[TODO: signals that would change the verdict]",
        "verdict_text": "[TODO: the verdict, two or three sentences]",
    },
    "cs": {
        "title": "[TODO: titulek – teze jednou větou]",
        "description": "[TODO: perex – dvě až tři věty nad titulkem a ve výpisech]",
        "verdict": "[TODO: verdikt na jeden řádek pro výpisy]",
        "source_title": "[TODO: název originálu]",
        "publisher": "[TODO: kdo ho vydal]",
        "opening": "[TODO: co se stalo a proč by to mělo zajímat tým, který staví AI produkty]",
        "changed": "Co se změnilo",
        "changed_text": "[TODO: fakta, s čísly z původního zdroje]",
        "means": "Co to znamená pro týmy",
        "means_text": "[TODO: komentář Lilith]",
        "before": "Než se rozhodnete",
        "checklist": "[TODO: název checklistu, např. Než se rozhodnete ladit model]",
        "items": (
            "[TODO: první otázka, na kterou čtenář odpoví ano, nebo ne]",
            "[TODO: druhá otázka]",
            "[TODO: třetí otázka]",
        ),
        "all": "[TODO: co znamená, když jsou zaškrtnuté všechny]",
        "some": "[TODO: co znamená, když jsou zaškrtnuté jen některé]",
        "none": "[TODO: co znamená, když není zaškrtnutá žádná]",
        "watch": "Co sledovat",
        "watch_text": "[TODO: signály, které by verdikt změnily]",
        "verdict_text": "[TODO: verdikt ve dvou až třech větách]",
    },
    "pl": {
        "title": "[TODO: tytuł – teza w jednym zdaniu]",
        "description": "[TODO: lead – dwa, trzy zdania nad tytułem i na listach artykułów]",
        "verdict": "[TODO: werdykt w jednym wierszu, na listy artykułów]",
        "source_title": "[TODO: tytuł oryginału]",
        "publisher": "[TODO: kto go opublikował]",
        "opening": "[TODO: co się stało i dlaczego powinno to obchodzić zespół budujący produkty AI]",
        "changed": "Co się zmieniło",
        "changed_text": "[TODO: fakty, z liczbami z oryginalnego źródła]",
        "means": "Co to oznacza dla zespołów",
        "means_text": "[TODO: komentarz Lilith]",
        "before": "Zanim zdecydujesz",
        "checklist": "[TODO: tytuł checklisty, np. Zanim zdecydujesz się dostroić model]",
        "items": (
            "[TODO: pierwsze pytanie, na które czytelnik odpowie tak lub nie]",
            "[TODO: drugie pytanie]",
            "[TODO: trzecie pytanie]",
        ),
        "all": "[TODO: co oznacza zaznaczenie wszystkich]",
        "some": "[TODO: co oznacza zaznaczenie tylko niektórych]",
        "none": "[TODO: co oznacza brak zaznaczeń]",
        "watch": "Co obserwować",
        "watch_text": "[TODO: sygnały, które zmieniłyby werdykt]",
        "verdict_text": "[TODO: werdykt w dwóch, trzech zdaniach]",
    },
}


@dataclass(frozen=True)
class Plan:
    """What `new` would write: path -> text."""

    files: dict[Path, str]

    def existing(self) -> list[Path]:
        return [path for path in self.files if path.exists()]


def known_tags() -> list[str]:
    """Tag ids with names in strings.yml (`tag.<id>`)."""
    return sorted(key.removeprefix("tag.") for key in strings.load() if key.startswith("tag."))


class ScaffoldError(ValueError):
    """A slug or option `new` cannot use (a usage error, exit 2)."""


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def article_text(
    lang: str, date: dt.date, tags: list[str], source_url: str, fingerprint: str | None = None
) -> str:
    """The scaffold of one language version."""
    s = _TEXT[lang]
    items = "\n".join(f"- {item}" for item in s["items"])
    front = [
        "---",
        f"title: {_q(s['title'])}",
        f"description: {_q(s['description'])}",
        f"date: {date.isoformat()}",
        f"tags: [{', '.join(tags)}]",
        f"verdict: {_q(s['verdict'])}",
        "source:",
        f"  url: {source_url}",
        f"  title: {_q(s['source_title'])}",
        f"  publisher: {_q(s['publisher'])}",
    ]
    if fingerprint:
        front.append(f"translated_from: {fingerprint}")
    front.append("---")
    body = f"""
{s["opening"]}

## {s["changed"]}

{s["changed_text"]}

## {s["means"]}

{s["means_text"]}

## {s["before"]}

/// checklist | {s["checklist"]}
{items}

outcome all: {s["all"]}
outcome some: {s["some"]}
outcome none: {s["none"]}
///

## {s["watch"]}

{s["watch_text"]}

/// verdict
{s["verdict_text"]}
///
"""
    return "\n".join(front) + "\n" + body


def plan(
    root: Path,
    slug: str,
    date: dt.date | None = None,
    tags: list[str] | None = None,
    source_url: str = "https://example.com/replace-with-the-original",
) -> Plan:
    """The three files of a new article, translations fingerprinted against the English scaffold."""
    if not SLUG.match(slug):
        raise ScaffoldError(
            f"slug '{slug}' must be lowercase words joined by hyphens, e.g. 'agents-in-production'"
        )
    known = known_tags()
    if not tags:
        listed = ", ".join(known) or "none yet"
        raise ScaffoldError(f"give the article at least one --tag; known tags: {listed}")
    bad = [t for t in tags if not SLUG.match(t)]
    if bad:
        raise ScaffoldError(f"tags are lowercase ids like 'fine-tuning', not {bad}")
    unknown = [t for t in tags if known and t not in known]
    if unknown:
        raise ScaffoldError(
            f"unknown tag(s) {', '.join(unknown)}; known tags: {', '.join(known)} "
            "(a new tag needs 'tag.<id>' with en, cs and pl names in scripts/lilith/text/strings.yml)"
        )
    if not source_url.startswith("https://"):
        raise ScaffoldError("--source-url must be an https:// URL")
    date = date or dt.date.today()
    folder = root / "docs" / ARTICLES_DIR
    english = article_text(DEFAULT, date, tags, source_url)
    doc = parse_document(folder / f"{slug}.md", english)
    english_print = fingerprint(source_text(doc.meta, doc.body))
    files = {folder / f"{slug}.md": english}
    for lang in LANGUAGES:
        if lang != DEFAULT:
            files[folder / f"{slug}.{lang}.md"] = article_text(lang, date, tags, source_url, english_print)
    return Plan(files)


def create(root: Path, new: Plan) -> list[Path]:
    """Write the planned files and the English snapshot; refuses (writes nothing) if any exists."""
    existing = new.existing()
    if existing:
        raise FileExistsError(existing)
    english = next(iter(new.files.values()))
    doc = parse_document(next(iter(new.files)), english)
    write_snapshot(root, source_text(doc.meta, doc.body))
    written = []
    for path, text in new.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite
            fh.write(text)
        written.append(path)
    return written
