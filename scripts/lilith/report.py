"""Problems found by our checks, and the formats they are reported in.

One `Problem` record for every check (`check`, `links`, the build); one renderer per
audience: people (rich, grouped by file), machines (JSON), GitHub Actions annotations and JUnit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # rich is imported only for people's output (it costs a check ~10 %)
    from rich.console import Console


class Totals(Protocol):
    """What a command counted besides its problems (`lilith.links.summary.LinkSummary`)."""

    def as_json(self) -> dict[str, int]: ...

    def text(self) -> str: ...


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


class Format(StrEnum):
    HUMAN = "human"
    JSON = "json"
    GITHUB = "github"


# Exit codes shared by every command (documented in the README).
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, anchored to a file and line."""

    path: str
    line: int
    code: str  # short id of the check, e.g. "translation-missing"
    message: str
    severity: Severity = Severity.ERROR
    detail: str = ""  # optional multi-line context, e.g. a unified diff

    def one_line(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message} [{self.code}]"

    def full_text(self) -> str:
        """`one_line()` followed by the detail, if any."""
        return self.one_line() + (f"\n{self.detail}" if self.detail else "")


def _print_detail(detail: str, console: Console) -> None:
    """Indented detail under a problem; unified diffs coloured like `git diff`."""
    from rich.markup import escape as escape_markup

    styles = {"+": "green", "-": "red", "@": "cyan"}
    for line in detail.splitlines():
        style = "dim" if line.startswith(("+++", "---")) else styles.get(line[:1], "")
        text = escape_markup(line)
        console.print(
            f"        [{style}]{text}[/{style}]" if style else f"        {text}",
            highlight=False,
            soft_wrap=True,
        )


def exit_code(problems: Iterable[Problem]) -> int:
    """1 when any problem is an error, else 0."""
    return EXIT_PROBLEMS if any(p.severity == Severity.ERROR for p in problems) else EXIT_OK


def render_human(
    problems: Sequence[Problem], console: Console, title: str = "check", totals: Totals | None = None
) -> None:
    """Grouped by file, coloured by severity, with a closing count (and the totals after it)."""
    from rich.markup import escape as escape_markup

    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTICE: "cyan"}
    current = None
    for p in sorted(problems):
        if p.path != current:
            current = p.path
            console.print(f"\n[bold]{escape_markup(p.path)}[/bold]", highlight=False, soft_wrap=True)
        colour = colours[p.severity]
        console.print(
            f"  [dim]{p.line:>4}[/dim]  [{colour}]{p.severity:<7}[/{colour}] {escape_markup(p.message)} "
            f"[dim]{p.code}[/dim]",
            highlight=False,
            soft_wrap=True,
        )
        if p.detail:
            _print_detail(p.detail, console)
    errors = sum(p.severity == Severity.ERROR for p in problems)
    warnings = sum(p.severity == Severity.WARNING for p in problems)
    tail = f"; {escape_markup(totals.text())}" if totals is not None else ""
    if problems:  # one line however wide (soft wrap): the last line is for scripts too
        console.print(f"\n{title}: {errors} error(s), {warnings} warning(s){tail}", soft_wrap=True)
    else:
        console.print(f"{title}: [green]no problems[/green]{tail}", soft_wrap=True)


def render_json(problems: Sequence[Problem], totals: Totals | None = None) -> str:
    data: dict[str, object] = {
        "problems": [asdict(p) for p in sorted(problems)],
        "errors": exit_code(problems) != 0,
    }
    if totals is not None:
        data["summary"] = totals.as_json()
    return json.dumps(data, ensure_ascii=False, indent=2)


def _gh_escape(text: str, props: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if props else text


def _message_and_detail(p: Problem) -> str:
    return p.message + (f"\n{p.detail}" if p.detail else "")


def render_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…::message`."""
    return "\n".join(
        f"::{p.severity} file={_gh_escape(p.path, True)},line={p.line},"
        f"title={_gh_escape(p.code, True)}::{_gh_escape(_message_and_detail(p))}"
        for p in sorted(problems)
    )


def render_junit(problems: Sequence[Problem], suite: str) -> str:
    """A JUnit XML report: one test case per problem (or one passing case when clean)."""
    from xml.sax.saxutils import escape, quoteattr  # imports urllib.request: only when asked

    errors = [p for p in problems if p.severity == Severity.ERROR]
    cases = []
    for p in sorted(problems):
        name = quoteattr(f"{p.path}:{p.line} {p.code}")
        body = ""
        if p.severity == Severity.ERROR:
            body = f"<failure message={quoteattr(p.message)}>{escape(p.full_text())}</failure>"
        else:
            body = f"<system-out>{escape(p.full_text())}</system-out>"
        cases.append(f"    <testcase classname={quoteattr(suite)} name={name}>{body}</testcase>")
    if not cases:
        cases.append(f'    <testcase classname={quoteattr(suite)} name="all"/>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites>\n  <testsuite name={quoteattr(suite)} tests="{len(cases)}" '
        f'failures="{len(errors)}">\n' + "\n".join(cases) + "\n  </testsuite>\n</testsuites>\n"
    )
