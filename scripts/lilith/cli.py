"""`python -m lilith …`: the editors' and CI's command line.

Thin commands over library functions (`lilith.checks`, `lilith.translations`,
`lilith.scaffold`); every command reports through `lilith.report` and exits with its
codes: 0 clean, 1 problems, 2 usage or configuration error.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from lilith import report
from lilith.report import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Format, Problem

app = typer.Typer(
    name="lilith",
    help="Lilith's editor and CI tools. Exit codes: 0 clean, 1 problems, 2 usage or configuration error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _group() -> None:
    """Lilith's editor and CI tools. Exit codes: 0 clean, 1 problems, 2 usage or configuration error."""


# -- options shared by the commands ----------------------------------------------------------

RootOption = Annotated[
    Path,
    typer.Option("--root", help="the site's repository (holds mkdocs.yml and docs/)", show_default=False),
]
FormatOption = Annotated[Format, typer.Option("--format", help="output for people or machines")]
JunitOption = Annotated[
    Path | None, typer.Option("--junit", help="also write a JUnit XML report to PATH", metavar="PATH")
]


def find_root(start: Path) -> Path:
    """The nearest directory at or above `start` that holds `mkdocs.yml`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise typer.BadParameter(f"no mkdocs.yml in {start} or above; run inside the site or pass --root")


def emit(
    problems: Sequence[Problem],
    fmt: Format,
    junit: Path | None,
    title: str,
    console: Console | None = None,
) -> int:
    """Print `problems` in `fmt`, write the JUnit file if asked; return the exit code."""
    console = console or Console(highlight=False)
    if fmt == Format.JSON:
        print(report.render_json(problems))
    elif fmt == Format.GITHUB:
        if problems:
            print(report.render_github(problems))
    else:
        report.render_human(problems, console, title=title)
    if junit is not None:
        try:
            junit.parent.mkdir(parents=True, exist_ok=True)
            junit.write_text(report.render_junit(problems, suite=f"lilith.{title}"), encoding="utf-8")
        except OSError as exc:
            print(f"lilith: cannot write the JUnit report {junit}: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
    return report.exit_code(problems)


# -- check -----------------------------------------------------------------------------------


@app.command()
def check(
    root: RootOption = Path("."),
    fmt: FormatOption = Format.HUMAN,
    junit: JunitOption = None,
) -> None:
    """Validate front matter, translation completeness, parity and staleness."""
    from lilith.checks import run_checks

    site = find_root(root)
    raise typer.Exit(emit(run_checks(site), fmt, junit, "check"))


# -- links -----------------------------------------------------------------------------------
# `python -m lilith links` (the link checker, lilith/links.py) is added here by its owner.


# -- entry point -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising SystemExit."""
    try:
        app(args=list(argv) if argv is not None else None, prog_name="python -m lilith", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_USAGE)
    return EXIT_OK


__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "app", "emit", "find_root", "main"]
