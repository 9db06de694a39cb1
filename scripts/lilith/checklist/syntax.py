"""Interactive checklists editors declare in Markdown (`/// checklist`, pymdownx Blocks API).

    /// checklist | Four questions before you fine-tune
        id: before-fine-tuning

    - Do we have an evaluation set that captures real quality? -> glossary:evaluation-set
      | Build an evaluation set first: …
    - Can we calculate that custom tuning beats a runtime solution? -> ../other-article.md

    outcome all: **Fine-tuning is now a measured decision.** …
    outcome 0-3: **Keep fine-tuning in the drawer.** …
    ///

The body is read by `parse_body` into a `Checklist`; `render` writes accessible markup that
works without JavaScript (a fieldset with labelled checkboxes and the outcomes in text) and
carries what overrides/assets/lilith/checklist.js needs (item hashes, outcome ranges).
Every mistake is a `ChecklistError` naming file and line: pymdownx leaves a block it cannot
read as plain text, so `LeftoverCheck` also fails on any `/// checklist` left in the page.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from markdown import Markdown

NAME = "checklist"
GLOSSARY_DIR = Path(__file__).resolve().parents[3] / "glossary"
BLOCK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BLOCK_START = re.compile(r"^[ ]{0,3}/{3,}[ ]*checklist\b[ \t]*(?:\|[ \t]*(.*?)[ \t]*)?$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ITEM = re.compile(r"^[-*+][ \t]+(?:\[[ xX]?\][ \t]+)?(.*)$")
_OUTCOME = re.compile(r"^outcome[ \t]+([^:]+?)[ \t]*:[ \t]*(.*)$", re.I)
_TARGET = re.compile(r"^(.*)[ \t]+->[ \t]+(\S.*?)[ \t]*$")  # the last arrow
GLOSSARY_TARGET = re.compile(r"^glossary:([a-z0-9]+(?:-[a-z0-9]+)*)$")
_PAGE = re.compile(r"^(?:\[([^\]]+)\]\(([^)\s]+)\)|([^\s\[\]()]+))$")
_RANGE = re.compile(r"^(\d+)(?:[ \t]*[-–][ \t]*(\d+))?$")


def config_spec() -> dict[str, list[Any]]:
    """Extension options the plugin sets per page, next to `lang` (fresh lists: Markdown mutates them)."""
    return {
        "src_path": ["", "Markdown file being rendered (absolute), for error messages"],
        "page_url": ["", "Site-relative URL of the page, for relative glossary links"],
        "glossary_dir": [str(GLOSSARY_DIR), "Folder with the glossary/<id>.yml files"],
        "error": [ChecklistError, "ChecklistError subclass to raise (the site's build error)"],
    }


class ChecklistError(Exception):
    """A broken checklist block; prints as `path:line: checklist: message` and stops the build.

    `fail` raises the class given as the extension's `error` option: under MkDocs a subclass
    that is also MkDocs' `PluginError` (`lilith.site.markdown_options`), so the build stops
    with this one line instead of a traceback.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: checklist: {message}")
        self.path, self.line, self.reason = path, line, message


class BodyError(ValueError):
    """A problem in a block's body; `text` is the offending line, when there is one."""

    def __init__(self, message: str, text: str = "", nth: int = 0) -> None:
        super().__init__(message)
        self.text, self.nth = text, nth  # `text` is the nth line with that text in the block


@dataclass
class Item:
    """One question: Markdown text, an optional glossary term or page, the step to take if unticked."""

    text: str
    target: str = ""
    lever: str = ""
    line: str = ""  # the source line, to point errors at

    @property
    def hash(self) -> str:
        """Stable id of the item's wording: an edited question does not keep an old answer."""
        return item_hash(self.text)


@dataclass
class Outcome:
    """What it means when between `low` and `high` items (inclusive) are ticked."""

    low: int
    high: int
    text: str
    spec: str = ""
    line: str = ""


@dataclass
class Checklist:
    """A parsed `/// checklist` block."""

    title: str
    id: str
    items: list[Item] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


def item_hash(text: str) -> str:
    """Eight hex digits of SHA-256 over the item's text with whitespace collapsed."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def default_id(title: str) -> str:
    """An id from the title: ASCII letters and digits joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_title.lower())) or "checklist"


def parse_body(text: str) -> tuple[list[Item], list[tuple[str, str, str]]]:
    """Items and raw outcomes `(spec, text, line)` from a block body; `BodyError` on a bad line."""
    items: list[Item] = []
    outcomes: list[tuple[str, str, str]] = []
    last: str | None = None  # what an indented line continues: "item", "lever" or "outcome"
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|"):
            if not items or last not in {"item", "lever"}:
                raise BodyError("a '| …' line (what to do if unticked) must follow an item", raw)
            items[-1].lever = f"{items[-1].lever} {line[1:].strip()}".strip()
            last = "lever"
        elif raw[:1] in {" ", "\t"} and last:
            if last == "outcome":
                spec, body, src = outcomes[-1]
                outcomes[-1] = (spec, f"{body} {line}", src)
            elif last == "lever":
                items[-1].lever += f" {line}"
            else:
                items[-1].text += f" {line}"
        elif match := _ITEM.match(line):
            items.append(Item(match.group(1).strip(), line=raw))
            last = "item"
        elif match := _OUTCOME.match(line):
            outcomes.append((match.group(1), match.group(2).strip(), raw))
            last = "outcome"
        else:
            raise BodyError(
                f"'{line[:40]}': expected '- question', '  | step if unticked' or 'outcome <count>: text'",
                raw,
            )
    for item in items:
        if match := _TARGET.search(item.text):
            item.text, item.target = match.group(1).strip(), match.group(2)
            check_target(item)
        if not item.text:
            raise BodyError("an item has no question text", item.line)
    return items, outcomes


def check_target(item: Item) -> None:
    """A target is `glossary:<term-id>` or a relative `.md` page, optionally as `[text](page.md)`."""
    if GLOSSARY_TARGET.match(item.target):
        return
    match = _PAGE.match(item.target)
    path = (match.group(2) or match.group(3)) if match else ""
    if not path or "://" in path or path.startswith("/") or not path.split("#")[0].endswith(".md"):
        raise BodyError(
            f"'-> {item.target}': point at 'glossary:<term-id>' or a relative page like '../other.md'",
            item.line,
        )


def parse_outcomes(raw: list[tuple[str, str, str]], total: int) -> list[Outcome]:
    """Outcomes with their count ranges; every count 0..total must have exactly one."""
    named = {"all": (total, total), "none": (0, 0), "some": (1, total - 1)}
    outcomes: list[Outcome] = []
    for spec, text, line in raw:
        key = spec.strip().lower()
        match = _RANGE.match(key)
        if key in named:
            low, high = named[key]
        elif match:
            low = int(match.group(1))
            high = int(match.group(2) or low)
        else:
            raise BodyError(
                f"'outcome {spec}:' counts are all, none, some, a number or a range like 0-3", line
            )
        if low > high or high > total:
            raise BodyError(f"'outcome {spec}:' does not fit a checklist of {total} items", line)
        if not text:
            raise BodyError(f"'outcome {spec}:' has no text", line)
        outcomes.append(Outcome(low, high, text, key, line))
    for count in range(total + 1):
        covering = [o for o in outcomes if o.low <= count <= o.high]
        if not covering:
            raise BodyError(f"no outcome for {count} ticked item(s); cover every count from 0 to {total}")
        if len(covering) > 1:
            specs = " and ".join(f"'outcome {o.spec}'" for o in covering)
            raise BodyError(f"{specs} both cover {count} ticked item(s)", covering[1].line)
    return sorted(outcomes, key=lambda o: o.low)


def parse(title: str, block_id: str, body: str) -> Checklist:
    """A whole block: title (its `| argument`), id option and body."""
    items, raw_outcomes = parse_body(body)
    if not items:
        raise BodyError("no items; list the questions as '- question' lines")
    seen: dict[str, Item] = {}
    for number, item in enumerate(items):
        if item.hash in seen:
            nth = sum(other.line == item.line for other in items[:number])
            raise BodyError(f"the question '{item.text}' appears twice", item.line, nth)
        seen[item.hash] = item
    return Checklist(title, block_id, items, parse_outcomes(raw_outcomes, len(items)))


def target_parts(target: str) -> tuple[str, str, str]:
    """('glossary', term id, '') or ('page', path, link text or '') for a checked target."""
    if match := GLOSSARY_TARGET.match(target):
        return "glossary", match.group(1), ""
    match = _PAGE.match(target)
    assert match is not None  # check_target ran first
    return "page", match.group(2) or match.group(3), match.group(1) or ""


def unknown_term(term_id: str, glossary_dir: str) -> str:
    """The message for a glossary reference that does not exist, with the closest term id."""
    ids = [path.stem for path in Path(glossary_dir).glob("*.yml")]
    close = difflib.get_close_matches(term_id, ids, n=1)
    hint = f"did you mean 'glossary:{close[0]}'?" if close else "terms are the file names in glossary/"
    return f"unknown glossary term '{term_id}'; {hint}"


# -- locating blocks in the source, for error messages -----------------------------------------


def block_starts(source: str) -> list[tuple[int, str]]:
    """(1-based line, title) of every `/// checklist` start outside fenced code."""
    starts: list[tuple[int, str]] = []
    fence = ""
    for number, line in enumerate(source.split("\n"), 1):
        if match := _FENCE.match(line):
            mark = match.group(1)
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = ""
            continue
        if not fence and (start := BLOCK_START.match(line)):
            starts.append((number, (start.group(1) or "").strip()))
    return starts


def locate(source: str, title: str, occurrence: int, text: str = "", nth: int = 0) -> int:
    """Line of the `occurrence`-th block titled `title` (or of the `nth` line reading `text` in it)."""
    starts = [number for number, found in block_starts(source) if found == title.strip()]
    if not starts:
        return 1
    start = starts[min(occurrence, len(starts) - 1)]
    if text.strip():
        found = [
            number
            for number, line in enumerate(source.split("\n")[start:], start + 1)
            if line.strip() == text.strip()
        ]
        if found:
            return found[min(nth, len(found) - 1)]
    return start


def fail(
    config: dict[str, Any],
    md: Markdown,
    title: str,
    occurrence: int,
    message: str,
    text: str = "",
    nth: int = 0,
) -> NoReturn:
    """Raise a ChecklistError at the `occurrence`-th block titled `title` (or at `text` in it).

    Lines are counted in the Markdown file on disk (`src_path`, front matter included), or in
    the Markdown given to Python-Markdown when there is no file (unit tests).
    """
    path = config.get("src_path") or ""
    if path and Path(path).is_file():
        shown = Path(path)
        with contextlib.suppress(ValueError):
            shown = shown.relative_to(Path.cwd())
        shown_path, source = str(shown), Path(path).read_text(encoding="utf-8")
    else:
        shown_path, source = "<markdown>", getattr(md, "lilith_source", "")
    error = config.get("error") or ChecklistError
    raise error(shown_path, locate(source, title, occurrence, text, nth), message)
